"""Document-model blocks -> reportlab flowables.

One function per block kind, registered in :data:`BLOCK_BUILDERS`; a test
checks that every kind of :data:`zzreport.ir.BLOCK_TYPES` has one.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reportlab.graphics.shapes import Drawing
from reportlab.lib.colors import Color
from reportlab.platypus import Flowable, ListFlowable, ListItem, Spacer, Table, TableStyle
from reportlab.platypus.flowables import HRFlowable
from reportlab.platypus.flowables import Image as RLImage

from zzreport import ir
from zzreport.ir import Labels, Spans, Theme
from zzreport.writers.pdf.cards import KpiCardFlowable, grid_columns, share_row
from zzreport.writers.pdf.flowables import Anchor, FigureGroup, FittedToFrame, Kept, PeriodBand, Tagged
from zzreport.writers.pdf.paragraph import Align, CJKParagraph
from zzreport.writers.pdf.styles import PdfStyles, TextStyle
from zzreport.writers.pdf.tagging import Tag
from zzreport.writers.pdf.text import TextMaker


@dataclass
class BlockContext:
    """What block builders share while one document is laid out."""

    maker: TextMaker
    styles: PdfStyles
    theme: Theme
    labels: Labels
    width: float  # frame width
    section: ir.Section | None = None
    figure_cache: Any = None
    heading_count: int = 0
    extra: dict[str, Any] = field(default_factory=dict)


Builder = Callable[[Any, BlockContext], list[Flowable]]

#: Height kept below a chart shrunk to one page, for its caption line.
_CAPTION_ROOM = 40.0
#: Height a table row that fills a page leaves free (for rounding and the table's own lines).
_SLACK = 4.0


def styled_table(table: Table, commands: list[tuple[Any, ...]], ctx: BlockContext) -> Table:
    """Apply ``commands`` plus a cell font of our own.

    reportlab's tables set each cell's font (Helvetica by default) even when
    the cell holds flowables, which would put an unembedded font in the PDF.
    """
    font = ("FONTNAME", (0, 0), (-1, -1), ctx.maker.font_name("body"))
    table.setStyle(TableStyle([font, *commands]))
    return table


def heading(block: ir.Heading, ctx: BlockContext) -> list[Flowable]:
    style = ctx.styles.h2 if block.level == 2 else ctx.styles.h3
    ctx.heading_count += 1
    section_id = ctx.section.id if ctx.section else "doc"
    para = ctx.maker.paragraph(block.text, style, align="left", space_before=10, space_after=4)
    para.keepWithNext = True
    para.tag = Tag(f"H{block.level}")
    flowables: list[Flowable] = []
    if block.level == 2:
        anchor = Anchor(f"{section_id}-h{ctx.heading_count}", block.text, level=1)
        anchor.keepWithNext = True
        flowables.append(anchor)
    flowables.append(para)
    return flowables


def paragraph(block: ir.Paragraph, ctx: BlockContext) -> list[Flowable]:
    return list(ctx.maker.paragraphs(block.spans, ctx.styles.body, indent=True, space_after=4))


def bullet_list(
    items: list[tuple[Spans, list[Spans]]], ctx: BlockContext, nested: bool = False, parent: Tag | None = None
) -> ListFlowable:
    """The items as a bulleted list (tagged L, LI, LBody; the bullets, drawn by reportlab, are artifacts)."""
    style = ctx.styles.body
    entries = []
    tag = Tag("L", parent)
    for spans, children in items:
        item = ctx.maker.paragraph(spans, style, align="justify", space_after=2)
        item.tag = Tag("LBody", Tag("LI", tag))
        content: list[Flowable] = [item]
        if children:
            content.append(bullet_list([(c, []) for c in children], ctx, nested=True, parent=item.tag))
        entries.append(ListItem(content, leftIndent=14 if not nested else 12, value="–" if nested else "●"))
    return ListFlowable(
        entries,  # type: ignore[arg-type]  # ListFlowable takes ListItems; types-reportlab's stub says flowables only
        bulletType="bullet",
        start="–" if nested else "●",
        bulletFontName=ctx.maker.font_name("heading"),
        bulletFontSize=5.5 if not nested else 8,
        bulletColor=ctx.styles.color("primary"),
        bulletOffsetY=-5.5 if not nested else -4,
        leftIndent=14 if not nested else 12,
        spaceAfter=4,
    )


def bullets(block: ir.BulletList, ctx: BlockContext) -> list[Flowable]:
    return [bullet_list([(b.spans, list(b.children)) for b in block.items], ctx)]


def kpis(block: ir.KpiGroup, ctx: BlockContext) -> list[Flowable]:
    """The group's cards in rows, each row a table of its own.

    A row is the unit that may not break, not the grid: a grid of four rows
    after a section's title runs on over the page's foot rather than take
    the title to the next page and leave half a page empty (the title and
    the review/plan marker stay with the first rows, by keepWithNext). As
    with a paragraph's lines, no row is left alone at a page's foot or head:
    a grid of up to three rows is kept whole, a longer one breaks after its
    second row at the earliest and before its second-last at the latest.
    """
    count = len(block.items)
    # The frame's grid for one row, so single rows line up page after page; several rows balanced.
    columns = grid_columns(count, ctx.width)
    gap = 6
    col_width = (ctx.width - gap * (columns - 1)) / columns
    cards = [KpiCardFlowable(card, ctx.maker, ctx.styles) for card in block.items]
    rows = [cards[i : i + columns] for i in range(0, count, columns)]
    for row in rows:  # one head line, label height and value size across a row: shared baselines
        share_row(row, col_width)
    frame_height: float = ctx.extra.get("frame_height") or 0.0
    # A card taller than a page (a very long label): the grid is one table, shrunk to the frame, whole.
    fitted = frame_height > 0 and any(card.wrap(col_width, frame_height)[1] > frame_height for card in cards)
    groups = [rows] if fitted else [[row] for row in rows]
    tables = [_card_table(group, columns, col_width, gap, ctx) for group in groups]
    for index, table in enumerate(tables):
        table.spaceBefore = gap if index else 4
    tables[-1].spaceAfter = 8
    if fitted:
        return [FittedToFrame(tables[0], ctx.width, frame_height)]
    if len(tables) <= 3:
        return [Kept([*tables])]  # a row alone on either page would read as a group of its own
    # As widows and orphans among lines: never one row alone at a page's foot or head.
    return [Kept([*tables[:2]]), *tables[2:-2], Kept([*tables[-2:]])]


def _card_table(
    rows: list[list[KpiCardFlowable]], columns: int, col_width: float, gap: float, ctx: BlockContext
) -> Table:
    """Rows of cards as one table: cards in every other column and row, gaps between."""
    style_cmds: list[tuple[Any, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
    ]
    widths: list[float] = []
    for c in range(columns):
        widths.append(col_width)
        if c < columns - 1:
            widths.append(gap)
    data: list[list[Any]] = []
    for r, row in enumerate(rows):
        line: list[Any] = []
        for c in range(columns):
            line.append(row[c] if c < len(row) else "")
            if c < columns - 1:
                line.append("")
            if c < len(row):
                cell = (2 * c, 2 * r)
                if row[c].card.target:
                    style_cmds += [
                        ("BACKGROUND", cell, cell, ctx.styles.color("background")),
                        ("BOX", cell, cell, 0.9, ctx.styles.color("accent"), None, (2, 1.5)),
                    ]
                else:
                    style_cmds += [("BACKGROUND", cell, cell, ctx.styles.color("surface"))]
        data.append(line)
        if r < len(rows) - 1:
            data.append([""] * len(widths))
    heights = [gap if r % 2 == 1 else None for r in range(len(data))]
    return styled_table(Table(data, colWidths=widths, rowHeights=heights, hAlign="LEFT"), style_cmds, ctx)


def _notes(ctx: BlockContext, caption: str, source_line: str) -> list[Flowable]:
    """The caption and the source line below a figure, table or image, each when there is one."""
    return [ctx.maker.paragraph(p, ctx.styles.note, align="left") for p in (caption, source_line) if p]


def figure(block: ir.Figure, ctx: BlockContext) -> list[Flowable]:
    from zzreport.figures.pdf_drawing import figure_drawing

    fig = block.data
    drawing = figure_drawing(fig, ctx.maker.fonts, ctx.theme, ctx.width, cache_dir=ctx.figure_cache)
    room = _chart_room(ctx.extra.get("frame_height"))
    if room is not None and drawing.height > room:
        # Taller than a page (bars for hundreds of categories): laid out again at the page's height,
        # with fewer category labels, and only then (tiles cannot be lower) shrunk to fit.
        drawing = figure_drawing(fig, ctx.maker.fonts, ctx.theme, ctx.width, room, cache_dir=ctx.figure_cache)
        _shrink_to(drawing, room)
    title = ctx.maker.paragraph(block.title_line, ctx.styles.caption, align="center", space_before=4)
    title.tag = Tag("Caption")
    chart = Tagged(drawing, Tag("Figure", alt=fig.alt or block.title_line))
    return [FigureGroup([Spacer(1, 6)], chart, [title, *_notes(ctx, fig.caption, block.source_line), Spacer(1, 10)])]


def _chart_room(frame_height: float | None) -> float | None:
    """The most height a chart may take: a page's, less a line for its caption."""
    if frame_height is None:
        return None
    return frame_height - _CAPTION_ROOM if frame_height > 2 * _CAPTION_ROOM else frame_height


