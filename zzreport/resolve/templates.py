"""Slide templates a spec names: limited, checked and cleaned before any output is started.

A template is a zip of parts that the deck starts from, and it arrives with
an untrusted spec. Whatever it carries ends up in the deck people open, and
whatever the deck writer would trip over must be refused by ``check``. So:

* **Limits first.** The file's size, the number of zip members and each
  member's and the total unpacked size are read from the zip's central
  directory before anything is inflated (a 2 MB file can unpack to
  gigabytes); each member is then read with a bound, so a header that lies
  cannot make it bigger. The limits are constants, not options: a real
  corporate template is a few megabytes, far below them.
* **Macro-enabled templates are refused** (``.pptm``/``.potm``, or a
  macro-enabled main content type): they announce macros, and a deck built
  from them must not carry or silently lose them; the author saves the
  template as ``.pptx``/``.potx``.
* **Only presentation parts are kept** (:data:`ALLOWED_TYPES`: masters,
  layouts, themes, notes and handout masters, presentation properties,
  images, embedded fonts, core properties). A part of any other type —
  macros (``vbaProject.bin``), ActiveX controls, OLE objects and other
  embeddings, printer settings, custom XML, thumbnails — is stripped when
  nothing in the kept XML points at it, and refused (named) when something
  does, since stripping it would break the master or layout that uses it.
  Links out of the package are kept only as ``http``/``https``/``mailto``
  hyperlinks; a linked picture or object would fetch from the network or
  the reader's disk when the deck is opened.
* **The sample slides are dropped**, with everything only they use.
* **Structure is checked**: every kept XML part is well-formed and declares
  no DTD (Office files never do; entities are a disclosure risk), and there
  is a slide size, a slide master with a theme and at least one layout.
  Finally python-pptx opens the cleaned package and reads the layouts'
  placeholders, as the deck writer will.
* A ``.potx`` (or slide show) becomes a presentation: its main part's
  content type is rewritten, as PowerPoint does when you start from one.

:func:`clean_template` returns the cleaned package; the deck writer opens
that, never the file itself.
"""

from __future__ import annotations

import io
import posixpath
import struct
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from zzreport.errors import Location, SpecError

#: The largest template file accepted, in bytes.
MAX_TEMPLATE_BYTES = 64 * 1024 * 1024
#: The most zip members a template may have (a rich corporate template has a few hundred).
MAX_TEMPLATE_MEMBERS = 2_000
#: The largest one member may unpack to, in bytes.
MAX_MEMBER_BYTES = 64 * 1024 * 1024
#: The most all members together may unpack to, in bytes.
MAX_UNPACKED_BYTES = 256 * 1024 * 1024

#: Bytes one central-directory entry may take on average (46 fixed, the name, extra fields, a comment).
_MAX_ENTRY_BYTES = 1_024

SUFFIXES = (".pptx", ".potx")
MACRO_SUFFIXES = (".pptm", ".potm", ".ppsm", ".ppam")

_PML = "application/vnd.openxmlformats-officedocument.presentationml."
MAIN_TYPE = _PML + "presentation.main+xml"
#: Main content types turned into :data:`MAIN_TYPE` (a template or slide show starts a presentation).
CONVERTED_MAIN_TYPES = frozenset({_PML + "template.main+xml", _PML + "slideshow.main+xml"})
#: The content types of the parts kept from a template (besides the main part).
ALLOWED_TYPES = frozenset(
    {
        *(
            _PML + name
            for name in (
                "slideMaster+xml",
                "slideLayout+xml",
                "notesMaster+xml",
                "handoutMaster+xml",
                "presProps+xml",
                "viewProps+xml",
                "tableStyles+xml",
                "commentAuthors+xml",
                "tags+xml",
            )
        ),
        "application/vnd.openxmlformats-officedocument.theme+xml",
        "application/vnd.openxmlformats-officedocument.themeOverride+xml",
        "application/vnd.openxmlformats-package.core-properties+xml",
        "image/png",
        "image/jpeg",
        "image/gif",
        "image/bmp",
        "image/tiff",
        "image/x-emf",
        "image/x-wmf",
        "image/svg+xml",
        "application/x-fontdata",
        "application/x-font-ttf",
        "application/vnd.openxmlformats-officedocument.obfuscatedFont",
    }
)
_RELS_TYPE = "application/vnd.openxmlformats-package.relationships+xml"
_CORE_TYPE = "application/vnd.openxmlformats-package.core-properties+xml"

