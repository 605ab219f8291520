"""Every raw-XML operation of the deck writer, one module per XML area.

python-pptx covers most of DrawingML, but not East Asian typefaces (``a:ea``),
CJK line-breaking flags, theme fonts and colours, ``descr`` alt text, slide
number fields, bullets, table borders or reproducible packaging. Keeping
those edits here (as python-pptx keeps its own in ``pptx/oxml/``) means the
rest of the writer talks only to python-pptx's public API and to these
functions, which take python-pptx objects: outside this package nothing
imports lxml or reads a private attribute of python-pptx. The charts' XML,
and the DrawingML basics the deck builds on (tag names, the child order of
``a:`` elements, run fonts, reproducible zips), are shared with every Office
format in :mod:`zzreport.drawingml.oxml`.

* :mod:`.base` — tag names, required children, the one accessor of the XML
  behind python-pptx's proxies (:func:`~.base.element_of`);
* :mod:`.order` — the order of children of the deck's own ``p:`` elements,
  declared once, with DrawingML's, and the one insert helper;
* :mod:`.text` — runs (``a:latin`` + ``a:ea``), paragraphs, bullets, text
  bodies, writing and reading a frame's paragraphs;
* :mod:`.pictures` — SVG pictures (``asvg:svgBlip``) with their PNG fallback;
* :mod:`.shapes` — alt text, removing a shape or sending it back, flat fills;
* :mod:`.table` — table style and cell borders;
* :mod:`.master` — layout names and shapes, placeholder list styles, the master's text styles;
* :mod:`.theme` — theme fonts and colours, the slide size's type;
* :mod:`.sections` — PowerPoint sections (``p14:sectionLst``);
* :mod:`.package` — reproducible .pptx and .xlsx zips, the deck's ``docProps/app.xml`` and thumbnail.
"""

from zzreport.drawingml.oxml.text import GB2312_CHARSET, set_ea_typeface, set_run_fonts
from zzreport.writers.pptx.oxml.base import frame_owner, has_cjk
from zzreport.writers.pptx.oxml.package import (
    app_properties_xml,
    normalise_package,
    normalise_xlsx,
    presentation_format,
    reproducible_package,
    set_thumbnail,
    zip_timestamp,
)
from zzreport.writers.pptx.oxml.pictures import add_svg
from zzreport.writers.pptx.oxml.sections import section_guid, set_sections
from zzreport.writers.pptx.oxml.shapes import append_chart_frame, remove_shape, send_to_back, set_descr, set_flat_fill
from zzreport.writers.pptx.oxml.table import set_cell_border, set_table_style_none
from zzreport.writers.pptx.oxml.text import (
    Line,
    ParagraphFormat,
    ReadParagraph,
    ReadRun,
    RunLike,
    WrittenParagraph,
    read_paragraphs,
    set_body_properties,
    write_paragraphs,
)
from zzreport.writers.pptx.oxml.theme import set_custom_slide_size, set_theme, set_theme_colors, set_theme_fonts

__all__ = [
    "GB2312_CHARSET",
    "Line",
    "ParagraphFormat",
    "ReadParagraph",
    "ReadRun",
    "RunLike",
    "WrittenParagraph",
    "add_svg",
    "app_properties_xml",
    "append_chart_frame",
    "frame_owner",
    "has_cjk",
    "normalise_package",
    "normalise_xlsx",
    "presentation_format",
    "read_paragraphs",
    "remove_shape",
    "reproducible_package",
    "section_guid",
    "send_to_back",
    "set_body_properties",
    "set_cell_border",
    "set_custom_slide_size",
    "set_descr",
    "set_ea_typeface",
    "set_flat_fill",
    "set_run_fonts",
    "set_sections",
    "set_table_style_none",
    "set_theme",
    "set_theme_colors",
    "set_theme_fonts",
    "set_thumbnail",
    "write_paragraphs",
    "zip_timestamp",
]