def _shrink_to(drawing: Drawing, height: float) -> None:
    """Scale ``drawing`` down to ``height`` when it is taller: reportlab cannot split a drawing across pages."""
    if drawing.height <= height:
        return
    scale = height / drawing.height
    drawing.scale(scale, scale)
    drawing.width, drawing.height = drawing.width * scale, height


def _body_rows(block: ir.Table) -> list[tuple[ir.Cell, ...]]:
    return [*block.rows, *([block.total] if block.total else [])]


def _tail(text: str) -> str | None:
    """The part of a number's text from its decimal point (or after its last digit) on; None without digits."""
    point = text.find(".")
    if point >= 0:
        return text[point:]
    digits = [i for i, ch in enumerate(text) if ch.isdigit()]
    return text[digits[-1] + 1 :] if digits else None


def decimal_pads(block: ir.Table, ctx: BlockContext) -> list[list[float]]:
    """For each column, each body row's extra right padding that puts the decimal points on one line.

    A right-aligned column of numbers with one number of decimals still
    wanders where digits (or the 万 or % after them) differ in width; each
    cell is pushed left by what its tail is narrower than the column's widest
    tail. Text columns and cells without digits get none.
    """
    rows = _body_rows(block)
    pads: list[list[float]] = []
    for c, column in enumerate(block.columns):
        tails = [_tail(row[c].text) if row[c].value is not None else None for row in rows]
        if column.align != "right" or all(t is None for t in tails):
            pads.append([0.0] * len(rows))
            continue
        widths = [ctx.maker.width(t, ctx.styles.table) if t is not None else None for t in tails]
        widest = max(w for w in widths if w is not None)
        pads.append([widest - w if w is not None else 0.0 for w in widths])
    return pads