_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_R = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
_P_NS = "http://schemas.openxmlformats.org/presentationml/2006/main"
_RT_OFFICE_DOCUMENT = _R + "/officeDocument"
_RT_CORE = _PKG_R + "/metadata/core-properties"
_RT_SLIDE = _R + "/slide"
_RT_THEME = _R + "/theme"
_RT_MASTER = _R + "/slideMaster"
_RT_LAYOUT = _R + "/slideLayout"
_RT_HYPERLINK = _R + "/hyperlink"
#: Package-level relationships kept (thumbnail, custom properties, signatures and the template's
#: extended properties, which list its sample slides' titles, are dropped).
_PACKAGE_RELS = frozenset({_RT_OFFICE_DOCUMENT, _RT_CORE})
_LINK_SCHEMES = ("http://", "https://", "mailto:")
#: The ``p14:sectionLst`` extension: it lists the sample slides by id.
_SECTIONS_EXT = "{521415D9-36F7-43E2-AB2F-B90AF26B5E84}"
#: PowerPoint's slide size range (ST_SlideSizeCoordinate): 1 to 56 inches, in EMU.
_SLIDE_SIZE_RANGE = (914_400, 51_206_400)

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def _detach(element: etree._Element) -> None:
    """Remove a relationship element from its ``Relationships`` root (it always has one)."""
    parent = element.getparent()
    if parent is not None:
        parent.remove(element)


class TemplateError(ValueError):
    """Why a template cannot be used; the message follows "template `name`"."""


def _p(tag: str) -> str:
    return f"{{{_P_NS}}}{tag}"


def check_template(file: Path, where: Location) -> None:
    """Refuse a template the deck writer could not use safely, before any output is started."""
    suffix = file.suffix.lower()
    if suffix in MACRO_SUFFIXES:
        raise SpecError.single(
            where,
            f"`{file.name}` is a macro-enabled template; zzreport never carries macros into a deck: "
            "save it as .pptx or .potx",
        )
    if suffix not in SUFFIXES:
        raise SpecError.single(where, f"`{file.name}` is not a PowerPoint template (.pptx or .potx)")
    try:
        probe_template(clean_template(file))
    except TemplateError as exc:
        raise SpecError.single(where, f"template `{file.name}` {exc}") from None


def describe_part(name: str, content_type: str) -> str:
    """What a refused part is, in words: macros, an ActiveX control, an embedded object …"""
    lowered = content_type.lower()
    if "vbaproject" in lowered or "macroenabled" in lowered:
        return "macros"
    if "activex" in lowered:
        return "an ActiveX control"
    if "oleobject" in lowered or "/embeddings/" in f"/{name}":
        return "an embedded (OLE) object"
    return f"a part of type `{content_type}`"


# --------------------------------------------------------------------------- reading the zip


def _read_file(file: Path) -> bytes:
    try:
        size = file.stat().st_size
        if size > MAX_TEMPLATE_BYTES:
            raise TemplateError(f"is {size:,} bytes, over the limit of {MAX_TEMPLATE_BYTES:,} bytes for a template")
        with file.open("rb") as handle:
            data = handle.read(MAX_TEMPLATE_BYTES + 1)
    except OSError as exc:
        raise TemplateError(f"cannot be read ({exc.strerror})") from None
    if len(data) > MAX_TEMPLATE_BYTES:
        raise TemplateError(f"is over the limit of {MAX_TEMPLATE_BYTES:,} bytes for a template")
    return data


