"""Chart XML surgery that python-pptx's public API cannot do, in named helpers.

Everything here touches ``_element``/lxml on purpose, so that
:mod:`zzreport.writers.pptx.charts` can stay on the public API. The module is
self-contained (python-pptx, lxml and the standard library only) so it can be
merged with the deck writer's XML helpers without untangling imports.

Why each helper exists:

* :func:`set_east_asian_font` / :func:`set_text_frame_east_asian` /
  :func:`apply_east_asian_everywhere` — ``Font.name`` writes only ``a:latin``;
  Chinese characters are drawn with the ``a:ea`` typeface, and East Asian line
  breaking needs ``lang="zh-CN"`` (python-pptx #720, #768).
* :func:`make_combo` — python-pptx has no combo chart or secondary axis
  (python-pptx #141, #338).
* :func:`fix_workbook_timestamp` — each chart embeds an XlsxWriter workbook
  stamped with the build time, so decks are not reproducible (python-pptx #702).
* :func:`set_descr` — screen readers read ``p:cNvPr/@descr``; python-pptx does
  not expose it.
* :func:`set_axis_title_horizontal` / :func:`set_title_position` /
  :func:`set_plot_area_layout` — python-pptx has no text rotation for axis
  titles (PowerPoint turns a vertical axis' title 90°, so Chinese reads
  sideways) and no manual layout for titles or the plot area.
* :func:`set_data_labels_fill` — python-pptx cannot fill a data-label box
  (a line's labels over columns need a background to stay readable).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Sequence
from datetime import datetime, timezone

from lxml import etree
from pptx.chart.axis import CategoryAxis, ValueAxis
from pptx.chart.chart import Chart
from pptx.oxml import parse_xml
from pptx.oxml.ns import nsdecls, qn
from pptx.parts.chart import ChartPart
from pptx.shapes.graphfrm import GraphicFrame
from pptx.text.text import Font, TextFrame

#: Children of ``a:rPr``/``a:defRPr``/``a:endParaRPr`` (CT_TextCharacterProperties), in schema order.
_RPR_ORDER = (
    "a:ln",
    "a:noFill",
    "a:solidFill",
    "a:gradFill",
    "a:blipFill",
    "a:pattFill",
    "a:grpFill",
    "a:effectLst",
    "a:effectDag",
    "a:highlight",
    "a:uLnTx",
    "a:uLn",
    "a:uFillTx",
    "a:uFill",
    "a:latin",
    "a:ea",
    "a:cs",
    "a:sym",
    "a:hlinkClick",
    "a:hlinkMouseOver",
    "a:rtl",
    "a:extLst",
)

#: Elements that may follow an axis (and so come after the last one) inside ``c:plotArea``.
_AXIS_TAGS = ("c:catAx", "c:valAx", "c:dateAx", "c:serAx")
#: Chart-group elements ("xChart") inside ``c:plotArea``.
_PLOT_TAGS = (
    "c:areaChart",
    "c:area3DChart",
    "c:lineChart",
    "c:line3DChart",
    "c:stockChart",
    "c:radarChart",
    "c:scatterChart",
    "c:pieChart",
    "c:pie3DChart",
    "c:doughnutChart",
    "c:barChart",
    "c:bar3DChart",
    "c:ofPieChart",
    "c:surfaceChart",
    "c:surface3DChart",
    "c:bubbleChart",
)
#: Series children a bar series has but a line series must not (CT_BarSer vs CT_LineSer).
_BAR_ONLY_SER_TAGS = ("c:invertIfNegative", "c:pictureOptions", "c:shape")
#: Axis ids of the secondary axes added by :func:`make_combo` (any unsigned ints unused in the chart).
SECONDARY_CAT_AX_ID = 500_100_001
SECONDARY_VAL_AX_ID = 500_100_002


# --------------------------------------------------------------------------- fonts


def _insert_in_order(parent: etree._Element, child: etree._Element, order: Sequence[str]) -> etree._Element:
    """Insert ``child`` before the first sibling that the schema puts after it."""
    tag_index = {qn(tag): i for i, tag in enumerate(order)}
    mine = tag_index[child.tag]
    for sibling in parent:
        if tag_index.get(sibling.tag, -1) > mine:
            sibling.addprevious(child)
            return child
    parent.append(child)
    return child


def _set_typeface(rpr: etree._Element, tag: str, typeface: str) -> None:
    element = rpr.find(qn(tag))
    if element is None:
        element = _insert_in_order(rpr, etree.SubElement(rpr, qn(tag)), _RPR_ORDER)
    element.set("typeface", typeface)


def set_rpr_east_asian(rpr: etree._Element, typeface: str, lang: str = "zh-CN", alt_lang: str = "en-US") -> None:
    """Give one ``a:rPr``/``a:defRPr``/``a:endParaRPr`` the Latin and East Asian typeface and language."""
    _set_typeface(rpr, "a:latin", typeface)
    _set_typeface(rpr, "a:ea", typeface)
    rpr.set("lang", lang)
    rpr.set("altLang", alt_lang)


def set_east_asian_font(font: Font, typeface: str, lang: str = "zh-CN", alt_lang: str = "en-US") -> None:
    """Set ``a:latin`` + ``a:ea`` and the language on a python-pptx :class:`Font`.

    Works for every ``Font`` a chart hands out (``chart.font``,
    ``tick_labels.font``, ``legend.font``, ``data_labels.font``, ``run.font``):
    each wraps a ``defRPr``/``rPr`` inside the right ``c:txPr``/``c:rich``.
    """
    set_rpr_east_asian(font._rPr, typeface, lang, alt_lang)


def set_text_frame_east_asian(
    text_frame: TextFrame, typeface: str, lang: str = "zh-CN", alt_lang: str = "en-US"
) -> None:
    """East Asian font on every paragraph default and run of a text frame (chart and axis titles).

    Titles are ``c:rich`` bodies; PowerPoint reads the run's ``a:rPr`` first,
    then the paragraph's ``a:defRPr``, so both carry the typeface.
    """
    for paragraph in text_frame.paragraphs:
        p = paragraph._p
        set_rpr_east_asian(p.get_or_add_pPr().get_or_add_defRPr(), typeface, lang, alt_lang)
        for run in p.r_lst:
            set_rpr_east_asian(run.get_or_add_rPr(), typeface, lang, alt_lang)
        end = p.find(qn("a:endParaRPr"))
        if end is not None:
            set_rpr_east_asian(end, typeface, lang, alt_lang)


def text_property_elements(chart: Chart) -> list[etree._Element]:
    """Every character-properties element of a chart's text (``c:txPr`` and ``c:rich`` bodies)."""
    space = chart._chartSpace
    out: list[etree._Element] = []
    for body in space.iter(qn("c:txPr"), qn("c:rich")):
        out.extend(body.iter(qn("a:defRPr"), qn("a:rPr"), qn("a:endParaRPr")))
    return out


