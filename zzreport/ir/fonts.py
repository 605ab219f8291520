"""The fonts a document is drawn with, as resolve decided them: files and names, no font objects.

Resolve turns the theme's font entries (a family name, a file, a bundled
alias) into this plan once: which file (and face of a collection) each role
uses regular and bold, and which fallbacks follow. A writer builds the
measuring :class:`~zzreport.fonts.fontset.FontSet` from the plan
(``FontSet.from_plan``); the document itself holds no open font, so it stays
plain data that compares, hashes and dumps the same on every machine. That
is also why zzreport's own faces are named, not located: they live in a
checkout's ``fonts/`` or in an install's ``zzreport/_fonts``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class FontFace:
    """One face: a bundled face by its file name, or a font file and the face's index in it."""

    #: A bundled face's file name (``NotoSansSC-Bold.ttf``), the same in every install; "" for a file.
    bundled: str = ""
    #: The font file, absolute and checked (the spec's file, or the installed family fontconfig found).
    path: Path | None = None
    index: int = 0


@dataclass(frozen=True)
class RoleFont:
    """The regular and bold face of a role, and the family name a deck writes for it."""

    family: str
    regular: FontFace
    bold: FontFace


@dataclass(frozen=True)
class FontPlan:
    """Each role's faces, and the fallbacks tried, in order, for characters a role's font lacks.

    The bundled sans and serif faces always close every chain, so they are not
    repeated here.
    """

    body: RoleFont
    heading: RoleFont
    figure: RoleFont
    slide: RoleFont
    fallback: tuple[RoleFont, ...] = ()

    def role(self, name: str) -> RoleFont:
        """The faces of the role ``name`` (``body``, ``heading``, ``figure`` or ``slide``)."""
        return self.roles()[name]

    def roles(self) -> dict[str, RoleFont]:
        """Every role's faces, by role name, in the order ``body``, ``heading``, ``figure``, ``slide``."""
        return {"body": self.body, "heading": self.heading, "figure": self.figure, "slide": self.slide}

    def family(self, role: str) -> str:
        """The family name of a role's font (the typeface the deck writes)."""
        return self.role(role).family
