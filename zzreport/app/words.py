"""Stored word ends: a speed trick of the short-lived command-line process.

Balanced labels keep Chinese words whole (:mod:`zzreport.fonts.balance`);
the words come from rjieba, whose dictionary load costs a fresh process
about 0.13–0.2 s, up to a fifth of a cold command-line build, while a label's
segmentation itself takes microseconds. So the command line stores each
label's word ends on disk, keyed by a digest of the label's text
(:func:`zzreport.cache_files.content_key` adds zzreport's code and the
rjieba version), and a process whose labels are all stored never imports
rjieba. An entry is what a cold build computes for that text, so the cache
folder holds only what a cold build would write; on any doubt (no entry, a
damaged one) the text is segmented and the entry written afresh.
:func:`use_stored_word_ends` turns it on. Measured gain: see
:data:`MEASURED`. The library always segments (it keeps no files of its own
beyond the caches a build writes).
"""

from __future__ import annotations

import hashlib
import marshal
from collections import OrderedDict
from pathlib import Path

from zzreport.cache_files import cache_root, content_key, read_entry, write_entry
from zzreport.fonts.balance import dictionary_word_ends, segment_with

#: Bump when the stored layout changes.
FORMAT = 1
#: CPU time (user + system, the forked renderer included) of the cold command-line build of the Zhengzhou
#: example (PDF + PPTX, empty figure cache, other caches warm; median of 5 fresh processes each, alternating,
#: 2 cores): with every label's word ends stored, and with none stored.
MEASURED = "1.03 s with, 1.21 s without (0.18 s, 15 %, less)"
#: Labels looked up in this process: a label is broken at many widths, its entry read once.
_SEEN: OrderedDict[str, frozenset[int]] = OrderedDict()
_MAX_SEEN = 4096


def use_stored_word_ends() -> None:
    """Find the word ends of labels from stored entries (see the module's docstring for the gain)."""
    segment_with(stored_word_ends)


def _entry(text: str) -> Path:
    key = content_key(hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest(), FORMAT)
    return cache_root() / "word-ends" / (key + ".marshal")


def stored_word_ends(text: str) -> frozenset[int]:
    """``dictionary_word_ends(text)``, from its stored entry when there is a sound one."""
    found = _SEEN.get(text)
    if found is not None:
        _SEEN.move_to_end(text)
        return found
    entry = _entry(text)
    ends = _read(entry, len(text))
    if ends is None:
        ends = dictionary_word_ends(text)
        write_entry(entry, marshal.dumps(tuple(sorted(ends))))
    _SEEN[text] = ends
    if len(_SEEN) > _MAX_SEEN:
        _SEEN.popitem(last=False)
    return ends


def _read(entry: Path, length: int) -> frozenset[int] | None:
    data = read_entry(entry)
    if data is None:
        return None
    try:
        value = marshal.loads(data)
    except (EOFError, ValueError, TypeError):
        return None
    if not isinstance(value, tuple) or not all(type(i) is int and 0 < i <= length for i in value):
        return None
    return frozenset(value)