def apply_east_asian_everywhere(chart: Chart, typeface: str, lang: str = "zh-CN", alt_lang: str = "en-US") -> None:
    """Sweep the whole chart so no text body is left with only ``a:latin`` (a safety net after styling)."""
    for rpr in text_property_elements(chart):
        set_rpr_east_asian(rpr, typeface, lang, alt_lang)


# --------------------------------------------------------------------------- combo charts


def _plot_area(chart: Chart) -> etree._Element:
    return chart._chartSpace.chart.plotArea


def _ax_ids(plot: etree._Element) -> list[str]:
    return [ax.get("val") for ax in plot.findall(qn("c:axId"))]


def _new_plot(tag: str, ax_ids: Sequence[str | int], bar_template: etree._Element | None) -> etree._Element:
    """An empty ``c:barChart`` (copying the template's direction/grouping/gap) or ``c:lineChart``."""
    if tag == "c:barChart":
        assert bar_template is not None
        plot = parse_xml(f"<c:barChart {nsdecls('c')}/>")
        for child in bar_template:
            if child.tag in (qn("c:barDir"), qn("c:grouping"), qn("c:varyColors")):
                plot.append(etree.fromstring(etree.tostring(child)))
        for name in ("c:gapWidth", "c:overlap"):
            found = bar_template.find(qn(name))
            if found is not None:
                plot.append(etree.fromstring(etree.tostring(found)))
    else:
        plot = parse_xml(
            f'<c:lineChart {nsdecls("c")}><c:grouping val="standard"/><c:varyColors val="0"/>'
            '<c:marker val="1"/></c:lineChart>'
        )
    for ax_id in ax_ids:
        plot.append(parse_xml(f'<c:axId {nsdecls("c")} val="{ax_id}"/>'))
    return plot


