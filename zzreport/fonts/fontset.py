"""One FontSet for every writer: faces by role and weight, fallback chains, metrics.

The theme names a font per role (body, heading, figure, slide). Each role's
chain is: its own font, the theme's fallbacks, then the bundled Noto Sans SC
and Noto Serif SC, so a character is drawn by the first face that has it.
The PDF writer and the figure drawings register faces under :attr:`Face.key`;
the deck writes :attr:`Face.family`; nothing else picks a font.

Metrics are read lazily with fontTools and only for faces that are used.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections import OrderedDict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from zzreport import session
from zzreport.cache_files import file_sha256
from zzreport.fonts import metrics_cache
from zzreport.fonts.bundled import BUNDLED_FAMILY_NAMES, BUNDLED_FILES, Family, bundled_font_path, bundled_name
from zzreport.fonts.metrics_cache import FaceData
from zzreport.ir.fonts import FontFace, FontPlan, RoleFont

if TYPE_CHECKING:
    from fontTools.ttLib import TTFont

Role = Literal["body", "heading", "figure", "slide"]
ROLES: tuple[Role, ...] = ("body", "heading", "figure", "slide")

#: Names that select a bundled family, lower-cased.
_BUNDLED_ALIASES = {
    "noto serif sc": "serif",
    "serif": "serif",
    "song": "serif",
    "noto sans sc": "sans",
    "sans": "sans",
    "sans-serif": "sans",
    "hei": "sans",
}


#: A face's file as measurements depend on it: path, face index and the sha256 of the file's bytes.
FileId = tuple[str, int, str]


def file_id(path: Path, index: int) -> FileId:
    """``path`` and ``index`` with the sha256 of the file's bytes ("" for a missing file).

    Content, not size and modification time: a font replaced by another of
    the same size and time must never be measured with the old one's widths.
    """
    try:
        digest = file_sha256(path)
    except OSError:  # a missing file: Face reports it when opened
        digest = ""
    return str(path), index, digest


class FontError(ValueError):
    """A font cannot be used; the message says why and what to use instead."""


#: The tables both writers read from a TrueType face.
REQUIRED_TABLES = ("head", "hhea", "maxp", "hmtx", "cmap", "name", "post", "loca", "glyf")


def _reason(exc: Exception) -> str:
    """An exception's first line, without the machine's paths."""
    text = str(exc).split("\n")[0].strip()
    return text if text and "/" not in text else type(exc).__name__


def _open(path: Path, index: int) -> TTFont:
    # fontTools is imported only when a font's own tables must be read: a build with the bundled
    # faces reads their sidecars and never needs it (about 10 ms of imports saved).
    from fontTools.ttLib import TTCollection, TTFont, TTLibError

    try:
        if path.suffix.lower() in (".ttc", ".otc"):
            collection = TTCollection(str(path), lazy=True)
            if index >= len(collection.fonts):
                raise FontError(f"{path.name} holds {len(collection.fonts)} faces; index {index} does not exist")
            return collection.fonts[index]
        return TTFont(str(path), lazy=True, fontNumber=index)
    except (TTLibError, OSError, AssertionError, KeyError) as exc:
        raise FontError(f"{path.name} is not a readable TrueType font ({exc})") from None


@dataclass(eq=False)
class Face:
    """One font face: a file (and index inside a collection)."""

    path: Path
    index: int = 0

    @cached_property
    def _font(self) -> TTFont:
        font = _open(self.path, self.index)
        if "CFF " in font or "CFF2" in font:
            raise FontError(
                f"{self.path.name} has PostScript (CFF) outlines, which cannot be embedded in the PDF; "
                "use a TrueType (glyf) build instead, e.g. the static Noto Sans SC / Noto Serif SC .ttf "
                "files (zzreport's bundled default)"
            )
        if "glyf" not in font:
            raise FontError(f"{self.path.name} has no TrueType outlines (glyf table)")
        return font

    def check(self) -> None:
        """Open the face now and read what both writers will, raising :class:`FontError` if it cannot be used.

        A font named by a spec is arbitrary bytes: truncated, missing tables, or
        forbidding embedding. Everything a build would trip over is found here,
        so that ``check`` and ``build`` agree. fontTools and reportlab raise
        many kinds of exception for damaged data, hence the broad handlers.
        """
        font = self._font
        name = self.path.name
        missing = [tag for tag in REQUIRED_TABLES if tag not in font]
        if missing:
            tables = f"the {missing[0]} table" if len(missing) == 1 else "the tables " + ", ".join(missing)
            raise FontError(f"{name} lacks {tables}, which every TrueType font needs")
        try:
            for tag in sorted(font.keys()):
                if tag != "GlyphOrder":
                    font.getTableData(tag)
            _ = self._data
        except Exception as exc:
            raise FontError(f"{name} is damaged or truncated ({_reason(exc)})") from None
        from zzreport.fonts.embedding import Permission

        # Both outputs carry their fonts (the PDF always, the deck unless `embed_fonts: none`): a licence that
        # forbids embedding is refused here, in words, before reportlab refuses it in its own.
        refusal = Permission(int(font["OS/2"].fsType) if "OS/2" in font else 0).refusal(name)
        if refusal:
            raise FontError(refusal)
        from reportlab.pdfbase.ttfonts import TTFError, TTFontFile

        try:
            TTFontFile(str(self.path), subfontIndex=self.index)
        except TTFError as exc:
            raise FontError(f"{name} cannot be embedded in the PDF ({_reason(exc)})") from None
        except Exception as exc:
            raise FontError(f"{name} is damaged or truncated ({_reason(exc)})") from None

    @cached_property
    def file_id(self) -> FileId:
        """What process-wide measurement caches key on (see :func:`file_id`)."""
        return file_id(self.path, self.index)

    @property
    def family(self) -> str:
        return self._data.family

    @property
    def postscript_name(self) -> str:
        return self._data.postscript_name

    @property
    def weight(self) -> int:
        return self._data.weight

    @property
    def key(self) -> str:
        """A unique, stable name for registering this face with a renderer."""
        return f"{self.postscript_name}-{self.index}" if self.index else self.postscript_name

    @cached_property
    def _data(self) -> FaceData:
        """Names, weight and advances: from a sidecar or the on-disk cache when possible, else the font's tables."""
        stored = metrics_cache.load(self.path, self.index)
        if stored is not None:
            return stored
        data = read_face_data(self._font, self.path)
        metrics_cache.store(self.path, self.index, data)
        return data

    @cached_property
    def _metrics(self) -> tuple[int, dict[int, int]]:
        return self._data.units_per_em, self._data.advances

    @property
    def units_per_em(self) -> int:
        return self._metrics[0]

    @property
    def advances(self) -> dict[int, int]:
        """{code point: advance in font units} of every character the face maps."""
        return self._metrics[1]

    def covers(self, char: str) -> bool:
        return ord(char) in self._metrics[1]

    def advance(self, char: str) -> float:
        """Advance width of ``char`` in em (0 when the face lacks it)."""
        units, metrics = self._metrics
        return metrics.get(ord(char), 0) / units


