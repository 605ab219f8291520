"""Golden IR dumps of both example specs: every word and number the resolver decided, as readable text.

A change to the resolver that alters what any output says shows up here as a
plain diff of ``tests/fixtures/ir/<spec>.txt``, before anyone opens a PDF. When
the change is meant, regenerate the files and read the diff in the commit::

    ZZREPORT_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/ir/test_ir_golden.py
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator, Mapping
from dataclasses import fields, is_dataclass
from pathlib import Path

import pytest

import zzreport
from zzreport import ir
from zzreport.testing import unified_diff

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = Path(__file__).resolve().parents[1] / "fixtures" / "ir"
SPECS = ("zhengzhou-2025", "showcase")
UPDATE = os.environ.get("ZZREPORT_UPDATE_GOLDEN") == "1"


@pytest.mark.parametrize("name", SPECS)
def test_dump_matches_the_golden_file(name: str) -> None:
    document = zzreport.resolve(zzreport.load(ROOT / "specs" / f"{name}.yaml"))
    actual = ir.dump(document)
    golden = GOLDEN / f"{name}.txt"
    if UPDATE:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(actual, encoding="utf-8")
    if not golden.is_file():
        pytest.fail(f"{golden.name} is missing; write it with ZZREPORT_UPDATE_GOLDEN=1", pytrace=False)
    expected = golden.read_text(encoding="utf-8")
    if actual != expected:
        diff = unified_diff(expected, actual, f"{golden.name} (golden)", f"{golden.name} (now)")
        pytest.fail(
            f"the IR of specs/{name}.yaml differs from {golden.relative_to(ROOT)}; if the change is meant, "
            f"regenerate with ZZREPORT_UPDATE_GOLDEN=1 and read the diff:\n{diff}",
            pytrace=False,
        )


def test_dump_is_the_same_from_another_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The dump names files relative to the spec, so it does not depend on where the build runs from."""
    spec = ROOT / "specs" / "showcase.yaml"
    from_root = ir.dump(zzreport.resolve(zzreport.load(spec)))
    monkeypatch.chdir(tmp_path)
    relative = Path(os.path.relpath(spec, tmp_path))
    assert ir.dump(zzreport.resolve(zzreport.load(relative))) == from_root
    assert str(ROOT) not in from_root and str(tmp_path) not in from_root


def shown(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def decided_values(value: object) -> Iterator[str]:
    """Every word and number the document holds, at any depth, as the dump writes it.

    Strings are quoted and numbers bare; a field name is no value, but a mapping's key is (a format's
    name in the output plan: ``pdf="x.pdf"``). The node's location and formats (``@…``, ``in=``) are
    checked by the tests above.
    """
    if isinstance(value, str):
        yield shown(value)
    elif isinstance(value, bool):
        return
    elif isinstance(value, (int, float)):
        yield repr(value)
    elif isinstance(value, Mapping):
        node = is_dataclass(value)
        for k, v in value.items():
            yield f"{k}=" if node else shown(str(k))
            yield from decided_values(v)
    elif is_dataclass(value) and not isinstance(value, type):
        for f in fields(value):
            if f.compare and f.name not in ("where", "targets"):
                yield from decided_values(getattr(value, f.name))
    elif isinstance(getattr(type(value), "model_fields", None), dict):
        for name in type(value).model_fields:  # type: ignore[attr-defined]
            yield from decided_values(getattr(value, name))
    elif isinstance(value, (tuple, list, frozenset, set)):
        for item in value:
            yield from decided_values(item)


@pytest.mark.parametrize("name", SPECS)
def test_dump_shows_every_decided_word_and_number(name: str) -> None:
    """Whatever field the IR grows, each of its words and numbers is in the dump a reviewer reads."""
    document = zzreport.resolve(zzreport.load(ROOT / "specs" / f"{name}.yaml"))
    text = ir.dump(document)
    missing = [v for v in decided_values(document) if v != '""' and v not in text]
    assert not missing, f"values of the document the dump does not show: {missing[:10]}"
