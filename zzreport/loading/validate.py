"""Turn pydantic's validation errors into located, human messages.

pydantic reports a location as a tuple that mixes real keys with union
branch names and discriminator tags. We walk that tuple along the data the
author actually wrote, keeping only the steps that exist in it, so each
message points at the author's own key and line.
"""

from __future__ import annotations

import calendar
import copy
import dataclasses
import difflib
import re
import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from zzreport.errors import Problem, SpecError, describe_value
from zzreport.language import models
from zzreport.language.models import BLOCK_KINDS, FILE_NAME_PATTERN, PAIR_KEYS, TAG_PREFIX, Report
from zzreport.loading.yaml_source import KeyPath, SourceDoc, format_path

_PATTERN_HINTS = {
    r"^#[0-9A-Fa-f]{6}$": "expected a colour as #RRGGBB",
    r"^[a-z][a-z0-9-]*$": "expected an id of lowercase letters, digits and hyphens, starting with a letter",
    r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$": "expected a language tag such as zh-CN",
    FILE_NAME_PATTERN: "expected a plain file name (no folders, not hidden)",
}


def suggest(word: str, choices: typing.Iterable[str]) -> str:
    """`` (did you mean `title`?)`` for the closest choice, or an empty string."""
    match = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean `{match[0]}`?)" if match else ""


def _unwrap(annotation: Any) -> list[Any]:
    """The concrete types behind Optional/Union/Annotated."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        out: list[Any] = []
        for arg in typing.get_args(annotation):
            out.extend(_unwrap(arg))
        return out
    return [annotation]


def _model_at(loc: tuple[Any, ...]) -> type[BaseModel] | None:
    """The model class that validated the mapping at pydantic location ``loc``."""
    current: list[Any] = [Report]
    for step in loc:
        nxt: list[Any] = []
        for candidate in current:
            if isinstance(step, str) and step.startswith(TAG_PREFIX):
                kind = step[len(TAG_PREFIX) :]
                model = models.PairBlock if kind == "pair" else BLOCK_KINDS.get(kind)
                if model is not None and candidate is not None:
                    nxt.append(model)
                continue
            if isinstance(candidate, type) and issubclass(candidate, BaseModel):
                if isinstance(step, str) and step in candidate.model_fields:
                    nxt.extend(_unwrap(candidate.model_fields[step].annotation))
                continue
            origin = typing.get_origin(candidate)
            if origin in (list, tuple) and isinstance(step, int):
                args = typing.get_args(candidate)
                if args:
                    nxt.extend(_unwrap(args[0]))
        current = nxt
        if not current:
            return None
    for candidate in current:
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            return candidate
    # A discriminated union of blocks that failed before picking a branch.
    return None


def _author_path(data: Any, loc: tuple[Any, ...], keep_last: bool) -> KeyPath:
    """Keep the steps of ``loc`` that exist in the author's data."""
    path: list[str | int] = []
    node = data
    for i, step in enumerate(loc):
        in_dict = isinstance(node, dict) and isinstance(step, str) and step in node
        in_list = isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node)
        if in_dict or in_list:
            path.append(step)
            node = node[step]
        elif keep_last and i == len(loc) - 1 and isinstance(step, str) and isinstance(node, dict):
            path.append(step)
    return tuple(path)


def _value_at(data: Any, path: KeyPath) -> Any:
    node = data
    for step in path:
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            return None
    return node


def _block_kind_message(value: Any) -> str:
    kinds = [*BLOCK_KINDS, "review", "plan"]
    if not isinstance(value, dict):
        return f"expected a block (a mapping such as `paragraph: …`), got {describe_value(value)}"
    found = [k for k in BLOCK_KINDS if k in value] + (["review/plan"] if any(k in value for k in PAIR_KEYS) else [])
    if found:
        return "a block has exactly one kind key; found " + " and ".join(f"`{k}`" for k in found)
    hints = "".join(suggest(k, kinds) for k in value if isinstance(k, str))
    return "a block needs one kind key: " + ", ".join(f"`{k}`" for k in kinds) + hints


_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
#: Month names in English whatever the process locale (calendar.month_name follows LC_TIME).
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")  # fmt: skip


def _date_message(value: Any, got: str) -> str:
    """Say *why* a date written as YYYY-MM-DD is not one: the day, month or year does not exist."""
    match = _ISO_DATE.fullmatch(value) if isinstance(value, str) else None
    if match is None:
        return f"expected a date as YYYY-MM-DD, got {got}"
    year, month, day = (int(part) for part in match.groups())
    if year == 0:
        why = "there is no year 0000"
    elif not 1 <= month <= 12:
        why = "a month is 01 to 12"
    elif 1 <= day <= (days := calendar.monthrange(year, month)[1]):
        return f"expected a date as YYYY-MM-DD, got {got}"
    else:
        why = f"{_MONTHS[month - 1]} {year} has {days} days"
    return f"the date {value} does not exist ({why})"


