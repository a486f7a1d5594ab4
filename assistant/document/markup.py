"""公文 markup: the one place that defines its grammar.

A Markdown-like text that template bodies produce and `wenmi render` accepts directly::

    ---                                  optional front matter (YAML), only the keys in FRONT_KEYS
    发文机关标志: 中共××委员会文件
    发文字号: ×党发〔2023〕5号
    ---
    # 标题                                the title (one)
    主送：各党支部：                      recipients
    正文段落。                            one source line = one paragraph; blank lines separate only
    ## 一级标题                           levels 1–4 with ## … #####; numbers 一、（一）1.（1）are
    ### 二级标题                          assigned automatically, a typed number is removed
    #### 引导句。正文……                   text after the first 。 of a heading runs on in its paragraph
    **加粗的引导句。**正文……              inline bold
    表：表格标题                          optional caption of the next table
    | 表头 | 表头 |                       pipe table: header row, separator row (dash counts give
    | --- | ------ |                      relative column widths), body rows of equal length
    附件：1.名称                          attachments; further items on the next lines ("2.名称")
    落款：××委员会                        signature
    日期：2023年1月11日                   date (2023-01-11 is accepted and written the Chinese way)
    [分页]                                page break
    \\# 以反斜杠开头的行按原样作为正文段落

Errors are `WenmiError`s that name the source, the line and what to do.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.document.model import (
    Block,
    Document,
    Heading,
    PageBreak,
    Paragraph,
    Record,
    RedHeader,
    Run,
    Table,
    number_headings,
    review_runs,
    review_spans,
)
from assistant.errors import Diagnostic, WenmiError

#: Front-matter keys and the document parts they fill.
FRONT_KEYS: dict[str, str] = {
    "发文机关标志": "organ",
    "发文字号": "number",
    "抄送": "cc",
    "印发机关": "printer",
    "印发日期": "printed",
    "编号": "numbering",
}
#: Values of 编号 that turn automatic heading numbers off (宣传报道 and 经验材料 often go without).
_NO_NUMBERING = ("无", "不编号", "否", "关", "none", "off", "no", "false")

PAGE_BREAK = "[分页]"
_HEADING = re.compile(r"^(#+)(?:\s+|$)(.*)$")
#: Numbers an author may have typed in a heading: 一、 （一） (一) 1. 1． （1） (1)
_TYPED_NUMBER = re.compile(
    r"^(?:[一二三四五六七八九十百]+[、.．]|[（(][一二三四五六七八九十百]+[)）]、?|\d+[.．、](?!\d)|[（(]\d+[)）]、?)\s*"
)
_LABELED = re.compile(r"^(主送|附件|落款|日期|表)[：:]\s*(.*)$")
_ATTACHMENT_ITEM = re.compile(r"^(\d+)[.．]\s*(.+)$")
_TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_SEPARATOR_CELL = re.compile(r"^\s*:?-+:?\s*$")
_DATE_ISO = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$")
_DATE_CN = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$")

#: Constructs of Markdown and templating that 公文 markup does not have, and what to write instead.
_UNSUPPORTED: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^[-*+]\s"), "公文不用项目符号列表：请改为分段，或用 ## 至 ##### 标题分层"),
    (re.compile(r"^>"), "公文标记不支持引用块（>）：请直接写成正文段落"),
    (re.compile(r"^(```|~~~)"), "公文标记不支持代码块：请直接写成正文段落"),
    (re.compile(r"^!\["), "公文标记不支持图片：请在 Word 中插入图片"),
    (re.compile(r"^<[A-Za-z!/]"), "公文标记不支持 HTML 标签：请删去标签"),
    (re.compile(r"\{\{|\{%|%\}|\}\}"), "出现了未渲染的模板占位符：请检查模板或台账是否缺少数值"),
]


@dataclass
class _Line:
    number: int
    text: str


def parse_markup(text: str, source: str = "<公文标记>") -> Document:
    """Parse 公文 markup into a numbered `Document`; raise `WenmiError` on the first problem."""
    from assistant.textclean import strip_xml_invalid

    cleaned, removed = strip_xml_invalid(text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff"))
    doc = Document(source=source)
    if removed:
        doc.diagnostics.append(
            Diagnostic.at(
                f"删除了 {removed} 个 Word 文件无法保存的控制字符（多见于从 Word 粘贴的换行符）",
                rule="xml-chars",
                file=source,
            )
        )
    lines = [_Line(i, s.rstrip()) for i, s in enumerate(cleaned.split("\n"), start=1)]
    body_start = _front_matter(lines, doc, source)
    _Parser(lines[body_start:], doc, source).run()
    if doc.numbered:
        number_headings(doc.blocks)
    from assistant.document.punctuation import check_punctuation

    doc.diagnostics += check_punctuation(((ln.number, ln.text) for ln in lines[body_start:]), source)
    return doc


def _error(source: str, line: int, message: str, hint: str | None = None) -> WenmiError:
    return WenmiError(message, file=source, line=line, hint=hint)


def _front_matter(lines: list[_Line], doc: Document, source: str) -> int:
    """Read the optional `---` block; return the index of the first body line."""
    if not lines or lines[0].text.strip() != "---":
        return 0
    end = next((i for i in range(1, len(lines)) if lines[i].text.strip() == "---"), None)
    if end is None:
        raise _error(source, 1, "文首的 --- 没有对应的结束行 ---", "在文件头信息之后单独写一行 ---")
    values: dict[str, str] = {}
    for ln in lines[1:end]:
        if not ln.text.strip() or ln.text.lstrip().startswith("#"):
            continue
        key, sep, value = ln.text.partition(":")
        if not sep:
            key, sep, value = ln.text.partition("：")
        key = key.strip()
        if not sep:
            raise _error(source, ln.number, f"文件头信息“{ln.text.strip()}”缺少冒号", "写成“键: 值”")
        if key not in FRONT_KEYS:
            import difflib

            close = difflib.get_close_matches(key, list(FRONT_KEYS), n=1, cutoff=0.3)
            hint = f"是否要写“{close[0]}”？" if close else "可用的键：" + "、".join(FRONT_KEYS)
            raise _error(source, ln.number, f"未知的文件头信息“{key}”", hint)
        values[FRONT_KEYS[key]] = value.strip().strip("\"'“”")
    if "numbering" in values:
        flag = values["numbering"].lower()
        if flag in _NO_NUMBERING:
            doc.numbered = False
        elif flag not in ("有", "是", "自动", "auto", "yes", "on", "true"):
            raise _error(source, 1, f"“编号: {values['numbering']}”无法识别", "写“编号: 无”表示标题不编序号，省略则自动编号")
    if values.get("organ"):
        doc.header = RedHeader(values["organ"], values.get("number", ""))
    elif values.get("number"):
        doc.header = RedHeader("", values["number"])
    if any(values.get(k) for k in ("cc", "printer", "printed")):
        doc.record = Record(values.get("cc", ""), values.get("printer", ""), normalize_date(values.get("printed", "")))
    return end + 1


def normalize_date(text: str) -> str:
    """2023-01-11, 2023年01月11日 -> 2023年1月11日 (GB/T 9704 7.3.5.4: no zero padding)."""
    t = text.strip()
    m = _DATE_ISO.match(t) or _DATE_CN.match(t)
    if m:
        y, mo, d = (int(g) for g in m.groups())
        return f"{y}年{mo}月{d}日"
    return t


#: Example content to review: `[示例]…[/示例]` (what `--examples` puts around a template's examples).
REVIEW_OPEN = "[示例]"
REVIEW_CLOSE = "[/示例]"


def parse_inline(text: str, source: str, line: int) -> list[Run]:
    """Split `**bold**` and `[示例]…[/示例]` spans; an unclosed mark is an error."""
    if REVIEW_OPEN not in text and REVIEW_CLOSE not in text:
        return _bold_runs(text, source, line, 0)
    runs: list[Run] = []
    rest, offset = text, 0
    while rest:
        start = rest.find(REVIEW_OPEN)
        close = rest.find(REVIEW_CLOSE)
        if close >= 0 and (start < 0 or close < start):
            raise WenmiError(
                "示例标记 [/示例] 前面没有 [示例]", file=source, line=line, column=offset + close + 1,
                hint="示例内容写成 [示例]……[/示例]",
            )
        if start < 0:
            runs += _bold_runs(rest, source, line, offset)
            break
        runs += _bold_runs(rest[:start], source, line, offset)
        end = rest.find(REVIEW_CLOSE, start)
        if end < 0:
            raise WenmiError(
                "示例标记 [示例] 没有闭合", file=source, line=line, column=offset + start + 1,
                hint="在示例内容后面写 [/示例]",
            )
        inner = rest[start + len(REVIEW_OPEN) : end]
        runs += [Run(r.text, r.bold, review=True) for r in _bold_runs(inner, source, line, offset + start)]
        consumed = end + len(REVIEW_CLOSE)
        rest, offset = rest[consumed:], offset + consumed
    return runs


def has_review_marks(text: str) -> bool:
    return REVIEW_OPEN in text or REVIEW_CLOSE in text


def _marked_line(text: str, source: str, line: int) -> tuple[str, list[tuple[int, int]]]:
    """A title or heading written with review marks: its plain text (bold marks dropped, as the
    heading's face is its own) and the (start, end) offsets of the marked stretches."""
    runs = parse_inline(text, source, line)
    return "".join(r.text for r in runs), review_spans(runs)


def _marked(text: str, spans: list[tuple[int, int]]) -> str:
    """`text` with `[示例]…[/示例]` put back around `spans` (the inverse of `_marked_line`)."""
    return "".join(f"{REVIEW_OPEN}{r.text}{REVIEW_CLOSE}" if r.review else r.text for r in review_runs(text, spans))


def review_marks(doc: Document) -> list[Diagnostic]:
    """Where `doc` still holds example content marked for review (`[示例]…[/示例]`): the title,
    headings, paragraphs and table cells, each located by its markup line (`--strict` refuses them)."""
    found: list[tuple[int | None, str]] = []
    if doc.title_review:
        found.append((None, doc.title))
    for block in doc.blocks:
        if isinstance(block, Heading) and (block.review or any(r.review for r in block.runin)):
            found.append((block.line, block.label + "".join(r.text for r in block.runin)))
        elif isinstance(block, Paragraph) and any(r.review for r in block.runs):
            found.append((block.line, block.text))
        elif isinstance(block, Table):
            for ri, ci in sorted(block.review):
                found.append((block.line + 2 + ri if block.line else None, block.rows[ri][ci]))
    return [
        Diagnostic.at(
            f"{'标题' if line is None else ''}“{text[:20]}{'…' if len(text) > 20 else ''}”是标为示例、尚未核实的内容",
            rule="review-mark",
            file=doc.source or None,
            line=line,
        )
        for line, text in found
    ]


def _bold_runs(text: str, source: str, line: int, offset: int) -> list[Run]:
    if "**" not in text:
        return [Run(text)] if text else []
    parts = text.split("**")
    if len(parts) % 2 == 0:
        col = offset + text.rfind("**") + 1
        raise WenmiError("加粗标记 ** 没有闭合", file=source, line=line, column=col, hint="在加粗文字的两端各写一个 **")
    return [Run(p, bold=i % 2 == 1) for i, p in enumerate(parts) if p]


def split_runin(text: str) -> tuple[str, str]:
    """`引导句。正文……` -> ("引导句。", "正文……"); without a 。 the whole text is the heading."""
    idx = text.find("。")
    if idx == -1 or idx == len(text) - 1:
        return text, ""
    return text[: idx + 1], text[idx + 1 :]


def strip_typed_number(text: str) -> str:
    return _TYPED_NUMBER.sub("", text, count=1)


class _Parser:
    def __init__(self, lines: list[_Line], doc: Document, source: str) -> None:
        self.lines = lines
        self.doc = doc
        self.source = source
        self.i = 0

    def err(self, line: int, message: str, hint: str | None = None) -> WenmiError:
        return _error(self.source, line, message, hint)

    def run(self) -> None:
        pending_caption: tuple[int, str] | None = None
        while self.i < len(self.lines):
            ln = self.lines[self.i]
            raw = ln.text
            text = raw.strip()
            if not text:
                self.i += 1
                continue
            if pending_caption and not _TABLE_ROW.match(raw):
                raise self.err(pending_caption[0], "表格标题“表：”之后应紧跟一个表格", "在下一行写表格，或删去这一行")
            if text.startswith("\\"):
                self.add(Paragraph(parse_inline(text[1:], self.source, ln.number), ln.number))
            elif text == PAGE_BREAK:
                self.add(PageBreak(ln.number))
            elif m := _HEADING.match(text):
                self.heading(ln, len(m.group(1)), m.group(2).strip())
            elif _TABLE_ROW.match(raw):
                caption = pending_caption[1] if pending_caption else ""
                pending_caption = None
                self.table(caption)
                continue
            elif m := _LABELED.match(text):
                label, value = m.group(1), m.group(2).strip()
                if label == "表":
                    if not value:
                        raise self.err(ln.number, "表格标题为空", "写成“表：工作配档表”")
                    pending_caption = (ln.number, value)
                elif label == "附件":
                    self.attachments(ln, value)
                    continue
                else:
                    self.labeled(ln, label, value)
            else:
                self.unsupported(ln)
                self.add(Paragraph(parse_inline(text, self.source, ln.number), ln.number))
            self.i += 1
        if pending_caption:
            raise self.err(pending_caption[0], "表格标题“表：”之后应紧跟一个表格", "在下一行写表格，或删去这一行")

    def add(self, block: Block) -> None:
        self.doc.blocks.append(block)

    def unsupported(self, ln: _Line) -> None:
        for pattern, message in _UNSUPPORTED:
            if pattern.search(ln.text.strip()):
                raise self.err(ln.number, message)

    def heading(self, ln: _Line, hashes: int, text: str) -> None:
        if hashes == 1:
            if not text:
                raise self.err(ln.number, "标题为空", "在 # 之后写上公文标题")
            if self.doc.title:
                raise self.err(ln.number, "公文只能有一个标题（#）", "一级标题请用 ##")
            if self.doc.blocks:
                raise self.err(ln.number, "标题（#）必须写在正文之前", "把标题移到开头")
            if has_review_marks(text):
                self.doc.title, self.doc.title_review = _marked_line(text, self.source, ln.number)
            else:
                self.doc.title = text
            return
        if hashes > 5:
            raise self.err(ln.number, f"没有 {hashes - 1} 级标题：公文的层次最多四级（## 至 #####）")
        self.unsupported(_Line(ln.number, text))
        if has_review_marks(text):
            self.add(self.marked_heading(ln, hashes - 1, text))
            return
        text = strip_typed_number(text)
        if not text:
            raise self.err(ln.number, f"{hashes - 1} 级标题为空", "在 # 号之后写上标题文字")
        lead, rest = split_runin(text)
        self.add(
            Heading(
                level=hashes - 1,
                text=lead.replace("**", ""),
                runin=parse_inline(rest, self.source, ln.number),
                line=ln.number,
            )
        )

    def marked_heading(self, ln: _Line, level: int, text: str) -> Heading:
        """A heading with `[示例]…[/示例]` in it: the marks may cover the heading, its run-in text
        or both (a mark may run across the 。 that ends the heading)."""
        runs = parse_inline(text, self.source, ln.number)
        plain = "".join(r.text for r in runs)
        cut = len(plain) - len(strip_typed_number(plain))  # 一、 typed inside or before the marks
        if not plain[cut:].strip():
            raise self.err(ln.number, f"{level} 级标题为空", "在 # 号之后写上标题文字")
        lead, _ = split_runin(plain[cut:])
        head: list[Run] = []
        runin: list[Run] = []
        pos = 0
        for r in runs:  # cut the runs where the heading ends; the run-in part keeps its emphasis
            a, b = pos - cut, pos - cut + len(r.text)
            pos += len(r.text)
            if a < len(lead) and b > 0:
                head.append(Run(r.text[max(0, -a) : len(lead) - a], review=r.review))
            if b > len(lead):
                runin.append(Run(r.text[max(0, len(lead) - a) :], r.bold, r.review))
        return Heading(level=level, text=lead, runin=runin, line=ln.number, review=review_spans(head))

    def labeled(self, ln: _Line, label: str, value: str) -> None:
        if not value:
            raise self.err(ln.number, f"“{label}：”之后没有内容", f"写成“{label}：……”，或删去这一行")
        if label == "主送":
            if self.doc.recipients:
                raise self.err(ln.number, "主送机关只能写一行", "把主送机关合并到一行，用顿号或逗号分隔")
            self.doc.recipients = value.rstrip(":：") + "："
        elif label == "落款":
            self.doc.signature = value
        elif label == "日期":
            self.doc.date = normalize_date(value)

    def attachments(self, ln: _Line, first: str) -> None:
        if not first:
            raise self.err(ln.number, "“附件：”之后没有附件名称", "写成“附件：1.名称”")
        if self.doc.attachments:
            raise self.err(ln.number, "附件说明只能有一处", "把所有附件写在同一个“附件：”之下，逐行编号")
        items = [first]
        self.i += 1
        while self.i < len(self.lines):
            text = self.lines[self.i].text.strip()
            if not _ATTACHMENT_ITEM.match(text):
                break
            items.append(text)
            self.i += 1
        names: list[str] = []
        for n, item in enumerate(items, start=1):
            m = _ATTACHMENT_ITEM.match(item)
            if m and len(items) > 1 and int(m.group(1)) != n:
                raise self.err(ln.number + n - 1, f"附件序号应为 {n}，这里是 {m.group(1)}", "附件从 1 起连续编号")
            name = m.group(2) if m else item
            names.append(name.strip().rstrip("。；;，,"))
        self.doc.attachments = names

    def table(self, caption: str) -> None:
        start = self.lines[self.i].number
        rows: list[tuple[int, list[str]]] = []
        while self.i < len(self.lines) and _TABLE_ROW.match(self.lines[self.i].text):
            ln = self.lines[self.i]
            rows.append((ln.number, split_row(ln.text)))
            self.i += 1
        if len(rows) < 2 or not all(_SEPARATOR_CELL.match(c) for c in rows[1][1]):
            raise self.err(start, "表格的第二行必须是分隔行，如 | --- | --- |", "在表头下面加一行分隔行")
        header = rows[0][1]
        widths = [max(1, c.count("-")) for c in rows[1][1]]
        if len(widths) != len(header):
            raise self.err(rows[1][0], f"分隔行有 {len(widths)} 列，表头有 {len(header)} 列", "让每一行的列数相同")
        body: list[list[str]] = []
        review: set[tuple[int, int]] = set()
        for number, cells in rows[2:]:
            if len(cells) != len(header):
                raise self.err(number, f"这一行有 {len(cells)} 列，表头有 {len(header)} 列", "补齐或删去多余的单元格")
            plain = []
            for ci, cell in enumerate(cells):
                marked = REVIEW_OPEN in cell or REVIEW_CLOSE in cell
                runs = parse_inline(cell, self.source, number) if marked else []
                if any(r.review for r in runs):
                    review.add((len(body), ci))
                plain.append(cell.replace(REVIEW_OPEN, "").replace(REVIEW_CLOSE, "") if runs else cell)
            body.append(plain)
        if not any(h.strip() for h in header):
            raise self.err(start, "表头为空", "在第一行写上各列名称")
        self.add(Table(header, body, widths, caption, start, review))


def split_row(text: str) -> list[str]:
    """Cells of `| a | b |`; `\\|` is a literal bar inside a cell."""
    inner = text.strip()[1:-1]
    cells = re.split(r"(?<!\\)\|", inner)
    return [c.strip().replace("\\|", "|") for c in cells]


# --- Writing markup back (for `--format md` and round trips) -----------------------------------


def _inline(runs: list[Run]) -> str:
    out = []
    for r in runs:
        text = f"**{r.text}**" if r.bold else r.text
        out.append(f"{REVIEW_OPEN}{text}{REVIEW_CLOSE}" if r.review else text)
    return "".join(out)


def _escape_paragraph(text: str) -> str:
    """A paragraph whose text would parse as something else gets the literal-line backslash."""
    probe = text.strip()
    special = (
        probe.startswith(("#", "\\", "|", "---"))
        or probe == PAGE_BREAK
        or _LABELED.match(probe) is not None
        or any(p.search(probe) for p, _ in _UNSUPPORTED)
    )
    return "\\" + text if special else text


def to_markup(doc: Document) -> str:
    """The document as 公文 markup; `parse_markup(to_markup(d))` gives `d` back."""
    out: list[str] = []
    front: list[str] = []
    if doc.header:
        if doc.header.organ:
            front.append(f"发文机关标志: {doc.header.organ}")
        if doc.header.number:
            front.append(f"发文字号: {doc.header.number}")
    if not doc.numbered:
        front.append("编号: 无")
    if doc.record:
        for key, value in (("抄送", doc.record.cc), ("印发机关", doc.record.printer), ("印发日期", doc.record.printed)):
            if value:
                front.append(f"{key}: {value}")
    if front:
        out += ["---", *front, "---"]
    if doc.title:
        out.append(f"# {_marked(doc.title, doc.title_review)}")
    if doc.recipients:
        out.append(f"主送：{doc.recipients}")
    for block in doc.blocks:
        if isinstance(block, Heading):
            out.append(f"{'#' * (block.level + 1)} {_marked(block.text, block.review)}{_inline(block.runin)}")
        elif isinstance(block, Paragraph):
            out.append(_escape_paragraph(_inline(block.runs)))
        elif isinstance(block, Table):
            if block.caption:
                out.append(f"表：{block.caption}")
            out.append("| " + " | ".join(_cell(c) for c in block.header) + " |")
            out.append("| " + " | ".join("-" * w for w in block.widths) + " |")
            for ri, row in enumerate(block.rows):
                cells = [
                    f"{REVIEW_OPEN}{_cell(c)}{REVIEW_CLOSE}" if (ri, ci) in block.review else _cell(c)
                    for ci, c in enumerate(row)
                ]
                out.append("| " + " | ".join(cells) + " |")
        elif isinstance(block, PageBreak):
            out.append(PAGE_BREAK)
    if doc.attachments:
        if len(doc.attachments) == 1:
            out.append(f"附件：{doc.attachments[0]}")
        else:
            out.append(f"附件：1.{doc.attachments[0]}")
            out += [f"{n}.{name}" for n, name in enumerate(doc.attachments[1:], start=2)]
    if doc.signature:
        out.append(f"落款：{doc.signature}")
    if doc.date:
        out.append(f"日期：{doc.date}")
    return "\n".join(out) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")
