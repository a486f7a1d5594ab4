"""Repair a Word document to GB/T 9704-2012 in place (`wenmi fix`).

The document is read as `wenmi check` reads it (assistant.document.docxread, roles), and what
can be mended without a human is mended on the paragraphs themselves, so that every character,
table, picture and comment stays where it is:

- page setup: A4 portrait, the margins of 5.2.1, no gutter, a 22-line document grid, 28
  characters a line (5.2.3: body text condensed 0.25 pt, or a character grid kept);
- each paragraph by its role: face and size (7.3), alignment, indents in characters, fixed line
  spacing on the 22-line grid, no space before or after, black text;
- the 落款 placed per 7.3.5.2 (one already arranged for a seal, 7.3.5.1, is left where it is);
- heading numbers in their GB/T form (一、（一）1.（1）) and in order;
- half-width punctuation in Chinese text, ASCII quotes, corner quotes 「」, “...”, doubled marks,
  “--”, the colon a 主送 lacks;
- full-width digits, dates written 2023.6.30 or 2023-06-30, year-months written 2023.12,
  zero-padded dates, a 成文日期 in Chinese numerals, years written with two digits (24年);
- page numbers: “— N —”, 4号宋体, odd pages right and even pages left, on every page.

What needs a human is left alone and reported by the check that follows: structure (a missing
title, 落款 or date), parallel headings, figures, impossible dates, abbreviated years whose century
the document does not tell.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from assistant.document import gbt9704 as G
from assistant.document.docx_writer import (
    _child,
    _el,
    _keep,
    _order_ppr,
    _order_rpr,
    page_field_runs,
    set_run_fonts,
)
from assistant.document.docxread import DocInfo, ParaInfo, RunInfo, W, read_docx
from assistant.document.fixpages import keep_tail
from assistant.document.roles import (
    ATTACH_END,
    assign_roles,
    attach_hanging,
    heading_label,
    line_pitch_pt,
    placed_right,
)
from assistant.document.rules import (
    BOOK_MARKS,
    CORNER_QUOTES,
    CORNER_TO_QUOTES,
    FACES,
    FANGSONG,
    HEITI,
    KAITI,
    LATIN_TEXT,
    LEVEL_NAMES,
    PITCH_RANGE,
    ROLE_NAMES,
    SANS_LATIN,
    SPACE_BEFORE_MARK,
    TAIL_WIDTHS,
    body_spacing,
    chars_per_line,
    face_ok,
    grid_spacing_pt,
    lines_in_block,
    normal_size_pt,
    right_blank,
    size_name,
    tail_fits,
    tail_places,
    wraps,
    year_months,
)

#: One body character with the writer's condensed spacing (twips): indents in twips use it.
_PITCH = round(G.char_pitch_pt() * G.TWIPS_PER_PT)


@dataclass
class Change:
    """One kind of repair, on one or more paragraphs."""

    category: str
    what: str
    paragraphs: list[int] = field(default_factory=list)

    def __str__(self) -> str:
        if not self.paragraphs:
            return self.what
        shown = "、".join(str(i) for i in self.paragraphs[:10]) + ("等" if len(self.paragraphs) > 10 else "")
        return f"{self.what}（第{shown}段）"

    def as_dict(self) -> dict[str, Any]:
        return {"category": self.category, "what": self.what, "paragraphs": self.paragraphs}


class _Log:
    def __init__(self) -> None:
        self.changes: dict[tuple[str, str], Change] = {}
        self._seen: set[tuple[str, str, int]] = set()

    def add(self, category: str, what: str, p: ParaInfo | None = None) -> None:
        change = self.changes.setdefault((category, what), Change(category, what))
        if p is not None and p.index and (category, what, p.index) not in self._seen:
            self._seen.add((category, what, p.index))
            change.paragraphs.append(p.index)

    def all(self) -> list[Change]:
        return list(self.changes.values())


def fix_document(document: Any) -> list[Change]:
    """Repair the python-docx `document` in place; return what was changed."""
    log = _Log()
    info = read_docx(document)
    assign_roles(info)
    _page(document, info, log)
    _text(info, log)
    # the text changed (dates, numbers): read the paragraphs again for their formatting
    info = read_docx(document)
    assign_roles(info)
    link_tail(info)
    _paragraphs(info, log)
    _record_and_attendance(info, log)
    _annexes(info, log)
    _line_characters(info, log)
    _blank_lines(info, log)
    _footers(document, info, log)
    _keep_headings(document, log)
    keep_tail(document, log)
    if info.role("record") or any("印发" in t.text for t in info.tables):
        _record_at_foot(document, log)
    return log.all()


@dataclass
class Fixed:
    """What `fix_docx` made of a file: the changes, the repaired document as .docx bytes (not
    written anywhere yet), and what `wenmi check` still finds in it (what needs a human)."""

    changes: list[Change]
    data: bytes
    left: list[Any]


def fix_docx(path: Any) -> Fixed:
    """Repair the .docx at `path` in memory and check the result as it would be written.

    A WenmiError (in Chinese) when the file cannot be read, as `check_docx` raises it."""
    import io

    import docx

    from assistant.document.check import check_document, open_docx

    document = open_docx(path)
    changes = fix_document(document)
    buffer = io.BytesIO()
    document.save(buffer)
    data = buffer.getvalue()
    return Fixed(changes, data, check_document(docx.Document(io.BytesIO(data))))


def _blank_lines(info: DocInfo, log: _Log) -> None:
    """An empty line under the title (7.3.2) and above the 署名 (7.3.5), where there is none."""
    by_index = {p.index: p for p in info.paragraphs}
    titles = info.role("title")
    sigs, dates = info.role("signature"), info.role("date")
    spots = []
    # a title with text above it is misplaced (title-not-first, for a human to move): no blank
    # line under it until it stands first
    misplaced = titles and any(p.index < titles[0].index and p.role not in ("blank", "organ", "docnum")
                               for p in info.paragraphs)  # fmt: skip
    if titles and not misplaced:
        last = titles[-1]
        nxt = by_index.get(last.index + 1)
        # (space before and after was set to 0 above: the empty line is what remains)
        if nxt is not None and nxt.role in ("recipients", "body", "heading"):
            spots.append((last, "after", "标题下空一行"))
    if sigs and (not dates or sigs[0].index < dates[0].index):
        prev = by_index.get(sigs[0].index - 1)
        if prev is not None and prev.role != "blank":
            spots.append((sigs[0], "before", "署名上空一行"))
    for p, side, what in spots:
        blank = _el("w:p")
        ppr = _el("w:pPr")
        blank.append(ppr)
        _child(ppr, "w:spacing", **{"w:before": "0", "w:after": "0", "w:line": str(G.LINE_PITCH_TWIPS), "w:lineRule": "exact"})
        if side == "after":
            p.element.addnext(blank)
        else:
            p.element.addprevious(blank)
        log.add("structure", f"{what}（插入一个空段落）", p)


def _keep_headings(document: Any, log: _Log) -> None:
    """背题: a heading the repaired layout leaves at the foot of a page (rules.stranded_headings)
    is kept with the paragraph after it (w:keepNext, and w:keepLines so that Word moves it whole
    as LibreOffice does), and the suites carry it to the next page. Headings that end no page keep
    their settings: a clean document is left as it is.

    Keeping a heading that ends no page changes nothing, so the pages laid out with every heading
    kept are those of the repaired document: the headings that layout moves to a new page (and
    those chained under them) are the ones to keep, found in one estimate, not one per heading."""
    from assistant.document.roles import estimate_pages
    from assistant.document.rules import _stands_alone, stranded_headings

    info = read_docx(document)
    assign_roles(info)
    paras = info.paragraphs
    was = {p.index: (p.keep_next, p.keep_lines) for p in paras}
    candidates = {p.index for p in paras if p.role == "heading" and not p.keep_next and _stands_alone(p)}
    if not candidates:
        return
    for p in paras:
        if p.index in candidates:
            p.keep_next = p.keep_lines = True
    estimate_pages(info)
    tables = {t.after_paragraph for t in info.tables}
    needed: list[ParaInfo] = []
    k = 1
    while k < len(paras):
        p, prev = paras[k], paras[k - 1]
        sec = info.section_of(p)
        height = (sec.height_mm - sec.top_mm - sec.bottom_mm) / G.MM_PER_PT
        moved = p.index in candidates and p.page > prev.extras.get("end_page", prev.page) and p.section == prev.section \
            and not p.page_break_before and prev.index not in tables \
            and prev.extras.get("end_used", height) + line_pitch_pt(p, sec) <= height + 0.5
        if not moved:
            k += 1
            continue
        while k < len(paras) and paras[k].index in candidates:  # with the headings kept under it
            needed.append(paras[k])
            k += 1
    chosen = {p.index for p in needed}
    for p in paras:
        if p.index in candidates and p.index not in chosen:
            p.keep_next, p.keep_lines = was[p.index]
    for _ in range(_KEEP_ROUNDS):
        for p in needed:
            _keep(p.element.get_or_add_pPr())
            p.keep_next = p.keep_lines = True
            log.add("pagination", f"{LEVEL_NAMES.get(p.level, '标题')}排在页末、下文在下一页（背题）：设为“与下段同页”，随下文排到下一页", p)
        estimate_pages(info)
        needed = stranded_headings(info)  # what the estimate of the kept layout still leaves (rare)
        if not needed:
            return


#: Rounds of `_keep_headings` after the first (each estimates the pages again).
_KEEP_ROUNDS = 4


#: Lines (of 28.95 pt) kept free under a 版记 moved down, so that an estimate a little short
#: of the suites' layout cannot push it onto a page of its own.
_RECORD_SAFETY_LINES = 0.5


def _record_at_foot(document: Any, log: _Log) -> None:
    """A 版记 typed in the text flow in mid-page goes down to the foot of its page (7.4.1): an
    empty paragraph of the height left blank under it goes before it (not space before, which
    the suites drop at the top of a page). Judged on the repaired document, as the check sees it.

    A 版记 that does not fit under the text and would stand alone on an odd page goes to the
    foot of the next, even page (7.4: the last page, 封四), after a blank page; the blank page and
    the 版记 page form a section of their own whose footers carry no page number (7.5)."""
    from assistant.document.roles import estimate_pages
    from assistant.document.rules import RECORD_SLACK_LINES, record_alone, record_gap

    def measured() -> Any:
        """The document as the check reads it, with its estimated pages."""
        info = read_docx(document)
        assign_roles(info)
        estimate_pages(info)
        return info

    info = measured()
    gap = record_gap(info)
    if gap is None:
        return
    first, page, lines = gap
    alone = record_alone(info)
    if alone is not None and _record_page(document, info, first, alone):
        gap = record_gap(measured())  # the blank page moved the 版记: measure it again
        if gap is None:
            return
        first, page, lines = gap
        log.add("pagination", f"版记单独落在第{alone[1]}页（单页）：前面加一个空白页，版记排在第{page}页（双页）最下面，"
                              "空白页和版记页不编页码（GB/T 9704 7.4、7.5）", first)  # fmt: skip
        _pad_record(first, lines)
        return
    if lines <= RECORD_SLACK_LINES:
        return
    _pad_record(first, lines)
    log.add("pagination", f"版记移到第{page}页最下面（前面加一个高约 {lines - _RECORD_SAFETY_LINES:.0f} 行的空段落，GB/T 9704 7.4.1）", first)


def _pad_record(first: ParaInfo, lines: float) -> None:
    """An empty paragraph `lines` high (less the safety) before the 版记 that `first` opens (or,
    for a 版记 table, after the paragraph `first` before it)."""
    height = round((lines - _RECORD_SAFETY_LINES) * G.LINE_PITCH_TWIPS)
    spacer = _el("w:p")
    ppr = _el("w:pPr")
    spacer.append(ppr)
    _child(ppr, "w:spacing", **{"w:before": "0", "w:after": "0", "w:line": str(max(1, height)), "w:lineRule": "exact"})
    # the table's paragraph before it stays where it is; paragraphs of the 版记 get the spacer first
    if first.role == "record":
        first.element.addprevious(spacer)
    else:
        first.element.addnext(spacer)


def _record_page(document: Any, info: DocInfo, first: ParaInfo, alone: tuple[ParaInfo, int]) -> bool:
    """End the numbered section at the text's last paragraph (`alone[0]`); in the section after
    it, an empty page, then the 版记 (opened by `first`) on a new page. False, with nothing
    changed, when the text does not end with a plain paragraph of the body."""
    from copy import deepcopy

    from docx.oxml.ns import qn

    last = alone[0]
    body = document.element.body
    final = body.find(qn("w:sectPr"))
    if final is None or last.element.getparent() is not body or any(
        q.element.find(f"{W}pPr/{W}sectPr") is not None for q in info.paragraphs if last.index <= q.index <= first.index
    ):
        return False  # a section ends between the text and the 版记: left as it is
    ppr = last.element.get_or_add_pPr()
    ppr.append(deepcopy(final))
    _order_ppr(ppr)
    for ref in final.findall(qn("w:footerReference")):
        final.remove(ref)
    section = document.sections[-1]
    for footer in (section.footer, section.even_page_footer, section.first_page_footer):
        footer.is_linked_to_previous = False  # an empty footer of its own: no page number
    blank = _el("w:p")
    _child(_child(blank, "w:pPr"), "w:spacing", **{"w:before": "0", "w:after": "0", "w:line": str(G.LINE_PITCH_TWIPS),
                                                   "w:lineRule": "exact"})  # fmt: skip
    brk = _el("w:p")
    brk_ppr = _child(brk, "w:pPr")
    _child(brk_ppr, "w:pageBreakBefore")
    _child(brk_ppr, "w:spacing", **{"w:before": "0", "w:after": "0", "w:line": str(G.LINE_PITCH_TWIPS), "w:lineRule": "exact"})
    _order_ppr(brk_ppr)
    if first.role == "record":
        first.element.addprevious(blank)
        first.element.addprevious(brk)
    else:
        first.element.addnext(brk)
        first.element.addnext(blank)
    return True


# --- page setup -----------------------------------------------------------------------------------


def _page(document: Any, info: DocInfo, log: _Log) -> None:
    from docx.enum.section import WD_ORIENT
    from docx.shared import Mm

    for section, s in zip(document.sections, info.sections, strict=False):
        if s is not info.sections[0] and not any(
            p.role not in ("blank", "record") for p in info.paragraphs if s.first_paragraph <= p.index <= s.last_paragraph
        ):
            continue
        landscape = abs(s.width_mm - G.PAGE_HEIGHT_MM) <= 1 and abs(s.height_mm - G.PAGE_WIDTH_MM) <= 1
        if landscape and s is not info.sections[0]:
            continue  # a landscape section for a wide table
        if abs(s.width_mm - G.PAGE_WIDTH_MM) > 1 or abs(s.height_mm - G.PAGE_HEIGHT_MM) > 1:
            section.orientation = WD_ORIENT.PORTRAIT
            section.page_width, section.page_height = Mm(G.PAGE_WIDTH_MM), Mm(G.PAGE_HEIGHT_MM)
            log.add("layout", f"纸张由 {s.width_mm:.0f}×{s.height_mm:.0f} mm 改为 A4 纵向")
        margins = (
            ("top_margin", s.top_mm, G.MARGIN_TOP_MM, "上边距"), ("bottom_margin", s.bottom_mm, G.MARGIN_BOTTOM_MM, "下边距"),
            ("left_margin", s.left_mm + s.gutter_mm, G.MARGIN_LEFT_MM, "左边距"), ("right_margin", s.right_mm, G.MARGIN_RIGHT_MM, "右边距"),
        )  # fmt: skip
        for name, value, target, label in margins:
            if abs(value - target) > 1.0:
                log.add("layout", f"{label}由 {value:.1f} mm 改为 {target:.0f} mm")
            setattr(section, name, Mm(target))
        if s.gutter_mm:
            log.add("layout", "去掉装订线")
        section.gutter = Mm(0)
        # A grid of lines takes the 22-line pitch; a character grid stays (it may be what gives the
        # 28 characters a line, _line_characters). A document without one keeps none: every line
        # of its text gets the fixed 28.95 pt (_spacing), and a grid added now would move what
        # is set otherwise (a 版记 in 4号 at 25 pt) onto the grid's lines in LibreOffice.
        grid = section._sectPr.find(f"{W}docGrid")
        if grid is not None and grid.get(f"{W}type") in ("lines", "linesAndChars", "snapToChars") \
                and grid.get(f"{W}linePitch") != str(G.LINE_PITCH_TWIPS):
            old = s.grid_pitch
            grid.set(f"{W}linePitch", str(G.LINE_PITCH_TWIPS))
            lines = int(G.TEXT_HEIGHT_MM / G.MM_PER_PT / (old / 20) + 0.02) if old else 0
            body = [p for p in info.paragraphs if p.role == "body" and p.section == info.sections.index(s)]
            if lines and lines != G.LINES_PER_PAGE and any(p.line_rule == "auto" for p in body):
                log.add("layout", f"文档网格每页 {lines} 行改为每页 22 行")  # the text followed it
        base = normal_size_pt(info)
        if grid is not None and grid.get(f"{W}type") in ("linesAndChars", "snapToChars") \
                and abs(base - G.BODY_SIZE_PT) <= 0.25:
            width = G.TEXT_WIDTH_MM / G.MM_PER_PT
            chars = chars_per_line(base + s.grid_char_space / 4096, 0, width)
            if chars != G.CHARS_PER_LINE:
                # the character pitch that gives 28 to the 156 mm line (ECMA-376 17.6.5: w:charSpace
                # in 4096ths of a point added to the default style's size)
                space = round((width / G.CHARS_PER_LINE - base) * 4096) - 8
                grid.set(f"{W}charSpace", str(space))
                s.grid_char_space = space
                log.add("layout", f"字符网格每行 {chars} 字改为每行 28 字")


def _line_characters(info: DocInfo, log: _Log) -> None:
    """28 characters a line (5.2.3): when the spacing most body text has (rules.body_spacing)
    sets another count on the 156 mm line, the runs of that spacing in text set in 3号 are
    condensed as the writer condenses them (a character grid's spacing counted in)."""
    body = [p for p in info.paragraphs if p.role == "body" and not p.in_table]
    spacing = body_spacing(info, body)
    if spacing is None:
        return
    own, grid = spacing
    n = chars_per_line(G.BODY_SIZE_PT, own / G.TWIPS_PER_PT + grid, G.TEXT_WIDTH_MM / G.MM_PER_PT)
    if n == G.CHARS_PER_LINE:
        return
    target = str(round(G.CHAR_SPACING_TWIPS - grid * G.TWIPS_PER_PT))
    for p in info.paragraphs:
        if p.role in _FIXED_ROLES and p.role not in ("title", "blank") and not p.in_table:
            for run in p.runs:
                if run.text.strip() and run.spacing == own and grid_spacing_pt(info.section_of(p)) == grid:
                    rpr = run.element.get_or_add_rPr()
                    _child(rpr, "w:spacing", **{"w:val": target})
                    _order_rpr(rpr)
    log.add("layout", f"正文每行 {n} 字，改为每行 28 字（字符间距紧缩 {-G.CHAR_SPACING_TWIPS / G.TWIPS_PER_PT:g} 磅）")


# --- text -------------------------------------------------------------------------------------------


def _t_nodes(p: ParaInfo) -> list[Any]:
    out = []
    for t in p.element.iter(f"{W}t"):
        anc = t.getparent()
        skip = False
        while anc is not None and anc is not p.element:
            if anc.tag in (f"{W}del", f"{W}moveFrom"):
                skip = True
                break
            anc = anc.getparent()
        if not skip:
            out.append(t)
    return out


def _replace(p: ParaInfo, edits: list[tuple[int, int, str]]) -> None:
    """Apply (start, end, new text) edits, offsets into the joined text of the w:t nodes, keeping
    each piece in the run it was in (new text goes into the run where the edit starts)."""
    nodes = _t_nodes(p)
    spans = []
    pos = 0
    for t in nodes:
        spans.append((pos, pos + len(t.text or "")))
        pos += len(t.text or "")
    for start, end, new in sorted(edits, reverse=True):
        first = True
        for t, (a, b) in zip(nodes, spans, strict=True):
            if b <= start and not (a == b == start) or a >= end and not (first and a == start == end):
                continue
            text = t.text or ""
            lo, hi = max(start, a) - a, min(end, b) - a
            if first:
                t.text = text[:lo] + new + text[hi:]
                first = False
            else:
                t.text = text[:lo] + text[hi:]
            if t.text != t.text.strip():
                t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    p.text = "".join(t.text or "" for t in nodes)


def _sub(p: ParaInfo, pattern: re.Pattern[str], repl: Callable[[re.Match[str]], str], start: int = 0) -> int:
    text = "".join(t.text or "" for t in _t_nodes(p))
    edits = [(m.start(), m.end(), repl(m)) for m in pattern.finditer(text) if m.start() >= start]
    edits = [e for e in edits if text[e[0] : e[1]] != e[2]]
    if edits:
        _replace(p, edits)
    return len(edits)


_HAN = r"[\u4e00-\u9fff]"
_HALF = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）", ".": "。"}
_HALF_NEAR_HAN = re.compile(rf"(?<={_HAN})[,;:?!()]|[,;:?!()](?={_HAN})|(?<={_HAN}[”’）])[,;:?!]|(?<={_HAN})\.(?![\d.])")
_PAREN_PAIR = re.compile(rf"\(([^()]*{_HAN}[^()]*)\)")
_ELLIPSIS = re.compile(r"\.{3,}|。{3,}|…+|·{3,}")
_DOUBLED = re.compile(r"([，。；：！？、])\1+|[，；：、]。|。[，；：、]|[，、]{2,}")
_DASH = re.compile(rf"(?<={_HAN})(?:-{{1,2}}|－)(?={_HAN})")
_FULLWIDTH = re.compile(r"[０-９]")
#: The last character of a 主送 that ends without its colon.
_NO_COLON = re.compile(r"[^\s\u3000：:](?=[\s\u3000]*$)")
_ATTACH_END = re.compile(rf"[{re.escape(ATTACH_END)}]+\s*$")
_NUMERIC_DATE = re.compile(r"(?<![\d.\-/])((?:19|20)\d{2})\s*([.\-/．])\s*(\d{1,2})\s*\2\s*(\d{1,2})(?![\d.\-/])")
_ZERO_PAD = re.compile(r"(?<=\d{4}年)0(?=\d月)|(?<=月)0(?=\d日)")
_CN_DIGITS = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")} | {"○": "0", "零": "0", "Ｏ": "0", "◯": "0"}


def _label_end(p: ParaInfo) -> int:
    if p.number_label:
        return 0
    label = heading_label(p.text)
    return len(p.text) - len(p.text.lstrip(" \u3000\t")) + len(label.text) if label else 0


def _paragraphs_with_text(info: DocInfo) -> list[ParaInfo]:
    out = [p for p in info.paragraphs if p.text.strip()]
    for t in info.tables:
        out += [p for row in t.cells for cell in row for p in cell if p.text.strip()]
    return out


#: A number run into body text with only a closing bracket (会议决定：1)由……): “（1）” (7.3.3).
_INLINE_HALF = re.compile(r"(?<=[：:；;。])(\d{1,2})[)）](?=[\u4e00-\u9fff“])")


def _text(info: DocInfo, log: _Log) -> None:
    _numbers(info, log)
    for p in _paragraphs_with_text(info):
        skip = _label_end(p)
        if p.role == "body" and _sub(p, _INLINE_HALF, lambda m: f"（{m.group(1)}）"):
            log.add("numbering", "段内序号“1)”改为“（1）”", p)
        if _sub(p, _PAREN_PAIR, lambda m: f"（{m.group(1)}）", skip):
            log.add("punctuation", "半角括号改为全角“（）”", p)
        if _sub(p, _HALF_NEAR_HAN, lambda m: _HALF[m.group(0)], skip):
            log.add("punctuation", "中文中的半角标点改为全角", p)
        if '"' in p.text and re.search(_HAN, p.text):
            _sub(p, re.compile('"'), _alternate("“", "”"))
            log.add("punctuation", "英文双引号改为中文引号“”", p)
        if "'" in p.text and re.search(_HAN, p.text):
            _sub(p, re.compile("'"), _alternate("‘", "’"))
            log.add("punctuation", "英文单引号改为中文引号‘’", p)
        if re.search(_HAN, p.text) and _sub(p, CORNER_QUOTES, lambda m: CORNER_TO_QUOTES[m.group(0)]):
            log.add("punctuation", "直排引号「」『』改为横排引号“”‘’", p)
        if _sub(p, _ELLIPSIS, lambda m: "……"):
            log.add("punctuation", "省略号改为“……”", p)
        if _sub(p, _DOUBLED, lambda m: "。" if "。" in m.group(0) else m.group(0)[0]):
            log.add("punctuation", "删去重复的标点", p)
        if _sub(p, SPACE_BEFORE_MARK, lambda m: m.group(0)[-1]):
            log.add("punctuation", "删去标点前的空格", p)
        if _sub(p, BOOK_MARKS, lambda m: f"《{m.group(2)}》"):
            log.add("punctuation", "书名号改为《》", p)
        if _sub(p, _DASH, lambda m: "——"):
            log.add("punctuation", "破折号改为“——”", p)
    for p in info.paragraphs:
        if p.role in ("attach", "attach_more") and _sub(p, _ATTACH_END, lambda m: ""):
            log.add("punctuation", "删去附件名称后的标点（GB/T 9704 7.3.4）", p)
    for p in info.role("recipients"):
        if _sub(p, _NO_COLON, lambda m: m.group(0) + "："):
            log.add("punctuation", "主送机关后加全角冒号（GB/T 9704 7.3.2）", p)
    titles = info.role("title")
    if titles:
        last = titles[-1]
        if _sub(last, re.compile(r"[。，；：,.;:、]+\s*$"), lambda m: ""):
            log.add("punctuation", "删去标题末尾的标点", last)
    _headings(info, log)


def _alternate(opening: str, closing: str) -> Callable[[re.Match[str]], str]:
    """A replacement that gives opening and closing quotes in turn."""
    seen = [0]

    def repl(m: re.Match[str]) -> str:
        seen[0] += 1
        return opening if seen[0] % 2 else closing

    return repl


def _numbers(info: DocInfo, log: _Log) -> None:
    _year_forms(info, log)
    for p in _paragraphs_with_text(info):
        if _sub(p, _FULLWIDTH, lambda m: chr(ord(m.group(0)) - 0xFEE0)):
            log.add("numbers", "全角数字改为半角", p)
        if p.role == "date":
            _date(p, log)
            continue
        if _sub(p, _NUMERIC_DATE, lambda m: f"{m.group(1)}年{int(m.group(3))}月{int(m.group(4))}日"):
            log.add("numbers", "日期改写为“2023年6月30日”的形式", p)
        text = "".join(t.text or "" for t in _t_nodes(p))
        months = [(m.start(), m.end(), f"{m.group(1)}年{int(m.group(2))}月") for m in year_months(text)]
        if months:
            _replace(p, months)
            log.add("numbers", "年月改写为“2023年12月”的形式", p)
        if _sub(p, _ZERO_PAD, lambda m: ""):
            log.add("numbers", "去掉日期月、日的虚位 0", p)
    _short_years(info, log)


#: How far (years) a year written with two digits may lie from the document's own year to be read in
#: its century: 24年 in a document dated 2025 is 2024, not 1924.
_SHORT_YEAR_SPAN = 30


def _short_years(info: DocInfo, log: _Log) -> None:
    """A year written with two digits (24年度, 25年，……; GB/T 15835 writes years in full) is written in
    full when the document tells its century: its 成文日期, else the years written in full in its text,
    and the year lies within `_SHORT_YEAR_SPAN` years of it. Else it is left to a human."""
    from assistant.document.rules import _SHORT_YEAR, _SHORT_YEAR_ALONE

    years = [int(m.group(1)) for p in info.role("date") for m in re.finditer(r"((?:19|20)\d{2})年", re.sub(r"\s", "", p.text))]
    if not years:
        years = [int(y) for p in _paragraphs_with_text(info) for y in re.findall(r"(?<!\d)((?:19|20)\d{2})年", p.text)]
    if not years:
        return
    base = max(years)

    def full(yy: str) -> str | None:
        for century in (base // 100 * 100, base // 100 * 100 - 100):
            if abs(century + int(yy) - base) <= _SHORT_YEAR_SPAN:
                return str(century + int(yy))
        return None

    for p in _paragraphs_with_text(info):
        if p.role == "date":
            continue
        text = "".join(t.text or "" for t in _t_nodes(p))
        edits = []
        for m in list(_SHORT_YEAR.finditer(text)) + list(_SHORT_YEAR_ALONE.finditer(text)):
            year = full(m.group(1))
            if year is not None:
                start = m.start() if text[m.start()] in "'’" else m.start(1)
                edits.append((start, m.end(1), year))
        if edits:
            _replace(p, sorted(set(edits)))
            log.add("numbers", "简写的年份写全（如“24年”改为“2024年”，年份以成文日期为准）", p)


def _year_forms(info: DocInfo, log: _Log) -> None:
    """Years in Chinese numerals among years in Arabic digits, as most are, or in a text whose only
    other year is the 成文日期's (GB/T 15835 “同类别同形式”; the check's rules._year_forms):
    二〇二四年 becomes 2024年."""
    from assistant.document.rules import _OWN_DATES, ARABIC_YEAR, CHINESE_YEAR

    paras = [p for p in _paragraphs_with_text(info) if p.role not in _OWN_DATES]
    arabic = sum(len(ARABIC_YEAR.findall(p.text)) for p in paras)
    chinese = sum(len(CHINESE_YEAR.findall(p.text)) for p in paras)
    # no Arabic year in the text: the 成文日期's (Arabic by GB/T 9704 7.3.5.4) sets the form
    dated = any(ARABIC_YEAR.search(re.sub(r"\s", "", p.text)) for p in info.role("date"))
    if not chinese or (arabic < chinese and not (arabic == 0 and dated)):
        return
    for p in paras:
        if _sub(p, CHINESE_YEAR, lambda m: _cn_number(m.group(0))):
            log.add("numbers", "年份由汉字数字改为阿拉伯数字，与文中其他年份一致", p)


def _cn_number(text: str) -> str:
    """一 → 1, 十二 → 12, 三十 → 30, 二〇二三 → 2023 (digit by digit)."""
    if "十" not in text:
        return "".join(_CN_DIGITS.get(c, c) for c in text)
    tens, _, ones = text.partition("十")
    return str((int(_CN_DIGITS[tens]) if tens else 1) * 10 + (int(_CN_DIGITS[ones]) if ones else 0))


def _date(p: ParaInfo, log: _Log) -> None:
    text = re.sub(r"[\s\u3000]", "", p.text)
    m = re.fullmatch(r"([〇○◯Ｏ零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日", text)
    new = None
    if m:
        new = f"{_cn_number(m.group(1))}年{_cn_number(m.group(2))}月{_cn_number(m.group(3))}日"
    m = re.fullmatch(r"(\d{4})[.\-/．](\d{1,2})[.\-/．](\d{1,2})日?", text)
    if m:
        new = f"{m.group(1)}年{int(m.group(2))}月{int(m.group(3))}日"
    m = re.fullmatch(r"(\d{4})年(\d{1,2})月(\d{1,2})日", text)
    if m and (m.group(2).startswith("0") or m.group(3).startswith("0")):
        new = f"{m.group(1)}年{int(m.group(2))}月{int(m.group(3))}日"
    if new is None or new == p.text:
        return
    whole = "".join(t.text or "" for t in _t_nodes(p))
    _replace(p, [(0, len(whole), new)])
    log.add("numbers", f"成文日期“{text}”改为“{new}”", p)


def _headings(info: DocInfo, log: _Log) -> None:
    """Heading numbers in their GB/T form, renumbered in order (as the check counts them)."""
    from assistant.document.model import heading_number

    counters = [0] * 5
    for p in info.paragraphs:
        if p.role != "heading" or p.number_label:
            continue
        label = heading_label(p.text)
        if label is None:
            continue
        level = label.level
        n = _value(label.number)
        if level >= 3 and n == 1 and counters[level] >= 1:
            counters[level] = 0
        counters[level] += 1
        for deeper in range(level + 1, 5):
            counters[deeper] = 0
        proper = heading_number(level, counters[level])
        lead = len(p.text) - len(p.text.lstrip(" \u3000\t"))
        written = label.text
        if written == proper:
            continue
        _replace(p, [(lead, lead + len(written), proper)])
        if _value(label.number) != counters[level]:
            log.add("numbering", f"{LEVEL_NAMES[level]}序号“{written.strip()}”按顺序改为“{proper}”", p)
        else:
            log.add("numbering", f"{LEVEL_NAMES[level]}序号“{written.strip()}”改为“{proper}”", p)


def _value(number: str) -> int:
    return int(number) if number.isdigit() else int(_cn_number(number))


# --- paragraphs --------------------------------------------------------------------------------------

_FIXED_ROLES = ("title", "body", "heading", "recipients", "attach", "attach_more", "signature", "date", "blank")


def _target_face(p: ParaInfo, run: RunInfo, head: bool) -> tuple[str, bool]:
    """The face a run of `p` should have, and whether it may keep its own (a bold lead set in
    黑体 or 楷体, which house styles allow)."""
    if p.role == "title":
        return G.TITLE.font, False
    if p.role == "heading" and head:
        return G.HEADINGS[p.level].font, False
    return G.BODY.font, False


def _paragraphs(info: DocInfo, log: _Log) -> None:
    from assistant.document.rules import _head_runs, _lead_run

    for p in info.paragraphs:
        if p.role not in _FIXED_ROLES:
            continue
        name = LEVEL_NAMES.get(p.level, "标题") if p.role == "heading" else ROLE_NAMES.get(p.role, "空行")
        ppr = p.element.get_or_add_pPr()
        resized = False
        if p.role != "blank":
            head = {id(r.element) for r in _head_runs(p)} if p.role == "heading" and not p.extras.get("item") else set()
            size = G.TITLE.size_pt if p.role == "title" else G.BODY_SIZE_PT
            for run in p.runs:
                if not run.text.strip():
                    continue
                in_head = id(run.element) in head
                face, keep = _target_face(p, run, in_head)
                if p.role == "body" and face_ok(run.east_asia, HEITI + KAITI) and _lead_run(p, run):
                    keep = True
                wanted = FACES.get(f"h{p.level}" if p.role == "heading" and in_head else ("title" if p.role == "title" else "body"))
                face_right = keep or (run.han and wanted is not None and face_ok(run.east_asia, wanted[0])) or not run.han
                size_right = abs(run.size - size) <= 0.25
                coloured = (run.color or "auto").lower() not in ("auto", "000000")
                if p.role != "title" and run.ascii and run.ascii.strip().startswith(SANS_LATIN) \
                        and LATIN_TEXT.search(run.text) and not (p.role == "heading" and in_head and p.level <= 2):
                    fonts = _child(run.element.get_or_add_rPr(), "w:rFonts")
                    for side in ("w:ascii", "w:hAnsi", "w:cs"):
                        fonts.set(W + side[2:], G.FONT_LATIN)
                    log.add("font", f"{name}中数字、字母的字体由{run.ascii}改为{G.FONT_LATIN}", p)
                if face_right and size_right and not coloured and not run.theme:
                    continue
                rpr = run.element.get_or_add_rPr()
                set_run_fonts(rpr, run.east_asia if keep and run.east_asia else face, size,
                              False if p.role == "title" else None)  # fmt: skip
                if coloured:
                    _child(rpr, "w:color", **{"w:val": "auto"})
                if not face_right:
                    log.add("font", f"{name}字体由{run.east_asia or '未设置'}改为{face}", p)
                if not size_right:
                    resized = True
                    log.add("size", f"{name}字号由{size_name(run.size)}改为{size_name(size)}", p)
                if coloured:
                    log.add("font", f"{name}文字颜色改为黑色", p)
        _placement(p, ppr, name, log, resized)
        _spacing(p, ppr, name, info, log)
        _order_ppr(ppr)


def _record_and_attendance(info: DocInfo, log: _Log) -> None:
    """版记 lines in 4号仿宋, one character in from each side (7.4.2, 7.4.3); a 纪要's 出席/列席 word
    in 黑体 (10.3). What `rules.record_format` and `rules.attendance` report."""
    from assistant.document.roles import ATTENDANCE, framed, leading_spaces

    for p in info.role("record"):
        if not p.stripped:
            continue
        for run in p.runs:
            if run.han and not face_ok(run.east_asia, FANGSONG):
                set_run_fonts(run.element.get_or_add_rPr(), G.RECORD.font, run.size)
                log.add("font", f"版记字体由{run.east_asia or '未设置'}改为{G.RECORD.font}", p)
        if p.in_table or framed(p) or p.left_chars + p.first_chars + leading_spaces(p.text) >= 0.7:
            continue
        ppr = p.element.get_or_add_pPr()
        ind = _child(ppr, "w:ind")
        for a in list(ind.attrib):
            del ind.attrib[a]
        pitch = round(p.size * G.TWIPS_PER_PT)
        for side in ("left", "right"):
            ind.set(f"{W}{side}", str(pitch))
            ind.set(f"{W}{side}Chars", "100")
        _order_ppr(ppr)
        log.add("indent", "版记左右各空一字（GB/T 9704 7.4.2）", p)
    for p in info.role("attendance"):
        m = ATTENDANCE.match(p.stripped)
        if m is None:
            continue
        lead, pos = len(p.text) - len(p.text.lstrip()), 0
        for run in p.runs:
            start, pos = pos, pos + len(run.text)
            if run.han and start < lead + len(m.group(1)) and not face_ok(run.east_asia, HEITI):
                set_run_fonts(run.element.get_or_add_rPr(), G.FONT_HEITI, run.size)
                log.add("font", f"纪要的“{m.group(1)}”改为黑体（GB/T 9704 10.3）", p)


def _annexes(info: DocInfo, log: _Log) -> None:
    """GB/T 9704-2012 7.3.7: “附件N” flush left in 3号黑体; the attachment's title (centred) in 2号."""
    from assistant.document.rules import _ANNEX_LABEL

    annex = [p for p in info.paragraphs if p.role == "annex"]
    for k, p in enumerate(annex):
        if not _ANNEX_LABEL.match(p.stripped):
            continue
        label = p.stripped.replace(" ", "")
        ppr = p.element.get_or_add_pPr()
        if p.align in ("center", "right") or p.left_chars + max(0.0, p.first_chars) > 0.3:
            _child(ppr, "w:jc", **{"w:val": "left"})
            ind = _child(ppr, "w:ind")
            for a in list(ind.attrib):
                del ind.attrib[a]
            ind.set(f"{W}firstLine", "0")
            ind.set(f"{W}firstLineChars", "0")
            ind.set(f"{W}left", "0")
            ind.set(f"{W}leftChars", "0")
            _order_ppr(ppr)
            log.add("alignment", f"“{label}”改为顶格（GB/T 9704 7.3.7）", p)
        runs = [x for x in p.runs if x.text.strip()]
        if any(not face_ok(x.east_asia, HEITI) or abs(x.size - G.BODY_SIZE_PT) > 0.25 for x in runs):
            for x in runs:
                set_run_fonts(x.element.get_or_add_rPr(), G.FONT_HEITI, G.BODY_SIZE_PT)
            log.add("font", f"“{label}”改为3号黑体（GB/T 9704 7.3.7）", p)
        title = annex[k + 1] if k + 1 < len(annex) else None
        if title is None or title.align != "center" or _ANNEX_LABEL.match(title.stripped) or len(title.stripped) > 60:
            continue
        runs = [x for x in title.runs if x.text.strip()]
        if any(abs(x.size - G.TITLE.size_pt) > 0.25 for x in runs):
            for x in runs:
                rpr = x.element.get_or_add_rPr()
                half = str(round(G.TITLE.size_pt * 2))
                _child(rpr, "w:sz", **{"w:val": half})
                _child(rpr, "w:szCs", **{"w:val": half})
                _order_rpr(rpr)
            log.add("size", f"附件标题字号改为{size_name(G.TITLE.size_pt)}（GB/T 9704 7.3.7）", title)


def _placement(p: ParaInfo, ppr: Any, name: str, log: _Log, resized: bool = False) -> None:
    """Alignment and indents of `p` by its role; `resized`: its text changed size, so indents
    given in twips no longer measure the characters they did."""
    align, first, left, right = p.align, p.first_chars, p.left_chars, p.right_chars
    spaces = len(p.text) - len(p.text.lstrip(" \u3000\t"))
    if p.role == "blank":
        return
    if p.role == "title":
        want = ("center", 0.0, 0.0, 0.0)
    elif p.role == "attach" and attach_hanging(p):
        want = ("both", first, left, 0.0)  # 7.3.4: wrapped lines under the first character of the name
    elif p.role in ("body", "heading", "attach"):
        want = ("both", float(G.INDENT_CHARS), 0.0, 0.0)
    elif p.role == "recipients":
        want = ("both", 0.0, 0.0, 0.0)
    elif p.role == "attach_more":
        want = ("both", 0.0, float(G.INDENT_CHARS + 3), 0.0)
        if not wraps(p) and abs(first + left - want[2]) <= 0.3 and left >= -0.3 and abs(right) <= 0.6:
            want = ("both", first, left, right)  # one line under “附件：1.”: where it starts is all that shows
    else:
        if _tail_placed(p, resized):
            return  # where 7.3.5.2 (or, to be sealed, 7.3.5.1) puts it
        want = ("right", 0.0, 0.0, _tail_right(p))
    if spaces and p.role != "attach_more":
        _strip_leading(p)
        log.add("indent", f"{name}删去行首空格，改用缩进", p)
    acceptable = {want[0], "left"} if p.role == "recipients" else {want[0]}
    if p.role == "body" and not wraps(p):
        acceptable.add("left")  # one line: its alignment does not show
    if align not in acceptable:
        names = {"left": "左对齐", "center": "居中", "right": "右对齐", "both": "两端对齐", "distribute": "分散对齐"}
        log.add("alignment", f"{name}由{names.get(align, align)}改为{names[want[0]]}", p)
        _child(ppr, "w:jc", **{"w:val": want[0]})
    placed = (first, left, right)
    if resized or spaces or any(abs(a - b) > (0.3 if i < 2 else 0.6) for i, (a, b) in enumerate(zip(placed, want[1:], strict=True))):
        ind = _child(ppr, "w:ind")
        for a in list(ind.attrib):
            del ind.attrib[a]
        f, lft, rgt = want[1:]
        ind.set(f"{W}firstLine", str(round(f * _PITCH)))
        ind.set(f"{W}firstLineChars", str(round(f * 100)))
        ind.set(f"{W}left", str(round(lft * _PITCH)))
        ind.set(f"{W}leftChars", str(round(lft * 100)))
        ind.set(f"{W}right", str(round(rgt * _PITCH)))
        ind.set(f"{W}rightChars", str(round(rgt * 100)))
        if any(abs(a - b) > (0.3 if i < 2 else 0.6) for i, (a, b) in enumerate(zip(placed, want[1:], strict=True))):
            if p.role in ("signature", "date"):
                log.add("alignment", f"{name}按 GB/T 9704 7.3.5.2 放在右侧（右空 {rgt:g} 字）", p)
            else:
                log.add("indent", f"{name}缩进改为首行 {f:g} 字、左 {lft:g} 字", p)


def _tail_pair(p: ParaInfo) -> tuple[ParaInfo, ParaInfo] | None:
    sig, date = p.extras.get("sig"), p.extras.get("date")
    return (sig, date) if sig is not None and date is not None else None


def _tail_placed(p: ParaInfo, resized: bool = False) -> bool:
    """Whether the 署名 and the 日期 both stand where the check accepts them, with no spaces typed
    before them: right-aligned with a right indent, or placed by a left indent (an indent in
    characters; one in twips only while the text keeps its size, `resized`)."""
    pair = _tail_pair(p)
    if pair is None:
        return False
    sig, date = pair
    if any(q.text != q.text.lstrip(" \u3000\t") or not placed_right(q) for q in pair):
        return False
    if resized and any(q.align != "right" for q in pair):
        return False
    return tail_fits(sig, date, lambda q, width: q.extras.get("right_blank", {}).get(width, q.right_chars))


def _tail_right(p: ParaInfo) -> float:
    """Right indent (characters) of the 署名 or the 日期 per 7.3.5.2 (the check's geometry)."""
    pair = _tail_pair(p)
    if pair is None:
        return float(G.SIGNATURE_RIGHT_INDENT_CHARS)
    sig, date = pair
    sig_r, date_r = tail_places(G.rendered_width_chars(sig.text), G.rendered_width_chars(date.text))[0]
    return sig_r if p.role == "signature" else date_r


def _strip_leading(p: ParaInfo) -> None:
    """Delete the spaces and tabs typed before the text (w:tab elements and spaces in w:t), in
    document order, up to the first printed character."""
    shown = set(_t_nodes(p))
    for el in list(p.element.iter(f"{W}t", f"{W}tab")):
        if el.tag == f"{W}t" and el not in shown:
            continue  # deleted text
        if el.tag == f"{W}tab":
            if el.getparent().tag == f"{W}r":
                el.getparent().remove(el)
            continue
        text = el.text or ""
        rest = text.lstrip(" \u3000\t")
        el.text = rest
        if rest:
            break
    p.text = "".join(t.text or "" for t in _t_nodes(p))


def _spacing(p: ParaInfo, ppr: Any, name: str, info: DocInfo, log: _Log) -> None:
    sec = info.section_of(p)
    pitch = line_pitch_pt(p, sec)
    # an exact height in the range may still set 21 or 23 lines a page (27.7 pt: rules.exact_lines)
    on_grid = PITCH_RANGE[0] <= pitch <= PITCH_RANGE[1] and (p.line_rule != "exact" or lines_in_block(pitch, sec) == G.LINES_PER_PAGE)
    if p.role in ("title", "blank") and p.line_rule == "exact" and p.line_value / 20 >= PITCH_RANGE[0]:
        on_grid = True
    spaced = p.before_pt > 0.5 or p.after_pt > 0.5
    if on_grid and not spaced:
        return
    sp = _child(ppr, "w:spacing")
    for a in list(sp.attrib):
        del sp.attrib[a]
    for k, v in (("before", "0"), ("after", "0"), ("beforeLines", "0"), ("afterLines", "0"),
                 ("line", str(G.LINE_PITCH_TWIPS)), ("lineRule", "exact")):  # fmt: skip
        sp.set(f"{W}{k}", v)
    if p.role == "blank":
        return
    if not on_grid:
        log.add("spacing", "行距改为固定值 28.95 磅（每页 22 行）", p)
    if spaced:
        log.add("spacing", "段前、段后间距改为 0", p)


# --- page numbers ----------------------------------------------------------------------------------------


def _footers(document: Any, info: DocInfo, log: _Log) -> None:
    """“— N —” in 4号宋体, odd pages right and even pages left, one character in (7.5), in every
    section with content, when the check finds fault with the page numbers."""
    from assistant.document.roles import estimate_pages
    from assistant.document.rules import Report, page_numbers

    estimate_pages(info)  # an empty even footer matters when there is an even page
    report = Report(info)
    page_numbers(report)
    faults = report.finish()
    if not faults:
        return
    settings = document.settings.element
    if settings.find(f"{W}evenAndOddHeaders") is None:
        settings.insert(0, _el("w:evenAndOddHeaders"))
    for section, s in zip(document.sections, info.sections, strict=False):
        if not any(p.role not in ("blank", "record") for p in info.paragraphs if s.first_paragraph <= p.index <= s.last_paragraph):
            continue
        targets = [(section.footer, "right"), (section.even_page_footer, "left")]
        if s.title_page:
            targets.append((section.first_page_footer, "right"))
        for footer, align in targets:
            footer.is_linked_to_previous = False
            _page_number(footer, align)
    log.add("header_footer", "页码改为 4号宋体“— 1 —”，单页居右、双页居左各空一字（奇偶页不同）")


def _page_number(footer: Any, align: str) -> None:
    root = footer._element
    paras = root.findall(f"{W}p")
    for extra in paras[1:]:
        root.remove(extra)
    if paras:
        p = paras[0]
    else:
        p = _el("w:p")
        root.append(p)
    for child in list(p):
        if child.tag != f"{W}pPr":
            p.remove(child)
    ppr = p.find(f"{W}pPr")
    if ppr is None:
        ppr = _el("w:pPr")
        p.insert(0, ppr)
    _child(ppr, "w:jc", **{"w:val": align})
    ind = _child(ppr, "w:ind")
    for a in list(ind.attrib):
        del ind.attrib[a]
    inset = str(G.PAGE_NUMBER_INSET_CHARS * round(G.PAGE_NUMBER.size_pt * G.TWIPS_PER_PT))
    ind.set(f"{W}{'right' if align == 'right' else 'left'}", inset)
    _order_ppr(ppr)
    dash = G.PAGE_NUMBER_DASH

    def text_run(text: str) -> Any:
        r = _el("w:r")
        rpr = _el("w:rPr")
        set_run_fonts(rpr, G.PAGE_NUMBER.font, G.PAGE_NUMBER.size_pt)
        r.append(rpr)
        t = _el("w:t")
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        t.text = text
        r.append(t)
        return r

    p.append(text_run(f"{dash} "))
    p.extend(page_field_runs())
    p.append(text_run(f" {dash}"))


def link_tail(info: DocInfo) -> None:
    """Let the 署名 and 日期 know each other (for their placement)."""
    sig = next(iter(info.role("signature")), None)
    date = next(iter(info.role("date")), None)
    for p in (sig, date):
        if p is not None:
            p.extras["sig"], p.extras["date"] = sig, date
            p.extras["right_blank"] = {width: right_blank(p, info, width) for width in TAIL_WIDTHS}
