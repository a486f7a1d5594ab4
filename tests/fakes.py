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
