"""Renders the before/after/Typst comparison of docs/typesetting/README.md.

    python docs/typesetting/make.py [--before REV]

Builds ``specs/zhengzhou-2025.yaml`` with this tree and with ``--before``
(by default the commit before the justification engine came; exported with
``git archive``, as ``benchmarks/compare.py`` does), renders
the same crop of one page of both PDFs with ``pdftoppm``, and has Typst set
that page's paragraphs at the same measure, size, leading and indent with
the same bundled font, so the three images show one paragraph set three
ways. Also the mixed Chinese/English/URL stress paragraphs in an A5 column
(the test spec of ``tests/writers/pdf/test_pdf_typography.py``), ours
against Typst. Needs poppler's ``pdftoppm`` and the ``typst`` PyPI package.
"""

from __future__ import annotations

import argparse
import io
import os
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))

#: The page of the seed PDF shown, and its paragraphs' first words (found in the spec, so the text is the spec's).
PAGE = 10
PARAGRAPHS = ("聚焦“一老一小一青壮”", "成功获批国家中医医学中心", "持续加强生态保护治理")
#: The crop of that page holding those paragraphs, in points from the top left: x, y, width, height.
CROP = (56.0, 432.0, 486.0, 132.0)
DPI = 144
#: The body measure and type of the A4 page (22 mm margins, 10.5 pt on 18.5 pt, two-em indent).
MEASURE_MM = 210 - 2 * 22
#: The A5 column of the stress spec (32 mm side margins).
COLUMN_MM = 148 - 2 * 32


def build(tree: Path, spec: Path, out: Path) -> Path:
    env = {**os.environ, "PYTHONPATH": str(tree), "SOURCE_DATE_EPOCH": "1746093600"}
    subprocess.run(
        [sys.executable, "-m", "zzreport", "build", "-q", "--format", "pdf", str(spec), "-o", str(out)],
        cwd=tree,
        env=env,
        check=True,
    )
    return out / f"{spec.stem}.pdf"


def crop(pdf: Path, page: int, box: tuple[float, float, float, float], target: Path) -> None:
    """``box`` (points) of ``page`` rendered to ``target`` PNG at :data:`DPI`."""
    scale = DPI / 72
    x, y, w, h = (round(v * scale) for v in box)
    prefix = target.with_suffix("")
    subprocess.run(
        ["pdftoppm", "-r", str(DPI), "-png", "-singlefile", "-f", str(page), "-l", str(page),
         "-x", str(x), "-y", str(y), "-W", str(w), "-H", str(h), str(pdf), str(prefix)],
        check=True,
    )  # fmt: skip


def typst_png(paragraphs: list[str], measure_mm: float, target: Path, work: Path) -> None:
    """The paragraphs set by Typst: justified, 10.5 pt Noto Serif SC on 18.5 pt, two-em first-line indent."""
    import typst

    def escape(text: str) -> str:
        return "".join("\\" + c if c in "#*_`$<>@[]\\/~" else c for c in text.replace("**", ""))

    body = "\n\n".join(escape(p) for p in paragraphs)
    source = work / "paragraphs.typ"
    source.write_text(
        f"#set page(width: {measure_mm + 6}mm, height: auto, margin: 3mm, fill: white)\n"
        '#set text(font: "Noto Serif SC", lang: "zh", region: "cn", size: 10.5pt, top-edge: 1em, bottom-edge: 0em)\n'
        "#set par(justify: true, first-line-indent: (amount: 2em, all: true), leading: 8pt, spacing: 8pt)\n"
        f"{body}\n",
        encoding="utf-8",
    )
    pdf = work / "paragraphs.pdf"
    typst.compile(str(source), output=str(pdf), font_paths=[str(ROOT / "fonts")])
    prefix = target.with_suffix("")
    subprocess.run(["pdftoppm", "-r", str(DPI), "-png", "-singlefile", str(pdf), str(prefix)], check=True)


def spec_paragraphs() -> list[str]:
    import yaml

    spec = yaml.safe_load((ROOT / "specs" / "zhengzhou-2025.yaml").read_text(encoding="utf-8"))
    found: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            text = node.get("paragraph")
            if isinstance(text, str) and text.startswith(PARAGRAPHS):
                found.append(text)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(spec)
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--before", help="the commit to show as 'before' (default: the one before the engine came)")
    args = parser.parse_args()
    if args.before is None:
        added = subprocess.run(
            ["git", "log", "--format=%H", "--diff-filter=A", "--", "zzreport/fonts/clreq.py"],
            cwd=ROOT, capture_output=True, text=True, check=True,
        ).stdout.split()  # fmt: skip
        args.before = f"{added[-1]}^"
    with tempfile.TemporaryDirectory() as temp:
        work = Path(temp)
        base = work / "base"
        base.mkdir()
        archive = subprocess.run(["git", "archive", args.before], cwd=ROOT, capture_output=True, check=True).stdout
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(base, filter="data")
        spec = ROOT / "specs" / "zhengzhou-2025.yaml"
        before = build(base, spec, work / "before")
        after = build(ROOT, spec, work / "after")
        crop(before, PAGE, CROP, HERE / "seed-before.png")
        crop(after, PAGE, CROP, HERE / "seed-after.png")
        typst_png(spec_paragraphs(), MEASURE_MM, HERE / "seed-typst.png", work)

        from tests.writers.pdf.test_pdf_typography import MIXED, stress_spec

        column = stress_spec(work, "a5-column", {"size": "A5", "margins": {"left": 32, "right": 32}})
        mixed_before = build(base, column, work / "before")
        mixed_after = build(ROOT, column, work / "after")
        box = (32 / 25.4 * 72 - 4, 60.0, COLUMN_MM / 25.4 * 72 + 8, 340.0)
        crop(mixed_before, 3, box, HERE / "column-before.png")
        crop(mixed_after, 3, box, HERE / "column-after.png")
        typst_png(MIXED, COLUMN_MM, HERE / "column-typst.png", work)
    for name in sorted(HERE.glob("*.png")):
        print(name.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
