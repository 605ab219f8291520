"""A long-lived session keeps its caches within its byte bound, and caches nothing when caching is off."""

from __future__ import annotations

import pytest

import zzreport
from zzreport import session as sessions
from zzreport.session import Session


def small_report(n: int, embed_fonts: str = "used") -> zzreport.Document:
    text = "".join(f"第{n}段第{i}句，产值增长{n * 7 % 97}.{i}%，总量{n * 131 + i}亿元。" for i in range(12))
    data = {
        "zzreport": 1,
        "title": f"报告{n}",
        "theme": {"embed_fonts": embed_fonts},
        "sections": [{"id": "a", "title": f"部分{n}", "blocks": [{"paragraph": text}, {"paragraph": text[::-1]}]}],
    }
    return zzreport.check_report(zzreport.load_dict(data)).document


def test_a_loop_of_distinct_reports_stays_within_the_sessions_byte_bound() -> None:
    bound = 256 * 1024
    session = Session(caching=True, max_bytes=bound)
    peak = 0
    for n in range(40):
        # Without fonts: the deck's two faces would be entries of ~100 kB, evicted and cut afresh for every
        # report, 28 s of the test and not what it is about.
        document = small_report(n, embed_fonts="none")
        for fmt in ("pdf", "pptx"):
            zzreport.render(document, fmt, session=session)
            peak = max(peak, session.bytes)
            assert session.bytes == sum(memo.bytes for memo in session._memos.values())
    assert 0.5 * bound < peak <= bound  # the caches were used, up to the bound, never past it


def test_a_warm_session_gives_the_bytes_of_a_new_one() -> None:
    document = small_report(7)
    warm = Session(caching=True)
    first = {fmt: zzreport.render(document, fmt, session=warm)[0] for fmt in ("pdf", "pptx")}
    assert warm.bytes > 0
    again = {fmt: zzreport.render(document, fmt, session=warm)[0] for fmt in ("pdf", "pptx")}
    fresh = {fmt: zzreport.render(document, fmt, session=Session(caching=False))[0] for fmt in ("pdf", "pptx")}
    assert first == again == fresh


def test_caching_off_holds_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ZZREPORT_CACHE", "off")
    session = Session()
    zzreport.render(small_report(3), "pdf", session=session)
    assert session.bytes == 0
    memo = session.memo("x")
    assert memo.get("k", lambda: 1) == 1 and len(memo) == 0


def test_a_memo_forgets_its_least_recently_used_entries_first() -> None:
    session = Session(caching=True, max_bytes=2_000)
    memo = session.memo("texts", lambda key, value: 500)
    for key in "abc":
        memo.get(key, lambda: 0)
    memo.get("a", lambda: 1)  # used again: now the most recent
    memo.get("d", lambda: 0)
    assert "a" in memo and "d" in memo and "b" not in memo
    assert session.bytes <= 2_000


def test_measuring_outside_a_session_caches_nothing() -> None:
    assert sessions.current().caching is False
    with Session(caching=True).active() as active:
        assert sessions.current() is active
    assert sessions.current().caching is False
