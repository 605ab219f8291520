"""What changed between two editions of a report: ``zzreport diff OLD NEW``.

A scheduled job rebuilds a report when its data change, and the reviewer
of that commit must see which numbers changed, not that a PDF's sha256 did.
Two manifests (or two output folders, paired by spec name) are compared
item by item under the keys of :mod:`zzreport.content`: each card, table
cell and figure point whose printed text or number changed, was added or
was removed; then the inputs whose bytes changed and the outputs whose
bytes changed. Two identical editions give no change at all.

A manifest may be hand-edited or planted: whatever it holds, reading it
either succeeds or raises :class:`ManifestError` with one line saying why,
and every text taken from it is printed with its escapes shown.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from zzreport.content import KEY_FIELDS, KINDS, NAME_FIELDS, REF, key_of
from zzreport.manifest import read_manifest
from zzreport.writers.registry import FORMATS

#: A manifest's file name ends so: ``<spec name>.manifest.json``.
SUFFIX = ".manifest.json"

#: What one item of each kind is called in a line of text, and the heading of its Markdown table.
NOUNS = {
    "values": ("value", "Named values"),
    "titles": ("title", "Table and figure titles"),
    "cards": ("card", "KPI cards"),
    "tables": ("cell", "Table cells"),
    "figures": ("point", "Figure data"),
    "inputs": ("input", "Inputs"),
    "outputs": ("output", "Outputs"),
    "build": ("build", "Build"),
}

#: The kinds of change that leave every item the reader sees as it was.
FILES_ONLY = frozenset({"inputs", "outputs", "build"})

#: The longest text shown from a manifest; a longer one ends in "…".
SHOWN_CHARS = 120


class ManifestError(Exception):
    """A manifest that cannot be compared: missing, not JSON, of another format, or of the wrong shape."""


@dataclass(frozen=True)
class Change:
    """One changed item: ``old`` is None for an added item, ``new`` is None for a removed one."""

    kind: str  # a key of NOUNS
    key: tuple[str, ...]
    old: str | None
    new: str | None


@dataclass(frozen=True)
class ReportDiff:
    """The changes of one report (by spec name); ``status`` says whether it is new, gone or in both."""

    name: str
    status: str  # "changed", "added" (only in NEW), "removed" (only in OLD)
    changes: tuple[Change, ...] = ()

    @property
    def quiet(self) -> bool:
        """Whether no item the reader sees changed, only files: an input (the CSV every slice of a batch
        reads), the outputs' bytes and why (a new SOURCE_DATE_EPOCH rebuilds every report of a batch)."""
        return self.status == "changed" and all(c.kind in FILES_ONLY for c in self.changes)


def compare_paths(old: Path, new: Path) -> list[ReportDiff]:
    """The reports that differ between ``old`` and ``new``: two manifests, or two folders of them.

    Folders pair their manifests by spec name; a report in only one of them
    is added or removed. Raises :class:`ManifestError` for a path that is
    missing, for a file beside a folder, and for any manifest that cannot be read.
    """
    for path in (old, new):
        if not path.exists():
            raise ManifestError(f"{path}: no such file or folder")
    if old.is_dir() != new.is_dir():
        raise ManifestError(f"compare two manifests or two folders, not a {_what(old)} with a {_what(new)}")
    if not old.is_dir():
        diff = compare(load(old), load(new))
        return [ReportDiff(_shown(_spec_name(new)), "changed", tuple(diff))] if diff else []
    olds, news = _manifests(old), _manifests(new)
    if not olds and not news:
        raise ManifestError(f"neither {old} nor {new} holds a manifest (*{SUFFIX})")
    reports: list[ReportDiff] = []
    for name in sorted(set(olds) | set(news)):
        if name not in olds:
            load(news[name])
            reports.append(ReportDiff(name, "added"))
        elif name not in news:
            load(olds[name])
            reports.append(ReportDiff(name, "removed"))
        else:
            diff = compare(load(olds[name]), load(news[name]))
            if diff:
                reports.append(ReportDiff(name, "changed", tuple(diff)))
    return reports


def _what(path: Path) -> str:
    return "folder" if path.is_dir() else "file"


def _spec_name(path: Path) -> str:
    return path.name[: -len(SUFFIX)] if path.name.endswith(SUFFIX) else path.stem


