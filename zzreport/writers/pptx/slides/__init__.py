"""The slides of a deck, one module per slide kind.

Every slide is placed on the shared :class:`~zzreport.writers.pptx.layout.Geometry`
grid (0.5" margins, title band, content box, footer line). Content that does
not fit is continued on slides whose title ends with "（续）"; text is never
shrunk below the theme's minimum size. Speaker notes go on the first slide
of what they belong to (a section's on its divider or first slide, a block's
where it starts), never copied onto the slides after it.

``base`` holds the deck's state and primitives (text boxes, title band,
footer); ``items`` turns flowing blocks into stack items (``card_items`` for
KPI cards); ``flow`` draws stacks over content slides; ``cover``,
``summary`` (the key points, after the cover), ``contents``, ``divider``
(full or compact), ``visuals`` (figures, tables, pictures) and ``columns``
(review/plan) are the slide kinds; ``builder`` puts them in reading order.
"""

from zzreport.writers.pptx.slides.builder import DeckBuilder

__all__ = ["DeckBuilder"]
