"""Safe YAML reading that remembers where every key and value came from.

PyYAML's own loaders forget positions, silently keep the last of two equal
keys, recurse (so deep nesting crashes the interpreter) and expand aliases
without bound. This module builds plain Python data from the parser's event
stream with an explicit stack instead, recording each node's line and
column, refusing duplicate keys, and counting nodes (aliases included) so
that a small file cannot expand into a huge document. What each scalar
means (YAML 1.2's core schema, ambiguous forms refused) is decided by
:mod:`zzreport.loading.scalars`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml

from zzreport.errors import Location, Problem, SpecError, describe_value, display_path
from zzreport.loading import scalars
from zzreport.regular_files import regular_file_problem

KeyPath = tuple[str | int, ...]

#: The pure-Python parser: libyaml's C parser scans ahead and applies its own
#: nesting limit before our depth check sees the events, so its messages and
#: positions would differ by installation. It decides every message.
_Parser = yaml.SafeLoader
#: libyaml's parser, when PyYAML was built with it: about ten times faster. A
#: file without tabs that it parses gives the same events and positions; any
#: file it rejects, and any file with a tab (which libyaml accepts in places the
#: Python parser does not), is parsed by :data:`_Parser`, so neither what is
#: valid nor any message depends on it.
_FastParser: Any = getattr(yaml, "CSafeLoader", None)


@dataclass(frozen=True)
class Limits:
    """Bounds that protect the loader; a real report stays far below them."""

    max_bytes: int = 10 * 1024 * 1024
    max_depth: int = 64
    max_nodes: int = 1_000_000
    #: Largest magnitude of a number: beyond it a float loses whole units (2**53 ≈ 9e15)
    #: and a long enough integer cannot even be read by Python.
    max_number: float = 1e15


@dataclass
class SourceDoc:
    """Parsed spec data plus the position of every value and key in the file."""

    file: Path
    data: Any
    value_marks: dict[KeyPath, tuple[int, int]] = field(default_factory=dict)
    key_marks: dict[KeyPath, tuple[int, int]] = field(default_factory=dict)

    @cached_property
    def name(self) -> str:
        """The file as the user would type it (resolved once: every located value names it)."""
        return display_path(self.file)

    def locate(self, path: KeyPath, *, key: bool = False) -> Location:
        """Location of the value (or, with ``key``, of the key) at ``path``.

        Paths that were not recorded (inside an aliased node, or a key that
        is missing) fall back to the closest recorded ancestor.
        """
        dotted = format_path(path)
        if key and path in self.key_marks:
            line, col = self.key_marks[path]
            return Location(self.name, line, col, dotted)
        probe = path
        while True:
            if probe in self.value_marks:
                line, col = self.value_marks[probe]
                return Location(self.name, line, col, dotted)
            if not probe:
                return Location(self.name, 1, 1, dotted)
            probe = probe[:-1]


def format_path(path: KeyPath) -> str:
    """``('sections', 2, 'title')`` -> ``sections[2].title``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


