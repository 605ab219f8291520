"""The executive summary slide (核心要点): the document's key points, right after the cover and the lead."""

from __future__ import annotations

from zzreport.writers.pptx.layout import Item, TextItem
from zzreport.writers.pptx.notes import notes_of
from zzreport.writers.pptx.slides.flow import FlowSlides


class SummarySlides(FlowSlides):
    """The key points as bullets, before the contents: a reader gets the conclusions first."""

    def summary(self) -> None:
        points = self.doc.meta.key_points
        if not points:
            return
        self.notes = notes_of(self.doc.meta.notes.summary)
        size = max(self.minimum, self.body - 2)  # a summary slide holds many points; keep them on one slide
        items: list[Item] = [TextItem(self._bullet(point, 0, size, 0.6)) for point in points]
        self.flow(self.labels.key_points, self.doc.continued.key_points, items)
