"""Build the bundled Noto SC faces in ``fonts/`` from the upstream TrueType files.

Why this script exists
----------------------
zzreport renders Chinese text to PDF with reportlab, whose ``TTFont`` reads
only TrueType (``glyf``) outlines, so the usual CFF-based Noto Sans CJK /
Source Han files cannot be used. The static glyf builds published on npm as
``@expo-google-fonts/noto-sans-sc`` and ``@expo-google-fonts/noto-serif-sc``
work, but they weigh 10-15 MiB per face. We subset them to the GBK repertoire
(every hanzi a Simplified Chinese report realistically needs, plus GBK's
symbols) and a handful of Western/typographic blocks, which keeps the four
faces under a 40 MiB budget while staying legible for any GBK text.

The output has to be byte-for-byte reproducible so that rerunning the script
never produces a spurious diff in version control: timestamps are pinned to the
source font's own ``head`` values and the (optional, environment-dependent)
HarfBuzz repacker is switched off.

Usage::

    python fonts/build_fonts.py                  # from ../shared/fonts-upstream
    python fonts/build_fonts.py --source DIR     # from another folder
    python fonts/build_fonts.py --from-npm       # fetch with `npm pack`
    python fonts/build_fonts.py --metrics-only   # only rewrite the .metrics sidecars

The file names written here must match ``zzreport/fonts/bundled.py``.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import unicodedata
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

REPO_ROOT = Path(__file__).resolve().parent.parent
FONTS_DIR = REPO_ROOT / "fonts"
DEFAULT_SOURCE = REPO_ROOT.parent / "shared" / "fonts-upstream"

#: Hard limit for the four .ttf files together (they ship inside the wheel).
BUDGET_BYTES = 40 * 1024 * 1024

#: The npm packages the upstream files come from (pinned for reproducibility).
NPM_SANS = "@expo-google-fonts/noto-sans-sc@0.4.3"
NPM_SERIF = "@expo-google-fonts/noto-serif-sc@0.4.3"

#: Inside those tarballs the SIL OFL text is shipped as this member.
NPM_LICENSE_MEMBER = "package/LICENSE_FONT"

#: TrueType (glyf) sfnt version tag; CFF fonts use b"OTTO" instead.
TRUETYPE_SFNT_VERSION = "\x00\x01\x00\x00"

#: Words that must not appear in the family/full/PostScript names of the
#: subset (a Modified Version under the OFL): the Reserved Font Name of
#: Noto Sans SC's license ("Source", Adobe's Source Han Sans).
RESERVED_FONT_NAMES = ("Source",)

#: name IDs that identify the font to users and software (family, subfamily,
#: full name, PostScript name, typographic family/subfamily, WWS family).
IDENTIFYING_NAME_IDS = (1, 2, 4, 6, 16, 17, 21, 22)


@dataclass(frozen=True)
class Face:
    """One face to build: where it comes from and what it must look like."""

    upstream: str  # file name in the source folder / npm tarball
    npm_package: str
    output: str  # file name in fonts/ (see zzreport/fonts/bundled.py)
    family: str  # expected name ID 1
    weight: int  # expected OS/2 usWeightClass


FACES: tuple[Face, ...] = (
    Face(
        "NotoSerifSC_400Regular.ttf",
        NPM_SERIF,
        "NotoSerifSC-Regular.ttf",
        "Noto Serif SC",
        400,
    ),
    Face(
        "NotoSerifSC_700Bold.ttf",
        NPM_SERIF,
        "NotoSerifSC-Bold.ttf",
        "Noto Serif SC",
        700,
    ),
    Face(
        "NotoSansSC_400Regular.ttf",
        NPM_SANS,
        "NotoSansSC-Regular.ttf",
        "Noto Sans SC",
        400,
    ),
    Face("NotoSansSC_700Bold.ttf", NPM_SANS, "NotoSansSC-Bold.ttf", "Noto Sans SC", 700),
)

#: OFL texts: file name (same in the source folder and in fonts/) -> npm package.
LICENSES: dict[str, str] = {
    "OFL-NotoSansSC.txt": NPM_SANS,
    "OFL-NotoSerifSC.txt": NPM_SERIF,
}

#: Whole Unicode blocks kept on top of GBK (inclusive ranges). Only code points
#: the source font actually maps survive; the rest are silently ignored.
EXTRA_RANGES: tuple[tuple[int, int, str], ...] = (
    (0x0000, 0x007F, "Basic Latin"),
    (0x0080, 0x00FF, "Latin-1 Supplement"),
    (0x2000, 0x206F, "General Punctuation"),
    (0x20A0, 0x20CF, "Currency Symbols"),
    (0x2100, 0x214F, "Letterlike Symbols"),
    (0x2150, 0x218F, "Number Forms"),
    (0x2190, 0x21FF, "Arrows"),
    (0x2200, 0x22FF, "Mathematical Operators"),
    (0x2460, 0x24FF, "Enclosed Alphanumerics"),
    (0x25A0, 0x25FF, "Geometric Shapes"),
    (0x3000, 0x303F, "CJK Symbols and Punctuation"),
    (0x3300, 0x33FF, "CJK Compatibility"),
    (0xFF00, 0xFFEF, "Halfwidth and Fullwidth Forms"),
)

#: Symbols report specs use all the time; listed explicitly so that a change to
#: the ranges above can never drop them unnoticed (the build fails instead).
REQUIRED_SYMBOLS = (
    "\N{FULLWIDTH PERCENT SIGN}"
    "\N{DEGREE CELSIUS}"
    "\N{SQUARE M SQUARED}"
    "\N{PER MILLE SIGN}"
    "\N{NUMERO SIGN}"
    "\N{MIDDLE DOT}"
    "\N{EM DASH}"
    "\N{HORIZONTAL ELLIPSIS}"
    "\N{BULLET}"
    "\N{BLACK UP-POINTING TRIANGLE}"
    "\N{BLACK DOWN-POINTING TRIANGLE}"
    "\N{BLACK SQUARE}"
    "\N{WHITE SQUARE}"
    "\N{BLACK CIRCLE}"
    "\N{WHITE CIRCLE}"
    "\N{BLACK STAR}"
    "\N{WHITE STAR}"
    "\N{LEFTWARDS ARROW}"
    "\N{RIGHTWARDS ARROW}"
    "\N{UPWARDS ARROW}"
    "\N{DOWNWARDS ARROW}"
    "\N{LESS-THAN OR EQUAL TO}"
    "\N{GREATER-THAN OR EQUAL TO}"
    "\N{PLUS-MINUS SIGN}"
    "\N{MULTIPLICATION SIGN}"
    "\N{DIVISION SIGN}"
    "\N{TILDE}"
    "\N{FULLWIDTH TILDE}"
    + "".join(chr(cp) for cp in range(0x2460, 0x2474))  # circled digits 1..20
    + "".join(chr(cp) for cp in range(0x2160, 0x216C))  # roman numerals 1..12
)


def gbk_codepoints() -> set[int]:
    """Every code point reachable from a 2-byte GBK sequence.

    GBK's lead bytes run 0x81-0xFE and its trail bytes 0x40-0x7E and
    0x80-0xFE. Decoding each pair with Python's ``gbk`` codec and keeping what
    decodes yields all GBK hanzi plus GBK's symbol rows, which is the coverage
    we promise for report text.
    """
    trails = [*range(0x40, 0x7F), *range(0x80, 0xFF)]
    codepoints: set[int] = set()
    for lead in range(0x81, 0xFF):
        for trail in trails:
            try:
                text = bytes((lead, trail)).decode("gbk")
            except UnicodeDecodeError:
                continue
            codepoints.update(ord(char) for char in text)
    return codepoints


def wanted_codepoints() -> set[int]:
    """The full repertoire we ask for, before intersecting with a font's cmap."""
    wanted = gbk_codepoints()
    for first, last, _block in EXTRA_RANGES:
        wanted.update(range(first, last + 1))
    wanted.update(ord(char) for char in REQUIRED_SYMBOLS)
    return wanted