def _column_widths(block: ir.Table, ctx: BlockContext, pad: float, pads: list[list[float]]) -> list[float]:
    """Each column as wide as its widest text (and decimal padding); narrowed only when the frame is too narrow.

    A table is never stretched to the frame: a column wider than its
    content puts its numbers far from their labels.
    """
    body, head = ctx.styles.table, ctx.styles.table_head
    natural, whole = [], []
    rows = _body_rows(block)
    for c, column in enumerate(block.columns):
        texts = [ctx.maker.width(row[c].text, body) + pads[c][r] for r, row in enumerate(rows)]
        header = ctx.maker.width(column.header, head)
        natural.append(max([*texts, header * 0.6, 24]) + 2 * pad + 1)  # a header may take two lines
        whole.append(max([*texts, header, 24]) + 2 * pad + 1)
    if sum(whole) <= ctx.width:  # room for every header on one line
        return whole
    total = sum(natural)
    if total <= ctx.width:
        return natural
    numeric = [col.align == "right" for col in block.columns]
    fixed = sum(w for w, n in zip(natural, numeric, strict=True) if n)
    flexible = [w for w, n in zip(natural, numeric, strict=True) if not n]
    room = max(ctx.width - fixed, 0)
    if not flexible or room < 4 * body.size * len(flexible):
        widths = [ctx.width * w / total for w in natural]
    else:
        flex_total = sum(flexible)
        widths = [w if n else room * w / flex_total for w, n in zip(natural, numeric, strict=True)]
    return _with_floor(widths, natural, min(ctx.width / len(natural), 2 * pad + 1 + 2 * body.size))


