"""Test doubles shared by test modules."""

from __future__ import annotations

import sys
import types
from typing import Any

import pytest


def install_fake_bank(monkeypatch: pytest.MonkeyPatch, fake: Any) -> Any:
    """Make `assistant.phrasebank.load_bank()` return `fake` for the rest of the test."""
    module = types.ModuleType("assistant.phrasebank")
    module.load_bank = lambda *a, **k: fake  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "assistant.phrasebank", module)
    return fake


def texts_of(value: Any) -> list[str]:
    """Every piece of text in a slot value (a string, a list, a table of rows, a mapping)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list | tuple):
        return [t for v in value for t in texts_of(v)]
    if isinstance(value, dict):
        return [t for v in value.values() for t in texts_of(v)]
    return []
