"""Register the FontSet's faces with reportlab: once per process, only when used.

Registering a 10 MiB CJK face costs real time, so a face is registered the
first time a run of text needs it, under the FontSet's own name for it
(:attr:`~zzreport.fonts.fontset.Face.key`), which is also the name svglib
and the figure drawings use.
"""

from __future__ import annotations

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from zzreport.fonts.fontset import Face

_REGISTERED: set[str] = set()


def register(face: Face) -> str:
    """The reportlab font name of ``face``, registering it on first use."""
    if face.key not in _REGISTERED:
        if face.key not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(face.key, str(face.path), subfontIndex=face.index))
        _REGISTERED.add(face.key)
    return face.key
