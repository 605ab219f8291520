"""Images a spec names: identified by their content and checked before any output is started.

An image is an attack surface: Pillow hands PostScript to Ghostscript, a
small PNG can inflate to gigabytes, and an SVG can point at any file on the
machine or carry a bomb in a ``data:`` URI. So an image is accepted only
when its *bytes* are PNG, JPEG, GIF or SVG (never by its name), within byte
and pixel budgets read from its header before anything is decoded, and an
SVG only when every file it references is inside the spec's folder and
passes the same checks. The references are returned so that the manifest
lists them as inputs.
"""

from __future__ import annotations

import base64
import binascii
import io
import math
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from zzreport.errors import Location, SpecError, display_path
from zzreport.regular_files import regular_file_problem

#: The suffixes an image may have; the content must agree (see :func:`sniff`).
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".svg")
RASTER_KINDS = {"PNG": "PNG", "JPEG": "JPEG", "GIF": "GIF"}
ACCEPTED = "PNG, JPEG, GIF or SVG"

#: How deep SVG files may reference other SVG files, and how many elements one may hold.
MAX_SVG_NESTING = 8
MAX_SVG_ELEMENTS = 200_000

_SVG_NS = "{http://www.w3.org/2000/svg}"
_XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
#: The data URIs svglib draws (it ignores every other kind).
_DATA_URI = re.compile(r"data:image/(png|jpe?g);base64,", re.ASCII)
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")

#: Formats a file is often mistaken for an image in, named in the refusal.
_OTHER_FORMATS: tuple[tuple[bytes, str], ...] = (
    (b"%!PS", "a PostScript file"),
    (b"\xc5\xd0\xd3\xc6", "an EPS file"),
    (b"%PDF", "a PDF file"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"BM", "a BMP image"),
    (b"\x00\x00\x01\x00", "an ICO image"),
    (b"\x1f\x8b", "a gzip file"),
    (b"PK\x03\x04", "a zip file"),
)


@dataclass(frozen=True)
class ImageLimits:
    """Budgets an image must fit before it is decoded (see ``--max-image-bytes``, ``--max-image-pixels``)."""

    max_bytes: int = 50 * 1024 * 1024
    max_pixels: int = 40_000_000


def sniff(head: bytes) -> str | None:
    """``PNG``, ``JPEG``, ``GIF``, ``SVG`` or ``None``, from a file's first bytes (its content, not its name)."""
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if head.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "GIF"
    text = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    if text.startswith(b"<"):
        return "SVG"
    return None


def describe_other(head: bytes) -> str | None:
    """What a file that is no accepted image holds, as far as its first bytes tell."""
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "a WebP image"
    for magic, name in _OTHER_FORMATS:
        if head.startswith(magic):
            return name
    return None


