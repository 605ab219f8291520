"""Typed models of everything a spec can say.

These models are the single source of the spec language: validation, the
JSON Schema (``zzreport schema``) and the README's key reference are all
derived from them. They hold no rendering logic. Shorthands that make a spec
read like the report it describes (a column given as a plain name, ``total:
true``, a font given as a family name) are normalised here, before
validation, so that later stages see one shape only.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Mapping
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Literal, TypeAlias, Union, cast

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    GetCoreSchemaHandler,
    GetJsonSchemaHandler,
    PrivateAttr,
    Tag,
    TypeAdapter,
    ValidationError,
    ValidationInfo,
    ValidatorFunctionWrapHandler,
    WithJsonSchema,
    WrapValidator,
    create_model,
    field_validator,
    model_validator,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, PydanticCustomError

from zzreport.errors import describe_value
from zzreport.writers.registry import FORMATS

FORMAT_VERSION = 1
#: The longest file name, in bytes, that common file systems take (ext4, XFS, APFS, Btrfs).
NAME_MAX_BYTES = 255
#: A plain file name: no folders, not hidden, no characters Windows forbids.
FILE_NAME_PATTERN = r'^[^/\\:*?"<>|\x00-\x1f.][^/\\:*?"<>|\x00-\x1f]*$'

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def _no_control_characters(text: str) -> str:
    match = _CONTROL.search(text)
    if match:
        char = match.group()
        raise ValueError(
            f"contains the control character U+{ord(char):04X} at position {match.start() + 1}; "
            "remove it (it cannot appear in a PDF or a deck)"
        )
    return text


#: Any text of a spec: rendered literally in every output (no markup is interpreted).
Text = Annotated[str, AfterValidator(_no_control_characters)]
#: Text with the inline emphasis syntax ``**bold**``.
RichText = Annotated[
    str,
    AfterValidator(_no_control_characters),
    Field(description="Text; `**bold**` marks emphasis. Everything else is printed literally."),
]
FiniteNumber = Annotated[float, Field(allow_inf_nan=False)]
#: The names ``show:`` takes for every format of the writer registry: ``all``, and ``both``, its name from when
#: there were two formats (specs written then keep meaning every format).
SHOW_EVERY = ("all", "both")
#: The values of ``show:``: every format (:data:`SHOW_EVERY`), or one format of the writer registry.
SHOW_VALUES: tuple[str, ...] = (*SHOW_EVERY, *FORMATS)


def _distinct_formats(formats: list[str]) -> list[str]:
    # Counted once: a spec may hold a list of a million formats, and counting each name anew is quadratic.
    repeated = sorted(name for name, count in Counter(formats).items() if count > 1)
    if repeated:
        raise PydanticCustomError("show_repeated", "names {names} twice", {"names": ", ".join(repeated)})
    return formats


if TYPE_CHECKING:
    Show = str | list[str]
else:
    Show = (
        Literal[SHOW_VALUES]
        | Annotated[list[Literal[tuple(FORMATS)]], Field(min_length=1), AfterValidator(_distinct_formats)]
    )
SHOW_FIELD = Field(
    "all",
    description="Where the block appears: `all` (default; `both` is its older name), one format ("
    + ", ".join(f"`{name}`" for name in FORMATS)
    + f"), or a list of them (`[{', '.join(list(FORMATS)[::2])}]`).",
)


#: Validates a ``show`` given outside a spec (a program's :class:`~zzreport.MatplotlibFigure`).
SHOW: TypeAdapter[Show] = TypeAdapter(Show)


def show_targets(show: str | list[str] | tuple[str, ...]) -> frozenset[str]:
    """The formats a block shown as ``show`` appears in (a value :data:`Show` accepts)."""
    if isinstance(show, str):
        return frozenset(FORMATS) if show in SHOW_EVERY else frozenset({show})
    return frozenset(show)


def _strict_scalars(node: Any) -> None:
    """Mark every number and boolean of a core schema strict (in place), nested ones too."""
    if isinstance(node, dict):
        if node.get("type") in ("float", "int", "bool"):
            node["strict"] = True
        for value in node.values():
            _strict_scalars(value)
    elif isinstance(node, list):
        for value in node:
            _strict_scalars(value)


class Model(BaseModel):
    """Base of every spec model: unknown keys are errors, numbers may stand for text.

    Numbers and booleans are strict, whatever model declares them: ``'18'``
    (quoted) is text, not a number, and ``1`` or ``'true'`` is not a boolean,
    as YAML 1.2 and the JSON Schema say. pydantic's lax reading would take
    them (and a table cell's ``true`` as the number 1) where an editor
    checking the schema shows an error.
    """

    model_config = ConfigDict(extra="forbid", coerce_numbers_to_str=True, frozen=True)

    #: JSON Schema of the shorthand a model also accepts (e.g. a plain string), if any.
    shorthand_schema: ClassVar[dict[str, Any] | None] = None
    #: JSON Schema keywords added to the model's object schema: the rules its validators check in code,
    #: where JSON Schema can state them (see :mod:`zzreport.language.schema`).
    json_schema_rules: ClassVar[dict[str, Any]] = {}
    #: The key a plain scalar stands for (``- 第一项`` means ``- {text: 第一项}``), and the scalars accepted.
    shorthand_key: ClassVar[str | None] = None
    shorthand_types: ClassVar[tuple[type, ...]] = (str, int, float)

    @model_validator(mode="before")
    @classmethod
    def _expand_shorthand(cls, value: Any) -> Any:
        if cls.shorthand_key and isinstance(value, cls.shorthand_types) and not isinstance(value, bool):
            return {cls.shorthand_key: value}
        return value

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        schema = handler(source)
        _strict_scalars(schema)
        return schema

    @classmethod
    def __get_pydantic_json_schema__(cls, core_schema: CoreSchema, handler: GetJsonSchemaHandler) -> JsonSchemaValue:
        schema = handler(core_schema)
        if cls.json_schema_rules:
            handler.resolve_ref_schema(schema).update(cls.json_schema_rules)
        if cls.shorthand_schema is None:
            return schema
        schema = handler.resolve_ref_schema(schema)
        full = dict(schema)
        full.pop("title", None)  # the definition's title (the outer one) names it once
        schema.clear()
        schema["anyOf"] = [cls.shorthand_schema, full]
        for key in ("title", "description"):
            if key in full:
                schema[key] = full[key]
        return schema


def _given(key: str, *, items: bool = False, text: bool = False) -> dict[str, Any]:
    """JSON Schema: ``key`` is present and not null; with ``items`` a list of at least one, with ``text`` not empty."""
    value: dict[str, Any] = {"not": {"type": "null"}}
    if items:
        value["minItems"] = 1
    if text:
        value["minLength"] = 1
    return {"required": [key], "properties": {key: value}}


# --------------------------------------------------------------------------- numbers


class NumberFormat(Model):
    """How a number is written: scale (万/亿), decimals, thousands separators, sign."""

    decimals: int | None = Field(
        None, ge=0, le=6, description="Digits after the decimal point; default: as few as the value needs (at most 2)."
    )
    scale: Literal["none", "万", "亿", "auto"] = Field(
        "none",
        description="Divide by 10⁴ (`万`) or 10⁸ (`亿`) and append the character; `auto` picks one for large values.",
    )
    thousands: bool = Field(False, description="Group digits by three with commas (1,234,567).")
    sign: bool = Field(False, description="Always write the sign (+5.2).")
    percent: bool = Field(False, description="The value is a percentage: append `%`.")


# --------------------------------------------------------------------------- theme


class FontSpec(Model):
    """A font: a family (bundled `Noto Serif SC`/`Noto Sans SC`, or installed) or a font file."""

    shorthand_schema = {"type": "string", "description": "A family name, or a .ttf/.ttc file path."}

    family: Text | None = Field(None, description="Family name: bundled or installed on the system (fontconfig).")
    file: Text | None = Field(None, description="A TrueType file (.ttf, or .ttc with `index`), relative to the spec.")
    bold_file: Text | None = Field(None, description="The bold face's file; default: synthesised from `file`'s family.")
    index: int = Field(0, ge=0, description="Face index inside a .ttc collection.")

    json_schema_rules = {"anyOf": [_given("family", text=True), _given("file", text=True)]}

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, value: Any) -> Any:
        if isinstance(value, str):
            if value.lower().endswith((".ttf", ".ttc", ".otf", ".otc")):
                return {"file": value}
            return {"family": value}
        return value

    @model_validator(mode="after")
    def _one_source(self) -> FontSpec:
        if not self.family and not self.file:
            raise ValueError("give a `family` or a `file`")
        return self


class Fonts(Model):
    """Fonts by role. Chinese print convention: Song (serif) body, Hei (sans) headings and figures."""

    body: FontSpec = Field(FontSpec(family="Noto Serif SC"), description="Body text in the PDF.")
    heading: FontSpec = Field(FontSpec(family="Noto Sans SC"), description="Headings, cover, KPI cards.")
    figure: FontSpec = Field(FontSpec(family="Noto Sans SC"), description="Text inside charts.")
    slide: FontSpec = Field(FontSpec(family="Noto Sans SC"), description="Every text of the deck.")
    fallback: list[FontSpec] = Field(
        default_factory=list,
        description="Fonts tried, in order, for characters a role's font lacks (the bundled faces always come last).",
    )


_HEX = Annotated[str, Field(pattern=r"^#[0-9A-Fa-f]{6}$", description="A colour as #RRGGBB.")]


class Colors(Model):
    """Theme colours, as #RRGGBB."""

    primary: _HEX = "#B3282D"
    accent: _HEX = "#1F4E79"
    text: _HEX = "#1A1A1A"
    muted: _HEX = "#6B6B6B"
    background: _HEX = "#FFFFFF"
    surface: _HEX = Field("#F5F1EA", description="Card and table-stripe background.")
    up: _HEX = Field("#C8102E", description="Rising values (red, the Chinese convention).")
    down: _HEX = Field("#1B7F3B", description="Falling values (green, the Chinese convention).")
    palette: list[_HEX] = Field(
        # dark and light in turn, so neighbouring series stay apart in a grayscale print
        default_factory=lambda: ["#B3282D", "#E3A72F", "#1F4E79", "#8DB6D9", "#3A7D44", "#C9BFB0", "#6C4F8C"],
        min_length=1,
        description="Series colours of charts, in order.",
    )


class Margins(Model):
    """Page margins in millimetres."""

    top: float = Field(25, ge=0, le=100)
    bottom: float = Field(22, ge=0, le=100)
    left: float = Field(22, ge=0, le=100)
    right: float = Field(22, ge=0, le=100)


class Page(Model):
    """The printed page."""

    size: Literal["A4", "A5", "B5", "Letter"] | tuple[float, float] = Field(
        "A4", description="A named size or [width, height] in millimetres."
    )
    margins: Margins = Margins()
    bleed: float = Field(0, ge=0, le=10, description="Bleed in millimetres (e.g. 3); adds TrimBox/BleedBox.")
    crop_marks: bool = Field(False, description="Draw crop marks in the bleed area (needs `bleed`).")
    contents_on_cover: bool = Field(
        False, description="Set the contents below the cover on its page when they fit there (a short report)."
    )
    print: bool = Field(
        False,
        description="Print profile: a 3 mm bleed (or `bleed` when given), crop marks, TrimBox/BleedBox; "
        "elements that touch the trim edge run to the bleed.",
    )
    page_number: Text = Field(
        "第 {page} 页 / 共 {pages} 页", description="Footer page label; `{page}` and `{pages}` are replaced."
    )
    hanging_punctuation: bool = Field(
        False,
        description="A comma, stop or pause mark ending a justified line hangs whole in the right margin "
        "(悬挂标点) instead of being set inside the measure.",
    )
    tagged: bool = Field(
        True,
        description="Tagged PDF (PDF/UA-1 and PDF/A-2a): headings, paragraphs, lists, tables, figures with their "
        "alt text and the contents in a structure tree, running heads and page numbers as artifacts; `false` "
        "writes an untagged PDF/A-2b.",
    )
    line_start_punctuation: Literal["full", "half"] = Field(
        "full",
        description="`half`: an opening bracket or quote (（《“) that starts a line of justified text, other than a "
        "paragraph's indented first line, is set half-width, its ink at the margin (行首开始标点半角, W3C clreq); "
        "`full` keeps it full-width.",
    )

    json_schema_rules = {
        "if": {"required": ["crop_marks"], "properties": {"crop_marks": {"const": True}}},
        "then": {"required": ["bleed"], "properties": {"bleed": {"exclusiveMinimum": 0}}},
    }

    @model_validator(mode="after")
    def _marks_need_bleed(self) -> Page:
        # Crop marks sit in the bleed: without one they would be drawn over the page or silently dropped.
        if self.crop_marks and self.bleed == 0:
            raise PydanticCustomError(
                "crop_marks_bleed",
                "crop marks are drawn in the bleed, and `bleed` is 0; "
                "set `bleed: 3` (millimetres) or remove `crop_marks`",
                {"loc": ("crop_marks",)},
            )
        return self


class Slides(Model):
    """The deck."""

    size: Literal["16:9", "16:10", "4:3"] = "16:9"
    template: Text | None = Field(None, description="A corporate .pptx template, relative to the spec.")
    min_font_size: float = Field(14, ge=8, le=40, description="Text is never shrunk below this (points).")
    body_font_size: float = Field(20, ge=8, le=60, description="Normal body size on slides (points).")
    embed_fonts: Literal["used", "common", "none"] | None = Field(
        None,
        description="Fonts carried inside the deck, so it looks the same where they are not installed: `used` "
        "(the characters the deck uses, PowerPoint's default), `common` (also GB2312 level 1 and common "
        "punctuation, so edits still show), `none`; when not given, `theme.embed_fonts` decides.",
    )
    dividers: Literal["full", "compact", "none"] = Field(
        "compact",
        description="Section divider slides: `full` (a full-colour slide), `compact` (a light section-header "
        "slide: number, title, takeaway), or `none` (the section's first slide carries its tag and number).",
    )


class Theme(Model):
    """Colours, fonts, page and slide geometry, logo."""

    colors: Colors = Colors()
    fonts: Fonts = Fonts()
    page: Page = Page()
    slides: Slides = Slides()
    logo: Text | None = Field(None, description="An image (PNG/JPEG/SVG) shown on the cover and title slide.")
    embed_fonts: Literal["used", "common", "none"] | None = Field(
        None,
        description="Fonts the editable outputs carry, so they look the same where the fonts are not installed: "
        "`used` (the characters each output uses), `common` (also GB2312 level 1 and common punctuation, so "
        "edits still show), `none`. When not given, the Word document carries `common`: it is the file others "
        "edit, and with `used` a character typed later that the subset lacks prints as a box in LibreOffice "
        "(the embedded subset hides the installed face); with the bundled faces that costs about 3 MB more "
        "than `used`. The deck carries `used` unless this or `slides.embed_fonts` says otherwise; the PDF always "
        "carries its fonts.",
    )


# --------------------------------------------------------------------------- outputs


#: A plain file name (constraints on the text itself, so the JSON Schema states them too).
_FileName = Annotated[str, Field(pattern=FILE_NAME_PATTERN, max_length=200), AfterValidator(_no_control_characters)]


class OutputSpec(Model):
    """One output format: whether to build it and its file name."""

    shorthand_schema = {
        "anyOf": [{"type": "boolean"}, {"type": "string", "pattern": FILE_NAME_PATTERN, "maxLength": 200}],
        "description": "true/false, or the file name.",
    }

    enabled: bool = True
    file: _FileName | None = Field(
        None, description="File name inside the output folder (no folders); default: the spec's name + suffix."
    )

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, value: Any) -> Any:
        if isinstance(value, bool):
            return {"enabled": value}
        if isinstance(value, str):
            return {"file": value}
        return value


