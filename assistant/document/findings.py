"""What `wenmi check` reports: one finding per fault, located as an examiner's note is.

A finding names its rule (a stable id), its category, how grave it is (`error`: the document
breaks GB/T 9704, 15834 or 15835; `warning`: house style or a likely slip), where it is
(paragraph, page, a short quote), what was expected and what was found, and a message in Chinese
that says what to do.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

#: The categories of findings, in the order an examiner reads a document.
CATEGORIES = (
    "layout", "font", "size", "indent", "spacing", "alignment", "numbering", "punctuation",
    "numbers", "parallelism", "figures", "structure", "header_footer", "pagination",
)  # fmt: skip

CATEGORY_NAMES = {
    "layout": "页面设置", "font": "字体", "size": "字号", "indent": "缩进", "spacing": "行距与段距",
    "alignment": "对齐", "numbering": "标题序号", "punctuation": "标点", "numbers": "数字与日期",
    "parallelism": "标题对仗", "figures": "数字核对", "structure": "结构", "header_footer": "页码",
    "pagination": "分页",
}  # fmt: skip

QUOTE_CHARS = 16


@dataclass
class Where:
    """Where a finding is: a body paragraph (1-based, as python-docx counts them), its page as
    estimated, a short quote of it; or a part of the document (页面设置, 页脚, 表格…)."""

    paragraph: int | None = None
    page: int | None = None
    quote: str = ""
    part: str = ""

    def __str__(self) -> str:
        bits = []
        if self.part:
            bits.append(self.part)
        if self.paragraph:
            bits.append(f"第{self.paragraph}段")
        if self.quote:
            bits.append(f"“{self.quote}”")
        return "".join(bits) or "全文"


def quote(text: str) -> str:
    t = " ".join(text.split())
    return t if len(t) <= QUOTE_CHARS else t[:QUOTE_CHARS] + "…"


@dataclass
class Finding:
    rule: str
    severity: str  # "error" | "warning"
    where: Where | str
    message: str
    category: str = ""
    expected: str = ""
    actual: str = ""
    #: Further paragraphs with the same fault (reported once, at the first).
    more: list[int] = field(default_factory=list)

    @property
    def page(self) -> int | None:
        return self.where.page if isinstance(self.where, Where) else None

    @property
    def paragraph(self) -> int | None:
        return self.where.paragraph if isinstance(self.where, Where) else None

    def as_dict(self) -> dict[str, Any]:
        """The JSON form: `where` as text (as it always was), and its parts as fields of their own."""
        w = self.where if isinstance(self.where, Where) else Where(part=self.where)
        return {
            "rule": self.rule, "category": self.category, "severity": self.severity, "where": str(w),
            "paragraph": w.paragraph, "page": w.page, "quote": w.quote, "part": w.part,
            "expected": self.expected, "actual": self.actual, "message": self.message, "also": self.more,
        }  # fmt: skip

    def __str__(self) -> str:
        label = "错误" if self.severity == "error" else "警告"
        return f"{label}：{self.where}：{self.message}"
