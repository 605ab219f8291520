"""How a build writes its outputs, under attack and accident.

A build's outputs and manifest are replaced all together or not at all
(whatever fails: a full disk on the second temporary, a rename in the
middle, the manifest's rename); what a killed build left is cleaned up;
specs of one batch may not overwrite each other's outputs; a manifest of
the wrong shape makes ``build --check`` say "stale", not crash; and ``watch``
outlives whatever happens to the files it watches.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import re
import shutil
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from zzreport import output
from zzreport.app.cli import main

ROOT = Path(__file__).resolve().parents[2]
MINIMAL = (ROOT / "tests" / "fixtures" / "ok" / "minimal.yaml").read_text(encoding="utf-8")
NAMES = ["s.docx", "s.manifest.json", "s.pdf", "s.pptx"]
ENOSPC = OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def spec_text(paragraph: str = "正文。", outputs: str = "") -> str:
    return MINIMAL.replace("正文。", paragraph) + outputs


def files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.fixture
def built(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> dict[str, bytes]:
    """``s.yaml`` built once into ``out``; the spec then edited, so a rebuild would change every output."""
    monkeypatch.chdir(tmp_path)
    Path("s.yaml").write_text(spec_text(), encoding="utf-8")
    assert main(["build", "-q", "s.yaml", "-o", "out"]) == 0
    old = files(Path("out"))
    assert sorted(old) == NAMES
    Path("s.yaml").write_text(spec_text("新的正文。"), encoding="utf-8")
    capsys.readouterr()
    return old


@pytest.fixture
def inject() -> Iterator[pytest.MonkeyPatch]:
    """Patches for failure injection, undone on their own (``monkeypatch.undo`` would undo the chdir too)."""
    patches = pytest.MonkeyPatch()
    yield patches
    patches.undo()


def fail_call(monkeypatch: pytest.MonkeyPatch, name: str, failing: set[int]) -> list[int]:
    """Make the n-th calls (1-based) of ``os.<name>`` inside zzreport.output raise ENOSPC."""
    real = getattr(os, name)
    calls: list[int] = []

    def fake(*args: Any, **kwargs: Any) -> Any:
        calls.append(len(calls) + 1)
        if len(calls) in failing:
            raise ENOSPC
        return real(*args, **kwargs)

    monkeypatch.setattr(output.os, name, fake)
    return calls


def assert_old_set_is_intact(old: dict[str, bytes], capsys: pytest.CaptureFixture[str]) -> None:
    """Every old file byte for byte, nothing else in the folder, and ``build --check`` agreeing."""
    assert files(Path("out")) == old
    capsys.readouterr()
    assert main(["build", "--check", "s.yaml", "-o", "out"]) == 3  # stale, for the one true reason
    assert capsys.readouterr().err.splitlines() == ["s.yaml: stale in out:", "  s.yaml changed"]
    Path("s.yaml").write_text(spec_text(), encoding="utf-8")  # back to what the outputs were built from
    assert main(["build", "--check", "s.yaml", "-o", "out"]) == 0
    assert capsys.readouterr().err == "s.yaml: up to date in out\n"


# --------------------------------------------------------------------------- all together or not at all


@pytest.mark.parametrize("failing", [2, 4], ids=["second temporary", "manifest temporary"])
def test_a_failed_temporary_write_leaves_every_old_file(
    built: dict[str, bytes], inject: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], failing: int
) -> None:
    fail_call(inject, "fsync", {failing})
    assert main(["build", "s.yaml", "-o", "out"]) == 1
    err = capsys.readouterr().err.splitlines()
    target = ["out/s.pdf", "out/s.pptx", "out/s.docx", "out/s.manifest.json"][failing - 1]
    assert f"{target}: cannot write: No space left on device" in err
    assert err[-1] == "s.yaml: 1 problem; nothing written"
    inject.undo()
    assert_old_set_is_intact(built, capsys)


@pytest.mark.parametrize("failing", [1, 2, 4], ids=["first rename", "second rename", "manifest rename"])
def test_a_failed_rename_rolls_the_whole_set_back(
    built: dict[str, bytes], inject: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], failing: int
) -> None:
    fail_call(inject, "replace", {failing})
    assert main(["build", "s.yaml", "-o", "out"]) == 1
    err = capsys.readouterr().err.splitlines()
    target = ["out/s.pdf", "out/s.pptx", "out/s.docx", "out/s.manifest.json"][failing - 1]
    assert err[-2:] == [f"{target}: cannot write: No space left on device", "s.yaml: 1 problem; nothing written"]
    inject.undo()
    assert_old_set_is_intact(built, capsys)


def test_rolling_back_without_hard_links(
    built: dict[str, bytes], inject: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Where the file system has no hard links, the old files are moved aside instead, and still come back."""

    def no_links(*args: object, **kwargs: object) -> None:
        raise OSError(errno.EPERM, os.strerror(errno.EPERM))

    inject.setattr(output.os, "link", no_links)
    real_replace = os.replace
    renamed: list[tuple[str, str]] = []

    def replace(src: Any, dst: Any) -> None:
        renamed.append((Path(src).name, Path(dst).name))
        if Path(src).name.endswith(".tmp") and Path(dst).name == "s.manifest.json":
            raise ENOSPC
        real_replace(src, dst)

    inject.setattr(output.os, "replace", replace)
    assert main(["build", "s.yaml", "-o", "out"]) == 1
    assert "out/s.manifest.json: cannot write: No space left on device" in capsys.readouterr().err
    assert ("s.pdf", renamed[0][1]) == renamed[0] and renamed[0][1].endswith(".old")  # moved aside first
    inject.undo()
    assert_old_set_is_intact(built, capsys)


