"""What a YAML scalar of a spec means: the YAML 1.2 core schema, without its traps.

PyYAML reads YAML 1.1, where ``010`` is 8, ``12:30`` is 750, ``1_000`` is
1000, ``no`` is false and ``2024.10`` is the float 2024.1; YAML 1.2 (what
the editor's language server reads) says 10, "12:30", "1_000", "no" and
2024.1. A spec must mean one thing to every reader and to its author, so:

* plain scalars follow the 1.2 core schema: ``null``/``~``, ``true``/
  ``false``, decimal numbers, ``.inf``/``.nan``; everything else (``12:30``,
  ``1_000``, ``2025-01-20``) is text, and dates are read from text by the
  model;
* forms that YAML 1.1 reads as another value than YAML 1.2 does, where a
  silent guess could change the report (``010``, ``0o17``, ``0x1F``,
  ``yes``/``no``/``on``/``off``), are refused with what to write instead;
* a number remembers the text it was written as, so a text field gets
  exactly what the author typed (``period: 2024.10`` is "2024.10");
* numbers beyond a sane magnitude are refused before Python converts them
  (a 5,000-digit integer trips Python's int-string limit);
* only the core tags (``!!str``, ``!!int``, ``!!float``, ``!!bool``,
  ``!!null``, ``!!map``, ``!!seq``) are accepted.

Everything here works on the scalar's text, tag and style, which libyaml
and the pure-Python parser report identically, so both give the same data.
"""

from __future__ import annotations

import math
import re
from typing import Any

_YAML = "tag:yaml.org,2002:"
STR, INT, FLOAT, BOOL, NULL = (_YAML + name for name in ("str", "int", "float", "bool", "null"))
MAP, SEQ = _YAML + "map", _YAML + "seq"
_SCALAR_TAGS = {STR, INT, FLOAT, BOOL, NULL}
_ALLOWED = "!!str, !!int, !!float, !!bool, !!null, !!map and !!seq"

_NULLS = {"", "~", "null", "Null", "NULL"}
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
#: YAML 1.1's other booleans (as PyYAML reads them); text in YAML 1.2.
_OLD_BOOLS = {
    **dict.fromkeys(("yes", "Yes", "YES", "on", "On", "ON"), True),
    **dict.fromkeys(("no", "No", "NO", "off", "Off", "OFF"), False),
}
_INT = re.compile(r"[-+]?[0-9]+")
_LEADING_ZERO = re.compile(r"[-+]?0[0-9]+")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")
_INF = re.compile(r"[-+]?\.(?:inf|Inf|INF)")
_NAN = {".nan", ".NaN", ".NAN"}
_RADIX = re.compile(r"[-+]?0(?:[xX][0-9A-Fa-f_]+|[oO][0-7_]+|[bB][01_]+)")
_RADIX_NAMES = {"x": "a hexadecimal", "o": "an octal", "b": "a binary"}
#: What a plain scalar that is not text can start with: one that starts otherwise is text at once.
_SPECIAL_START = frozenset("-+.0123456789~nNtTfFyYoO")
#: Digits an integer may have before it is refused unread: more than any float holds, far below Python's limit.
_MAX_DIGITS = 400


class ScalarError(ValueError):
    """A scalar the spec language refuses; the message says what to write instead."""


class WrittenInt(int):
    """An integer that remembers how it was written: ``str()`` gives the author's text."""

    text: str

    def __new__(cls, value: int, text: str) -> WrittenInt:
        number = super().__new__(cls, value)
        number.text = text
        return number

    def __str__(self) -> str:
        return self.text

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (int(self), self.text))


class WrittenFloat(float):
    """A float that remembers how it was written: ``str()`` gives the author's text (``2024.10``)."""

    text: str

    def __new__(cls, value: float, text: str) -> WrittenFloat:
        number = super().__new__(cls, value)
        number.text = text
        return number

    def __str__(self) -> str:
        return self.text

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (float(self), self.text))


def show_tag(tag: str) -> str:
    """A tag as an author writes it: ``!!binary`` rather than ``tag:yaml.org,2002:binary``."""
    return "!!" + tag[len(_YAML) :] if tag.startswith(_YAML) else tag


def tag_problem(tag: str, kind: str) -> str | None:
    """Why ``tag`` cannot stand on a node of ``kind`` (scalar, mapping or sequence), or None."""
    allowed = {"scalar": _SCALAR_TAGS, "mapping": {MAP}, "sequence": {SEQ}}[kind]
    if tag == "!" or tag in allowed:
        return None
    if tag in _SCALAR_TAGS | {MAP, SEQ}:
        return f"YAML tag `{show_tag(tag)}` cannot stand on a {kind}"
    return f"YAML tag `{show_tag(tag)}` is not allowed in a spec; only {_ALLOWED} are"