def _suffix_pattern(suffix: str) -> str:
    """A regular expression (ECMA 262, no flags) for names ending in ``suffix`` in any letter case."""
    return "".join(f"[{c.lower()}{c.upper()}]" if c.isalpha() else re.escape(c) for c in suffix) + "$"


class OutputsBase(Model):
    """What :data:`Outputs` has besides its one field per format of the writer registry."""

    # Each format's file name ends in its suffix: as a plain name, or as `file:` of a mapping.
    json_schema_rules = {
        "allOf": [
            {
                "properties": {
                    fmt: {
                        "anyOf": [
                            {
                                "type": ["boolean", "object"],
                                "properties": {"file": {"pattern": _suffix_pattern(entry.suffix)}},
                            },
                            {"type": "string", "pattern": _suffix_pattern(entry.suffix)},
                        ]
                    }
                    for fmt, entry in FORMATS.items()
                }
            }
        ]
    }

    def get(self, fmt: str) -> OutputSpec:
        """The entry of the format ``fmt`` (a key of the writer registry)."""
        return cast(OutputSpec, getattr(self, fmt))

    @model_validator(mode="after")
    def _suffixes(self) -> OutputsBase:
        for fmt, entry in FORMATS.items():
            name = self.get(fmt).file
            if name and not name.lower().endswith(entry.suffix):
                raise PydanticCustomError(
                    "output_suffix",
                    "the {fmt} file name must end in {suffix}",
                    {"fmt": fmt, "suffix": entry.suffix, "loc": (fmt, "file")},
                )
            # File systems count a name's bytes (255), not its characters: 100 Chinese characters are 300 bytes.
            if name and len(name.encode("utf-8")) > NAME_MAX_BYTES:
                raise PydanticCustomError(
                    "output_name",
                    "the {fmt} file name is {size} bytes long; file systems take at most {limit}",
                    {"fmt": fmt, "size": len(name.encode("utf-8")), "limit": NAME_MAX_BYTES, "loc": (fmt, "file")},
                )
        return self