class _Builder:
    """Turns parser events into data with marks, iteratively."""

    def __init__(self, doc: SourceDoc, limits: Limits, text: str) -> None:
        self.doc = doc
        self.text = text
        self.limits = limits
        self.problems: list[Problem] = []
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.nodes = 0
        #: The open mappings and lists, innermost last: where a syntax error stops the reading.
        self.stack: list[_Frame] = []

    def loc(self, mark: Any, path: KeyPath) -> Location:
        return Location(self.doc.name, mark.line + 1, mark.column + 1, format_path(path))

    def fail(self, mark: Any, path: KeyPath, message: str) -> None:
        self.problems.append(Problem(self.loc(mark, path), message))

    def count(self, n: int, mark: Any, path: KeyPath) -> None:
        self.nodes += n
        if self.nodes > self.limits.max_nodes:
            raise SpecError(
                [
                    Problem(
                        self.loc(mark, path),
                        f"the document expands to more than {self.limits.max_nodes} nodes "
                        "(an alias/anchor bomb?); raise the limit with --max-nodes "
                        "if this is intended",
                    )
                ]
            )

    def scalar(self, event: Any, path: KeyPath, *, key: bool = False) -> Any:
        """The scalar's value (see :mod:`~zzreport.loading.scalars`); a key is always its text."""
        tag, text = event.tag, event.value
        try:
            if tag is not None:
                problem = scalars.tag_problem(tag, "scalar")
                if problem:
                    self.fail(event.start_mark, path, problem)
                    return None
                value = scalars.tagged(text, tag, self.limits.max_number)
            elif key or not event.implicit[0]:  # a key, or a quoted or block scalar: text
                value = text
            else:
                value = scalars.plain(text, self.limits.max_number)
        except scalars.ScalarError as exc:
            self.fail(event.start_mark, path, str(exc))
            return None
        if key:
            value = text
        if event.style != "|" and isinstance(value, str) and " " in value:
            value = _unfold_cjk(value, _source_of(event, self.text))
        return value

    def open_path(self) -> KeyPath:
        """The key path being read (the list, or the key whose value is open): a syntax error is reported there."""
        if not self.stack:
            return ()
        top = self.stack[-1]
        return top.child_path() if isinstance(top.container, dict) else top.path

    def _mark(self, path: KeyPath, mark: Any, *, key: bool = False) -> None:
        marks = self.doc.key_marks if key else self.doc.value_marks
        if not key or path not in marks:  # a duplicate key keeps the first key's position
            marks[path] = (mark.line + 1, mark.column + 1)

    def build(self, events: Any) -> Any:
        """Consume one document's events; return its data (or ``_EMPTY``)."""
        stack = self.stack
        result: list[Any] = []

        def attach(value: Any, size: int, mark: Any) -> None:
            if not stack:
                result.append(value)
            else:
                self._add(stack[-1], value, size, mark)

        for event in events:
            if isinstance(event, yaml.DocumentStartEvent) and event.version not in (None, (1, 2)):
                version = ".".join(map(str, event.version))
                self.fail(
                    event.start_mark,
                    (),
                    f"a spec is read as YAML 1.2; remove the `%YAML {version}` directive "
                    "(what YAML 1.1 reads otherwise is refused or kept as text)",
                )
            if isinstance(event, (yaml.StreamStartEvent, yaml.DocumentStartEvent)):
                continue
            if isinstance(event, (yaml.DocumentEndEvent, yaml.StreamEndEvent)):
                break
            top = stack[-1] if stack else None
            path = top.child_path() if top else ()
            in_key = top is not None and top.expects_key
            mark = event.start_mark
            if isinstance(event, yaml.AliasEvent):
                if event.anchor not in self.anchors:
                    self.fail(mark, path, f"unknown alias *{event.anchor}")
                    attach(None, 1, mark)
                    continue
                value, size = self.anchors[event.anchor]
                self.count(size, mark, path)
                if not in_key:
                    self._mark(path, mark)
                attach(value, size, mark)
            elif isinstance(event, yaml.ScalarEvent):
                self.count(1, mark, path)
                value = self.scalar(event, path, key=in_key)
                if in_key:
                    self._mark((*path, "" if value is None else value), mark, key=True)
                else:
                    self._mark(path, mark)
                if event.anchor:
                    self.anchors[event.anchor] = (value, 1)
                attach(value, 1, mark)
            elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                self.count(1, mark, path)
                kind = "mapping" if isinstance(event, yaml.MappingStartEvent) else "sequence"
                problem = scalars.tag_problem(event.tag, kind) if event.tag is not None else None
                if problem:
                    self.fail(mark, path, problem)
                if len(stack) + 1 > self.limits.max_depth:
                    raise SpecError.single(
                        self.loc(mark, path[:4]),
                        f"nesting is deeper than {self.limits.max_depth} levels; "
                        "raise the limit with --max-depth if this is intended",
                    )
                if not in_key:
                    self._mark(path, mark)
                container: Any = {} if isinstance(event, yaml.MappingStartEvent) else []
                stack.append(_Frame(container, path, event.anchor, mark))
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                frame = stack.pop()
                self._apply_merges(frame)
                if frame.anchor:
                    self.anchors[frame.anchor] = (frame.container, frame.size)
                attach(frame.container, frame.size, frame.mark)
        return result[0] if result else _EMPTY

    def _add(self, frame: _Frame, value: Any, size: int, mark: Any) -> None:
        """Put a finished value into the open list or mapping (as a key or as the pending key's value)."""
        frame.size += size
        if isinstance(frame.container, list):
            frame.container.append(value)
            return
        if frame.expects_key:
            if isinstance(value, (dict, list)):
                self.fail(mark, frame.path, "a mapping key must be plain text, not a mapping or list")
                frame.key = _BAD_KEY
            else:
                frame.key = "" if value is None else str(value)  # str(): a number's own text
                frame.key_mark = mark
            return
        key, frame.key = frame.key, _NO_KEY
        if key is _BAD_KEY:
            return
        if key == "<<":
            frame.merges.append((value, mark))
        elif key in frame.container:
            first = self.doc.key_marks.get((*frame.path, key))
            where = f" (first defined at line {first[0]})" if first else ""
            self.fail(frame.key_mark, (*frame.path, key), f"duplicate key `{key}`{where}")
        else:
            frame.container[key] = value

    def _apply_merges(self, frame: _Frame) -> None:
        """``<<: *base`` — keys of the merged mappings that the mapping does not set itself."""
        for merged, mark in frame.merges:
            for source in merged if isinstance(merged, list) else [merged]:
                if not isinstance(source, dict):
                    self.fail(mark, frame.path, "`<<` merges need a mapping or a list of mappings")
                    continue
                for key, value in source.items():
                    frame.container.setdefault(key, value)


