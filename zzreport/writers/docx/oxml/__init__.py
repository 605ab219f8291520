"""Raw WordprocessingML: the only place the Word writer touches XML.

python-docx covers paragraphs, runs, tables, sections, pictures and core
properties, but not East Asian typefaces (``w:eastAsia``), languages,
shading and borders, fields, bookmarks and in-document links, bullet
definitions, repeated table headers, Chinese typography settings, alt text
or reproducible packaging. Those edits are kept here, one module per XML
area, each taking python-docx objects; outside this package the writer
talks only to python-docx's public API.

* :mod:`.order` — the order of children in every element edited here, declared once;
* :mod:`.text` — runs' faces and languages, paragraph shading, bars, tabs, bookmarks, links;
* :mod:`.fields` — field characters and instructions (PAGE, NUMPAGES, STYLEREF, TOC, PAGEREF);
* :mod:`.settings` — punctuation compression, kinsoku lists, theme languages, layout rules;
* :mod:`.numbering` — bullet list definitions;
* :mod:`.table` — header rows, cell fills and lines, widths, padding;
* :mod:`.pictures` — alt text and SVG pictures with their PNG fallback;
* :mod:`.fonts` — embedded fonts: the font table's entries, ``.odttf`` parts, their settings;
* :mod:`.package` — reproducible .docx zips and ``docProps/app.xml``.
"""

from zzreport.writers.docx.oxml.fields import mark_field_char, mark_instruction, set_update_fields
from zzreport.writers.docx.oxml.numbering import BulletLevel, add_bullet_list, set_list_item
from zzreport.writers.docx.oxml.package import font_bytes, reproducible_package
from zzreport.writers.docx.oxml.pictures import add_svg, set_descr
from zzreport.writers.docx.oxml.settings import (
    drop_preview_picture,
    set_current_layout_rules,
    set_east_asian_typography,
    set_theme_languages,
)
from zzreport.writers.docx.oxml.table import (
    keep_row_whole,
    repeat_as_header,
    set_cell_border,
    set_cell_margins,
    set_table_borders,
    set_table_caption,
    set_table_cell_margins,
    set_table_description,
    set_table_look,
    set_table_width,
    shade_cell,
)
from zzreport.writers.docx.oxml.text import (
    add_bookmark,
    add_tab_stops,
    clear_paragraph_borders,
    link_runs,
    set_east_asian_paragraph,
    set_keep_lines,
    set_language,
    set_outline_level,
    set_paragraph_border,
    set_paragraph_shading,
    set_run_shading,
    set_style_aliases,
    set_typefaces,
)

__all__ = [
    "BulletLevel",
    "add_bookmark",
    "add_bullet_list",
    "add_svg",
    "add_tab_stops",
    "clear_paragraph_borders",
    "drop_preview_picture",
    "font_bytes",
    "keep_row_whole",
    "link_runs",
    "mark_field_char",
    "mark_instruction",
    "repeat_as_header",
    "reproducible_package",
    "set_cell_border",
    "set_cell_margins",
    "set_current_layout_rules",
    "set_descr",
    "set_east_asian_paragraph",
    "set_east_asian_typography",
    "set_keep_lines",
    "set_language",
    "set_list_item",
    "set_outline_level",
    "set_paragraph_border",
    "set_paragraph_shading",
    "set_run_shading",
    "set_style_aliases",
    "set_table_borders",
    "set_table_caption",
    "set_table_cell_margins",
    "set_table_description",
    "set_table_look",
    "set_table_width",
    "set_theme_languages",
    "set_typefaces",
    "set_update_fields",
    "shade_cell",
]