def _check_directory(data: bytes) -> None:
    """Refuse a zip whose central directory is too big, before :mod:`zipfile` parses all of it.

    ``zipfile`` makes an object per directory entry, reading as many as the
    directory's byte size allows (not its entry count), so the size is
    checked: an entry takes at least 46 bytes plus its name.
    """
    end = data.rfind(b"PK\x05\x06", max(0, len(data) - 22 - 0xFFFF))
    if end < 0 or end + 22 > len(data):
        raise TemplateError("is corrupt or not a PowerPoint file")
    entries, directory_size = struct.unpack_from("<HI", data, end + 10)
    locator = end - 20
    if (entries == 0xFFFF or directory_size == 0xFFFFFFFF) and data[locator : locator + 4] == b"PK\x06\x07":
        (zip64_end,) = struct.unpack_from("<Q", data, locator + 8)
        if data[zip64_end : zip64_end + 4] == b"PK\x06\x06":
            entries, directory_size = struct.unpack_from("<QQ", data, zip64_end + 32)
    if entries > MAX_TEMPLATE_MEMBERS or directory_size > MAX_TEMPLATE_MEMBERS * _MAX_ENTRY_BYTES:
        shown = f"{entries:,}" if entries > MAX_TEMPLATE_MEMBERS else "too many"
        raise TemplateError(f"has {shown} zip members, over the limit of {MAX_TEMPLATE_MEMBERS:,}")


def _members(data: bytes) -> dict[str, bytes]:
    """Every member's bytes, within the limits, which are checked on the central directory first."""
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise TemplateError("is corrupt or not a PowerPoint file") from None
    with package:
        infos = package.infolist()
        if len(infos) > MAX_TEMPLATE_MEMBERS:
            raise TemplateError(f"has {len(infos):,} zip members, over the limit of {MAX_TEMPLATE_MEMBERS:,}")
        total = 0
        for info in infos:
            if info.file_size > MAX_MEMBER_BYTES:
                raise TemplateError(
                    f"has a part `{info.filename}` that unpacks to {info.file_size:,} bytes, "
                    f"over the limit of {MAX_MEMBER_BYTES:,} bytes for one part"
                )
            total += info.file_size
        if total > MAX_UNPACKED_BYTES:
            raise TemplateError(f"unpacks to {total:,} bytes, over the limit of {MAX_UNPACKED_BYTES:,} bytes")
        members: dict[str, bytes] = {}
        for info in infos:
            if info.is_dir():
                continue
            if info.filename in members:
                raise TemplateError(f"is corrupt: it has two parts named `{info.filename}`")
            if info.flag_bits & 0x1:
                raise TemplateError("is encrypted; save it without a password")
            try:
                with package.open(info) as handle:
                    blob = handle.read(info.file_size + 1)
            except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, RuntimeError):
                raise TemplateError(f"is corrupt: its part `{info.filename}` cannot be unpacked") from None
            if len(blob) != info.file_size:
                raise TemplateError(f"is corrupt: its part `{info.filename}` is not the size its zip header says")
            members[info.filename] = blob
    return members


def _xml(name: str, blob: bytes) -> etree._Element:
    try:
        root = etree.fromstring(blob, _PARSER)
    except etree.XMLSyntaxError:
        raise TemplateError(f"is corrupt: its part `{name}` is not well-formed XML") from None
    info = root.getroottree().docinfo
    if info.doctype or info.internalDTD is not None:
        raise TemplateError(f"has a part `{name}` that declares a DTD, which Office files never do")
    return root


# --------------------------------------------------------------------------- the package's graph


@dataclass
class _Rel:
    element: etree._Element
    rel_id: str
    type: str
    target: str
    external: bool