@dataclass
class _Frame:
    """An open mapping or list while its events are read."""

    container: Any
    path: KeyPath
    anchor: str | None
    mark: Any
    key: Any = None  # the pending key of a mapping; _NO_KEY when the next scalar is a key
    key_mark: Any = None
    size: int = 1
    merges: list[tuple[Any, Any]] = field(default_factory=list)

    def __post_init__(self) -> None:
        if self.key is None:
            self.key = _NO_KEY

    @property
    def expects_key(self) -> bool:
        return isinstance(self.container, dict) and self.key is _NO_KEY

    def child_path(self) -> KeyPath:
        if isinstance(self.container, list):
            return (*self.path, len(self.container))
        if self.key is _NO_KEY or self.key is _BAD_KEY:
            return self.path
        return (*self.path, self.key)


_CJK = re.compile("[\u2e80-\u9fff\u3000-\u303f\uff00-\uffef\uf900-\ufaff]")


def _source_of(event: Any, text: str) -> str:
    """The scalar as written in ``text``, the parsed file (mark indexes count characters)."""
    start, end = event.start_mark, event.end_mark
    if start.index is None or end.index is None:
        return ""
    return text[start.index : end.index]


def _events(text: str) -> Iterator[Any]:
    """The parser events of ``text``: libyaml's when it accepts the file, else the pure-Python parser's."""
    # libyaml accepts a tab after a key's colon, before a comment or in a flow collection, where
    # the pure-Python parser (and so zzreport) refuses it: a file holding tabs is left to the latter.
    if _FastParser is not None and "\t" not in text:
        try:
            return iter(list(yaml.parse(text, Loader=_FastParser)))
        except (yaml.YAMLError, UnicodeEncodeError):  # libyaml encodes the text: a lone surrogate fails there
            pass  # let the pure-Python parser find the problem and word it
    return yaml.parse(text, Loader=_Parser)