def _quoted(text: str) -> str:
    return f"quote it ('{text}') if it is text"


def _shown(text: str) -> str:
    return text if len(text) <= 24 else f"{text[:12]}… ({len(text)} characters)"


def number(text: str, max_number: float) -> int | float:
    """The number a decimal ``text`` (an int or float of the 1.2 core schema) stands for.

    Raises :class:`ScalarError` for an ambiguous leading zero and for a
    magnitude beyond ``max_number`` (or one a float cannot hold).
    """
    if _INT.fullmatch(text):
        if _LEADING_ZERO.fullmatch(text):
            digits = text.lstrip("+-")
            sign = "-" if text.startswith("-") else ""
            octal = f" (YAML 1.1 reads it as octal {sign}{int(digits, 8)})" if set(digits) <= set("01234567") else ""
            decimal = sign + (digits.lstrip("0") or "0")
            raise ScalarError(
                f"`{_shown(text)}` has a leading zero{octal}; write {_shown(decimal)} for the number, "
                f"or {_quoted(_shown(text))}"
            )
        if len(text) > _MAX_DIGITS or abs(value := int(text)) > max_number:
            raise ScalarError(_too_large(text, max_number))
        return WrittenInt(value, text)
    result = float(text)
    if not math.isfinite(result) or abs(result) > max_number:
        raise ScalarError(_too_large(text, max_number))
    if result == 0 and re.search("[1-9]", re.split("[eE]", text)[0]):
        raise ScalarError(f"`{_shown(text)}` is too close to zero to be held as a number; {_quoted(_shown(text))}")
    return WrittenFloat(result, text)


def _too_large(text: str, max_number: float) -> str:
    return (
        f"the number `{_shown(text)}` is too large: numbers stay within ±{max_number:g} "
        f"(write it in a larger unit, or raise the limit with --max-number); {_quoted(_shown(text))}"
    )


def plain(text: str, max_number: float) -> Any:
    """The value of an untagged plain scalar (YAML 1.2 core schema, ambiguous forms refused)."""
    if text and text[0] not in _SPECIAL_START:
        return text
    if text in _NULLS:
        return None
    if text in _BOOLS:
        return _BOOLS[text]
    if text in _OLD_BOOLS:
        word = "true" if _OLD_BOOLS[text] else "false"
        raise ScalarError(
            f"`{text}` is a boolean in YAML 1.1 but text in YAML 1.2; write {word} for the boolean, or {_quoted(text)}"
        )
    if _INT.fullmatch(text) or _FLOAT.fullmatch(text):
        return number(text, max_number)
    if _INF.fullmatch(text):
        return WrittenFloat(-math.inf if text.startswith("-") else math.inf, text)
    if text in _NAN:
        return WrittenFloat(math.nan, text)
    if _RADIX.fullmatch(text):
        raise ScalarError(_radix_message(text))
    return text


def _radix_message(text: str) -> str:
    kind = _RADIX_NAMES[text.lstrip("+-")[1].lower()]
    decimal = ""
    if len(text) <= 40:
        value = int(text, 0)
        decimal = f" ({value})" if abs(value) < 10**30 else ""
    return f"`{_shown(text)}` is {kind} number; write it in decimal{decimal}, or {_quoted(_shown(text))}"


def tagged(text: str, tag: str, max_number: float) -> Any:
    """The value of a scalar with an explicit core tag (``!!int 12``); :func:`tag_problem` has passed."""
    if tag in (STR, "!"):
        return text
    if tag == NULL:
        if text in _NULLS:
            return None
        raise ScalarError(f"`!!null` needs null, ~ or nothing, got '{_shown(text)}'")
    if tag == BOOL:
        if text in _BOOLS:
            return _BOOLS[text]
        raise ScalarError(f"`!!bool` needs true or false, got '{_shown(text)}'")
    if tag == INT:
        if _INT.fullmatch(text):
            return number(text, max_number)
        if _RADIX.fullmatch(text):
            raise ScalarError(_radix_message(text))
        raise ScalarError(f"`!!int` needs a whole number in decimal digits, got '{_shown(text)}'")
    if _INT.fullmatch(text) or _FLOAT.fullmatch(text) or _INF.fullmatch(text) or text in _NAN:
        return WrittenFloat(float(plain(text, max_number)), text)
    raise ScalarError(f"`!!float` needs a number, got '{_shown(text)}'")