def read_face_data(font: TTFont, path: Path) -> FaceData:
    """Names, weight and {code point: advance in font units}, read from the font's tables."""
    advances = font["hmtx"].metrics
    metrics = {code: advances[glyph][0] for code, glyph in (font.getBestCmap() or {}).items()}
    name = font["name"]
    return FaceData(
        units_per_em=int(font["head"].unitsPerEm),
        advances=metrics,
        family=str(name.getDebugName(16) or name.getDebugName(1) or path.stem),
        postscript_name=str(name.getDebugName(6) or path.stem).replace(" ", ""),
        weight=int(font["OS/2"].usWeightClass) if "OS/2" in font else 400,
    )


def ship_metrics(path: Path) -> Path:
    """Write the data sidecar of a bundled face (see :mod:`zzreport.fonts.metrics_cache`)."""
    from fontTools.ttLib import TTFont

    return metrics_cache.write_shipped(path, read_face_data(TTFont(path, lazy=True), path))


@dataclass
class RoleFonts:
    """The regular and bold face of one role."""

    regular: Face
    bold: Face

    def face(self, bold: bool) -> Face:
        return self.bold if bold else self.regular


#: The faces opened by this process, by file content. Not a cache of text: a face is the font
#: itself (reportlab registers each face once per process, by design), so one Face per file
#: content is shared by every build; bounded to :data:`_MAX_FACES` files, oldest dropped first.
_FACE_CACHE: OrderedDict[FileId, Face] = OrderedDict()
_MAX_FACES = 64


def face_at(path: Path, index: int = 0) -> Face:
    """The process-wide :class:`Face` of a file's content, so metrics are read once.

    A file changed since (a font replaced while ``watch`` runs, even by one of
    the same size and time) gets a new Face, read afresh.
    """
    resolved = path.resolve()
    key = file_id(resolved, index)
    found = _FACE_CACHE.get(key)
    if found is None:
        found = _FACE_CACHE[key] = Face(resolved, index)
        if len(_FACE_CACHE) > _MAX_FACES:
            _FACE_CACHE.popitem(last=False)
    return found


