"""A new output format is one writer module plus one registry entry: the spec, the plan and the manifest follow.

The test adds a plain-text format to the writer registry before zzreport is
imported (in a child process, since the spec models are built from the
registry at import) and drives the command line: ``show:``, ``outputs:``, the
JSON Schema, ``build``, the manifest and ``build --check`` all know it
without any other edit.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
Run = Callable[..., "subprocess.CompletedProcess[str]"]

WRITER = """
from zzreport.ir import Paragraph
from zzreport.writers.base import WriteResult


class TextWriter:
    format = "txt"
    suffix = ".txt"

    def write(self, document, out, context):
        lines = [document.meta.title]
        for section in document.sections:
            lines.append(section.title)
            lines += ["".join(s.text for s in b.spans) for b in section.blocks_for("txt") if isinstance(b, Paragraph)]
        out.write(("\\n".join(lines) + "\\n").encode("utf-8"))
        return WriteResult("txt", 1)
"""

#: Runs zzreport's command line with the text format registered first.
LAUNCHER = f"""
import importlib.util, os, runpy, sys
path = {str(ROOT / "zzreport/writers/registry.py")!r}
spec = importlib.util.spec_from_file_location("zzreport.writers.registry", path)
registry = sys.modules["zzreport.writers.registry"] = importlib.util.module_from_spec(spec)
spec.loader.exec_module(registry)
counted_by = os.environ.get("TXT_COUNTED_BY", "")
registry.FORMATS["txt"] = registry.Format(
    "txt", ".txt", "text", "page", False, "txtwriter:TextWriter", counted_by=counted_by
)
registry.WRITERS["txt"] = "txtwriter:TextWriter"
sys.argv = ["zzreport", *sys.argv[1:]]
runpy.run_module("zzreport", run_name="__main__")
"""

SPEC = """zzreport: 1
title: 报告
sections:
  - id: a
    title: 一节
    blocks:
      - paragraph: 处处可见。
      - paragraph: 仅纸面。
        show: pdf
      - paragraph: 仅文本。
        show: txt
"""


@pytest.fixture
def run(tmp_path: Path) -> Run:
    (tmp_path / "txtwriter.py").write_text(WRITER, encoding="utf-8")

    def run(*args: str, counted_by: str = "") -> subprocess.CompletedProcess[str]:
        env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tmp_path), str(ROOT)])}
        env["TXT_COUNTED_BY"] = counted_by
        env["XDG_CACHE_HOME"] = str(tmp_path / "cache")
        return subprocess.run(
            [sys.executable, "-c", LAUNCHER, *args], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120
        )

    return run


def test_a_registered_format_is_built_listed_and_checked(run: Run, tmp_path: Path) -> None:
    (tmp_path / "s.yaml").write_text(SPEC, encoding="utf-8")
    built = run("build", "-q", "--format", "txt", "s.yaml", "-o", "out")
    assert built.returncode == 0, built.stderr
    assert (tmp_path / "out" / "s.txt").read_text(encoding="utf-8") == "报告\n一节\n处处可见。\n仅文本。\n"
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["s.manifest.json", "s.txt"]
    manifest = json.loads((tmp_path / "out" / "s.manifest.json").read_text(encoding="utf-8"))
    assert [(o["format"], o["path"], o["pages"]) for o in manifest["outputs"]] == [("txt", "s.txt", 1)]
    assert manifest["settings"]["formats"] == ["txt"]

    checked = run("build", "--check", "--format", "txt", "s.yaml", "-o", "out")
    assert checked.returncode == 0, checked.stderr
    (tmp_path / "out" / "s.txt").write_text("edited\n", encoding="utf-8")
    checked = run("build", "--check", "--format", "txt", "s.yaml", "-o", "out")
    assert checked.returncode == 3 and "  s.txt was modified after the build" in checked.stderr.splitlines()


def test_a_format_whose_pages_its_reader_counts_is_given_no_made_up_count(run: Run, tmp_path: Path) -> None:
    """A file laid out by the application that opens it (a word processor's) has no page count the writer knows:
    the build says who counts them, the manifest records ``null``, and ``diff`` repeats who counts them."""
    viewer = "the text viewer"
    card = "      - kpis: [{label: 产量, value: 12, unit: 万辆}]\n"
    (tmp_path / "s.yaml").write_text(SPEC + card, encoding="utf-8")
    built = run("build", "--format", "txt", "s.yaml", "-o", "old", counted_by=viewer)
    assert built.returncode == 0, built.stderr
    assert "s.txt (pages as the text viewer lays them out, 0 KiB)" in built.stderr
    assert " 1 page" not in built.stderr and " 0 pages" not in built.stderr
    manifest = json.loads((tmp_path / "old" / "s.manifest.json").read_text(encoding="utf-8"))
    assert [(o["format"], o["pages"]) for o in manifest["outputs"]] == [("txt", None)]

    (tmp_path / "s.yaml").write_text(
        SPEC.replace("处处可见。", "处处可见，且有变。") + card.replace("12", "13"), encoding="utf-8"
    )
    assert run("build", "-q", "--format", "txt", "s.yaml", "-o", "new", counted_by=viewer).returncode == 0
    diffed = run("diff", "old", "new", counted_by=viewer)
    assert "pages as the text viewer lays them out" in diffed.stdout, diffed.stdout
    assert "pages as" not in run("diff", "old", "new").stdout  # a counted format: its count is printed


def test_outputs_and_show_of_a_registered_format(run: Run, tmp_path: Path) -> None:
    (tmp_path / "s.yaml").write_text(SPEC + "outputs:\n  txt: notes.pdf\n", encoding="utf-8")
    checked = run("check", "s.yaml")
    assert checked.returncode == 1
    assert "s.yaml:13:8: outputs.txt: the txt file name must end in .txt" in checked.stderr

    (tmp_path / "s.yaml").write_text(SPEC + "outputs:\n  txt: notes.txt\n  pdf: false\n", encoding="utf-8")
    built = run("build", "-q", "--format", "txt,pdf", "s.yaml", "-o", "out")
    assert built.returncode == 0, built.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["notes.txt", "s.manifest.json"]

    (tmp_path / "s.yaml").write_text(SPEC.replace("show: txt", "show: odt"), encoding="utf-8")
    checked = run("check", "s.yaml")
    assert checked.returncode == 1
    assert "expected 'all', 'both', 'pdf', 'pptx', 'docx' or 'txt', or a list of them, got 'odt'" in checked.stderr


def test_the_schema_lists_a_registered_format(run: Run) -> None:
    shown = run("schema")
    assert shown.returncode == 0, shown.stderr
    schema = json.loads(shown.stdout)
    assert list(schema["$defs"]["Outputs"]["properties"]) == ["pdf", "pptx", "docx", "txt"]
    one, listed = schema["$defs"]["ParagraphBlock"]["properties"]["show"]["anyOf"]
    assert one["enum"] == ["all", "both", "pdf", "pptx", "docx", "txt"]
    assert listed["items"]["enum"] == ["pdf", "pptx", "docx", "txt"]