_FIRST = next(iter(FORMATS.values()))
if TYPE_CHECKING:
    Outputs = OutputsBase
else:
    #: One field per format of the writer registry, so a new writer needs no edit here.
    Outputs = create_model(
        "Outputs",
        __base__=OutputsBase,
        __module__=__name__,
        __doc__=f"Which outputs a build makes (`{_FIRST.name}: false` skips one; "
        f"`{_FIRST.name}: name{_FIRST.suffix}` names it).",
        **{name: (OutputSpec, OutputSpec()) for name in FORMATS},
    )


# --------------------------------------------------------------------------- blocks


class _Block(Model):
    show: Show = SHOW_FIELD
    title: Text = Field(
        "",
        description="Action title: the point of the deck slide this block opens (a text block starts a new slide "
        "under it). Default: the section's `takeaway` on its first slide, else the section title. The PDF ignores it.",
    )
    notes: Text = Field("", description="Speaker notes for the first deck slide this block appears on.")


class HeadingBlock(_Block):
    """A sub-heading inside a section."""

    heading: Text
    level: Literal[2, 3] = Field(2, description="2: a subsection; 3: a minor heading.")


class ParagraphBlock(_Block):
    """A paragraph of body text."""

    paragraph: RichText


class BulletItem(Model):
    """A bullet with an optional nested list (one level)."""

    shorthand_schema = {"type": ["string", "number"]}
    shorthand_key = "text"

    text: RichText
    items: list[RichText] = Field(default_factory=list)