@dataclass
class _Cleaner:
    """Walks the relationships from the package root, keeping presentation parts only."""

    members: dict[str, bytes]
    main_name: str = ""
    overrides: dict[str, str] = field(default_factory=dict)
    defaults: dict[str, str] = field(default_factory=dict)
    kept: dict[str, str] = field(default_factory=dict)  # part name → content type
    out: dict[str, bytes] = field(default_factory=dict)  # member name → bytes
    trees: dict[str, etree._Element] = field(default_factory=dict)
    rels: dict[str, list[_Rel]] = field(default_factory=dict)  # part name → kept relationships

    def content_types(self) -> None:
        if "[Content_Types].xml" not in self.members:
            raise TemplateError("is not a PowerPoint presentation")
        root = _xml("[Content_Types].xml", self.members["[Content_Types].xml"])
        for element in root:
            if element.tag == f"{{{_CT_NS}}}Override":
                self.overrides[element.get("PartName", "").lstrip("/").lower()] = element.get("ContentType", "")
            elif element.tag == f"{{{_CT_NS}}}Default":
                self.defaults[element.get("Extension", "").lower()] = element.get("ContentType", "")

    def type_of(self, name: str) -> str:
        found = self.overrides.get(name.lower())
        if found is not None:
            return found
        return self.defaults.get(posixpath.splitext(name)[1].lstrip(".").lower(), "")

    def relationships(self, source: str) -> list[_Rel]:
        """``source``'s relationships (``""``: the package's); missing rels file: none."""
        folder, base = posixpath.split(source)
        name = posixpath.join(folder, "_rels", base + ".rels")
        if name not in self.members:
            return []
        root = _xml(name, self.members[name])
        self.trees[name] = root
        found = []
        for element in root:
            if element.tag != f"{{{_PKG_R}}}Relationship":
                continue
            external = element.get("TargetMode") == "External"
            target = element.get("Target", "")
            if not external:
                joined = target[1:] if target.startswith("/") else posixpath.join(folder, target)
                target = posixpath.normpath(joined)
            found.append(_Rel(element, element.get("Id", ""), element.get("Type", ""), target, external))
        return found

    def main(self) -> str:
        """The main part's name; the package's other relationships are dropped but core properties."""
        main = ""
        for rel in self.relationships(""):
            if rel.external or rel.target not in self.members:
                keep = False
            elif rel.type == _RT_OFFICE_DOCUMENT and not main:
                main, keep = rel.target, True
            elif rel.type == _RT_CORE and self.type_of(rel.target) == _CORE_TYPE:
                self.keep_part(rel.target, _CORE_TYPE)
                keep = True
            else:
                keep = False
            if not keep:
                _detach(rel.element)
        if not main:
            raise TemplateError("is not a PowerPoint presentation")
        self.out["_rels/.rels"] = _serialize(self.trees["_rels/.rels"])
        return main

    def keep_part(self, name: str, content_type: str) -> None:
        self.kept[name] = content_type
        blob = self.members[name]
        if content_type.endswith("xml"):
            self.trees[name] = _xml(name, blob)
        self.out[name] = blob

    def walk(self, start: str) -> None:
        queue = [start]
        while queue:
            source = queue.pop(0)
            tree = self.trees.get(source)
            referenced = _referenced_ids(tree) if tree is not None else set()
            kept_rels = []
            for rel in self.relationships(source):
                keep = self._decide(source, rel, rel.rel_id in referenced)
                if not keep:
                    _detach(rel.element)
                    continue
                kept_rels.append(rel)
                if not rel.external and rel.target not in self.kept:
                    self.keep_part(rel.target, self.type_of(rel.target))
                    queue.append(rel.target)
            self.rels[source] = kept_rels
            rels_name = posixpath.join(posixpath.dirname(source), "_rels", posixpath.basename(source) + ".rels")
            if rels_name in self.trees:
                self.out[rels_name] = _serialize(self.trees[rels_name])

    def _decide(self, source: str, rel: _Rel, referenced: bool) -> bool:
        """Keep ``rel``? Strip what nothing points at; refuse what something does but may not be kept."""
        if rel.external:
            if rel.type == _RT_HYPERLINK and rel.target.lower().startswith(_LINK_SCHEMES):
                return True
            if not referenced:
                return False
            shown = rel.target if len(rel.target) <= 60 else rel.target[:57] + "..."
            raise TemplateError(
                f"has a part `{source}` that links to `{shown}` outside the template; "
                "only http, https and mailto hyperlinks may leave it"
            )
        if rel.type == _RT_SLIDE and source == self.main_name:
            return False  # a sample slide: dropped with everything only it uses
        content_type = self.type_of(rel.target) if rel.target in self.members else ""
        if content_type in ALLOWED_TYPES:
            return True
        if not referenced:
            return False
        if rel.target not in self.members:
            raise TemplateError(f"is corrupt: its part `{source}` refers to `{rel.target}`, which is missing")
        raise TemplateError(
            f"has {describe_part(rel.target, content_type)} (`{rel.target}`) in `{source}`; only presentation parts "
            "(masters, layouts, themes, images, fonts) are taken from a template"
        )


