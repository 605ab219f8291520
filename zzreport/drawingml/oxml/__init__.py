"""Every raw-XML operation of the shared charts, one module per XML area.

python-pptx builds a chart's DrawingML (``c:chartSpace``) but has no API for
East Asian typefaces (``a:ea``), combo charts, axis crossing, chart layout
or label placement, nor for reproducible workbooks. Those edits live here,
taking python-pptx objects, so the chart code in :mod:`zzreport.drawingml`
talks only to python-pptx's public API and to these functions; each Office
writer places the finished chart part with its own XML layer.

* :mod:`.base` — tag names, required children, the one accessor of the XML
  behind python-pptx's proxies (:func:`~.base.element_of`);
* :mod:`.order` — the order of children in every DrawingML element edited
  here, declared once, and the insert helpers;
* :mod:`.text` — runs' fonts (``a:latin`` + ``a:ea``) and language;
* :mod:`.chart` — combo charts, axes, manual layout, data labels;
* :mod:`.package` — reproducible zips (packages and embedded workbooks).
"""

from zzreport.drawingml.oxml.base import has_cjk
from zzreport.drawingml.oxml.chart import (
    SECONDARY_CAT_AX_ID,
    SECONDARY_VAL_AX_ID,
    apply_east_asian_everywhere,
    make_combo,
    renumber_axis_ids,
    series_data_labels,
    set_axis_crosses,
    set_axis_title_horizontal,
    set_chart_area_clear,
    set_cross_between,
    set_data_labels_fill,
    set_display_blanks_as,
    set_label_separator,
    set_plot_area_layout,
    set_point_label_color,
    set_point_label_offset,
    set_point_label_position,
    set_title_position,
    show_every_category,
    text_property_elements,
    value_axes,
)
from zzreport.drawingml.oxml.package import normalise_package, normalise_xlsx, zip_timestamp
from zzreport.drawingml.oxml.text import (
    GB2312_CHARSET,
    set_ea_typeface,
    set_east_asian_font,
    set_run_fonts,
    set_text_frame_east_asian,
)

__all__ = [
    "GB2312_CHARSET",
    "SECONDARY_CAT_AX_ID",
    "SECONDARY_VAL_AX_ID",
    "apply_east_asian_everywhere",
    "has_cjk",
    "make_combo",
    "normalise_package",
    "normalise_xlsx",
    "renumber_axis_ids",
    "series_data_labels",
    "set_axis_crosses",
    "set_axis_title_horizontal",
    "set_chart_area_clear",
    "set_cross_between",
    "set_data_labels_fill",
    "set_display_blanks_as",
    "set_ea_typeface",
    "set_east_asian_font",
    "set_label_separator",
    "set_plot_area_layout",
    "set_point_label_color",
    "set_point_label_offset",
    "set_point_label_position",
    "set_run_fonts",
    "set_text_frame_east_asian",
    "set_title_position",
    "show_every_category",
    "text_property_elements",
    "value_axes",
    "zip_timestamp",
]
