"""The JSON Schema editors and validators use accepts exactly what the loader accepts.

Every spec is read as YAML 1.2, as yaml-language-server and check-jsonschema
read it (the loader's own parser gives that data), then validated with the
`jsonschema` package against ``zzreport schema``'s output.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from tests.helpers import require_tool
from zzreport.errors import SpecError
from zzreport.language.schema import schema_text
from zzreport.loading import load_text
from zzreport.loading.yaml_source import parse_text

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "specs").glob("*.yaml"))
OK = sorted((ROOT / "tests" / "fixtures" / "ok").glob("*.yaml"))
BROKEN = sorted((ROOT / "tests" / "fixtures" / "broken").glob("*.yaml"))


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(schema_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def schema_errors(validator: jsonschema.Draft202012Validator, text: str) -> list[str]:
    data = parse_text(text, Path("spec.yaml")).data
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(data)]


def loader_accepts(text: str) -> bool:
    try:
        load_text(text)
    except SpecError:
        return False
    return True


def readme_snippets() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    snippets = re.findall(r"```yaml\n(.*?)```", text, re.DOTALL)
    assert snippets, "the README shows no YAML spec"
    return [s for s in snippets if s.lstrip().startswith(("#", "zzreport:"))]


@pytest.mark.parametrize(
    ("name", "text"),
    [(p.relative_to(ROOT).as_posix(), p.read_text(encoding="utf-8")) for p in (*EXAMPLES, *OK)]
    + [(f"README.md snippet {i + 1}", s) for i, s in enumerate(readme_snippets())],
)
def test_every_example_and_snippet_validates(validator: jsonschema.Draft202012Validator, name: str, text: str) -> None:
    assert loader_accepts(text), name
    assert schema_errors(validator, text) == [], name


@pytest.mark.parametrize("path", BROKEN, ids=lambda p: p.name)
def test_broken_fixtures_the_schema_can_express_are_rejected(
    validator: jsonschema.Draft202012Validator, path: Path
) -> None:
    text = path.read_bytes().decode("utf-8", errors="replace")
    assert not loader_accepts(text)
    try:
        parse_text(text, path)
    except SpecError:
        return  # not YAML a schema sees (a parse error, a tab, an alias bomb …): the loader's parser refuses it
    assert schema_errors(validator, text), path.name


MINIMAL = "zzreport: 1\ntitle: t\nsections:\n  - id: a\n    title: s\n    blocks:\n"

#: Spec variants (appended to a minimal spec) and whether both readers accept them.
VARIANTS: dict[str, tuple[str, bool]] = {
    "a year as a number is text": ("      - kpis: [{label: x, value: 1, period: 2024}]\n", True),
    "numeric categories": (
        "      - figure: {kind: column, categories: [2022, 2023], series: [{name: n, values: [1, 2]}]}\n",
        True,
    ),
    "a number as a table cell's text": ("      - table: {columns: [2024, b], rows: [[1, x], [2.5, null]]}\n", True),
    "a change as a plain number": ("      - kpis: [{label: x, value: 1, change: 5.3}]\n", True),
    "a KPI with text only": ("      - kpis: [{label: x, text: 全国第一}]\n", True),
    "a KPI with neither value nor text": ("      - kpis: [{label: x}]\n", False),
    "a KPI whose value is null": ("      - kpis: [{label: x, value: null}]\n", False),
    "a quoted number": ("      - kpis: [{label: x, value: '18'}]\n", False),
    "a quoted boolean": (
        "      - figure: {kind: pie, categories: [a], series: [{name: n, values: [1]}], labels: 'true'}\n",
        False,
    ),
    "a number for a boolean": (
        "      - figure: {kind: pie, categories: [a], series: [{name: n, values: [1]}], labels: 1}\n",
        False,
    ),
    "a boolean in a table cell": ("      - table: {columns: [a], rows: [[true]]}\n", False),
    "a fractional heading level": ("      - heading: h\n        level: 2.5\n", False),
    "a figure without data": ("      - figure: {kind: pie}\n", False),
    "a figure with data and series": (
        "      - figure: {kind: pie, data: d.csv, series: [{name: n, values: [1]}]}\n",
        False,
    ),
    "a figure from a file": ("      - figure: {kind: pie, data: {file: d.csv, categories: a}}\n", True),
    "a table without columns or data": ("      - table: {rows: [[1]]}\n", False),
    "a table from a file": ("      - table: {data: d.csv, total: true}\n", True),
    "a block of two kinds": ("      - {paragraph: p, heading: h}\n", False),
    "an unknown key": ("      - paragraph: p\n        colour: red\n", False),
    "bullets as numbers": ("      - bullets: [1, 二, {text: 3, items: [4]}]\n", True),
    "a KPI naming a value": ("      - kpis: [{label: x, value: '{nev}'}]\n", True),
    "a KPI naming a value with a field": ("      - kpis: [{label: x, value: '{nev.change}'}]\n", False),
    "a KPI with a sentence for a value": ("      - kpis: [{label: x, value: '共{nev}辆'}]\n", False),
    "a GBK data file": ("      - table: {data: {file: d.csv, encoding: gbk}}\n", True),
    "an encoding zzreport does not read": ("      - table: {data: {file: d.csv, encoding: latin1}}\n", False),
    "series options from CSV columns": (
        "      - figure: {kind: combo, data: {file: d.csv, series: [a, 2024, {column: b, type: line, "
        "axis: secondary, unit: '%', format: {decimals: 1}, color: '#112233', name: B}]}}\n",
        True,
    ),
    "a CSV series without its column": (
        "      - figure: {kind: combo, data: {file: d.csv, series: [{unit: x}]}}\n",
        False,
    ),
    "a CSV series with an unknown key": (
        "      - figure: {kind: combo, data: {file: d.csv, series: [{column: b, values: [1]}]}}\n",
        False,
    ),
    "columns left out of a total": (
        "      - table: {data: d.csv, columns: [a, {name: b, total: false}], total: {incomplete: blank}}\n",
        True,
    ),
    "a total that drops blanks silently": ("      - table: {data: d.csv, total: {incomplete: skip}}\n", False),
}
TOP_VARIANTS: dict[str, tuple[str, bool]] = {
    "output file names": ("outputs: {pdf: 报告.pdf, pptx: {file: Deck.PPTX}}\n", True),
    "an output without its suffix": ("outputs: {pdf: report.txt}\n", False),
    "an output in a folder": ("outputs: {pdf: out/report.pdf}\n", False),
    "a hidden output": ("outputs: {pptx: {file: .deck.pptx}}\n", False),
    "an output turned off": ("outputs: {pptx: false}\n", True),
    "crop marks with a bleed": ("theme: {page: {bleed: 3, crop_marks: true}}\n", True),
    "crop marks without a bleed": ("theme: {page: {crop_marks: true}}\n", False),
    "crop marks with a zero bleed": ("theme: {page: {crop_marks: true, bleed: 0}}\n", False),
    "a font by family": ("theme: {fonts: {body: Noto Serif SC, heading: {file: f.ttf}}}\n", True),
    "a font with neither family nor file": ("theme: {fonts: {body: {index: 1}}}\n", False),
    "a page size in millimetres": ("theme: {page: {size: [210, 297]}}\n", True),
    "a date": ("date: 2025-01-20\nas_of: 2024-12-31\n", True),
    "a colour": ("theme: {colors: {primary: '#112233', palette: ['#000000']}}\n", True),
    "a short colour": ("theme: {colors: {primary: '#123'}}\n", False),
    "a numeric title": ("subtitle: 2025\n", True),
    "named values": (
        "values:\n  labs: {value: 18, unit: 家, change: 5.3}\n"
        "  nev: {data: {file: d.csv, row: 汽车, column: 产量}, format: {scale: 万},\n"
        "        change: {data: {file: d.csv, where: {类别: 汽车}, column: 增速}, unit: 个百分点}}\n",
        True,
    ),
    "a value with a number and a cell": ("values: {a: {value: 1, data: {file: d.csv, row: r, column: c}}}\n", False),
    "a value with neither number nor cell": ("values: {a: {unit: 家}}\n", False),
    "a cell with a row and a where": ("values: {a: {data: {file: d.csv, row: r, where: {k: v}, column: c}}}\n", False),
    "a cell without its row": ("values: {a: {data: {file: d.csv, column: c}}}\n", False),
    "a value named with a dot": ("values: {a.b: {value: 1}}\n", False),
    "a value named in Chinese": ("values: {产量: {value: 1}}\n", True),
    "params": ("params: {month: {default: '2025-10'}, top: {default: 3, type: number}}\n", True),
    "a param without a default": ("params: {month: {type: string}}\n", False),
    "a number param with a text default": ("params: {top: {type: number, default: 三}}\n", False),
    "a text param with a number default": ("params: {year: {default: 2025}}\n", True),
    "trend words": ("labels: {trend_up: 上升, trend_down: 回落, trend_flat: 持平}\n", True),
}


@pytest.mark.parametrize("name", [*VARIANTS, *TOP_VARIANTS])
def test_schema_and_loader_agree(validator: jsonschema.Draft202012Validator, name: str) -> None:
    if name in VARIANTS:
        snippet, accepted = VARIANTS[name]
        text = MINIMAL + snippet
    else:
        snippet, accepted = TOP_VARIANTS[name]
        text = MINIMAL + "      - paragraph: p\n" + snippet
    assert loader_accepts(text) is accepted, f"loader: {name}"
    errors = schema_errors(validator, text)
    assert (not errors) is accepted, f"schema: {name}: {errors}"


def titles(node: Any) -> list[str]:
    found = []
    if isinstance(node, dict):
        if isinstance(node.get("title"), str):
            found.append(node["title"])
        for value in node.values():
            found += titles(value)
    elif isinstance(node, list):
        for value in node:
            found += titles(value)
    return found


def test_titles_are_words_not_class_names() -> None:
    schema = json.loads(schema_text())
    camel = [t for t in titles(schema) if re.search(r"[a-z][A-Z]", t)]
    assert camel == []  # HeadingBlock, NumberFormat, OutputSpec … are the code's names, not the author's
    defs = schema["$defs"]
    assert defs["HeadingBlock"]["title"] == "Block: heading"
    assert defs["Kpi"]["title"] == "KPI (kpis[])"
    assert defs["NumberFormat"]["title"] == "Number format (format)"


def test_check_jsonschema_accepts_the_examples() -> None:
    """What an author runs, or CI does: check-jsonschema (its own YAML reader) on the shipped schema."""
    tool = shutil.which("check-jsonschema", path=str(Path(sys.executable).parent))
    require_tool("check-jsonschema", tool)
    assert tool is not None
    result = subprocess.run(
        [tool, "--schemafile", str(ROOT / "specs" / "zzreport.schema.json"), *map(str, EXAMPLES)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
