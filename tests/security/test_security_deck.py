"""The deck's package safety: chart workbooks hold data, never formulas; templates are limited and cleaned.

Hostile templates are built here from python-pptx's own default deck, edited
with ``zipfile`` (a macro part, a macro-enabled content type, an ActiveX
control, a zip bomb, a lying zip header, missing structure, corrupt XML).
Every refusal goes through ``zzreport check`` and ``zzreport build``: exit 1,
the exact located message, no traceback and nothing written.
"""

from __future__ import annotations

import html
import io
import re
import struct
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.chart.data import CategoryChartData

from zzreport.app.cli import main
from zzreport.resolve import templates

SPEC = "zzreport: 1\ntitle: 报告\ntheme:\n  slides: {template: %s}\nsections: [{id: a, title: 一节}]\n"
WHERE = "s.yaml:4:22: theme.slides.template: "
MAIN = "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
MACRO_MAIN = "application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml"
#: python-pptx refuses file properties longer than this.
PROPERTY_CHARS = 255
#: The documented limit for one zip member of a template (``zzreport.resolve.templates.MAX_MEMBER_BYTES``).
MEMBER_LIMIT = 64 * 1024 * 1024
#: What a cleaned deck's content types may be: the presentation parts, and what the deck writer adds.
DECK_TYPES = {
    MAIN,
    "application/xml",
    "application/vnd.openxmlformats-package.relationships+xml",
    "application/vnd.openxmlformats-package.core-properties+xml",
    "application/vnd.openxmlformats-officedocument.theme+xml",
    "application/x-fontdata",  # the slide faces the deck embeds
    *(
        f"application/vnd.openxmlformats-officedocument.presentationml.{name}+xml"
        for name in ("slideMaster", "slideLayout", "slide", "presProps", "viewProps", "tableStyles")
    ),
}
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


# --------------------------------------------------------------------------- helpers


Capture = pytest.CaptureFixture[str]


def run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Capture, command: str) -> tuple[int, list[str]]:
    monkeypatch.chdir(tmp_path)
    args = [command, "s.yaml"] + (["-o", "out"] if command == "build" else [])
    code = main(args)
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return code, err.splitlines()


def sample_deck() -> bytes:
    """python-pptx's default deck with one sample slide (it carries printer settings and a thumbnail)."""
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[1])
    slide.shapes.title.text = "样例幻灯片"
    buffer = io.BytesIO()
    prs.save(buffer)
    return buffer.getvalue()


Edit = Callable[[bytes], bytes] | bytes | None