class BulletsBlock(_Block):
    """A bullet list; an item may carry `items` one level deeper."""

    bullets: list[BulletItem] = Field(min_length=1)


class Change(Model):
    """A change against an earlier period."""

    shorthand_schema = {"type": "number", "description": "Growth in %."}
    shorthand_key = "value"
    shorthand_types = (int, float)

    value: FiniteNumber = Field(description="The change, e.g. 112.9 for +112.9 %.")
    unit: Text = Field("%", description="`%` (default) or a unit such as `个百分点`.")
    label: Text = Field("同比", description="What the change compares, e.g. 同比, 增速.")

    @model_validator(mode="before")
    @classmethod
    def _text_is_not_a_change(cls, value: Any) -> Any:
        # `change: 5.3%` reads as text: say what to write rather than "expected a mapping".
        if not isinstance(value, str):
            return value
        percent = re.fullmatch(r"\s*([-+]?[0-9]+(?:\.[0-9]+)?)\s*[%％]\s*", value)
        if percent:
            number = percent.group(1)
            raise PydanticCustomError(
                "change_percent",
                "write the change as a plain number, without `%`: change: {number} means {signed}% "
                "(for another unit: change: {example})",
                {
                    "number": number,
                    "signed": number if number.startswith(("-", "+")) else "+" + number,
                    "example": f"{{value: {number}, unit: 个百分点}}",
                },
            )
        raise PydanticCustomError(
            "change_text",
            "expected a number (growth in %) or a mapping such as {example}, got {got}",
            {"got": describe_value(value), "example": "{value: 5.3, unit: 个百分点}"},
        )


#: A value's or param's name: letters (Chinese too), digits, `_` and `-`, not starting with a digit.
NAME_PATTERN = r"^[A-Za-z_\u4e00-\u9fff][A-Za-z0-9_\u4e00-\u9fff-]*$"
#: A KPI's ``value: "{name}"``: the whole value is one named value.
VALUE_REFERENCE_PATTERN = r"^\{[A-Za-z_\u4e00-\u9fff][A-Za-z0-9_\u4e00-\u9fff-]*\}$"


def _number_or_reference(value: Any, handler: ValidatorFunctionWrapHandler) -> Any:
    """A KPI's value: ``"{name}"`` as written (filled in when resolving), anything else as a number is read.

    Not a union with a pattern-checked string, which would turn "expected a number, got '5.3%'" and its
    fix into a message about a regular expression.
    """
    if isinstance(value, str) and re.fullmatch(VALUE_REFERENCE_PATTERN, value):
        return value
    return handler(value)


if TYPE_CHECKING:
    KpiValue: TypeAlias = float | str
else:
    KpiValue = Annotated[
        FiniteNumber,
        WrapValidator(_number_or_reference),
        WithJsonSchema(
            {
                "anyOf": [
                    {"type": "number"},
                    {
                        "type": "string",
                        "pattern": VALUE_REFERENCE_PATTERN,
                        "description": "`{name}`: a named value of the report's `values`.",
                    },
                ]
            }
        ),
    ]
_Name = Annotated[str, Field(pattern=NAME_PATTERN, max_length=64)]


#: The encodings a data file may be in: UTF-8 (with or without a byte order mark), and GBK or its superset
#: GB18030, which Excel on Chinese Windows saves CSV in.
Encoding = Literal["utf-8", "utf-8-sig", "gbk", "gb18030"]


class DataCell(Model):
    """One cell of a CSV file: the column by its header name, the row by its first column or by `where`."""

    file: Text = Field(description="CSV path relative to the spec; may use `{params.name}`.")
    encoding: Encoding = Field("utf-8", description="The file's encoding, as for figure and table data.")
    column: Text = Field(description="The column's header name.")
    row: Text | None = Field(None, description="The row whose first column is this (give `row` or `where`).")
    where: dict[Text, Text] = Field(
        default_factory=dict, description="The row whose columns have these values (column → value); exactly one."
    )
    scale: Literal["none", "万", "亿"] = Field(
        "none",
        description="The column counts in 万 or 亿 (a cell 4.25 under 万个 is 42500): the number is multiplied, "
        "so `format: {scale: 万}` prints it as written.",
    )

    json_schema_rules = {
        "oneOf": [
            {"required": ["row"], "not": {"required": ["where"]}},
            {"required": ["where"], "not": {"required": ["row"]}},
        ]
    }

    @model_validator(mode="after")
    def _one_row(self) -> DataCell:
        if (self.row is None) == (not self.where):
            raise ValueError("give the row by `row` (its first column) or by `where` (column → value), not both")
        return self


