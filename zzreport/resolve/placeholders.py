"""Templates with ``{name}`` placeholders, such as the footer's page label.

A spec is untrusted, so its templates never go through :meth:`str.format`:
that would let ``{page.__class__.__mro__}`` read Python objects into the
PDF, ``{page:>300000000}`` allocate gigabytes, and a lone ``{`` crash the
build. The syntax here is fixed and small: ``{name}`` for an allowed name,
``{{`` and ``}}`` for literal braces, nothing else. The same parser checks
the template at resolve time (so ``zzreport check`` reports it) and fills it
in the writer, so the two cannot disagree.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping

#: ``{{``, ``}}``, a placeholder ``{name}``, or a lone brace (an error).
_TOKEN = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")


class TemplateError(ValueError):
    """A template uses an unknown placeholder or a lone brace; the message says which and where."""


def _parts(template: str, allowed: Collection[str]) -> list[tuple[bool, str]]:
    """The template as (is_placeholder, text) pieces, or :class:`TemplateError`."""
    names = ", ".join(f"{{{name}}}" for name in allowed)
    parts: list[tuple[bool, str]] = []
    end = 0
    for match in _TOKEN.finditer(template):
        parts.append((False, template[end : match.start()]))
        end = match.end()
        token = match.group()
        position = match.start() + 1
        if token in ("{{", "}}"):
            parts.append((False, token[0]))
        elif match.group(1) is not None:
            name = match.group(1)
            if name not in allowed:
                raise TemplateError(
                    f"unknown placeholder `{token}` at position {position}; the placeholders are {names} "
                    "(write `{{` and `}}` for literal braces)"
                )
            parts.append((True, name))
        else:
            raise TemplateError(
                f"lone `{token}` at position {position}; write `{token * 2}` for a literal brace "
                f"(the placeholders are {names})"
            )
    parts.append((False, template[end:]))
    return parts


def parts(template: str, allowed: Collection[str]) -> list[tuple[bool, str]]:
    """The template as ``(is_placeholder, text)`` pieces (a placeholder's text: its name), or TemplateError."""
    return _parts(template, allowed)


def check_template(template: str, allowed: Collection[str]) -> None:
    """Raise :class:`TemplateError` unless ``template`` only uses ``allowed`` placeholders."""
    _parts(template, allowed)


def fill(template: str, values: Mapping[str, object]) -> str:
    """``template`` with each ``{name}`` replaced by ``str(values[name])`` and ``{{``/``}}`` unescaped."""
    return "".join(str(values[text]) if is_name else text for is_name, text in _parts(template, values))


def substitute(template: str, lookup: Callable[[str, int], str]) -> tuple[str, list[str]]:
    """``template`` with each ``{name}`` replaced by ``lookup(name, position)``, and what went wrong.

    The spec's texts take named values this way (``{nev}``, ``{params.month}``).
    ``lookup`` raises :class:`TemplateError` for a name it does not know; every
    such name and every lone brace of the text is reported (1-based positions),
    so an author fixes a text in one pass. A text without braces is returned
    as it is.
    """
    if "{" not in template and "}" not in template:
        return template, []
    out: list[str] = []
    problems: list[str] = []
    end = 0
    for match in _TOKEN.finditer(template):
        out.append(template[end : match.start()])
        end = match.end()
        token = match.group()
        position = match.start() + 1
        if token in ("{{", "}}"):
            out.append(token[0])
        elif match.group(1) is not None:
            try:
                out.append(lookup(match.group(1), position))
            except TemplateError as exc:
                problems.append(str(exc))
        else:
            problems.append(f"lone `{token}` at position {position}; write `{token * 2}` for a literal brace")
    out.append(template[end:])
    return "".join(out), problems
