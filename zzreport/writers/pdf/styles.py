"""Type sizes, leading and colours of the printed report, derived from the theme.

Chinese print convention: Song (serif) body at 10.5 pt (五号) with generous
leading, Hei (sans) headings; sizes follow the 号 scale (小二, 四号, 小四 …).
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.colors import Color, HexColor

from zzreport.ir import Theme


@dataclass(frozen=True)
class TextStyle:
    role: str  # FontSet role
    size: float
    leading: float
    color: str
    bold: bool = False


@dataclass(frozen=True)
class PdfStyles:
    """Every text style the PDF writer uses."""

    body: TextStyle
    small: TextStyle
    caption: TextStyle
    note: TextStyle
    eyebrow: TextStyle
    section_title: TextStyle
    takeaway: TextStyle
    h2: TextStyle
    h3: TextStyle
    band: TextStyle
    table: TextStyle
    table_head: TextStyle
    kpi_label: TextStyle
    kpi_number: TextStyle
    kpi_unit: TextStyle
    kpi_meta: TextStyle
    cover_title: TextStyle
    cover_subtitle: TextStyle
    cover_meta: TextStyle
    lead: TextStyle
    header: TextStyle
    colors: dict[str, Color]

    def color(self, name: str) -> Color:
        return self.colors[name]


def make_styles(theme: Theme) -> PdfStyles:
    c = theme.colors
    colors = {
        name: HexColor(getattr(c, name))
        for name in ("primary", "accent", "text", "muted", "background", "surface", "up", "down")
    }
    return PdfStyles(
        body=TextStyle("body", 10.5, 18.5, c.text),
        small=TextStyle("body", 9, 14, c.text),
        caption=TextStyle("heading", 9.5, 14, c.text, bold=True),
        note=TextStyle("heading", 8, 12, c.muted),
        eyebrow=TextStyle("heading", 9, 13, c.primary, bold=True),
        section_title=TextStyle("heading", 22, 30, c.text, bold=True),
        takeaway=TextStyle("heading", 11, 17, c.muted),
        h2=TextStyle("heading", 13, 20, c.text, bold=True),
        h3=TextStyle("heading", 11, 17, c.text, bold=True),
        band=TextStyle("heading", 10.5, 15, "#FFFFFF", bold=True),
        table=TextStyle("body", 9, 13.5, c.text),
        table_head=TextStyle("heading", 9, 13.5, "#FFFFFF", bold=True),
        kpi_label=TextStyle("heading", 8.5, 12, c.muted),
        kpi_number=TextStyle("heading", 19, 24, c.text, bold=True),
        kpi_unit=TextStyle("heading", 9.5, 24, c.text),
        kpi_meta=TextStyle("heading", 8, 11.5, c.muted),
        cover_title=TextStyle("heading", 28, 40, c.text, bold=True),
        cover_subtitle=TextStyle("heading", 15, 23, c.text),
        cover_meta=TextStyle("heading", 10.5, 16, c.muted),
        lead=TextStyle("body", 11, 19.5, c.text),
        header=TextStyle("heading", 8, 10, c.muted),
        colors=colors,
    )
