"""Resolve a figure spec into :class:`~zzreport.figures.model.FigureData`.

Data may come inline or from a CSV beside the spec (the way scheduled
regeneration feeds new numbers); every inconsistency is reported at the
author's line, or at the CSV's own line and column.
"""

from __future__ import annotations

from collections.abc import Callable

from zzreport.errors import Location, Problem, SpecError
from zzreport.figures.model import FigureData, SeriesData
from zzreport.language.models import Colors, Figure, NumberFormat, Series
from zzreport.loading.validate import suggest
from zzreport.loading.yaml_source import KeyPath
from zzreport.resolve.data import MAX_NUMBER, CsvTable, NumberError, parse_number
from zzreport.resolve.numbers import format_number

#: The largest magnitude a chart's axis arithmetic handles (stacked sums, ranges, label room)
#: with room to spare below float's 1.8e308, for a build run with a raised --max-number.
CHART_LIMIT = 1e300


def _from_csv(
    fig: Figure,
    path: KeyPath,
    where: Callable[[KeyPath], Location],
    csv: Callable[[str, KeyPath], CsvTable],
    max_number: float,
) -> tuple[list[str], list[Series]]:
    assert fig.data is not None
    data = csv(fig.data.file, (*path, "data", "file"))
    category_column = fig.data.categories or data.header[0]
    cat_index = data.column(category_column, where((*path, "data", "categories")))
    names = fig.data.series or [h for h in data.header if h != category_column]
    problems: list[Problem] = []
    series: list[Series] = []
    for s_index, name in enumerate(names):
        column = data.column(name, where((*path, "data", "series", s_index)))
        values: list[float | None] = []
        for r, row in enumerate(data.rows):
            try:
                values.append(parse_number(row[column], max_number))
            except NumberError as exc:
                problems.append(Problem(data.cell_location(r, column), str(exc)))
        series.append(Series(name=name, values=values))
    if problems:
        raise SpecError(problems)
    return [row[cat_index] for row in data.rows], series


def _default_types(fig: Figure, series: list[Series]) -> list[tuple[str, str]]:
    """(type, axis) per series. Combo default: first series columns, the rest a line on the right axis."""
    out: list[tuple[str, str]] = []
    for i, s in enumerate(series):
        if fig.kind == "combo":
            kind = s.type or ("column" if i == 0 else "line")
            axis = s.axis if (s.type or s.axis != "primary") else ("primary" if i == 0 else "secondary")
            out.append((kind, axis))
        else:
            out.append((fig.kind, "primary"))
    return out


def resolve_figure(
    fig: Figure,
    number: int,
    path: KeyPath,
    where: Callable[[KeyPath], Location],
    csv: Callable[[str, KeyPath], CsvTable],
    colors: Colors,
    max_points: int,
    max_number: float = MAX_NUMBER,
) -> FigureData:
    """Check and resolve one figure."""
    if fig.data is not None:
        categories, series = _from_csv(fig, path, where, csv, max_number)
        series_path: Callable[[int], KeyPath] = lambda i: (*path, "data", "series", i)  # noqa: E731
    else:
        categories, series = list(fig.categories), list(fig.series)
        series_path = lambda i: (*path, "series", i, "values")  # noqa: E731
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
    if fig.kind in ("pie", "donut", "scorecard") and len(series) != 1:
        problems.append(Problem(where((*path, "series")), f"a {fig.kind} figure takes exactly one series"))
    largest = max((abs(v) for s in series for v in s.values if v is not None), default=0.0)
    if largest > CHART_LIMIT / max(1, len(series)):
        problems.append(
            Problem(
                where(path),
                f"the values are too large to chart: their sums and ranges would overflow a float "
                f"(keep them within ±{CHART_LIMIT / max(1, len(series)):g}, or write them in a larger unit)",
            )
        )
    elif fig.kind in ("pie", "donut") and series:
        values = [v for v in series[0].values if v is not None]
        if any(v < 0 for v in values):
            problems.append(Problem(where(series_path(0)), f"a {fig.kind} chart cannot show negative values"))
        elif sum(values) <= 0:
            problems.append(Problem(where(series_path(0)), f"the values of a {fig.kind} chart sum to zero"))
    if fig.kind == "combo" and len(series) < 2:
        problems.append(
            Problem(where((*path, "series")), "a combo chart needs at least two series (columns and a line)")
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
    for i, (s, (kind, axis)) in enumerate(zip(series, _default_types(fig, series), strict=True)):
        fmt = s.format or _default_format(fig, s, axis)
        resolved.append(
            SeriesData(
                name=s.name,
                values=tuple(s.values),
                labels=tuple("" if v is None else format_number(v, fmt) for v in s.values),
                color=s.color or palette[i % len(palette)],
                type=kind,
                axis=axis,
                unit=s.unit if s.unit is not None else ("" if axis == "secondary" else fig.unit),
                format=fmt,
            )
        )
    legend = fig.legend if fig.legend is not None else (len(series) > 1 or fig.kind in ("pie", "donut"))
    return FigureData(
        kind=fig.kind,
        number=number,
        title=fig.title,
        caption=fig.caption,
        source=fig.source,
        alt=fig.alt or _alt_text(fig, categories, resolved),
        unit=fig.unit,
        categories=tuple(categories),
        series=tuple(resolved),
        format=fig.format,
        x_title=fig.x_title,
        y_title=fig.y_title,
        y2_title=fig.y2_title,
        labels=fig.labels,
        legend=legend,
        highlight=highlight,
    )


def _default_format(fig: Figure, s: Series, axis: str) -> NumberFormat:
    if axis == "secondary" and s.unit in (None, "%"):
        return NumberFormat(percent=True, decimals=fig.format.decimals)
    return fig.format


def _alt_text(fig: Figure, categories: list[str], series: list[SeriesData]) -> str:
    parts = []
    for s in series:
        unit = "" if s.format.percent else s.unit
        pairs = "，".join(f"{c} {label}{unit}" for c, label in zip(categories, s.labels, strict=True) if label)
        parts.append(f"{s.name}：{pairs}" if len(series) > 1 else pairs)
    kind = {"pie": "饼图", "donut": "环形图", "line": "折线图", "area": "面积图", "combo": "组合图"}.get(
        fig.kind, "柱状图"
    )
    head = f"{fig.title}（{kind}）" if fig.title else kind
    return head + "：" + "；".join(parts)