def verify_truetype(path: Path) -> None:
    """Refuse anything that is not a glyf-outlined TrueType font.

    reportlab cannot embed CFF (PostScript-outline) fonts, so a wrong download
    would only surface much later as a rendering error; fail early instead.
    """
    font = TTFont(path, lazy=True)
    try:
        if font.sfntVersion != TRUETYPE_SFNT_VERSION or "glyf" not in font or "CFF " in font:
            raise SystemExit(f"{path}: not a TrueType (glyf) font (sfnt {font.sfntVersion!r})")
    finally:
        font.close()


def subset_options(*, hinting: bool) -> subset.Options:
    """fontTools subsetter options; each setting is chosen on purpose.

    - all OpenType layout features and scripts: vertical forms, fullwidth /
      proportional alternates and kerning stay usable by PPTX renderers;
    - every name record: keeps the copyright, license and STAT names intact;
    - no glyph names (post format 3): they are dead weight for 20k+ glyphs;
    - keep .notdef with its outline so missing glyphs render as a visible box;
    - timestamps are not recalculated (deterministic output);
    - the HarfBuzz repacker is off so the bytes do not depend on whether the
      optional ``uharfbuzz`` module happens to be installed.
    """
    options = subset.Options()
    options.layout_features = ["*"]
    options.layout_scripts = ["*"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.name_legacy = True
    options.glyph_names = False
    options.notdef_glyph = True
    options.notdef_outline = True
    options.hinting = hinting
    options.recalc_timestamp = False
    options.harfbuzz_repacker = False
    options.ignore_missing_unicodes = True
    return options


def subset_face(source: Path, output: Path, hinting: bool) -> tuple[int, int]:
    """Subset one face into ``output``; return (size in bytes, cmap entries).

    Only code points present in the source cmap are requested. The ``head``
    created/modified stamps are copied from the source so reruns are
    byte-identical. The file is written next to its destination and renamed,
    so an interrupted build never leaves a truncated font behind.
    """
    options = subset_options(hinting=hinting)
    font = subset.load_font(str(source), options)
    created, modified = font["head"].created, font["head"].modified
    unicodes = sorted(wanted_codepoints() & font.getBestCmap().keys())
    subsetter = subset.Subsetter(options=options)
    subsetter.populate(unicodes=unicodes)
    subsetter.subset(font)
    font["head"].created = created
    font["head"].modified = modified
    tmp = output.with_name(output.name + ".tmp")
    subset.save_font(font, str(tmp), options)
    font.close()
    os.replace(tmp, output)
    return output.stat().st_size, len(unicodes)


def _subset_job(args: tuple[Path, Path, bool]) -> tuple[int, int]:
    """Picklable wrapper so faces can be subset in parallel processes."""
    return subset_face(*args)


def check_output(face: Face, path: Path) -> list[str]:
    """Sanity-check a built face; return its identifying names for the report.

    Fails the build if the outline format, weight, family, required symbols or
    GBK hanzi coverage is off, or if a user-visible name contains an OFL
    Reserved Font Name.
    """
    font = TTFont(path, lazy=True)
    try:
        if font.sfntVersion != TRUETYPE_SFNT_VERSION or "glyf" not in font:
            raise SystemExit(f"{path}: output is not a glyf TrueType font")
        if font["OS/2"].usWeightClass != face.weight:
            raise SystemExit(f"{path}: usWeightClass {font['OS/2'].usWeightClass} != {face.weight}")
        family = font["name"].getDebugName(1)
        if family != face.family:
            raise SystemExit(f"{path}: family {family!r} != {face.family!r}")
        cmap = font.getBestCmap()
        missing = [char for char in REQUIRED_SYMBOLS if ord(char) not in cmap]
        missing_hanzi = [cp for cp in gbk_codepoints() if _is_hanzi(cp) and cp not in cmap]
        if missing or missing_hanzi:
            raise SystemExit(f"{path}: missing symbols {missing!r}, {len(missing_hanzi)} GBK hanzi")
        names: list[str] = []
        for record in font["name"].names:
            if record.nameID not in IDENTIFYING_NAME_IDS:
                continue
            text = record.toUnicode()
            for reserved in RESERVED_FONT_NAMES:
                if reserved.lower() in text.lower():
                    raise SystemExit(f"{path}: name ID {record.nameID} {text!r} uses {reserved!r}")
            names.append(f"{record.nameID}={text}")
        return names
    finally:
        font.close()


def _is_hanzi(cp: int) -> bool:
    """True for CJK unified or compatibility ideographs (what 'hanzi' means here)."""
    return unicodedata.name(chr(cp), "").startswith(("CJK UNIFIED IDEOGRAPH", "CJK COMPATIBILITY IDEOGRAPH"))


def _tar_members(archive: tarfile.TarFile) -> Iterator[tarfile.TarInfo]:
    """Regular files of an npm tarball."""
    return (member for member in archive.getmembers() if member.isfile())


def fetch_from_npm(workdir: Path) -> Path:
    """``npm pack`` both packages into ``workdir`` and extract what we need.

    The tarballs keep each face under ``package/<weight>/<file>.ttf`` and the
    OFL text as ``package/LICENSE_FONT``; we look files up by base name so a
    reshuffled folder layout does not break the build. Members are read as
    bytes and written under fixed names, so nothing from the archive decides
    where a file lands. Returns the folder now holding the upstream files.
    """
    if shutil.which("npm") is None:
        raise SystemExit("--from-npm needs the `npm` command on PATH")
    source = workdir / "upstream"
    source.mkdir()
    for package in (NPM_SANS, NPM_SERIF):
        before = set(workdir.glob("*.tgz"))
        subprocess.run(
            ["npm", "pack", "--loglevel=error", package],
            cwd=workdir,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        (tarball,) = set(workdir.glob("*.tgz")) - before
        wanted = {face.upstream for face in FACES if face.npm_package == package}
        with tarfile.open(tarball, "r:gz") as archive:
            for member in _tar_members(archive):
                base = member.name.rsplit("/", 1)[-1]
                if base in wanted:
                    _write_member(archive, member, source / base)
                    wanted.discard(base)
                elif member.name == NPM_LICENSE_MEMBER:
                    text = _read_member(archive, member)
                    if b"SIL Open Font License" in text:
                        license_name = next(n for n, p in LICENSES.items() if p == package)
                        (source / license_name).write_bytes(text)
        if wanted:
            raise SystemExit(f"{package}: tarball lacks {sorted(wanted)}")
    for license_name in LICENSES:
        if not (source / license_name).is_file():
            kept = FONTS_DIR / license_name
            if not kept.is_file():
                raise SystemExit(f"no {license_name} in the npm package nor in {FONTS_DIR}")
            print(f"{license_name}: not in the npm package, keeping {kept}")
            shutil.copyfile(kept, source / license_name)
    return source


def _read_member(archive: tarfile.TarFile, member: tarfile.TarInfo) -> bytes:
    """Bytes of one tar member."""
    handle = archive.extractfile(member)
    if handle is None:
        raise SystemExit(f"cannot read {member.name}")
    with handle:
        return handle.read()


def _write_member(archive: tarfile.TarFile, member: tarfile.TarInfo, target: Path) -> None:
    """Copy one tar member to ``target``."""
    target.write_bytes(_read_member(archive, member))


def build(source: Path, jobs: int, hinting: bool) -> int:
    """Subset all faces from ``source`` and copy the licenses; return total bytes.

    Hinting is kept unless the budget forces it off (``hinting=False`` is
    then tried once automatically), because hinted glyphs look better on
    low-DPI screens and the upstream fonts carry almost no hinting anyway.
    """
    for face in FACES:
        path = source / face.upstream
        if not path.is_file():
            raise SystemExit(f"missing upstream font {path}")
        verify_truetype(path)
    for license_name in LICENSES:
        if not (source / license_name).is_file():
            raise SystemExit(f"missing license text {source / license_name}")

    FONTS_DIR.mkdir(exist_ok=True)
    attempts = [hinting, False] if hinting else [False]
    total = 0
    for keep_hinting in attempts:
        jobs_args = [(source / f.upstream, FONTS_DIR / f.output, keep_hinting) for f in FACES]
        results = _run(jobs_args, jobs)
        total = sum(size for size, _ in results)
        print(f"hinting {'kept' if keep_hinting else 'dropped'}:")
        for face, (size, count) in zip(FACES, results, strict=True):
            digest = hashlib.sha256((FONTS_DIR / face.output).read_bytes()).hexdigest()
            mib = size / 2**20
            print(f"  {face.output:24} {mib:6.2f} MiB {count:6} chars sha256 {digest}")
        print(f"  total {total / 2**20:.2f} MiB (budget {BUDGET_BYTES / 2**20:.0f} MiB)")
        if total <= BUDGET_BYTES:
            break
    else:
        raise SystemExit("the subset fonts exceed the size budget even without hinting")

    for face in FACES:
        names = check_output(face, FONTS_DIR / face.output)
        print(f"  {face.output}: names ok ({'; '.join(names)})")
    for license_name in LICENSES:
        shutil.copyfile(source / license_name, FONTS_DIR / license_name)
    write_metrics()
    return total


def write_metrics() -> None:
    """Write each face's metrics sidecar (``<font>.metrics``): zzreport then reads no font table at run time."""
    sys.path.insert(0, str(REPO_ROOT))
    from zzreport.fonts.fontset import ship_metrics

    for face in FACES:
        target = ship_metrics(FONTS_DIR / face.output)
        print(f"  {target.name}: {target.stat().st_size} B")


def _run(jobs_args: Iterable[tuple[Path, Path, bool]], jobs: int) -> list[tuple[int, int]]:
    """Subset faces, in parallel when ``jobs`` > 1 (each face is independent)."""
    if jobs <= 1:
        return [_subset_job(args) for args in jobs_args]
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        return list(pool.map(_subset_job, jobs_args))


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Command-line interface."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    origin = parser.add_mutually_exclusive_group()
    origin.add_argument(
        "--source",
        type=Path,
        default=DEFAULT_SOURCE,
        help=f"folder with the upstream .ttf and OFL files (default: {DEFAULT_SOURCE})",
    )
    origin.add_argument(
        "--from-npm",
        action="store_true",
        help=f"download the upstream files with `npm pack` ({NPM_SANS}, {NPM_SERIF})",
    )
    parser.add_argument(
        "--jobs",
        type=int,
        default=min(len(FACES), os.cpu_count() or 1),
        help="faces to subset in parallel (default: one per CPU, at most 4)",
    )
    origin.add_argument(
        "--metrics-only",
        action="store_true",
        help="only rewrite the metrics sidecars of the fonts already in fonts/",
    )
    parser.add_argument(
        "--no-hinting",
        dest="hinting",
        action="store_false",
        help="drop TrueType hinting even if the budget would allow keeping it",
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Entry point."""
    args = parse_args(argv)
    if args.metrics_only:
        write_metrics()
    elif args.from_npm:
        with tempfile.TemporaryDirectory(prefix="zzreport-fonts-") as tmp:
            build(fetch_from_npm(Path(tmp)), args.jobs, args.hinting)
    else:
        build(args.source.resolve(), args.jobs, args.hinting)
    return 0


if __name__ == "__main__":
    sys.exit(main())