def _with_floor(widths: list[float], natural: list[float], floor: float) -> list[float]:
    """``widths`` with none below ``floor`` (or its natural width), the others shrunk to make room.

    Shares of the natural widths would leave a short column beside one very
    long text a sliver narrower than its padding, which reportlab cannot lay
    out; a column keeps room for two characters instead.
    """
    least = [min(floor, n) for n in natural]
    pinned = [w <= m for w, m in zip(widths, least, strict=True)]
    while True:
        spare = sum(widths) - sum(m for m, p in zip(least, pinned, strict=True) if p)
        free = sum(w for w, p in zip(widths, pinned, strict=True) if not p)
        out = [m if p else w * spare / free for w, m, p in zip(widths, least, pinned, strict=True)]
        newly = [not p and w < m for w, m, p in zip(out, least, pinned, strict=True)]
        if not any(newly):
            return out
        pinned = [p or n for p, n in zip(pinned, newly, strict=True)]


def table(block: ir.Table, ctx: BlockContext) -> list[Flowable]:
    styles, maker = ctx.styles, ctx.maker
    pad = 5
    pads = decimal_pads(block, ctx)
    widths = _column_widths(block, ctx, pad, pads)
    align: dict[str, Align] = {"left": "left", "right": "right", "center": "center"}

    # Tagged: Table (Caption, THead with a TR of TH, TBody with a TR of TD per row, the total last).
    table_tag = Tag("Table")
    body_tag = Tag("TBody", table_tag)

    def cell(text: str, style: TextStyle, column: ir.TableColumn, row: Tag, bold: bool = False) -> Flowable:
        if bold:
            style = TextStyle(style.role, style.size, style.leading, style.color, True)
        para = maker.paragraph(text, style, align=align[column.align])
        para.tag = Tag("TD", row)
        return para

    header: list[CJKParagraph] = []
    head_row = Tag("TR", Tag("THead", table_tag))
    for column in block.columns:
        name = column.header
        header.append(maker.paragraph(name, styles.table_head, align=align[column.align]))
        header[-1].tag = Tag("TH", head_row, scope="Column")
    body = []
    for cells_of_row in [*block.rows, *([block.total] if block.total else [])]:
        row_tag = Tag("TR", body_tag)
        bold = cells_of_row is block.total
        body.append(
            [cell(c.text, styles.table, col, row_tag, bold) for c, col in zip(cells_of_row, block.columns, strict=True)]
        )
    data: list[list[Any]] = [header]
    origin = [0]  # the row of the block each table row shows (a row taller than a page takes several)
    head_height = max(_height(h, w - 2 * pad) for h, w in zip(header, widths, strict=True)) + 6
    room = _row_room(ctx, 6 + head_height)
    for index, cells in enumerate(body, start=1):
        parts = [_page_chunks([c], w - 2 * pad, room) for c, w in zip(cells, widths, strict=True)]
        for k in range(max(len(p) for p in parts)):
            data.append([p[k] if k < len(p) else "" for p in parts])
            origin.append(index)
    cmds: list[tuple[Any, ...]] = [
        ("BACKGROUND", (0, 0), (-1, 0), styles.color("primary")),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), pad),
        ("RIGHTPADDING", (0, 0), (-1, -1), pad),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LINEBELOW", (0, -1), (-1, -1), 0.8, styles.color("text")),
    ]
    for r in range(1, len(data)):
        for c, column_pads in enumerate(pads):
            if column_pads[origin[r] - 1] > 0.01:
                cmds.append(("RIGHTPADDING", (c, r), (c, r), pad + column_pads[origin[r] - 1]))
        if origin[r] % 2 == 0:
            cmds.append(("BACKGROUND", (0, r), (-1, r), styles.color("surface")))
        if origin[r] == origin[r - 1]:  # a continued row: no padding where its parts meet
            cmds += [("TOPPADDING", (0, r), (-1, r), 0), ("BOTTOMPADDING", (0, r - 1), (-1, r - 1), 0)]
    if block.total:
        cmds.append(("LINEABOVE", (0, -1), (-1, -1), 0.8, styles.color("text")))
    t = styled_table(Table(data, colWidths=widths, repeatRows=1, hAlign="CENTER"), cmds, ctx)
    title = maker.paragraph(
        block.title_line,
        styles.caption,
        align="center",
        space_before=6,
        space_after=4,
    )
    title.keepWithNext = True
    title.tag = Tag("Caption", table_tag)
    notes = _notes(ctx, block.caption, block.source_line)
    for note in notes:
        note.spaceBefore = 2
    if notes:
        notes[-1].spaceAfter = 10
    else:
        t.spaceAfter = 10
    return [title, t, *notes]