def _insert_series(plot: etree._Element, ser: etree._Element) -> None:
    """Append ``ser`` after the plot's last series (or its header elements)."""
    existing = plot.findall(qn("c:ser"))
    if existing:
        existing[-1].addnext(ser)
        return
    header = [c for c in plot if c.tag in (qn("c:barDir"), qn("c:grouping"), qn("c:varyColors"))]
    if header:
        header[-1].addnext(ser)
    else:
        plot.insert(0, ser)


def _bar_series_to_line(ser: etree._Element) -> etree._Element:
    """Turn a ``c:ser`` of a bar chart into a valid line-chart series (CT_LineSer)."""
    for tag in _BAR_ONLY_SER_TAGS:
        for child in ser.findall(qn(tag)):
            ser.remove(child)
    if ser.find(qn("c:smooth")) is None:
        smooth = parse_xml(f'<c:smooth {nsdecls("c")} val="0"/>')
        ext = ser.find(qn("c:extLst"))
        if ext is not None:
            ext.addprevious(smooth)
        else:
            ser.append(smooth)
    return ser


def _secondary_axes(cat_ax_id: int, val_ax_id: int) -> tuple[etree._Element, etree._Element]:
    """A hidden category axis and a right-hand value axis for the secondary chart group.

    ``c:crosses val="max"`` on the value axis means "cross the (hidden) category
    axis at its maximum", i.e. sit on the right.
    """
    cat_ax = parse_xml(
        f'<c:catAx {nsdecls("c")}><c:axId val="{cat_ax_id}"/><c:scaling><c:orientation val="minMax"/></c:scaling>'
        '<c:delete val="1"/><c:axPos val="b"/><c:majorTickMark val="none"/><c:minorTickMark val="none"/>'
        f'<c:tickLblPos val="nextTo"/><c:crossAx val="{val_ax_id}"/><c:crosses val="autoZero"/>'
        '<c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>'
    )
    val_ax = parse_xml(
        f'<c:valAx {nsdecls("c")}><c:axId val="{val_ax_id}"/><c:scaling><c:orientation val="minMax"/></c:scaling>'
        '<c:delete val="0"/><c:axPos val="r"/><c:numFmt formatCode="General" sourceLinked="0"/>'
        '<c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>'
        f'<c:crossAx val="{cat_ax_id}"/><c:crosses val="max"/><c:crossBetween val="between"/></c:valAx>'
    )
    return cat_ax, val_ax


