"""Slices: `specs/city-briefing.yaml` makes one PDF and one deck per row of its cities CSV, each with its own numbers.

The example is built once for the module (``-j 2``, every slice) and read
back as a reader would: the PDF's text, the deck's text and its charts'
numbers.
"""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest
from pptx import Presentation

from zzreport.app.cli import main
from zzreport.testing import pdf_page_texts, slide_texts

ROOT = Path(__file__).resolve().parents[2]
CITIES = ("甲市", "乙市", "丙市")
#: Each city's GDP as its card and sentence print it (from specs/data/city-briefing/cities.csv).
GDP = {"甲市": "4860亿元", "乙市": "2150亿元", "丙市": "1320亿元"}
TRADE_TREND = {"甲市": "增长9.3%", "乙市": "下降6.4%", "丙市": "增长12.5%"}


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the example and its data, to edit and build freely."""
    folder = tmp_path_factory.mktemp("slices")
    (folder / "specs" / "data").mkdir(parents=True)
    shutil.copy(ROOT / "specs" / "city-briefing.yaml", folder / "specs")
    shutil.copytree(ROOT / "specs" / "data" / "city-briefing", folder / "specs" / "data" / "city-briefing")
    return folder


@pytest.fixture(scope="module")
def built(project: Path) -> Path:
    out = project / "all"
    assert main(["build", "-q", "-j", "2", str(project / "specs" / "city-briefing.yaml"), "-o", str(out)]) == 0
    return out


def _monthly(city: str) -> list[float]:
    with (ROOT / "specs" / "data" / "city-briefing" / "monthly.csv").open(encoding="utf-8") as file:
        return [float(row["规上工业增速"]) for row in csv.DictReader(file) if row["城市"] == city]


def test_every_slice_has_its_pdf_deck_and_manifest(built: Path) -> None:
    assert sorted(p.name for p in built.iterdir()) == sorted(
        f"city-briefing-{city}.{suffix}" for city in CITIES for suffix in ("docx", "manifest.json", "pdf", "pptx")
    )
    for city in CITIES:
        manifest = json.loads((built / f"city-briefing-{city}.manifest.json").read_text(encoding="utf-8"))
        assert sorted(o["path"] for o in manifest["outputs"]) == [
            f"city-briefing-{city}.docx",
            f"city-briefing-{city}.pdf",
            f"city-briefing-{city}.pptx",
        ]
        assert "data/city-briefing/cities.csv" in manifest["inputs"]


@pytest.mark.parametrize("city", CITIES)
def test_each_slice_carries_its_own_numbers_and_no_other(built: Path, city: str) -> None:
    pdf = "".join(pdf_page_texts(built / f"city-briefing-{city}.pdf")).replace(" ", "").replace("\n", "")
    deck = "".join("".join(texts) for texts in slide_texts(built / f"city-briefing-{city}.pptx")).replace(" ", "")
    for text in (pdf, deck):
        assert f"{city}经济运行简报" in text
        assert f"地区生产总值{GDP[city]}" in text  # the sentence (and the card beside it)
        assert f"进出口总额{TRADE_TREND[city]}" not in text  # the trend word follows the number in the sentence …
        assert TRADE_TREND[city] in text  # … 进出口总额…亿元，下降6.4%
        for other in CITIES:
            if other != city:
                assert GDP[other] not in text and other not in text
    chart = next(
        shape.chart
        for slide in Presentation(str(built / f"city-briefing-{city}.pptx")).slides
        for shape in slide.shapes
        if shape.has_chart
    )
    assert list(chart.plots[0].series[0].values) == _monthly(city)


def test_one_slice_by_its_key(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = project / "one"
    assert main(["build", str(project / "specs" / "city-briefing.yaml"), "--slice", "乙市", "-o", str(out)]) == 0
    assert sorted(p.name for p in out.iterdir()) == [
        "city-briefing-乙市.docx",
        "city-briefing-乙市.manifest.json",
        "city-briefing-乙市.pdf",
        "city-briefing-乙市.pptx",
    ]
    assert f"{project / 'specs' / 'city-briefing.yaml'} [乙市]: wrote {out / 'city-briefing-乙市.pdf'}" in (
        capsys.readouterr().err
    )


def test_shards_split_the_slices(project: Path, built: Path) -> None:
    spec = str(project / "specs" / "city-briefing.yaml")
    shares = []
    for k in (1, 2):
        out = project / f"share-{k}"
        assert main(["build", "-q", "--format", "pdf", "--shard", f"{k}/2", spec, "-o", str(out)]) == 0
        shares.append(sorted(p.name for p in out.iterdir() if p.suffix == ".pdf"))
    assert shares == [["city-briefing-丙市.pdf", "city-briefing-甲市.pdf"], ["city-briefing-乙市.pdf"]]
    for name in shares[0] + shares[1]:  # the same bytes as the whole batch's
        assert (project / f"share-{1 if name in shares[0] else 2}" / name).read_bytes() == (built / name).read_bytes()


def test_check_looks_at_every_slice(project: Path, built: Path, capsys: pytest.CaptureFixture[str]) -> None:
    spec = str(project / "specs" / "city-briefing.yaml")
    assert main(["build", "--check", spec, "-o", str(built)]) == 0
    assert capsys.readouterr().err.splitlines() == [f"{spec} [{city}]: up to date in {built}" for city in CITIES]


def test_a_key_no_row_has_is_a_located_error(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    spec = project / "specs" / "city-briefing.yaml"
    assert main(["build", str(spec), "--slice", "丁市", "-o", str(project / "none")]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[1] == (
        f"{spec}:20:8: slices.key: no slice '丁市': no row of data/city-briefing/cities.csv has 城市 = 丁市; "
        "its slices are: 甲市, 乙市, 丙市"
    )
    assert err[2] == f"{spec} [丁市]: 1 problem; nothing written"
    assert not (project / "none").exists()


def test_bad_keys_in_the_slices_file_are_located_at_their_cells(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "specs"
    shutil.copytree(ROOT / "specs" / "data" / "city-briefing", folder / "data" / "city-briefing")
    shutil.copy(ROOT / "specs" / "city-briefing.yaml", folder)
    cities = folder / "data" / "city-briefing" / "cities.csv"
    lines = cities.read_text(encoding="utf-8").splitlines()
    lines[2] = lines[2].replace("乙市", "甲市", 1)  # a second 甲市
    lines[3] = lines[3].replace("丙市", "a/b", 1)
    cities.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert main(["build", str(folder / "city-briefing.yaml"), "-o", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err.splitlines()
    name = cities.relative_to(Path.cwd()) if cities.is_relative_to(Path.cwd()) else cities
    assert err[:2] == [
        f"{name}:3:1: 城市: the slice key 甲市 is also on line 2; each row needs its own",
        f"{name}:4:1: 城市: the slice key 'a/b' names the outputs, so it cannot start with a dot, begin or end with "
        'a space, or hold / \\ : * ? " < > | or control characters',
    ]
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("command", [["build", "-o", "out"], ["check"]])
def test_a_slice_of_specs_without_slices_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit) as stopped:
        main([*command, str(ROOT / "tests" / "fixtures" / "ok" / "minimal.yaml"), "--slice", "乙市"])
    assert stopped.value.code == 2
    assert "--slice 乙市: no spec given has `slices` (one report per row of a CSV)" in capsys.readouterr().err
    assert not any(tmp_path.iterdir())


def test_the_reports_a_batch_process_builds_share_one_session(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The slices set the same labels and cells in the same faces: a worker measuring each report's text
    # from nothing, in a session of its own, did the same work once a slice.
    from zzreport.app import batch
    from zzreport.loading import Limits
    from zzreport.resolve import ResolveOptions

    sessions: list[object] = []
    real = batch.build_one

    def spy(*args: object, **kwargs: object) -> batch.SpecResult:
        sessions.append(args[6] if len(args) > 6 else kwargs.get("session"))
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(batch, "build_one", spy)
    found, _ = batch.units([project / "specs" / "city-briefing.yaml"])
    for unit in found[:2]:
        assert batch.build_unit(unit, tmp_path, ["pdf"], Limits(), ResolveOptions(), False).ok
    assert sessions[0] is not None and sessions[0] is sessions[1]


def test_the_collision_check_of_a_batch_loads_each_spec_once(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Before any slice is built, the command learns every slice's output names: a spec of 200 slices was
    # loaded 200 times there, one after another, while the workers waited.
    from zzreport.app import batch

    loads: list[Path] = []
    real = batch.load
    monkeypatch.setattr(batch, "load", lambda path, **kwargs: loads.append(path) or real(path, **kwargs))
    spec = project / "specs" / "city-briefing.yaml"
    found, _ = batch.units([spec])
    loads.clear()
    assert len(found) == len(CITIES)
    assert batch.collisions(found, None) == {}
    assert loads == [spec]
