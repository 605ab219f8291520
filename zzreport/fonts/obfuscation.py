"""Obfuscated fonts: how a word processing package carries a face (ECMA-376 part 1, §17.8.1), as bytes only.

An embedded face is stored as its TrueType bytes with the first 32 bytes
XORed with a key: the 16 bytes of a GUID (``w:fontKey``, written
``{XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX}``) read from its hexadecimal
digits in reverse order, the last byte of the string first, repeated twice.
Applying the same XOR again gives the font back, so :func:`obfuscate` also
de-obfuscates. The format only discourages copying the face out of the
document; the licence check (:mod:`zzreport.fonts.embedding`) is what
honours the font's terms.

The key is a GUID in form only: :func:`font_key` derives it from a hash of
what the part holds, so the same face and characters give the same key and
the same bytes on every build.
"""

from __future__ import annotations

import hashlib

#: How many leading bytes of the font the key covers.
OBFUSCATED_BYTES = 32


def font_key(*parts: bytes) -> str:
    """A GUID-shaped key from a hash of ``parts`` (uppercase hex in braces, as word processors write it)."""
    digest = hashlib.sha256(b"\0".join(parts)).hexdigest().upper()[:32]
    return f"{{{digest[:8]}-{digest[8:12]}-{digest[12:16]}-{digest[16:20]}-{digest[20:32]}}}"


def _key_bytes(key: str) -> bytes:
    digits = key.strip("{}").replace("-", "")
    if len(digits) != 32:
        raise ValueError(f"a font key holds 32 hexadecimal digits, not {key!r}")
    return bytes.fromhex(digits)[::-1]


def obfuscate(data: bytes, key: str) -> bytes:
    """``data`` with its first 32 bytes XORed with ``key``'s bytes in reverse order (and back: it is its inverse)."""
    mask = _key_bytes(key) * 2
    head = bytes(byte ^ mask[i] for i, byte in enumerate(data[:OBFUSCATED_BYTES]))
    return head + data[OBFUSCATED_BYTES:]


__all__ = ["OBFUSCATED_BYTES", "font_key", "obfuscate"]
