"""The inline emphasis syntax: ``**bold**``; everything else is literal text."""

from __future__ import annotations

import re

from zzreport.ir import Span, Spans

_BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*", re.DOTALL)


def parse_inline(text: str) -> Spans:
    """Split ``text`` into spans; unmatched ``**`` stays literal text."""
    spans: list[Span] = []
    position = 0
    for match in _BOLD.finditer(text):
        if match.start() > position:
            spans.append(Span(text[position : match.start()]))
        spans.append(Span(match.group(1), bold=True))
        position = match.end()
    if position < len(text):
        spans.append(Span(text[position:]))
    return tuple(spans)
