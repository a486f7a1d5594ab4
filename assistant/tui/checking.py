"""Checking and fixing a Word document from the TUI: thin adapters over `wenmi check` and
`wenmi fix` (assistant.document.check, assistant.document.fix), and the words the screen uses.

Plain Python (no textual), run in worker threads; the engine is imported lazily. Findings keep
the engine's Chinese messages, cleaned of command-line words (`texts.clean`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.tui.texts import clean

if TYPE_CHECKING:
    from assistant.document.findings import Finding
    from assistant.document.fix import Fixed

#: What the screen calls each severity (the summary line uses the same words).
SEVERITY = {"error": "错误", "warning": "提醒"}

#: Suffix of the repaired copy, beside the original: 通知.docx -> 通知-修正.docx.
FIXED_SUFFIX = "-修正"


@dataclass
class CheckReport:
    """The findings of one file, as `wenmi check` reports them."""

    path: Path
    findings: list[Finding]

    @property
    def errors(self) -> int:
        return sum(f.severity == "error" for f in self.findings)

    @property
    def warnings(self) -> int:
        return len(self.findings) - self.errors

    def pages(self) -> list[tuple[str, list[Finding]]]:
        """The findings grouped as an examiner's notes: the whole document (页面设置, 页脚…)
        first, then page by page; on a page by paragraph, errors before warnings."""
        by_page: dict[int, list[Finding]] = {}
        for f in self.findings:
            by_page.setdefault(f.page or 0, []).append(f)
        return [
            (page_label(page), sorted(by_page[page], key=lambda f: (f.paragraph or 0, f.severity != "error")))
            for page in sorted(by_page)
        ]


def check_file(path: Path) -> CheckReport:
    """Check the .docx at `path`; a WenmiError (in Chinese) when it cannot be read."""
    from assistant.document.check import check_docx

    return CheckReport(path, check_docx(path))


def fix_file(path: Path) -> Fixed:
    """Repair the .docx at `path` in memory: the changes, the bytes to write, what is left."""
    from assistant.document.fix import fix_docx

    return fix_docx(path)


def save_fixed(data: bytes, out: Path, *, overwrite: bool) -> None:
    """Write the repaired document atomically, replacing `out` only when `overwrite`. OSError
    when it cannot be written (FileExistsError when `out` appeared meanwhile and `overwrite`
    is false)."""
    from assistant.atomic import write_bytes_atomic

    write_bytes_atomic(out, data, replace=overwrite)


def default_output(path: Path) -> Path:
    """Where the repaired copy goes unless the user says otherwise: 原名-修正.docx beside it."""
    return path.with_name(f"{path.stem}{FIXED_SUFFIX}.docx")


def page_label(page: int | None) -> str:
    return f"第{page}页" if page else "全文"


def summary(findings: list[Finding], *, brief: bool = False) -> str:
    """错误N项、提醒N项 (or 未发现问题); `brief` leaves out a count of 0 (for a page)."""
    if not findings:
        return "未发现问题"
    errors = sum(f.severity == "error" for f in findings)
    counts = [(f"错误{errors}项", errors), (f"提醒{len(findings) - errors}项", len(findings) - errors)]
    return "、".join(text for text, n in counts if n or not brief)


def category_name(f: Finding) -> str:
    from assistant.document.findings import CATEGORY_NAMES

    return CATEGORY_NAMES.get(f.category, "其他")


def message(f: Finding) -> str:
    """The finding's Chinese message without command-line hints, and the other paragraphs with
    the same fault."""
    text = clean(f.message)
    if f.more and "另有" not in text:
        shown = "、".join(str(i) for i in f.more[:10]) + ("等" if len(f.more) > 10 else "")
        text += f"（另有{len(f.more)}段同样：第{shown}段）"
    return text


def where(f: Finding) -> str:
    """The part, paragraph and quote of a finding (页脚, 第3段“关于开展…”); "" when that says
    no more than its category (页面设置)."""
    text = str(f.where)
    return "" if text == category_name(f) else text


def detail(f: Finding) -> str:
    """Everything about one finding, one field a line (the dialog Enter opens)."""
    lines = [
        f"严重程度：{SEVERITY.get(f.severity, f.severity)}"
        + ("（不符合国家标准，报送前须改正）" if f.severity == "error" else "（本单位惯例或可能的疏忽）"),
        f"类别：{category_name(f)}",
        f"位置：{page_label(f.page)}" + (f"，{where(f)}" if where(f) else ""),
    ]
    if f.expected:
        lines.append(f"应为：{f.expected}")
    if f.actual:
        lines.append(f"实为：{f.actual}")
    lines.append(f"说明：{message(f)}")
    return "\n".join(lines)


def change_lines(fixed: Fixed) -> list[str]:
    """Each change `fix` makes, one line each (as `wenmi fix --dry-run` lists them)."""
    return [str(c) for c in fixed.changes]
