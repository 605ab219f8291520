"""Named values, params and ``{…}`` placeholders: one number, written once, printed the same everywhere."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from zzreport import SpecError, check
from zzreport.app.cli import main
from zzreport.resolve import ResolveOptions
from zzreport.testing import csv_text, write_files

INDUSTRY = csv_text(
    [
        ["产品", "产量", "增速"],
        ["新能源汽车", 529000, 112.9],
        ["电子信息", 7000, -0.3],
        ["钢铁", "", 0],
        ["水泥", 10, 0],
    ]
)


def spec(blocks: str, values: str = "", params: str = "", title: str = "报告") -> str:
    """A spec text with ``values``/``params`` lines (already indented by two) and section blocks."""
    head = f"zzreport: 1\ntitle: {title}\n"
    if params:
        head += "params:\n" + params
    if values:
        head += "values:\n" + values
    return head + "sections:\n  - id: a\n    title: 产业\n    blocks:\n" + blocks


NEV = (
    "  nev: {data: {file: data/ind.csv, row: 新能源汽车, column: 产量}, unit: 辆, format: {scale: 万},\n"
    "        change: {data: {file: data/ind.csv, row: 新能源汽车, column: 增速}}}\n"
    "  labs: {value: 18, unit: 家}\n"
    "  ele: {data: {file: data/ind.csv, where: {产品: 电子信息}, column: 增速}, unit: '%',\n"
    "        change: {value: -0.3, unit: 个百分点}}\n"
)


def build_problems(folder: Path, text: str, capsys: pytest.CaptureFixture[str], *args: str) -> list[str]:
    """The problem lines `zzreport build` prints for ``text`` (exit 1, nothing written)."""
    write_files(folder, {"report.yaml": text, "data/ind.csv": INDUSTRY})
    code = main(["build", "report.yaml", "-o", "out", *args])
    err = capsys.readouterr().err
    assert code == 1, err
    assert not (folder / "out").exists()
    assert "Traceback" not in err
    return [line for line in err.splitlines() if not line.startswith("report.yaml: ") and "building" not in line]


def document(folder: Path, text: str, **options: Any) -> Any:
    path = write_files(folder, {"report.yaml": text, "data/ind.csv": INDUSTRY}) / "report.yaml"
    return check(path, options=ResolveOptions(**options)).document


def test_a_value_fills_a_card_and_a_sentence_alike(tmp_path: Path) -> None:
    text = spec(
        "      - kpis:\n"
        "          - {label: 新能源汽车实际下线, value: '{nev}'}\n"
        "          - {label: 省实验室, value: '{labs}', qualifier: 达}\n"
        "      - paragraph: 新能源汽车实际下线{nev}，{nev.trend}{nev.amount}（{nev.change}），"
        "数字{nev.value}；{{原样}}\n"
        "      - paragraph: 电子信息增速{ele}，{ele.trend}{ele.amount}（{ele.change}）。\n",
        NEV,
    )
    doc = document(tmp_path, text)
    cards = doc.sections[0].blocks[0].items
    assert (cards[0].number, cards[0].unit, cards[0].change.text) == ("52.9万", "辆", "▲ 同比 +112.9%")
    assert (cards[1].prefix, cards[1].number, cards[1].unit, cards[1].change) == ("达", "18", "家", None)
    first, second = (block.spans[0].text for block in doc.sections[0].blocks[1:])
    assert first == "新能源汽车实际下线52.9万辆，增长112.9%（+112.9%），数字52.9万；{原样}"
    assert second == "电子信息增速−0.3%，下降0.3个百分点（−0.3个百分点）。"
    nev = doc.values["nev"]
    assert (nev.number, nev.unit, nev.text, nev.change, nev.change_text) == (529000, "辆", "52.9万辆", 112.9, "+112.9%")
    assert (Path(nev.where.file).name, nev.where.line, nev.where.column, nev.where.path) == ("ind.csv", 2, 2, "产量")


def test_every_text_takes_placeholders(tmp_path: Path) -> None:
    text = spec(
        "      - title: 下线{nev}\n"
        "        notes: 讲稿{nev}\n"
        "        bullets:\n"
        "          - 要点{nev}\n"
        "          - text: 外层{labs}\n"
        "            items: ['内层{labs}']\n"
        "      - table: {title: '表{labs}', columns: [指标, 数值], rows: [[实验室, '{labs}']]}\n"
        "      - figure: {kind: column, title: '图{labs}', caption: '注{labs}', categories: [甲],\n"
        "                 series: [{name: 数, values: [1]}]}\n",
        NEV,
        title="'{nev}的报告'",
    ).replace("    title: 产业\n", "    title: 产业\n    takeaway: 要点{labs}\n")
    doc = document(tmp_path, text)
    bullets, table, figure = doc.sections[0].blocks
    assert doc.meta.title == "52.9万辆的报告"
    assert doc.sections[0].takeaway == "要点18家"
    assert bullets.headline.text == "下线52.9万辆" and bullets.notes == "讲稿52.9万辆"
    assert [b.spans[0].text for b in bullets.items] == ["要点52.9万辆", "外层18家"]
    assert bullets.items[1].children[0][0].text == "内层18家"
    assert (table.title, table.rows[0][1].text) == ("表18家", "18家")
    assert (figure.data.title, figure.data.caption) == ("图18家", "注18家")


def test_a_spec_without_values_keeps_its_braces_rules(tmp_path: Path) -> None:
    doc = document(tmp_path, spec("      - paragraph: 集合{{a, b}}与半角括号\n"))
    assert doc.sections[0].blocks[0].spans[0].text == "集合{a, b}与半角括号"
    assert doc.values == {} and doc.params == {}


def test_wrong_names_are_located_with_the_closest_ones(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    text = spec(
        "      - kpis: [{label: 下线, value: '{nevv}'}]\n"
        "      - paragraph: 下线{nev.chnage}，{labs.change}，{lab}，a{b\n",
        NEV,
    )
    assert build_problems(tmp_path, text, capsys) == [
        "report.yaml:13:35: sections[0].blocks[0].kpis[0].value: `{nevv}` at position 1: no value named `nevv` "
        "(did you mean `nev`?); the values are: nev, labs, ele (write `{{` and `}}` for literal braces)",
        "report.yaml:14:20: sections[0].blocks[1].paragraph: `{labs.change}` at position 16: "
        "the value `labs` has no `change`",
        "report.yaml:14:20: sections[0].blocks[1].paragraph: `{lab}` at position 30: no value named `lab` "
        "(did you mean `labs`?); the values are: nev, labs, ele (write `{{` and `}}` for literal braces)",
        "report.yaml:14:20: sections[0].blocks[1].paragraph: `{nev.chnage}` at position 3: "
        "a value has `.value`, `.change`, `.amount`, `.trend` (did you mean `change`?)",
        "report.yaml:14:20: sections[0].blocks[1].paragraph: lone `{` at position 37; write `{{` for a literal brace",
    ]


def test_cells_that_are_not_one_number_are_located(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    values = (
        "  a: {data: {file: data/ind.csv, row: 新能源气车, column: 产量}}\n"
        "  b: {data: {file: data/ind.csv, row: 电子信息, column: 产值}}\n"
        "  c: {data: {file: data/ind.csv, row: 钢铁, column: 产量}}\n"
        "  d: {data: {file: data/ind.csv, row: 新能源汽车, column: 产品}}\n"
        "  e: {data: {file: data/ind.csv, where: {产品: 钢铁, 增速: '1'}, column: 增速}}\n"
        "  f: {data: {file: data/ind.csv, where: {增速: '0'}, column: 产量}}\n"
    )
    text = spec("      - paragraph: '{a}{b}{c}{d}{e}{f}'\n", values)
    assert build_problems(tmp_path, text, capsys) == [
        "data/ind.csv:2:1: 产品: expected a number, got '新能源汽车' for `values.d`",
        "data/ind.csv:4:2: 产量: the cell is empty; `values.c` needs a number",
        "report.yaml:4:39: values.a.data.row: no row of data/ind.csv has 产品 = 新能源气车 "
        "(did you mean `新能源汽车`?); its values of 产品 are: 新能源汽车, 电子信息, 钢铁, 水泥",
        "report.yaml:5:53: values.b.data.column: column `产值` not found in data/ind.csv; "
        "its columns are: 产品, 产量, 增速",
        "report.yaml:8:46: values.e.data.where.产品: no row of data/ind.csv has 产品 = 钢铁, 增速 = 1; "
        "its values of 产品 are: 新能源汽车, 电子信息, 钢铁, 水泥",
        "report.yaml:9:41: values.f.data.where: 2 rows of data/ind.csv have 增速 = 0 (lines 4, 5); a value is one cell",
    ]


MONTHLY = (
    "zzreport: 1\n"
    "title: '{params.city}{params.month}月报'\n"
    "params:\n"
    "  month: {default: '2025-10'}\n"
    "  city: {default: 郑州, description: 城市}\n"
    "  top: {default: 3, type: number}\n"
    "values:\n"
    "  pmi: {data: {file: 'data/{params.month}.csv', row: '{params.city}', column: PMI}}\n"
    "sections:\n"
    "  - id: a\n"
    "    title: 前{params.top}名\n"
    "    blocks:\n"
    "      - paragraph: 制造业PMI为{pmi}。\n"
    "      - figure: {kind: column, data: {file: 'data/{params.month}.csv', categories: 城市, series: [PMI]}}\n"
)
MONTHS = {
    "report.yaml": MONTHLY,
    "data/2025-10.csv": csv_text([["城市", "PMI"], ["郑州", 50.8], ["洛阳", 49.9]]),
    "data/2025-11.csv": csv_text([["城市", "PMI"], ["郑州", 51.7], ["洛阳", 50.2]]),
}


def test_params_choose_texts_and_data_files(tmp_path: Path) -> None:
    spec_file = write_files(tmp_path, MONTHS) / "report.yaml"
    default = check(spec_file).document
    assert (default.meta.title, default.sections[0].title) == ("郑州2025-10月报", "前3名")
    assert default.sections[0].blocks[0].spans[0].text == "制造业PMI为50.8。"
    assert default.params == {"month": "2025-10", "city": "郑州", "top": "3"}
    chosen = check(spec_file, params={"month": "2025-11", "city": "洛阳", "top": "5"}).document
    assert (chosen.meta.title, chosen.sections[0].title) == ("洛阳2025-11月报", "前5名")
    assert chosen.sections[0].blocks[0].spans[0].text == "制造业PMI为50.2。"
    assert chosen.sections[0].blocks[1].data.series[0].values == (51.7, 50.2)
    assert tmp_path / "data" / "2025-11.csv" in chosen.inputs


def test_set_on_the_command_line_is_a_different_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(write_files(tmp_path, MONTHS))
    assert main(["build", "report.yaml", "-o", "out", "-q", "--set", "month=2025-11"]) == 0
    manifest = json.loads((tmp_path / "out" / "report.manifest.json").read_text(encoding="utf-8"))
    assert manifest["settings"]["params"] == {"month": "2025-11", "city": "郑州", "top": "3"}
    assert "data/2025-11.csv" in manifest["inputs"]
    assert main(["build", "report.yaml", "-o", "out", "--check", "--set", "month=2025-11"]) == 0
    capsys.readouterr()
    assert main(["build", "report.yaml", "-o", "out", "--check", "--set", "month=2025-10"]) == 3
    out = capsys.readouterr()
    assert "build settings changed" in out.out + out.err


def test_wrong_params_are_errors_naming_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    write_files(tmp_path, MONTHS)
    outside = write_files(tmp_path.parent / f"{tmp_path.name}-outside", {"2025-10.csv": "城市,PMI\n郑州,1\n"})
    escape = f"../../{outside.name}/2025-10"
    problems = build_problems(
        tmp_path, MONTHLY, capsys, "--set", "mnth=2025-11", "--set", "top=三", "--set", f"month={escape}"
    )
    assert problems == [
        "report.yaml:4:3: params: --set mnth: unknown param `mnth` (did you mean `month`?); "
        "the spec's params are: month, city, top",
        "report.yaml:6:8: params.top: --set top: param `top` is a number, got '三'",
        f"report.yaml:8:22: values.pmi.data.file: `data/{escape}.csv` is outside the spec's folder; "
        "pass --allow-outside to permit it",
        f"report.yaml:14:45: sections[0].blocks[1].figure.data.file: `data/{escape}.csv` is outside the spec's "
        "folder; pass --allow-outside to permit it",
    ]


def test_set_needs_a_name_and_a_value(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["check", "report.yaml", "--set", "month"])
    assert exit_.value.code == 2
    assert "argument --set: expected NAME=VALUE, got 'month'" in capsys.readouterr().err


def test_a_column_in_wan_is_read_as_wan(tmp_path: Path) -> None:
    values = (
        "  places: {data: {file: data/wan.csv, row: 学位, column: 数量, scale: 万}, unit: 个, format: {scale: 万}}\n"
        "  output: {data: {file: data/wan.csv, row: 产值, column: 数量, scale: 亿}, unit: 元, format: {scale: 亿}}\n"
    )
    files = {
        "report.yaml": spec("      - paragraph: '{places}，{output}'\n", values),
        "data/wan.csv": "指标,数量\n学位,0.07\n产值,2.3\n",
    }
    doc = check(write_files(tmp_path, files) / "report.yaml").document
    assert doc.values["places"].number == 700  # exactly: 0.07 × 10⁴ in floats is 700.0000000000001
    assert doc.values["output"].number == 230_000_000  # 2.3 × 10⁸ in floats is 229999999.99999997
    assert doc.sections[0].blocks[0].spans[0].text == "0.07万个，2.3亿元"


def test_a_caller_adds_a_namespace_of_names(tmp_path: Path) -> None:
    """A batch passes each slice's row as the ``slice`` namespace; its names fill texts, cells and paths alike."""
    values = "  out: {data: {file: data/ind.csv, row: '{slice.产品}', column: 产量}, unit: 辆}\n"
    text = spec("      - paragraph: '{slice.产品}产量{out}'\n", values, title="'{slice.产品}简报'")
    doc = document(tmp_path, text, names={"slice": {"产品": "电子信息"}})
    assert (doc.meta.title, doc.sections[0].blocks[0].spans[0].text) == ("电子信息简报", "电子信息产量7000辆")
    with pytest.raises(SpecError) as error:
        document(tmp_path, spec("      - paragraph: '{slice.产}'\n"), names={"slice": {"产品": "电子信息"}})
    assert [p.message for p in error.value.problems] == [
        "`{slice.产}` at position 1: `slice` has no `产` (did you mean `产品`?); it has: 产品"
    ]
