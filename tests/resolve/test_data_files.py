"""Data files as Excel on Chinese Windows saves them: encodings, and one number parser for every cell."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

import zzreport
from zzreport import SpecError
from zzreport.ir import Paragraph, Table
from zzreport.resolve import ResolveOptions
from zzreport.resolve.data import CellNumber, NumberError, parse_cell
from zzreport.resolve.slices import slice_keys

HEAD = "zzreport: 1\ntitle: 报告\nsections:\n  - id: a\n    title: 一节\n    blocks:\n"
#: 𠀀 (U+20000) is outside GBK: only GB18030 (four bytes) and UTF-8 hold it.
CSV_TEXT = "指标,数量\n郑州𠀀,1\n洛阳,2\n"
GBK_TEXT = "指标,数量\n郑州,1\n洛阳,2\n"


def resolve(tmp_path: Path, blocks: str, files: dict[str, bytes]) -> zzreport.ir.Document:
    for name, raw in files.items():
        (tmp_path / name).write_bytes(raw)
    spec = tmp_path / "spec.yaml"
    spec.write_text(HEAD + blocks, encoding="utf-8")
    return zzreport.resolve(zzreport.load(spec), ResolveOptions())


def problems(exc: pytest.ExceptionInfo[SpecError], root: Path) -> list[str]:
    return [str(p).replace(str(root) + "/", "") for p in exc.value.problems]


def first_table(document: zzreport.ir.Document) -> Table:
    table = document.sections[0].blocks[0]
    assert isinstance(table, Table)
    return table


@pytest.mark.parametrize(
    ("encoding", "text"),
    [("gbk", GBK_TEXT), ("gb18030", GBK_TEXT), ("gb18030", CSV_TEXT)],
)
def test_gbk_and_gb18030_files_read_with_their_encoding(tmp_path: Path, encoding: str, text: str) -> None:
    raw = text.encode(encoding)
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    doc = resolve(tmp_path, f"      - table: {{data: {{file: d.csv, encoding: {encoding}}}}}\n", {"d.csv": raw})
    table = first_table(doc)
    assert [c.name for c in table.columns] == ["指标", "数量"]
    assert [[c.text for c in row] for row in table.rows] == [
        [r.split(",")[0], r.split(",")[1]] for r in text.splitlines()[1:]
    ]


def test_a_utf8_byte_order_mark_is_accepted_whatever_the_encoding(tmp_path: Path) -> None:
    raw = b"\xef\xbb\xbf" + CSV_TEXT.encode("utf-8")
    for blocks in ("      - table: {data: d.csv}\n", "      - table: {data: {file: d.csv, encoding: gbk}}\n"):
        table = first_table(resolve(tmp_path, blocks, {"d.csv": raw}))
        assert [c.name for c in table.columns] == ["指标", "数量"]
        assert table.rows[0][0].text == "郑州𠀀"


def test_a_gbk_file_without_encoding_is_one_error_naming_every_key_to_set(tmp_path: Path) -> None:
    blocks = (
        "      - table: {data: d.csv, total: true}\n"
        "      - figure: {kind: column, data: {file: d.csv, categories: 指标}}\n"
        "      - table: {data: {file: d.csv, encoding: gbk}}\n"
    )
    with pytest.raises(SpecError) as exc:
        resolve(tmp_path, blocks, {"d.csv": GBK_TEXT.encode("gbk")})
    assert problems(exc, tmp_path) == [
        "d.csv:1:2: data file is not valid UTF-8 (byte 0xB1); it reads cleanly as GBK (Excel's CSV on Chinese "
        "Windows): set `encoding: gbk` at sections[0].blocks[0].table.data (spec.yaml:7:23) and "
        "sections[0].blocks[1].figure.data (spec.yaml:8:38)"
    ]


def test_a_gb18030_file_read_as_gbk_names_gb18030(tmp_path: Path) -> None:
    with pytest.raises(SpecError) as exc:
        resolve(
            tmp_path,
            "      - table: {data: {file: d.csv, encoding: gbk}}\n",
            {"d.csv": CSV_TEXT.encode("gb18030")},
        )
    assert problems(exc, tmp_path) == [
        "d.csv:2:3: data file is not valid GBK (byte 0x95); it reads cleanly as GB18030: "
        "set `encoding: gb18030` at sections[0].blocks[0].table.data (spec.yaml:7:23)"
    ]


def test_a_file_in_no_known_encoding_says_to_save_it_as_utf8(tmp_path: Path) -> None:
    with pytest.raises(SpecError) as exc:
        resolve(tmp_path, "      - table: {data: d.csv}\n", {"d.csv": b"a,b\nx,\xff\xfe\n"})
    assert problems(exc, tmp_path) == [
        "d.csv:2:3: data file is not valid UTF-8 (byte 0xFF), nor in another encoding zzreport reads: "
        "save it as UTF-8 (in Excel: Save As, CSV UTF-8)"
    ]


def test_an_unknown_encoding_lists_the_ones_there_are(tmp_path: Path) -> None:
    with pytest.raises(SpecError) as exc:
        resolve(tmp_path, "      - table: {data: {file: d.csv, encoding: latin1}}\n", {"d.csv": b"a,b\nx,1\n"})
    assert problems(exc, tmp_path) == [
        "spec.yaml:7:47: sections[0].blocks[0].table.data.encoding: "
        "expected 'utf-8', 'utf-8-sig', 'gbk' or 'gb18030', got 'latin1'"
    ]


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("1,234", CellNumber(1234.0)),
        (" 1,234.5 ", CellNumber(1234.5)),
        ("5.9%", CellNumber(5.9, percent=True)),
        ("5.9 %", CellNumber(5.9, percent=True)),
        ("５．９％", CellNumber(5.9, percent=True)),
        ("－３", CellNumber(-3.0)),
        ("\u22123.4", CellNumber(-3.4)),
        ("＋１２", CellNumber(12.0)),
        ("１，２３４", CellNumber(1234.0)),
        ("\u3000７\u3000", CellNumber(7.0)),
    ],
)
def test_one_number_parser(text: str, number: CellNumber) -> None:
    assert parse_cell(text) == number


@pytest.mark.parametrize("text", ["", "  ", "-", "—", "NA", "N/A", "－"])
def test_cells_without_a_value(text: str) -> None:
    assert parse_cell(text) is None


@pytest.mark.parametrize("text", ["五", "12,34", "1e5", "约3", "%", "3%%", "1.2.3"])
def test_text_is_not_a_number(text: str) -> None:
    with pytest.raises(NumberError, match="expected a number, got"):
        parse_cell(text)


COMBO = (
    "      - figure:\n"
    "          kind: combo\n"
    "          data:\n"
    "            file: d.csv\n"
    "            series:\n"
    "              - {column: 进口额, type: column, unit: 亿元}\n"
    "              - {column: 同比增速, type: line, axis: secondary}\n"
    "              - 出口额\n"
)
TRADE = "月份,进口额,出口额,同比\n1月,80,120,5.9%\n2月,75,110,－３．２％\n"


def test_a_listed_series_column_missing_from_the_csv_is_located_with_suggestions(tmp_path: Path) -> None:
    with pytest.raises(SpecError) as exc:
        resolve(tmp_path, COMBO, {"d.csv": TRADE.encode()})
    assert problems(exc, tmp_path) == [
        "spec.yaml:13:26: sections[0].blocks[0].figure.data.series[1].column: column `同比增速` not found in d.csv "
        "(did you mean `同比`?); its columns are: 月份, 进口额, 出口额, 同比"
    ]


def test_series_options_from_csv_columns(tmp_path: Path) -> None:
    doc = resolve(tmp_path, COMBO.replace("同比增速", "同比"), {"d.csv": TRADE.encode()})
    series = doc.sections[0].blocks[0].data.series
    assert [(s.name, s.type, s.axis, s.unit, s.format.percent) for s in series] == [
        ("进口额", "column", "primary", "亿元", False),
        ("同比", "line", "secondary", "%", True),  # its cells are written with %
        ("出口额", "line", "secondary", "", True),  # a name alone: today's combo default
    ]
    assert [s.labels for s in series] == [("80", "75"), ("5.9%", "\u22123.2%"), ("120%", "110%")]


def test_named_values_read_their_cells_from_a_gbk_file(tmp_path: Path) -> None:
    values = (
        "values:\n"
        "  n: {data: {file: d.csv, encoding: gbk, row: 洛阳, column: 数量}, unit: 家}\n"
        "  m: {data: {file: d.csv, encoding: gbk, row: 郑州, column: 数量}, unit: 家}\n"
    )
    (tmp_path / "d.csv").write_bytes(GBK_TEXT.encode("gbk"))
    spec = tmp_path / "spec.yaml"
    spec.write_text(HEAD.replace("sections:", values + "sections:") + "      - paragraph: 共{n}和{m}。\n", "utf-8")
    doc = zzreport.resolve(zzreport.load(spec), ResolveOptions())
    assert (doc.values["n"].text, doc.values["m"].text) == ("2家", "1家")
    values = values.replace("encoding: gbk, ", "")
    spec.write_text(HEAD.replace("sections:", values + "sections:") + "      - paragraph: 共{n}和{m}。\n", "utf-8")
    with pytest.raises(SpecError) as exc:  # two values reading one file: one problem naming both keys
        zzreport.resolve(zzreport.load(spec), ResolveOptions())
    assert problems(exc, tmp_path) == [
        "d.csv:1:2: data file is not valid UTF-8 (byte 0xB1); it reads cleanly as GBK (Excel's CSV on Chinese "
        "Windows): set `encoding: gbk` at values.n.data (spec.yaml:4:13) and values.m.data (spec.yaml:5:13)"
    ]


def test_slices_read_a_gbk_file(tmp_path: Path) -> None:
    (tmp_path / "d.csv").write_bytes(GBK_TEXT.encode("gbk"))
    spec = tmp_path / "spec.yaml"
    head = HEAD.replace("sections:", "slices: {file: d.csv, encoding: gbk, key: 指标}\nsections:")
    spec.write_text(head + "      - paragraph: '{slice.指标}共{slice.数量}家。'\n", encoding="utf-8")
    report = zzreport.load(spec)
    assert slice_keys(report) == ["郑州", "洛阳"]
    doc = zzreport.resolve(report, ResolveOptions(slice="洛阳"))
    assert [s.text for s in doc.sections[0].blocks[0].spans] == ["洛阳共2家。"]
    spec.write_text(head.replace("encoding: gbk, ", "") + "      - paragraph: '{slice.指标}'\n", encoding="utf-8")
    with pytest.raises(SpecError) as exc:
        slice_keys(zzreport.load(spec))
    assert problems(exc, tmp_path) == [
        "d.csv:1:2: data file is not valid UTF-8 (byte 0xB1); it reads cleanly as GBK (Excel's CSV on Chinese "
        "Windows): set `encoding: gbk` at slices (spec.yaml:3:9)"
    ]


def test_a_slice_of_a_long_slices_file_names_the_file_once_not_once_per_row(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A batch resolves every slice, and each reads the whole slices file: locating each of its rows by
    # working the file's name out afresh (a path resolved on disk) cost a 200-city batch 200 of those a report.
    rows = "".join(f"城{n},{n}\n" for n in range(200))
    (tmp_path / "cities.csv").write_text("城市,数量\n" + rows, encoding="utf-8")
    spec = tmp_path / "spec.yaml"
    head = HEAD.replace("sections:", "slices: {file: cities.csv, key: 城市}\nsections:")
    spec.write_text(head + '      - paragraph: "{slice.城市}共{slice.数量}个"\n', encoding="utf-8")
    data = importlib.import_module("zzreport.resolve.data")  # zzreport.resolve is also the function's name
    named: list[object] = []
    monkeypatch.setattr(data, "display_path", lambda path: named.append(path) or str(path))
    document = zzreport.resolve(zzreport.load(spec), ResolveOptions(slice="城7"))
    paragraph = document.sections[0].blocks[0]
    assert isinstance(paragraph, Paragraph) and "".join(s.text for s in paragraph.spans) == "城7共7个"
    assert len(named) <= 2, f"the slices file was named {len(named)} times"
