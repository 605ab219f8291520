"""Parts the deck writer adds itself (charts, their workbooks, notes pages), named without a package walk.

python-pptx names a new part with ``Package.next_partname``, which walks
every relationship of the package for each new part: in a long deck the
notes pages and charts made the build quadratic in its length (a third of a
16× deck's time). :class:`PartNames` gives the same names (the highest free
number up to one past the count of a template's parts, searching downward,
as python-pptx does) from sets it keeps, filled by one walk per template;
:func:`add_chart` is ``slide.shapes.add_chart`` built from python-pptx's
public part classes with those names, so the deck's bytes are the same.
"""

from __future__ import annotations

import weakref

from pptx.chart.data import ChartData, XyChartData
from pptx.enum.chart import XL_CHART_TYPE
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.packuri import PackURI
from pptx.package import Package
from pptx.shapes.graphfrm import GraphicFrame
from pptx.slide import Slide
from pptx.util import Length

from zzreport.drawingml.parts import new_chart_part
from zzreport.writers.pptx import oxml


class PartNames:
    """The part names of one package, as ``Package.next_partname`` would hand them out.

    Only the writer may add parts of the templates it asks for once it has
    asked (python-pptx adding one behind its back would be missed): the
    deck's charts and workbooks are all added by :func:`add_chart`, its
    notes pages (but the first, made before the first request) by
    :class:`~zzreport.writers.pptx.notes.NotesPages`.
    """

    def __init__(self, package: Package) -> None:
        # A weak reference: this object is the value of a WeakKeyDictionary keyed by the package, and a
        # strong one would keep every deck a long-lived process ever wrote alive (1.5 MB each).
        self._package = weakref.ref(package)
        self._taken: dict[str, set[str]] = {}

    def next(self, template: str) -> PackURI:
        """A free name for ``template`` (``"/ppt/charts/chart%d.xml"``), taken from now on."""
        prefix = template.split("%d")[0]
        taken = self._taken.get(prefix)
        if taken is None:
            package = self._package()
            if package is None:
                raise RuntimeError("the package these part names are for is gone")
            taken = {str(p.partname) for p in package.iter_parts() if p.partname.startswith(prefix)}
            self._taken[prefix] = taken
        for n in range(len(taken) + 1, 0, -1):
            candidate = template % n
            if candidate not in taken:
                taken.add(candidate)
                return PackURI(candidate)
        raise AssertionError("no free part name")  # unreachable: len(taken) + 1 numbers for len(taken) names


_NAMES: weakref.WeakKeyDictionary[Package, PartNames] = weakref.WeakKeyDictionary()


def part_names(package: Package) -> PartNames:
    """The :class:`PartNames` of ``package`` (one per package, forgotten with it)."""
    names = _NAMES.get(package)
    if names is None:
        names = _NAMES[package] = PartNames(package)
    return names


def add_chart(
    slide: Slide,
    chart_type: XL_CHART_TYPE,
    x: Length,
    y: Length,
    cx: Length,
    cy: Length,
    chart_data: ChartData | XyChartData,
) -> GraphicFrame:
    """What ``slide.shapes.add_chart`` does, the chart and workbook parts named by :class:`PartNames`.

    The same steps in the same order: the chart part from the data's XML,
    its embedded workbook related to it (:func:`~zzreport.drawingml.parts.new_chart_part`),
    the chart related to the slide, and a graphic frame showing it appended to the slide's shapes.
    """
    package = slide.part.package
    chart_part = new_chart_part(package, part_names(package).next, chart_type, chart_data)
    rId = slide.part.relate_to(chart_part, RT.CHART)
    return oxml.append_chart_frame(slide, rId, x, y, cx, cy)