def picture(path: Path, width: float, ctx: BlockContext, max_height: float | None = None) -> Flowable:
    """A PNG/JPEG or SVG (as vector graphics) ``width`` wide, or less to stay under ``max_height``."""
    if path.suffix.lower() != ".svg":
        natural_width, natural_height = RLImage(str(path)).imageWidth, RLImage(str(path)).imageHeight
        scale = _fit(natural_width, natural_height, width, max_height)
        return RLImage(str(path), width=natural_width * scale, height=natural_height * scale)
    from zzreport.svg import load_drawing

    drawing = load_drawing(path, ctx.extra.get("reference_root"))
    figure_font = ctx.maker.font_name("figure")
    _embed_text_fonts(drawing, figure_font)
    return _scaled(drawing, width, max_height, figure_font)


def _fit(natural_width: float, natural_height: float, width: float, max_height: float | None) -> float:
    scale = width / natural_width
    return scale if max_height is None else min(scale, max_height / natural_height)


def _scaled(drawing: Any, width: float, max_height: float | None, font: str) -> Any:
    """``drawing`` scaled to ``width`` (or less, to stay under ``max_height``), keeping its aspect ratio."""
    scale = _fit(drawing.width, drawing.height, width, max_height)
    drawing.width, drawing.height = drawing.width * scale, drawing.height * scale
    drawing.scale(scale, scale)
    drawing.initialFontName = font  # renderPDF would start with Helvetica
    return drawing


#: SVG font weights drawn with a bundled family's bold face (CSS: 600 and above is bold).
_BOLD_WEIGHTS = ("bold", "bolder", "600", "700", "800", "900")
_REGULAR_WEIGHTS = ("normal", "lighter", "100", "200", "300", "400", "500")


