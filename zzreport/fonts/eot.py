"""Embedded OpenType: the wrapping PowerPoint reads a deck's embedded fonts in (``ppt/fonts/fontN.fntdata``).

A ``.fntdata`` part is an EOT file (W3C Member Submission "Embedded OpenType
(EOT) File Format", 2008, version 0x00020001): a little-endian header that
repeats what the font's own ``OS/2``, ``head`` and ``name`` tables say
(PANOSE, weight, italic, ``fsType``, Unicode and code page ranges, the
checksum adjustment, family, style, version and full names), then the
TrueType data itself. PowerPoint and Windows' ``TTLoadEmbeddedFont`` match
the header against the data and refuse a font whose fields disagree, so
:func:`to_eot` reads every field from the data it wraps, never from the
face the data was cut from. The data is written uncompressed (no MicroType
Express) and unencrypted (no XOR), which every EOT reader accepts; the
subset flag says whether it is a subset.

:func:`read_eot` parses a header back, for tests and for anyone checking a
deck.
"""

from __future__ import annotations

import io
import struct
from dataclasses import dataclass

#: The EOT version written: 0x00020001 adds the root string (empty here) to version 1's names.
EOT_VERSION = 0x00020001
#: Every EOT header carries this magic number after ``fsType``.
EOT_MAGIC = 0x504C
#: Header flag: the font data is a subset of the font (``TTEMBED_SUBSET``).
TTEMBED_SUBSET = 0x00000001
#: Header flag: the data is MicroType Express compressed (never written here).
TTEMBED_TTCOMPRESSED = 0x00000004
#: Header flag: the data is XOR-obfuscated with 0x50 (never written here).
TTEMBED_XORENCRYPTDATA = 0x10000000
#: The header's ``Charset`` field, which the submission fixes to ``DEFAULT_CHARSET``.
DEFAULT_CHARSET = 1

# EOTSize, FontDataSize, Version, Flags, PANOSE[10], Charset, Italic, Weight, fsType, MagicNumber,
# UnicodeRange1-4, CodePageRange1-2, CheckSumAdjustment, Reserved1-4, Padding1.
_FIXED = struct.Struct("<4L10sBBLHH4L2LL4LH")
#: The names the header repeats, by their ``name`` table IDs: family, style, version, full name.
_NAME_IDS = (1, 2, 5, 4)
#: The ten PANOSE digits of fontTools' ``OS/2.panose``, in their order in the table.
PANOSE_FIELDS = (
    "bFamilyType",
    "bSerifStyle",
    "bWeight",
    "bProportion",
    "bContrast",
    "bStrokeVariation",
    "bArmStyle",
    "bLetterForm",
    "bMidline",
    "bXHeight",
)


@dataclass(frozen=True)
class EotHeader:
    """The fields of an EOT header, as :func:`read_eot` finds them."""

    eot_size: int
    font_data_size: int
    version: int
    flags: int
    panose: bytes
    charset: int
    italic: int
    weight: int
    fs_type: int
    magic: int
    unicode_range: tuple[int, int, int, int]
    code_page_range: tuple[int, int]
    checksum_adjustment: int
    family_name: str
    style_name: str
    version_name: str
    full_name: str
    root_string: str


def _name(font: object, name_id: int) -> str:
    """A name of the font, its Windows English (US) record first, as Windows reads it."""
    table = font["name"]  # type: ignore[index]
    record = table.getName(name_id, 3, 1, 0x409) or table.getName(name_id, 3, 1) or table.getName(name_id, 1, 0)
    return record.toUnicode() if record is not None else ""


def _sized(text: str) -> bytes:
    """A header string: its size in bytes (USHORT) and the UTF-16LE text, no terminator."""
    data = text.encode("utf-16-le")
    return struct.pack("<H", len(data)) + data


