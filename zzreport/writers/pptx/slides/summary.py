"""The closing summary slide (要点回顾): the report's summary points, or each section's takeaway."""

from __future__ import annotations

from zzreport.ir import Document, Span, Spans
from zzreport.writers.pptx.layout import Item, TextItem
from zzreport.writers.pptx.slides.flow import FlowSlides


class SummarySlides(FlowSlides):
    """The summary points as bullets."""

    def summary(self) -> None:
        points = summary_points(self.doc)
        if not points:
            return
        self.notes = ""
        size = max(self.minimum, self.body - 2)  # a summary slide holds many points; keep them on one slide
        items: list[Item] = [TextItem(self._bullet(_bold_lead(p), 0, size, 0.6)) for p in points]
        self.flow(self.labels.summary, self.doc.continued.summary, items)


def summary_points(document: Document) -> list[Spans]:
    """What the summary slide lists: the report's own summary, else each section's takeaway after its title."""
    points: list[Spans] = list(document.meta.summary)
    if not points:
        points = [(Span(f"{s.title}：", True), Span(s.takeaway)) for s in document.sections if s.takeaway]
    return points


def _bold_lead(spans: Spans) -> Spans:
    """ "创新发展：…" → the words before the first "：" in bold, as a ministry summary reads."""
    if not spans or any(s.bold for s in spans):
        return spans
    text = spans[0].text
    head, sep, rest = text.partition("：")
    if not sep or len(head) > 12:
        return spans
    return (Span(head + sep, True), Span(rest), *spans[1:])
