"""Resolve a figure spec into :class:`~zzreport.figures.model.FigureData`.

Data may come inline or from a CSV beside the spec (the way scheduled
regeneration feeds new numbers); every inconsistency is reported at the
author's line, or at the CSV's own line and column. The checks particular
to a kind (one series for a pie …), its alt text's noun and its axis plan
come from its :class:`~zzreport.figures.kind.ChartKind`.

The axis plan needs the fonts, which are known once the whole spec is
resolved: :func:`plan_axes` adds it to every figure of the resolved sections.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from reportlab.lib.pagesizes import A4, A5, B5, LETTER
from reportlab.lib.units import mm

from zzreport import ir
from zzreport.errors import Location, Problem, SpecError
from zzreport.figures.kind import ChartKind, CheckInput, RegroupInput
from zzreport.figures.kinds import KINDS
from zzreport.figures.kit import Kit
from zzreport.figures.model import AxisPin, AxisPlan, FigureData, NumberStyle, SeriesData
from zzreport.fonts.fontset import FontSet
from zzreport.language.models import Colors, DataSeries, Encoding, Figure, Labels, NumberFormat, Page, Series
from zzreport.loading.validate import suggest
from zzreport.loading.yaml_source import KeyPath
from zzreport.resolve.data import MAX_NUMBER, CsvTable, NumberError, parse_cell
from zzreport.resolve.numbers import chart_number, pick_scale
from zzreport.resolve.rows import select_rows

#: The largest magnitude a chart's axis arithmetic handles (stacked sums, ranges, label room)
#: with room to spare below float's 1.8e308, for a build run with a raised --max-number.
CHART_LIMIT = 1e300


def _from_csv(
    fig: Figure,
    path: KeyPath,
    where: Callable[[KeyPath], Location],
    csv: Callable[[str, KeyPath, Encoding], CsvTable],
    max_number: float,
) -> tuple[list[str], list[Series]]:
    """The categories and series of a CSV-driven figure, each series with its options from ``data.series``.

    A column listed by name alone keeps today's defaults (a combo: the first
    one columns, the others a line on the secondary axis). A column whose
    every value is written with ``%`` is a percentage series unless its
    options say otherwise (:func:`parse_cell`'s reading, as tables show it).
    """
    assert fig.data is not None
    data = csv(fig.data.file, (*path, "data", "file"), fig.data.encoding)
    data = select_rows(data, fig.data.where, lambda name: where((*path, "data", "where", name)))
    shown = [h for h in data.header if h not in fig.data.where]
    category_column = fig.data.categories or shown[0]
    cat_index = data.column(category_column, where((*path, "data", "categories")))
    listed = fig.data.series or [DataSeries(column=h) for h in shown if h != category_column]
    problems: list[Problem] = []
    series: list[Series] = []
    for s_index, entry in enumerate(listed):
        try:
            column = data.column(entry.column, where(_column_key(fig, path, s_index)))
        except SpecError as exc:
            problems += exc.problems
            continue
        values: list[float | None] = []
        percent = True
        for r, row in enumerate(data.rows):
            try:
                number = parse_cell(row[column], max_number)
            except NumberError as exc:
                problems.append(Problem(data.cell_location(r, column), str(exc)))
                continue
            values.append(None if number is None else number.value)
            percent = percent and (number is None or number.percent)
        percent = percent and any(v is not None for v in values)
        unit, fmt = entry.unit, entry.format
        if percent and unit is None and fmt is None:
            unit, fmt = "%", fig.format.model_copy(update={"percent": True})
        series.append(
            Series(
                name=entry.name if entry.name is not None else entry.column,
                values=values,
                type=entry.type,
                axis=entry.axis,
                unit=unit,
                format=fmt,
                color=entry.color,
            )
        )
    if problems:
        raise SpecError(problems)
    return [row[cat_index] for row in data.rows], series


def _column_key(fig: Figure, path: KeyPath, index: int) -> KeyPath:
    """Where ``data.series[index]`` names its column: the entry (a name alone), or its ``column`` key."""
    assert fig.data is not None
    if not fig.data.series:  # every column of the header: none can be missing
        return (*path, "data")
    if fig.data.series[index].model_fields_set == {"column"}:
        return (*path, "data", "series", index)
    return (*path, "data", "series", index, "column")


def _regrouped(
    kind: ChartKind,
    fig: Figure,
    categories: list[str],
    series: list[Series],
    inline: bool,
    path: KeyPath,
    where: Callable[[KeyPath], Location],
    series_path: Callable[[int], KeyPath],
) -> tuple[Figure, list[str], list[Series]]:
    """The figure as its kind draws it (a histogram: its bins and their counts), with its words to match.

    The counts have no unit and no decimals; the observations' unit and name
    go to the category axis' title (企业营收（亿元）) unless the spec titles it.
    A CSV's first column names rows, never bin edges: its bins come from the data.
    """
    assert kind.regroup is not None
    first = series[0] if series else None
    fmt = NumberStyle.of((first.format if first else None) or fig.format)
    given = RegroupInput(
        kind.name,
        categories if inline else [],
        [s.values for s in series],
        where((*path, "series")),
        lambda i: where(series_path(i)),
        where((*path, "categories")),
        fmt,
    )
    new_categories, values = kind.regroup(given)
    assert first is not None  # the regroup refused a figure without its one series
    unit = first.unit if first.unit is not None else fig.unit
    x_title = fig.x_title or (f"{first.name}（{unit}）" if unit else first.name)
    counts = [first.model_copy(update={"values": v, "unit": "", "format": NumberFormat(decimals=0)}) for v in values]
    return fig.model_copy(update={"unit": "", "x_title": x_title}), new_categories, counts


def _labels(kind: ChartKind, values: Sequence[float | None], fmt: NumberStyle) -> tuple[str, ...]:
    """Each value's data label (and the alt text's number): the kind's own wording, else the number formatted."""
    if kind.point_labels is not None:
        return kind.point_labels(values, fmt)
    return tuple("" if v is None else chart_number(v, fmt) for v in values)