class ValueChange(Model):
    """A named value's change: a number or one CSV cell, with its unit."""

    shorthand_schema = {"type": "number", "description": "Growth in %."}
    shorthand_key = "value"
    shorthand_types = (int, float)

    value: FiniteNumber | None = Field(None, description="The change, e.g. 112.9 for +112.9 %; or give `data`.")
    data: DataCell | None = Field(None, description="Read the change from one CSV cell instead.")
    unit: Text = Field("%", description="`%` (default) or a unit such as `个百分点`.")
    label: Text = Field("同比", description="What the change compares, e.g. 同比, 增速 (on a KPI card).")

    json_schema_rules = {"oneOf": [_given("value"), _given("data")]}

    @model_validator(mode="after")
    def _one_source(self) -> ValueChange:
        if (self.value is None) == (self.data is None):
            raise ValueError("give the change as `value` (a number) or `data` (a CSV cell), not both")
        return self


class NamedValue(Model):
    """A number written once and used everywhere: `{name}` in any text, `value: "{name}"` on a KPI card."""

    value: FiniteNumber | None = Field(None, description="The number, in base units; or give `data`.")
    data: DataCell | None = Field(None, description="Read the number from one CSV cell instead.")
    unit: Text = ""
    qualifier: Text = Field("", description="多, 以上, 超, 近 …; placed as Chinese writes it (超 before, 多 after).")
    format: NumberFormat = NumberFormat()
    change: ValueChange | None = Field(
        None, description="Growth in % (a number), or a mapping with value or data, unit and label."
    )

    json_schema_rules = {"oneOf": [_given("value"), _given("data")]}

    @model_validator(mode="after")
    def _one_source(self) -> NamedValue:
        if (self.value is None) == (self.data is None):
            raise ValueError("give the number as `value` or read it from a CSV cell with `data`, not both")
        return self


class Slices(Model):
    """One report per row of a CSV: `{slice.<column>}` in any text and data path, outputs named by the key."""

    file: Text = Field(description="CSV path relative to the spec (first row is the header); one report per row.")
    encoding: Encoding = Field("utf-8", description="The file's encoding, as for figure and table data.")
    key: Text = Field(
        description="The column naming each slice: unique, it ends the output names (`<spec>-<key>.pdf`) and is "
        "what `--slice` chooses."
    )


#: A day as pydantic reads one, for the fields that also take a param's name.
_DAY: TypeAdapter[dt.date] = TypeAdapter(dt.date)
#: A field that takes a param's text instead of its own literal: `"{params.day}"`.
PARAM_NAME = r"^\{params\.[^{}.]+\}$"
ParamName = Annotated[str, Field(pattern=PARAM_NAME)]
#: What a `date` param holds: an ISO day or month.
ISO_DATE = r"^[0-9]{4}-[0-9]{2}(-[0-9]{2})?$"
DATE_FORMS = "YYYY-MM-DD or YYYY-MM"


def iso_date(text: str) -> tuple[dt.date, bool] | None:
    """``YYYY-MM-DD`` (the day, True) or ``YYYY-MM`` (its first day, False); None for anything else."""
    if not re.match(ISO_DATE, text):
        return None
    year, month, *day = (int(part) for part in text.split("-"))
    try:
        return dt.date(year, month, day[0] if day else 1), bool(day)
    except ValueError:  # month 13, 30 February
        return None


class Param(Model):
    """A parameter of the report, set with `--set name=value` (default: `default`)."""

    type: Literal["string", "number", "date"] = Field(
        "string",
        description="`string` (default), `number`, or `date`: an ISO day or month (`2025-11-30`, `2025-11`), "
        'checked when set, printed as given; the report\'s `date` may be `"{params.name}"`.',
    )
    default: FiniteNumber | Text = Field(description="The value when the build does not set it.")
    description: Text = Field("", description="What the parameter chooses (for the people running the build).")

    json_schema_rules = {
        "allOf": [
            {
                "if": {"required": ["type"], "properties": {"type": {"const": "number"}}},
                "then": {"properties": {"default": {"type": "number"}}},
            },
            {
                "if": {"required": ["type"], "properties": {"type": {"const": "date"}}},
                "then": {"properties": {"default": {"type": "string", "pattern": ISO_DATE}}},
            },
        ]
    }

    @model_validator(mode="after")
    def _default_of_its_type(self) -> Param:
        if self.type == "number" and not isinstance(self.default, float):
            raise ValueError(f"the default of a number param must be a number, got {describe_value(self.default)}")
        if self.type == "date" and not (isinstance(self.default, str) and iso_date(self.default)):
            raise ValueError(f"the default of a date param must be {DATE_FORMS}, got {describe_value(self.default)}")
        return self


class Kpi(Model):
    """A key figure: label, value, unit, qualifier, change, target flag."""

    label: Text
    value: KpiValue | None = Field(
        None,
        description='The number, or `"{name}"`: a named value of `values` (its number, unit, qualifier, format and '
        "change, each unless the card gives its own); give `value` or `text`.",
    )
    text: Text | None = Field(None, description="A non-numeric value such as 全国第一.")
    unit: Text = ""
    qualifier: Text = Field("", description="多, 以上, 超, 近 …; placed as Chinese writes it (超 before, 多 after).")
    period: Text = Field("", description="Year or period the figure belongs to, e.g. 2024, 1~11月.")
    change: Change | None = Field(None, description="Growth in % (a number) or a mapping with value/unit/label.")
    better: Literal["up", "down"] = Field("up", description="Which direction of `change` is good.")
    target: bool = Field(False, description="A goal (e.g. for 2025) rather than a result.")
    note: Text = ""
    source: Text = ""
    format: NumberFormat = NumberFormat()

    json_schema_rules = {"anyOf": [_given("value"), _given("text")]}

    @model_validator(mode="after")
    def _value_or_text(self) -> Kpi:
        if self.value is None and self.text is None:
            raise ValueError("give a `value` (a number) or a `text`")
        return self


class KpisBlock(_Block):
    """A group of KPI cards."""

    kpis: list[Kpi] = Field(min_length=1)


class DataSeries(Model):
    """A series read from a CSV column, with the options an inline series takes (a combo's units and axes)."""

    shorthand_schema = {"type": ["string", "number"], "description": "The column's name (today's defaults)."}
    shorthand_key = "column"

    column: Text = Field(description="The CSV column holding the series' values, by its header name.")
    name: Text | None = Field(None, description="The series' name in the legend; default: the column's name.")
    type: Literal["column", "line"] | None = Field(None, description="In a combo chart: drawn as columns or a line.")
    axis: Literal["primary", "secondary"] = Field("primary", description="Combo charts: which value axis.")
    unit: Text | None = Field(None, description="Unit of the series' values; default: the figure's `unit`.")
    format: NumberFormat | None = None
    color: _HEX | None = None


