"""Memory of a long-lived process rendering many distinct reports through the library.

    python benchmarks/memory.py [--reports 1500] [--formats pdf,pptx]

Each report is generated in memory (its own paragraph texts, numbers and
chart values), checked with ``zzreport.check_report`` and rendered with
``zzreport.render`` into memory, with one :class:`zzreport.Session` kept for
the whole loop, as a web service would. Prints the resident memory (from
``/proc/self/statm``) at report 100 and at the last one, and the growth.
Target: less than 30 MB between report 100 and report 1,500 (the session's
caches are bounded in bytes; see :mod:`zzreport.session`). Not part of the
test suite: it takes two to four minutes.
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import zzreport  # noqa: E402

_SYLLABLES = "经济增长产业创新投资消费制造服务城市区域发展质量效益开放改革平台项目企业人才科技"
_WORDS = [_SYLLABLES[i : i + 2] for i in range(0, len(_SYLLABLES), 2)]


def rss_mb() -> float:
    """Resident memory of this process, in MB."""
    with open("/proc/self/statm", encoding="ascii") as handle:
        resident_pages = int(handle.read().split()[1])
    return resident_pages * os.sysconf("SC_PAGE_SIZE") / 1e6


def report_data(n: int) -> dict[str, object]:
    """A small report of its own: texts, numbers and chart values differ from every other report's."""
    rng = random.Random(n)

    def sentence() -> str:
        words = "".join(rng.choice(_WORDS) for _ in range(rng.randint(12, 30)))
        return f"第{n}号报告：{words}，同比增长{rng.uniform(0, 20):.1f}%，总量{rng.randint(100, 99999)}亿元。"

    return {
        "zzreport": 1,
        "title": f"示例报告 {n}",
        "sections": [
            {
                "id": f"s{k}",
                "title": f"第{k + 1}部分 {rng.choice(_WORDS)}{n}",
                "blocks": [
                    {"paragraph": sentence() + sentence()},
                    {"paragraph": sentence()},
                    {
                        "figure": {
                            "kind": "column",
                            "title": f"{rng.choice(_WORDS)}指标 {n}-{k}",
                            "categories": [f"{rng.choice(_WORDS)}{i}" for i in range(4)],
                            "series": [{"name": "数值", "values": [rng.randint(1, 500) for _ in range(4)]}],
                        }
                    },
                ],
            }
            for k in range(2)
        ],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=1500)
    parser.add_argument("--formats", default="pdf,pptx")
    parser.add_argument("--cache-mib", type=float, help="the session's byte bound (default: the library's)")
    args = parser.parse_args()
    formats = args.formats.split(",")
    session = zzreport.Session() if args.cache_mib is None else zzreport.Session(max_bytes=int(args.cache_mib * 2**20))
    start = time.perf_counter()
    at_100 = 0.0
    for n in range(1, args.reports + 1):
        document = zzreport.check_report(zzreport.load_dict(report_data(n))).document
        for fmt in formats:
            zzreport.render(document, fmt, session=session)
        if n == min(100, args.reports):
            gc.collect()
            at_100 = rss_mb()
            print(f"report {n:>5}: resident {at_100:7.1f} MB, caches {session.bytes / 1e6:5.1f} MB", flush=True)
    gc.collect()
    last = rss_mb()
    print(f"report {args.reports:>5}: resident {last:7.1f} MB, caches {session.bytes / 1e6:5.1f} MB")
    print(f"growth from report 100: {last - at_100:+.1f} MB (target < 30 MB); {time.perf_counter() - start:.0f} s")
    return 0 if last - at_100 < 30 else 1


if __name__ == "__main__":
    raise SystemExit(main())
