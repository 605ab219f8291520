"""The one timestamp rule of every output, checked by reopening the PDF (Info and XMP) and the deck (core.xml).

SOURCE_DATE_EPOCH when set, else the spec's ``date``, else the moment of the
build; never a made-up constant a reader would take for the report's date.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import pikepdf
import pytest
from lxml import etree

from zzreport.builder import build
from zzreport.testing import write_files

MINIMAL = """\
zzreport: 1
title: 最小报告
{date}sections:
  - id: only
    title: 唯一一节
    blocks:
      - paragraph: 正文。
"""


def pdf_dates(path: Path) -> dict[str, str]:
    """The PDF's Info dates and its XMP dates, as written."""
    with pikepdf.open(path) as pdf:
        info = {k: str(pdf.docinfo[k]) for k in ("/CreationDate", "/ModDate")}
        meta = pdf.open_metadata()
        xmp = {k: str(meta[k]) for k in ("xmp:CreateDate", "xmp:ModifyDate", "xmp:MetadataDate")}
    return {**info, **xmp}


def deck_dates(path: Path) -> dict[str, str]:
    """The deck's core.xml created/modified and the first zip entry's time."""
    with zipfile.ZipFile(path) as z:
        root = etree.fromstring(z.read("docProps/core.xml"))
        stamp = dt.datetime(*z.infolist()[0].date_time)
    found = {el.tag.rpartition("}")[2]: (el.text or "") for el in root if el.tag.endswith(("created", "modified"))}
    return {**found, "zip": stamp.isoformat()}


def parse_pdf_date(text: str) -> dt.datetime:
    return dt.datetime.strptime(text[2:16], "%Y%m%d%H%M%S").replace(tzinfo=dt.timezone.utc)


def test_a_spec_without_a_date_is_stamped_with_the_time_of_the_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    spec = write_files(tmp_path, {"spec.yaml": MINIMAL.format(date="")}) / "spec.yaml"
    before = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    outputs = {o.format: o.path for o in build(spec, tmp_path / "out")}
    after = dt.datetime.now(dt.timezone.utc)
    pdf, deck = pdf_dates(outputs["pdf"]), deck_dates(outputs["pptx"])
    for value in (*pdf.values(), *deck.values()):
        assert not value.startswith(("2000", "D:2000")), value
    stamped = parse_pdf_date(pdf["/CreationDate"])
    assert before <= stamped <= after
    # One moment for the whole build: PDF Info, XMP and the deck's core.xml agree to the second.
    assert pdf["/ModDate"] == pdf["/CreationDate"]
    assert {dt.datetime.fromisoformat(pdf[k]) for k in ("xmp:CreateDate", "xmp:ModifyDate")} == {stamped}
    assert {dt.datetime.fromisoformat(deck[k].replace("Z", "+00:00")) for k in ("created", "modified")} == {stamped}


def test_the_spec_date_stamps_both_outputs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    spec = (
        write_files(tmp_path, {"spec.yaml": MINIMAL.format(date="date: 2025-03-04\nas_of: 2024-12-31\n")}) / "spec.yaml"
    )
    outputs = {o.format: o.path for o in build(spec, tmp_path / "out")}
    assert pdf_dates(outputs["pdf"])["/CreationDate"].startswith("D:20250304000000")
    assert deck_dates(outputs["pptx"])["created"] == "2025-03-04T00:00:00Z"


def test_as_of_alone_does_not_date_the_outputs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``as_of`` is when the data were true, not when the report was made."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    spec = write_files(tmp_path, {"spec.yaml": MINIMAL.format(date="as_of: 2024-12-31\n")}) / "spec.yaml"
    (pdf,) = build(spec, tmp_path / "out", ["pdf"])
    assert not pdf_dates(pdf.path)["/CreationDate"].startswith("D:20241231")


def test_source_date_epoch_wins_and_gives_byte_identical_rebuilds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1746093600")  # 2025-05-01 10:00:00 UTC
    spec = write_files(tmp_path, {"spec.yaml": MINIMAL.format(date="date: 2025-03-04\n")}) / "spec.yaml"
    first = {o.format: o.path.read_bytes() for o in build(spec, tmp_path / "a")}
    second = {o.format: o.path.read_bytes() for o in build(spec, tmp_path / "b")}
    assert first == second
    assert pdf_dates(tmp_path / "a" / "spec.pdf")["/CreationDate"].startswith("D:20250501100000")
    assert deck_dates(tmp_path / "a" / "spec.pptx")["created"] == "2025-05-01T10:00:00Z"