def _unfold_cjk(value: str, source: str) -> str:
    """Drop the space YAML puts where it folds a line break between two Chinese characters.

    Folded (``>``), plain and quoted multi-line scalars turn a line break into
    a space; Chinese has no spaces between words, so such a space is an
    artefact of wrapping the spec's source. Only spaces that stand for a
    line break of the source with a CJK character on both sides are dropped;
    a space the author typed (乘势而上 郑州…) stays.
    """
    if "\n" not in source:
        return value
    pairs = []
    for before, after in zip(source.split("\n"), source.split("\n")[1:], strict=False):
        head, tail = before.rstrip(), after.lstrip()
        if head and tail and _CJK.match(head[-1]) and _CJK.match(tail[0]):
            pairs.append(head[-1] + " " + tail[0])
    cursor = 0
    for pair in pairs:
        found = value.find(pair, cursor)
        if found < 0:
            continue
        value = value[: found + 1] + value[found + 2 :]
        cursor = found + 1
    return value


class _Sentinel:
    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return self.name


_NO_KEY = _Sentinel("<no key>")
_BAD_KEY = _Sentinel("<bad key>")
_EMPTY = _Sentinel("<empty>")


def _decode(raw: bytes, name: str) -> str:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise SpecError.single(
            Location(name, 1, 1),
            "the file is UTF-16 encoded; save the spec as UTF-8",
        )
    if b"\x00" in raw:
        offset = raw.index(b"\x00")
        line = raw.count(b"\n", 0, offset) + 1
        col = offset - (raw.rfind(b"\n", 0, offset) + 1) + 1
        raise SpecError.single(
            Location(name, line, col),
            "the file contains NUL bytes: it is binary, not a YAML text file",
        )
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        offset = exc.start
        line = raw.count(b"\n", 0, offset) + 1
        col = len(raw[raw.rfind(b"\n", 0, offset) + 1 : offset].decode("utf-8", "replace")) + 1
        raise SpecError.single(
            Location(name, line, col),
            f"the file is not valid UTF-8 (byte 0x{raw[offset]:02X}); save the spec as UTF-8",
        ) from None


#: Line breaks to YAML 1.1 (and so to PyYAML) that editors show inside a line: they would shift
#: every later line number and split a scalar where the author sees none.
_ODD_BREAKS = re.compile("[\x85\u2028\u2029]")
_ODD_BREAK_NAMES = {"\x85": "NEXT LINE", "\u2028": "LINE SEPARATOR", "\u2029": "PARAGRAPH SEPARATOR"}


def _odd_break_problems(text: str, name: str, most: int = 20) -> list[Problem]:
    """Each line (the first ``most``) holding U+0085, U+2028 or U+2029, typically pasted from a document."""
    if not _ODD_BREAKS.search(text):
        return []
    problems = []
    for number, line in enumerate(text.split("\n"), start=1):
        match = _ODD_BREAKS.search(line)
        if match:
            char = match.group()
            problems.append(
                Problem(
                    Location(name, number, match.start() + 1),
                    f"the character U+{ord(char):04X} ({_ODD_BREAK_NAMES[char]}) is a line break to YAML "
                    "but not in an editor; replace it with a real line break, or remove it",
                )
            )
            if len(problems) == most:
                break
    return problems


