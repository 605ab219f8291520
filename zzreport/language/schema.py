"""The spec language's JSON Schema, generated from the models so it accepts what the loader accepts.

Editors (yaml-language-server) and validators (check-jsonschema) read a spec
as YAML 1.2 and check it against ``specs/zzreport.schema.json``; an author
must see there exactly the errors ``zzreport check`` reports. So the schema
says what the loader does, not what pydantic says by default:

* a plain number stands for its text wherever text is expected
  (``period: 2024``, ``categories: [2022, 2023]``), as the models coerce it;
  text with a pattern (ids, colours, file names) stays text, since no number
  matches those patterns;
* numbers and booleans are strict on both sides (``'18'`` is text, ``1`` is
  not ``true``: see :class:`zzreport.language.models.Model`);
* the rules a model checks in code are stated too where JSON Schema can say
  them (``json_schema_rules`` of each model: a KPI needs a ``value`` or a
  ``text``, crop marks need a bleed, output names end in their suffix);
* every definition is titled in the author's words (``Block: heading``),
  never with a class name (``HeadingBlock``), since editors show titles when
  they complete and explain a key.

Everything is derived from the models, so a key added to them comes out
right without an edit here.
"""

from __future__ import annotations

import json
import re
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

from zzreport.language import models
from zzreport.language.reference import SECTIONS

DIALECT = "https://json-schema.org/draft/2020-12/schema"


class _LoaderSchema(GenerateJsonSchema):
    """pydantic's generator, made to describe what the loader accepts."""

    def str_schema(self, schema: core_schema.StringSchema) -> JsonSchemaValue:
        json_schema = super().str_schema(schema)
        if "pattern" not in json_schema:  # the models' coerce_numbers_to_str: `2024` is the text "2024"
            json_schema["type"] = ["string", "number"]
        return json_schema


def title_of(model: type[BaseModel]) -> str:
    """The author's name for ``model``: its heading in the README's reference, else its class name in words."""
    for heading, documented in SECTIONS:
        if documented is model:
            return heading.replace("`", "")
    words = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", model.__name__).split()
    return " ".join([words[0], *(w.lower() for w in words[1:])])


def _spec_models() -> dict[str, type[BaseModel]]:
    found: dict[str, type[BaseModel]] = {}
    for value in vars(models).values():
        if isinstance(value, type) and issubclass(value, BaseModel) and value.__module__ == models.__name__:
            found[value.__name__] = value
    return found


def json_schema() -> dict[str, Any]:
    """The JSON Schema of a spec (draft 2020-12)."""
    schema = models.Report.model_json_schema(schema_generator=_LoaderSchema)
    by_name = _spec_models()
    for name, definition in schema.get("$defs", {}).items():
        model = by_name.get(name)
        if model is not None:
            definition["title"] = title_of(model)
    schema["title"] = title_of(models.Report)
    return {"$schema": DIALECT, **schema}


def schema_text() -> str:
    """The schema as shipped in ``specs/zzreport.schema.json``."""
    return json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"
