"""Thin adapters over the engine, so screens call one small, typed surface.

Everything here imports the engine lazily (jieba, jinja2, docx and pypinyin are loaded on first
use, in a worker thread), holds no document logic, and turns engine results into what a widget
shows. The headings the user cycles to or picks live in the workbook (`seed:`, `headings:`), so
they are saved with it and the engine composes and exports with them like `wenmi render` does.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Hashable, Mapping, MutableMapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assistant.tui.session import TemplateEntry

if TYPE_CHECKING:
    from assistant.compose import ComposeResult
    from assistant.compose.matching import Suggestion
    from assistant.compose.pipeline import Arrangement
    from assistant.errors import Diagnostic
    from assistant.ledger.workbook import Achievement, Workbook
    from assistant.ledger.yamlfile import RowLines
    from assistant.templating import Template
    from assistant.templating.model import Slot


# --------------------------------------------------------------------------- workbooks


def read_workbook(path: Path) -> Workbook:
    from assistant.ledger.files import load_workbook

    return load_workbook(path)


def workbook_suffixes() -> tuple[str, ...]:
    """The files a workbook is read from (.yaml, .xlsx, .csv, a draft from .docx)."""
    from assistant.ledger.files import SUFFIXES

    return tuple(SUFFIXES)


def workbook_yaml(wb: Workbook, rows: MutableMapping[int, RowLines] | None = None) -> str:
    """The workbook as its YAML file says it; `rows`: see `dumps_workbook` (the autosave's)."""
    from assistant.ledger.yamlfile import dumps_workbook

    return dumps_workbook(wb, rows=rows)


def workbook_from_yaml(text: str, source: Path | None) -> Workbook:
    from assistant.ledger.yamlfile import loads_workbook

    wb = loads_workbook(text, str(source) if source else "<恢复文件>")
    wb.path = source
    return wb


def save_workbook(wb: Workbook, path: Path) -> Path:
    from assistant.ledger.files import save_workbook as save

    return save(wb, path)


def import_file(path: Path, *, unit: str | None = None, period: str | None = None) -> Workbook:
    """Read a table (or last year's .docx) to add to a workbook; `unit` and `period` are the open
    workbook's, which the rows join (so a file that names no unit is no problem)."""
    from assistant.ledger.files import import_file as run

    return run(path, unit=unit or None, period=period or None)


def error_lines(err: BaseException) -> list[str]:
    """Each problem of a WenmiError (or WenmiErrors) as one line."""
    from assistant.errors import WenmiErrors
    from assistant.tui.texts import say

    if isinstance(err, WenmiErrors):
        return [say(e) for e in err.errors]
    return [say(err)]


#: Slots that hold the date a document is signed (成文日期).
DATE_SLOTS = ("日期", "成文日期")
#: The slot that holds who signs it (落款).
SIGNER_SLOT = "落款"


def signer_after_unit_change(wb: Workbook, old_unit: str) -> str | None:
    """The 落款 to write now that the unit was `old_unit` and is `wb.unit`: the new unit when the
    落款 was the old unit (or part of its name, 党群工作部 of 党群工作部（党委统战部）) and is no
    part of the new one; None when it stays."""
    signer = str(wb.fields.get(SIGNER_SLOT) or "").strip()
    new = wb.unit.strip()
    if not signer or not new or signer in new or signer not in old_unit:
        return None
    return new


def date_warning(wb: Workbook, template: Template | None) -> str | None:
    """What is wrong with the workbook's 成文日期 for its period and the template's kind of
    document (a summary dated before its period ends…); None when it fits or cannot be told."""
    from assistant.compose.matching import PLANNING_DOCTYPES, REPORTING_DOCTYPES
    from assistant.compose.wording import date_check

    if template is None or template.doctype not in REPORTING_DOCTYPES | PLANNING_DOCTYPES:
        return None
    for name in DATE_SLOTS:
        value = wb.fields.get(name)
        if value and template.slot(name) is not None:
            return date_check(str(value), wb.period, template.doctype in REPORTING_DOCTYPES)
    return None


def figures(a: Achievement) -> str:
    from assistant.ledger.figures import figures_text

    return figures_text(a)


# --------------------------------------------------------------------------- the achievement form

#: Form keys of an achievement, in form order (metrics are rows below).
FORM_KEYS = ("title", "category", "date", "owner", "tags", "section", "detail")
METRIC_FORM_KEYS = ("label", "value", "unit", "qualifier")


def form_data(a: Achievement | None) -> dict[str, Any]:
    """An achievement as the strings the form shows (empty form for None)."""
    if a is None:
        return {k: "" for k in FORM_KEYS} | {"metrics": [dict.fromkeys(METRIC_FORM_KEYS, "")]}
    from assistant.ledger.numfmt import format_value

    data: dict[str, Any] = {
        "title": a.title,
        "category": "" if a.category_inferred else (a.category or ""),
        "date": a.date or "",
        "owner": a.owner or "",
        "tags": "、".join(a.tags),
        "section": a.section or "",
        "detail": a.detail or "",
    }
    data["metrics"] = [
        {"label": m.label, "value": format_value(m.value), "unit": m.unit, "qualifier": m.qualifier}
        for m in a.metrics
    ] or [dict.fromkeys(METRIC_FORM_KEYS, "")]
    return data


def _form_key(path: str) -> str:
    """A field of `validate_achievement` as a form key: metrics[2] -> metrics[2].value, tags[1] -> tags."""
    if re.fullmatch(r"metrics\[\d+\]", path):
        path += ".value"
    if path.startswith("tags"):
        path = "tags"
    return path


def validate_form(
    data: Mapping[str, Any], *, infer: bool = True
) -> tuple[Achievement | None, dict[str, str]]:
    """Check the form with the workbook's own validation (`workbook.validate_achievement`).

    Returns (achievement, {}) when valid, else (None, {form key: message}); form keys are
    "title", "category", …, "metrics[2].value" (rows counted from 1), "" for the whole form.
    `infer=False` only checks (used while typing: inferring a missing category loads jieba)
    and returns no achievement.
    """
    from assistant.ledger.validate import validate_achievement, workbook_from_dict

    item: dict[str, Any] = {"title": str(data.get("title", "")).strip()}
    for key in ("category", "date", "owner", "detail", "tags", "section"):
        value = str(data.get(key, "") or "").strip()
        if value:
            item[key] = value
    metrics = []
    for row in data.get("metrics", []):
        cells = {k: str(row.get(k, "") or "").strip() for k in METRIC_FORM_KEYS}
        if any(cells.values()):
            metrics.append({k: v for k, v in cells.items() if v})
        else:
            metrics.append(None)  # keeps row numbers aligned; dropped below
    kept = [m for m in metrics if m is not None]
    if kept:
        item["metrics"] = kept
    errors = validate_achievement(item)
    if errors:
        rows = [i for i, m in enumerate(metrics, start=1) if m is not None]
        out: dict[str, str] = {}
        for path, message in errors.items():
            key = _form_key(path)
            m = re.match(r"metrics\[(\d+)\](.*)", key)
            if m and int(m.group(1)) <= len(rows):  # back to the row number the user sees
                key = f"metrics[{rows[int(m.group(1)) - 1]}]{m.group(2)}"
            out.setdefault(key, message)
        return None, out
    if not infer:
        return None, {}
    wb = workbook_from_dict({"unit": "—", "achievements": [item]}, source="表单")
    return wb.achievements[0], {}


# --------------------------------------------------------------------------- templates


def initials(text: str) -> str:
    """Pinyin initials of the Chinese in `text`: 作风建设实施方案 -> zfjsssfa."""
    from assistant.phrasebank import pinyin_initials

    return pinyin_initials(text)


def load_templates() -> tuple[list[TemplateEntry], list[str]]:
    """Every template that loads, with its filter keys; and the problems of those that do not."""
    from assistant.templating import load_catalog

    catalog = load_catalog()
    templates = catalog.all()
    problems = [str(e) for e in [*catalog.problems, *catalog.load_errors]]
    entries = []
    for t in templates:
        words = [t.name, t.category, t.doctype, *t.keywords]
        keys = " ".join(initials(w) for w in words)
        haystack = " ".join([t.name, t.id, t.category, t.doctype, *t.keywords, t.description]).lower()
        entries.append(TemplateEntry(t, keys, haystack))
    return entries, problems


def rank(wb: Workbook, entries: Sequence[TemplateEntry]) -> list[Suggestion]:
    from assistant.compose.recommend import recommend

    return recommend(wb, [e.template for e in entries])


def slot_type_label(kind: str) -> str:
    from assistant.templating.model import SLOT_TYPE_LABELS

    return SLOT_TYPE_LABELS.get(kind, kind)


def pattern_label(pattern: str) -> str:
    from assistant.templating.model import PATTERN_LABELS

    return PATTERN_LABELS.get(pattern, pattern)


def slot_text(value: Any) -> str:
    """A slot value from the workbook as the text an Input shows."""
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        if value and all(isinstance(r, list | tuple) for r in value):
            return "；".join("|".join(str(c) for c in row) for row in value)
        return "、".join(str(v) for v in value)
    return str(value)


#: Cell separators of a table field: the ASCII bar, and the full-width one a Chinese IME types.
_TABLE_CELLS = re.compile(r"[|｜]")


def table_rows(slot: Slot, value: Any) -> list[list[str]] | None:
    """A table slot's stored value as rows, by the engine's coercion; None if it is not a table."""
    from assistant.compose import coerce_slot_value
    from assistant.errors import WenmiError

    if value is None or value == "":
        return []
    try:
        rows: list[list[str]] = coerce_slot_value(slot, value)
    except WenmiError:
        return None
    return rows


def table_text(slot: Slot, value: Any) -> str:
    """A table slot's value as its text field shows it: one row a line, cells between " | "."""
    rows = table_rows(slot, value)
    if rows is None:
        return slot_text(value)
    return "\n".join(" | ".join(row) for row in rows)


def parse_table(slot: Slot, text: str) -> tuple[list[list[str]], str | None]:
    """The rows typed in a table field, coerced by the engine, and what is wrong with them.

    One row a line (blank lines skipped), cells split by "|" (or "｜"; a row written
    "| 甲 | 乙 |" loses its outer bars). The problem names the first line whose number of
    cells differs from the other rows'; None when every row has as many cells.
    """
    from assistant.compose import coerce_slot_value

    numbered: list[tuple[int, list[str]]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        cells = [cell.strip() for cell in _TABLE_CELLS.split(line)]
        if len(cells) > 2 and not cells[0] and not cells[-1]:
            cells = cells[1:-1]
        numbered.append((number, cells))
    rows: list[list[str]] = coerce_slot_value(slot, [cells for _, cells in numbered])
    widths = Counter(len(row) for row in rows)
    if len(widths) < 2:
        return rows, None
    # The width most rows have (the first row's on a tie) is the table's.
    width = max(widths, key=lambda w: (widths[w], w == len(rows[0])))
    number, row = next((n, r) for (n, _), r in zip(numbered, rows, strict=True) if len(r) != width)
    return rows, f"第{number}行有 {len(row)} 格，其他行是 {width} 格"


def table_width(slot: Slot) -> int | None:
    """How many cells each row of the slot's default table has; None without a regular default."""
    rows = table_rows(slot, slot.default)
    widths = {len(row) for row in rows or ()}
    return widths.pop() if len(widths) == 1 else None


# --------------------------------------------------------------------------- template examples
#
# A template may offer example claims for a slot (its `examples`: problems, measures…). The
# drafter accepts them or not; accepted, they are stored in the workbook's fields wrapped in the
# markup's review marks ([示例]…[/示例]), exactly what `wenmi render --examples` puts into the
# document, so the .docx highlights them with the comment “示例内容，请核实或替换” (and so does
# `wenmi render` of the saved workbook). A piece the drafter rewrites is theirs: it loses its marks.


def _marks() -> tuple[str, str]:
    from assistant.compose.slots import REVIEW_CLOSE, REVIEW_OPEN

    return REVIEW_OPEN, REVIEW_CLOSE


def unmarked(value: Any) -> Any:
    """`value` without review marks (what the field shows)."""
    if isinstance(value, str):
        opening, closing = _marks()
        return value.replace(opening, "").replace(closing, "")
    if isinstance(value, list | tuple):
        return [unmarked(v) for v in value]
    return value


def marked_pieces(value: Any) -> list[str]:
    """The pieces of `value` (text, items, cells) still marked for review, without their marks."""
    if isinstance(value, str):
        opening, _ = _marks()
        return [unmarked(value)] if opening in value else []
    if isinstance(value, list | tuple):
        return [p for v in value for p in marked_pieces(v)]
    return []


def example_value(slot: Slot) -> Any:
    """The slot's example claims as the engine coerces them, each piece marked for review."""
    from assistant.compose.slots import coerce_slot_value, mark_for_review

    return mark_for_review(coerce_slot_value(slot, slot.examples, "示例"))


def example_summary(slot: Slot) -> str:
    """The examples on one line, for the suggestion under the field."""
    value = unmarked(example_value(slot))
    if isinstance(value, list):
        return "；".join("｜".join(r) if isinstance(r, list) else str(r) for r in value)
    return str(value)


def keep_marks(old: Any, new: Any) -> Any:
    """`new` (what the drafter typed, as stored) with the marks of the pieces of `old` it still
    holds word for word; a piece rewritten or added is the drafter's own."""
    marked = set(marked_pieces(old))
    opening, closing = _marks()

    def mark(value: Any) -> Any:
        if isinstance(value, str):
            return f"{opening}{value}{closing}" if value and value in marked else value
        if isinstance(value, list | tuple):
            return [mark(v) for v in value]
        return value

    return mark(unmarked(new))


def list_text(value: Any) -> str:
    """A list slot edited one item a line (a slot with examples: the items are sentences)."""
    if value is None or value == "":
        return ""
    if isinstance(value, list | tuple):
        return "\n".join(str(v) for v in value)
    return str(value)


def parse_list(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


# --------------------------------------------------------------------------- composing


def compose(
    template: Template,
    wb: Workbook,
    *,
    seed: int | None = None,
    headings: Mapping[int, str] | None = None,
    arranged: Arrangement | None = None,
) -> ComposeResult:
    """compose_markup with the workbook's chosen headings (`seed:`, `headings:`) unless given."""
    from assistant.compose import compose_markup

    return compose_markup(
        template,
        wb,
        seed=wb.seed if seed is None else seed,
        headings=wb.headings if headings is None else headings,
        arranged=arranged,
    )


class Composer:
    """Composes one workbook again and again while it is edited, keeping the arrangement of its
    achievements (`compose.pipeline.arrange`: views, sections, composed headings, paragraphs).

    Arranging is the slow part (about a second for a thousand achievements) and depends only on
    the template, the achievements, the heading set (`seed`), the unit and the period; typing in a
    field changes none of them, so a keystroke recomposes in milliseconds. The TUI never changes
    an achievement in place (an edited or moved one is a new object), so the achievements are
    "the same" when they are the same objects in the same order.

    The last arrangements made are also kept by what the rows say (`cache.rows_said`, sections
    included): a row moved back, an undo, or a move arranged ahead (`foresee`, in a thread while
    the user looks at the row) finds its arrangement again and composes in milliseconds. The
    arrangement depends on nothing else (same rows, same template, heading set, unit, period and
    phrase bank: the same arrangement), so the document is the one composing afresh writes.
    `foresee_document` composes the foreseen move's document too, shown by `compose_preview`
    only while the workbook says all it said then (rows, fields, headings, file).
    Compositions come from one thread at a time; `foresee` may run in another meanwhile.
    """

    #: Arrangements kept by what their rows say (the last ones made and foreseen).
    KEPT = 8

    def __init__(self) -> None:
        import threading

        self._template: Template | None = None
        self._key: tuple[int, str, str] | None = None
        self._achievements: tuple[Achievement, ...] = ()
        self._arranged: Arrangement | None = None
        #: Whether the last composition reused the kept arrangement…
        self.reused = False
        #: …or found one made before for rows that say the same (`foresee`, a move back).
        self.found = False
        #: What arranging made that the next arrangement may use again (`compose.cache`): after a
        #: move, the sections and paragraphs it left as they were.
        from assistant.compose.cache import Memo

        self.memo = Memo()
        #: Arrangements by `_said` (the template kept beside each: ids are compared).
        self._made: dict[Hashable, tuple[Template, Arrangement]] = {}
        #: One arrangement at a time (the memo serves one at a time).
        self._lock = threading.Lock()
        #: Raised to stop arranging ahead; what is being arranged ahead, by `_said`.
        self._foresight = 0
        self._foreseeing: Hashable | None = None
        #: Documents composed ahead (`foresee_document`): (template, `_said`, fields, headings,
        #: file, (result, preview)), the newest last.
        self._documents: list[tuple[Any, Hashable, dict[str, Any], dict[int, str], Any, tuple[Any, Any]]] = []
        #: The last `_said` worked out: (template, the rows, workbook key, its value).
        self._said_for: tuple[Any, tuple[Achievement, ...], tuple[Any, ...], tuple[Any, ...]] | None = None

    def fits(self, template: Template, wb: Workbook) -> bool:
        """Whether the kept arrangement is `wb`'s (composing it again takes milliseconds)."""
        kept = self._achievements
        return (
            self._arranged is not None
            and self._template is template
            and self._key == (wb.seed, wb.unit, wb.period or "")
            and len(kept) == len(wb.achievements)
            and all(a is b for a, b in zip(kept, wb.achievements, strict=True))
        )

    def ready(self, template: Template, wb: Workbook) -> bool:
        """Whether composing `wb` takes milliseconds: its arrangement is kept, or was made before
        for rows that say the same (a move foreseen, a row moved back). Other rows arranged ahead
        meanwhile are stopped: they would share the interpreter with what the user asked for."""
        if self.fits(template, wb):
            return True
        said = self._said(template, wb)
        self._wanted(said)
        return self._find(template, said) is not None

    def _wanted(self, said: Hashable) -> None:
        """`said` is to be composed now: stop arranging other rows ahead."""
        foreseeing = self._foreseeing
        if foreseeing is not None and foreseeing != said:
            self._foresight += 1

    def _said(self, template: Template, wb: Workbook) -> Hashable:
        """What `wb`'s arrangement depends on: the template, heading set, unit, period, phrase bank
        and what each row says (section included)."""
        from assistant.compose.cache import keeping, rows_said
        from assistant.errors import WenmiError
        from assistant.phrasebank import load_bank

        rows = tuple(wb.achievements)
        try:
            bank: Any = load_bank()
        except WenmiError:
            bank = None
        key = (wb.seed, wb.unit, wb.period or "", id(bank))
        last = self._said_for
        if (
            last is not None
            and last[0] is template
            and last[2] == key
            and len(last[1]) == len(rows)
            and all(a is b for a, b in zip(last[1], rows, strict=True))
        ):
            return last[3]
        with keeping(self.memo, advance=False):
            if last is not None and len(last[1]) == len(rows):
                # a move or an edit changes a row or two: the others are the objects they were
                before = last[3][-1]
                changed = [i for i, (a, b) in enumerate(zip(last[1], rows, strict=True)) if a is not b]
                said_rows = list(before)
                for i, said in zip(changed, rows_said([rows[i] for i in changed]), strict=True):
                    said_rows[i] = said
                told = tuple(said_rows)
            else:
                told = rows_said(rows)
        said = (id(template), *key, told)
        self._said_for = (template, rows, key, said)
        return said

    def _find(self, template: Template, said: Hashable) -> Arrangement | None:
        found = self._made.get(said)
        return found[1] if found is not None and found[0] is template else None

    def _remember(self, template: Template, said: Hashable, arranged: Arrangement) -> None:
        made = self._made
        made.pop(said, None)
        made[said] = (template, arranged)
        while len(made) > self.KEPT:
            made.pop(next(iter(made)), None)

    def arrangement(self, template: Template, wb: Workbook) -> Arrangement:
        """The arrangement of `wb`'s achievements, made again only when what it depends on changed."""
        from dataclasses import replace

        from assistant.compose.cache import keeping
        from assistant.compose.pipeline import arrange

        self.reused = self.fits(template, wb)
        self.found = False
        if not self.reused:
            key = (wb.seed, wb.unit, wb.period or "")
            said = self._said(template, wb)
            self._wanted(said)
            arranged = self._find(template, said)
            if arranged is None and self._foreseeing == said:
                with self._lock:  # being arranged ahead: wait for it
                    pass
                arranged = self._find(template, said)
            if arranged is None:
                self._foresight += 1  # stop arranging another one ahead
                with self._lock, keeping(self.memo):
                    arranged = arrange(template, wb, *key)
                    arranged.measured = self._measured(template, arranged)
                self._remember(template, said, arranged)
            else:
                self.found = True
                self._remember(template, said, arranged)  # the newest
            # the rows done and to do are the workbook's own (`compose_markup` splits them again)
            self._arranged = replace(arranged, split=None)
            self._template, self._key, self._achievements = template, key, tuple(wb.achievements)
        assert self._arranged is not None
        return self._arranged

    @property
    def foresight(self) -> int:
        """Changes when arranging ahead is to stop (`foresee`'s `since`)."""
        return self._foresight

    def foresee(self, template: Template, wb: Workbook, since: int | None = None) -> Arrangement | None:
        """Arrange `wb` ahead (in a thread), so that composing it later finds its arrangement:
        the move the user is likely to make next. None when stopped (`stop_foreseeing`, or a
        composition of other rows began, since `since`: the `foresight` the job was planned
        at); what was made so far stays in the memo."""
        from assistant.compose.cache import Interrupted, keeping
        from assistant.compose.pipeline import arrange

        token = self._foresight if since is None else since
        with self._lock:
            if token != self._foresight:
                return None
            said = self._said(template, wb)
            found = self._find(template, said)
            if found is not None:
                return found
            self._foreseeing = said
            try:
                with keeping(self.memo, advance=False, stop=lambda: token != self._foresight):
                    arranged = arrange(template, wb, wb.seed, wb.unit, wb.period or "")
                    arranged.measured = self._measured(template, arranged)
            except Interrupted:
                return None
            finally:
                self._foreseeing = None
            self._remember(template, said, arranged)
        return arranged

    def foresee_document(self, template: Template, wb: Workbook, since: int | None = None) -> bool:
        """After `foresee`: `wb`'s document and preview composed ahead too, so that the move only
        shows them (`compose_preview` finds them while the workbook says all it said then:
        rows, fields, headings, file). False when stopped or not arranged."""
        from dataclasses import replace

        token = self._foresight if since is None else since
        said = self._said(template, wb)
        arranged = self._find(template, said)
        if arranged is None or token != self._foresight:
            return False
        result, shown = _document(template, wb, replace(arranged, split=None))
        if result is None:
            return False
        entry = (template, said, dict(wb.fields), dict(wb.headings), wb.path, (result, shown))
        self._documents = [*self._documents[-3:], entry]
        return True

    def document(self, template: Template, wb: Workbook) -> tuple[ComposeResult, Preview] | None:
        """The document composed ahead for a workbook that says all `wb` says, or None."""
        if not self._documents:
            return None
        said = self._said(template, wb)
        for kept, told, fields, headings, path, made in reversed(self._documents):
            if kept is template and told == said and fields == wb.fields and headings == wb.headings and path == wb.path:
                result, shown = made
                return result, replace_preview(shown)
        return None

    def stop_foreseeing(self) -> None:
        """Stop arranging ahead (at the next look-up of the memo): the user went elsewhere."""
        self._foresight += 1

    @staticmethod
    def _measured(template: Template, arranged: Arrangement) -> tuple[int, int] | None:
        """The sandbox's measure of the arrangement (`compose_markup` measures it on first reuse),
        made from what the memo kept of the views left alone; None (measured there) for a body
        that splits the rows into work done and to do, which measures the done ones only."""
        from assistant.compose.cache import measure_arrangement
        from assistant.templating.sandbox import body_names

        if {"plans", "plan_parts"} & body_names(template):
            return None
        return measure_arrangement(arranged.views, arranged.sections)

    def compose(self, template: Template, wb: Workbook) -> ComposeResult:
        """`compose(template, wb)`, with the kept arrangement when it still fits."""
        return compose(template, wb, arranged=self.arrangement(template, wb))


def placement(result: ComposeResult) -> dict[int, int]:
    """Which section (1-based) each achievement (by workbook index) is in."""
    return {i: sec.index for sec in result.sections for i in sec.indices}


def heading_with_phrase(heading: str, pattern: str, phrase: str) -> str:
    """The heading after picking `phrase` for it: a pair heading keeps its tail (`replace_head`)."""
    from assistant.compose import replace_head

    return replace_head(heading, pattern, phrase)


@dataclass
class Preview:
    """The preview pane's content: the document text, or what stops it."""

    text: str
    error: str | None = None
    diagnostics: list[str] = field(default_factory=list)
    #: The slot (or other field) the error is about, when the engine says.
    error_field: str | None = None


def preview(markup: str) -> Preview:
    """The plain-text preview of composed markup (the markup itself if it does not parse)."""
    from assistant.errors import WenmiError
    from assistant.tui.texts import say

    try:
        from assistant.document.markup import parse_markup
        from assistant.document.preview import preview_text
    except ImportError:  # engine part not there yet: show the markup
        return Preview(markup)
    try:
        return Preview(preview_text(parse_markup(markup, "<预览>")))
    except WenmiError as err:
        return Preview(markup, say(err))


def compose_preview(
    template: Template,
    wb: Workbook,
    *,
    seed: int | None = None,
    headings: Mapping[int, str] | None = None,
    composer: Composer | None = None,
) -> tuple[ComposeResult | None, Preview]:
    """The composed document and its preview; `composer` keeps the arrangement between calls
    (then `seed` and `headings` are the workbook's)."""
    from assistant.errors import WenmiError
    from assistant.tui.texts import say

    if composer is None:
        return _document(template, wb, seed=seed, headings=headings)
    try:
        arranged = composer.arrangement(template, wb)
    except WenmiError as err:
        return None, Preview("", say(err, {template.id: template.name}), error_field=err.location.field)
    # a move composed ahead (`Composer.foresee_document`); typing keeps the arrangement: not that
    ahead = None if composer.reused else composer.document(template, wb)
    if ahead is not None:
        return ahead
    return _document(template, wb, arranged)


def _document(
    template: Template,
    wb: Workbook,
    arranged: Arrangement | None = None,
    *,
    seed: int | None = None,
    headings: Mapping[int, str] | None = None,
) -> tuple[ComposeResult | None, Preview]:
    from assistant.errors import WenmiError
    from assistant.tui.texts import say

    names = {template.id: template.name}
    try:
        result = compose(template, wb, seed=seed, headings=headings, arranged=arranged)
    except WenmiError as err:
        return None, Preview("", say(err, names), error_field=err.location.field)
    shown = preview(result.markup)
    shown.diagnostics = [say(d, names) for d in result.diagnostics]
    return result, shown


def replace_preview(shown: Preview) -> Preview:
    """A copy of `shown` (its list of warnings its own)."""
    return Preview(shown.text, shown.error, list(shown.diagnostics), shown.error_field)


# --------------------------------------------------------------------------- export


@dataclass
class Exported:
    path: Path
    pages: int | None
    warnings: list[str]
    #: Pieces of template examples the drafter accepted, marked for review in the document.
    examples: int = 0


def export_pdf(docx: Path, pdf: Path) -> Path:
    """A PDF of the exported document, through LibreOffice (WenmiError saying what to install
    when it is not)."""
    from assistant.document.pdf import docx_to_pdf

    return docx_to_pdf(docx, pdf)


def _diagnostics(items: Sequence[Diagnostic], names: Mapping[str, str] | None = None) -> list[str]:
    from assistant.tui.texts import say

    return [say(d, names) for d in items]


def export(
    wb: Workbook,
    template: Template,
    out: Path,
    *,
    seed: int | None = None,
    headings: Mapping[int, str] | None = None,
    force: bool = False,
) -> Exported:
    """Write the .docx with the engine's `export_workbook` (seed and headings: the workbook's by default)."""
    from assistant.render import export_workbook

    done = export_workbook(wb, template.id, out, seed=seed, headings=headings, force=force)
    examples = sum(len(marked_pieces(v)) for k, v in wb.fields.items() if template.slot(str(k)) is not None)
    warnings = _diagnostics(done.diagnostics, {template.id: template.name})
    return Exported(Path(done.path), done.pages, warnings, examples)


# --------------------------------------------------------------------------- phrase bank


def bank() -> Any:
    """The phrase bank (cached by the engine); WenmiError when its files are broken."""
    from assistant.phrasebank import load_bank

    return load_bank()


def phrase_vocabulary() -> tuple[
    tuple[str, ...], dict[str, str], tuple[str, ...], tuple[str, ...], tuple[str, ...]
]:
    """(kinds, kind labels, themes, roles, structures) for the browse tree and the add form."""
    from assistant.categories import THEMES
    from assistant.phrasebank.model import KIND_LABELS, KINDS, ROLES, STRUCTURES

    return KINDS, KIND_LABELS, THEMES, ROLES, STRUCTURES


def search_phrases(
    query: str, *, kind: str | None = None, theme: str | None = None, limit: int = 200
) -> list[Any]:
    """Entries matching `query`, best first; with no query, the kind/theme's entries, phrases first."""
    b = bank()
    if query.strip():
        found = b.search(query.strip(), limit=limit)
        return [e for e in found if (kind is None or e.kind == kind) and (theme is None or e.theme == theme)]
    from assistant.phrasebank.model import KINDS

    order = {k: i for i, k in enumerate(KINDS)}
    entries = sorted(b.entries(kind=kind, theme=theme), key=lambda e: order.get(e.kind, len(order)))
    return entries[:limit]


def count_phrases(*, kind: str | None = None, theme: str | None = None) -> int:
    return len(bank().entries(kind=kind, theme=theme))


def add_phrase(text: str, theme: str, role: str, structure: str | None) -> tuple[Any, Path]:
    """Add the user's phrase with the engine's own checks (four characters, no duplicate…)."""
    from assistant.phrasebank.userfile import add_user_phrase

    return add_user_phrase(text, theme, role, structure or None)