def make_combo(chart: Chart, roles: Sequence[tuple[str, str]]) -> ValueAxis | None:
    """Regroup a clustered column chart into a combo chart; return the secondary value axis.

    ``chart`` must be a single ``c:barChart`` (as python-pptx makes it) holding
    every series in order; ``roles[i]`` is ``(type, axis)`` of series ``i``
    with type ``"column"``/``"line"`` and axis ``"primary"``/``"secondary"``.
    Columns on the primary axis stay in the original ``c:barChart``; the other
    groups move into new ``c:barChart``/``c:lineChart`` elements of the same
    ``c:plotArea``. Secondary groups get their own ``c:axId`` pair: a deleted
    ``c:catAx`` and a ``c:valAx`` on the right. Bars are placed before lines so
    lines draw on top. The returned python-pptx :class:`ValueAxis` can then be
    styled with the public API (title, number format, fonts).
    """
    plot_area = _plot_area(chart)
    bar = plot_area.find(qn("c:barChart"))
    if bar is None:
        raise ValueError("make_combo needs a chart built as a (clustered) column chart")
    series = bar.findall(qn("c:ser"))
    if len(series) != len(roles):
        raise ValueError(f"make_combo got {len(roles)} roles for {len(series)} series")
    primary_ids = _ax_ids(bar)
    secondary_ids = [str(SECONDARY_CAT_AX_ID), str(SECONDARY_VAL_AX_ID)]
    groups: dict[tuple[str, str], etree._Element] = {("column", "primary"): bar}
    order = [("column", "primary"), ("column", "secondary"), ("line", "primary"), ("line", "secondary")]
    for ser, (kind, axis) in zip(series, roles, strict=True):
        if kind not in ("column", "line") or axis not in ("primary", "secondary"):
            raise ValueError(f"unknown combo series role {(kind, axis)!r}")
        if (kind, axis) == ("column", "primary"):
            continue
        key = (kind, axis)
        if key not in groups:
            groups[key] = _new_plot(
                "c:barChart" if kind == "column" else "c:lineChart",
                primary_ids if axis == "primary" else secondary_ids,
                bar,
            )
        bar.remove(ser)
        _insert_series(groups[key], _bar_series_to_line(ser) if kind == "line" else ser)
    # Place the chart groups in drawing order where the bar chart was.
    anchor = bar
    for key in order[1:]:
        if key in groups:
            anchor.addnext(groups[key])
            anchor = groups[key]
    if not bar.findall(qn("c:ser")):
        plot_area.remove(bar)
    if not any(axis == "secondary" for _, axis in roles):
        return None
    cat_ax, val_ax = _secondary_axes(SECONDARY_CAT_AX_ID, SECONDARY_VAL_AX_ID)
    last_axis = [c for c in plot_area if c.tag in {qn(t) for t in _AXIS_TAGS}][-1]
    last_axis.addnext(cat_ax)
    cat_ax.addnext(val_ax)
    return ValueAxis(val_ax)


def value_axes(chart: Chart) -> list[ValueAxis]:
    """The chart's value axes in document order (primary first).

    ``Chart.value_axis`` returns the *second* ``c:valAx`` whenever there are
    two (it is meant for XY charts), which is the secondary axis of a combo.
    """
    return [ValueAxis(ax) for ax in _plot_area(chart).findall(qn("c:valAx"))]


def plot_area_summary(chart: Chart) -> list[str]:
    """Local names of the chart groups and axes in ``c:plotArea`` (for tests and debugging)."""
    wanted = {qn(t) for t in (*_PLOT_TAGS, *_AXIS_TAGS)}
    return [etree.QName(c).localname for c in _plot_area(chart) if c.tag in wanted]


def set_display_blanks_as(chart: Chart, mode: str = "gap") -> None:
    """How missing values are drawn: ``gap`` (a break in the line, no column), ``zero`` or ``span``."""
    element = chart._chartSpace.chart.find(qn("c:dispBlanksAs"))
    if element is None:
        element = parse_xml(f'<c:dispBlanksAs {nsdecls("c")} val="{mode}"/>')
        chart_el = chart._chartSpace.chart
        follower = next(
            (c for c in chart_el if c.tag in (qn("c:showDLblsOverMax"), qn("c:extLst"))),
            None,
        )
        if follower is not None:
            follower.addprevious(element)
        else:
            chart_el.append(element)
    element.set("val", mode)