class _Checker:
    """Checks one image and everything it references; collects the files read."""

    def __init__(self, root: Path, allow_outside: bool, limits: ImageLimits) -> None:
        self.root = root.resolve()
        self.allow_outside = allow_outside
        self.limits = limits
        self.referenced: list[Path] = []

    def check(self, file: Path, where: Location, chain: tuple[Path, ...] = ()) -> None:
        label = f"`{file.name}`" if not chain else f"`{self._show(file)}` (referenced by `{chain[-1].name}`)"
        problem = regular_file_problem(file)
        if problem:
            raise SpecError.single(where, f"image {label} {problem}")
        size = file.stat().st_size
        if size > self.limits.max_bytes:
            raise SpecError.single(
                where,
                f"image {label} has {size:,} bytes, more than the limit of {self.limits.max_bytes:,} "
                "(--max-image-bytes)",
            )
        with file.open("rb") as handle:
            head = handle.read(64)
        kind = sniff(head)
        suffix = file.suffix.lower()
        if not chain and suffix not in IMAGE_SUFFIXES:
            raise SpecError.single(where, f"`{file.name}` is not a {ACCEPTED} image")
        if kind is None:
            other = describe_other(head)
            found = f"holds {other}" if other else "has content of no known image format"
            raise SpecError.single(where, f"image {label} {found}; only {ACCEPTED} images are accepted")
        # The writers (and svglib, for references) tell SVG from bitmap by the name.
        named_svg = file.name.endswith(".svg") if chain else suffix == ".svg"
        if named_svg and kind != "SVG":
            raise SpecError.single(where, f"image {label} holds a {kind} image; name it with a .{kind.lower()} suffix")
        if not named_svg and kind == "SVG":
            raise SpecError.single(where, f"image {label} holds an SVG image; name it with a .svg suffix")
        if kind == "SVG":
            self._svg(file, where, label, chain)
        else:
            with file.open("rb") as handle:
                self._raster(handle, kind, where, f"image {label}")

    def _show(self, file: Path) -> str:
        try:
            return str(file.resolve().relative_to(self.root))
        except ValueError:
            return display_path(file)

    def _raster(self, data: IO[bytes], kind: str, where: Location, subject: str) -> None:
        """Open with Pillow restricted to ``kind`` (no other plug-in, so never Ghostscript), size first, then decode."""
        import warnings

        from PIL import Image, UnidentifiedImageError

        try:
            with warnings.catch_warnings():
                warnings.simplefilter("error", Image.DecompressionBombWarning)
                with Image.open(data, formats=[RASTER_KINDS[kind]]) as img:
                    width, height = img.size
                    if width <= 0 or height <= 0:
                        raise SpecError.single(where, f"{subject} has no pixels ({width}×{height})")
                    if width * height > self.limits.max_pixels:
                        raise SpecError.single(
                            where,
                            f"{subject} is {width}×{height} pixels, more than the limit of "
                            f"{self.limits.max_pixels:,} (--max-image-pixels)",
                        )
                    img.load()
        except SpecError:
            raise
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise SpecError.single(
                where, f"{subject} has more pixels than the limit of {self.limits.max_pixels:,} (--max-image-pixels)"
            ) from None
        except UnidentifiedImageError:
            raise SpecError.single(where, f"{subject} is corrupt: its {kind} data cannot be read") from None
        except (OSError, SyntaxError, ValueError, EOFError, MemoryError) as exc:
            reason = str(exc).split("\n")[0]
            detail = f" ({reason})" if reason and os.sep not in reason else ""
            raise SpecError.single(where, f"{subject} is corrupt or truncated{detail}") from None

    def _svg(self, file: Path, where: Location, label: str, chain: tuple[Path, ...]) -> None:
        from xml.etree.ElementTree import ParseError

        import defusedxml.ElementTree as SafeTree
        from defusedxml import DefusedXmlException

        if len(chain) >= MAX_SVG_NESTING:
            raise SpecError.single(where, f"image {label} nests SVG references more than {MAX_SVG_NESTING} deep")
        try:
            root = SafeTree.parse(str(file)).getroot()
        except DefusedXmlException:
            raise SpecError.single(
                where, f"SVG {label} declares XML entities or external DTDs, which zzreport does not read"
            ) from None
        except ParseError as exc:
            line, column = exc.position
            raise SpecError.single(
                where, f"image {label} is not a readable SVG file (XML error at line {line}, column {column + 1})"
            ) from None
        if root is None:  # ElementTree types a tree's root as optional; a parsed file always has one
            raise SpecError.single(where, f"image {label} is not an SVG document")
        if root.tag not in (f"{_SVG_NS}svg", "svg"):
            raise SpecError.single(where, f"image {label} is not an SVG document (its root is <{_local(root.tag)}>)")
        here = (*chain, file.resolve())
        for count, element in enumerate(root.iter(), 1):
            if count > MAX_SVG_ELEMENTS:
                raise SpecError.single(where, f"SVG {label} has more than {MAX_SVG_ELEMENTS:,} elements")
            for href in _hrefs(element):
                self._reference(file, href, _local(element.tag), where, label, here)
        if not chain:
            self._drawable(file, where, label)

    def _reference(self, svg: Path, href: str, tag: str, where: Location, label: str, chain: tuple[Path, ...]) -> None:
        target = href.strip()
        if not target or target.startswith("#") or tag == "a":
            return  # a fragment of the same file; links are never followed
        data = _DATA_URI.match(target)
        if data:
            self._data_uri(target[data.end() :], "JPEG" if data.group(1) != "png" else "PNG", where, label)
            return
        if _SCHEME.match(target):
            shown = target if len(target) <= 60 else target[:57] + "..."
            raise SpecError.single(
                where,
                f"SVG {label} refers to `{shown}`; zzreport fetches nothing, so an SVG may only refer to files "
                "in the spec's folder and to PNG or JPEG data: URIs",
            )
        iri = target.split("#", 1)[0]
        if not iri:
            return
        if os.path.isabs(iri):
            raise SpecError.single(where, f"SVG {label} refers to the absolute path `{iri}`; use a relative path")
        referenced = Path(os.path.normpath(svg.parent / iri))
        try:
            resolved = referenced.resolve()
        except (RuntimeError, OSError):
            raise SpecError.single(where, f"SVG {label} refers to `{iri}`, a symlink loop") from None
        if not self.allow_outside and not resolved.is_relative_to(self.root):
            raise SpecError.single(
                where,
                f"SVG {label} refers to `{iri}`, outside the spec's folder; pass --allow-outside to permit it",
            )
        if not referenced.exists():
            raise SpecError.single(where, f"SVG {label} refers to `{iri}`, which does not exist")
        if resolved in chain:
            return  # svglib breaks reference cycles itself
        if resolved not in self.referenced:
            self.referenced.append(resolved)
        self.check(referenced, where, chain)

    def _data_uri(self, payload: str, kind: str, where: Location, label: str) -> None:
        if len(payload) * 3 // 4 > self.limits.max_bytes:
            raise SpecError.single(
                where,
                f"SVG {label} embeds an image of more than {self.limits.max_bytes:,} bytes (--max-image-bytes)",
            )
        try:
            raw = base64.b64decode("".join(payload.split()), validate=True)
        except (binascii.Error, ValueError):
            raise SpecError.single(where, f"SVG {label} embeds a data: URI that is not valid base64") from None
        found = sniff(raw[:64])
        inner = f"an image embedded in SVG {label}"
        if found != kind:
            what = f"a {found} image" if found else describe_other(raw[:64]) or "no known image format"
            raise SpecError.single(where, f"{inner} is declared {kind} but holds {what}")
        self._raster(io.BytesIO(raw), kind, where, inner)

    def _drawable(self, file: Path, where: Location, label: str) -> None:
        """Draw it as the writers will, so that what they would trip over is found now."""
        from zzreport.svg import SvgError, load_drawing

        try:
            drawing = load_drawing(file, None if self.allow_outside else self.root)
        except SvgError as exc:
            raise SpecError.single(where, f"SVG {label} {exc}") from None
        bad = _first_non_finite(drawing)
        if bad is not None:
            raise SpecError.single(where, f"SVG {label} has a non-finite number ({bad}); every number must be finite")


def _local(tag: Any) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _hrefs(element: Any) -> Iterator[str]:
    for key in ("href", _XLINK_HREF):
        value = element.get(key)
        if value is not None:
            yield value


def _first_non_finite(drawing: Any) -> str | None:
    """The first NaN or infinite number in the drawing's shapes (svglib passes them through to the PDF)."""
    stack = [drawing]
    while stack:
        node = stack.pop()
        for name, value in vars(node).items():
            if name == "contents":
                stack.extend(value)
                continue
            numbers = value if isinstance(value, (list, tuple)) else (value,)
            for number in numbers:
                if isinstance(number, float) and not math.isfinite(number):
                    return f"{name} = {number}"
    return None


def check_image(
    file: Path,
    where: Location,
    *,
    root: Path,
    allow_outside: bool = False,
    limits: ImageLimits = ImageLimits(),
) -> list[Path]:
    """Refuse an image no writer can safely read; return the files an SVG references (inputs too)."""
    checker = _Checker(root, allow_outside, limits)
    checker.check(file, where)
    return checker.referenced