def edited(edits: dict[str, Edit], base: bytes | None = None) -> bytes:
    """``base`` (the sample deck) with members replaced (bytes), rewritten (a function), dropped (None) or added."""
    source = zipfile.ZipFile(io.BytesIO(base or sample_deck()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for name in source.namelist():
            edit = edits.get(name, lambda blob: blob)
            if edit is None:
                continue
            blob = source.read(name)
            package.writestr(name, edit(blob) if callable(edit) else edit)
        for name, edit in edits.items():
            if name not in source.namelist() and isinstance(edit, bytes):
                package.writestr(name, edit)
    return out.getvalue()


def sub(old: str, new: str, count: int = 1) -> Callable[[bytes], bytes]:
    def edit(blob: bytes) -> bytes:
        text = blob.decode("utf-8")
        assert old in text, old
        return text.replace(old, new, count).encode("utf-8")

    return edit


def add_rel(rel_id: str, rel_type: str, target: str, external: bool = False) -> Callable[[bytes], bytes]:
    mode = ' TargetMode="External"' if external else ""
    rel = f'<Relationship Id="{rel_id}" Type="{R_NS}/{rel_type}" Target="{target}"{mode}/>'
    return sub("</Relationships>", rel + "</Relationships>")


def add_type(ext_or_part: str, content_type: str) -> Callable[[bytes], bytes]:
    if ext_or_part.startswith("/"):
        entry = f'<Override PartName="{ext_or_part}" ContentType="{content_type}"/>'
    else:
        entry = f'<Default Extension="{ext_or_part}" ContentType="{content_type}"/>'
    return sub("</Types>", entry + "</Types>")


def chain(*edits: Callable[[bytes], bytes]) -> Callable[[bytes], bytes]:
    def edit(blob: bytes) -> bytes:
        for one in edits:
            blob = one(blob)
        return blob

    return edit


def write_spec(tmp_path: Path, template: bytes, name: str = "t.pptx") -> None:
    (tmp_path / name).write_bytes(template)
    (tmp_path / "s.yaml").write_text(SPEC % name, encoding="utf-8")


def refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Capture, message: str) -> None:
    """``check`` and ``build`` both refuse with exactly ``message``, exit 1, and write nothing."""
    before = sorted(p.name for p in tmp_path.iterdir())
    for command in ("check", "build"):
        code, err = run(tmp_path, monkeypatch, capsys, command)
        assert code == 1
        assert err[1 if command == "build" else 0] == WHERE + message
    assert sorted(p.name for p in tmp_path.iterdir()) == before, "nothing written"


def built(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> zipfile.ZipFile:
    code, err = run(tmp_path, monkeypatch, capsys, "build")
    assert code == 0, err
    return zipfile.ZipFile(tmp_path / "out" / "s.pptx")


# --------------------------------------------------------------------------- chart workbooks

HOSTILE = [
    "=cmd|' /C calc'!A0",
    "+1+1",
    "-2+3",
    "@SUM(A1)",
    "{=1+1}",
    "\t=1+1",
    "\r=1+1",
    "http://evil.example/x",
    "mailto:a@evil.example",
    "external:c:\\evil.xlsx",
]
#: CSV cells are stripped, so the tab- and CR-prefixed payloads are tried on the chart data directly.
HOSTILE_CSV = [text for text in HOSTILE if not text[0].isspace()]
SERIES = '=HYPERLINK("http://evil.example","点击")'


def _sheet(deck: zipfile.ZipFile) -> tuple[str, list[str], list[str]]:
    """The embedded workbook's sheet XML, its shared strings, and every member name."""
    [embedded] = [n for n in deck.namelist() if n.startswith("ppt/embeddings/") and n.endswith(".xlsx")]
    with zipfile.ZipFile(io.BytesIO(deck.read(embedded))) as book:
        sheet = book.read("xl/worksheets/sheet1.xml").decode()
        strings = re.findall(r"<t(?: [^>]*)?>([^<]*)</t>", book.read("xl/sharedStrings.xml").decode())
        shared = [html.unescape(text) for text in strings]
        return sheet, shared, book.namelist()


def _assert_plain(sheet: str, names: list[str]) -> None:
    assert "<f" not in sheet, "no formulas"
    assert "<hyperlink" not in sheet, "no hyperlinks"
    assert not any("worksheets/_rels" in n for n in names), "no hyperlink relationships"


def test_hostile_categories_and_series_names_are_plain_text_in_the_workbook(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = "".join(f'"{c}",{i - 4}\n' for i, c in enumerate(HOSTILE_CSV))
    (tmp_path / "d.csv").write_text(f'类别,"{SERIES.replace(chr(34), chr(34) * 2)}"\n{rows}', encoding="utf-8")
    (tmp_path / "s.yaml").write_text(
        "zzreport: 1\ntitle: 报告\nsections:\n  - id: a\n    title: 一节\n    blocks:\n"
        "      - figure: {kind: column, title: 图, data: d.csv}\n",
        encoding="utf-8",
    )
    deck = built(tmp_path, monkeypatch, capsys)
    sheet, shared, names = _sheet(deck)
    _assert_plain(sheet, names)
    assert sorted(shared) == sorted([*HOSTILE_CSV, SERIES]), "every text is a shared string, as written"
    # Numbers stay numbers, negative ones included: B2 holds -4 as a number cell.
    assert re.search(r'<c r="B2"(?: s="\d+")?><v>-4</v></c>', sheet)
    assert re.search(r'<c r="A2" s="\d+" t="s">', sheet), "a category is a string cell"

    # The chart still opens, and replace_data works (with python-pptx's own chart data too).
    prs = Presentation(str(tmp_path / "out" / "s.pptx"))
    [chart] = [s.chart for slide in prs.slides for s in slide.shapes if s.has_chart]
    assert list(chart.plots[0].categories) == HOSTILE_CSV
    assert chart.series[0].name == SERIES
    data = CategoryChartData()
    data.categories = ["甲", "乙"]
    data.add_series("新", (1.0, -2.0))
    chart.replace_data(data)
    buffer = io.BytesIO()
    prs.save(buffer)
    [chart] = [s.chart for slide in Presentation(buffer).slides for s in slide.shapes if s.has_chart]
    assert list(chart.plots[0].categories) == ["甲", "乙"] and chart.series[0].values == (1.0, -2.0)


def test_replacing_a_chart_s_data_with_plain_cell_data_keeps_the_workbook_plain() -> None:
    from datetime import datetime, timezone

    from pptx.enum.chart import XL_CHART_TYPE
    from pptx.util import Inches

    from zzreport.drawingml.workbook import PlainCellChartData

    when = datetime(2025, 1, 1, tzinfo=timezone.utc)
    prs = Presentation()
    data = PlainCellChartData(when=when)
    data.categories = HOSTILE
    data.add_series(SERIES, [float(i) for i in range(len(HOSTILE))])
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    chart = slide.shapes.add_chart(XL_CHART_TYPE.COLUMN_CLUSTERED, 0, 0, Inches(4), Inches(3), data).chart
    again = PlainCellChartData(when=when)
    again.categories = list(reversed(HOSTILE))
    again.add_series("=1+1", [-1.5] * len(HOSTILE))
    chart.replace_data(again)
    buffer = io.BytesIO()
    prs.save(buffer)
    sheet, shared, names = _sheet(zipfile.ZipFile(buffer))
    _assert_plain(sheet, names)
    assert "=1+1" in shared and "<v>-1.5</v>" in sheet


# --------------------------------------------------------------------------- macros and foreign parts


def test_a_macro_part_in_a_pptx_template_is_stripped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    template = edited(
        {
            "[Content_Types].xml": add_type("bin", "application/vnd.ms-office.vbaProject"),
            "ppt/_rels/presentation.xml.rels": add_rel("rIdVba", "vbaProject", "vbaProject.bin"),
            "ppt/vbaProject.bin": b"\xd0\xcf\x11\xe0 macro",
        }
    )
    write_spec(tmp_path, template)
    deck = built(tmp_path, monkeypatch, capsys)
    everything = b"".join(deck.read(n) for n in deck.namelist() if n.endswith((".xml", ".rels")))
    assert not [n for n in deck.namelist() if "vba" in n.lower()]
    assert b"vbaProject" not in everything and b"macroEnabled" not in everything
    assert b"printerSettings" not in everything and b"thumbnail" not in everything, "other foreign parts go too"
    assert deck.read("[Content_Types].xml").count(MAIN.encode()) == 1
    types = {t.decode() for t in re.findall(rb'ContentType="([^"]+)"', deck.read("[Content_Types].xml"))}
    assert types <= DECK_TYPES, "only presentation content types"


def test_a_macro_enabled_main_content_type_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_spec(tmp_path, edited({"[Content_Types].xml": sub(MAIN, MACRO_MAIN)}))
    refused(
        tmp_path,
        monkeypatch,
        capsys,
        f"template `t.pptx` is macro-enabled (content type `{MACRO_MAIN}`); zzreport never carries macros "
        "into a deck: save it as .pptx or .potx",
    )


@pytest.mark.parametrize("name", ["t.pptm", "t.potm"])
def test_a_macro_enabled_template_file_is_refused(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_spec(tmp_path, edited({"[Content_Types].xml": sub(MAIN, MACRO_MAIN)}), name)
    refused(
        tmp_path,
        monkeypatch,
        capsys,
        f"`{name}` is a macro-enabled template; zzreport never carries macros into a deck: save it as .pptx or .potx",
    )


ACTIVEX_LAYOUT = "ppt/slideLayouts/slideLayout2.xml"


def test_an_activex_control_a_layout_uses_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    control = f'<p:controls><p:control xmlns:r="{R_NS}" spid="1025" r:id="rIdX"/></p:controls>'
    template = edited(
        {
            "[Content_Types].xml": add_type("/ppt/activeX/activeX1.xml", "application/vnd.ms-office.activeX+xml"),
            "ppt/slideLayouts/_rels/slideLayout2.xml.rels": add_rel("rIdX", "control", "../activeX/activeX1.xml"),
            ACTIVEX_LAYOUT: sub("</p:cSld>", control + "</p:cSld>"),
            "ppt/activeX/activeX1.xml": b'<?xml version="1.0"?><ax:ocx xmlns:ax="urn:x"/>',
        }
    )
    write_spec(tmp_path, template)
    refused(
        tmp_path,
        monkeypatch,
        capsys,
        f"template `t.pptx` has an ActiveX control (`ppt/activeX/activeX1.xml`) in `{ACTIVEX_LAYOUT}`; only "
        "presentation parts (masters, layouts, themes, images, fonts) are taken from a template",
    )


def test_unused_foreign_parts_are_stripped_and_web_links_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    link = f'<a:hlinkClick xmlns:r="{R_NS}" r:id="rIdW"/>'
    template = edited(
        {
            "[Content_Types].xml": chain(
                add_type("bin", "application/vnd.openxmlformats-officedocument.oleObject"),
                add_type("/ppt/activeX/activeX1.xml", "application/vnd.ms-office.activeX+xml"),
            ),
            "ppt/slideMasters/_rels/slideMaster1.xml.rels": chain(
                add_rel("rIdO", "oleObject", "../embeddings/oleObject1.bin"),
                add_rel("rIdX", "control", "../activeX/activeX1.xml"),
                add_rel("rIdF", "image", "https://tracker.example/pixel.png", external=True),
            ),
            "ppt/slideLayouts/_rels/slideLayout2.xml.rels": add_rel("rIdW", "hyperlink", "https://example.com/", True),
            ACTIVEX_LAYOUT: sub('<p:cNvPr id="2" name="Title 1"/>', f'<p:cNvPr id="2" name="Title 1">{link}</p:cNvPr>'),
            "ppt/embeddings/oleObject1.bin": b"\xd0\xcf\x11\xe0 object",
            "ppt/activeX/activeX1.xml": b'<?xml version="1.0"?><ax:ocx xmlns:ax="urn:x"/>',
        }
    )
    write_spec(tmp_path, template)
    deck = built(tmp_path, monkeypatch, capsys)
    names = deck.namelist()
    assert not [n for n in names if n.startswith(("ppt/embeddings/", "ppt/activeX/"))]
    rels = b"".join(deck.read(n) for n in names if n.endswith(".rels"))
    assert b"oleObject" not in rels and b"activeX" not in rels and b"tracker.example" not in rels
    assert b"https://example.com/" in rels, "a web link a layout uses is kept"


def test_a_zip_directory_bigger_than_its_count_says_is_refused_before_it_is_parsed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    data = bytearray(edited({}))
    end = data.rindex(b"PK\x05\x06")
    struct.pack_into("<HH", data, end + 8, 1, 1)  # "one entry", but the directory still holds them all
    write_spec(tmp_path, bytes(data))
    monkeypatch.setattr(templates, "MAX_TEMPLATE_MEMBERS", 2, raising=False)
    refused(tmp_path, monkeypatch, capsys, "template `t.pptx` has too many zip members, over the limit of 2")


def test_a_linked_picture_outside_the_template_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    picture = (
        f'<p:pic xmlns:r="{R_NS}"><p:nvPicPr><p:cNvPr id="99" name="x"/><p:cNvPicPr/><p:nvPr/></p:nvPicPr>'
        '<p:blipFill><a:blip r:link="rIdL"/></p:blipFill><p:spPr/></p:pic>'
    )
    template = edited(
        {
            "ppt/slideLayouts/_rels/slideLayout2.xml.rels": add_rel(
                "rIdL", "image", "file://attacker/share/x.png", True
            ),
            ACTIVEX_LAYOUT: sub("</p:spTree>", picture + "</p:spTree>"),
        }
    )
    write_spec(tmp_path, template)
    refused(
        tmp_path,
        monkeypatch,
        capsys,
        f"template `t.pptx` has a part `{ACTIVEX_LAYOUT}` that links to `file://attacker/share/x.png` outside "
        "the template; only http, https and mailto hyperlinks may leave it",
    )


def test_a_potx_template_builds_a_presentation(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    template_main = "application/vnd.openxmlformats-officedocument.presentationml.template.main+xml"
    write_spec(tmp_path, edited({"[Content_Types].xml": sub(MAIN, template_main)}), "t.potx")
    deck = built(tmp_path, monkeypatch, capsys)
    types = deck.read("[Content_Types].xml").decode()
    assert MAIN in types and template_main not in types
    assert "样例幻灯片" not in "".join(deck.read(n).decode() for n in deck.namelist() if n.endswith(".xml"))


# --------------------------------------------------------------------------- size and inflation limits


def test_a_member_that_inflates_past_the_limit_is_refused_before_it_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    size = MEMBER_LIMIT + 1
    out = io.BytesIO(edited({}))
    with zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED) as package, package.open("ppt/media/zeros.png", "w") as f:
        chunk = bytes(1 << 20)
        for _ in range(size // len(chunk)):
            f.write(chunk)
        f.write(bytes(size % len(chunk)))
    assert len(out.getvalue()) < 200_000, "small on disk"
    write_spec(tmp_path, out.getvalue())
    refused(
        tmp_path,
        monkeypatch,
        capsys,
        f"template `t.pptx` has a part `ppt/media/zeros.png` that unpacks to {size:,} bytes, over the limit of "
        f"{MEMBER_LIMIT:,} bytes for one part",
    )
    assert templates.MAX_MEMBER_BYTES == MEMBER_LIMIT


@pytest.mark.parametrize(
    ("limit", "value", "message"),
    [
        ("MAX_TEMPLATE_BYTES", 10_000, "template `t.pptx` is {size:,} bytes, over the limit of 10,000 bytes "
                                       "for a template"),
        ("MAX_TEMPLATE_MEMBERS", 20, "template `t.pptx` has {members:,} zip members, over the limit of 20"),
        ("MAX_UNPACKED_BYTES", 50_000, "template `t.pptx` unpacks to {total:,} bytes, over the limit of 50,000 bytes"),
    ],
)  # fmt: skip
def test_template_limits(
    limit: str, value: int, message: str,
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    template = edited({})
    infos = zipfile.ZipFile(io.BytesIO(template)).infolist()
    write_spec(tmp_path, template)
    monkeypatch.setattr(templates, limit, value, raising=False)  # absent before the limits existed
    facts = {"size": len(template), "members": len(infos), "total": sum(i.file_size for i in infos)}
    refused(tmp_path, monkeypatch, capsys, message.format(**facts))


def _lie_about_size(blob: bytes, name: str, size: int) -> bytes:
    """Set ``name``'s uncompressed size in both its local header and its central-directory entry."""
    data = bytearray(blob)
    info = zipfile.ZipFile(io.BytesIO(blob)).getinfo(name)
    struct.pack_into("<I", data, info.header_offset + 22, size)
    entries = [m.start() for m in re.finditer(rb"PK\x01\x02", blob)]
    [entry] = [e for e in entries if blob[e + 46 : e + 46 + struct.unpack_from("<H", blob, e + 28)[0]] == name.encode()]
    struct.pack_into("<I", data, entry + 24, size)
    return bytes(data)


def test_a_member_larger_than_its_header_says_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    template = edited({"ppt/media/big.png": bytes(1_000_000)})
    write_spec(tmp_path, _lie_about_size(template, "ppt/media/big.png", 100))
    refused(
        tmp_path, monkeypatch, capsys, "template `t.pptx` is corrupt: its part `ppt/media/big.png` cannot be unpacked"
    )


# --------------------------------------------------------------------------- check refuses what build cannot use

MASTER = "ppt/slideMasters/slideMaster1.xml"


def _without_layouts(blob: bytes) -> bytes:
    return re.sub(rb"<p:sldLayoutIdLst>.*?</p:sldLayoutIdLst>", b"", blob, flags=re.S)


def _without_masters(blob: bytes) -> bytes:
    return re.sub(rb"<p:sldMasterIdLst>.*?</p:sldMasterIdLst>", b"", blob, flags=re.S)


def _without_theme(blob: bytes) -> bytes:
    return re.sub(rb"<Relationship[^>]*theme[^>]*/>", b"", blob)


def _without_size(blob: bytes) -> bytes:
    return re.sub(rb"<p:sldSz[^>]*/>", b"", blob)


@pytest.mark.parametrize(
    ("edits", "message"),
    [
        ({MASTER: _without_layouts}, "template `t.pptx` has no slide layouts"),
        ({"ppt/presentation.xml": _without_masters}, "template `t.pptx` has no slide master"),
        (
            {"ppt/presentation.xml": _without_size},
            "template `t.pptx` has no slide size (`p:sldSz` in `ppt/presentation.xml`)",
        ),
        (
            {"ppt/slideLayouts/slideLayout2.xml": lambda b: b[: len(b) // 2]},
            "template `t.pptx` is corrupt: its part `ppt/slideLayouts/slideLayout2.xml` is not well-formed XML",
        ),
        (
            {"ppt/theme/theme1.xml": sub("<a:theme", '<!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><a:theme')},
            "template `t.pptx` has a part `ppt/theme/theme1.xml` that declares a DTD, which Office files never do",
        ),
        (
            {"ppt/slideMasters/_rels/slideMaster1.xml.rels": _without_theme},
            f"template `t.pptx` has a slide master `{MASTER}` without a theme",
        ),
        (
            {"ppt/slideLayouts/slideLayout2.xml": sub('type="title"', 'type="no-such-type"')},
            "template `t.pptx` has a master or layout that cannot be read "
            "(ValueError: PP_PLACEHOLDER_TYPE has no XML mapping for 'no-such-type')",
        ),
    ],
    ids=["no layouts", "no master", "no slide size", "corrupt XML", "DTD", "master without theme", "bad placeholder"],
)  # fmt: skip
def test_check_refuses_what_build_would_trip_over(
    edits: dict[str, Edit], message: str,
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    write_spec(tmp_path, edited(edits))
    refused(tmp_path, monkeypatch, capsys, message)


def test_a_title_too_long_for_a_file_property_is_cut_there_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    title = "郑州市国民经济和社会发展统计公报" * 20
    (tmp_path / "s.yaml").write_text(
        f"zzreport: 1\ntitle: {title}\nsubtitle: {title}\nsections: [{{id: a, title: 一节}}]\n", encoding="utf-8"
    )
    built(tmp_path, monkeypatch, capsys)
    prs = Presentation(str(tmp_path / "out" / "s.pptx"))
    props = prs.core_properties
    assert len(props.title) == PROPERTY_CHARS and props.title.endswith("…") and title.startswith(props.title[:-1])
    assert len(props.subject) == PROPERTY_CHARS
    cover = "".join(s.text_frame.text for s in prs.slides[0].shapes if s.has_text_frame).replace("\n", "")
    assert title in cover.replace("\v", ""), "the slide keeps the whole title"