def set_axis_crosses(axis: CategoryAxis | ValueAxis, where: str) -> None:
    """Where ``axis`` itself crosses its perpendicular axis: ``autoZero``, ``min`` or ``max``.

    python-pptx only offers ``ValueAxis.crosses``, which edits the *other*
    axis. A horizontal bar chart whose categories read top to bottom
    (category axis ``maxMin``) needs its value axis to cross at the maximum
    category, i.e. stay at the bottom.
    """
    element = axis._element
    for old in element.findall(qn("c:crosses")) + element.findall(qn("c:crossesAt")):
        element.remove(old)
    crosses = parse_xml(f'<c:crosses {nsdecls("c")} val="{where}"/>')
    element.find(qn("c:crossAx")).addnext(crosses)


def set_cross_between(axis: ValueAxis, mode: str = "between") -> None:
    """``between``: categories sit in the middle of their band; ``midCat``: on the tick marks.

    python-pptx makes area charts ``midCat`` (the area runs edge to edge), which
    cuts the data labels of the first and last category in half.
    """
    element = axis._element
    found = element.find(qn("c:crossBetween"))
    if found is None:
        found = parse_xml(f'<c:crossBetween {nsdecls("c")} val="{mode}"/>')
        anchor = element.find(qn("c:crosses"))
        if anchor is None:
            anchor = element.find(qn("c:crossesAt"))
        if anchor is None:
            anchor = element.find(qn("c:crossAx"))
        anchor.addnext(found)
    found.set("val", mode)


# --------------------------------------------------------------------------- titles, layout, label boxes


def _manual_layout(x: float, y: float, w: float | None = None, h: float | None = None, target: str = "") -> str:
    """A ``c:layout`` with a ``c:manualLayout`` in fractions of the chart space (``edge`` mode)."""
    parts = [f'<c:layoutTarget val="{target}"/>' if target else "", '<c:xMode val="edge"/><c:yMode val="edge"/>']
    if w is not None and h is not None:
        parts.append('<c:wMode val="factor"/><c:hMode val="factor"/>')
    parts.append(f'<c:x val="{x:.4f}"/><c:y val="{y:.4f}"/>')
    if w is not None and h is not None:
        parts.append(f'<c:w val="{w:.4f}"/><c:h val="{h:.4f}"/>')
    return f"<c:layout {nsdecls('c')}><c:manualLayout>{''.join(parts)}</c:manualLayout></c:layout>"


def set_axis_title_horizontal(axis: CategoryAxis | ValueAxis) -> None:
    """Set an axis title's text upright (``a:bodyPr rot="0" vert="horz"``).

    PowerPoint draws a vertical axis' title rotated by -90°; Chinese then reads
    sideways, one character under the other on its side. The PDF sets these
    titles horizontally above the axis, the Chinese print habit.
    """
    title = axis._element.find(qn("c:title"))
    if title is None:
        return
    for body in title.iter(qn("c:rich"), qn("c:txPr")):
        body_pr = body.find(qn("a:bodyPr"))
        if body_pr is None:
            body_pr = etree.SubElement(body, qn("a:bodyPr"))
            body.insert(0, body_pr)
        body_pr.set("rot", "0")
        body_pr.set("vert", "horz")


def set_title_position(axis: CategoryAxis | ValueAxis, x: float, y: float) -> None:
    """Pin an axis title's top-left corner at (``x``, ``y``), fractions of the chart space.

    Used to place a value axis' title at the top of the axis, as the PDF does,
    instead of beside its middle, where an upright title would eat plot width.
    """
    title = axis._element.find(qn("c:title"))
    if title is None:
        return
    for old in title.findall(qn("c:layout")):
        title.remove(old)
    layout = parse_xml(_manual_layout(x, y))
    tx = title.find(qn("c:tx"))
    if tx is not None:
        tx.addnext(layout)
    else:
        title.insert(0, layout)