class DataFile(Model):
    """A CSV file beside the spec; columns are chosen by their header name."""

    shorthand_schema = {"type": "string", "description": "CSV path relative to the spec."}
    shorthand_key = "file"
    shorthand_types = (str,)

    file: Text = Field(description="CSV path relative to the spec (first row is the header).")
    encoding: Encoding = Field(
        "utf-8",
        description="The file's encoding: `utf-8` (default), `utf-8-sig`, `gbk` (Excel's CSV on Chinese Windows) "
        "or `gb18030`. A file starting with a UTF-8 byte order mark is read as UTF-8 whatever this says.",
    )
    categories: Text | None = Field(None, description="Column holding the categories (figures).")
    series: list[DataSeries] = Field(
        default_factory=list,
        description="Columns holding the series (figures), each a column name or a mapping with its options; "
        "default: every column but the categories.",
    )
    columns: list[Text] = Field(default_factory=list, description="Columns to show, in order (tables); default all.")
    where: dict[Text, Text] = Field(
        default_factory=dict,
        description="Only the rows whose columns have these texts (column → text, all of them), e.g. "
        '`{城市: "{slice.城市}"}`; those columns are then left out of the default series and columns.',
    )


class Series(Model):
    """A named series of values."""

    name: Text
    values: list[FiniteNumber | None] = Field(default_factory=list, description="One value per category; null: none.")
    type: Literal["column", "line"] | None = Field(None, description="In a combo chart: drawn as columns or a line.")
    axis: Literal["primary", "secondary"] = Field("primary", description="Combo charts: which value axis.")
    unit: Text | None = None
    format: NumberFormat | None = None
    color: _HEX | None = None


FigureKind = Literal[
    "column",
    "bar",
    "stacked-column",
    "stacked-bar",
    "line",
    "area",
    "pie",
    "donut",
    "combo",
    "scorecard",
    "waterfall",
    "scatter",
    "histogram",
]


class Figure(Model):
    """A chart: kind, categories and series (inline or from a CSV), units and formats."""

    kind: FigureKind
    title: Text = ""
    caption: Text = ""
    source: Text = ""
    alt: Text = Field("", description="Alternative text for screen readers; default: title and data.")
    unit: Text = Field("", description="Unit of the (primary) values, e.g. 家, 亿元, %.")
    categories: list[Text] = Field(default_factory=list)
    series: list[Series] = Field(default_factory=list)
    data: DataFile | None = Field(None, description="Read categories and series from a CSV instead.")
    format: NumberFormat = NumberFormat()
    x_title: Text = ""
    y_title: Text = ""
    y2_title: Text = Field("", description="Title of the secondary axis (combo charts).")
    y_min: FiniteNumber | None = Field(
        None, description="Pin the value axis' lowest value (PDF and deck); default: automatic, from the data."
    )
    y_max: FiniteNumber | None = Field(None, description="Pin the value axis' highest value; default: automatic.")
    y2_min: FiniteNumber | None = Field(None, description="Pin the secondary axis' lowest value (combo charts).")
    y2_max: FiniteNumber | None = Field(None, description="Pin the secondary axis' highest value (combo charts).")
    labels: bool = Field(True, description="Show data labels.")
    legend: bool | None = Field(None, description="Show the legend; default: when there is more than one series.")
    highlight: Text | None = Field(None, description="A category drawn in the accent colour.")

    json_schema_rules = {
        "anyOf": [_given("series", items=True), _given("data")],
        "not": {
            **_given("data"),
            "anyOf": [_given("series", items=True), _given("categories", items=True)],
        },
    }

    @field_validator("y_max", "y2_max")
    @classmethod
    def _above_min(cls, value: float | None, info: ValidationInfo) -> float | None:
        low = info.data.get("y_min" if info.field_name == "y_max" else "y2_min")
        if value is not None and low is not None and value <= low:
            lowest = "y_min" if info.field_name == "y_max" else "y2_min"
            raise PydanticCustomError(
                "axis_range",
                "{field} ({value}) must be above {lowest} ({low})",
                {"field": info.field_name, "value": f"{value:g}", "lowest": lowest, "low": f"{low:g}"},
            )
        return value

    @model_validator(mode="after")
    def _data_source(self) -> Figure:
        if self.data is None and not self.series:
            raise ValueError("give `series` (with `categories`) or a `data` file")
        if self.data is not None and (self.series or self.categories):
            raise ValueError("give either inline `categories`/`series` or a `data` file, not both")
        return self


class FigureBlock(_Block):
    """A figure."""

    figure: Figure


class Column(Model):
    """A table column."""

    shorthand_schema = {"type": ["string", "number"], "description": "The column name."}
    shorthand_key = "name"

    name: Text
    align: Literal["left", "center", "right"] | None = Field(None, description="Default: right for numbers.")
    unit: Text = ""
    format: NumberFormat | None = None
    total: bool | None = Field(
        None,
        description="In a table with a total row: `false` leaves the column out of it, `true` sums it even if "
        "its name holds a `labels.not_summed` word (never a percentage: that is an error). Default: summed when "
        "its cells are numbers and it is not a percentage (`%`, `‰`, 个百分点 as its unit or format, in its name "
        "as the header's unit, or in a cell) and its name holds none of `labels.not_summed` (rates, shares, "
        "averages).",
    )


class Total(Model):
    """A total row: sums of the summable columns (by default not percentages, rates or shares)."""

    shorthand_schema = {"type": ["string", "boolean"], "description": "true, or the total row's label."}
    shorthand_key = "label"
    shorthand_types = (str,)

    label: Text = "合计"
    incomplete: Literal["error", "blank"] = Field(
        "error",
        description="A summed column with a blank cell: `error` (default: a blank is never silently left out "
        "of a sum), or `blank`: that column's total is left blank.",
    )


Cell = FiniteNumber | Text | None