@cache
def bundled(family: str) -> RoleFonts:
    """The bundled ``serif`` or ``sans`` family (one object per process)."""
    kind: Family = "serif" if family == "serif" else "sans"
    return RoleFonts(face_at(bundled_font_path(kind, 400)), face_at(bundled_font_path(kind, 700)))


def find_system_font(family: str, bold: bool = False) -> tuple[Path, int] | None:
    """Look up an installed family with fontconfig; None when it is not installed."""
    fc_match = shutil.which("fc-match")
    if fc_match is None:
        return None
    pattern = f"{family}:weight={'bold' if bold else 'regular'}"
    try:
        out = subprocess.run(
            [fc_match, "--format=%{family}\t%{file}\t%{index}", pattern],
            capture_output=True,
            text=True,
            timeout=10,
            check=True,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    parts = out.split("\t")
    if len(parts) != 3:
        return None
    families = {f.strip().lower() for f in parts[0].split(",")}
    if family.strip().lower() not in families:
        return None  # fc-match always answers; a different family means "not installed"
    return Path(parts[1]), int(parts[2] or 0)


def _unit_width_size(key: tuple[tuple[FileId, ...], str], value: float) -> int:
    """An entry's own bytes: its text and the float (the chain's files are shared by every entry)."""
    return sys.getsizeof(key[1]) + 88


@dataclass
class FontSet:
    """Fonts by role, with per-character fallback through each role's chain."""

    roles: dict[str, RoleFonts]
    fallback: list[RoleFonts] = field(default_factory=list)
    _chains: dict[tuple[object, ...], list[Face]] = field(default_factory=dict, repr=False, compare=False)
    _files: dict[tuple[object, ...], tuple[FileId, ...]] = field(default_factory=dict, repr=False, compare=False)
    #: chain key -> {char: the face that draws it}: text is measured and drawn character by character.
    _faces: dict[tuple[object, ...], dict[str, Face | None]] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def default(cls) -> FontSet:
        serif, sans = bundled("serif"), bundled("sans")
        return cls({"body": serif, "heading": sans, "figure": sans, "slide": sans})

    @classmethod
    def from_plan(cls, plan: FontPlan) -> FontSet:
        """The fonts of a document's plan, ready to measure and draw with.

        Cheap enough to build for each output: a face is opened once per
        process and file content (:func:`face_at`), and widths are kept in
        the session by the chain's files, not by this object.
        """
        roles = {name: _role_fonts(role) for name, role in plan.roles().items()}
        return cls(roles, [_role_fonts(role) for role in plan.fallback])

    def plan(self) -> FontPlan:
        """These fonts as plain data for the document: bundled faces by name, other faces by file and index."""

        def role(fonts: RoleFonts) -> RoleFont:
            return RoleFont(fonts.regular.family, _face_plan(fonts.regular), _face_plan(fonts.bold))

        r = self.roles
        return FontPlan(
            body=role(r["body"]),
            heading=role(r["heading"]),
            figure=role(r["figure"]),
            slide=role(r["slide"]),
            fallback=tuple(role(fonts) for fonts in self.fallback),
        )

    def _chain_key(self, role: str, bold: bool) -> tuple[object, ...]:
        """Identifies a chain; it changes when a role or the fallbacks are replaced."""
        return (role, bold, id(self.roles[role]), *map(id, self.fallback))

    def chain(self, role: str, bold: bool = False) -> list[Face]:
        """Faces tried in order for ``role``: its own, the fallbacks, then the bundled ones."""
        key = self._chain_key(role, bold)
        cached = self._chains.get(key)
        if cached is None:
            cached = self._chains[key] = self._chain(role, bold)
        return cached

    def chain_files(self, role: str, bold: bool) -> tuple[FileId, ...]:
        """The chain's :attr:`Face.file_id` s: what measurements in ``role`` depend on.

        Stable across documents, so process-wide caches key on it; files, not
        PostScript names, since two files may carry the same name.
        """
        key = self._chain_key(role, bold)
        files = self._files.get(key)
        if files is None:
            files = self._files[key] = tuple(face.file_id for face in self.chain(role, bold))
        return files

    def _face_table(self, role: str, bold: bool) -> dict[str, Face | None]:
        """The chain's {char: face} table, filled as characters are met."""
        key = self._chain_key(role, bold)
        table = self._faces.get(key)
        if table is None:
            table = self._faces[key] = {}
        return table

    def _chain(self, role: str, bold: bool) -> list[Face]:
        faces = [self.roles[role].face(bold)]
        faces += [f.face(bold) for f in self.fallback]
        faces += [bundled("sans").face(bold), bundled("serif").face(bold)]
        unique: list[Face] = []
        for face in faces:
            if face not in unique:
                unique.append(face)
        return unique

    def family(self, role: str) -> str:
        """The family name of a role's font (the typeface the deck writes)."""
        return self.roles[role].regular.family

    def face_for(self, char: str, role: str, bold: bool = False) -> Face | None:
        """The first face of the role's chain that has ``char`` (None: no face has it)."""
        table = self._face_table(role, bold)
        try:
            return table[char]
        except KeyError:
            found = table[char] = next((face for face in self.chain(role, bold) if face.covers(char)), None)
            return found

    def segments(self, text: str, role: str, bold: bool = False) -> Iterator[tuple[Face, str]]:
        """Split ``text`` into runs drawn by one face each (per-character fallback)."""
        primary = self.roles[role].face(bold)
        table = self._face_table(role, bold)
        current: Face | None = None
        start = 0
        for i, char in enumerate(text):
            face = (table[char] if char in table else self.face_for(char, role, bold)) or primary
            if char.isspace():
                face = current or face
            if face is not current:
                if current is not None and i > start:
                    yield current, text[start:i]
                current, start = face, i
        if current is not None and start < len(text):
            yield current, text[start:]

    def width(self, text: str, role: str, size: float, bold: bool = False) -> float:
        """Width of ``text`` in points at ``size``, from the real metrics of each fallback face.

        Widths per em are kept in the active session's ``unit-widths`` memo
        (keyed by the faces of the chain): the line breaker measures the same
        words again and again.
        """
        key = (self.chain_files(role, bold), text)
        unit = session.memo("unit-widths", _unit_width_size).get(
            key, lambda: sum(sum(face.advance(c) for c in part) for face, part in self.segments(text, role, bold))
        )
        return unit * size

    def missing(self, text: str, role: str) -> list[str]:
        """Characters of ``text`` that no face of the role's chain (regular or bold) has, in order of first use."""
        pending = [char for char in dict.fromkeys(text) if not char.isspace()]
        for face in (*self.chain(role), *self.chain(role, bold=True)):
            if not pending:
                break
            mapped = face.advances
            pending = [char for char in pending if ord(char) not in mapped]
        return pending

    def faces(self) -> Iterable[Face]:
        """Every face that any role's chain may use."""
        out: list[Face] = []
        for role in self.roles:
            for bold in (False, True):
                for face in self.chain(role, bold):
                    if face not in out:
                        out.append(face)
        return out


#: The bundled faces by file name: (family, bold).
_BUNDLED_BY_NAME: dict[str, tuple[Family, bool]] = {
    name: (family, weight == 700) for (family, weight), name in BUNDLED_FILES.items()
}


def _face_plan(face: Face) -> FontFace:
    name = bundled_name(face.path)
    return FontFace(bundled=name) if name is not None else FontFace(path=face.path, index=face.index)


def _face(face: FontFace) -> Face:
    if face.bundled:
        family, bold = _BUNDLED_BY_NAME[face.bundled]
        return bundled(family).face(bold)
    if face.path is None:
        raise ValueError("a planned font face names neither a bundled face nor a file")
    return face_at(face.path, face.index)


def _role_fonts(role: RoleFont) -> RoleFonts:
    return RoleFonts(_face(role.regular), _face(role.bold))


def role_fonts_from_spec(family: str | None, file: Path | None, bold_file: Path | None, index: int) -> RoleFonts:
    """Faces for a theme font entry; raises :class:`FontError` with a helpful message."""
    if file is not None:
        regular = face_at(file, index)
        regular.check()
        bold = face_at(bold_file, 0) if bold_file else regular
        bold.check()
        return RoleFonts(regular, bold)
    assert family is not None
    alias = _BUNDLED_ALIASES.get(family.strip().lower())
    if alias:
        return bundled(alias)
    found = find_system_font(family)
    if found is None:
        raise FontError(
            f"font family `{family}` is not installed (bundled: "
            + ", ".join(BUNDLED_FAMILY_NAMES.values())
            + "); name a .ttf file with `file:` or install the family"
        )
    regular = face_at(*found)
    regular.check()
    found_bold = find_system_font(family, bold=True)
    bold = face_at(*found_bold) if found_bold else regular
    bold.check()
    return RoleFonts(regular, bold)
