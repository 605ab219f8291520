"""The bundled Noto SC faces in ``fonts/`` are usable by reportlab and cover GBK.

reportlab embeds only TrueType (glyf) fonts, reports may contain any GBK
hanzi, and the faces ship inside the wheel under a size budget; these tests
catch a bad rebuild of ``fonts/build_fonts.py`` before it reaches users.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import NamedTuple

import pytest
from fontTools.ttLib import TTFont

from zzreport.fonts.bundled import (
    BUNDLED_FAMILY_NAMES,
    BUNDLED_FILES,
    Family,
    Weight,
    bundled_font_path,
    fonts_dir,
)

BUDGET_BYTES = 40 * 1024 * 1024

FACES: list[tuple[Family, Weight]] = sorted(BUNDLED_FILES)

#: Symbols report specs rely on (written by name to stay unambiguous).
REQUIRED_SYMBOLS = (
    "\N{FULLWIDTH PERCENT SIGN}"
    "\N{DEGREE CELSIUS}"
    "\N{SQUARE M SQUARED}"
    "\N{PER MILLE SIGN}"
    "\N{NUMERO SIGN}"
    "\N{MIDDLE DOT}"
    "\N{EM DASH}"
    "\N{HORIZONTAL ELLIPSIS}" + "".join(chr(cp) for cp in range(0x2460, 0x2474))  # circled digits 1..20
)
ASCII_PRINTABLE = "".join(chr(cp) for cp in range(0x20, 0x7F))

#: OFL Reserved Font Name of Noto Sans SC; a subset must not be named with it.
RESERVED_FONT_NAME = "source"


@cache
def gbk_hanzi() -> frozenset[int]:
    """Code points of every hanzi reachable from a 2-byte GBK sequence."""
    trails = [*range(0x40, 0x7F), *range(0x80, 0xFF)]
    hanzi: set[int] = set()
    for lead in range(0x81, 0xFF):
        for trail in trails:
            try:
                char = bytes((lead, trail)).decode("gbk")
            except UnicodeDecodeError:
                continue
            if unicodedata.name(char, "").startswith(("CJK UNIFIED IDEOGRAPH", "CJK COMPATIBILITY IDEOGRAPH")):
                hanzi.add(ord(char))
    return frozenset(hanzi)


class LoadedFace(NamedTuple):
    """One bundled face, opened once, with its cmap already parsed."""

    family: Family
    weight: Weight
    font: TTFont
    cmap: frozenset[int]


@pytest.fixture(scope="module", params=FACES, ids=lambda face: f"{face[0]}-{face[1]}")
def face(request: pytest.FixtureRequest) -> Iterator[LoadedFace]:
    """Each bundled face, opened once per module (lazily: only tables we read)."""
    family, weight = request.param
    path = bundled_font_path(family, weight)
    assert path.is_file(), f"missing bundled face {path}"
    font = TTFont(path, lazy=True)
    yield LoadedFace(family, weight, font, frozenset(font.getBestCmap()))
    font.close()


@pytest.mark.parametrize(("family", "weight"), FACES)
def test_face_file_exists(family: Family, weight: Weight) -> None:
    path = bundled_font_path(family, weight)
    assert path.is_file()
    assert path.parent == fonts_dir()


def test_face_is_truetype_glyf(face: LoadedFace) -> None:
    font = face.font
    assert font.sfntVersion == "\x00\x01\x00\x00"
    assert "glyf" in font
    assert "CFF " not in font
    assert "CFF2" not in font


def test_total_size_within_budget() -> None:
    files = sorted(fonts_dir().glob("*.ttf"))
    assert len(files) >= len(BUNDLED_FILES)
    total = sum(path.stat().st_size for path in files)
    assert total <= BUDGET_BYTES, f"{total / 2**20:.1f} MiB > 40 MiB"


def test_every_gbk_hanzi_is_mapped(face: LoadedFace) -> None:
    hanzi = gbk_hanzi()
    assert len(hanzi) > 20000  # sanity: the enumeration itself worked
    missing = sorted(hanzi - face.cmap)
    assert not missing, f"{len(missing)} GBK hanzi missing, e.g. " + "".join(chr(cp) for cp in missing[:20])


def test_symbols_and_ascii_are_mapped(face: LoadedFace) -> None:
    wanted = REQUIRED_SYMBOLS + ASCII_PRINTABLE
    missing = [ch for ch in wanted if ord(ch) not in face.cmap]
    assert not missing


def test_family_name_and_weight(face: LoadedFace) -> None:
    assert face.font["name"].getDebugName(1) == BUNDLED_FAMILY_NAMES[face.family]
    assert face.font["OS/2"].usWeightClass == face.weight


def test_names_avoid_reserved_font_name(face: LoadedFace) -> None:
    for name_id in (1, 4, 6, 16):
        name = face.font["name"].getDebugName(name_id) or ""
        assert RESERVED_FONT_NAME not in name.lower(), (name_id, name)


@pytest.mark.parametrize("name", ["OFL-NotoSansSC.txt", "OFL-NotoSerifSC.txt"])
def test_license_text_is_bundled(name: str) -> None:
    path = fonts_dir() / name
    assert path.is_file()
    assert "SIL Open Font License" in path.read_text(encoding="utf-8")


@pytest.mark.parametrize("family,weight", [("serif", 400), ("serif", 700), ("sans", 400), ("sans", 700)])
def test_each_face_ships_the_metrics_of_its_own_bytes(family: str, weight: int) -> None:
    from fontTools.ttLib import TTFont

    from zzreport.fonts import metrics_cache
    from zzreport.fonts.fontset import read_face_data

    path = bundled_font_path(family, weight)  # type: ignore[arg-type]
    assert metrics_cache.load_shipped(path, 0) == read_face_data(TTFont(path, lazy=True), path)


def test_a_sidecar_of_other_bytes_is_ignored(tmp_path: Path) -> None:
    from zzreport.fonts import metrics_cache

    source = bundled_font_path("sans", 400)
    copy = tmp_path / source.name
    copy.write_bytes(source.read_bytes() + b"\0\0\0\0")  # other bytes, same sidecar
    metrics_cache.shipped_path(copy).write_bytes(metrics_cache.shipped_path(source).read_bytes())
    assert metrics_cache.load_shipped(source, 0) is not None
    assert metrics_cache.load_shipped(copy, 0) is None
