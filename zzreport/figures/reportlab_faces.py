"""Faces registered with reportlab (for the PDF and its figures), once per process.

A face is read with reportlab's public ``TTFont``, which parses the cmap,
hmtx and loca tables in pure Python: about 120–170 ms for each bundled CJK
face. A short-lived command-line process reads them faster from stored
readings (:mod:`zzreport.app.faces`, which names its gain) by handing its
reader to :func:`read_faces_with`; the library itself only ever parses.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from zzreport.fonts.fontset import Face

#: How a face file becomes a reportlab font: ``(name, path, face index) -> TTFont``.
FaceReader = Callable[[str, Path, int], TTFont]


def parse_face(name: str, path: Path, index: int = 0) -> TTFont:
    """``path``'s face ``index`` parsed by reportlab, registered under ``name`` once registered."""
    return TTFont(name, str(path), subfontIndex=index)


#: The reader :func:`register_face` uses: :func:`parse_face` unless the process chose another.
_READER: list[FaceReader] = [parse_face]

#: The reportlab font name of every face registered by this process. Process-wide on purpose: it
#: mirrors reportlab's own font registry, which keeps every registered font for the life of the
#: process (its design), so it holds one entry per distinct font file *content* registered (faces
#: come from :func:`zzreport.fonts.fontset.face_at`, keyed by content), never anything of text.
#: reportlab also keeps one font per PostScript name: a font replaced in place by another of the
#: same name is drawn with the first one's widths until the process ends (``watch`` users restart).
_REGISTERED: dict[Face, str] = {}


def read_faces_with(reader: FaceReader) -> None:
    """Read every face this process registers from now on with ``reader``.

    For the command line's processes only (:func:`zzreport.app.faces.use_stored_readings`):
    ``reader`` must give the font :func:`parse_face` gives, or the PDF changes.
    """
    _READER[0] = reader


def register_face(face: Face) -> str:
    """Register ``face`` with reportlab (once per process); return the name it is registered under.

    The name is :attr:`Face.key` (the PostScript name), unless another file
    already took it, e.g. a font replaced while ``watch`` runs, or two files
    of one name: reportlab keeps one font per name for good, so the later face
    gets the name with ``~2``, ``~3``… rather than the earlier face's glyphs.
    """
    name = _REGISTERED.get(face)
    if name is None:
        taken = set(_REGISTERED.values()) | set(pdfmetrics.getRegisteredFontNames())
        name, n = face.key, 1
        while name in taken:
            n += 1
            name = f"{face.key}~{n}"
        pdfmetrics.registerFont(_READER[0](name, face.path, face.index))
        _REGISTERED[face] = name
    return name