def to_eot(font_data: bytes, *, subset: bool) -> bytes:
    """``font_data`` (a TrueType font) as an uncompressed EOT file, its header read from the data itself."""
    from fontTools.ttLib import TTFont

    font = TTFont(io.BytesIO(font_data), lazy=True)
    os2, head = font["OS/2"], font["head"]
    panose_bytes = bytes(int(getattr(os2.panose, name)) for name in PANOSE_FIELDS)
    code_pages = (getattr(os2, "ulCodePageRange1", 0), getattr(os2, "ulCodePageRange2", 0))
    names = b"".join((b"" if i == 0 else b"\0\0") + _sized(_name(font, name_id)) for i, name_id in enumerate(_NAME_IDS))
    # FamilyName … FullName (each but the first after its padding), then Padding5 and an empty RootString:
    # no root string means the font is not tied to one document's address.
    body = names + b"\0\0" + _sized("")
    size = _FIXED.size + len(body) + len(font_data)
    fixed = _FIXED.pack(
        size,
        len(font_data),
        EOT_VERSION,
        TTEMBED_SUBSET if subset else 0,
        panose_bytes,
        DEFAULT_CHARSET,
        1 if os2.fsSelection & 0x0001 else 0,
        os2.usWeightClass,
        os2.fsType,
        EOT_MAGIC,
        os2.ulUnicodeRange1,
        os2.ulUnicodeRange2,
        os2.ulUnicodeRange3,
        os2.ulUnicodeRange4,
        *code_pages,
        head.checkSumAdjustment,
        0,
        0,
        0,
        0,
        0,
    )
    return fixed + body + font_data


def _read_sized(blob: bytes, offset: int) -> tuple[str, int]:
    (size,) = struct.unpack_from("<H", blob, offset)
    start = offset + 2
    if start + size > len(blob):
        raise ValueError("an EOT header string runs past the end of the file")
    return blob[start : start + size].decode("utf-16-le"), start + size


def read_eot(blob: bytes) -> tuple[EotHeader, bytes]:
    """The header of an EOT file (version 0x00020001 or later) and the font data after it.

    Raises :class:`ValueError` when the blob is not an EOT file or its sizes disagree with its length.
    """
    if len(blob) < _FIXED.size:
        raise ValueError("too short for an EOT header")
    fields = _FIXED.unpack_from(blob)
    (eot_size, data_size, version, flags, panose, charset, italic, weight, fs_type, magic) = fields[:10]
    unicode_range, code_pages, checksum = fields[10:14], fields[14:16], fields[16]
    if magic != EOT_MAGIC:
        raise ValueError(f"no EOT magic number (0x{magic:04X})")
    if version < EOT_VERSION:
        raise ValueError(f"EOT version 0x{version:08X} has no root string")
    offset = _FIXED.size
    names = []
    for i in range(len(_NAME_IDS)):
        if i:
            offset += 2  # Padding2 … Padding4
        text, offset = _read_sized(blob, offset)
        names.append(text)
    root, offset = _read_sized(blob, offset + 2)  # Padding5, RootString
    if version > EOT_VERSION:  # 0x00020002: RootStringCheckSum, EUDCCodePage, Padding6, signature, EUDC font
        offset += 10
        (signature,) = struct.unpack_from("<H", blob, offset)
        offset += 2 + signature + 4  # SignatureSize, Signature, EUDCFlags
        (eudc,) = struct.unpack_from("<L", blob, offset)
        offset += 4 + eudc
    if eot_size != len(blob) or offset + data_size != len(blob):
        raise ValueError(f"EOT sizes ({eot_size}, data {data_size}) disagree with the file's {len(blob)} bytes")
    header = EotHeader(
        eot_size=eot_size,
        font_data_size=data_size,
        version=version,
        flags=flags,
        panose=panose,
        charset=charset,
        italic=italic,
        weight=weight,
        fs_type=fs_type,
        magic=magic,
        unicode_range=(unicode_range[0], unicode_range[1], unicode_range[2], unicode_range[3]),
        code_page_range=(code_pages[0], code_pages[1]),
        checksum_adjustment=checksum,
        family_name=names[0],
        style_name=names[1],
        version_name=names[2],
        full_name=names[3],
        root_string=root,
    )
    return header, blob[offset:]
