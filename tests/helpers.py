"""Helpers shared by several test modules."""

from __future__ import annotations

import os
import re

import pytest


def require_tool(name: str, found: object) -> None:
    """Skip when an external tool is missing, or fail when CI demands it (``ZZREPORT_REQUIRE_TOOLS=1``)."""
    if found:
        return
    if os.environ.get("ZZREPORT_REQUIRE_TOOLS") == "1":
        pytest.fail(f"{name} is required (ZZREPORT_REQUIRE_TOOLS=1) but not installed")
    pytest.skip(f"{name} is not installed")


def flat(text: str) -> str:
    """``text`` without any whitespace (extraction inserts spaces and line breaks)."""
    return re.sub(r"\s+", "", text)


def appears_wrapped(label: str, lines: list[str]) -> bool:
    """``label`` is in the text, whole or as consecutive pieces each on some line (a wrapped label)."""
    text = "".join(lines)
    rest = flat(label)
    while rest:
        size = max((n for n in range(1, len(rest) + 1) if any(rest[:n] in line for line in lines)), default=0)
        if size == 0 or (size == 1 and len(rest) > 1 and rest not in text):
            return False
        rest = rest[size:]
    return True
