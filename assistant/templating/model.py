"""What a template is: metadata, slots, a section plan, sample values and a Jinja2 body.

These are plain data classes; reading them from YAML is `loader.py`, running the body is
`sandbox.py`. The vocabularies (slot types, document types, heading patterns) live here only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

#: Kinds of value a slot holds.
SLOT_TYPES: tuple[str, ...] = ("text", "date", "number", "list", "table", "achievements")

#: Chinese names of the slot types, for `templates show` and messages.
SLOT_TYPE_LABELS: dict[str, str] = {
    "text": "文本",
    "date": "日期",
    "number": "数字",
    "list": "列表",
    "table": "表格",
    "achievements": "成效事项",
}

#: Document types (文种) a template may produce.
DOCTYPES: tuple[str, ...] = (
    "实施方案",
    "工作方案",
    "活动方案",
    "通知",
    "工作总结",
    "工作报告",
    "经验材料",
    "宣传报道",
    "整改方案",
    "调研报告",
    "述职报告",
    "讲话稿",
    "会议纪要",
    "考核细则",
    "计划表",
)

#: Heading patterns the phrase bank composes for a section plan.
PATTERNS: tuple[str, ...] = ("phrase", "pair", "framework", "none")
PATTERN_LABELS: dict[str, str] = {
    "phrase": "四字短语",
    "pair": "短语 + 短句",
    "framework": "数字框架",
    "none": "不分节",
}

#: How achievements are split into sections.
GROUP_BY: tuple[str, ...] = ("category", "tag", "order")
GROUP_BY_LABELS: dict[str, str] = {"category": "按类别", "tag": "按标签", "order": "按顺序"}

#: Styles of a heading pair: two full-width spaces, or a comma.
PAIR_STYLES: tuple[str, ...] = ("space", "comma")

#: Names the engine puts in every body's context; slots may not use them.
CONTEXT_NAMES: tuple[str, ...] = (
    "unit", "period", "achievements", "plans", "plan_parts", "sections", "headings", "theme_said", "honours",
    # The workbook's wording (assistant.compose.wording.CONTEXT_NAMES; a test keeps them equal).
    "since", "span", "next_span", "next_period", "org_kind", "sector", "self_ref",
)  # fmt: skip

#: `<prefix>-<ascii words>`, lowercase.
ID_PATTERN = re.compile(r"^[a-z]{2}(?:-[a-z0-9]+)+$")

#: Limits that keep a template from using unbounded resources.
MAX_BODY_CHARS = 100_000
MAX_SECTIONS = 20


@dataclass(frozen=True)
class Slot:
    """A value the user fills in; `name` is the variable the body uses."""

    name: str
    label: str
    type: str = "text"
    required: bool = False
    #: The value used when neither the workbook nor `--set` gives one; None means "no default".
    #: Only framing belongs here (true for any unit); claims about the unit go in `examples`.
    default: Any = None
    help: str = ""
    #: Example claims (problems, measures, judgements) offered to the drafter: used only when the
    #: drafter accepts them (`--examples`, or in the TUI), and then marked for review in the .docx.
    examples: Any = None


@dataclass(frozen=True)
class SectionPlan:
    """How a template's achievements become sections with composed headings."""

    count: int
    pattern: str = "phrase"
    #: Phrase-bank theme; None means the template's category.
    theme: str | None = None
    #: Pair style (space | comma); None lets the phrase bank choose.
    style: str | None = None
    #: A named family in the phrase bank: a pair group (四高) or a framework (1234党建工作法).
    family: str | None = None
    group_by: str = "category"
    #: Fixed headings: used as they are instead of composed ones.
    headings: tuple[str, ...] = ()
    #: The words a workbook about the template's theme uses (志愿, 思想政治), when its name does
    #: not tell them (`matching.absent_theme`); when the workbook is not about it, fixed headings
    #: give way to composed ones for a body that words its framing by `theme_said`.
    theme_words: tuple[str, ...] = ()


@dataclass(frozen=True)
class TemplateInfo:
    """The metadata `templates list` needs, read without parsing the body."""

    id: str
    name: str
    category: str
    doctype: str
    keywords: tuple[str, ...]
    description: str
    path: Path | None
    source: str


@dataclass(frozen=True)
class Template:
    """A fully loaded template."""

    id: str
    name: str
    category: str
    doctype: str
    keywords: tuple[str, ...]
    description: str
    slots: tuple[Slot, ...]
    sections: SectionPlan | None
    sample: dict[str, Any]
    body: str
    path: Path | None = None
    #: "packaged", "user", or the WENMI_PATH folder it came from.
    source: str = "packaged"
    #: File line (1-based) of the body's first line; None when the body is not from a file.
    body_line: int | None = None

    @property
    def info(self) -> TemplateInfo:
        return TemplateInfo(
            self.id,
            self.name,
            self.category,
            self.doctype,
            self.keywords,
            self.description,
            self.path,
            self.source,
        )

    @property
    def slot_names(self) -> tuple[str, ...]:
        return tuple(s.name for s in self.slots)

    def slot(self, name: str) -> Slot | None:
        """The slot called `name` (or labelled `name`), None if there is none."""
        for s in self.slots:
            if s.name == name:
                return s
        for s in self.slots:
            if s.label == name:
                return s
        return None

    def file_line(self, body_lineno: int | None) -> int | None:
        """The file line of body line `body_lineno` (1-based), or None when unknown."""
        if body_lineno is None:
            return None
        if self.body_line is None:
            return body_lineno
        return self.body_line + body_lineno - 1

    @property
    def where(self) -> str:
        """The file to name in messages: the path, or the template id."""
        return str(self.path) if self.path is not None else f"模板 {self.id}"