def set_plot_area_layout(chart: Chart, x: float, y: float, w: float, h: float, target: str = "inner") -> None:
    """Place the plot area by hand (fractions of the chart space).

    ``inner`` places the plot rectangle itself, so everything left of ``x`` is
    room for category labels (horizontal bars, whose long Chinese labels the
    automatic layout squeezes into two ragged lines); ``outer`` places the plot
    with its tick labels, leaving the renderer to fit those.
    """
    plot_area = _plot_area(chart)
    for old in plot_area.findall(qn("c:layout")):
        plot_area.remove(old)
    plot_area.insert(0, parse_xml(_manual_layout(x, y, w, h, target)))


def set_data_labels_fill(data_labels_element: etree._Element, hex_color: str) -> None:
    """Fill the boxes of a ``c:dLbls`` with a solid colour (``c:spPr`` before ``c:txPr``).

    A line's labels may sit over columns; on a background-coloured box they
    stay readable, like the PDF's halo.
    """
    for old in data_labels_element.findall(qn("c:spPr")):
        data_labels_element.remove(old)
    sp_pr = parse_xml(
        f'<c:spPr {nsdecls("c", "a")}><a:solidFill><a:srgbClr val="{hex_color.lstrip("#").upper()}"/></a:solidFill>'
        "<a:ln><a:noFill/></a:ln></c:spPr>"
    )
    anchor = data_labels_element.find(qn("c:txPr"))
    if anchor is None:
        anchor = next(
            (c for c in data_labels_element if c.tag not in (qn("c:delete"), qn("c:numFmt"), qn("c:dLbl"))), None
        )
    if anchor is not None:
        anchor.addprevious(sp_pr)
    else:
        data_labels_element.append(sp_pr)


# --------------------------------------------------------------------------- accessibility


def set_descr(graphic_frame: GraphicFrame, descr: str, title: str = "") -> None:
    """Alt text of a graphic frame: ``p:cNvPr/@descr`` (and ``@title``) read by screen readers."""
    c_nv_pr = graphic_frame._element.nvGraphicFramePr.cNvPr
    c_nv_pr.set("descr", descr)
    if title:
        c_nv_pr.set("title", title)
    elif "title" in c_nv_pr.attrib:
        del c_nv_pr.attrib["title"]


# --------------------------------------------------------------------------- reproducible workbooks

_W3CDTF = re.compile(rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)")


def normalise_xlsx(blob: bytes, when: datetime) -> bytes:
    """Rewrite an xlsx so its bytes depend only on its content and ``when``.

    XlsxWriter stamps ``dcterms:created``/``modified`` in ``docProps/core.xml``
    with the current time; every zip entry is rewritten with ``when`` as its
    date and a fixed compression, in the original entry order.
    """
    if when.tzinfo is not None:
        when = when.astimezone(timezone.utc).replace(tzinfo=None)
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    date_time = (max(when.year, 1980), when.month, when.day, when.hour, when.minute, when.second)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(blob)) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "docProps/core.xml":
                data = _W3CDTF.sub(lambda m: m.group(1) + stamp + m.group(3), data)
            info = zipfile.ZipInfo(item.filename, date_time=date_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            target.writestr(info, data)
    return out.getvalue()


def fix_workbook_timestamp(chart_part: ChartPart, when: datetime) -> None:
    """Replace a chart's embedded workbook by its :func:`normalise_xlsx` form (python-pptx #702)."""
    workbook = chart_part.chart_workbook
    xlsx_part = workbook.xlsx_part
    if xlsx_part is None:
        return
    workbook.update_from_xlsx_blob(normalise_xlsx(xlsx_part.blob, when))


def workbook_blob(chart_part: ChartPart) -> bytes | None:
    """The embedded workbook's bytes (for tests)."""
    xlsx_part = chart_part.chart_workbook.xlsx_part
    return None if xlsx_part is None else xlsx_part.blob
