"""Register the FontSet's faces with reportlab: once per process, only when used.

Registering a 10 MiB CJK face costs real time, so a face is registered the
first time a run of text needs it (from reportlab's stored reading of it,
see :mod:`zzreport.figures.reportlab_faces`), under the FontSet's own name
for it (:attr:`~zzreport.fonts.fontset.Face.key`, unless another file took
that name first), which is also the name svglib and the figure drawings use.
"""

from __future__ import annotations

from zzreport.figures.reportlab_faces import register_face
from zzreport.fonts.fontset import Face


def register(face: Face) -> str:
    """The reportlab font name of ``face``, registering it on first use."""
    return register_face(face)