def _default_types(kind: ChartKind, series: list[Series]) -> list[tuple[str, str]]:
    """(type, axis) per series. Mixed kinds (combo) default the first series to columns, the rest to a line
    on the right axis; the series of any other kind are drawn as the kind, on the primary axis."""
    out: list[tuple[str, str]] = []
    for i, s in enumerate(series):
        if kind.mixed:
            drawn = s.type or ("column" if i == 0 else "line")
            axis = s.axis if (s.type or s.axis != "primary") else ("primary" if i == 0 else "secondary")
            out.append((drawn, axis))
        else:
            out.append((kind.name, "primary"))
    return out


def resolve_figure(
    fig: Figure,
    number: int,
    path: KeyPath,
    where: Callable[[KeyPath], Location],
    csv: Callable[[str, KeyPath, Encoding], CsvTable],
    colors: Colors,
    max_points: int,
    max_number: float = MAX_NUMBER,
    labels: Labels | None = None,
) -> FigureData:
    """Check and resolve one figure (its axis plan comes later, from :func:`plan_axes`); ``labels`` words the
    series a kind adds (the spec's defaults without)."""
    kind = KINDS[fig.kind]
    if fig.data is not None:
        categories, series = _from_csv(fig, path, where, csv, max_number)
        series_path: Callable[[int], KeyPath] = lambda i: (*path, "data", "series", i)  # noqa: E731
    else:
        categories, series = list(fig.categories), list(fig.series)
        series_path = lambda i: (*path, "series", i, "values")  # noqa: E731
    if kind.regroup is not None:
        fig, categories, series = _regrouped(kind, fig, categories, series, fig.data is None, path, where, series_path)
    problems: list[Problem] = []
    if not categories:
        problems.append(Problem(where((*path, "categories")), "a figure needs at least one category"))
    for i, s in enumerate(series):
        if len(s.values) != len(categories):
            problems.append(
                Problem(
                    where(series_path(i)),
                    f"series `{s.name}` has {len(s.values)} value{'' if len(s.values) == 1 else 's'} "
                    f"for {len(categories)} categories",
                )
            )
    points = len(categories) * max(1, len(series))
    if points > max_points:
        problems.append(
            Problem(
                where(path),
                f"the figure has {points} data points, over the limit of {max_points} "
                "(raise it with --max-figure-points)",
            )
        )
    values = [s.values for s in series]
    problems += kind.check(CheckInput(kind.name, values, where((*path, "series")), lambda i: where(series_path(i))))
    largest = max((abs(v) for s in series for v in s.values if v is not None), default=0.0)
    if largest > CHART_LIMIT / max(1, len(series)):
        problems.append(
            Problem(
                where(path),
                f"the values are too large to chart: their sums and ranges would overflow a float "
                f"(keep them within ±{CHART_LIMIT / max(1, len(series)):g}, or write them in a larger unit)",
            )
        )
    highlight = None
    if fig.highlight is not None:
        if fig.highlight in categories:
            highlight = categories.index(fig.highlight)
        else:
            problems.append(
                Problem(
                    where((*path, "highlight")),
                    f"`{fig.highlight}` is not a category{suggest(fig.highlight, categories)}",
                )
            )
    if problems:
        raise SpecError(problems)

    palette = colors.palette
    resolved: list[SeriesData] = []
    for i, (s, (drawn, axis)) in enumerate(zip(series, _default_types(kind, series), strict=True)):
        fmt = _one_scale_unless_plain(NumberStyle.of(s.format or _default_format(fig, s, axis)), s.values)
        resolved.append(
            SeriesData(
                name=s.name,
                values=tuple(s.values),
                labels=_labels(kind, s.values, fmt),
                color=s.color or palette[i % len(palette)],
                type=drawn,
                axis=axis,
                unit=s.unit if s.unit is not None else ("" if axis == "secondary" else fig.unit),
                format=fmt,
            )
        )
    pins = _pins(fig, kind, resolved, len(categories), path, where)
    legend = fig.legend if fig.legend is not None else (len(series) > 1 or kind.legend_always)
    return FigureData(
        kind=kind.name,
        extent=kind.extent,
        number=number,
        title=fig.title,
        caption=fig.caption,
        source=fig.source,
        alt=fig.alt or _alt_text(kind, fig.title, categories, resolved),
        unit=fig.unit,
        categories=tuple(categories),
        series=tuple(resolved),
        format=NumberStyle.of(fig.format),
        x_title=fig.x_title,
        y_title=fig.y_title,
        y2_title=fig.y2_title,
        labels=fig.labels,
        legend=legend,
        highlight=highlight,
        pins=pins,
        helper_names=tuple(str(getattr(labels or Labels(), key)) for key in kind.helper_labels),
    )


