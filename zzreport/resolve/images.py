"""Images a spec names: identified by their content and checked before any output is started."""

from __future__ import annotations

from pathlib import Path

from zzreport.errors import Location, SpecError

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".svg")


def check_image(file: Path, where: Location) -> None:
    """Refuse an image no writer can read, before any output is started."""
    if file.suffix.lower() not in IMAGE_SUFFIXES:
        raise SpecError.single(where, f"`{file.name}` is not a PNG, JPEG or SVG image")
    if file.suffix.lower() == ".svg":
        from xml.etree import ElementTree

        try:
            root = ElementTree.parse(file).getroot()
        except (ElementTree.ParseError, OSError):
            raise SpecError.single(where, f"image `{file.name}` is not a readable SVG file") from None
        if not root.tag.endswith("svg"):
            raise SpecError.single(where, f"image `{file.name}` is not an SVG document")
        return
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(file) as img:
            img.verify()
    except (UnidentifiedImageError, OSError, SyntaxError):
        raise SpecError.single(where, f"image `{file.name}` is corrupt or not a PNG/JPEG image") from None
