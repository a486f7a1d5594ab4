"""The engine's warnings and errors as the TUI says them: Chinese only, no command-line words.

The engine words its messages for `wenmi render` in a terminal: they name field paths
(字段“fields.主题”), slot ids (（gzf）) and flags (--examples, --set 名称=值). A TUI user has
none of those: here the place is the file and line only, a template is named by its name, and a
hint about a flag becomes what to do on the screen instead.

Plain Python (no textual), tested on its own.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

#: What the TUI says instead, by the engine's rule; {label} is the first “…” of the message,
#: {key} the last part of the field path.
RULE_TEXTS = {
    "examples-offered": "“{label}”没有填写，文档中略去了这部分（可在“撰写”页填写，或按它下方的“采用示例”后逐条核实）",
    "unused-field": "填写项“{key}”当前模板用不到，不会写进文档",
    "date-missing": "文档有署名但没有成文日期：请在“撰写”页填写“{key}”（成文日期是公文的必备要素）",
}

#: A parenthesis holding only an id or a key (（gzf）, （detail）, （achievements[2].title））.
_ID_PAREN = re.compile(r"（[A-Za-z_][\w.\-\[\]]*）")
#: A parenthesis or a clause that speaks of command-line flags or workbook keys.
_CLI_WORDS = re.compile(r"--[a-z]|\bfields\b|\bwenmi\b|\bachievements\b|\bunit\b|\bperiod\b|\btemplate:")
_PAREN = re.compile(r"（[^（）]*）")
#: “如 --set 名称=甲、乙、丙” after a hint: the example is a command line.
_CLI_EXAMPLE = re.compile(r"[，,]?\s*如\s*--\S+(\s+\S+=\S+)?")
_QUOTED = re.compile(r"“([^”]+)”")
_TEMPLATE_ID = re.compile(r"模板“([A-Za-z0-9][\w\-]*)”")


def say(item: Any, names: Mapping[str, str] | None = None) -> str:
    """A Diagnostic or WenmiError as one line for the screen (`names`: template id -> name)."""
    message = str(getattr(item, "message", item))
    rule = getattr(item, "rule", "")
    location = getattr(item, "location", None)
    field = getattr(location, "field", None) or ""
    if rule in RULE_TEXTS:
        quoted = _QUOTED.search(message)
        message = RULE_TEXTS[rule].format(
            label=quoted.group(1) if quoted else "",
            key=field.rsplit(".", 1)[-1] or (quoted.group(1) if quoted else ""),
        )
    else:
        message = clean(message, names)
    hint = getattr(item, "hint", None)
    if hint:
        hint = clean_hint(hint)
        if hint:
            message += f"（{hint}）"
    where = place(location)
    return f"{where}：{message}" if where else message


def place(location: Any) -> str:
    """File name and line of a location (no field path, no folders)."""
    if location is None:
        return ""
    parts: list[str] = []
    file = getattr(location, "file", None)
    if file and not str(file).startswith("<") and "输出" not in str(file):
        parts.append(Path(str(file)).name)
    line = getattr(location, "line", None)
    if line is not None and parts:
        parts.append(f"第{line}行")
    return "，".join(parts)


def clean(text: str, names: Mapping[str, str] | None = None) -> str:
    """`text` without ids, field paths and command-line hints; template ids as their names."""
    if names:
        text = _TEMPLATE_ID.sub(lambda m: f"模板“{names.get(m.group(1), m.group(1))}”", text)
    text = _ID_PAREN.sub("", text)
    text = _PAREN.sub(lambda m: "" if _CLI_WORDS.search(m.group(0)) else m.group(0), text)
    text = text.replace("台账字段", "填写项").replace("槽位", "填写项")
    return text.strip()


def clean_hint(hint: str) -> str:
    """A hint without the clauses that only make sense on the command line."""
    hint = _CLI_EXAMPLE.sub("", hint)
    clauses = [c for c in re.split(r"[；;]", hint) if c.strip() and not _CLI_WORDS.search(c)]
    return "；".join(c.strip() for c in clauses)
