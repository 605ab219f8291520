"""Chart XML that python-pptx has no API for: combo charts, axis crossing, manual layout, label placement.

* :func:`make_combo` — python-pptx has no combo chart or secondary axis
  (python-pptx #141, #338).
* :func:`set_axis_title_horizontal` / :func:`set_title_position` /
  :func:`set_plot_area_layout` — python-pptx has no text rotation for axis
  titles (PowerPoint turns a vertical axis' title 90°, so Chinese reads
  sideways) and no manual layout for titles or the plot area.
* :func:`set_data_labels_fill` — python-pptx cannot fill a data-label box
  (a line's labels over columns need a background to stay readable).
* :func:`apply_east_asian_everywhere` — every text body of a chart gets
  ``a:ea`` (see :mod:`.text`).
* :func:`set_chart_area_clear` — python-pptx cannot format the chart area
  (left "automatic", a word processor frames it).
* :func:`renumber_axis_ids` — python-pptx writes random signed axis ids
  (-2068027336), which ECMA-376 (``xsd:unsignedInt``) rejects.
"""

from __future__ import annotations

from collections.abc import Sequence

from lxml import etree
from pptx.chart.axis import CategoryAxis, ValueAxis
from pptx.chart.chart import Chart
from pptx.chart.datalabel import DataLabels
from pptx.chart.series import XySeries
from pptx.oxml import parse_xml as _parse_oxml
from pptx.oxml.ns import nsdecls

from zzreport.drawingml.oxml.base import copy_element, element_of, found, qn, required, srgb
from zzreport.drawingml.oxml.order import LABEL_GROUP, get_or_add, insert
from zzreport.drawingml.oxml.text import set_run_fonts

#: Series children a bar series has but a line series must not (CT_BarSer vs CT_LineSer).
_BAR_ONLY_SER_TAGS = ("c:invertIfNegative", "c:pictureOptions", "c:shape")
#: Axis ids of the secondary axes added by :func:`make_combo` (any unsigned ints unused in the chart).
SECONDARY_CAT_AX_ID = 500_100_001
SECONDARY_VAL_AX_ID = 500_100_002


# --------------------------------------------------------------------------- text


def text_property_elements(chart: Chart) -> list[etree._Element]:
    """Every character-properties element of a chart's text (``c:txPr`` and ``c:rich`` bodies)."""
    out: list[etree._Element] = []
    for body in chart.element.iter(qn("c:txPr"), qn("c:rich")):
        out.extend(body.iter(qn("a:defRPr"), qn("a:rPr"), qn("a:endParaRPr")))
    return out


def apply_east_asian_everywhere(chart: Chart, typeface: str, lang: str = "zh-CN") -> None:
    """Sweep the whole chart so no text body is left with only ``a:latin`` (a safety net after styling)."""
    for rpr in text_property_elements(chart):
        set_run_fonts(rpr, typeface, lang)


# --------------------------------------------------------------------------- plot area and chart groups


def _plot_area(chart: Chart) -> etree._Element:
    return chart.element.chart.plotArea


def _ax_ids(plot: etree._Element) -> list[str]:
    return [required(ax, "val") for ax in plot.findall(qn("c:axId"))]


def _new_plot(tag: str, ax_ids: Sequence[str | int], bar_template: etree._Element | None) -> etree._Element:
    """An empty ``c:barChart`` (copying the template's direction/grouping/gap) or ``c:lineChart``."""
    if tag == "c:barChart":
        assert bar_template is not None
        plot = _parse_oxml(f"<c:barChart {nsdecls('c')}/>")
        for child in bar_template:
            if child.tag in (qn("c:barDir"), qn("c:grouping"), qn("c:varyColors")):
                plot.append(copy_element(child))
        for name in ("c:gapWidth", "c:overlap"):
            template = bar_template.find(qn(name))
            if template is not None:
                plot.append(copy_element(template))
    else:
        plot = _parse_oxml(
            f'<c:lineChart {nsdecls("c")}><c:grouping val="standard"/><c:varyColors val="0"/>'
            '<c:marker val="1"/></c:lineChart>'
        )
    for ax_id in ax_ids:
        plot.append(_parse_oxml(f'<c:axId {nsdecls("c")} val="{ax_id}"/>'))
    return plot