def _serialize(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _referenced_ids(tree: etree._Element) -> set[str]:
    """Every relationship id an XML part mentions (``r:id``, ``r:embed``, ``r:link`` …)."""
    prefix = f"{{{_R}}}"
    return {value for element in tree.iter() for key, value in element.attrib.items() if key.startswith(prefix)}


def _drop_sample_slides(presentation: etree._Element) -> None:
    """Empty ``p:sldIdLst``; drop custom shows and sections, which list the slides."""
    id_list = presentation.find(_p("sldIdLst"))
    if id_list is not None:
        for child in list(id_list):
            id_list.remove(child)
    shows = presentation.find(_p("custShowLst"))
    if shows is not None:
        presentation.remove(shows)
    extensions = presentation.find(_p("extLst"))
    if extensions is not None:
        for ext in list(extensions):
            if ext.get("uri") == _SECTIONS_EXT:
                extensions.remove(ext)


def _ids(parent: etree._Element | None, tag: str) -> list[str]:
    if parent is None:
        return []
    return [child.get(f"{{{_R}}}id", "") for child in parent.findall(_p(tag))]


def _check_structure(cleaner: _Cleaner, main: str) -> None:
    """A slide size, a master with a theme, layouts that the masters' relationships reach."""
    presentation = cleaner.trees[main]
    size = presentation.find(_p("sldSz"))
    if size is None:
        raise TemplateError(f"has no slide size (`p:sldSz` in `{main}`)")
    try:
        cx, cy = int(size.get("cx", "")), int(size.get("cy", ""))
    except ValueError:
        raise TemplateError(f"has a slide size that is not a number (`p:sldSz` in `{main}`)") from None
    low, high = _SLIDE_SIZE_RANGE
    if not (low <= cx <= high and low <= cy <= high):
        raise TemplateError(f"has a slide size of {cx}×{cy} EMU, outside PowerPoint's range of 1 to 56 inches")

    def targets(source: str, ids: list[str], rel_type: str, what: str) -> list[str]:
        by_id = {rel.rel_id: rel for rel in cleaner.rels.get(source, [])}
        found = []
        for rel_id in ids:
            rel = by_id.get(rel_id)
            if rel is None or rel.type != rel_type or rel.external:
                raise TemplateError(f"is corrupt: `{source}` lists a {what} ({rel_id}) it has no relationship to")
            found.append(rel.target)
        return found

    masters = targets(main, _ids(presentation.find(_p("sldMasterIdLst")), "sldMasterId"), _RT_MASTER, "slide master")
    if not masters:
        raise TemplateError("has no slide master")
    layouts = 0
    for master in masters:
        if not any(rel.type == _RT_THEME for rel in cleaner.rels.get(master, [])):
            raise TemplateError(f"has a slide master `{master}` without a theme")
        names = targets(master, _ids(cleaner.trees[master].find(_p("sldLayoutIdLst")), "sldLayoutId"), _RT_LAYOUT,
                        "slide layout")  # fmt: skip
        for layout in names:
            if not any(rel.type == _RT_MASTER for rel in cleaner.rels.get(layout, [])):
                raise TemplateError(f"is corrupt: its slide layout `{layout}` has no slide master")
        layouts += len(names)
    if layouts == 0:
        raise TemplateError("has no slide layouts")


def _package(cleaner: _Cleaner) -> bytes:
    types = etree.Element(f"{{{_CT_NS}}}Types", nsmap={None: _CT_NS})
    etree.SubElement(types, f"{{{_CT_NS}}}Default", Extension="rels", ContentType=_RELS_TYPE)
    for name, content_type in sorted(cleaner.kept.items()):
        etree.SubElement(types, f"{{{_CT_NS}}}Override", PartName="/" + name, ContentType=content_type)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as package:
        package.writestr("[Content_Types].xml", _serialize(types))
        for name, blob in sorted(cleaner.out.items()):
            package.writestr(name, blob)
    return buffer.getvalue()


def clean_template(file: Path) -> bytes:
    """The template as a package holding only what a deck may start from (see the module's docstring).

    Raises :class:`TemplateError` for a template that is too big, corrupt,
    macro-enabled or holds something that cannot be stripped.
    """
    data = _read_file(file)
    _check_directory(data)
    cleaner = _Cleaner(_members(data))
    cleaner.content_types()
    main = cleaner.main()
    if main not in cleaner.members:
        raise TemplateError("is not a PowerPoint presentation")
    main_type = cleaner.type_of(main)
    if "macroenabled" in main_type.lower():
        raise TemplateError(
            f"is macro-enabled (content type `{main_type}`); zzreport never carries macros into a deck: "
            "save it as .pptx or .potx"
        )
    if main_type != MAIN_TYPE and main_type not in CONVERTED_MAIN_TYPES:
        raise TemplateError("is not a PowerPoint presentation")
    cleaner.main_name = main
    presentation = _xml(main, cleaner.members[main])
    if presentation.tag != _p("presentation"):
        raise TemplateError("is not a PowerPoint presentation")
    _drop_sample_slides(presentation)
    cleaner.kept[main] = MAIN_TYPE
    cleaner.trees[main] = presentation
    cleaner.out[main] = _serialize(presentation)
    cleaner.walk(main)
    _check_structure(cleaner, main)
    return _package(cleaner)


def probe_template(package: bytes) -> None:
    """Open the cleaned package with python-pptx and do what the deck writer does with it.

    The structure is checked above, but python-pptx also reads attribute
    values (placeholder types, indices, sizes and positions) when it adds a
    slide from a layout or a notes page from the notes master. A slide per
    layout is added here, in memory, so a template where that fails is
    refused by ``check`` rather than at build time.
    """
    from pptx import Presentation

    try:
        prs = Presentation(io.BytesIO(package))
        int(prs.slide_width or 0), int(prs.slide_height or 0)
        for master in prs.slide_masters:
            for layout in master.slide_layouts:
                for placeholder in layout.placeholders:
                    _read_placeholder(placeholder)
                slide = prs.slides.add_slide(layout)
                for placeholder in slide.placeholders:
                    _read_placeholder(placeholder)
                if slide.shapes.title is not None:
                    slide.shapes.title.text_frame.text = "标题"
                slide.notes_slide.notes_text_frame  # noqa: B018 -- made from the notes master, as the writer does
    except Exception as exc:  # whatever python-pptx trips over, the template is unusable
        reason = str(exc).split("\n")[0][:120]
        raise TemplateError(f"has a master or layout that cannot be read ({type(exc).__name__}: {reason})") from None


def _read_placeholder(placeholder) -> None:
    ph = placeholder.placeholder_format
    ph.type, ph.idx  # noqa: B018 -- read as the writer reads them
    placeholder.left, placeholder.top, placeholder.width, placeholder.height  # noqa: B018