#: The spec's keys pinning each value axis: (lowest, highest).
PIN_KEYS = {"primary": ("y_min", "y_max"), "secondary": ("y2_min", "y2_max")}


def _drawn_range(kind: ChartKind, series: Sequence[SeriesData], n: int) -> tuple[float, float] | None:
    """The lowest and highest value the series draw on one axis (a stack's sums for stacked kinds, the running
    total for floating ones, whose columns start at zero or at the total before them)."""
    values: list[float] = []
    if kind.floating:
        running = 0.0
        values = [running]
        for s in series:
            for v in s.values:
                running += v or 0.0
                values.append(running)
    elif kind.stacked:
        for j in range(n):
            column = [v for s in series if (v := s.values[j]) is not None]
            values += [sum(v for v in column if v > 0), sum(v for v in column if v < 0)]
    else:
        values = [v for s in series for v in s.values if v is not None]
    return (min(values), max(values)) if values else None


def _pins(
    fig: Figure,
    kind: ChartKind,
    series: Sequence[SeriesData],
    n: int,
    path: KeyPath,
    where: Callable[[KeyPath], Location],
) -> tuple[AxisPin, ...]:
    """The pinned axis ends of ``fig``, refused where there is no such axis or the data would leave the chart."""
    problems: list[Problem] = []
    pins: list[AxisPin] = []
    for axis, keys in PIN_KEYS.items():
        lo, hi = (getattr(fig, key) for key in keys)
        if lo is None and hi is None:
            continue
        key = keys[0] if lo is not None else keys[1]
        on_axis = [s for s in series if s.axis == axis]
        if kind.extent != "cartesian":
            problems.append(Problem(where((*path, key)), f"a {kind.name} figure has no value axis to pin"))
            continue
        if not on_axis:
            problems.append(Problem(where((*path, key)), f"no series is on the {axis} axis: `{key}` pins nothing"))
            continue
        drawn = _drawn_range(kind, on_axis, n)
        if drawn is not None and lo is not None and drawn[0] < lo:
            problems.append(
                Problem(
                    where((*path, keys[0])),
                    f"{keys[0]} ({lo:g}) is above the lowest value drawn ({drawn[0]:g}): it would leave the chart",
                )
            )
        if drawn is not None and hi is not None and drawn[1] > hi:
            problems.append(
                Problem(
                    where((*path, keys[1])),
                    f"{keys[1]} ({hi:g}) is below the highest value drawn ({drawn[1]:g}): it would leave the chart",
                )
            )
        pins.append(AxisPin(axis, lo, hi))
    if problems:
        raise SpecError(problems)
    return tuple(pins)


