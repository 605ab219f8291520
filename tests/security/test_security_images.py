"""Hostile images and files: confinement through SVG references, content sniffing, budgets, special files.

Each case goes through the command line as an attacker's pull request would,
and asserts what the person running the build sees: exit code 1, the exact
located message from both `check` and `build`, nothing written, no file from
outside the spec's folder in the outputs, no child process started.
"""

from __future__ import annotations

import base64
import io
import json
import os
import re
import struct
import subprocess
import sys
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image

from zzreport.app.cli import main
from zzreport.testing import write_files

SPEC = (
    "zzreport: 1\ntitle: 报告\nsections:\n  - id: a\n    title: 一节\n    blocks:\n      - image: {path: %s, alt: 图}\n"
)
WHERE = "s.yaml:7:23: sections[0].blocks[0].image.path: "
SVG_HEAD = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"'


def png(width: int = 4, height: int = 3, color: tuple[int, int, int] = (200, 30, 30)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), color).save(out, format="PNG")
    return out.getvalue()


def png_header_only(width: int, height: int) -> bytes:
    """A PNG that *declares* ``width`` × ``height`` in a few bytes (a decompression bomb's header)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\x00" * 64)) + chunk(b"IEND", b"")
    )


def svg(body: str, size: str = 'width="40" height="20"') -> str:
    return f"{SVG_HEAD} {size}>{body}</svg>"


def project(tmp_path: Path, files: dict[str, str | bytes], image: str = "pic.svg") -> Path:
    root = tmp_path / "project"
    root.mkdir()
    write_files(root, files)
    (root / "s.yaml").write_text(SPEC % image, encoding="utf-8")
    return root


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    code = main(args)
    return code, capsys.readouterr().err.splitlines()


def refused(root: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> str:
    """The one problem both `check` and `build` report; asserts exit 1 and nothing written."""
    monkeypatch.chdir(root)
    code, checked = run(["check", "s.yaml"], capsys)
    assert code == 1
    code, built = run(["build", "s.yaml", "-o", "out"], capsys)
    assert code == 1
    assert not (root / "out").exists()
    problems = [line for line in built if re.match(r"s\.yaml:\d", line)]
    assert [line for line in checked if re.match(r"s\.yaml:\d", line)] == problems
    assert len(problems) == 1, built
    return problems[0]


OUTSIDE_PNG = png(3, 3, (1, 2, 3))

REFUSED: dict[str, tuple[dict[str, str | bytes], str, str]] = {
    "svg image href climbs out": (
        {"pic.svg": svg('<image xlink:href="../outside.png" width="10" height="10"/>')},
        "pic.svg",
        "SVG `pic.svg` refers to `../outside.png`, outside the spec's folder; pass --allow-outside to permit it",
    ),
    "svg use href climbs out": (
        {"pic.svg": svg('<use href="../../outside.svg#secret"/>')},
        "pic.svg",
        "SVG `pic.svg` refers to `../../outside.svg`, outside the spec's folder; pass --allow-outside to permit it",
    ),
    "svg referenced by an svg climbs out": (
        {
            "pic.svg": svg('<use href="sub/inner.svg#g"/>'),
            "sub/inner.svg": svg('<g id="g"><image href="../../outside.png"/></g>'),
        },
        "pic.svg",
        "SVG `sub/inner.svg` (referenced by `pic.svg`) refers to `../../outside.png`, outside the spec's folder; "
        "pass --allow-outside to permit it",
    ),
    "svg absolute reference": (
        {"pic.svg": svg('<image href="/etc/hostname"/>')},
        "pic.svg",
        "SVG `pic.svg` refers to the absolute path `/etc/hostname`; use a relative path",
    ),
    "svg remote reference": (
        {"pic.svg": svg('<image href="https://example.invalid/x.png"/>')},
        "pic.svg",
        "SVG `pic.svg` refers to `https://example.invalid/x.png`; zzreport fetches nothing, so an SVG may only refer "
        "to files in the spec's folder and to PNG or JPEG data: URIs",
    ),
    "svg file: reference": (
        {"pic.svg": svg('<image href="file:///etc/passwd"/>')},
        "pic.svg",
        "SVG `pic.svg` refers to `file:///etc/passwd`; zzreport fetches nothing, so an SVG may only refer to files "
        "in the spec's folder and to PNG or JPEG data: URIs",
    ),
    "svg missing reference": (
        {"pic.svg": svg('<image href="gone.png"/>')},
        "pic.svg",
        "SVG `pic.svg` refers to `gone.png`, which does not exist",
    ),
    "svg entity bomb": (
        {
            "pic.svg": '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>'
            + svg("<text>&b;</text>")
        },
        "pic.svg",
        "SVG `pic.svg` declares XML entities or external DTDs, which zzreport does not read",
    ),
    "svg width nan": (
        {"pic.svg": svg('<rect width="5" height="5"/>', 'width="nan" height="nan"')},
        "pic.svg",
        "SVG `pic.svg` has no usable width (nan); give the <svg> element a width, height and viewBox",
    ),
    "svg zero width": (
        {"pic.svg": svg('<rect width="5" height="5"/>', 'width="0" height="10"')},
        "pic.svg",
        "SVG `pic.svg` has a width of 0; give the <svg> element a positive width, height or viewBox",
    ),
    "svg absurd size": (
        {"pic.svg": svg("", 'width="900000000" height="10"')},
        "pic.svg",
        "SVG `pic.svg` declares a width of 6.75e+08 pt, more than 20000",
    ),
    "svg nan coordinate": (
        {"pic.svg": svg('<rect x="nan" y="1" width="5" height="5"/>')},
        "pic.svg",
        "SVG `pic.svg` has a non-finite number (x = nan); every number must be finite",
    ),
    "svg data uri png bomb": (
        {
            "pic.svg": svg(
                f'<image href="data:image/png;base64,{base64.b64encode(png_header_only(30000, 30000)).decode()}"/>'
            )
        },
        "pic.svg",
        "an image embedded in SVG `pic.svg` has more pixels than the limit of 40,000,000 (--max-image-pixels)",
    ),
    "svg data uri declared png holds postscript": (
        {
            "pic.svg": svg(
                f'<image href="data:image/png;base64,{base64.b64encode(b"%!PS-Adobe-3.0 EPSF-3.0").decode()}"/>'
            )
        },
        "pic.svg",
        "an image embedded in SVG `pic.svg` is declared PNG but holds a PostScript file",
    ),
    "svg data uri of another kind": (
        {"pic.svg": svg('<image href="data:text/html;base64,PGI+"/>')},
        "pic.svg",
        "SVG `pic.svg` refers to `data:text/html;base64,PGI+`; zzreport fetches nothing, so an SVG may only refer "
        "to files in the spec's folder and to PNG or JPEG data: URIs",
    ),
    "svg referencing postscript named png": (
        {"pic.svg": svg('<image href="evil.png"/>'), "evil.png": b"%!PS-Adobe-3.0\n{ } loop\n"},
        "pic.svg",
        "image `evil.png` (referenced by `pic.svg`) holds a PostScript file; only PNG, JPEG, GIF or SVG images are "
        "accepted",
    ),
    "postscript named png": (
        {"evil.png": b"%!PS-Adobe-3.0\n{ } loop\n"},
        "evil.png",
        "image `evil.png` holds a PostScript file; only PNG, JPEG, GIF or SVG images are accepted",
    ),
    "eps named jpg": (
        {"evil.jpg": b"\xc5\xd0\xd3\xc6" + b"\x00" * 40},
        "evil.jpg",
        "image `evil.jpg` holds an EPS file; only PNG, JPEG, GIF or SVG images are accepted",
    ),
    "webp named png": (
        {"pic.png": b"RIFF\x24\x00\x00\x00WEBPVP8 " + b"\x00" * 40},
        "pic.png",
        "image `pic.png` holds a WebP image; only PNG, JPEG, GIF or SVG images are accepted",
    ),
    "svg named png": (
        {"pic.png": svg("")},
        "pic.png",
        "image `pic.png` holds an SVG image; name it with a .svg suffix",
    ),
    "png named svg": (
        {"pic.svg": png()},
        "pic.svg",
        "image `pic.svg` holds a PNG image; name it with a .png suffix",
    ),
    "png bomb header": (
        {"big.png": png_header_only(8000, 6000)},
        "big.png",
        "image `big.png` is 8000×6000 pixels, more than the limit of 40,000,000 (--max-image-pixels)",
    ),
    "truncated png": (
        {"cut.png": png(64, 64)[:-30]},
        "cut.png",
        "image `cut.png` is corrupt or truncated",
    ),
    "truncated jpeg": (
        {"cut.jpg": b"\xff\xd8\xff\xe0\x00\x10JFIF\x00"},
        "cut.jpg",
        "image `cut.jpg` is corrupt or truncated",
    ),
}


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_hostile_images_are_refused_by_check_and_build(
    case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    files, image, message = REFUSED[case]
    (tmp_path / "outside.png").write_bytes(OUTSIDE_PNG)
    (tmp_path / "outside.svg").write_text(svg('<text id="secret">机密</text>'), encoding="utf-8")
    root = project(tmp_path, files, image)
    problem = refused(root, monkeypatch, capsys)
    assert problem.startswith(WHERE)
    assert problem.removeprefix(WHERE).startswith(message), problem


def test_no_child_process_is_started_for_postscript(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Pillow hands EPS to Ghostscript; a PostScript file is refused before Pillow ever sees it."""
    root = project(tmp_path, {"evil.png": b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 10 10\n{ } loop\n"}, "evil.png")
    started: list[object] = []

    def spy(*args: object, **kwargs: object) -> None:
        started.append(args)
        raise AssertionError("a child process was started")

    monkeypatch.setattr(subprocess, "Popen", spy)
    monkeypatch.chdir(root)
    assert main(["check", "s.yaml"]) == 1
    assert started == []


def test_svg_references_inside_the_folder_work_and_are_inputs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    mark = png(8, 8, (10, 200, 10))
    files: dict[str, str | bytes] = {
        "art/pic.svg": svg('<image href="parts/dot.png" width="10" height="10"/><use href="parts/shape.svg#s"/>'),
        "art/parts/dot.png": mark,
        "art/parts/shape.svg": svg('<rect id="s" x="20" y="2" width="10" height="10" fill="#336699"/>'),
    }
    root = project(tmp_path, files, "art/pic.svg")
    monkeypatch.chdir(root)
    assert main(["build", "s.yaml", "-o", "out", "-q"]) == 0
    manifest = json.loads((root / "out" / "s.manifest.json").read_text(encoding="utf-8"))
    text = json.dumps(manifest, ensure_ascii=False)
    for name in ("art/pic.svg", "dot.png", "shape.svg"):
        assert name in text, f"{name} is not listed in the manifest"
    import pypdfium2

    pdf = pypdfium2.PdfDocument(root / "out" / "s.pdf")
    try:
        pages = [list(pdf[i].render(scale=1).to_pil().convert("RGB").tobytes()) for i in range(len(pdf))]
    finally:
        pdf.close()

    def count(page: list[int], wanted: Callable[[int, int, int], bool]) -> int:
        return sum(1 for i in range(0, len(page), 3) if wanted(*page[i : i + 3]))

    green = max(count(page, lambda r, g, b: g > 150 and r < 80 and b < 80) for page in pages)
    blue = max(count(page, lambda r, g, b: b > 120 and r < 80 and 80 < g < 130) for page in pages)
    assert green > 20, "the PNG the SVG references is not drawn in the PDF"
    assert blue > 20, "the shape the SVG uses from another SVG is not drawn in the PDF"


def test_allow_outside_lets_svg_references_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "outside.png").write_bytes(OUTSIDE_PNG)
    root = project(tmp_path, {"pic.svg": svg('<image href="../outside.png" width="10" height="10"/>')})
    monkeypatch.chdir(root)
    assert main(["build", "s.yaml", "-o", "out", "-q", "--allow-outside"]) == 0
    manifest = (root / "out" / "s.manifest.json").read_text(encoding="utf-8")
    assert "outside.png" in manifest


def test_outside_svg_text_never_reaches_the_outputs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Even if the check were bypassed, the writers themselves confine svglib to the spec's folder."""
    from zzreport.svg import load_drawing

    (tmp_path / "outside.svg").write_text(svg('<text id="secret" x="1" y="10">SECRET</text>'), encoding="utf-8")
    root = project(tmp_path, {"pic.svg": svg('<use href="../outside.svg#secret"/>')})
    drawing = load_drawing(root / "pic.svg", root)
    from reportlab.graphics import renderPDF

    assert b"SECRET" not in renderPDF.drawToString(drawing)


def test_a_huge_declared_svg_is_rasterised_within_the_budget(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from zzreport.svg import MAX_RASTER_PIXELS

    root = project(
        tmp_path, {"pic.svg": svg('<rect width="12000" height="12000" fill="#c00"/>', 'width="12000" height="12000"')}
    )
    monkeypatch.chdir(root)
    assert main(["build", "s.yaml", "-o", "out", "-q", "--format", "pptx"]) == 0
    with zipfile.ZipFile(root / "out" / "s.pptx") as deck:
        pictures = [n for n in deck.namelist() if n.startswith("ppt/media/") and n.endswith(".png")]
        sizes = [Image.open(io.BytesIO(deck.read(n))).size for n in pictures]
    assert sizes and all(w * h <= MAX_RASTER_PIXELS for w, h in sizes), sizes
    assert max(w * h for w, h in sizes) > MAX_RASTER_PIXELS // 2  # still sharp, not a thumbnail


@pytest.mark.parametrize(("name", "fmt"), [("photo.png", "JPEG"), ("anim.gif", "GIF"), ("pic.jpg", "JPEG")])
def test_accepted_bitmaps_build_by_content(
    name: str, fmt: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    out = io.BytesIO()
    Image.new("RGB", (30, 20), (20, 90, 160)).save(out, format=fmt)
    root = project(tmp_path, {name: out.getvalue()}, name)
    monkeypatch.chdir(root)
    assert main(["build", "s.yaml", "-o", "out", "-q"]) == 0
    assert (root / "out" / "s.pdf").stat().st_size > 0
    with zipfile.ZipFile(root / "out" / "s.pptx") as deck:
        assert any(n.startswith("ppt/media/") for n in deck.namelist())


def test_the_pixel_limit_can_be_raised(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = project(tmp_path, {"wide.png": png(400, 300)}, "wide.png")
    monkeypatch.chdir(root)
    assert main(["check", "s.yaml", "--max-image-pixels", "1000"]) == 1
    assert "more than the limit of 1,000 (--max-image-pixels)" in capsys.readouterr().err
    assert main(["check", "s.yaml", "--max-image-pixels", "200000"]) == 0


def test_image_bytes_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    root = project(tmp_path, {"pic.png": png(40, 40)}, "pic.png")
    monkeypatch.chdir(root)
    assert main(["check", "s.yaml", "--max-image-bytes", "20"]) == 1
    err = capsys.readouterr().err
    assert "image `pic.png` has " in err and "bytes, more than the limit of 20 (--max-image-bytes)" in err


SPECIAL = "zzreport: 1\ntitle: 报告\nsections:\n  - id: a\n    title: 一节\n    blocks:\n      - table: {data: %s}\n"


def _check_in_subprocess(root: Path) -> subprocess.CompletedProcess[str]:
    """Run `zzreport check` in a child with a timeout, so that a hang fails the test instead of blocking it."""
    return subprocess.run(
        [sys.executable, "-m", "zzreport", "check", "s.yaml"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])},
    )


def test_a_fifo_as_a_data_file_is_refused_without_blocking(tmp_path: Path) -> None:
    root = tmp_path / "project"
    root.mkdir()
    os.mkfifo(root / "data.csv")
    (root / "s.yaml").write_text(SPECIAL % "data.csv", encoding="utf-8")
    done = _check_in_subprocess(root)
    assert done.returncode == 1
    assert (
        "s.yaml:7:23: sections[0].blocks[0].table.data.file: `data.csv` is a named pipe (FIFO), not a regular file"
        in done.stderr
    )
    assert "Traceback" not in done.stderr


def test_a_fifo_as_an_image_is_refused_without_blocking(tmp_path: Path) -> None:
    root = tmp_path / "project"
    root.mkdir()
    os.mkfifo(root / "pic.png")
    (root / "s.yaml").write_text(SPEC % "pic.png", encoding="utf-8")
    done = _check_in_subprocess(root)
    assert done.returncode == 1
    assert WHERE + "`pic.png` is a named pipe (FIFO), not a regular file" in done.stderr


def test_a_device_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "project"
    root.mkdir()
    (root / "zero.csv").symlink_to("/dev/zero")
    (root / "s.yaml").write_text(SPECIAL % "zero.csv", encoding="utf-8")
    monkeypatch.chdir(root)
    code, err = run(["check", "s.yaml", "--allow-outside"], capsys)
    assert code == 1
    assert "s.yaml:7:23: sections[0].blocks[0].table.data.file: `zero.csv` is a device, not a regular file" in err


def test_a_symlink_loop_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "project"
    root.mkdir()
    (root / "a.csv").symlink_to("b.csv")
    (root / "b.csv").symlink_to("a.csv")
    (root / "s.yaml").write_text(SPECIAL % "a.csv", encoding="utf-8")
    monkeypatch.chdir(root)
    code, err = run(["check", "s.yaml"], capsys)
    assert code == 1
    assert "s.yaml:7:23: sections[0].blocks[0].table.data.file: `a.csv` is a symlink loop" in err
    assert not any("Traceback" in line for line in err)


def test_a_fifo_as_the_spec_is_refused_without_blocking(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "s.yaml")
    done = _check_in_subprocess(tmp_path)
    assert done.returncode == 1
    assert "s.yaml: is a named pipe (FIFO), not a regular file" in done.stderr


def test_a_tall_image_on_a_short_page_is_scaled_to_fit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """check accepts any positive page size, so the image must fit it: reportlab refused the page before."""
    root = project(tmp_path, {"tall.png": png(40, 400)}, "tall.png")
    spec = (
        (root / "s.yaml")
        .read_text(encoding="utf-8")
        .replace("sections:", "theme: {page: {size: [300, 97]}}\nsections:")
    )
    (root / "s.yaml").write_text(spec, encoding="utf-8")
    monkeypatch.chdir(root)
    assert main(["build", "s.yaml", "-o", "out", "-q", "--format", "pdf"]) == 0
    import pypdf

    reader = pypdf.PdfReader(root / "out" / "s.pdf")
    assert any("/XObject" in str(page.get("/Resources", {}).keys()) for page in reader.pages)
