"""What each paragraph of a Word document is, judged as an examiner judges it.

Most real documents use no paragraph styles, or the wrong ones, and their sizes are the very
thing being checked, so roles are not read from sizes. They come from position (the title
opens the document, the 成文日期 closes it), numbering patterns (一、 （一） 1. （1） and their
usual misspellings), alignment, indents and the text itself (主送 ends with a colon after a list
of organs, a 落款 is a short line above a date). A wrong size is then reported as a wrong size of
the title, not as a body paragraph that should shrink.

Roles: organ, docnum (版头), title, recipients (主送), heading (level 1–4), body, caption (a
table's title), attach (附件说明, first line), attach_more (its further names), signature (署名),
date (成文日期), record (版记), annex (attached documents after the 落款), attendance (a 纪要's
出席/列席/请假 lines, GB/T 9704 10.3), blank.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from assistant.document.docxread import DocInfo, ParaInfo

_CN_NUM = "一二三四五六七八九十"
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@dataclass(frozen=True)
class Label:
    """A heading number found at the start of a paragraph: its level, its number, and its form
    as written (`text`) against the form GB/T 9704 7.3.3 wants."""

    level: int
    number: str
    text: str
    proper: bool


#: Heading numbers as people write them, right and wrong. Level 1 一、; 2 （一）; 3 1.; 4 （1）.
_LABELS: list[tuple[int, re.Pattern[str], re.Pattern[str]]] = [
    (2, re.compile(rf"^[（(]\s*([{_CN_NUM}]+)\s*[）)]\s*[、，,.．]?"), re.compile(rf"^（[{_CN_NUM}]+）(?![、，,.．])")),
    (4, re.compile(r"^[（(]\s*(\d{1,2})\s*[）)]\s*[、，,.．]?"), re.compile(r"^（\d{1,2}）(?![、，,.．])")),
    (1, re.compile(rf"^([{_CN_NUM}]+)\s*[、.．，,]"), re.compile(rf"^[{_CN_NUM}]+、")),
    (4, re.compile(r"^(\d{1,2})\s*[)）]"), re.compile(r"^$")),
    (3, re.compile(r"^(\d{1,2})\s*[.．、，,](?![\d])"), re.compile(r"^\d{1,2}\.(?!\d)")),
]
#: 一是… 二是… run-in enumerations are body text, not headings.
_RUNIN_ENUM = re.compile(rf"^[{_CN_NUM}]+是")


def heading_label(text: str) -> Label | None:
    """The heading number at the start of `text`, if any."""
    t = text.lstrip(" \u3000\t")
    if _RUNIN_ENUM.match(t):
        return None
    for level, loose, strict in _LABELS:
        m = loose.match(t)
        if m:
            return Label(level, m.group(1), m.group(0), bool(strict.match(t)))
    return None


_DATE_ARABIC = re.compile(r"^(\d{2,4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$")
_DATE_CN = re.compile(r"^[〇○◯Ｏ零一二三四五六七八九]{2,4}\s*年\s*[一二三四五六七八九十]{1,3}\s*月\s*[一二三四五六七八九十]{1,3}\s*日$")
_DATE_NUMERIC = re.compile(r"^\d{4}\s*[.\-/．年]\s*\d{1,2}\s*[.\-/．月]\s*\d{1,2}\s*日?$")
_DATE_FULLWIDTH = re.compile(r"^[０-９0-9]{2,4}\s*年\s*[０-９0-9]{1,2}\s*月\s*[０-９0-9]{1,2}\s*日$")


def is_date_line(text: str) -> bool:
    """A whole line that is a date, in any of the forms people write a 成文日期 in."""
    t = re.sub(r"[\s\u3000]", "", text)
    return any(p.match(t) for p in (_DATE_ARABIC, _DATE_CN, _DATE_NUMERIC, _DATE_FULLWIDTH))


_RECORD = re.compile(r"^(抄送|抄报|分送)[：:]|印发\s*$|^印发机关")
_SENTENCE_END = "。；;！!？?"
_ORGAN_ENDINGS = (
    "部", "委", "会", "局", "厅", "室", "处", "科", "院", "所", "校", "站", "司", "支部", "单位", "部门", "组",
    "队", "办", "中心", "公司", "集团", "政府", "机关", "党委", "总支", "团委", "工会", "同志", "各位", "分公司",
    "企业", "街道", "社区", "村", "镇", "乡", "县", "区", "市", "省", "厂", "馆", "行", "协会", "领导",
    "大学", "学院", "学校", "中学", "小学", "社", "台", "园区",
)  # fmt: skip
_NOT_RECIPIENTS = re.compile(r"如下|以下|下列|通知|报告|要求|决定|意见|请|现将|特此|是|为|了|的")
_TITLE_WORDS = re.compile(
    r"关于|通知|通报|方案|报告|总结|意见|决定|请示|批复|函|纪要|计划|规划|办法|细则|规定|讲话|发言|材料|汇报|简报|倡议|公告"
)


def looks_like_recipients(text: str) -> bool:
    """“各党支部，机关各部门：”: names of organs separated by commas, ending with a colon."""
    t = text.strip().replace("\u3000", "")
    if not t or t[-1] not in "：:" or len(t) > 80 or "。" in t:
        return False
    names = [n for n in re.split(r"[，,、；;]", t[:-1]) if n]
    if re.search(r"各位|同志|代表|朋友|来宾|领导", t):
        return False  # a speech's salutation (同志们：), which is body text
    if not names or _NOT_RECIPIENTS.search(t[:-1].replace("党委", "").replace("部门", "")) and not t.startswith("各"):
        return False
    return all(len(n) <= 24 and (n.startswith("各") or n.endswith(_ORGAN_ENDINGS)) for n in names)


def _looks_like_body(p: ParaInfo) -> bool:
    t = p.stripped
    inner = t.rstrip(_SENTENCE_END + "。，,")
    sentence = t.endswith("。") and ("，" in t or p.first_chars >= 1.5)
    return len(t) > 60 or "。" in inner or sentence


def _title_like(p: ParaInfo) -> bool:
    t = p.stripped
    if not t or heading_label(t) or looks_like_recipients(t) or is_date_line(t):
        return False
    if _looks_like_body(p):
        return False
    return p.align == "center" or bool(_TITLE_WORDS.search(t))


def _red(p: ParaInfo) -> bool:
    return any((r.color or "").upper() in ("FF0000", "C00000", "E60012", "FF0101") for r in p.runs if r.text.strip())


_DOCNUM = re.compile(r"[〔\[［(（【]\s*\d{4}\s*[〕\]］)）】]\s*\d+\s*号|\d{4}\s*年\s*第?\s*\d+\s*号$")


def assign_roles(doc: DocInfo) -> None:
    """Set `role` and `level` on every paragraph of `doc` (see the module docstring)."""
    paras = doc.paragraphs
    for p in paras:
        p.role = "blank" if not p.text.strip() else "body"
    content = [p for p in paras if p.role != "blank"]
    if not content:
        return
    _record(doc, content)
    content = [p for p in content if p.role != "record"]
    start = _red_header(content)
    _title(content, start)
    _tail(doc, content)
    _recipients(content)
    _attachments(content)
    _attendance(content)
    _captions(doc, content)
    _headings(doc, content)


def _record(doc: DocInfo, content: list[ParaInfo]) -> None:
    """版记: 抄送/印发 lines at the end (a table of them is left to the table rules)."""
    for p in reversed(content[-4:]):
        if _RECORD.search(p.stripped):
            p.role = "record"
    # a 版记 put in the wrong place (before the 落款, in the middle of the text): a 抄送 line and the
    # 印发 line under it are still the 版记, reported by the rule on structure (GB/T 9704 7.4)
    for k, p in enumerate(content[:-4]):
        if re.match(r"^(抄送|抄报|分送)[：:]", p.stripped):
            p.role = "record"
            nxt = content[k + 1] if k + 1 < len(content) else None
            if nxt is not None and re.search(r"印发\s*$", nxt.stripped):
                nxt.role = "record"
    # a paragraph after the last 版记 line is still content; the rule on structure sees it


def _red_header(content: list[ParaInfo]) -> int:
    """Mark the 版头 (a red organ mark, a document number); return where the rest starts."""
    i = 0
    while i < min(3, len(content)):
        p = content[i]
        if _red(p) and not _looks_like_body(p):
            p.role = "organ"
        elif _DOCNUM.search(p.stripped) and len(p.stripped) <= 30:
            p.role = "docnum"
        else:
            break
        i += 1
    return i


def _note_above_title(p: ParaInfo, below: list[ParaInfo]) -> bool:
    """A short note in brackets (（此稿仅供参考）, （征求意见稿）) over a centred title-like line: not
    the title, which is the line below it."""
    t = p.stripped
    return bool(below) and t[:1] in "（(" and t[-1:] in "）)" and len(t) <= 20 and below[0].align == "center" \
        and _title_like(below[0]) and (bool(_TITLE_WORDS.search(below[0].stripped)) or below[0].size > 17)


def _title(content: list[ParaInfo], start: int) -> None:
    """The title: the first paragraph unless it reads as body text, then a title-like paragraph
    among the next few; further lines of a title split into paragraphs join it."""
    found = None
    for k, p in enumerate(content[start : start + 4]):
        if k == 0 and not _looks_like_body(p) and not heading_label(p.stripped) and not looks_like_recipients(p.stripped) \
                and not is_date_line(p.stripped) and not _note_above_title(p, content[start + 1 : start + 2]):
            found = start
            break
        if k > 0 and _title_like(p) and p.align == "center" and (_TITLE_WORDS.search(p.stripped) or p.size > 17):
            found = start + k
            break
    if found is None:
        return
    title = content[found]
    title.role = "title"
    # ——在…会议上的讲话, the speaker, the date in brackets: short centred lines under the title
    for below in content[found + 1 : found + 5]:
        t = below.stripped
        if below.stripped.startswith(("—", "－", "--")) or (
            below.align == "center" and len(t) <= 40 and not looks_like_recipients(t) and not heading_label(t)
            and (below.index > title.index + 1 or abs(below.size - title.size) > 1)  # a title's next line has its size
        ):
            below.role = "subtitle"
        else:
            break
    # continuation lines: directly below (no blank between), same alignment and face, not 主送
    for p in content[found + 1 : found + 3]:
        if p.role != "body" or p.index != title.index + 1 or p.align != title.align or p.face != title.face or p.size != title.size:
            break
        if looks_like_recipients(p.stripped) or heading_label(p.stripped) or _looks_like_body(p):
            break
        if title.align != "center" or is_date_line(p.stripped) or p.stripped[-1] in _SENTENCE_END:
            break
        p.role = "title"
        title = p


_ANNEX = re.compile(r"^附件\s*\d*\s*$")


def _tail(doc: DocInfo, content: list[ParaInfo]) -> None:
    """成文日期 and 署名 near the end. Attached documents after them (a page that opens with
    “附件” or “附件1”) are `annex`."""
    n = len(content)
    noted = any(re.match(r"^附件\s*[：:]", p.stripped) for p in content)
    for k in range(n):
        if _ANNEX.match(content[k].stripped) and (any(is_date_line(q.stripped) for q in content[max(0, k - 4) : k])
                                                 or (noted and k and _page_break_between(doc, content[k - 1], content[k]))):
            for q in content[k:]:
                if q.role == "body":
                    q.role = "annex"
            n = k
            break
    date_pos = None
    for k in range(n - 1, max(-1, n - 6), -1):
        p = content[k]
        if p.role == "body" and is_date_line(p.stripped):
            date_pos = k
            break
    if date_pos is not None:
        content[date_pos].role = "date"
        before = content[date_pos - 1] if date_pos else None
        after = content[date_pos + 1] if date_pos + 1 < n else None
        candidates = [q for q in (before, after) if q is not None and _signature_like(q)]
        # the line set to the right, like the date, is the 署名 (a date may sit above it by mistake)
        placed = [q for q in candidates if placed_right(q)] if placed_right(content[date_pos]) else []
        chosen = (placed or candidates)[:1]
        for q in chosen:
            q.role = "signature"
        return
    # no date: a signature alone at the end (above a 附注 in brackets), placed to the right, or an
    # organ's name on a line of its own set flush left by mistake
    body = [p for p in content[:n] if p.role == "body"]
    while body and body[-1].stripped[:1] in "（(" and body[-1].stripped[-1:] in "）)" and len(body) > 2:
        body.pop()
    last = body[-1] if body else None
    if last is None or not _signature_like(last):
        return
    flush = abs(last.first_chars + last.left_chars) < 0.3 and last.align in ("left", "both")
    ended = len(body) > 1 and (body[-2].stripped[-1:] in _SENTENCE_END or bool(re.match(r"^附\s*件", body[-2].stripped)))
    if last.align == "right" or last.left_chars >= 10 or (flush and ended and last.stripped.endswith(_ORGAN_ENDINGS)):
        last.role = "signature"


def _page_break_between(doc: DocInfo, before: ParaInfo, p: ParaInfo) -> bool:
    """Whether a page break (w:br w:type="page", or 段前分页 on `p`) stands after `before` and
    before `p`: an attached document (附件) starts on a page of its own (GB/T 9704 7.3.7)."""
    if p.page_break_before:
        return True
    between = doc.paragraphs[before.index - 1 : p.index - 1]
    return any(br.get(f"{_W}type") == "page" for q in between for br in q.element.iter(f"{_W}br"))


def lead_chars(p: ParaInfo) -> float:
    """How far in (characters) the text of `p` starts: its left and first-line indents and the
    spaces and tabs typed before it (a tab counted as two characters)."""
    return leading_spaces(p.text) + p.left_chars + max(0.0, p.first_chars)


def leading_spaces(text: str) -> float:
    """Characters of space typed before a text: a full-width space 1, a space 0.5, a tab 2."""
    n = 0.0
    for ch in text:
        if ch == "\u3000":
            n += 1
        elif ch == " ":
            n += 0.5
        elif ch == "\t":
            n += 2
        else:
            break
    return n


def placed_right(p: ParaInfo) -> bool:
    """Set to the right of the line: right-aligned, or pushed there by spaces or a left indent."""
    return p.align == "right" or (p.align in ("left", "both") and lead_chars(p) >= 8)


def _signature_like(p: ParaInfo) -> bool:
    t = p.stripped
    return (
        0 < len(t) <= 30 and t[-1] not in _SENTENCE_END + "：:，," and not heading_label(t)
        and not re.match(r"^附\s*件", t)
        and not (t[0] in "（(" and t[-1] in "）)")
        and not is_date_line(t) and p.role == "body" and "。" not in t
    )  # fmt: skip


def _recipients(content: list[ParaInfo]) -> None:
    for p in content[:12]:
        if p.role == "body" and looks_like_recipients(p.stripped):
            p.role = "recipients"
            return
    # 7.3.2: the 主送 stands right under the title. There a short line of names ending with a
    # colon is the 主送 whatever its names end with (临江大学：, 某某研究所筹备组：).
    titles = [k for k, p in enumerate(content) if p.role in ("title", "subtitle")]
    if titles and titles[-1] + 1 < len(content):
        k = titles[-1] + 1
        if k + 1 < len(content) and re.match(r"^[（(]\s*(?:联系人|联系电话|此件|附注)", content[k].stripped):
            k += 1  # a 附注 misplaced under the title (reported as such): the 主送 is below it
        p = content[k]
        # with its colon; or without it (市教育局): names of organs, flush left, the text beginning below
        forgotten = k + 1 < len(content) and _recipients_without_colon(p) and content[k + 1].role == "body" \
            and _looks_like_body(content[k + 1])
        if p.role == "body" and (_recipients_by_place(p.stripped) or forgotten):
            p.role = "recipients"


def _recipients_without_colon(p: ParaInfo) -> bool:
    """A line under the title that would be a 主送 with a colon after it: names of organs (各…,
    …局, …中心), flush left, not centred; no mark at its end at all."""
    t = p.stripped.replace("\u3000", "")
    if not t or t[-1] in _SENTENCE_END + "：:，,、" or p.align in ("center", "right") or lead_chars(p) >= 1:
        return False
    return looks_like_recipients(t + "：") and _recipients_by_place(t + "：")


def _recipients_by_place(text: str) -> bool:
    """A line under the title that reads as a 主送: names (Chinese, at most 24 characters each)
    separated by commas, ending with a colon; no sentence, no salutation (同志们：), no lead-in
    (现将有关事项通知如下：)."""
    t = text.strip().replace("\u3000", "")
    if not t or t[-1] not in "：:" or len(t) > 60 or heading_label(t):
        return False
    if re.search(r"各位|同志|代表|朋友|来宾|领导|尊敬", t) or _NOT_RECIPIENTS.search(t[:-1].replace("部门", "")):
        return False
    names = [n for n in re.split(r"[，,、；;]", t[:-1]) if n]
    return bool(names) and all(len(n) <= 24 and re.fullmatch(r"[\u4e00-\u9fff（）()]+", n) for n in names)


#: Marks people put after an attachment's name (GB/T 9704 7.3.4: none belongs there).
ATTACH_END = "；;。.，,、"


def _attachments(content: list[ParaInfo]) -> None:
    for k, p in enumerate(content):
        if p.role == "body" and re.match(r"^附件\s*[：:]", p.stripped):
            p.role = "attach"
            for q in content[k + 1 :]:
                # a further name, maybe with a mark after it that 7.3.4 forbids (2.名称。): not a
                # numbered sentence of the body
                if q.role == "body" and re.match(r"^\d{1,2}\s*[.．、]", q.stripped) and q.index <= p.index + 10 \
                        and len(q.stripped) <= 60 and "。" not in q.stripped.rstrip(ATTACH_END):
                    q.role = "attach_more"
                else:
                    break


#: “附件：” and an attachment's number (1. 1．) at the start of a 附件说明.
_ATTACH_HEAD = re.compile(r"^附件\s*[：:]\s*(?:\d{1,2}\s*[.．、]\s*)?")


def attach_hanging(p: ParaInfo) -> bool:
    """A 附件说明 laid out as GB/T 9704-2012 7.3.4 asks of a long name: its first line 左空二字, and a
    hanging indent so that a wrapped line “与上一行附件名称的首字对齐” — the left indent is where the
    name starts after “附件：” (or after “附件：1.”, the numbers of further names lining up)."""
    text = p.text.lstrip(" \u3000\t")
    m = _ATTACH_HEAD.match(text)
    if not m or p.first_chars > -0.5 or abs(p.left_chars + p.first_chars + leading_spaces(p.text) - 2) > 0.3:
        return False
    head = m.group(0).strip()
    colon = 2 + _width(head[: head.find("：") + 1 if "：" in head else head.find(":") + 1])
    name = 2 + _width(head)
    return any(abs(p.left_chars - x) <= 0.6 for x in (colon, name))


#: A 纪要's list of who attended (10.3): 出席, 列席, 请假 (or 缺席) and a colon, then names.
ATTENDANCE = re.compile(r"^(出席|列席|请假|缺席)(人员|单位)?\s*[：:]")


def _attendance(content: list[ParaInfo]) -> None:
    """出席/列席/请假 lines: laid out by 10.3 (左空二字, 回行与冒号后首字对齐), not as body paragraphs."""
    for p in content:
        if p.role == "body" and ATTENDANCE.match(p.stripped) and len(p.stripped) > 3:
            p.role = "attendance"


def _captions(doc: DocInfo, content: list[ParaInfo]) -> None:
    """A short, centred line directly above a table is its title."""
    for p in content:
        if p.role == "body" and p.before_table and len(p.stripped) <= 40 and p.align == "center":
            p.role = "caption"


_HEADING_FACES = {1: ("黑体", "SimHei", "方正黑体"), 2: ("楷体", "KaiTi", "方正楷体", "华文楷体", "STKaiti")}


def _headings(doc: DocInfo, content: list[ParaInfo]) -> None:
    body_face = _body_face(content)
    for k, p in enumerate(content):
        if p.role != "body":
            continue
        label = heading_label(p.shown)
        if label is not None:
            p.role, p.level = "heading", label.level
            continue
        level = _unnumbered_level(p, content[k + 1] if k + 1 < len(content) else None, body_face)
        if level:
            p.role, p.level = "heading", level
    _numbered_items(content, body_face)


def _numbered_items(content: list[ParaInfo], body_face: str | None) -> None:
    """一、… paragraphs that are numbered items of the body, not headings: in a 函 or a 批复 the
    points (一、同意设立……。二、所需资金由……，县财政不予补助。) are sentences of the text and are set
    in its face. GB/T 9704-2012 7.3.3 gives 黑体 to the first level of the text's structure
    (“文中结构层次序数……一般第一层用黑体字”), which such items are not. Taken as items only when every
    一、 paragraph of the document is set wholly in the body's face, has no face of its own (bold) and
    at least one of them is a sentence with a comma in it, not a short heading (一、工作目标). They keep
    their numbers (form and order are checked as a heading's) and are marked `extras["item"]`: their
    face and size are the body's."""
    heads = [p for p in content if p.role == "heading" and p.level == 1 and heading_label(p.shown)]
    if len(heads) < 2 or body_face is None:
        return
    for p in heads:
        han = [r for r in p.runs if r.han]
        if not han or any(r.east_asia != body_face or r.bold for r in han) or not p.stripped.endswith(("。", "；")):
            return
    if not any(_sentence(p) for p in heads):
        return
    for p in heads:
        p.extras["item"] = True  # numbered and counted as a heading; set in the body's face


def _sentence(p: ParaInfo) -> bool:
    """A numbered paragraph whose first sentence is a clause with commas, not a heading's phrase."""
    label = heading_label(p.shown)
    text = p.shown[len(label.text) :] if label else p.shown
    first = re.split(r"[。；！？]", text, maxsplit=1)[0]
    return "，" in first and len(first) >= 15


def _body_face(content: list[ParaInfo]) -> str | None:
    weights: dict[str | None, int] = {}
    for p in content:
        if p.role == "body" and len(p.stripped) > 30:
            weights[p.face] = weights.get(p.face, 0) + len(p.stripped)
    return max(weights, key=lambda k: weights[k]) if weights else None


def _unnumbered_level(p: ParaInfo, following: ParaInfo | None, body_face: str | None) -> int:
    """The level of a heading written without a number (编号: 无), or 0 for body text: a short
    line without closing punctuation, followed by text, that its style's outline level, its
    heading style or a face of its own sets apart."""
    t = p.stripped
    if not t or len(t) > 40 or t[-1] in _SENTENCE_END + "：:，,、" or following is None or following.role != "body":
        return 0
    if p.outline is not None and p.outline < 9:
        return min(4, p.outline + 1)
    name = p.style_name.lower()
    m = re.search(r"(?:heading|标题)\s*(\d)", name)
    if m:
        return min(4, int(m.group(1)))
    face = p.face or ""
    if face != body_face:
        for level, faces in _HEADING_FACES.items():
            if face.startswith(faces):
                return level
    if p.runs and all(r.bold for r in p.runs if r.text.strip()) and len(t) <= 30:
        return 3
    return 0


# --- pages -------------------------------------------------------------------------------------


def framed(p: ParaInfo) -> bool:
    """Set in a frame (w:framePr): placed on the page by the frame, out of the text flow (a
    版记 at the foot of the page; LibreOffice writes it before the paragraph it is anchored to)."""
    ppr = p.element.find(f"{_W}pPr")
    return ppr is not None and ppr.find(f"{_W}framePr") is not None


def estimate_pages(doc: DocInfo) -> int:
    """Give each paragraph the page it starts on (and, in `extras["end_page"]`, the page of its
    last line), as the office suites would lay it out: the paginator's line breaking
    (assistant.document.linebreak) on the document's own text width, type size and character
    spacing (the runs' own, and a character grid's) and line pitch; explicit page breaks and
    sections are honoured, and so are paragraphs kept with the next (w:keepNext) and kept whole
    (w:keepLines). Returns the page count."""
    paras = doc.paragraphs
    tables = {t.after_paragraph: t for t in doc.tables}
    heights = [_measure(doc, p, len(paras) <= EXACT_LINES_UP_TO) for p in paras]
    page, used = 1, 0.0
    last_section = 0
    for k, p in enumerate(paras):
        sec = doc.section_of(p)
        height_pt = (sec.height_mm - sec.top_mm - sec.bottom_mm) / 25.4 * 72
        if p.section != last_section:
            page, used = (page + 1 if used else page), 0.0
            last_section = p.section
        if p.page_break_before and used:
            page, used = page + 1, 0.0
        pitch, h = heights[k]
        if framed(p):
            p.page, p.extras["end_page"] = page, page
            continue  # its frame takes no room in the text flow
        if used and used + pitch > height_pt + 0.5:
            page, used = page + 1, 0.0
        elif used:
            # what must stand on this page with it: itself when kept whole, and the paragraphs it is
            # kept with (Word, WPS and LibreOffice move them to the next page together)
            need = _kept_height(paras, heights, tables, k)
            if need is not None and used + need > height_pt + 0.5 and need <= height_pt:
                page, used = page + 1, 0.0
        p.page = page
        n = p.extras.get("lines", 1)
        fit = int((height_pt + 0.5 - used - p.before_pt) // pitch) if pitch > 0 else n
        if used and 0 <= fit < n and not p.keep_lines:
            # split at the foot of the page: widow and orphan control (two lines at least on each
            # side) moves lines, or the whole paragraph, to the next page
            if p.widow_control:
                fit = min(fit, n - 2)
                if fit < 2:
                    fit = 0
            if fit == 0:
                page, used = page + 1, 0.0
                p.page = page
                used = h
            else:
                page, used = page + 1, (n - fit) * pitch + p.after_pt
            p.extras["first_page_lines"] = fit
        else:
            used += h
        while used > height_pt + 0.5:
            page += 1
            used -= height_pt
        p.extras["end_page"] = page
        p.extras["end_used"] = used  # pt of its last page filled down to its last line
        p.extras["page_lines"] = _lines_by_page(p, n, pitch, height_pt)
        if any(br.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}type") == "page"
               for br in p.element.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}br")):
            page, used = page + 1, 0.0
        table = tables.get(p.index)
        if table is not None:
            rows = len(table.cells)
            used += rows * 14 * 1.3 + rows * 8
            while used > height_pt + 0.5:
                page += 1
                used -= height_pt
            p.extras["table_end"] = (page, used)  # where the table after it ends (roughly)
    return page


def _lines_by_page(p: ParaInfo, n: int, pitch: float, height_pt: float) -> dict[int, int]:
    """How many of the `n` lines of `p` stand on each page it spans (from `estimate_pages`)."""
    start, end = p.page, p.extras["end_page"]
    if end == start or pitch <= 0:
        return {start: n}
    first = p.extras.get("first_page_lines")
    if first is None:
        first = max(0, n - round((p.extras["end_used"] - p.after_pt) / pitch) - (end - start - 1) * int((height_pt + 0.5) // pitch))
    out = {start: first}
    rest = n - first
    per = max(1, int((height_pt + 0.5) // pitch))
    for page in range(start + 1, end + 1):
        out[page] = min(rest, per) if page < end else rest
        rest -= out[page]
    return out


def _measure(doc: DocInfo, p: ParaInfo, exact: bool) -> tuple[float, float]:
    """The line pitch and the height (pt) of paragraph `p`; sets `extras["lines"]`. `exact`: break
    the lines as the suites do (slow past a few thousand paragraphs), else count characters."""
    from assistant.document.linebreak import _is_lone, break_lines

    sec = doc.section_of(p)
    width_twips = max(1000, round((sec.width_mm - sec.left_mm - sec.right_mm - sec.gutter_mm) / 25.4 * 1440))
    pitch = line_pitch_pt(p, sec)
    spacing = char_spacing_twips(p, sec)
    lines = 0
    for piece in (p.text or " ").split("\n"):
        first = max(0, round(p.first_chars))
        width = max(1000, round(width_twips - (p.left_chars + p.right_chars) * (p.size * 20 + spacing)))
        if exact:
            broken = break_lines(piece or " ", first, width, p.size, spacing)
            lines += len(broken)
            # a last line of one character (孤字), as the document sets it: the breaking mends it by
            # setting the line before looser, which the document does not do
            p.extras["lone_last"] = len(broken) > 1 and (broken[-2].spacing > spacing or _is_lone(broken[-1].text))
        else:  # a long document: characters over the line's capacity
            per_line = max(1, width // max(1, round(p.size * 20 + spacing)))
            lines += max(1, -(-int(first + _width(piece)) // per_line))
    p.extras["lines"] = lines
    return pitch, lines * pitch + p.before_pt + p.after_pt


def _kept_height(paras: list[ParaInfo], heights: list[tuple[float, float]], tables: Mapping[int, object], k: int) -> float | None:
    """The height (pt) that has to stand on one page from paragraph k on, or None when it may be
    split: k whole when it is kept whole (or is one line), followed while they are kept with the
    next by the paragraphs after it, and the first line of the paragraph that ends the chain.
    A paragraph kept with the next is kept whole too: LibreOffice moves a three-line paragraph kept
    with the 落款 to the next page rather than leave two of its lines behind (check_eval5)."""
    p = paras[k]
    whole = p.keep_lines or p.keep_next or p.extras.get("lines", 1) == 1
    if not whole:
        return None
    need = heights[k][1]
    j = k
    while paras[j].keep_next and j + 1 < len(paras) and tables.get(paras[j].index) is None \
            and paras[j + 1].section == paras[j].section:
        j += 1
        q = paras[j]
        if q.keep_next:
            need += heights[j][1]
            continue
        # the lines of the paragraph that ends the chain that must stand on the page: its first, or
        # under widow and orphan control its first two (all three of a three-line paragraph)
        n = q.extras.get("lines", 1)
        need += heights[j][0] * ((n if n <= 3 else 2) if q.widow_control and not q.keep_lines else 1)
        break
    return need


def char_spacing_twips(p: ParaInfo, sec: object) -> int:
    """Twips added to each character of `p`: its runs' character spacing, and on a character
    grid (w:docGrid w:type="linesAndChars") the grid's w:charSpace, which ECMA-376 defines as
    4096ths of a point added to every character's pitch."""
    extra = 0
    if getattr(sec, "grid_type", None) in ("linesAndChars", "snapToChars"):
        extra = round(getattr(sec, "grid_char_space", 0) * 20 / 4096)
    return p.char_spacing + extra


EXACT_LINES_UP_TO = 2000


def _width(text: str) -> float:
    """Width in characters: ASCII half, everything else (Chinese, full-width marks, ×) whole."""
    return sum(0.5 if c.isascii() else 1.0 for c in text)


def line_pitch_pt(p: ParaInfo, sec: object) -> float:
    """The height (pt) of one line of `p`: exact and at-least values as given; a multiple of
    single spacing on the document grid when there is one, else of 1.3 times the size."""
    if p.line_rule == "exact":
        return p.line_value / 20
    grid_pitch = getattr(sec, "grid_pitch", None)
    grid = getattr(sec, "grid_type", None) in ("lines", "linesAndChars", "snapToChars") and grid_pitch
    natural = p.size * 1.3
    if p.line_rule == "atLeast":
        return max(p.line_value / 20, natural)
    multiple = p.line_value / 240
    if grid:
        pitch = grid_pitch / 20  # type: ignore[operator]
        steps = max(1, -(-natural // pitch))
        return steps * pitch * multiple
    return natural * multiple
