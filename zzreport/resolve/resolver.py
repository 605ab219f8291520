"""Resolve a :class:`~zzreport.language.models.Report` into a :class:`~zzreport.ir.Document`.

This is where defaults meet the spec: numbering, labels, number formatting,
data files read into tables and series, asset paths confined to the spec's
folder. Problems are collected per block, so one run reports all of them.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import Any, Literal, TypeVar

from zzreport import ir
from zzreport.errors import Location, Problem, SpecError
from zzreport.fonts.fontset import ROLES, FontError, FontSet, RoleFonts, role_fonts_from_spec
from zzreport.language import models as m
from zzreport.language.models import Encoding
from zzreport.loading.yaml_source import KeyPath, SourceDoc, format_path
from zzreport.resolve.cards import kpi_cards, without_stated_periods
from zzreport.resolve.data import (
    MAX_NUMBER,
    CellNumber,
    CsvTable,
    NumberError,
    UndecodableFile,
    parse_cell,
    read_csv,
)
from zzreport.resolve.figures import plan_axes, resolve_figure
from zzreport.resolve.images import ImageLimits, check_image
from zzreport.resolve.inline import parse_inline
from zzreport.resolve.numbers import format_number, needed_decimals
from zzreport.resolve.page import check_page, check_table_columns
from zzreport.resolve.paths import resolve_asset
from zzreport.resolve.places import output_places, spec_places
from zzreport.resolve.rows import select_rows
from zzreport.resolve.sizes import check_counts, check_csv_text_lengths, check_text_lengths
from zzreport.resolve.slices import SLICE, choose, read_slices
from zzreport.resolve.slices import stem as slice_stem
from zzreport.resolve.templates import check_template
from zzreport.resolve.values import PARAMS, Names, fill_report, param_texts, resolve_values
from zzreport.resolve.words import (
    as_of_text,
    attribution,
    column_header,
    continued_title,
    date_text,
    eyebrow,
    headline,
    key_point,
    numbered,
    page_label,
    says_the_same,
    section_number,
    source_line,
    takeaway_point,
    title_line,
)
from zzreport.writers.registry import FORMATS

T = TypeVar("T")


def column_format(fmt: m.NumberFormat | None, values: Sequence[Any]) -> m.NumberFormat:
    """A table column's number format: one number of decimals for the whole column.

    Unless the spec fixes ``decimals``, every number of the column gets as
    many as the one that needs most (at most two), so a column reads 5.0 / 5.2
    and 9879.0 / 1300.8. Applied to a column of one quantity: one with a
    ``unit``, or in a table with a total. A column without either may hold a
    different quantity in each row (the next column naming each row's unit:
    6012 张, 4.25 万个, 225 天), whose numbers stay as written; the PDF aligns
    the decimal points of every numeric column all the same.
    """
    fmt = fmt or m.NumberFormat()
    if fmt.decimals is not None:
        return fmt
    numbers = [float(v) for v in values if isinstance(v, (int, float)) and math.isfinite(float(v))]
    return fmt.model_copy(update={"decimals": max((needed_decimals(v, fmt) for v in numbers), default=0)})


#: The bleed of ``theme.page.print: true`` when the spec gives none, in millimetres (the printers' usual 3 mm).
PRINT_BLEED = 3.0


@dataclass(frozen=True)
class ResolveOptions:
    """Choices the person running a build makes (not the spec author)."""

    allow_outside: bool = False
    max_table_rows: int = 10_000
    max_figure_points: int = 5_000
    #: Largest magnitude of a number read from a data file (the spec's own are bounded when loading).
    max_number: float = MAX_NUMBER
    max_image_bytes: int = ImageLimits.max_bytes
    max_image_pixels: int = ImageLimits.max_pixels
    missing_glyphs: Literal["error", "warn"] = "error"
    #: Most sections, blocks (those inside a review/plan pair too), characters in one text and in
    #: all texts: 30 to 100 times what a long real report has, they keep a build to well under a
    #: minute (see :mod:`zzreport.resolve.sizes`).
    max_sections: int = 200
    max_blocks: int = 2_000
    max_text_chars: int = 20_000
    max_total_chars: int = 300_000
    #: The params set for this build (``--set name=value``), by name; the spec's defaults fill the rest.
    params: Mapping[str, str | float] = field(default_factory=dict)
    #: More placeholder namespaces, name -> text by namespace (a batch passes ``{"slice": row}`` for
    #: ``{slice.城市}``); ``params`` and the report's own values are added by :func:`resolve`.
    names: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    #: The slice to build, by its key, of a spec with ``slices`` (see :mod:`zzreport.resolve.slices`).
    slice: str | None = None


@dataclass
class _Context:
    report: m.Report
    source: SourceDoc
    options: ResolveOptions
    base_dir: Path
    problems: list[Problem] = field(default_factory=list)
    inputs: list[Path] = field(default_factory=list)
    csv_cache: dict[tuple[Path, Encoding], CsvTable] = field(default_factory=dict)
    #: Data files already reported as broken: a file used twice is reported once.
    csv_broken: set[tuple[Path, Encoding]] = field(default_factory=set)
    #: Data files that do not decode, with the data references reading them so: one problem per file,
    #: naming every key to set (see :meth:`undecodable_problems`).
    undecodable: dict[tuple[Path, Encoding], tuple[UndecodableFile, list[KeyPath]]] = field(default_factory=dict)
    figure_count: int = 0
    table_count: int = 0
    #: Places of the texts read from data files (those of the spec: :func:`spec_places`).
    places: dict[ir.DocPath, Location] = field(default_factory=dict)

    def where(self, path: KeyPath) -> Location:
        return self.source.locate(path)

    def attempt(self, fn: Callable[[], T]) -> T | None:
        """Run one resolution step; collect its SpecError instead of stopping."""
        try:
            return fn()
        except SpecError as exc:
            self.problems.extend(exc.problems)
            return None

    def asset(self, relative: str, path: KeyPath, what: str = "file") -> Path:
        resolved = resolve_asset(
            self.base_dir, relative, self.where(path), allow_outside=self.options.allow_outside, what=what
        )
        if resolved not in self.inputs:
            self.inputs.append(resolved)
        return resolved

    def image(self, relative: str, path: KeyPath, what: str = "image") -> Path:
        """A checked image file; the files an SVG references become inputs too."""
        file = self.asset(relative, path, what)
        limits = ImageLimits(self.options.max_image_bytes, self.options.max_image_pixels)
        for referenced in check_image(
            file, self.where(path), root=self.base_dir, allow_outside=self.options.allow_outside, limits=limits
        ):
            if referenced not in self.inputs:
                self.inputs.append(referenced)
        return file

    def csv(self, relative: str, path: KeyPath, encoding: Encoding = "utf-8") -> CsvTable:
        """The data file at ``relative`` (named at ``path``, its reference's ``file`` key), read once.

        A file that fails is reported once, however many blocks read it;
        one that does not decode is reported after the whole spec is read
        (:meth:`undecodable_problems`), so its one problem names every
        reference that needs the ``encoding`` key.
        """
        file = self.asset(relative, path, "data file")
        key = (file, encoding)
        if key in self.undecodable:
            self.undecodable[key][1].append(path)
        if key in self.csv_broken:
            raise SpecError([])
        if key not in self.csv_cache:
            try:
                self.csv_cache[key] = read_csv(file, self.where(path), encoding)
            except UndecodableFile as exc:
                self.csv_broken.add(key)
                self.undecodable[key] = (exc, [path])
                raise SpecError([]) from None
            except SpecError:
                self.csv_broken.add(key)
                raise
        return self.csv_cache[key]

    def undecodable_problems(self) -> list[Problem]:
        """One problem per data file that does not decode, at its first bad byte, naming each key to set."""
        problems = []
        for exc, paths in self.undecodable.values():
            references = [p[:-1] if p and p[-1] == "file" else p for p in paths]
            keys = tuple(f"{format_path(r)} ({self.where(r)})" for r in references)
            problems.append(Problem(exc.location, exc.message(keys)))
        return problems


def _new_context(report: m.Report, options: ResolveOptions) -> _Context:
    source = report.origin
    if source is None:
        source = SourceDoc(file=Path("<dict>"), data=report.model_dump())
    return _Context(report, source, options, source.file.resolve().parent)


def filled(report: m.Report, options: ResolveOptions = ResolveOptions()) -> m.Report:
    """``report`` with its placeholders filled in and each card's ``value: "{name}"`` expanded, as resolved.

    For whatever reads a spec's own words rather than the document (a check that the example keeps
    its article's text and numbers, a spell check): the same substitution :func:`resolve` makes.
    """
    ctx = _new_context(report, options)
    report, _, _ = _fill(ctx)
    if ctx.problems:
        raise SpecError(ctx.problems)
    return report


def resolve(report: m.Report, options: ResolveOptions = ResolveOptions()) -> ir.Document:
    """Build the document model; raise :class:`SpecError` listing every problem."""
    ctx = _new_context(report, options)
    source = ctx.source
    if source.file.is_file():
        ctx.inputs.append(source.file.resolve())
    oversized = check_counts(report, source, options.max_sections, options.max_blocks)
    oversized += check_text_lengths(source, options.max_text_chars, options.max_total_chars)
    if oversized:  # refused before any of it is resolved
        raise SpecError(oversized)
    report, values, params = _fill(ctx)
    sections = []
    for index, section in enumerate(report.sections):
        path: KeyPath = ("sections", index)
        blocks = _blocks(ctx, section.blocks, (*path, "blocks"))
        number_text = section_number(index + 1)
        sections.append(
            ir.Section(
                id=section.id,
                number=index + 1,
                tag=section.tag,
                title=section.title,
                takeaway=section.takeaway,
                notes=section.notes,
                blocks=_mark_takeaway_repeat(tuple(blocks), section.takeaway),
                where=ctx.where((*path, "title")),
                number_text=number_text,
                continued_title=continued_title(report.labels.continued, section.title),
                # continued slides keep the section's own words ("标题（续）"), not the takeaway's
                headline=ir.Headline(
                    section.takeaway or section.title, continued_title(report.labels.continued, section.title)
                ),
                eyebrow=eyebrow(section.tag, number_text),
            )
        )
    ctx.problems += check_page(report.theme.page, ctx.where)
    ctx.problems += check_csv_text_lengths(ctx.csv_cache.values(), options.max_text_chars)
    ctx.problems += ctx.undecodable_problems()
    assets = _assets(ctx)
    fonts = _fonts(ctx, assets)
    if ctx.problems:
        raise SpecError(ctx.problems)
    theme = plain_theme(report.theme)  # its page label's template is checked above
    return ir.Document(
        meta=ir.Meta(
            title=report.title,
            subtitle=report.subtitle,
            organisation=report.organisation,
            author=report.author,
            date=_day(report.date),
            as_of=_day(report.as_of),
            language=report.language,
            keywords=tuple(report.keywords),
            source=report.source,
            footer=report.footer,
            lead=parse_inline(report.lead),
            summary=tuple(parse_inline(point) for point in report.summary),
            date_text=date_text(_day(report.date)),
            as_of_text=as_of_text(_day(report.as_of)),
            source_line=source_line(report.labels.source, report.source),
            key_points=_key_points(report),
            notes=ir.DeckNotes(cover=report.notes.cover, summary=report.notes.summary, contents=report.notes.contents),
        ),
        theme=theme,
        labels=plain_labels(report.labels),
        continued=continued_labels(report.labels),
        outputs=_outputs(report, source.file, options.slice if report.slices else None),
        sections=plan_axes(sections, fonts, theme),
        assets=assets,
        spec_path=source.file,
        inputs=tuple(ctx.inputs),
        font_plan=fonts.plan(),
        values=values,
        params=params,
        slice=options.slice if report.slices else None,
        places={**spec_places(report, ctx.where), **output_places(ctx.where), **ctx.places},
    )


def _fill(ctx: _Context) -> tuple[m.Report, dict[str, ir.Value], dict[str, str]]:
    """The report with every placeholder filled in (its params and named values resolved first).

    Problems are collected into ``ctx``; the rest of the report is still resolved, so a wrong name is
    reported beside a missing file elsewhere.
    """
    report = ctx.report
    params, problems = param_texts(report.params, ctx.options.params, ctx.where)
    spaces = {**ctx.options.names, PARAMS: params}
    row = _slice_row(ctx, params)
    if row is not None:
        spaces[SLICE] = row
    values, found = resolve_values(report, Names({}, spaces), ctx.where, ctx.csv, ctx.options.max_number)
    problems += found
    broken = frozenset(report.values) - set(values)
    filled, found = fill_report(report, Names(values, spaces, broken), ctx.where)
    filled, wrong = _dates(report, filled, ctx.where)
    ctx.problems += problems + found + wrong
    ctx.report = filled
    return filled, values, params


#: The report's dates a param may give, and what the messages call them.
_DATES = {"date": "the report's date", "as_of": "the data's date (`as_of`)"}


def _dates(spec: m.Report, filled: m.Report, where: Callable[[KeyPath], Location]) -> tuple[m.Report, list[Problem]]:
    """``filled`` with its ``date`` and ``as_of`` days, where the spec gave them as ``"{params.name}"``."""
    updates: dict[str, dt.date | None] = {}
    problems: list[Problem] = []
    for key, what in _DATES.items():
        text = getattr(filled, key)
        if not isinstance(text, str):
            continue
        day = m.iso_date(text)
        if day is not None and day[1]:
            updates[key] = day[0]
            continue
        updates[key] = None
        if text != getattr(spec, key):  # else its placeholder is wrong, and reported as such
            problems.append(
                Problem(where((key,)), f"{what} is a day (YYYY-MM-DD), but `{getattr(spec, key)}` is {text}")
            )
    if not updates:
        return filled, problems
    dated = filled.model_copy(update=updates)
    dated._origin = filled.origin
    return dated, problems


def _day(value: dt.date | str | None) -> dt.date | None:
    """A date of the filled report (:func:`_dates` made each a day, or None when it could not)."""
    return value if isinstance(value, dt.date) else None


def _slice_row(ctx: _Context, params: Mapping[str, str]) -> dict[str, str] | None:
    """The cells of the slice this build makes (the ``slice`` namespace), or None for a spec without slices.

    A wrong key, a slices file that cannot be read, or a slice asked of a spec without ``slices`` stops
    here, with the problems found so far: every ``{slice.…}`` of the spec would repeat it.
    """
    report, key = ctx.report, ctx.options.slice
    if report.slices is None:
        if key is not None:
            where = ctx.where(())
            raise SpecError([*ctx.problems, Problem(where, f"slice {key!r} asked for, but the spec has no `slices`")])
        return None
    try:
        found = choose(read_slices(report.slices, ctx.csv, ctx.where, params), key, report.slices, ctx.where)
    except SpecError as exc:
        raise SpecError([*ctx.problems, *exc.problems]) from None
    return found.row


def plain_theme(theme: m.Theme) -> ir.Theme:
    """The spec's theme as the plain data writers draw with; its files are :class:`~zzreport.ir.Assets`."""
    c, page, slides = theme.colors, theme.page, theme.slides
    margins = page.margins
    return ir.Theme(
        colors=ir.Colors(
            primary=c.primary,
            accent=c.accent,
            text=c.text,
            muted=c.muted,
            background=c.background,
            surface=c.surface,
            up=c.up,
            down=c.down,
            palette=tuple(c.palette),
        ),
        page=ir.Page(
            size=page.size,
            margins=ir.Margins(top=margins.top, bottom=margins.bottom, left=margins.left, right=margins.right),
            bleed=PRINT_BLEED if page.print and not page.bleed else page.bleed,
            crop_marks=page.crop_marks or page.print,
            page_number=page_label(page.page_number),
            contents_on_cover=page.contents_on_cover,
            hanging_punctuation=page.hanging_punctuation,
            line_start_punctuation=page.line_start_punctuation,
            tagged=page.tagged,
        ),
        slides=ir.Slides(
            size=slides.size,
            min_font_size=slides.min_font_size,
            body_font_size=slides.body_font_size,
            # the deck's own choice, else every editable output's, else what PowerPoint embeds
            embed_fonts=slides.embed_fonts or theme.embed_fonts or "used",
            dividers=slides.dividers,
        ),
        embed_fonts=theme.embed_fonts or "common",  # a document others edit keeps common characters in its faces
    )


def plain_labels(labels: m.Labels) -> ir.Labels:
    """The spec's fixed words as plain data."""
    return ir.Labels(
        review=labels.review,
        plan=labels.plan,
        target=labels.target,
        contents=labels.contents,
        summary=labels.summary,
        key_points=labels.key_points,
        lead=labels.lead,
        continued=labels.continued,
        figure=labels.figure,
        table=labels.table,
        source=labels.source,
    )


def continued_labels(labels: m.Labels) -> ir.Continued:
    """The fixed words that head a page or slide, as the pages and slides they continue onto show them."""
    return ir.Continued(
        contents=continued_title(labels.continued, labels.contents),
        summary=continued_title(labels.continued, labels.summary),
        lead=continued_title(labels.continued, labels.lead),
        key_points=continued_title(labels.continued, labels.key_points),
    )


def _key_points(report: m.Report) -> tuple[ir.Spans, ...]:
    """The executive summary: the report's summary points, else each section's title and takeaway."""
    if report.summary:
        return tuple(key_point(parse_inline(point)) for point in report.summary)
    return tuple(takeaway_point(s.title, s.takeaway) for s in report.sections if s.takeaway)


def _mark_takeaway_repeat(blocks: tuple[ir.Block, ...], takeaway: str) -> tuple[ir.Block, ...]:
    """``blocks`` with the first paragraph or bullet that says the takeaway marked as repeating it.

    Depth first, in reading order (a review/plan's sides included); only the
    first: a takeaway said again later is the author's emphasis, not an echo.
    """
    if not takeaway:
        return blocks
    found = False

    def mark(nodes: tuple[ir.Block, ...]) -> tuple[ir.Block, ...]:
        nonlocal found
        out: list[ir.Block] = []
        for node in nodes:
            if not found and isinstance(node, ir.Paragraph) and says_the_same(node.spans, takeaway):
                found = True
                node = replace(node, repeats_takeaway=True)
            elif not found and isinstance(node, ir.BulletList):
                for i, item in enumerate(node.items):
                    if says_the_same(item.spans, takeaway) and not item.children:
                        found = True
                        items = (*node.items[:i], replace(item, repeats_takeaway=True), *node.items[i + 1 :])
                        node = replace(node, items=items)
                        break
            elif not found and isinstance(node, ir.ReviewPlan):
                review = mark(node.review) if node.review is not None else None
                plan = mark(node.plan) if node.plan is not None else None
                node = replace(node, review=review, plan=plan)
            out.append(node)
        return tuple(out)

    return mark(blocks)


def _outputs(report: m.Report, spec_file: Path, key: str | None = None) -> ir.OutputPlan:
    """The file name of each format the spec builds: the one it gives, else the spec's name and the suffix.

    A slice's names end in ``-<key>`` (``briefing-郑州.pdf``, or ``given-郑州.pdf`` for ``given.pdf``).
    """
    files = []
    for fmt, entry in FORMATS.items():
        spec = report.outputs.get(fmt)
        if spec.enabled:
            given = Path(spec.file) if spec.file else None
            name = slice_stem(given.stem if given else spec_file.stem, key)
            files.append((fmt, f"{name}{given.suffix if given else entry.suffix}"))
    return ir.OutputPlan(tuple(files))


def _assets(ctx: _Context) -> ir.Assets:
    theme = ctx.report.theme
    logo = template = None
    if theme.logo:
        logo = ctx.attempt(lambda: ctx.image(theme.logo or "", ("theme", "logo"), "logo"))
    if theme.slides.template:
        template = ctx.attempt(
            lambda: ctx.asset(theme.slides.template or "", ("theme", "slides", "template"), "template")
        )
        if template is not None:
            ctx.attempt(lambda: check_template(template, ctx.where(("theme", "slides", "template"))))
    fonts: dict[str, Path] = {}
    roles: list[tuple[KeyPath, m.FontSpec]] = [
        (("theme", "fonts", role), getattr(theme.fonts, role)) for role in ("body", "heading", "figure", "slide")
    ]
    roles += [(("theme", "fonts", "fallback", i), spec) for i, spec in enumerate(theme.fonts.fallback)]
    for path, spec in roles:
        for key in ("file", "bold_file"):
            relative = getattr(spec, key)
            if relative:
                found = ctx.attempt(partial(ctx.asset, relative, (*path, key), "font file"))
                if found:
                    fonts[relative] = found
    root = None if ctx.options.allow_outside else ctx.base_dir
    return ir.Assets(logo=logo, template=template, fonts=fonts, reference_root=root)


def _fonts(ctx: _Context, assets: ir.Assets) -> FontSet:
    """The theme's fonts as a :class:`FontSet`; unusable fonts are located errors."""
    theme_fonts = ctx.report.theme.fonts

    def role_fonts(spec: m.FontSpec, path: KeyPath) -> RoleFonts | None:
        file = assets.fonts.get(spec.file) if spec.file else None
        bold_file = assets.fonts.get(spec.bold_file) if spec.bold_file else None
        if spec.file and file is None:
            return None  # already reported as a missing/refused file
        key = "file" if spec.file else "family"
        try:
            found = role_fonts_from_spec(spec.family, file, bold_file, spec.index)
        except FontError as exc:
            ctx.problems.append(Problem(ctx.where((*path, key)), str(exc)))
            return None
        plan_path: ir.DocPath = ("font_plan", *path[2:])  # theme.fonts.slide -> font_plan.slide
        ctx.places[plan_path] = ctx.where((*path, key))  # where checks of the faces after resolve point
        return found

    fontset = FontSet.default()
    for role in ROLES:
        found = role_fonts(getattr(theme_fonts, role), ("theme", "fonts", role))
        if found is not None:
            fontset.roles[role] = found
    for i, spec in enumerate(theme_fonts.fallback):
        found = role_fonts(spec, ("theme", "fonts", "fallback", i))
        if found is not None:
            fontset.fallback.append(found)
    return fontset


def _blocks(ctx: _Context, blocks: list[Any], path: KeyPath) -> list[ir.Block]:
    out: list[ir.Block] = []
    for index, block in enumerate(blocks):
        resolved = ctx.attempt(partial(_block, ctx, block, (*path, index)))
        if resolved is not None:
            out.append(resolved)
    return out


def _block(ctx: _Context, block: Any, path: KeyPath) -> ir.Block:
    """The block's node, with the action title and speaker notes any block may carry."""
    node = _block_node(ctx, block, path)
    if block.title or block.notes:
        words = headline(block.title, ctx.report.labels.continued) if block.title else None
        node = replace(node, headline=words, notes=block.notes)
    return node


def _block_node(ctx: _Context, block: Any, path: KeyPath) -> ir.Block:
    where = ctx.where(path)
    targets = m.show_targets(block.show)
    if isinstance(block, m.HeadingBlock):
        return ir.Heading(where, targets, block.heading, block.level)
    if isinstance(block, m.ParagraphBlock):
        return ir.Paragraph(ctx.where((*path, "paragraph")), targets, parse_inline(block.paragraph))
    if isinstance(block, m.BulletsBlock):
        items = tuple(
            ir.Bullet(parse_inline(item.text), tuple(parse_inline(child) for child in item.items))
            for item in block.bullets
        )
        return ir.BulletList(where, targets, items)
    if isinstance(block, m.KpisBlock):
        return ir.KpiGroup(where, targets, kpi_cards(block.kpis, ctx.report.labels))
    if isinstance(block, m.FigureBlock):
        ctx.figure_count += 1
        data = resolve_figure(
            block.figure,
            ctx.figure_count,
            (*path, "figure"),
            ctx.where,
            ctx.csv,
            ctx.report.theme.colors,
            ctx.options.max_figure_points,
            ctx.options.max_number,
            ctx.report.labels,
        )
        labels = ctx.report.labels
        return ir.Figure(
            where,
            targets,
            data,
            label=numbered(labels.figure, data.number),
            title_line=title_line(labels.figure, data.number, data.title),
            source_line=source_line(labels.source, data.source),
        )
    if isinstance(block, m.TableBlock):
        ctx.table_count += 1
        return _table(ctx, block.table, ctx.table_count, (*path, "table"), targets)
    if isinstance(block, m.ImageBlock):
        image = block.image
        file = ctx.image(image.path, (*path, "image", "path"))
        source = source_line(ctx.report.labels.source, image.source)
        return ir.Image(where, targets, file, image.alt, image.caption, image.source, image.width, source)
    if isinstance(block, m.CalloutBlock):
        c = block.callout
        return ir.Callout(where, targets, parse_inline(c.text), c.title, c.tone)
    if isinstance(block, m.QuoteBlock):
        quote = block.quote
        return ir.Quote(where, targets, parse_inline(quote.text), quote.source, attribution(quote.source))
    if isinstance(block, m.PairBlock):
        labels = ctx.report.labels
        review = tuple(_blocks(ctx, block.review, (*path, "review"))) if block.review is not None else None
        plan = tuple(_blocks(ctx, block.plan, (*path, "plan"))) if block.plan is not None else None
        review_title = block.review_title or labels.review
        plan_title = block.plan_title or labels.plan
        pair = ir.ReviewPlan(
            where,
            targets,
            review,
            plan,
            review_title,
            plan_title,
            continued_title(labels.continued, review_title),
            continued_title(labels.continued, plan_title),
        )
        return without_stated_periods(pair)
    raise TypeError(f"unhandled block {type(block).__name__}")  # pragma: no cover - models are closed


#: Units and formats of a percentage: by default never summed, whatever the column's name says.
_PERCENT_UNITS = ("%", "％", "‰", "个百分点")


@dataclass(frozen=True)
class _Blank:
    """A table cell without a value, shown as written (empty, ``-``, ``—``, ``NA``)."""

    text: str = ""


def _percentage(column: m.Column, cells: Sequence[Any]) -> bool:
    """Whether the column holds percentages: by its unit or format, the unit its header states (增速（%）),
    or a cell written with ``%``."""
    return (
        bool(column.format and column.format.percent)
        or any(mark in column.unit or mark in column.name for mark in _PERCENT_UNITS)
        or any(isinstance(v, CellNumber) and v.percent for v in cells)
    )


def _summable(column: m.Column, cells: Sequence[Any], not_summed: Sequence[str]) -> bool:
    """Whether the total row sums the column: what the numbers are decides, the name only by default.

    Percentages (by unit, format, header or cells) are never summed, since
    growth rates do not add up: ``total: true`` on one is an error (see
    :func:`_total_row`). Otherwise ``total:`` on the column wins, and without
    it a name holding one of ``not_summed`` (``labels.not_summed``: rates,
    shares, averages, by default) is not summed.
    """
    if column.total is not None:
        return column.total and not _percentage(column, cells)
    return not _percentage(column, cells) and not any(word in column.name for word in not_summed if word)


def _table_cell(text: str, max_number: float) -> tuple[Any, str | None]:
    """A CSV cell as a table holds it (a :class:`CellNumber`, a :class:`_Blank` or text) and, for text,
    why it is not a number (for a column the total row sums)."""
    try:
        number = parse_cell(text, max_number)
    except NumberError as exc:
        return text, str(exc)
    return (_Blank(text) if number is None else number), None


def _inline_cell(value: Any) -> Any:
    """A cell written in the spec: numbers are numbers, text stays text (a quoted number too)."""
    if value is None or value == "":
        return _Blank()
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return CellNumber(float(value))
    return value


def _table(ctx: _Context, table: m.Table, number: int, path: KeyPath, targets: frozenset[str]) -> ir.Table:
    where = ctx.where(path)
    columns = list(table.columns)
    raw_rows: list[list[Any]] = [[_inline_cell(v) for v in r] for r in table.rows]
    row_where: list[Location] = [ctx.where((*path, "rows", i)) for i in range(len(raw_rows))]
    cell_where: Callable[[int, int], Location] = lambda r, c: ctx.where((*path, "rows", r, c))  # noqa: E731
    not_numbers: dict[tuple[int, int], str] = {}
    problems: list[Problem] = []
    if table.data is not None:
        data = ctx.csv(table.data.file, (*path, "data", "file"), table.data.encoding)
        data = select_rows(data, table.data.where, lambda name: ctx.where((*path, "data", "where", name)))
        wanted = table.data.columns or [h for h in data.header if h not in table.data.where]
        indexes = [data.column(name, ctx.where((*path, "data", "columns"))) for name in wanted]
        doc_path = path[:-1]  # the table's path in the document: its block's
        if not columns:
            columns = [m.Column(name=name) for name in wanted]
            for c, i in enumerate(indexes):  # a name from the header: placed at its cell (ASCII is covered)
                if not data.header[i].isascii():
                    key: ir.DocPath = (*doc_path, "columns", c, "name")
                    ctx.places[key] = Location(data.name, 1, i + 1, data.header[i])
        elif len(columns) != len(indexes):
            # `table.columns` is easily taken for the file's columns to show, which `data.columns` chooses.
            names = ", ".join(c.name for c in columns)
            raise SpecError.single(
                ctx.where((*path, "columns")),
                f"{len(columns)} columns are described but the data has {len(indexes)} ({', '.join(wanted)}); "
                "`table.columns` describes every column shown (its name, unit, alignment). To show only some of "
                f"the file's columns, name them under `data`: data: {{file: {table.data.file}, columns: [{names}]}}",
            )
        first = len(raw_rows)
        for r, row in enumerate(data.rows):
            cells: list[Any] = []
            for c, i in enumerate(indexes):
                text = row[i]
                if not text.isascii():
                    cell_path: ir.DocPath = (*doc_path, "rows", first + r, c)
                    ctx.places[cell_path] = data.cell_location(r, i)
                value, why = _table_cell(text, ctx.options.max_number)
                if why is not None:
                    not_numbers[first + r, c] = why
                cells.append(value)
            raw_rows.append(cells)
            row_where.append(data.cell_location(r, 0))
        inline_where = cell_where
        cell_where = lambda r, c: (  # noqa: E731
            inline_where(r, c) if r < first else data.cell_location(r - first, indexes[c])
        )
    if any(FORMATS[t].paged and ctx.report.outputs.get(t).enabled for t in targets):
        problems += check_table_columns(ctx.report.theme.page, len(columns), ctx.where((*path, "columns")))
    if len(raw_rows) > ctx.options.max_table_rows:
        raise SpecError.single(
            where,
            f"the table has {len(raw_rows)} rows, over the limit of {ctx.options.max_table_rows} "
            "(raise it with --max-table-rows)",
        )
    for r, given in enumerate(raw_rows):
        if len(given) != len(columns):
            problems.append(
                Problem(
                    row_where[r].at(row_where[r].path or f"rows[{r}]"),
                    f"row has {len(given)} cells, the table has {len(columns)} columns",
                )
            )
    if problems:
        raise SpecError(problems)
    numeric = [
        bool(raw_rows)
        and all(isinstance(row[c], (CellNumber, _Blank)) for row in raw_rows)
        and any(isinstance(row[c], CellNumber) for row in raw_rows)
        for c in range(len(columns))
    ]
    resolved_columns = tuple(
        ir.TableColumn(
            col.name, col.align or ("right" if numeric[c] else "left"), col.unit, column_header(col.name, col.unit)
        )
        for c, col in enumerate(columns)
    )

    formats = [
        column_format(col.format, [row[c].value for row in raw_rows if isinstance(row[c], CellNumber)])
        if col.unit or table.total is not None
        else col.format
        for c, col in enumerate(columns)
    ]

    def cell(value: Any, c: int) -> ir.Cell:
        if isinstance(value, _Blank):
            return ir.Cell(value.text)
        if isinstance(value, CellNumber):
            fmt = formats[c]
            # 5.9% as written, unless the header says （%） already
            if value.percent and not (fmt and fmt.percent) and columns[c].unit not in ("%", "％"):
                fmt = (fmt or m.NumberFormat()).model_copy(update={"percent": True})
            return ir.Cell(format_number(value.value, fmt), value.value)
        return ir.Cell(str(value))

    rows = tuple(tuple(cell(v, c) for c, v in enumerate(row)) for row in raw_rows)
    total = None
    if table.total is not None:
        total = _total_row(ctx, table.total, columns, raw_rows, path, cell_where, not_numbers, cell)
    labels = ctx.report.labels
    label = numbered(labels.table, number)
    return ir.Table(
        where,
        targets,
        number,
        table.title,
        table.caption,
        table.source,
        resolved_columns,
        rows,
        total,
        label=label,
        title_line=title_line(labels.table, number, table.title),
        source_line=source_line(labels.source, table.source),
        continued_title=continued_title(labels.continued, table.title or label),
    )


def _total_row(
    ctx: _Context,
    spec: m.Total,
    columns: Sequence[m.Column],
    raw_rows: Sequence[Sequence[Any]],
    path: KeyPath,
    cell_where: Callable[[int, int], Location],
    not_numbers: dict[tuple[int, int], str],
    cell: Callable[[Any, int], ir.Cell],
) -> tuple[ir.Cell, ...]:
    """The total row: the label, then each summable column's sum (see :func:`_summable`), else blank.

    A summed column adds every cell or says why not: a cell that is not a
    number, or a blank one (unless ``incomplete: blank`` leaves that total
    blank), is a located error, never silently dropped from the sum.
    """
    problems: list[Problem] = []
    cells: list[ir.Cell] = [ir.Cell(spec.label)]
    for c in range(1, len(columns)):
        column = columns[c]
        values = [row[c] for row in raw_rows]
        if column.total and _percentage(column, values):
            problems.append(
                Problem(
                    ctx.where((*path, "columns", c, "total")),
                    f"column `{column.name}` holds percentages, which do not add up: it cannot be summed "
                    "in the total row (leave `total: true` out)",
                )
            )
        numbers = [v for v in values if isinstance(v, CellNumber)]
        if not numbers or not _summable(column, values, ctx.report.labels.not_summed):
            cells.append(ir.Cell(""))
            continue
        texts = [r for r, v in enumerate(values) if not isinstance(v, (CellNumber, _Blank))]
        blanks = [r for r, v in enumerate(values) if isinstance(v, _Blank)]
        leave_out = "mark the column `total: false` to leave it out of the total row"
        for r in texts:
            why = not_numbers.get((r, c), f"expected a number, got {values[r]!r}")
            problems.append(
                Problem(cell_where(r, c), f"{why}: column `{column.name}` is summed in the total row ({leave_out})")
            )
        if texts:
            cells.append(ir.Cell(""))
            continue
        if blanks:
            if spec.incomplete == "error":
                problems += [
                    Problem(
                        cell_where(r, c),
                        f"blank cell in column `{column.name}`, which the total row sums: fill it in, "
                        f"{leave_out}, or set `total: {{incomplete: blank}}` to leave its total blank",
                    )
                    for r in blanks
                ]
            cells.append(ir.Cell(""))
            continue
        column_sum = sum(v.value for v in numbers)
        if not math.isfinite(column_sum):  # only with a raised --max-number
            problems.append(
                Problem(
                    ctx.where((*path, "total")),
                    f"the total of column `{column.name}` is too large for a number; "
                    "leave the total out or write the column in a larger unit",
                )
            )
            cells.append(ir.Cell(""))
            continue
        cells.append(cell(CellNumber(column_sum), c))
    if problems:
        raise SpecError(problems)
    return tuple(cells)