def graphic(block: ir.Graphic, ctx: BlockContext) -> list[Flowable]:
    """A figure drawn in code, as vector graphics whose text is text, set in the embedded bundled faces.

    The SVG names the bundled families (``Noto Sans SC``) and a weight; each
    is mapped to that face as this PDF registered it, and any other family
    to the figure font, so only bundled (or theme) faces are embedded.
    """
    from zzreport.fonts.bundled import BUNDLED_FAMILY_NAMES, bundled_font_path
    from zzreport.fonts.fontset import face_at
    from zzreport.svg import load_drawing

    fonts: dict[tuple[str, str], str] = {}
    for family, name in BUNDLED_FAMILY_NAMES.items():
        regular = ctx.maker.font_name_of(face_at(bundled_font_path(family, 400)))
        bold = ctx.maker.font_name_of(face_at(bundled_font_path(family, 700)))
        fonts.update({(name, w): regular for w in _REGULAR_WEIGHTS})
        fonts.update({(name, w): bold for w in _BOLD_WEIGHTS})
    drawing = load_drawing(block.svg, None, fonts)
    figure_font = ctx.maker.font_name("figure")
    _embed_text_fonts(drawing, figure_font, keep=frozenset(fonts.values()))
    room = _chart_room(ctx.extra.get("frame_height"))
    flowable = _scaled(drawing, ctx.width * block.width, room, figure_font)
    flowable.hAlign = "CENTER"
    after = [*_notes(ctx, block.caption, ""), Spacer(1, 10)]  # a Drawing takes no spaceAfter
    return [FigureGroup([Spacer(1, 4)], Tagged(flowable, Tag("Figure", alt=block.alt)), after)]


def _embed_text_fonts(node: Any, font: str, keep: frozenset[str] | None = None) -> None:
    """Set SVG text that asks for a font we do not embed (svglib falls back to Helvetica) in ``font``;
    with ``keep``, every text not in one of those fonts."""
    from reportlab.graphics.shapes import String
    from reportlab.pdfbase.pdfmetrics import getFont
    from reportlab.pdfbase.ttfonts import TTFont

    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, String) and (
            item.fontName not in keep if keep is not None else not isinstance(getFont(item.fontName), TTFont)
        ):
            item.fontName = font
        stack.extend(getattr(item, "contents", []))


def image(block: ir.Image, ctx: BlockContext) -> list[Flowable]:
    # A tall image (or a short page) is scaled down to leave room for its caption on one page.
    flowable = picture(block.path, ctx.width * block.width, ctx, max_height=_chart_room(ctx.extra.get("frame_height")))
    flowable.hAlign = "CENTER"
    after = [*_notes(ctx, block.caption, block.source_line), Spacer(1, 10)]  # a Drawing takes no spaceAfter
    alt = block.alt or block.caption or block.path.stem
    return [FigureGroup([Spacer(1, 4)], Tagged(flowable, Tag("Figure", alt=alt)), after)]


def boxed(content: Sequence[Flowable], ctx: BlockContext, bar: Color, background: Color) -> Table:
    """``content`` in a shaded box with a bar on its left; a box longer than a page is one row per page."""
    pad_x, pad_y = 12, 8
    rows = _page_chunks(content, ctx.width - 2 * pad_x, _row_room(ctx, 2 * pad_y))
    commands: list[tuple[Any, ...]] = [
        ("BACKGROUND", (0, 0), (-1, -1), background),
        ("LINEBEFORE", (0, 0), (0, -1), 3, bar),
        ("LEFTPADDING", (0, 0), (-1, -1), pad_x),
        ("RIGHTPADDING", (0, 0), (-1, -1), pad_x),
        ("TOPPADDING", (0, 0), (-1, -1), pad_y),
        ("BOTTOMPADDING", (0, 0), (-1, -1), pad_y),
    ]
    if len(rows) > 1:  # the rows read as one box: no padding where one row meets the next
        commands += [("TOPPADDING", (0, 1), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -2), 0)]
    t = styled_table(Table([[row] for row in rows], colWidths=[ctx.width], hAlign="LEFT"), commands, ctx)
    t.spaceBefore, t.spaceAfter = 6, 10
    return t


def _row_room(ctx: BlockContext, taken: float) -> float:
    """The most content height a table row can have on a page where ``taken`` (padding, header) is used."""
    return ctx.extra.get("frame_height", 0.0) - taken - _SLACK


