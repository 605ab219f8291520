"""``zzreport diff``: what changed between two editions, as a reviewer of a regenerated report reads it.

One small report is built three times (PDF only, for speed): the first
edition, the same inputs again, and a second edition with one CSV cell and
one card value changed. The diff must list exactly those changes (the cell
feeds a named value, the card that shows it, a table and a chart: one value,
two cards, one table cell and one figure point), in text and in Markdown,
from folders and from manifests alike, and nothing for the identical rebuild.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from zzreport.app.cli import EXIT_CHANGED, EXIT_OK, EXIT_USAGE, main
from zzreport.builder import build
from zzreport.testing import csv_text, write_spec

SPEC = {
    "zzreport": 1,
    "title": "月度经济简报",
    "values": {"nev": {"data": {"file": "data/products.csv", "row": "新能源汽车", "column": "产量"}, "unit": "万辆"}},
    "sections": [
        {
            "id": "economy",
            "title": "经济运行",
            "blocks": [
                {
                    "kpis": [
                        {
                            "label": "地区生产总值",
                            "value": 1353200000000,
                            "unit": "元",
                            "format": {"scale": "亿"},
                            "change": 5.9,
                        },
                        {"label": "规上工业企业", "value": 5800, "unit": "家", "qualifier": "多"},
                        {"label": "新能源汽车产量", "value": "{nev}"},
                    ]
                },
                {"paragraph": "新能源汽车产量{nev}。"},
                {"table": {"title": "主要产品产量", "data": {"file": "data/products.csv"}}},
                {
                    "figure": {
                        "kind": "column",
                        "title": "主要产品产量",
                        "data": {"file": "data/products.csv", "categories": "产品", "series": ["产量"]},
                        "unit": "万辆",
                    }
                },
            ],
        }
    ],
}
ROWS = [["产品", "产量", "增速"], ["汽车", 100.5, 12.1], ["新能源汽车", 52.9, 112.9]]


def edition(
    folder: Path, *, cards: list[dict[str, object]] | None = None, rows: list[list[object]] = ROWS, month: str = ""
) -> Path:
    """Build the report from ``folder/src`` into ``folder/out``; returns the output folder.

    ``month`` goes into the table's and the figure's titles, as a monthly report's titles say it."""
    spec = json.loads(json.dumps(SPEC))
    if cards is not None:
        spec["sections"][0]["blocks"][0]["kpis"] = cards
    for block in spec["sections"][0]["blocks"][2:]:
        for item in block.values():
            item["title"] += month
    path = write_spec(folder / "src", spec, files={"data/products.csv": csv_text(rows)}, name="r.yaml")
    build(path, folder / "out", ["pdf"])
    return folder / "out"