def _one_scale_unless_plain(fmt: NumberStyle, values: Sequence[float | None]) -> NumberStyle:
    """``fmt`` with an ``auto`` scale fixed for the whole series unless it can stay per value in the deck too.

    The deck's labels are Office codes on the raw data: an ``auto`` scale
    becomes a conditional code (``[>=100000000]…亿;[>=10000]…万;General``),
    which has no room for a sign's sections or negative numbers, and fixed
    decimals cannot be shown in both 万 and 亿 on raw numbers. Then the
    series takes one scale, from its largest magnitude, in the PDF as in the deck.
    """
    present = [abs(v) for v in values if v is not None]
    if fmt.scale != "auto" or not present:
        return fmt
    if fmt.sign or fmt.decimals is not None or any(v is not None and v < 0 for v in values):
        return replace(fmt, scale=pick_scale(max(present)))
    return fmt


def _default_format(fig: Figure, s: Series, axis: str) -> NumberFormat:
    if axis == "secondary" and s.unit in (None, "%"):
        return NumberFormat(percent=True, decimals=fig.format.decimals)
    return fig.format


def _alt_text(kind: ChartKind, title: str, categories: list[str], series: list[SeriesData]) -> str:
    parts = []
    for s in series:
        unit = "" if s.format.percent else s.unit
        pairs = "，".join(f"{c} {label}{unit}" for c, label in zip(categories, s.labels, strict=True) if label)
        parts.append(f"{s.name}：{pairs}" if len(series) > 1 else pairs)
    head = f"{title}（{kind.alt_noun}）" if title else kind.alt_noun
    return head + "：" + "；".join(parts)


# --------------------------------------------------------------------------- the axis plan

#: The named page sizes in points, as the PDF prints them (reportlab's sizes).
PAGE_SIZES = {"A4": A4, "A5": A5, "B5": B5, "Letter": LETTER}


def text_width(page: Page | ir.Page) -> float:
    """The printed page's text width in points: the width every figure of the PDF is laid out at.

    Computed as the PDF's page geometry computes it, to the last bit: the
    layout's thresholds (ticks that fit, labels that wrap) must see the same width.
    """
    width = PAGE_SIZES[page.size][0] if isinstance(page.size, str) else page.size[0] * mm
    return width - page.margins.left * mm - page.margins.right * mm


def plan_figure(fig: FigureData, kit: Kit, width: float) -> FigureData:
    """``fig`` with its axis plan: the value axes its print layout draws ``width`` points wide.

    The plan is the layout's own computation (ticks thinned for a low plot,
    the range widened for data labels). The deck's native chart reads from it
    its tick labels' decimals and where line labels would collide
    (:func:`zzreport.drawingml.charts.pdf_axes`) but leaves its range to Office unless the spec pins one
    (``y_min``/``y_max``), so an edited chart rescales: its ticks may differ
    from the printed figure's. When every series is on the secondary axis,
    the print layout draws that one alone, under ``secondary``.

    A column chart whose category labels would not fit under their columns
    (too many or too long: thinned out, shrunk, or more than two lines, as
    the print layout measures them) turns into its horizontal kind here,
    once, so the PDF and the deck both draw bars with every label in
    reading order; an alt text zzreport wrote names the new kind.
    """
    kind = KINDS[fig.kind]
    if kind.crowds(fig, kit, width):
        turned = KINDS[kind.sideways]
        alt = fig.alt
        if alt == _alt_text(kind, fig.title, list(fig.categories), list(fig.series)):
            alt = _alt_text(turned, fig.title, list(fig.categories), list(fig.series))
        fig, kind = replace(fig, kind=turned.name, alt=alt), turned
    axes = kind.value_axes(fig, kit, width)
    return replace(fig, axes=tuple(AxisPlan(name, axis) for name, axis in axes.items()))


def plan_axes(sections: Sequence[ir.Section], fonts: FontSet, theme: ir.Theme) -> tuple[ir.Section, ...]:
    """``sections`` with the axis plan of every figure in them (see :func:`plan_figure`)."""
    kit = Kit(fonts, theme)
    width = text_width(theme.page)

    def block(node: ir.Block) -> ir.Block:
        if isinstance(node, ir.Figure):
            return replace(node, data=plan_figure(node.data, kit, width))
        if isinstance(node, ir.ReviewPlan):
            review = None if node.review is None else tuple(block(b) for b in node.review)
            plan = None if node.plan is None else tuple(block(b) for b in node.plan)
            return replace(node, review=review, plan=plan)
        return node

    return tuple(replace(section, blocks=tuple(block(b) for b in section.blocks)) for section in sections)