def _tab_problems(text: str, name: str) -> list[Problem]:
    problems = []
    for number, line in enumerate(text.splitlines(), start=1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent and line.strip():
            problems.append(
                Problem(
                    Location(name, number, indent.index("\t") + 1),
                    "tab character in indentation; YAML indents with spaces only",
                )
            )
    return problems


#: PyYAML's words for a plain value starting with a character YAML reserves (`%`, `@`, a backquote).
_RESERVED_START = re.compile(r"found character '(.)' that cannot start any token")


def _quote_hint(line: str, column: int, char: str) -> str:
    """Say to quote the value at ``column`` of ``line``, and show it quoted (``unit: '%'``)."""
    before = line[:column]
    in_flow = before.count("{") + before.count("[") > before.count("}") + before.count("]")
    value = line[column:]
    value = re.split(r"\s+#", value, maxsplit=1)[0]
    if in_flow:
        value = re.split(r"[,}\]]", value, maxsplit=1)[0]
    value = value.strip()
    quoted = f"'{value}'" if "'" not in value else '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    key = re.search(r"([^\s{},\[\]]+):\s*$", before)
    shown = f"{key.group(1)}: {quoted}" if key else quoted
    return f"a value cannot start with `{char}` unless it is quoted; write {shown}"


def parse_text(text: str, file: Path, limits: Limits = Limits()) -> SourceDoc:
    """Parse spec text into a :class:`SourceDoc`; raise :class:`SpecError` on any problem."""
    doc = SourceDoc(file=file, data=None)
    name = doc.name
    tab_problems = _odd_break_problems(text, name) or _tab_problems(text, name)
    if tab_problems:
        raise SpecError(tab_problems)
    builder = _Builder(doc, limits, text)
    try:
        events = _events(text)
        data = builder.build(events)
        extra = [e for e in events if isinstance(e, yaml.DocumentStartEvent)]
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        message = exc.problem or "YAML syntax error"
        if exc.context:
            context = exc.context
            start = exc.context_mark
            if start is not None and mark is not None and start.line != mark.line:
                context += f" started at line {start.line + 1}, column {start.column + 1}"
            message = f"{message} ({context})"
        if exc.context == "while scanning an alias":
            message += "; text that starts with `*` (such as **bold**) must be quoted"
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        reserved = _RESERVED_START.fullmatch(exc.problem or "")
        if reserved and mark is not None:
            message = _quote_hint(text.splitlines()[mark.line] if text else "", mark.column, reserved.group(1))
        where = Location(name, line, col, format_path(builder.open_path()))
        # the problems found before the syntax error are real too: all are reported at once
        raise SpecError([*builder.problems, Problem(where, f"YAML syntax error: {message}")]) from None
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow anywhere in a file
        line = text.count("\n", 0, exc.position) + 1
        col = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        message = (
            f"the character U+{exc.character:04X} is not allowed in a YAML file "
            "(no control characters or lone surrogates); remove it"
        )
        raise SpecError([*builder.problems, Problem(Location(name, line, col), message)]) from None
    except yaml.YAMLError as exc:
        raise SpecError.single(Location(name, 1, 1), f"YAML error: {exc}") from None
    if extra:
        second = extra[0].start_mark
        line, col = (second.line + 1, second.column + 1) if second else (1, 1)
        raise SpecError.single(
            Location(name, line, col),
            "the file holds more than one YAML document; a spec is one document",
        )
    if builder.problems:
        raise SpecError(builder.problems)
    if data is _EMPTY or data is None:
        raise SpecError.single(
            Location(name, 1, 1),
            "the spec is empty; expected a mapping with `title` and `sections`",
        )
    if not isinstance(data, dict):
        raise SpecError.single(
            Location(name, 1, 1),
            f"the top level must be a mapping with `title` and `sections`, got {describe_value(data)}",
        )
    doc.data = data
    return doc


def read_source(path: Path | str, limits: Limits = Limits()) -> SourceDoc:
    """Read and parse a spec file, with size, encoding and structure checks."""
    file = Path(path)
    name = display_path(file)
    try:
        size = file.stat().st_size
        if file.is_dir():
            raise SpecError.single(Location(name), "is a folder, not a spec file")
        problem = regular_file_problem(file)
        if problem:
            raise SpecError.single(Location(name), problem)
        if size > limits.max_bytes:
            raise SpecError.single(
                Location(name),
                f"the file is {size} bytes, over the {limits.max_bytes}-byte limit; "
                "raise it with --max-bytes if this is intended",
            )
        raw = file.read_bytes()
    except FileNotFoundError:
        raise SpecError.single(Location(name), "no such file") from None
    except PermissionError:
        raise SpecError.single(Location(name), "permission denied") from None
    except OSError as exc:
        raise SpecError.single(Location(name), f"cannot read: {exc.strerror}") from None
    return parse_text(_decode(raw, name), file, limits)