@pytest.fixture(scope="module")
def editions(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("editions")
    cards = json.loads(json.dumps(SPEC["sections"][0]["blocks"][0]["kpis"]))  # type: ignore[index]
    cards[1]["value"] = 5900
    rows = [list(r) for r in ROWS]
    rows[2][1] = 53.4
    return {
        "old": edition(root / "old"),
        "same": edition(root / "same"),
        "new": edition(root / "new", cards=cards, rows=rows),
    }


def run(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    code = main(["diff", *map(str, args)])
    out, err = capsys.readouterr()
    return code, out, err


EXPECTED_TEXT = """\
r:
  value nev: 52.9万辆 → 53.4万辆
  card economy / 规上工业企业: 5800多家 → 5900多家
  card economy / 新能源汽车产量: 52.9万辆 → 53.4万辆
  cell economy / 主要产品产量 / 新能源汽车 / 产量: 52.9 → 53.4
  point economy / 主要产品产量 / 产量 / 新能源汽车: 52.9 → 53.4
  input r.yaml: changed
  input data/products.csv: changed
  output r.pdf: bytes changed ({old} → {new})
"""


def _sizes(editions: dict[str, Path]) -> dict[str, str]:
    out = {}
    for name in ("old", "new"):
        entry = json.loads((editions[name] / "r.manifest.json").read_text("utf-8"))["outputs"][0]
        out[name] = f"{entry['size'] / 1024:.0f} KiB, {entry['pages']} pages"
    return out


def test_the_manifest_records_each_card_cell_and_point_as_printed_with_its_number(editions: dict[str, Path]) -> None:
    content = json.loads((editions["old"] / "r.manifest.json").read_text("utf-8"))["content"]
    assert content["values"] == [{"name": "nev", "text": "52.9万辆", "value": 52.9}]
    assert content["cards"][0] == {
        "section": "economy",
        "label": "地区生产总值",
        "text": "13532亿元",
        "value": 1353200000000,
        "change": "▲ 同比 +5.9%",
        "change_value": 5.9,
    }
    assert {
        "section": "economy",
        "table": "主要产品产量",
        "row": "汽车",
        "column": "增速",
        "text": "12.1",
        "value": 12.1,
        "ref": "表1",
    } in content["tables"]
    assert len(content["tables"]) == 4  # two rows of two numbers; the first column names the row
    assert content["figures"][1] == {
        "section": "economy",
        "figure": "主要产品产量",
        "series": "产量",
        "category": "新能源汽车",
        "text": "52.9",
        "value": 52.9,
        "ref": "图1",
    }


def test_a_changed_cell_and_card_are_all_the_diff_lists(
    editions: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, editions["old"], editions["new"])
    assert (code, err) == (EXIT_CHANGED, "")
    assert out == EXPECTED_TEXT.format(**_sizes(editions))
    # Two manifests give the same lines as the two folders that hold them.
    files = run(capsys, editions["old"] / "r.manifest.json", editions["new"] / "r.manifest.json")
    assert files == (EXIT_CHANGED, out, "")


def test_markdown_is_a_table_per_kind(editions: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--markdown", editions["old"], editions["new"])
    sizes = _sizes(editions)
    assert code == EXIT_CHANGED
    assert out == (
        "### r\n\n"
        "**Named values**\n\n"
        "| name | old | new |\n|---|---|---|\n"
        "| nev | 52.9万辆 | 53.4万辆 |\n\n"
        "**KPI cards**\n\n"
        "| section | card | old | new |\n|---|---|---|---|\n"
        "| economy | 规上工业企业 | 5800多家 | 5900多家 |\n"
        "| economy | 新能源汽车产量 | 52.9万辆 | 53.4万辆 |\n\n"
        "**Table cells**\n\n"
        "| section | table | row | column | old | new |\n|---|---|---|---|---|---|\n"
        "| economy | 主要产品产量 | 新能源汽车 | 产量 | 52.9 | 53.4 |\n\n"
        "**Figure data**\n\n"
        "| section | figure | series | category | old | new |\n|---|---|---|---|---|---|\n"
        "| economy | 主要产品产量 | 产量 | 新能源汽车 | 52.9 | 53.4 |\n\n"
        "**Inputs**\n\n"
        "| input | change |\n|---|---|\n"
        "| r.yaml | changed |\n| data/products.csv | changed |\n\n"
        "**Outputs**\n\n"
        "| output | old | new |\n|---|---|---|\n"
        f"| r.pdf | {sizes['old']} | {sizes['new']} |\n"
    )


def test_identical_builds_print_nothing_and_exit_0(
    editions: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, editions["old"], editions["same"]) == (EXIT_OK, "", "")
    assert run(capsys, "--markdown", editions["old"], editions["same"]) == (EXIT_OK, "", "")
    manifest = Path("r.manifest.json")
    assert run(capsys, editions["old"] / manifest, editions["same"] / manifest) == (EXIT_OK, "", "")


def test_quiet_prints_nothing_and_the_exit_code_tells(
    editions: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "-q", editions["old"], editions["new"]) == (EXIT_CHANGED, "", "")
    assert run(capsys, "-q", editions["old"], editions["same"]) == (EXIT_OK, "", "")


def test_folders_pair_reports_by_spec_name_and_name_new_and_removed_ones(
    editions: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old, new = tmp_path / "old", tmp_path / "new"
    old.mkdir()
    new.mkdir()
    for folder in (old, new):
        shutil.copy(editions["old"] / "r.manifest.json", folder / "r.manifest.json")
    shutil.copy(editions["old"] / "r.manifest.json", old / "gone.manifest.json")
    shutil.copy(editions["old"] / "r.manifest.json", new / "fresh.manifest.json")
    assert run(capsys, old, new) == (EXIT_CHANGED, "fresh: new report\ngone: report removed\n", "")
    empty = tmp_path / "first-edition"
    empty.mkdir()  # the first regeneration has no earlier manifest: every report is new
    assert run(capsys, empty, new) == (EXIT_CHANGED, "fresh: new report\nr: new report\n", "")


def test_a_card_inserted_before_the_others_is_the_one_change(
    editions: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Cards are paired by section and label, not position: one added card does not make the others 'changed'."""
    cards = [{"label": "社会消费品零售总额", "value": 560000000000, "unit": "元", "format": {"scale": "亿"}}]
    cards += SPEC["sections"][0]["blocks"][0]["kpis"]  # type: ignore[index]
    out = edition(tmp_path, cards=cards)
    code, text, _ = run(capsys, editions["old"], out)
    assert code == EXIT_CHANGED
    assert [line for line in text.splitlines() if not line.startswith(("  input", "  output"))] == [
        "r:",
        "  card economy / 社会消费品零售总额: added, 5600亿元",
    ]
    code, text, _ = run(capsys, out, editions["old"])
    assert "  card economy / 社会消费品零售总额: removed, was 5600亿元" in text.splitlines()


def test_a_title_that_changes_each_edition_is_one_change_and_the_points_still_pair(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A title with the month in it: the table and the figure are paired by their number (表1, 图1)."""
    october = edition(tmp_path / "october", month="（10月）")
    rows = [list(r) for r in ROWS]
    rows[1][2] = 12.4
    november = edition(tmp_path / "november", rows=rows, month="（11月）")
    code, text, _ = run(capsys, october, november)
    assert code == EXIT_CHANGED
    assert [line for line in text.splitlines() if not line.startswith(("  input", "  output"))] == [
        "r:",
        "  title economy / 表1: 主要产品产量（10月） → 主要产品产量（11月）",
        "  cell economy / 主要产品产量（11月） / 汽车 / 增速: 12.1 → 12.4",
        "  title economy / 图1: 主要产品产量（10月） → 主要产品产量（11月）",
    ]


def test_text_from_a_manifest_is_printed_with_its_escapes_shown(
    editions: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = json.loads((editions["old"] / "r.manifest.json").read_text("utf-8"))
    data["content"]["cards"][0]["text"] = "\x1b[2J13532亿元"
    planted = tmp_path / "r.manifest.json"
    planted.write_text(json.dumps(data), "utf-8")
    code, out, _ = run(capsys, editions["old"] / "r.manifest.json", planted)
    assert code == EXIT_CHANGED and "\x1b" not in out
    assert "  card economy / 地区生产总值: 13532亿元，▲ 同比 +5.9% → \\x1b[2J" in out


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (None, "{new}: no such file or folder"),
        (b"%PDF-1.7", "{new}: manifest r.manifest.json is unreadable (not a JSON file)"),
        (b"[]", "{new}: manifest r.manifest.json is invalid (expected a JSON object)"),
        ("version", "{new}: manifest r.manifest.json is of format 2, this zzreport writes format 3"),
        ("content", "{new}: manifest r.manifest.json is invalid (`content` is missing or not an object)"),
    ],
)
def test_a_file_that_is_no_manifest_of_this_format_is_one_line_and_exit_2(
    editions: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str], damage: object, message: str
) -> None:
    new = tmp_path / "r.manifest.json"
    data = json.loads((editions["old"] / "r.manifest.json").read_text("utf-8"))
    if isinstance(damage, bytes):
        new.write_bytes(damage)
    elif damage == "version":
        data["manifest"] = 2
        new.write_text(json.dumps(data), "utf-8")
    elif damage == "content":
        del data["content"]
        new.write_text(json.dumps(data), "utf-8")
    code, out, err = run(capsys, editions["old"] / "r.manifest.json", new)
    assert (code, out) == (EXIT_USAGE, "")
    assert err == f"zzreport diff: {message.format(new=new)}\n"


def test_a_file_beside_a_folder_is_refused(editions: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, editions["old"], editions["new"] / "r.manifest.json")
    assert (code, out) == (EXIT_USAGE, "")
    assert err == "zzreport diff: compare two manifests or two folders, not a folder with a file\n"


def test_help_shows_examples_and_the_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit:
        main(["diff", "--help"])
    assert exit.value.code == 0
    text = capsys.readouterr().out
    assert "zzreport diff old/ output/" in text
    assert "4  diff: the two editions differ" in text


def test_reports_whose_files_alone_changed_take_one_line_each_after_the_others(
    editions: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A new SOURCE_DATE_EPOCH rebuilds every report of a batch: those whose numbers stayed come last, one
    line each, so a reviewer (and a commit message cut at its first lines) sees the changed numbers first."""
    old, new = tmp_path / "old", tmp_path / "new"
    old.mkdir()
    new.mkdir()
    for name, source in (("a", "old"), ("r", "old")):
        shutil.copy(editions[source] / "r.manifest.json", old / f"{name}.manifest.json")
    restamped = json.loads((editions["old"] / "r.manifest.json").read_text("utf-8"))
    was = restamped["settings"]["source_date_epoch"]
    restamped["settings"]["source_date_epoch"] = "1764547200"
    restamped["outputs"][0]["sha256"] = "0" * 64
    (new / "a.manifest.json").write_text(json.dumps(restamped), "utf-8")
    shutil.copy(editions["new"] / "r.manifest.json", new / "r.manifest.json")
    code, text, _ = run(capsys, old, new)
    assert code == EXIT_CHANGED
    lines = text.splitlines()
    assert lines[0] == "r:" and lines[1].startswith("  value nev: ")
    assert lines[-1] == (
        "a: no value, card, cell or point changed; outputs' bytes changed: r.pdf; "
        f"settings / source_date_epoch: {was} → 1764547200"
    )
    code, markdown, _ = run(capsys, "--markdown", old, new)
    assert markdown.startswith("### r\n")
    assert markdown.endswith(
        "### No value, card, cell or point changed\n\n"
        "| report | inputs changed | outputs' bytes changed | why |\n|---|---|---|---|\n"
        f"| a |  | r.pdf | settings / source\\_date\\_epoch: {was} → 1764547200 |\n"
    )


def test_the_city_briefing_s_slices_name_exactly_the_changed_value_and_card(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The example with params and slices: one cell of one city changes; that city's report lists the value and
    the card that print it, the other cities only that the CSV they all read changed."""
    root = Path(__file__).resolve().parent.parent
    for edition_name in ("old", "new"):
        shutil.copytree(root / "specs", tmp_path / edition_name / "specs")
    cities = tmp_path / "new" / "specs" / "data" / "city-briefing" / "cities.csv"
    text = cities.read_text(encoding="utf-8")
    assert text.count(",96000000000,5.9,") == 1
    cities.write_text(text.replace(",96000000000,5.9,", ",96000000000,6.2,"), encoding="utf-8")
    for edition_name in ("old", "new"):
        spec = tmp_path / edition_name / "specs" / "city-briefing.yaml"
        assert main(["build", "-q", "--format", "pdf", str(spec), "-o", str(tmp_path / edition_name / "out")]) == 0
    capsys.readouterr()
    code, out, _ = run(capsys, tmp_path / "old" / "out", tmp_path / "new" / "out")
    assert code == EXIT_CHANGED
    size = json.loads((tmp_path / "new" / "out" / "city-briefing-乙市.manifest.json").read_text("utf-8"))["outputs"][0]
    shown = f"{size['size'] / 1024:.0f} KiB, {size['pages']} pages"
    old_size = json.loads((tmp_path / "old" / "out" / "city-briefing-乙市.manifest.json").read_text("utf-8"))
    was = f"{old_size['outputs'][0]['size'] / 1024:.0f} KiB, {old_size['outputs'][0]['pages']} pages"
    assert out.splitlines() == [
        "city-briefing-乙市:",
        "  value retail: 960亿元，+5.9% → 960亿元，+6.2%",
        "  card overview / 社会消费品零售总额: 960亿元，▲ 同比 +5.9%，1—10月 → 960亿元，▲ 同比 +6.2%，1—10月",
        "  input data/city-briefing/cities.csv: changed",
        f"  output city-briefing-乙市.pdf: bytes changed ({was} → {shown})",
        "city-briefing-丙市: no value, card, cell or point changed; inputs changed: data/city-briefing/cities.csv",
        "city-briefing-甲市: no value, card, cell or point changed; inputs changed: data/city-briefing/cities.csv",
    ]