def _manifests(folder: Path) -> dict[str, Path]:
    return {_shown(_spec_name(p)): p for p in sorted(folder.glob(f"*{SUFFIX}")) if p.is_file()}


def load(path: Path) -> dict[str, Any]:
    """A manifest's data, checked for what a diff reads; :class:`ManifestError` says why it cannot be used."""
    data, problem = read_manifest(path)
    if data is None:
        raise ManifestError(f"{path}: {problem}")
    content = data.get("content")
    if not isinstance(content, dict):
        raise ManifestError(f"{path}: manifest {path.name} is invalid (`content` is missing or not an object)")
    for kind, entries in content.items():
        if kind not in KEY_FIELDS:
            raise ManifestError(f"{path}: manifest {path.name} is invalid (unknown content `{_shown(kind)}`)")
        if not (isinstance(entries, list) and all(isinstance(e, dict) for e in entries)):
            raise ManifestError(f"{path}: manifest {path.name} is invalid (`content.{kind}` must be a list of objects)")
    return data


def compare(old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    """Every change from the manifest ``old`` to ``new``, kind by kind in :data:`NOUNS`' order."""
    changes: list[Change] = []
    for kind in KINDS:
        changes.extend(_content_changes(kind, old["content"].get(kind, []), new["content"].get(kind, [])))
    changes.extend(_digest_changes("inputs", old["inputs"], new["inputs"], "changed"))
    old_outputs = {str(o["path"]): o for o in old["outputs"]}
    new_outputs = {str(o["path"]): o for o in new["outputs"]}
    for name in _union(old_outputs, new_outputs):
        was, now = old_outputs.get(name), new_outputs.get(name)
        if was is None or now is None or was["sha256"] != now["sha256"]:
            shown = (_shown(name),)
            changes.append(Change("outputs", shown, _output(was) if was else None, _output(now) if now else None))
    if old["zzreport"] != new["zzreport"]:
        changes.append(Change("build", ("zzreport",), _shown(old["zzreport"]), _shown(new["zzreport"])))
    for name in _union(old["settings"], new["settings"]):
        was_set, now_set = old["settings"].get(name), new["settings"].get(name)
        if was_set != now_set:
            changes.append(Change("build", ("settings", _shown(name)), _shown(was_set), _shown(now_set)))
    return changes


def _union(a: Iterable[str], b: Iterable[str]) -> list[str]:
    """The names of ``a`` in their order, then those only in ``b``."""
    names = dict.fromkeys(a)
    return [*names, *(name for name in dict.fromkeys(b) if name not in names)]


Entry = dict[str, Any]
Key = tuple[str, ...]


def _content_changes(kind: str, old: list[Entry], new: list[Entry]) -> Iterator[Change]:
    """The changed, added and removed items of ``kind``; a renamed table or figure once as a title change."""
    fields = KEY_FIELDS[kind]
    before = {key_of(kind, e): e for e in old}
    after = {key_of(kind, e): e for e in new}
    partner = _renamed(
        kind, [k for k in before if k not in after], [k for k in after if k not in before], before, after
    )
    titles: dict[Key, tuple[str, str]] = {}
    pairs: list[tuple[Key, Entry | None, Entry | None]] = []
    for key, was in before.items():
        if key in after:
            pairs.append((key, was, after[key]))
        elif key in partner:
            now_key = partner[key]
            pairs.append((now_key, was, after[now_key]))
            name = fields.index(NAME_FIELDS[kind])
            titles.setdefault((key[0], str(was.get(REF, ""))), (key[name], now_key[name]))
        else:
            pairs.append((key, was, None))
    taken = set(partner.values())
    pairs += [(key, None, now) for key, now in after.items() if key not in before and key not in taken]
    for (section, ref), (was_name, now_name) in titles.items():
        yield Change("titles", (_shown(section), _shown(ref)), _shown(was_name), _shown(now_name))
    for key, before_entry, after_entry in pairs:
        if _same(before_entry, after_entry, fields):
            continue
        old_text, new_text = _seen(before_entry, fields), _seen(after_entry, fields)
        if before_entry is not None and after_entry is not None and old_text == new_text:
            # The same text over another number (52.91万 and 52.94万 both print 52.9万): show the numbers.
            old_text, new_text = _with_numbers(before_entry, fields), _with_numbers(after_entry, fields)
        yield Change(kind, tuple(_shown(part) for part in key), old_text, new_text)


def _same(was: Entry | None, now: Entry | None, fields: Sequence[str]) -> bool:
    """Whether two paired entries show the reader the same: their keys and where their table or figure
    sits aside (a renamed figure's title is one change of its own)."""
    if was is None or now is None:
        return was is now
    skip = (*fields, REF)
    return {k: v for k, v in was.items() if k not in skip} == {k: v for k, v in now.items() if k not in skip}


def _renamed(
    kind: str, gone: list[Key], came: list[Key], before: dict[Key, Entry], after: dict[Key, Entry]
) -> dict[Key, Key]:
    """Old key -> new key of the items left over on both sides that differ only in their table's or figure's
    name and sit in the table or figure of the same number label (a title with the month in it)."""
    if kind not in NAME_FIELDS or not gone or not came:
        return {}
    name = KEY_FIELDS[kind].index(NAME_FIELDS[kind])

    def by_place(keys: list[Key], entries: dict[Key, Entry]) -> dict[Key, list[Key]]:
        places: dict[Key, list[Key]] = {}
        for key in keys:
            ref = entries[key].get(REF)
            if isinstance(ref, str) and ref:
                places.setdefault((*key[:name], ref, *key[name + 1 :]), []).append(key)
        return places

    olds, news = by_place(gone, before), by_place(came, after)
    return {olds[p][0]: news[p][0] for p in olds if p in news and len(olds[p]) == 1 and len(news[p]) == 1}


def _seen(entry: dict[str, Any] | None, fields: Sequence[str]) -> str | None:
    """What the reader sees of an entry: its text, then its other printed parts (a card's change, its period)."""
    if entry is None:
        return None
    text = _shown(entry.get("text", ""))
    skip = (*fields, "text", "value", REF)
    extras = [_shown(v) for k, v in entry.items() if k not in skip and isinstance(v, str) and v]
    return "，".join([text, *extras]) if extras else text


def _with_numbers(entry: dict[str, Any], fields: Sequence[str]) -> str:
    numbers = [
        f"{k}={_shown(v)}" for k, v in entry.items() if k not in (*fields, "text", REF) and not isinstance(v, str)
    ]
    return f"{_seen(entry, fields)} ({', '.join(numbers)})"


def _digest_changes(kind: str, old: dict[str, str], new: dict[str, str], verb: str) -> Iterator[Change]:
    for name in _union(old, new):
        if old.get(name) != new.get(name):
            yield Change(
                kind,
                (_shown(name),),
                verb if name in old else None,
                verb if name in new else None,
            )


def _output(entry: dict[str, Any]) -> str:
    """An output as a change shows it: its size and page or slide count, or who counts them (a ``null`` count)."""
    parts = [f"{entry['size'] / 1024:.0f} KiB" if isinstance(entry.get("size"), int) else ""]
    fmt = FORMATS.get(entry["format"])
    units = [fmt.unit + "s"] if fmt is not None else [f.unit + "s" for f in FORMATS.values()]
    for n in dict.fromkeys(units):
        if isinstance(entry.get(n), int):
            parts.append(f"{entry[n]} {n}")
        elif n in entry and entry[n] is None and fmt is not None and fmt.counted_by:
            parts.append(fmt.count(0))
    return ", ".join(p for p in parts if p) or "present"


def _shown(value: object, limit: int = SHOWN_CHARS) -> str:
    """A value read from a manifest, safe to print: the file may be hand-edited or planted (escapes, huge strings)."""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    if not text.isprintable():
        text = text.encode("unicode_escape").decode("ascii")
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --------------------------------------------------------------------------- text and Markdown


def _ordered(reports: Sequence[ReportDiff]) -> list[ReportDiff]:
    """The reports with a changed item first, then those whose files alone changed."""
    return [r for r in reports if not r.quiet] + [r for r in reports if r.quiet]


def _files(report: ReportDiff) -> tuple[str, str, str]:
    """A quiet report's changed inputs, outputs, and why the outputs changed (the build changes)."""
    inputs = ", ".join(" / ".join(c.key) for c in report.changes if c.kind == "inputs")
    outputs = ", ".join(" / ".join(c.key) for c in report.changes if c.kind == "outputs")
    why = "; ".join(f"{' / '.join(c.key)}: {c.old} → {c.new}" for c in report.changes if c.kind == "build")
    return inputs, outputs, why


def _quiet_line(report: ReportDiff) -> str:
    inputs, outputs, why = _files(report)
    parts = [f"inputs changed: {inputs}" if inputs else "", f"outputs' bytes changed: {outputs}" if outputs else ""]
    return f"{report.name}: no value, card, cell or point changed; " + "; ".join(p for p in (*parts, why) if p)


def as_text(reports: Sequence[ReportDiff]) -> str:
    """One line per change under each report's name, then one line for each report whose files alone
    changed; empty when nothing changed."""
    lines: list[str] = []
    for report in _ordered(reports):
        if report.quiet:
            lines.append(_quiet_line(report))
            continue
        if report.status != "changed":
            lines.append(f"{report.name}: {'new report' if report.status == 'added' else 'report removed'}")
            continue
        lines.append(f"{report.name}:")
        for change in report.changes:
            noun = NOUNS[change.kind][0]
            key = " / ".join(change.key)
            if change.kind == "inputs":
                lines.append(f"  {noun} {key}: {_state(change)}")
            elif change.old is None:
                lines.append(f"  {noun} {key}: added, {change.new}")
            elif change.new is None:
                lines.append(f"  {noun} {key}: removed, was {change.old}")
            elif change.kind == "outputs":
                lines.append(f"  {noun} {key}: bytes changed ({change.old} → {change.new})")
            else:
                lines.append(f"  {noun} {key}: {change.old} → {change.new}")
    return "".join(line + "\n" for line in lines)


#: The column headings of each kind's key in a Markdown table.
KEY_HEADINGS = {
    "values": ("name",),
    "titles": ("section", "number"),
    "cards": ("section", "card"),
    "tables": ("section", "table", "row", "column"),
    "figures": ("section", "figure", "series", "category"),
    "inputs": ("input",),
    "outputs": ("output",),
    "build": ("what",),
}


def as_markdown(reports: Sequence[ReportDiff]) -> str:
    """A pull-request body: a heading per report, a table per kind of change; empty when nothing changed."""
    parts: list[str] = []
    for report in _ordered(reports):
        if report.quiet:
            continue
        if report.status != "changed":
            parts.append(f"### {_md(report.name)}\n\n{'New report.' if report.status == 'added' else 'Removed.'}\n")
            continue
        parts.append(f"### {_md(report.name)}\n")
        for kind in NOUNS:
            changes = [c for c in report.changes if c.kind == kind]
            if not changes:
                continue
            headings = KEY_HEADINGS[kind]
            states = kind == "inputs"  # a digest says nothing to a reader: whether it changed, came or went
            columns = (*headings, "change") if states else (*headings, "old", "new")
            rows = [f"| {' | '.join(columns)} |", "|" + "---|" * len(columns)]
            for change in changes:
                values = [_state(change)] if states else [_md_value(change.old), _md_value(change.new)]
                rows.append("| " + " | ".join(_md(cell) for cell in [*change.key, *values]) + " |")
            parts.append(f"**{NOUNS[kind][1]}**\n\n" + "\n".join(rows) + "\n")
    quiet = [r for r in reports if r.quiet]
    if quiet:
        rows = ["| report | inputs changed | outputs' bytes changed | why |", "|---|---|---|---|"]
        rows += ["| " + " | ".join(_md(cell) for cell in (r.name, *_files(r))) + " |" for r in quiet]
        parts.append("### No value, card, cell or point changed\n\n" + "\n".join(rows) + "\n")
    return "\n".join(parts)


def _state(change: Change) -> str:
    return "added" if change.old is None else "removed" if change.new is None else "changed"


def _md_value(value: str | None) -> str:
    return "—" if value is None else value


def _md(text: str) -> str:
    """``text`` safe in a Markdown table cell: pipes, backslashes, emphasis and tags escaped; one line."""
    out = text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")
    for char in "*_`<>[]":
        out = out.replace(char, "\\" + char)
    return out
