"""Checks on a spec given as Python data (:func:`zzreport.load_dict`) before validation.

YAML reaches the models only through :mod:`~zzreport.loading.yaml_source`,
which bounds nesting, node counts and numbers. Data built by a program can
hold anything: a 5,000-digit integer (whose conversion to text raises
Python's ``ValueError`` deep inside validation), a list that contains
itself, nesting deep enough to exhaust the interpreter's stack, bytes or
arbitrary objects. The same bounds apply here, walked with an explicit
stack, and each refusal names the key path.
"""

from __future__ import annotations

import datetime as dt
import decimal
import math
import numbers
from typing import Any

from zzreport.errors import Problem
from zzreport.loading.yaml_source import KeyPath, Limits, SourceDoc

#: What validation takes as it is; numbers.Real admits numpy's and fractions' numbers too.
_SCALARS = (str, bool, numbers.Real, decimal.Decimal, dt.date, type(None))


def data_problems(doc: SourceDoc, limits: Limits) -> list[Problem]:
    """Every value of ``doc.data`` that validation could not take safely, with its key path."""
    problems: list[Problem] = []

    def fail(path: KeyPath, message: str) -> None:
        problems.append(Problem(doc.locate(path), message))

    nodes = 0
    # (path, value, ids of the containers above it): a container among its own ancestors is a cycle
    stack: list[tuple[KeyPath, Any, frozenset[int]]] = [((), doc.data, frozenset())]
    while stack:
        path, value, above = stack.pop()
        nodes += 1
        if nodes > limits.max_nodes:
            fail(path, f"the data holds more than {limits.max_nodes} values")
            break
        if isinstance(value, (dict, list, tuple)):
            if id(value) in above:
                fail(path, "the data contains itself (a cycle); a spec is a tree")
                continue
            if len(path) >= limits.max_depth:
                fail(path[:4], f"nesting is deeper than {limits.max_depth} levels")
                continue
            inner = above | {id(value)}
            if isinstance(value, dict):
                for key, child in value.items():
                    if not isinstance(key, str):
                        fail(path, f"a mapping key must be text, got {type(key).__name__} {_short(key)}")
                        continue
                    stack.append(((*path, key), child, inner))
            else:
                stack.extend(((*path, index), child, inner) for index, child in enumerate(value))
        elif not isinstance(value, _SCALARS):
            fail(path, f"expected text, a number, true/false, a date, a list or a mapping, got {type(value).__name__}")
        elif not isinstance(value, (str, bool, dt.date, type(None))):
            problem = _number_problem(value, limits.max_number)
            if problem:
                fail(path, problem)
    return problems


def _number_problem(value: numbers.Real | decimal.Decimal, max_number: float) -> str | None:
    """Why validation cannot take this number, or None; infinity and NaN are left to it (it says *not finite*).

    An integer is compared exactly (converting a 5,000-digit one to float or text fails);
    anything else through float(), where a finite value that overflows is too large.
    """
    large = f"the number is too large: numbers stay within ±{max_number:g} (write it in a larger unit)"
    if isinstance(value, numbers.Integral):
        return large if abs(int(value)) > max_number else None
    try:
        approx = float(value)
    except OverflowError:
        return large
    except ValueError:  # a signalling NaN
        return "expected a finite number, got a NaN"
    if math.isnan(approx):
        return None
    if math.isinf(approx):
        return large if approx != value else None  # a huge Decimal or Fraction, not an infinity
    return large if abs(approx) > max_number else None


def _short(value: object) -> str:
    """A key shown in a message, cut short: its repr may be huge (or fail)."""
    try:
        text = repr(value)
    except Exception:  # any object may be a key; its repr only decorates the message
        return ""
    return text if len(text) <= 40 else text[:37] + "..."