def test_a_failed_roll_back_is_not_called_nothing_written(
    built: dict[str, bytes], inject: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """If even restoring fails, the message says what is where, and the old bytes survive under a backup name."""
    fail_call(inject, "replace", {2, 3})  # the deck's rename, then putting the old PDF back
    assert main(["build", "s.yaml", "-o", "out"]) == 1
    err = capsys.readouterr().err.splitlines()
    backups = sorted(p.name for p in Path("out").glob(".zzreport-*.old"))
    assert len(backups) == 1
    assert err[-2:] == [
        "out/s.pptx: cannot write: No space left on device; then out/s.pdf could not be restored "
        f"(No space left on device, the old file is kept as {backups[0]})",
        "s.yaml: 1 problem; old and new outputs mixed, see above",
    ]
    assert (Path("out") / backups[0]).read_bytes() == built["s.pdf"]
    assert (Path("out") / "s.pptx").read_bytes() == built["s.pptx"]
    assert (Path("out") / "s.manifest.json").read_bytes() == built["s.manifest.json"]
    inject.undo()
    capsys.readouterr()
    assert main(["build", "--check", "s.yaml", "-o", "out"]) == 3  # the check tells the truth about the mix
    assert "  s.pdf was modified after the build" in capsys.readouterr().err.splitlines()
    assert main(["build", "-q", "s.yaml", "-o", "out"]) == 0  # the next build cleans up
    assert sorted(files(Path("out"))) == NAMES


def test_the_library_build_never_leaves_a_half_written_set(
    built: dict[str, bytes], inject: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import zzreport

    fail_call(inject, "replace", {2})
    with pytest.raises(zzreport.SpecError, match=re.escape("out/s.pptx: cannot write: No space left on device")):
        zzreport.build("s.yaml", "out")
    inject.undo()
    assert_old_set_is_intact(built, capsys)


def test_an_interrupted_rename_phase_rolls_back_too(
    built: dict[str, bytes], inject: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Ctrl-C between two renames: the old set comes back before the interrupt goes on."""
    real = os.replace
    calls: list[int] = []

    def interrupted(src: Any, dst: Any) -> None:
        calls.append(1)
        if len(calls) == 2:
            raise KeyboardInterrupt
        real(src, dst)

    inject.setattr(output.os, "replace", interrupted)
    assert main(["build", "s.yaml", "-o", "out"]) == 130
    inject.undo()
    assert_old_set_is_intact(built, capsys)


# --------------------------------------------------------------------------- stale temporaries


def test_a_build_removes_what_a_killed_build_left_of_its_own_outputs(
    built: dict[str, bytes], capsys: pytest.CaptureFixture[str]
) -> None:
    out = Path("out")

    def digest(name: str) -> str:
        return hashlib.sha256(name.encode()).hexdigest()[:16]

    ours = [
        f".zzreport-{digest('s.pdf')}-0123456789ab.tmp",
        f".zzreport-{digest('s.pptx')}-ba9876543210.tmp",
        f".zzreport-{digest('s.manifest.json')}-00000000ffff.old",
        ".s.pdf.k2j_9x0a.tmp",  # what versions before this naming left (tempfile's pattern)
    ]
    theirs = [
        ".foo.tmp",
        ".s.pdf.notes.tmp",
        f".zzreport-{digest('other.pdf')}-0123456789ab.tmp",  # another spec's build may be writing it right now
        f".zzreport-{digest('s.pdf')}-0123456789ab.tmp.keep",
        "s.pdf.tmp",
    ]
    for name in ours + theirs:
        (out / name).write_bytes(b"partial")
    assert main(["build", "-q", "s.yaml", "-o", "out"]) == 0
    assert sorted(files(out)) == sorted(NAMES + theirs)


def test_the_sweep_for_a_reports_temporaries_reads_no_other_reports_files_closely(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A batch writes hundreds of reports into one folder, each sweeping it before its write: a file of another
    report is passed over by its name's start, not matched against every output name's patterns."""
    others = [f"briefing-{n}.{suffix}" for n in range(100) for suffix in ("pdf", "pptx", "manifest.json")]
    stale = [f".zzreport-{hashlib.sha256(b's.pdf').hexdigest()[:16]}-0123456789ab.tmp", ".s.pdf.k2j_9x0a.tmp"]
    for name in others + stale:
        (tmp_path / name).write_bytes(b"x")
    matched: list[str] = []
    real = output.own_temporary
    monkeypatch.setattr(output, "own_temporary", lambda name, entry: matched.append(entry) or real(name, entry))
    targets = [tmp_path / name for name in ("s.pdf", "s.pptx", "s.manifest.json")]
    assert sorted(output.remove_stale_temporaries(targets)) == sorted(tmp_path / name for name in stale)
    assert set(matched) == set(stale)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(others)


def test_temporary_names_fit_where_the_output_name_fits(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A 244-byte output name is a valid file name; its temporary must be one too."""
    monkeypatch.chdir(tmp_path)
    name = "报" * 80 + ".pdf"
    assert len(name.encode()) == 244
    Path("s.yaml").write_text(
        spec_text(outputs=f"outputs: {{pdf: {name}, pptx: false, docx: false}}\n"), encoding="utf-8"
    )
    assert main(["build", "-q", "s.yaml", "-o", "out"]) == 0
    assert sorted(files(Path("out"))) == ["s.manifest.json", name]


def test_an_output_name_too_long_for_the_file_system_is_located_by_check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Within the spec's 200 characters, but 274 bytes: `check` says so, instead of the build failing to write."""
    monkeypatch.chdir(tmp_path)
    name = "报" * 90 + ".pdf"
    Path("s.yaml").write_text(spec_text(outputs=f"outputs: {{pdf: {name}}}\n"), encoding="utf-8")
    message = "s.yaml:8:16: outputs.pdf: the pdf file name is 274 bytes long; file systems take at most 255"
    assert main(["check", "s.yaml"]) == 1
    assert message in capsys.readouterr().err.splitlines()
    assert main(["build", "s.yaml", "-o", "out"]) == 1
    assert capsys.readouterr().err.splitlines()[-2:] == [message, "s.yaml: 1 problem; nothing written"]
    assert not Path("out").exists()


def test_a_manifest_name_too_long_for_the_file_system_is_refused_before_rendering(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The manifest is named after the spec file: a 248-byte spec name makes a 257-byte manifest name."""
    monkeypatch.chdir(tmp_path)
    spec = "报" * 81 + ".yaml"
    Path(spec).write_text(spec_text(outputs="outputs: {pdf: a.pdf, pptx: a.pptx}\n"), encoding="utf-8")
    assert main(["build", spec, "-o", "out"]) == 1
    assert capsys.readouterr().err.splitlines()[-2:] == [
        f"{spec}: the manifest file name is 257 bytes long; file systems take at most 255",
        f"{spec}: 1 problem; nothing written",
    ]
    assert not Path("out").exists()


def test_an_output_may_not_overwrite_an_input(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Built into its own folder, a spec's manifest would replace a data file it reads."""
    monkeypatch.chdir(tmp_path)
    data = "指标,数量\n床位,6012\n"
    Path("s.manifest.json").write_text(data, encoding="utf-8")
    Path("s.yaml").write_text(spec_text() + "      - table: {data: s.manifest.json}\n", encoding="utf-8")
    assert main(["build", "s.yaml", "-o", "."]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[-2:] == [
        "s.yaml: the manifest s.manifest.json would overwrite an input of the build",
        "s.yaml: 1 problem; nothing written",
    ]
    assert Path("s.manifest.json").read_text(encoding="utf-8") == data
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s.manifest.json", "s.yaml"]


# --------------------------------------------------------------------------- collisions in a batch


def write_specs(specs: dict[str, str]) -> None:
    for name, text in specs.items():
        Path(name).write_text(text, encoding="utf-8")


def test_two_specs_naming_the_same_output_are_both_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    same = "outputs:\n  pdf: same.pdf\n  pptx: false\n"
    write_specs({"a.yaml": spec_text("甲", same), "b.yaml": spec_text("乙", same), "c.yaml": spec_text("丙")})
    assert main(["build", "a.yaml", "b.yaml", "c.yaml", "-o", "out"]) == 1
    err = capsys.readouterr().err.splitlines()
    tail = "; specs built into one folder need different output names"
    assert "a.yaml:9:8: outputs.pdf: same.pdf is also written by b.yaml:9:8 (outputs.pdf)" + tail in err
    assert "b.yaml:9:8: outputs.pdf: same.pdf is also written by a.yaml:9:8 (outputs.pdf)" + tail in err
    assert "built 1 of 3 specs; failed: a.yaml, b.yaml" in err
    assert sorted(files(Path("out"))) == ["c.docx", "c.manifest.json", "c.pdf", "c.pptx"]  # the others are built


def test_a_yaml_and_a_yml_share_every_output_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    write_specs({"a.yaml": spec_text("甲"), "a.yml": spec_text("乙")})
    assert main(["build", "-j", "2", ".", "-o", "out"]) == 1
    err = capsys.readouterr().err.splitlines()
    tail = "; specs built into one folder need different output names"
    assert err[:4] == [
        "a.yaml:1:1: the manifest a.manifest.json (named after the spec file) is also written by "
        "a.yml:1:1 (its manifest)" + tail,
        "a.yaml:1:1: outputs.docx: a.docx (named after the spec file) is also written by a.yml:1:1 (outputs.docx)"
        + tail,
        "a.yaml:1:1: outputs.pdf: a.pdf (named after the spec file) is also written by a.yml:1:1 (outputs.pdf)" + tail,
        "a.yaml:1:1: outputs.pptx: a.pptx (named after the spec file) is also written by a.yml:1:1 (outputs.pptx)"
        + tail,
    ]
    assert not Path("out").exists()


def test_output_names_equal_but_for_case_collide(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    write_specs({"a.yaml": spec_text("甲", "outputs: {pdf: Report.PDF}\n"), "b.yaml": spec_text("乙")})
    Path("b.yaml").rename("report.yaml")
    assert main(["build", "--format", "pdf", "a.yaml", "report.yaml", "-o", "out"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert (
        "a.yaml:8:16: outputs.pdf: Report.PDF and report.pdf of report.yaml:1:1 (outputs.pdf) differ only in "
        "letter case (one file on case-insensitive file systems); specs built into one folder need different "
        "output names"
    ) in err
    assert not Path("out").exists()


def test_build_check_reports_colliding_specs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two specs sharing a manifest: the folder can only be up to date for one of them, so neither is."""
    monkeypatch.chdir(tmp_path)
    write_specs({"a.yaml": spec_text("甲"), "c.yaml": spec_text("丙")})
    assert main(["build", "-q", "a.yaml", "c.yaml", "-o", "out"]) == 0
    Path("sub").mkdir()
    shutil.copy("a.yaml", "sub/a.yaml")
    capsys.readouterr()
    assert main(["build", "--check", "a.yaml", "c.yaml", "sub/a.yaml", "-o", "out"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert "sub/a.yaml:1:1: outputs.pdf: a.pdf (named after the spec file) is also written by a.yaml:1:1" in "\n".join(
        err
    )
    assert "c.yaml: up to date in out" in err


def test_a_collision_in_another_shard_is_refused_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The shards of one batch usually end up in one folder: collisions are checked across the whole batch."""
    monkeypatch.chdir(tmp_path)
    write_specs({"a.yaml": spec_text("甲"), "a.yml": spec_text("乙")})
    assert main(["build", "--shard", "1/2", ".", "-o", "out"]) == 1
    assert "a.yaml:1:1: outputs.pdf: a.pdf (named after the spec file) is also written by a.yml:1:1" in (
        capsys.readouterr().err
    )
    assert not Path("out").exists()


def test_one_spec_named_twice_is_built_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Not a collision, and not two jobs racing to write the same files either."""
    monkeypatch.chdir(tmp_path)
    Path("sub").mkdir()
    write_specs({"sub/a.yaml": spec_text()})
    assert main(["build", "-j", "2", "sub/a.yaml", "sub/../sub/a.yaml", "./sub/a.yaml", "-o", "out"]) == 0
    assert capsys.readouterr().err.startswith("sub/a.yaml: wrote out/a.pdf")
    assert sorted(files(Path("out"))) == ["a.docx", "a.manifest.json", "a.pdf", "a.pptx"]


def test_within_one_spec_the_pdf_and_the_deck_cannot_share_a_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Each output's name must end in its own suffix, so the two (and the manifest's .json) never meet."""
    monkeypatch.chdir(tmp_path)
    write_specs({"s.yaml": spec_text(outputs="outputs: {pdf: same.pdf, pptx: same.pdf}\n")})
    assert main(["build", "s.yaml", "-o", "out"]) == 1
    assert "s.yaml:8:32: outputs.pptx: the pptx file name must end in .pptx" in capsys.readouterr().err
    assert not Path("out").exists()


# --------------------------------------------------------------------------- build --check on a bad manifest


BAD_MANIFESTS: dict[str, tuple[bytes, str]] = {
    "a list": (b"[]", "is invalid (expected a JSON object)"),
    "a string": (b'"x"', "is invalid (expected a JSON object)"),
    "an empty object": (b"{}", "is invalid (`zzreport` is missing or not a str)"),
    "inputs a list": (
        b'{"zzreport": "1", "settings": {}, "inputs": [], "outputs": []}',
        "is invalid (`inputs` is missing or not a dict)",
    ),
    "digests as numbers": (
        b'{"zzreport": "1", "settings": {}, "inputs": {"s.yaml": 1e999}, "outputs": []}',
        "is invalid (`inputs` must map names to digests)",
    ),
    "outputs of numbers": (
        b'{"zzreport": "1", "settings": {}, "inputs": {}, "outputs": [1, 2]}',
        "is invalid (each of `outputs` needs a format, path and sha256)",
    ),
    "an output without a digest": (
        b'{"zzreport": "1", "settings": {}, "inputs": {}, "outputs": [{"format": "pdf", "path": "s.pdf"}]}',
        "is invalid (each of `outputs` needs a format, path and sha256)",
    ),
    "a huge integer": (b'{"zzreport": ' + b"9" * 5000 + b"}", "is unreadable (not a JSON file)"),
    "deep nesting": (b"[" * 100_000 + b"]" * 100_000, "is unreadable (not a JSON file)"),
    "not UTF-8": (b'{"zzreport": "\xff"}', "is unreadable (not a JSON file)"),
    "truncated": (b'{"zzreport": "1", "sett', "is unreadable (not a JSON file)"),
}


@pytest.mark.parametrize("case", sorted(BAD_MANIFESTS))
def test_a_manifest_of_the_wrong_shape_means_stale(
    built: dict[str, bytes], capsys: pytest.CaptureFixture[str], case: str
) -> None:
    content, why = BAD_MANIFESTS[case]
    Path("out/s.manifest.json").write_bytes(content)
    assert main(["build", "--check", "s.yaml", "-o", "out"]) == 3
    assert capsys.readouterr().err.splitlines() == ["s.yaml: stale in out:", f"  manifest s.manifest.json {why}"]


def test_names_from_a_planted_manifest_are_printed_harmlessly(
    built: dict[str, bytes], capsys: pytest.CaptureFixture[str]
) -> None:
    manifest = json.loads(built["s.manifest.json"])
    manifest["inputs"]["\x1b]0;pwned\x07\x1b[2J" + "x" * 500] = "0" * 64
    Path("out/s.manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    assert main(["build", "--check", "s.yaml", "-o", "out"]) == 3
    err = capsys.readouterr().err
    assert "\x1b" not in err and "\x07" not in err
    assert "  \\x1b]0;pwned\\x07\\x1b[2Jxxxxxxxxxx" in err
    assert max(len(line) for line in err.splitlines()) < 120


# --------------------------------------------------------------------------- watch


Action = Callable[[], "set[tuple[Any, str]]"]


def scripted_watcher(actions: list[Action], stop: threading.Event) -> tuple[Any, list[tuple[str, ...]]]:
    """A stand-in for watchfiles.watch: each call runs the next action and yields its changes; then stops."""
    watched: list[tuple[str, ...]] = []

    def watcher(*folders: Path, **kwargs: Any) -> Iterator[set[tuple[Any, str]]]:
        watched.append(tuple(str(f) for f in folders))
        if not actions:
            stop.set()
            return
        yield actions.pop(0)()

    return watcher, watched


def run_watch(spec: Path, actions: list[Action]) -> tuple[list[Any], list[str], list[tuple[str, ...]]]:
    from zzreport.app.watch import watch
    from zzreport.loading import Limits
    from zzreport.resolve import ResolveOptions

    stop = threading.Event()
    watcher, watched = scripted_watcher(actions, stop)
    results: list[Any] = []
    errors: list[str] = []
    watch(
        spec,
        spec.parent / "out",
        ["pdf"],
        Limits(),
        ResolveOptions(),
        results.append,
        stop,
        on_error=errors.append,
        watcher=watcher,
    )
    return results, errors, watched


def table_spec(folder: Path) -> tuple[Path, Path]:
    """A spec of one table and the CSV it reads (新增床位 6012)."""
    csv = folder / "table.csv"
    csv.write_text("指标,数量\n新增床位,6012\n", encoding="utf-8")
    spec = folder / "s.yaml"
    spec.write_text(
        "zzreport: 1\ntitle: 报告\nsections:\n  - id: a\n    title: 一\n    blocks:\n"
        "      - table: {data: table.csv}\n",
        encoding="utf-8",
    )
    return spec, csv


def silent_watcher(stop: threading.Event, edit: Callable[[], object]) -> Any:
    """A stand-in for watchfiles.watch that runs ``edit`` as it starts, then only times out (no event ever
    comes) a few times, and stops the watch."""
    calls: list[int] = []

    def watcher(*folders: Path, **kwargs: Any) -> Iterator[set[tuple[Any, str]]]:
        calls.append(1)
        if len(calls) == 1:
            edit()
            for _ in range(4):
                yield set()
        stop.set()
        yield set()

    return watcher


def test_watch_survives_its_spec_becoming_a_folder_and_coming_back(tmp_path: Path) -> None:
    spec = tmp_path / "s.yaml"
    spec.write_text(spec_text(), encoding="utf-8")

    def into_folder() -> set[tuple[Any, str]]:
        spec.unlink()
        spec.mkdir()
        return {(1, str(spec))}

    def back() -> set[tuple[Any, str]]:
        spec.rmdir()
        spec.write_text(spec_text("回来了。"), encoding="utf-8")
        return {(2, str(spec))}

    results, errors, _ = run_watch(spec, [into_folder, back])
    assert [r.ok for r in results] == [True, False, True]
    assert results[1].problems == [f"{spec}: is a folder, not a spec file"]
    assert errors == []


def test_watch_survives_its_folder_vanishing(tmp_path: Path) -> None:
    """The spec's folder is deleted: the watcher cannot watch it, so watch says so, waits and carries on."""
    folder = tmp_path / "project"
    folder.mkdir()
    spec = folder / "s.yaml"
    spec.write_text(spec_text(), encoding="utf-8")

    def vanish() -> set[tuple[Any, str]]:
        shutil.rmtree(folder)
        return {(3, str(spec))}

    def cannot_watch() -> set[tuple[Any, str]]:
        raise FileNotFoundError(errno.ENOENT, "No path was found.")

    def recreate() -> set[tuple[Any, str]]:
        folder.mkdir()
        spec.write_text(spec_text(), encoding="utf-8")
        return {(1, str(spec))}

    import zzreport.app.watch

    zzreport.app.watch.RETRY_SECONDS, before = 0.01, zzreport.app.watch.RETRY_SECONDS
    try:
        results, errors, watched = run_watch(spec, [vanish, cannot_watch, recreate])
    finally:
        zzreport.app.watch.RETRY_SECONDS = before
    # After the watcher failed nobody knows what changed meanwhile: it builds again (still failing), then waits.
    assert [r.ok for r in results] == [True, False, False, True]
    assert errors == [f"{spec}: cannot watch: No path was found.; trying again"]
    assert watched[1] == (str(tmp_path),)  # with its folder gone, the closest existing one is watched


def test_watch_survives_a_symlink_loop_for_a_spec(tmp_path: Path) -> None:
    spec = tmp_path / "s.yaml"
    spec.write_text(spec_text(), encoding="utf-8")

    def loop() -> set[tuple[Any, str]]:
        spec.unlink()
        (tmp_path / "t.yaml").symlink_to(spec)
        spec.symlink_to(tmp_path / "t.yaml")
        return {(2, str(spec))}

    results, errors, _ = run_watch(spec, [loop])
    assert [r.ok for r in results] == [True, False]
    assert results[1].problems == [f"{spec}: cannot read: Too many levels of symbolic links"]
    assert errors == []


def test_watch_sees_an_edit_that_keeps_the_size_on_a_coarse_clock(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A data file edited within one tick of a file system's clock (6012 → 6013, same size) and no event: rebuilt."""
    spec, csv = table_spec(tmp_path)
    real_stat = Path.stat

    class CoarseStat:
        """What such a file system reports: the real mode, inode and size, and times that did not move."""

        def __init__(self, real: os.stat_result) -> None:
            self.st_mode, self.st_ino, self.st_size = real.st_mode, real.st_ino, real.st_size
            self.st_mtime_ns = self.st_ctime_ns = 1_700_000_000_000_000_000
            self.st_mtime = self.st_ctime = 1_700_000_000.0

    def coarse_stat(self: Path, *args: Any, **kwargs: Any) -> Any:
        real = real_stat(self, *args, **kwargs)
        return CoarseStat(real) if self.name == "table.csv" else real

    from zzreport.app.watch import watch
    from zzreport.loading import Limits
    from zzreport.resolve import ResolveOptions

    stop = threading.Event()
    watcher = silent_watcher(stop, lambda: csv.write_text("指标,数量\n新增床位,6013\n", encoding="utf-8"))

    monkeypatch.setattr(Path, "stat", coarse_stat)
    results: list[Any] = []
    watch(spec, tmp_path / "out", ["pdf"], Limits(), ResolveOptions(), results.append, stop, watcher=watcher)
    assert [r.ok for r in results] == [True, True], "the edit was not seen"


def test_watch_sees_a_data_file_it_caught_half_written(tmp_path: Path) -> None:
    """After a build the data file is being rewritten (empty for a moment), and its event never comes: rebuilt.

    The look after the build finds the spec's check failing on the empty
    file; the file it names must still be watched, or the finished write
    goes unseen for as long as the watch runs.
    """
    spec, csv = table_spec(tmp_path)
    from zzreport.app.watch import watch
    from zzreport.loading import Limits
    from zzreport.resolve import ResolveOptions

    stop = threading.Event()
    results: list[Any] = []

    def on_result(result: Any) -> None:
        results.append(result)
        if len(results) == 1:
            csv.write_text("", encoding="utf-8")  # an editor's save, caught between truncating and writing

    # The write completes while the watcher starts; its event is lost.
    watcher = silent_watcher(stop, lambda: csv.write_text("指标,数量\n新增床位,6013\n", encoding="utf-8"))

    watch(spec, tmp_path / "out", ["pdf"], Limits(), ResolveOptions(), on_result, stop, watcher=watcher)
    # The half-written file is itself a change (its build fails, saying so); the finished write is built last.
    assert results[0].ok and len(results) >= 2, "the finished write was not seen"
    assert results[-1].ok


def test_watch_does_not_block_on_a_pipe_named_as_data(tmp_path: Path) -> None:
    """A FIFO where a data file should be: the build reports it and the watch, which never reads it, ends."""
    os.mkfifo(tmp_path / "table.csv")
    spec = tmp_path / "s.yaml"
    spec.write_text(
        "zzreport: 1\ntitle: 报告\nsections:\n  - id: a\n    title: 一\n    blocks:\n"
        "      - table: {data: table.csv}\n",
        encoding="utf-8",
    )
    from zzreport.app.watch import stamps

    assert stamps([tmp_path / "table.csv"]) == {tmp_path / "table.csv": None}


def test_watch_keeps_watching_through_a_real_folder_deletion(tmp_path: Path) -> None:
    """With the real watcher: the spec's folder goes away and comes back; watch rebuilds and is still alive."""
    from zzreport.app.watch import watch
    from zzreport.loading import Limits
    from zzreport.resolve import ResolveOptions

    folder = tmp_path / "project"
    folder.mkdir()
    spec = folder / "s.yaml"
    spec.write_text(spec_text(), encoding="utf-8")
    results: list[Any] = []
    stop = threading.Event()
    thread = threading.Thread(
        target=watch,
        args=(spec, tmp_path / "out", ["pdf"], Limits(), ResolveOptions(), results.append, stop),
        kwargs={"on_error": lambda message: None},
    )
    thread.start()

    def wait_for(count: int) -> None:
        deadline = time.monotonic() + 60
        while len(results) < count and thread.is_alive() and time.monotonic() < deadline:
            time.sleep(0.05)

    try:
        wait_for(1)
        assert results and results[0].ok
        shutil.rmtree(folder)
        wait_for(2)
        assert thread.is_alive(), "watch stopped when the spec's folder was deleted"
        time.sleep(1)
        folder.mkdir()
        spec.write_text(spec_text("回来了。"), encoding="utf-8")
        deadline = time.monotonic() + 60
        while not (results[-1].ok and len(results) >= 3) and thread.is_alive() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert thread.is_alive()
        assert results[-1].ok and len(results) >= 3
    finally:
        stop.set()
        thread.join(30)
    assert not thread.is_alive()


def test_a_folder_another_worker_creates_meanwhile_is_the_folder_wanted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two workers of ``-j`` prepare one output folder: the second finds it made between its look and its mkdir."""
    folder = tmp_path / "shard"
    made_meanwhile = Path.mkdir

    def racing_mkdir(self: Path, *args: Any, **kwargs: Any) -> None:
        if self == folder and not self.exists():
            made_meanwhile(self)  # the other worker wins the race
        made_meanwhile(self, *args, **kwargs)

    monkeypatch.setattr(Path, "mkdir", racing_mkdir)
    assert output.prepare_folder(folder) == folder and folder.is_dir()


def test_an_output_folder_that_is_a_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "out").write_text("not a folder", encoding="utf-8")
    with pytest.raises(output.SpecError, match="the output folder is a file"):
        output.prepare_folder(tmp_path / "out")