class Table(Model):
    """A table: header row, rows (inline or from a CSV), alignment, units, total row."""

    title: Text = ""
    caption: Text = ""
    source: Text = ""
    columns: list[Column] = Field(default_factory=list)
    rows: list[list[Cell]] = Field(default_factory=list)
    data: DataFile | None = None
    total: Total | None = Field(None, description="`true` or a label: add a total row.")

    @field_validator("total", mode="before")
    @classmethod
    def _total_shorthand(cls, value: Any) -> Any:
        if value is True:
            return {}
        if value is False:
            return None
        return value

    json_schema_rules = {"anyOf": [_given("columns", items=True), _given("data")]}

    @model_validator(mode="after")
    def _shape(self) -> Table:
        if self.data is None and not self.columns:
            raise ValueError("give `columns` and `rows`, or a `data` file")
        return self


class TableBlock(_Block):
    """A table."""

    table: Table


class Image(Model):
    """A raster or SVG image beside the spec."""

    path: Text = Field(description="PNG, JPEG or SVG, relative to the spec.")
    alt: Text = Field(min_length=1, description="Alternative text (required).")
    caption: Text = ""
    source: Text = ""
    width: float = Field(1.0, gt=0, le=1, description="Share of the text width (0–1].")


class ImageBlock(_Block):
    """An image."""

    image: Image


class Callout(Model):
    """A highlighted box."""

    shorthand_schema = {"type": ["string", "number"]}
    shorthand_key = "text"

    text: RichText
    title: Text = ""
    tone: Literal["note", "highlight", "warning"] = "highlight"


class CalloutBlock(_Block):
    """A callout box."""

    callout: Callout


class Quote(Model):
    """A quotation with its source."""

    shorthand_schema = {"type": ["string", "number"]}
    shorthand_key = "text"

    text: RichText
    source: Text = ""


class QuoteBlock(_Block):
    """A quotation."""

    quote: Quote


#: Block kinds, by the key that introduces them. The pair block is keyed by `review`/`plan`.
BLOCK_KINDS: dict[str, type[_Block]] = {
    "heading": HeadingBlock,
    "paragraph": ParagraphBlock,
    "bullets": BulletsBlock,
    "kpis": KpisBlock,
    "figure": FigureBlock,
    "table": TableBlock,
    "image": ImageBlock,
    "callout": CalloutBlock,
    "quote": QuoteBlock,
}
PAIR_KEYS = ("review", "plan")
TAG_PREFIX = "~"


def block_kind(value: Any) -> str | None:
    """Which block kind a mapping is, or None when it names none or several."""
    if isinstance(value, BaseModel):
        for key in (*BLOCK_KINDS, *PAIR_KEYS):
            if key in type(value).model_fields:
                return TAG_PREFIX + ("pair" if key in PAIR_KEYS else key)
        return None
    if not isinstance(value, dict):
        return None
    kinds = [k for k in BLOCK_KINDS if k in value]
    is_pair = any(k in value for k in PAIR_KEYS)
    if len(kinds) + is_pair != 1:
        return None
    return TAG_PREFIX + (kinds[0] if kinds else "pair")


_BLOCK_ERROR = "block_kind"


def _union(kinds: Mapping[str, type[BaseModel]]) -> Any:
    members = tuple(Annotated[model, Tag(TAG_PREFIX + key)] for key, model in kinds.items())
    return Annotated[
        Union[members],  # noqa: UP007 - a runtime-built union needs Union[...]
        Discriminator(block_kind, custom_error_type=_BLOCK_ERROR, custom_error_message="unknown block kind"),
    ]


if TYPE_CHECKING:  # the union _union builds at run time (with pydantic's tags), spelled out for the type checker
    InnerBlock: TypeAlias = (
        HeadingBlock
        | ParagraphBlock
        | BulletsBlock
        | KpisBlock
        | FigureBlock
        | TableBlock
        | ImageBlock
        | CalloutBlock
        | QuoteBlock
    )
else:
    InnerBlock = _union(BLOCK_KINDS)


class PairBlock(_Block):
    """The 2024 review beside the 2025 plan (either side may be absent)."""

    review: list[InnerBlock] | None = Field(None, description="Blocks of the review (results).")
    plan: list[InnerBlock] | None = Field(None, description="Blocks of the plan (targets).")
    review_title: Text | None = Field(None, description="Default: the report's `labels.review`.")
    plan_title: Text | None = Field(None, description="Default: the report's `labels.plan`.")


if TYPE_CHECKING:
    Block: TypeAlias = InnerBlock | PairBlock
else:
    Block = _union({**BLOCK_KINDS, "pair": PairBlock})

_ID = Annotated[
    str,
    Field(
        pattern=r"^[a-z][a-z0-9-]*$",
        max_length=64,
        description="Stable id: lowercase letters, digits and hyphens; used for anchors and bookmarks.",
    ),
]


class Section(Model):
    """One section of the report (a 关键词 block of the seed)."""

    id: _ID
    title: Text = Field(min_length=1, description="Section title, e.g. 创新发展.")
    tag: Text = Field("", description="Eyebrow above the title, e.g. 关键词.")
    takeaway: Text = Field(
        "",
        description="One-line takeaway, the section's point: under its heading in the PDF, on its divider and as "
        "the title of its first content slide in the deck, where a paragraph or bullet saying the same is left out.",
    )
    notes: Text = Field(
        "", description="Speaker notes for the section's first slide (its divider, or its first content slide)."
    )
    blocks: list[Block] = Field(default_factory=list, description="The section's content, in order.")


