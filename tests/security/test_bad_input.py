"""Every class of bad input, through `zzreport build`: the exact located message, exit 1, nothing written."""

from __future__ import annotations

from pathlib import Path

import pytest

from zzreport.app.cli import main
from zzreport.testing import write_files

HEAD = "zzreport: 1\ntitle: 报告\nsections:\n  - id: a\n    title: 一节\n    blocks:\n"
PNG_1PX = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360f8ffff3f0005fe02fea7d6a4bd0000000049454e44ae426082"
)

CASES: dict[str, tuple[str | bytes, dict[str, str | bytes], list[str]]] = {
    "yaml syntax": (
        HEAD + "      - paragraph: [未闭合\n",
        {},
        [
            "s.yaml:8:1: sections[0].blocks[0].paragraph: YAML syntax error: expected ',' or ']', "
            "but got '<stream end>' (while parsing a flow sequence started at line 7, column 20)"
        ],
    ),
    "wrong type": (
        HEAD + "      - kpis: [{label: 数, value: 五}]\n",
        {},
        ["s.yaml:7:34: sections[0].blocks[0].kpis[0].value: expected a number, got '五'"],
    ),
    "unknown key": (
        HEAD + "      - paragraph: 文\n        shwo: pdf\n",
        {},
        ["s.yaml:8:9: sections[0].blocks[0].shwo: unknown key `shwo` (did you mean `show`?)"],
    ),
    "duplicate key": (
        HEAD.replace("title: 一节\n", "title: 一节\n    title: 二节\n"),
        {},
        ["s.yaml:6:5: sections[0].title: duplicate key `title` (first defined at line 5)"],
    ),
    "tab indentation": (
        HEAD + "\t- paragraph: 文\n",
        {},
        ["s.yaml:7:1: tab character in indentation; YAML indents with spaces only"],
    ),
    "non-UTF-8": (
        HEAD.encode() + "      - paragraph: 文\n".encode("gbk"),
        {},
        ["s.yaml:7:20: the file is not valid UTF-8 (byte 0xCE); save the spec as UTF-8"],
    ),
    "binary garbage": (
        b"\x7fELF\x02\x01\x01\x00\x00\x00",
        {},
        ["s.yaml:1:8: the file contains NUL bytes: it is binary, not a YAML text file"],
    ),
    "empty": ("", {}, ["s.yaml:1:1: the spec is empty; expected a mapping with `title` and `sections`"]),
    "top level not a mapping": (
        "- 报告\n",
        {},
        ["s.yaml:1:1: the top level must be a mapping with `title` and `sections`, got a list"],
    ),
    "alias bomb": (
        "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
        + "".join(f"{n}: &{n} [{', '.join(['*' + p] * 10)}]\n" for p, n in zip("abcdef", "bcdefg", strict=True))
        + "zzreport: 1\n",
        {},
        [
            "s.yaml:6:36: f[7]: the document expands to more than 1000000 nodes (an alias/anchor bomb?); "
            "raise the limit with --max-nodes if this is intended"
        ],
    ),
    "deep nesting": (
        "zzreport: 1\ntitle: " + "[" * 100 + "]" * 100 + "\n",
        {},
        [
            "s.yaml:2:71: title[0][0][0]: nesting is deeper than 64 levels; "
            "raise the limit with --max-depth if this is intended"
        ],
    ),
    "NaN": (
        HEAD + "      - figure: {kind: column, categories: [甲], series: [{name: s, values: [.nan]}]}\n",
        {},
        ["s.yaml:7:77: sections[0].blocks[0].figure.series[0].values[0]: expected a finite number, got nan"],
    ),
    "infinity": (
        HEAD + "      - kpis: [{label: 数, value: .inf}]\n",
        {},
        ["s.yaml:7:34: sections[0].blocks[0].kpis[0].value: expected a finite number, got inf"],
    ),
    "negative pie": (
        HEAD + "      - figure: {kind: pie, categories: [甲, 乙], series: [{name: s, values: [3, -1]}]}\n",
        {},
        ["s.yaml:7:76: sections[0].blocks[0].figure.series[0].values: a pie chart cannot show negative values"],
    ),
    "unequal series": (
        HEAD + "      - figure: {kind: line, categories: [甲, 乙], series: [{name: s, values: [3]}]}\n",
        {},
        ["s.yaml:7:77: sections[0].blocks[0].figure.series[0].values: series `s` has 1 value for 2 categories"],
    ),
    "missing data file": (
        HEAD + "      - table: {data: missing.csv}\n",
        {},
        ["s.yaml:7:23: sections[0].blocks[0].table.data.file: data file not found: `missing.csv`"],
    ),
    "unreadable data file": (
        HEAD + "      - table: {data: folder.csv}\n",
        {"folder.csv/x": "x"},
        ["s.yaml:7:23: sections[0].blocks[0].table.data.file: `folder.csv` is a folder, not a data file"],
    ),
    "corrupt data file": (
        HEAD + "      - table: {data: d.csv}\n",
        {"d.csv": "指标,数量\n甲,1,多余\n"},
        ["d.csv:2:1: row has 3 cells, the header has 2"],
    ),
    "non-numeric data": (
        HEAD + "      - figure: {kind: column, data: d.csv}\n",
        {"d.csv": "类别,数量\n甲,一百\n"},
        ["d.csv:2:2: 数量: expected a number, got '一百'"],
    ),
    "corrupt image": (
        HEAD + "      - image: {path: broken.png, alt: 图}\n",
        {"broken.png": PNG_1PX[:30]},
        ["s.yaml:7:23: sections[0].blocks[0].image.path: image `broken.png` is corrupt: its PNG data cannot be read"],
    ),
    "file outside the spec's folder": (
        HEAD + "      - table: {data: ../outside.csv}\n",
        {},
        [
            "s.yaml:7:23: sections[0].blocks[0].table.data.file: `../outside.csv` is outside the spec's folder; "
            "pass --allow-outside to permit it"
        ],
    ),
    "control character": (
        HEAD + '      - paragraph: "响铃\\a"\n',
        {},
        [
            "s.yaml:7:20: sections[0].blocks[0].paragraph: contains the control character U+0007 at position 3; "
            "remove it (it cannot appear in a PDF or a deck)"
        ],
    ),
    "unsafe output name": (
        HEAD + "      - paragraph: 文\noutputs: {pdf: ../../etc/x.pdf}\n",
        {},
        ["s.yaml:8:16: outputs.pdf: expected a plain file name (no folders, not hidden), got '../../etc/x.pdf'"],
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_input_is_located_and_nothing_is_written(
    case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    text, files, expected = CASES[case]
    root = tmp_path / "project"
    root.mkdir()
    (tmp_path / "outside.csv").write_text("a,b\nx,1\n", encoding="utf-8")
    write_files(root, files)
    spec = root / "s.yaml"
    if isinstance(text, bytes):
        spec.write_bytes(text)
    else:
        spec.write_text(text, encoding="utf-8")
    monkeypatch.chdir(root)
    assert main(["build", "s.yaml", "-o", "out"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[1:-1] == expected
    assert err[-1].startswith("s.yaml: ") and err[-1].endswith("; nothing written")
    assert not (root / "out").exists()


def test_oversized_spec_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                   capsys: pytest.CaptureFixture[str]) -> None:  # fmt: skip
    monkeypatch.chdir(tmp_path)
    Path("s.yaml").write_text(HEAD + "      - paragraph: " + "文" * 400 + "\n", encoding="utf-8")
    assert main(["build", "--max-bytes", "1000", "s.yaml", "-o", "out"]) == 1
    size = Path("s.yaml").stat().st_size
    assert capsys.readouterr().err.splitlines()[1] == (
        f"s.yaml: the file is {size} bytes, over the 1000-byte limit; raise it with --max-bytes if this is intended"
    )
    assert not Path("out").exists()


def test_unusable_template_and_logo_are_located(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("t.pptx").write_bytes(b"not a zip")
    Path("logo.png").write_bytes(b"not a png")
    Path("s.yaml").write_text(
        "zzreport: 1\ntitle: 报告\ntheme:\n  logo: logo.png\n  slides: {template: t.pptx}\n"
        "sections: [{id: a, title: 一}]\n",
        encoding="utf-8",
    )
    assert main(["build", "s.yaml", "-o", "out"]) == 1
    assert capsys.readouterr().err.splitlines()[1:3] == [
        "s.yaml:4:9: theme.logo: image `logo.png` has content of no known image format; "
        "only PNG, JPEG, GIF or SVG images are accepted",
        "s.yaml:5:22: theme.slides.template: template `t.pptx` is corrupt or not a PowerPoint file",
    ]
    assert not Path("out").exists()


def test_an_unexpected_writer_failure_is_reported_without_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from zzreport.writers.pdf import writer

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(writer, "render", broken)
    monkeypatch.delenv("ZZREPORT_DEBUG", raising=False)
    monkeypatch.chdir(tmp_path)
    Path("s.yaml").write_text(HEAD + "      - paragraph: 文\n", encoding="utf-8")
    assert main(["build", "--format", "pdf", "s.yaml", "-o", "out"]) == 1
    err = capsys.readouterr().err
    assert "s.yaml: internal error: RuntimeError: boom (set ZZREPORT_DEBUG=1 for the traceback" in err
    assert "Traceback" not in err
    assert not Path("out").exists()
