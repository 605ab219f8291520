"""Scheduled regeneration: byte-identical rebuilds, manifests, --check, batches, shards, watch, preview."""

from __future__ import annotations

import hashlib
import json
import shutil
import threading
import time
from pathlib import Path

import pytest

from zzreport.app.batch import expand, parse_shard, shard
from zzreport.app.cli import main

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the example specs and their data, to edit freely."""
    shutil.copytree(ROOT / "specs", tmp_path / "specs")
    return tmp_path


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(folder.iterdir()) if p.is_file()}


def test_rebuilds_seconds_apart_are_byte_identical(project: Path) -> None:
    spec = project / "specs" / "zhengzhou-2025.yaml"
    assert main(["build", "-q", str(spec), "-o", str(project / "a")]) == 0
    time.sleep(1.1)  # let the wall clock move: nothing in the output may depend on it
    assert main(["build", "-q", str(spec), "-o", str(project / "b")]) == 0
    for name in ("zhengzhou-2025.pdf", "zhengzhou-2025.pptx", "zhengzhou-2025.manifest.json"):
        assert (project / "a" / name).read_bytes() == (project / "b" / name).read_bytes(), name


def test_manifest_lists_outputs_and_inputs(project: Path) -> None:
    spec = project / "specs" / "zhengzhou-2025.yaml"
    out = project / "out"
    assert main(["build", "-q", str(spec), "-o", str(out)]) == 0
    manifest = json.loads((out / "zhengzhou-2025.manifest.json").read_text(encoding="utf-8"))
    import zzreport

    assert manifest["zzreport"] == zzreport.__version__
    outputs = {o["format"]: o for o in manifest["outputs"]}
    assert set(outputs) == {"pdf", "pptx", "docx"}
    for entry in outputs.values():
        data = (out / entry["path"]).read_bytes()
        assert entry["sha256"] == hashlib.sha256(data).hexdigest()
        assert entry["size"] == len(data)
    assert outputs["pdf"]["pages"] > 10 and outputs["pptx"]["slides"] > 10
    inputs = manifest["inputs"]
    assert inputs["zhengzhou-2025.yaml"] == hashlib.sha256(spec.read_bytes()).hexdigest()
    assert "data/innovation-enterprises.csv" in inputs
    assert any(name.endswith("NotoSerifSC-Regular.ttf") for name in inputs)


def test_check_reports_fresh_then_stale_and_writes_nothing(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    spec = project / "specs" / "zhengzhou-2025.yaml"
    out = project / "out"
    assert main(["build", "--check", str(spec), "-o", str(out)]) == 3  # never built
    assert not out.exists()
    assert main(["build", "-q", str(spec), "-o", str(out)]) == 0
    before = snapshot(out)
    capsys.readouterr()
    assert main(["build", "--check", str(spec), "-o", str(out)]) == 0
    assert "up to date" in capsys.readouterr().err

    csv = project / "specs" / "data" / "innovation-enterprises.csv"
    csv.write_text(csv.read_text(encoding="utf-8").replace("4862", "4900"), encoding="utf-8")
    assert main(["build", "--check", str(spec), "-o", str(out)]) == 3
    assert "  data/innovation-enterprises.csv changed" in capsys.readouterr().err.splitlines()

    spec.write_text(
        spec.read_text(encoding="utf-8").replace("title: 政府工作报告之", "title: 新标题：政府工作报告之"),
        encoding="utf-8",
    )
    assert main(["build", "--check", str(spec), "-o", str(out)]) == 3
    err = capsys.readouterr().err
    assert "  zhengzhou-2025.yaml changed" in err.splitlines()
    assert snapshot(out) == before


def test_check_notices_a_modified_output(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    spec = project / "specs" / "showcase.yaml"
    out = project / "out"
    assert main(["build", "-q", "--format", "pdf", str(spec), "-o", str(out)]) == 0
    (out / "showcase.pdf").write_bytes(b"%PDF-tampered")
    assert main(["build", "--check", "--format", "pdf", str(spec), "-o", str(out)]) == 3
    assert "  showcase.pdf was modified after the build" in capsys.readouterr().err.splitlines()


def test_parallel_batch_over_a_folder(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = project / "out"
    assert main(["build", "-j", "2", str(project / "specs"), "-o", str(out)]) == 0
    names = {p.name for p in out.iterdir()}
    assert {"zhengzhou-2025.pdf", "zhengzhou-2025.pptx", "showcase.pdf", "showcase.pptx"} <= names
    assert {"city-briefing-甲市.pdf", "city-briefing-乙市.pptx", "city-briefing-丙市.manifest.json"} <= names
    err = capsys.readouterr().err
    assert "[5/5]" in err and "built 5 of 5 reports" in err  # two specs, and three slices of the third


def test_one_failing_spec_does_not_stop_the_others(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = project / "specs" / "broken.yaml"
    bad.write_text("zzreport: 1\ntitle: 坏\n", encoding="utf-8")
    out = project / "out"
    code = main(["build", "--format", "pdf", str(bad), str(project / "specs" / "showcase.yaml"), "-o", str(out)])
    assert code == 1
    assert (out / "showcase.pdf").is_file()
    err = capsys.readouterr().err
    assert "broken.yaml:1:1: sections: required key `sections` is missing" in err
    assert f"built 1 of 2 specs; failed: {bad}" in err


def test_shards_split_a_batch_deterministically(tmp_path: Path) -> None:
    for name in "edcba":
        (tmp_path / f"{name}.yaml").write_text("x", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    specs = expand([tmp_path])
    assert [p.name for p in specs] == ["a.yaml", "b.yaml", "c.yaml", "d.yaml", "e.yaml"]
    shares = [shard(specs, k, 2) for k in (1, 2)]
    assert [[p.name for p in s] for s in shares] == [["a.yaml", "c.yaml", "e.yaml"], ["b.yaml", "d.yaml"]]
    assert shard(list(reversed(specs)), 1, 2) == shares[0]
    with pytest.raises(ValueError, match="K/N with 1 ≤ K ≤ N"):
        parse_shard("3/2")


def test_watch_rebuilds_when_a_data_file_changes(tmp_path: Path) -> None:
    from zzreport.app.watch import watch
    from zzreport.loading import Limits
    from zzreport.resolve import ResolveOptions

    spec = tmp_path / "report.yaml"
    csv = tmp_path / "table.csv"
    csv.write_text("指标,数量\n新增床位,6012\n", encoding="utf-8")
    spec.write_text(
        "zzreport: 1\ntitle: 报告\nsections:\n  - id: a\n    title: 一\n    blocks:\n"
        "      - table: {data: table.csv}\n",
        encoding="utf-8",
    )
    results = []
    first, rebuilt, stop = threading.Event(), threading.Event(), threading.Event()

    def on_result(result: object) -> None:
        results.append(result)
        (first if len(results) == 1 else rebuilt).set()
        if len(results) >= 2:
            stop.set()

    thread = threading.Thread(
        target=watch, args=(spec, tmp_path / "out", ["pdf"], Limits(), ResolveOptions(), on_result, stop)
    )
    thread.start()
    try:
        assert first.wait(60), "no first build"
        assert results[0].ok
        csv.write_text("指标,数量\n新增床位,6013\n", encoding="utf-8")
        assert rebuilt.wait(60), "no rebuild after the data file changed"
    finally:
        stop.set()
        thread.join(30)
    assert results[1].ok
    assert not thread.is_alive()


def test_preview_writes_thumbnails_and_a_contact_sheet(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    spec = project / "specs" / "showcase.yaml"
    out = project / "out"
    assert main(["preview", "--format", "pdf", str(spec), "-o", str(out)]) == 0
    folder = out / "showcase-preview"
    pages = sorted(folder.glob("page-*.png"))
    assert len(pages) >= 10
    from PIL import Image

    with Image.open(folder / "contact-sheet.png") as sheet:
        assert sheet.width > 1000
        # Under the first thumbnail, its label: dark text on the sheet's grey, where no thumbnail is.
        with Image.open(pages[0]) as first:
            strip = sheet.crop((12, 12 + first.height + 2, 12 + first.width, 12 + first.height + 26)).convert("L")
        assert strip.getextrema()[0] < 100, "the contact sheet's thumbnails have no labels"
    err = capsys.readouterr().err.splitlines()
    assert err[0] == f"building {spec} …"
    assert err[2] == "previewing pages of showcase.pdf …"


def test_a_serial_batch_collects_cycles_and_renders_a_slice_in_the_batch_session(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The command turns the collector off; a batch built in this process turns it back on (its builds leave
    cycles), and renders each slice's formats here, where the session knows its spec's texts, but forks a spec's."""
    import gc

    from zzreport.app import batch

    seen: list[tuple[str | None, bool, bool]] = []
    build_one = batch.build_one

    def recording(spec: Path, *args: object) -> batch.SpecResult:
        *rest, parallel, session = args
        seen.append((spec.name, gc.isenabled(), parallel))
        return build_one(spec, *rest, parallel, session)  # type: ignore[arg-type]

    monkeypatch.setattr(batch, "build_one", recording)
    found, failed = batch.units([project / "specs" / "showcase.yaml", project / "specs" / "city-briefing.yaml"])
    assert not failed and len(found) == 4  # the showcase and three slices
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        results = list(batch.run(found, project / "out", ["pdf"], batch.Limits(), batch.ResolveOptions()))
    finally:
        (gc.enable if was_enabled else gc.disable)()
    assert [r.ok for r in results] == [True] * 4
    assert seen == [("showcase.yaml", True, True)] + [("city-briefing.yaml", True, False)] * 3