def _bar_series_to_line(ser: etree._Element) -> etree._Element:
    """Turn a ``c:ser`` of a bar chart into a valid line-chart series (CT_LineSer)."""
    for tag in _BAR_ONLY_SER_TAGS:
        for child in ser.findall(qn(tag)):
            ser.remove(child)
    if ser.find(qn("c:smooth")) is None:
        insert(ser, _parse_oxml(f'<c:smooth {nsdecls("c")} val="0"/>'))
    return ser


def _secondary_axes(cat_ax_id: int, val_ax_id: int) -> tuple[etree._Element, etree._Element]:
    """A hidden category axis and a right-hand value axis for the secondary chart group.

    ``c:crosses val="max"`` on the value axis means "cross the (hidden) category
    axis at its maximum", i.e. sit on the right.
    """
    cat_ax = _parse_oxml(
        f'<c:catAx {nsdecls("c")}><c:axId val="{cat_ax_id}"/><c:scaling><c:orientation val="minMax"/></c:scaling>'
        '<c:delete val="1"/><c:axPos val="b"/><c:majorTickMark val="none"/><c:minorTickMark val="none"/>'
        f'<c:tickLblPos val="nextTo"/><c:crossAx val="{val_ax_id}"/><c:crosses val="autoZero"/>'
        '<c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>'
    )
    val_ax = _parse_oxml(
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
    for ser, (drawn, axis) in zip(series, roles, strict=True):  # drawn: the series' own type
        if drawn not in ("column", "line") or axis not in ("primary", "secondary"):
            raise ValueError(f"unknown combo series role {(drawn, axis)!r}")
        if (drawn, axis) == ("column", "primary"):
            continue
        key = (drawn, axis)
        if key not in groups:
            groups[key] = _new_plot(
                "c:barChart" if drawn == "column" else "c:lineChart",
                primary_ids if axis == "primary" else secondary_ids,
                bar,
            )
        bar.remove(ser)
        insert(groups[key], _bar_series_to_line(ser) if drawn == "line" else ser)
    # The chart groups in drawing order where the bar chart was (the schema leaves their order free).
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
    insert(plot_area, cat_ax)
    insert(plot_area, val_ax)
    return ValueAxis(val_ax)


#: The axis elements of a plot area, whose ``c:axId`` the chart groups and ``c:crossAx`` refer to.
_AXIS_TAGS = ("c:catAx", "c:valAx", "c:dateAx", "c:serAx")


def renumber_axis_ids(chart: Chart) -> None:
    """Give every axis a small unsigned id (1, 2, …, in document order) and follow it in every reference.

    python-pptx draws axis ids at random as signed 32-bit ints, half of
    them negative; the schema types ``c:axId``/``c:crossAx`` as
    ``xsd:unsignedInt``, so ``openxml-audit`` (and PowerPoint's repair
    check) reports each. Run after the chart's groups and axes are final
    (:func:`make_combo`): the chart
    groups' ``c:axId`` and the axes' ``c:crossAx`` are renamed together, so
    each group still draws on the same pair of axes. Charts without axes
    (pie, donut) are left as they are.
    """
    plot_area = _plot_area(chart)
    axes = [ax for ax in plot_area if ax.tag in {qn(t) for t in _AXIS_TAGS}]
    new_ids = {required(found(ax.find(qn("c:axId")), "c:axId"), "val"): str(n) for n, ax in enumerate(axes, 1)}
    for element in plot_area.iter(qn("c:axId"), qn("c:crossAx")):
        old = required(element, "val")
        if old not in new_ids:
            raise ValueError(f"chart refers to axis {old}, which it does not have")
        element.set("val", new_ids[old])


def value_axes(chart: Chart) -> list[ValueAxis]:
    """The chart's value axes in document order (primary first).

    ``Chart.value_axis`` returns the *second* ``c:valAx`` whenever there are
    two (it is meant for XY charts), which is the secondary axis of a combo.
    """
    return [ValueAxis(ax) for ax in _plot_area(chart).findall(qn("c:valAx"))]


def set_display_blanks_as(chart: Chart, mode: str = "gap") -> None:
    """How missing values are drawn: ``gap`` (a break in the line, no column), ``zero`` or ``span``."""
    get_or_add(chart.element.chart, "c:dispBlanksAs").set("val", mode)


def set_chart_area_clear(chart: Chart) -> None:
    """No fill and no outline for the chart's own area (``c:chartSpace/c:spPr``).

    Without it the area is "automatic", which each application draws its
    own way: PowerPoint and LibreOffice Impress leave it clear, LibreOffice
    Writer frames it in grey. python-pptx has no API for the chart area.
    """
    space = chart.element
    for old in space.findall(qn("c:spPr")):
        space.remove(old)
    insert(space, _parse_oxml(f"<c:spPr {nsdecls('c', 'a')}><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>"))


# --------------------------------------------------------------------------- axes


def set_axis_crosses(axis: CategoryAxis | ValueAxis, where: str) -> None:
    """Where ``axis`` itself crosses its perpendicular axis: ``autoZero``, ``min`` or ``max``.

    python-pptx only offers ``ValueAxis.crosses``, which edits the *other*
    axis. A horizontal bar chart whose categories read top to bottom
    (category axis ``maxMin``) needs its value axis to cross at the maximum
    category, i.e. stay at the bottom.
    """
    element = element_of(axis)
    for old in element.findall(qn("c:crosses")) + element.findall(qn("c:crossesAt")):
        element.remove(old)
    insert(element, _parse_oxml(f'<c:crosses {nsdecls("c")} val="{where}"/>'))


def show_every_category(axis: CategoryAxis) -> None:
    """Label and tick every category (``c:tickLblSkip``/``c:tickMarkSkip`` 1), labels free to wrap.

    Without them PowerPoint and LibreOffice pick a skip themselves and drop
    labels they think crowded: a 20-category chart showed 10 of its labels.
    python-pptx has no API for either.
    """
    element = element_of(axis)
    get_or_add(element, "c:tickLblSkip").set("val", "1")
    get_or_add(element, "c:tickMarkSkip").set("val", "1")


def set_cross_between(axis: ValueAxis, mode: str = "between") -> None:
    """``between``: categories sit in the middle of their band; ``midCat``: on the tick marks.

    python-pptx makes area charts ``midCat`` (the area runs edge to edge), which
    cuts the data labels of the first and last category in half.
    """
    get_or_add(element_of(axis), "c:crossBetween").set("val", mode)


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
    title = element_of(axis).find(qn("c:title"))
    if title is None:
        return
    for body in title.iter(qn("c:rich"), qn("c:txPr")):
        body_pr = get_or_add(body, "a:bodyPr")
        body_pr.set("rot", "0")
        body_pr.set("vert", "horz")


def set_title_position(axis: CategoryAxis | ValueAxis, x: float, y: float) -> None:
    """Pin an axis title's top-left corner at (``x``, ``y``), fractions of the chart space.

    Used to place a value axis' title at the top of the axis, as the PDF does,
    instead of beside its middle, where an upright title would eat plot width.
    """
    title = element_of(axis).find(qn("c:title"))
    if title is None:
        return
    for old in title.findall(qn("c:layout")):
        title.remove(old)
    insert(title, _parse_oxml(_manual_layout(x, y)))


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
    insert(plot_area, _parse_oxml(_manual_layout(x, y, w, h, target)))


# --------------------------------------------------------------------------- data labels


def set_data_labels_fill(data_labels: DataLabels, hex_color: str) -> None:
    """Fill the boxes of a series' data labels with a solid colour (``c:spPr`` before ``c:txPr``).

    A line's labels may sit over columns; on a background-coloured box they
    stay readable, like the PDF's halo.
    """
    labels = element_of(data_labels)
    for old in labels.findall(qn("c:spPr")):
        labels.remove(old)
    insert(
        labels,
        _parse_oxml(
            f'<c:spPr {nsdecls("c", "a")}><a:solidFill><a:srgbClr val="{srgb(hex_color)}"/></a:solidFill>'
            "<a:ln><a:noFill/></a:ln></c:spPr>"
        ),
    )


def _set_label_position(labels: etree._Element, position: str) -> None:
    """Set ``c:dLblPos`` (``t``, ``b``, ``inEnd``, …) of a ``c:dLbls`` or ``c:dLbl``, in schema order."""
    for old in labels.findall(qn("c:dLblPos")):
        labels.remove(old)
    insert(labels, _parse_oxml(f'<c:dLblPos {nsdecls("c")} val="{position}"/>'))


def _label_index(label: etree._Element) -> int:
    return int(required(found(label.find(qn("c:idx")), "c:idx"), "val"))


def _point_label(labels: etree._Element, index: int) -> etree._Element:
    """A fresh ``c:dLbl`` for point ``index`` in ``labels``, in index order, repeating the series' settings.

    A point's ``c:dLbl`` replaces the series' settings for that label
    entirely, so it copies the number format, box, text properties and
    shown fields of the ``c:dLbls`` around it (an old one is replaced).
    """
    for old in labels.findall(qn("c:dLbl")):
        if _label_index(old) == index:
            labels.remove(old)
    label = _parse_oxml(f'<c:dLbl {nsdecls("c")}><c:idx val="{index}"/></c:dLbl>')
    for tag in LABEL_GROUP:  # what a single point's c:dLbl repeats of the c:dLbls around it
        for child in labels.findall(qn(tag)):
            label.append(copy_element(child))
    later = [d for d in labels.findall(qn("c:dLbl")) if _label_index(d) > index]
    if later:
        later[0].addprevious(label)  # the point labels in index order
    else:
        insert(labels, label)
    return label


def set_point_label_position(data_labels: DataLabels, index: int, position: str) -> None:
    """Move the label of point ``index`` to ``position`` (``t``, ``b``, …), the series' others staying put."""
    _set_label_position(_point_label(element_of(data_labels), index), position)


def set_point_label_color(data_labels: DataLabels, index: int, hex_color: str) -> None:
    """Colour the label of point ``index`` (a donut's label on its own slice), its fields still bound to the data.

    python-pptx's ``point.data_label.font`` would start a ``c:dLbl`` that
    shows the value only; this one keeps every field the series shows.
    """
    label = _point_label(element_of(data_labels), index)
    for rpr in label.iter(qn("a:defRPr")):
        for old in rpr.findall(qn("a:solidFill")):
            rpr.remove(old)
        insert(rpr, _parse_oxml(f'<a:solidFill {nsdecls("a")}><a:srgbClr val="{srgb(hex_color)}"/></a:solidFill>'))


def set_point_label_offset(data_labels: DataLabels, index: int, dx: float, dy: float) -> None:
    """Move the label of point ``index`` by (``dx``, ``dy``), fractions of the chart's width and height, from
    where its position puts it (a ``c:manualLayout`` of the label; Office keeps it through Edit Data).

    Keeps a ``c:dLbl`` the point has already (its colour), else starts one repeating the series' settings.
    """
    labels = element_of(data_labels)
    label = next((d for d in labels.findall(qn("c:dLbl")) if _label_index(d) == index), None)
    if label is None:
        label = _point_label(labels, index)
    for old in label.findall(qn("c:layout")):
        label.remove(old)
    layout = f'<c:manualLayout><c:x val="{dx:.4f}"/><c:y val="{dy:.4f}"/></c:manualLayout>'
    insert(label, _parse_oxml(f"<c:layout {nsdecls('c')}>{layout}</c:layout>"))


def series_data_labels(series: XySeries) -> DataLabels:
    """The labels of an XY series as a whole (its ``c:ser``'s ``c:dLbls``), which python-pptx offers for
    category series only; a point's own label (``point.data_label``) goes into the same ``c:dLbls``."""
    return DataLabels(element_of(series).get_or_add_dLbls())


def set_label_separator(data_labels: DataLabels, separator: str) -> None:
    """The text between a label's fields (category, value, share): python-pptx has no API for ``c:separator``."""
    labels = element_of(data_labels)
    for old in labels.findall(qn("c:separator")):
        labels.remove(old)
    element = _parse_oxml(f"<c:separator {nsdecls('c')}/>")
    element.text = separator
    insert(labels, element)