def _looks_numeric(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _looks_boolean(text: str) -> bool:
    return text in ("true", "false")


def _unquote_hint(value: Any, looks_like: typing.Callable[[str], bool]) -> str:
    """``; remove the quotes …`` when quoted text reads as the number or boolean that was expected."""
    if isinstance(value, str) and looks_like(value.strip()):
        return f" (quoted, so it is text); write {value.strip()} without quotes"
    return ""


_PERCENT = re.compile(r"\s*([-+]?[0-9]+(?:\.[0-9]+)?)\s*[%％]\s*")


def _number_hint(value: Any, loc: tuple[Any, ...]) -> str:
    """What to write instead of text where a number belongs: ``'18'`` unquoted, ``5.3%`` with its unit apart."""
    percent = _PERCENT.fullmatch(value) if isinstance(value, str) else None
    if percent and isinstance(loc[-1], str):
        return f"; write {loc[-1]}: {percent.group(1)} with unit: '%'"
    return _unquote_hint(value, _looks_numeric)


def _message(error: ErrorDetails, value: Any, loc: tuple[Any, ...]) -> str:
    kind = error["type"]
    ctx = error.get("ctx") or {}
    got = describe_value(error.get("input", value))
    if kind == "missing":
        return f"required key `{loc[-1]}` is missing"
    if kind == "extra_forbidden":
        key = str(loc[-1])
        model = _model_at(loc[:-1])
        choices = list(model.model_fields) if model else []
        return f"unknown key `{key}`{suggest(key, choices)}"
    if kind == "block_kind":
        return _block_kind_message(error.get("input"))
    if kind in ("float_parsing", "float_type", "int_parsing", "int_type", "int_from_float"):
        what = "a whole number" if kind.startswith("int") else "a number"
        return f"expected {what}, got {got}{_number_hint(error.get('input'), loc)}"
    if kind == "finite_number":
        return f"expected a finite number, got {got}"
    if kind == "string_type":
        return f"expected text, got {got}"
    if kind in ("bool_type", "bool_parsing"):
        return f"expected true or false, got {got}{_unquote_hint(error.get('input'), _looks_boolean)}"
    if kind in ("list_type", "tuple_type"):
        return f"expected a list, got {got}"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"expected a mapping, got {got}"
    if kind == "literal_error":
        return f"expected {ctx.get('expected')}, got {got}"
    if kind == "string_pattern_mismatch":
        hint = _PATTERN_HINTS.get(ctx.get("pattern", ""), f"expected text matching {ctx.get('pattern')}")
        return f"{hint}, got {got}"
    if kind == "too_short":
        if isinstance(error.get("input"), str):
            return "must not be empty"
        return f"expected at least {ctx.get('min_length')} item(s), got {ctx.get('actual_length')}"
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "string_too_long":
        return f"expected at most {ctx.get('max_length')} characters"
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        sign = {"greater_than_equal": "≥", "greater_than": ">", "less_than_equal": "≤", "less_than": "<"}[kind]
        limit = next(iter(ctx.values()))
        return f"expected a number {sign} {limit:g}, got {got}"
    if kind.startswith("date") or kind.startswith("datetime"):
        return _date_message(error.get("input", value), got)
    if kind == "value_error":
        return str(ctx.get("error", error["msg"]))
    if kind in ("duplicate_id", "output_suffix"):
        return error["msg"]
    return error["msg"]


def _error_paths(exc: ValidationError, source: SourceDoc) -> list[KeyPath]:
    """The author's key path of every error (as :func:`problems_from` locates them)."""
    paths = []
    for error in exc.errors(include_url=False):
        loc = tuple(error["loc"]) + tuple((error.get("ctx") or {}).get("loc", ()))
        paths.append(_author_path(source.data, loc, keep_last=False))
    return paths


def _one_or_a_list(errors: list[ErrorDetails], source: SourceDoc) -> list[ErrorDetails]:
    """The errors of a value that may be one of some names or a list of them (``show:``), as one branch's.

    pydantic reports each branch of such a union: a name that is none of
    them also gets "expected a list", and a list also gets "expected one of
    the names, got a list" beside its own faults. So a name keeps only the
    names' error (saying a list of them would do), and a list only its own.
    """
    paths = [_author_path(source.data, tuple(e["loc"]), keep_last=False) for e in errors]
    kinds_at: dict[KeyPath, list[str]] = {}  # the kind of every error at each path
    for path, error in zip(paths, errors, strict=True):
        kinds_at.setdefault(path, []).append(error["type"])
    kept: list[ErrorDetails] = []
    for path, error in zip(paths, errors, strict=True):
        kind, here = error["type"], kinds_at[path]
        is_list = isinstance(_value_at(source.data, path), list)
        if kind == "list_type" and "literal_error" in here and not is_list:
            continue  # a name that is none of them: the names' error says it
        # A list checked against the names: noise where the list's own branch says what is wrong.
        if (kind == "literal_error" and is_list) and (
            len(here) > 1 or any(p != path and p[: len(path)] == path for p in kinds_at)
        ):
            continue
        if kind == "literal_error" and "list_type" in here:
            ctx = dict(error.get("ctx") or {})
            ctx["expected"] = f"{ctx.get('expected')}, or a list of them"
            error = {**error, "ctx": ctx}
        kept.append(error)
    return kept


def problems_from(exc: ValidationError, source: SourceDoc) -> list[Problem]:
    """Every pydantic error as a located :class:`Problem`, deduplicated."""
    problems: dict[tuple[KeyPath, str], Problem] = {}
    for error in _one_or_a_list(exc.errors(include_url=False), source):
        loc = tuple(error["loc"])
        ctx = error.get("ctx") or {}
        if "loc" in ctx:  # a model's own check names the key it is about (duplicate ids, output names, …)
            loc = loc + tuple(ctx["loc"])
        kind = error["type"]
        path = _author_path(source.data, loc, keep_last=kind in ("missing", "extra_forbidden"))
        value = _value_at(source.data, path)
        message = _message(error, value, loc)
        if kind == "extra_forbidden":
            location = source.locate(path, key=True)
        elif kind == "missing":
            location = source.locate(path[:-1]).at(source.locate(path).path)
        else:
            location = source.locate(path)
        problems.setdefault((path, message), Problem(location, message))
    # `titel` (did you mean `title`?) already explains the missing `title`.
    suggested = {
        (p.location.path.rsplit(".", 1)[0] if "." in p.location.path else "", p.message.split("`")[-2])
        for p in problems.values()
        if "(did you mean" in p.message and p.message.startswith("unknown key")
    }
    kept = [
        p
        for (path, _), p in problems.items()
        if not (p.message.startswith("required key") and (format_path(path[:-1]), str(path[-1])) in suggested)
    ]
    # A union that failed in every branch reports each; keep the most specific ones.
    return _drop_union_noise(kept)


def _drop_union_noise(problems: list[Problem]) -> list[Problem]:
    by_path: dict[str, list[Problem]] = {}
    for problem in problems:
        by_path.setdefault(problem.location.path, []).append(problem)
    out: list[Problem] = []
    for group in by_path.values():
        if len(group) > 1:
            # e.g. a table cell that is neither number nor text
            texts = [p for p in group if p.message.startswith("expected text")]
            if texts:
                message = texts[0].message.replace("expected text", "expected a number or text")
                group = [Problem(texts[0].location, message)]
        out.extend(group)
    return out


class InvalidSpec(SpecError):
    """A spec that does not validate, with the valid rest of it for the later stages to check.

    ``rest`` is the report with every block, section or optional key that
    has an error replaced by a harmless stand-in (None when what failed
    cannot be stood in for, such as the title), so resolving it finds the
    problems of the rest (a missing data file, a row of the wrong length) and
    the author sees them all in one run, not one stage after another.
    """

    def __init__(self, problems: list[Problem], rest: Report | None) -> None:
        super().__init__(problems)
        self.rest = rest


_REQUIRED_TOP = {name for name, info in Report.model_fields.items() if info.is_required()}


def _stand_in(data: Any, paths: list[KeyPath]) -> Any:
    """A copy of ``data`` with what each error path points into replaced, or None when that is not possible."""
    if not isinstance(data, dict) or not isinstance(data.get("sections"), list):
        return None
    data = copy.deepcopy(data)
    sections = data["sections"]
    stood_in: set[int] = set()
    # Whole sections first, so a block's error inside a section that is stood in for is not looked for in it.
    for path in sorted(paths, key=lambda p: (len(p) >= 4 and p[:1] == ("sections",) and p[2] == "blocks", str(p))):
        if len(path) >= 4 and path[0] == "sections" and path[2] == "blocks" and isinstance(path[3], int):
            section, block = path[1], path[3]
            if section in stood_in:
                continue
            sections[section]["blocks"][block] = {"paragraph": ""}
            continue
        if len(path) >= 2 and path[0] == "sections" and isinstance(path[1], int):
            sections[path[1]] = {"id": f"zz-stand-in-{path[1]}", "title": "-", "blocks": []}
            stood_in.add(path[1])
        elif (
            len(path) >= 2
            and path[0] == "params"
            and isinstance(data.get("params"), dict)
            and path[1] in data["params"]
        ):
            # A param stands in as an empty text, so its `{params.…}` placeholders are not reported as unknown.
            data["params"][path[1]] = {"default": ""}
        elif len(path) >= 1 and isinstance(path[0], str) and path[0] not in _REQUIRED_TOP:
            data.pop(path[0], None)
        else:
            return None
    return data


def validate(source: SourceDoc) -> Report:
    """Validate parsed data into a :class:`Report`, or raise :class:`InvalidSpec` with every problem."""
    try:
        report = Report.model_validate(source.data)
    except ValidationError as exc:
        problems = problems_from(exc, source)
        rest = None
        data = _stand_in(source.data, _error_paths(exc, source))
        if data is not None:
            try:
                rest = Report.model_validate(data)
            except ValidationError:
                rest = None
            else:
                rest._origin = dataclasses.replace(source, data=data)
        raise InvalidSpec(problems, rest) from None
    return report