class Labels(Model):
    """Fixed words the outputs use, so a spec in another language can change them."""

    review: Text = Field("2024 回顾", description="Title of a review/plan block's first column.")
    plan: Text = Field("2025 目标", description="Title of a review/plan block's second column.")
    target: Text = Field("目标", description="Badge of a KPI card that is a target.")
    contents: Text = Field("目录", description="Title of the table of contents and the deck's agenda.")
    summary: Text = Field("要点回顾", description="Title of the PDF's closing points.")
    key_points: Text = Field("核心要点", description="Title of the deck's executive summary slide, after the cover.")
    lead: Text = Field("导语", description="Title of the deck's lead slide, when the lead does not fit on the cover.")
    continued: Text = Field("（续）", description="After a title carried over to the next slide.")
    figure: Text = Field("图", description="Before a figure's number (图1).")
    table: Text = Field("表", description="Before a table's number (表1).")
    source: Text = Field("来源", description="Before a source line (来源：…).")
    trend_up: Text = Field("增长", description="`{name.trend}` of a value whose change is positive.")
    trend_down: Text = Field("下降", description="`{name.trend}` of a value whose change is negative.")
    trend_flat: Text = Field("持平", description="`{name.trend}` of a value whose change is zero.")
    not_summed: list[Text] = Field(
        ["率", "比重", "占比", "比例", "进度", "指数", "均"],
        description="Words that, in a table column's name, leave it out of the total row: rates, shares, "
        "indices and averages do not add up. A default only: `[]` sums every column of numbers that are not "
        "percentages, and a column's own `total:` wins over these words.",
    )
    waterfall_base: Text = Field("基数", description="A waterfall's invisible base series, in the deck's workbook.")
    waterfall_rise: Text = Field("增加", description="A waterfall's rises, as a series of the deck's workbook.")
    waterfall_fall: Text = Field("减少", description="A waterfall's falls, as a series of the deck's workbook.")


class DeckNotes(Model):
    """Speaker notes of the slides no section owns (each section and block has its own `notes`)."""

    cover: Text = Field("", description="On the cover.")
    summary: Text = Field("", description="On the executive summary slide.")
    contents: Text = Field("", description="On the contents slide.")


class Report(Model):
    """A zzreport spec: one report, built into a PDF and a deck."""

    model_config = ConfigDict(
        extra="forbid",
        coerce_numbers_to_str=True,
        frozen=True,
        title="zzreport spec",
        json_schema_extra={"$id": "https://zzreport.invalid/schema/zzreport-1.schema.json"},
    )

    zzreport: Literal[1] = Field(description="Spec format version (currently 1).")
    title: Text = Field(min_length=1, description="Report title: cover, PDF metadata, title slide.")
    subtitle: Text = Field("", description="Subtitle under the title.")
    organisation: Text = Field("", description="Issuing organisation, on the cover and title slide.")
    author: Text = Field("", description="Byline, e.g. 记者 王红.")
    date: dt.date | ParamName | None = Field(
        None,
        description='Publication date (YYYY-MM-DD), or `"{params.name}"`: a param holding one; also the outputs\' '
        "timestamp unless SOURCE_DATE_EPOCH is set.",
    )
    as_of: dt.date | ParamName | None = Field(
        None, description='Date the data refers to (YYYY-MM-DD, or `"{params.name}"`).'
    )

    @field_validator("date", "as_of", mode="before")
    @classmethod
    def _day_or_param(cls, value: Any) -> Any:
        """A day, or a param's name; a wrong day is worded as a date field's is (not as a failed union)."""
        if value is None or isinstance(value, dt.date) or (isinstance(value, str) and re.match(PARAM_NAME, value)):
            return value
        if isinstance(value, str) and not re.match(r"^[0-9]{4}-", value):
            raise ValueError(f'expected a day (YYYY-MM-DD) or "{{params.name}}" naming a param, got {value!r}')
        try:
            return _DAY.validate_python(value)
        except ValidationError as exc:
            error = exc.errors()[0]
            raise PydanticCustomError(error["type"], error["msg"]) from None

    language: Text = Field(
        "zh-CN",
        description="Language tag of the content (PDF /Lang, deck runs).",
        pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$",
    )
    keywords: list[Text] = Field(default_factory=list, description="Keywords for the PDF metadata.")
    source: Text = Field("", description="Source line for footers, e.g. 河南日报.")
    footer: Text = Field("", description="Confidentiality or footer line on every page and content slide.")
    lead: RichText = Field("", description="Lead/summary: the PDF abstract and the deck's opening.")
    summary: list[RichText] = Field(
        default_factory=list,
        description="Key points: the deck's executive summary slide after the cover, and the PDF's closing points.",
    )
    params: dict[_Name, Param] = Field(
        default_factory=dict,
        description="Parameters set with `--set name=value`; `{params.name}` in any text or file path.",
        json_schema_extra={"propertyNames": {"pattern": NAME_PATTERN, "maxLength": 64}},
    )
    values: dict[_Name, NamedValue] = Field(
        default_factory=dict,
        description="Named values, each written once (a number or a CSV cell): `{name}`, `{name.value}`, "
        '`{name.change}`, `{name.amount}`, `{name.trend}` in any text, `value: "{name}"` on a KPI card.',
        json_schema_extra={"propertyNames": {"pattern": NAME_PATTERN, "maxLength": 64}},
    )
    slices: Slices | None = Field(
        None,
        description="One report per row of a CSV (`file`, `key`): `{slice.<column>}` in any text and data path "
        '(`where: {城市: "{slice.城市}"}`), outputs `<spec>-<key>.pdf`, `--slice KEY` builds one.',
    )
    notes: DeckNotes = Field(DeckNotes(), description="Speaker notes of the deck's cover, summary and contents slides.")
    labels: Labels = Field(Labels(), description="Fixed words the outputs use (目录, （续）, 2024 回顾 …).")
    theme: Theme = Field(Theme(), description="Colours, fonts, page and slide geometry, logo.")
    outputs: Outputs = Field(Outputs(), description="Which outputs to build and their file names.")
    sections: list[Section] = Field(min_length=1, description="The sections, in reading order.")

    _origin: Any = PrivateAttr(default=None)

    @property
    def origin(self) -> Any:
        """The :class:`~zzreport.loading.yaml_source.SourceDoc` this report was read from."""
        return self._origin

    @model_validator(mode="after")
    def _unique_ids(self) -> Report:
        seen: dict[str, int] = {}
        for index, section in enumerate(self.sections):
            if section.id in seen:
                raise PydanticCustomError(
                    "duplicate_id",
                    "duplicate section id `{id}` (first used by sections[{first}])",
                    {"id": section.id, "first": seen[section.id], "loc": ("sections", index, "id")},
                )
            seen[section.id] = index
        return self