def _page_chunks(flowables: Sequence[Flowable], width: float, room: float) -> list[Sequence[Flowable]]:
    """``flowables`` (``width`` wide) in runs no taller than ``room``, paragraphs split where needed.

    A table row cannot break across pages (reportlab's in-row splitting gives
    the cell's flowables the column's width without its padding), so content
    taller than a page becomes several rows. Content that fits is one run,
    unchanged.
    """
    if room <= 0 or sum(_height(f, width) for f in flowables) <= room:
        return [flowables]
    # Rows break only between runs: runs of a third of a page waste at most that at the foot
    # of a page, and the first one can start below a heading.
    page, room = room, room / 3
    runs: list[Sequence[Flowable]] = []
    run: list[Flowable] = []
    used = 0.0
    queue = list(flowables)
    while queue:
        item = queue.pop(0)
        need = _height(item, width)
        if used + need <= room:
            run.append(item)
            used += need
            continue
        parts = item.split(width, room - used - item.getSpaceBefore())
        if not parts and not run:  # a third of a page is too few lines to split at: a page then
            parts = item.split(width, page - item.getSpaceBefore())
        if len(parts) >= 2:
            run.append(parts[0])
            queue[0:0] = parts[1:]
        elif run:
            queue.insert(0, item)  # start the next run with it
        else:
            run.append(item)  # taller than a page and cannot be split: left to reportlab
        runs.append(run)
        run, used = [], 0.0
    if run:
        runs.append(run)
    return runs


def _height(flowable: Flowable, width: float) -> float:
    return flowable.wrap(width, 1e9)[1] + flowable.getSpaceBefore() + flowable.getSpaceAfter()


def callout(block: ir.Callout, ctx: BlockContext) -> list[Flowable]:
    bar = {"note": "accent", "highlight": "primary", "warning": "up"}[block.tone]
    content: list[Flowable] = []
    if block.title:
        content.append(ctx.maker.paragraph(block.title, ctx.styles.h3, align="left", color=ctx.theme.colors.text))
    content += list(ctx.maker.paragraphs(block.spans, ctx.styles.body))
    return [boxed(content, ctx, ctx.styles.color(bar), ctx.styles.color("surface"))]


def quote(block: ir.Quote, ctx: BlockContext) -> list[Flowable]:
    style = TextStyle("body", 11, 19, ctx.theme.colors.text)
    quoted = Tag("BlockQuote")
    paragraphs = list(ctx.maker.paragraphs(block.spans, style))
    for para in paragraphs:
        para.tag = Tag("P", quoted)
    content: list[Flowable] = list(paragraphs)
    if block.source:
        content.append(ctx.maker.paragraph(block.attribution, ctx.styles.note, align="right", space_before=4))
    return [boxed(content, ctx, ctx.styles.color("muted"), ctx.styles.color("background"))]


def review_plan(block: ir.ReviewPlan, ctx: BlockContext) -> list[Flowable]:
    out: list[Flowable] = []
    for title, blocks, color in (
        (block.review_title, block.review, "primary"),
        (block.plan_title, block.plan, "accent"),  # targets are drawn in the accent colour, as in the deck
    ):
        if blocks is None:
            continue
        out.append(PeriodBand(title, ctx.styles.color(color), ctx.maker, ctx.styles))
        for child in blocks:
            if child.shown_in("pdf"):
                out += build_block(child, ctx)
    # Close the pair, so what follows does not read as part of the plan.
    out.append(HRFlowable(width="100%", thickness=0.6, color=ctx.styles.color("muted"), spaceBefore=6, spaceAfter=10))
    return out


BLOCK_BUILDERS: dict[type, Builder] = {
    ir.Heading: heading,
    ir.Paragraph: paragraph,
    ir.BulletList: bullets,
    ir.KpiGroup: kpis,
    ir.Figure: figure,
    ir.Table: table,
    ir.Image: image,
    ir.Graphic: graphic,
    ir.Callout: callout,
    ir.Quote: quote,
    ir.ReviewPlan: review_plan,
}


def build_block(block: ir.Block, ctx: BlockContext) -> list[Flowable]:
    return BLOCK_BUILDERS[type(block)](block, ctx)
