"""PowerPoint sections: the ``p14:sectionLst`` extension of ``presentation.xml``.

Sections group a deck's slides in PowerPoint's slide sorter and outline (collapse, move or hide a chapter at
once); python-pptx has no API for them. They are an Office 2010 extension, ``[MS-PPTX] 2.3.8``:
``p:presentation/p:extLst/p:ext[@uri="{521415D9-36F7-43E2-AB2F-B90AF26B5E84}"]`` holding one
``p14:sectionLst`` of ``p14:section name= id=`` elements (``id`` a braced GUID), each with a ``p14:sldIdLst``
of the slide ids (``p:sldId/@id``, not relationship ids) in deck order. The ``p14`` namespace is declared on
the list itself, as PowerPoint writes it, so an application without the extension skips it whole.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from lxml import etree
from pptx.presentation import Presentation

from zzreport.writers.pptx.oxml.base import qn

P14 = "http://schemas.microsoft.com/office/powerpoint/2010/main"
SECTIONS_URI = "{521415D9-36F7-43E2-AB2F-B90AF26B5E84}"
#: The namespace the sections' GUIDs are derived in: a deck's section ids depend only on its sections.
_GUIDS = uuid.UUID("6f1d2a9e-3c1b-5e7a-9a53-7a7a72657074")


def section_guid(index: int, name: str) -> str:
    """A stable ``{XXXXXXXX-…}`` id for the ``index``-th section called ``name`` (same deck → same bytes)."""
    return "{" + str(uuid.uuid5(_GUIDS, f"{index}\n{name}")).upper() + "}"


def set_sections(presentation: Presentation, sections: Sequence[tuple[str, Sequence[int]]]) -> None:
    """Group the deck's slides into ``sections`` (name, slide ids), replacing any the template had.

    A template's own section list names its sample slides, which are gone; it is dropped, never merged.
    Sections without slides are left out. With no section left the extension is removed.
    """
    root = presentation.element
    ext_lst = root.find(qn("p:extLst"))
    if ext_lst is not None:
        for ext in ext_lst.findall(qn("p:ext")):
            if ext.get("uri") == SECTIONS_URI:
                ext_lst.remove(ext)
    kept = [(name, ids) for name, ids in sections if ids]
    if kept:
        if ext_lst is None:
            ext_lst = etree.SubElement(root, qn("p:extLst"))  # p:extLst is p:presentation's last child
        ext = etree.SubElement(ext_lst, qn("p:ext"), uri=SECTIONS_URI)
        section_list = etree.SubElement(ext, f"{{{P14}}}sectionLst", nsmap={"p14": P14})
        for index, (name, ids) in enumerate(kept):
            section = etree.SubElement(section_list, f"{{{P14}}}section", name=name, id=section_guid(index, name))
            slide_ids = etree.SubElement(section, f"{{{P14}}}sldIdLst")
            for slide_id in ids:
                etree.SubElement(slide_ids, f"{{{P14}}}sldId", id=str(slide_id))
    if ext_lst is not None and len(ext_lst) == 0:
        root.remove(ext_lst)
