"""Import a 台账 from Excel (.xlsx), CSV or last year's Word document (.docx); export a table.

Tables: the header row is found by its Chinese column names (事项、类别、指标、数量、单位、修饰、
日期、责任单位、说明、标签 and their common synonyms), also below a title row or merged title
cells. One row per metric; rows with the same 事项 (or an empty 事项 under a merged cell) belong
to one achievement. The unit and period are read from the title row ("党群工作部2022年成效台账")
or "单位：…" rows above the header. Problems are reported by row and column letter: "第5行第C列".

.docx: a draft for review. Headings become section names; every sentence that carries figures
becomes an achievement whose metrics are parsed from the figures ("开展…2次，累计参与1131人次").
"""

from __future__ import annotations

import csv
import datetime as _dt
import difflib
import io
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.categories import CATEGORIES
from assistant.errors import Diagnostic, Location, WenmiError, WenmiErrors
from assistant.ledger.numfmt import (
    ADVERBS,
    QUALIFIERS,
    Number,
    is_period_text,
    iso_date,
    normalize_unit,
    parse_quantity,
)
from assistant.ledger.validate import suggest_category
from assistant.ledger.workbook import Achievement, Metric, Workbook
from assistant.textclean import strip_xml_invalid

#: Placeholder unit when the file does not say which unit it belongs to.
UNIT_PLACEHOLDER = "（请填写单位）"

#: Column header -> field. The first name of each list is the canonical one (used on export).
HEADERS: dict[str, tuple[str, ...]] = {
    "title": ("事项", "项目", "工作事项", "工作内容", "事项名称", "主要工作", "工作名称", "成效事项", "重点工作",
              "工作项目", "重点事项", "任务", "工作任务", "名称"),
    "category": ("类别", "分类", "类型", "所属类别", "工作类别", "板块", "所属板块", "类别名称", "所属分类"),
    "label": ("指标", "指标名称", "数据项", "统计项", "量化指标", "数据名称", "统计指标", "指标项"),
    "value": ("数量", "数值", "数目", "数据", "数", "完成数", "完成数量", "数额", "统计数", "完成值"),
    "unit": ("单位", "计量单位", "量词", "数量单位"),
    "qualifier": ("修饰", "修饰词", "限定", "限定词", "约数"),
    "date": ("日期", "时间", "完成时间", "完成日期", "时限", "月份", "完成时限", "办理时间"),
    "owner": ("责任单位", "部门", "责任部门", "牵头部门", "牵头单位", "承办单位", "责任人", "负责部门", "实施单位",
              "责任处室", "处室"),
    "detail": ("说明", "备注", "具体内容", "详细说明", "情况说明", "主要做法", "做法", "具体做法", "工作成效",
               "成效", "内容", "描述", "完成情况", "进展情况"),
    "tags": ("标签", "关键词", "关键字"),
    "section": ("章节", "所属章节", "部分"),
}  # fmt: skip
_IGNORED_HEADERS = {"序号", "编号", "no", "no.", "序", "id"}
_FIELD_NAMES = {
    "title": "事项", "category": "类别", "label": "指标", "value": "数量", "unit": "单位", "qualifier": "修饰",
    "date": "日期", "owner": "责任单位", "detail": "说明", "tags": "标签", "section": "章节",
}  # fmt: skip
_HEADER_INDEX = {name: key for key, names in HEADERS.items() for name in names}
_TAG_SPLIT = re.compile(r"[、,，;；/\s]+")


def column_letter(index: int) -> str:
    """1 -> A, 3 -> C, 27 -> AA."""
    out = ""
    while index > 0:
        index, rem = divmod(index - 1, 26)
        out = chr(65 + rem) + out
    return out


def _cell_where(file: str | None, line: int | None, column: int | None, field_: str | None) -> str:
    """ "台账.xlsx，第5行第C列，字段“数量”" — rows and column letters as Excel shows them."""
    parts = [file] if file else []
    where = ""
    if line is not None:
        where += f"第{line}行"
    if column is not None:
        where += f"第{column_letter(column)}列"
    if where:
        parts.append(where)
    if field_:
        parts.append(f"字段“{field_}”")
    return "，".join(parts)


class CellError(WenmiError):
    """An error in one cell, printed as "台账.xlsx，第5行第C列，字段“数量”：…"."""

    def __str__(self) -> str:
        loc = self.location
        where = _cell_where(loc.file, loc.line, loc.column, loc.field)
        text = f"{where}：{self.message}" if where else self.message
        return text + (f"（{self.hint}）" if self.hint else "")


class CellDiagnostic(Diagnostic):
    """A warning about one cell, printed like CellError ("第2行第D列")."""

    def __str__(self) -> str:
        loc = self.location
        where = _cell_where(loc.file, loc.line, loc.column, loc.field)
        return f"{where}：{self.message}" if where else self.message


def _cell_warning(message: str, rule: str, file: str, row: int, col: int | None = None) -> Diagnostic:
    return CellDiagnostic(message, rule, Location(file, row, col), "warning")


# --------------------------------------------------------------------------- headers


def _normalize_header(text: str) -> tuple[str, str]:
    """(header name, unit in brackets): "数量（人次）" -> ("数量", "人次"), "*事项" -> ("事项", "")."""
    s = unicodedata.normalize("NFKC", text).strip()
    s = re.sub(r"[\s*＊:：]", "", s)
    unit = ""
    m = re.fullmatch(r"(.+?)[(\[](.*?)[)\]]", s)
    if m:
        s, unit = m.group(1), m.group(2)
    return s, unit


def match_header(text: str) -> tuple[str | None, str]:
    """The field a column header names (or None), and a unit given in brackets."""
    name, unit = _normalize_header(text)
    return _HEADER_INDEX.get(name) or _HEADER_INDEX.get(name.lower()), unit


@dataclass
class _Header:
    row: int
    columns: dict[int, str]  # 0-based column -> field
    default_unit: str = ""
    unknown: list[tuple[int, str]] = field(default_factory=list)


def _find_header(rows: Sequence[tuple[int, list[Any]]]) -> tuple[int, _Header] | None:
    """Position in `rows` and layout of the first row that reads as a header (has 事项 + one more)."""
    for pos, (rowno, cells) in enumerate(rows[:40]):
        columns: dict[int, str] = {}
        unknown: list[tuple[int, str]] = []
        unit = ""
        for c, value in enumerate(cells):
            if not isinstance(value, str) or not value.strip():
                continue
            key, bracket = match_header(value)
            if key and key not in columns.values():
                columns[c] = key
                if key == "value" and bracket:
                    unit = bracket
            elif not key and _normalize_header(value)[0].lower() not in _IGNORED_HEADERS:
                unknown.append((c, value.strip()))
        if "title" in columns.values() and len(columns) >= 2:
            return pos, _Header(rowno, columns, unit, unknown)
    return None


_PERIOD_RE = re.compile(
    r"(\d{4})\s*年(?:度)?(上半年|下半年|全年|第[一二三四1-4]季度|[一二三四1-4]季度|\d{1,2}月)?"
)
_TITLE_SUFFIX = re.compile(
    r"(?:工作)?(?:成效|成果|亮点|重点工作|工作)?(?:台账|统计表|清单|汇总表|一览表|明细表|表)$"
)


def title_facts(text: str) -> tuple[str, str]:
    """(unit, period) from a title row: "党群工作部（党委统战部）2022年成效台账" -> (党群工作部（党委统战部）, 2022年)."""
    s = text.strip()
    m = re.match(r"^\s*(单位|单位名称|部门)\s*[:：]\s*(.+)$", s)
    if m:
        return m.group(2).strip(), ""
    m = re.match(r"^\s*(时期|期间|年度|时间)\s*[:：]\s*(.+)$", s)
    if m:
        return "", m.group(2).strip()
    period = ""
    pm = _PERIOD_RE.search(s)
    if pm:
        period = f"{pm.group(1)}年" + (pm.group(2) or "")
        s = (s[: pm.start()] + " " + s[pm.end() :]).strip()
    s = _TITLE_SUFFIX.sub("", s.strip()).strip(" -—_·:：，,")
    unit = s if 2 <= len(s) <= 40 and not re.search(r"\d", s) else ""
    return unit, period


# --------------------------------------------------------------------------- rows -> workbook


@dataclass
class _Record:
    achievement: Achievement
    row: int


class _TableReader:
    """Turns located rows (row number, cells) into achievements, collecting cell errors."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.errors: list[WenmiError] = []
        self.warnings: list[Diagnostic] = []
        self.unit = ""
        self.period = ""

    def error(self, row: int, col: int | None, field_: str, message: str, hint: str | None = None) -> None:
        self.errors.append(
            CellError(message, file=self.source, line=row, column=col, field=field_, hint=hint)
        )

    def read(self, rows: Sequence[tuple[int, list[Any]]], *, required: bool = True) -> list[Achievement]:
        found = _find_header(rows)
        if found is None:
            if required:
                names = "、".join(names[0] for names in HEADERS.values())
                raise WenmiError(
                    "找不到表头行",
                    file=self.source,
                    hint=f"表格要有一行列名，至少包括“事项”和“数量”等，可用的列名：{names}",
                )
            return []
        pos, header = found
        for _, cells in rows[:pos]:
            # a merged title fills every cell of its row with the same text: read it once
            for part in dict.fromkeys(_text(c) for c in cells if _text(c)):
                unit, period = title_facts(part)
                self.unit = self.unit or unit
                self.period = self.period or period
        for col, text in header.unknown:
            self.warnings.append(
                _cell_warning(
                    f"表头“{text}”无法识别，这一列已忽略", "header-unknown", self.source, header.row, col + 1
                )
            )
        records: dict[str, _Record] = {}
        order: list[str] = []
        last: _Record | None = None
        for rowno, cells in rows[pos + 1 :]:
            last = self._row(rowno, cells, header, records, order, last)
        return [records[k].achievement for k in order]

    def _cells(self, rowno: int, cells: list[Any], header: _Header) -> dict[str, tuple[int, Any]]:
        out: dict[str, tuple[int, Any]] = {}
        for c, key in header.columns.items():
            value = cells[c] if c < len(cells) else None
            if isinstance(value, str):
                value, removed = strip_xml_invalid(value)
                if removed:
                    self.warnings.append(
                        _cell_warning(
                            f"删除了{removed}个无法保存的控制字符（多为从 Word 粘贴带入）",
                            "control-character",
                            self.source,
                            rowno,
                            c + 1,
                        )
                    )
                value = value.strip()
            if value not in (None, ""):
                out[key] = (c + 1, value)
        return out

    def _row(
        self,
        rowno: int,
        cells: list[Any],
        header: _Header,
        records: dict[str, _Record],
        order: list[str],
        last: _Record | None,
    ) -> _Record | None:
        got = self._cells(rowno, cells, header)
        if not got:
            return last
        if "title" in got:
            title = _text(got["title"][1])
            rec = records.get(title)
            if rec is None:
                rec = _Record(Achievement(title=title), rowno)
                records[title] = rec
                order.append(title)
        elif last is not None:
            rec = last
        else:
            col = next(c for c, k in header.columns.items() if k == "title") + 1
            self.error(
                rowno,
                col,
                "事项",
                "这一行没有填写事项",
                hint="每一行都要写事项；同一事项的多个指标可以分行写",
            )
            return last
        self._fill(rec, rowno, got, header)
        return rec

    def _fill(self, rec: _Record, rowno: int, got: dict[str, tuple[int, Any]], header: _Header) -> None:
        a = rec.achievement
        for key in ("category", "date", "owner", "detail", "section"):
            if key not in got:
                continue
            col, raw = got[key]
            value = getattr(self, f"_{key}")(rowno, col, raw)
            if value is None:
                continue
            current = getattr(a, key)
            if current in (None, ""):
                setattr(a, key, value)
            elif current != value:
                self.warnings.append(
                    _cell_warning(
                        f"事项“{a.title}”的{_FIELD_NAMES[key]}与第{rec.row}行不同（“{value}”/“{current}”），保留第{rec.row}行的",
                        "merge-conflict",
                        self.source,
                        rowno,
                        col,
                    )
                )
        if "tags" in got:
            for tag in _TAG_SPLIT.split(_text(got["tags"][1])):
                if tag and tag not in a.tags:
                    a.tags.append(tag)
        metric = self._metric(rowno, got, header)
        if metric is not None:
            a.metrics.append(metric)

    def _category(self, row: int, col: int, raw: Any) -> str | None:
        text = _text(raw)
        if text in CATEGORIES:
            return text
        guess = suggest_category(text)
        message = f"类别“{text}”不在七类之中" + (f"，是否想写“{guess}”？" if guess else "")
        self.error(
            row, col, "类别", message, hint="可选：" + "、".join(CATEGORIES) + "；也可以留空，由事项内容推断"
        )
        return None

    def _date(self, row: int, col: int, raw: Any) -> str | None:
        if isinstance(raw, _dt.datetime | _dt.date):
            return raw.date().isoformat() if isinstance(raw, _dt.datetime) else raw.isoformat()
        if isinstance(raw, int | float) and not isinstance(raw, bool):
            if 1900 <= raw <= 2100 and float(raw).is_integer():
                return str(int(raw))
            if 20000 <= raw <= 80000:  # an Excel serial day number
                return (_dt.date(1899, 12, 30) + _dt.timedelta(days=int(raw))).isoformat()
            m = re.fullmatch(r"(\d{4})\.(\d{1,2})", f"{raw}")
            if m and 1 <= int(m.group(2)) <= 12:
                return f"{m.group(1)}-{int(m.group(2)):02d}"
        text = _text(raw)
        if iso_date(text) is not None or is_period_text(text):
            return text
        self.error(row, col, "日期", f"日期“{text}”无法识别", hint="请写成 2022-03、2023-01-11 或 2022年3月")
        return None

    def _owner(self, row: int, col: int, raw: Any) -> str | None:
        return _text(raw) or None

    def _detail(self, row: int, col: int, raw: Any) -> str | None:
        return _text(raw) or None

    def _section(self, row: int, col: int, raw: Any) -> str | None:
        text = _text(raw)
        if re.fullmatch(r"\d+", text):
            if int(text) < 1:
                self.error(row, col, "章节", f"章节序号“{text}”无效", hint="章节序号从 1 开始")
                return None
            return str(int(text))
        return text or None

    def _metric(self, rowno: int, got: dict[str, tuple[int, Any]], header: _Header) -> Metric | None:
        label = _text(got["label"][1]) if "label" in got else ""
        unit = normalize_unit(_text(got["unit"][1])) if "unit" in got else ""
        qualifier = _text(got["qualifier"][1]) if "qualifier" in got else ""
        if qualifier and qualifier not in QUALIFIERS:
            close = difflib.get_close_matches(qualifier, list(QUALIFIERS), n=1, cutoff=0.5)
            self.error(
                rowno,
                got["qualifier"][0],
                "修饰",
                f"修饰词“{qualifier}”不可用" + (f"，是否想写“{close[0]}”？" if close else ""),
                hint="可选：" + "、".join(QUALIFIERS),
            )
            return None
        if "value" not in got:
            if label or "unit" in got:
                col = got["label"][0] if "label" in got else got["unit"][0]
                self.error(
                    rowno, col, "数量", f"指标“{label or unit}”没有填写数量", hint="在“数量”列填写数字"
                )
            return None
        col, raw = got["value"]
        try:
            qty = parse_quantity(raw)
        except (ValueError, TypeError):
            self.error(
                rowno,
                col,
                "数量",
                f"数量“{_text(raw)}”不是数字",
                hint="请写阿拉伯数字（如 35、3.5）或中文数字（如 三十五、一千二百）",
            )
            return None
        if qty.unit and unit and qty.unit != unit:
            self.error(
                rowno, col, "数量", f"数量“{_text(raw)}”里的单位“{qty.unit}”与“单位”列的“{unit}”不一致"
            )
            return None
        if qty.qualifier and qualifier and qty.qualifier != qualifier:
            self.error(
                rowno, col, "数量", f"数量“{_text(raw)}”里的“{qty.qualifier}”与“修饰”列的“{qualifier}”不一致"
            )
            return None
        return Metric(
            label=label,
            value=qty.value,
            unit=qty.unit or unit or header.default_unit,
            qualifier=qty.qualifier or qualifier,
        )


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, _dt.datetime):
        return value.date().isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    return str(value).strip()


def _finish(
    achievements: list[Achievement],
    source: str,
    reader: _TableReader,
    *,
    unit: str | None = None,
    period: str | None = None,
    extra_warnings: Iterable[Diagnostic] = (),
) -> Workbook:
    """Raise collected errors, infer categories, fill unit/period, and attach warnings."""
    if reader.errors:
        raise reader.errors[0] if len(reader.errors) == 1 else WenmiErrors(reader.errors)
    warnings = list(extra_warnings) + reader.warnings
    from assistant.ledger.categorize import infer_category

    for a in achievements:
        if a.category is None:
            guess = infer_category(a)
            if guess:
                a.category, a.category_inferred = guess, True
            else:
                warnings.append(
                    Diagnostic.at(
                        f"事项“{a.title}”没有类别，也无法从内容推断，请补写",
                        rule="category-unknown",
                        file=source,
                    )
                )
    final_unit = unit or reader.unit
    if not final_unit:
        final_unit = UNIT_PLACEHOLDER
        warnings.append(
            Diagnostic.at(
                "文件里没有找到单位名称，已写作“（请填写单位）”，请修改 unit",
                rule="unit-missing",
                file=source,
            )
        )
    return Workbook(
        unit=final_unit, period=period or reader.period, achievements=achievements, warnings=warnings
    )


# --------------------------------------------------------------------------- CSV


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Text and encoding name: UTF-8 (with or without BOM) or GBK (read as GB18030)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8"), "UTF-8（带 BOM）"
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    return data.decode("gb18030"), "GBK"


#: Longest CSV cell, in characters (Python's csv default); more is a damaged file.
MAX_CSV_FIELD = 131_072
#: Most lines one CSV cell may span (a note with line breaks); more means a stray quote.
MAX_CSV_CELL_LINES = 50
#: Most rows and columns read from a CSV file or a worksheet, and cells in all.
MAX_ROWS = 100_000
MAX_COLUMNS = 500
MAX_CELLS = 2_000_000

_STRAY_QUOTE_HINT = "请删掉多余的英文双引号，或在 Excel/WPS 中打开后另存为 CSV"


def _csv_rows(text: str, source: str | Path) -> list[tuple[int, list[Any]]]:
    """The rows of a CSV text; a cell that runs away (a stray quote) is a located error."""
    sample = text[:4096]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",\t;")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    rows: list[tuple[int, list[Any]]] = []
    cells = 0
    start = 1
    while True:
        previous, start = start, reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            if reader.line_num > previous:  # the last row spans lines: is its quote closed?
                _check_closed_quotes(text, previous, dialect, source)
            return rows
        except csv.Error as exc:
            too_long = "field larger than field limit" in str(exc)
            what = (
                f"从这一行起的一个格子超过 {MAX_CSV_FIELD} 个字符，多半是格子里的英文双引号没有配对"
                if too_long
                else f"CSV 格式错误（{exc}）"
            )
            raise WenmiError(what, file=source, line=start, hint=_STRAY_QUOTE_HINT) from None
        if reader.line_num - start + 1 > MAX_CSV_CELL_LINES:
            raise WenmiError(
                f"从这一行起的一个格子跨了 {reader.line_num - start + 1} 行（上限 {MAX_CSV_CELL_LINES} 行），"
                "多半是格子里的英文双引号没有配对",
                file=source,
                line=start,
                hint=_STRAY_QUOTE_HINT,
            )
        width = len(row)
        while width and not row[width - 1]:
            width -= 1  # trailing empty cells (a range Excel once touched) cost nothing
        cells += width
        _check_table_size(len(rows) + 1, width, cells, source)
        rows.append((len(rows) + 1, [c[1:] if c[:1] == "'" and c[1:2] in _FORMULA_STARTS else c for c in row]))


def _check_closed_quotes(text: str, start: int, dialect: Any, source: str | Path) -> None:
    """The lenient reader ends a quote left open at the end of the file silently, taking the
    rows after it into one cell; read the last row again strictly to tell."""
    tail = "".join(text.splitlines(keepends=True)[start - 1 :])
    try:
        for _ in csv.reader(io.StringIO(tail), dialect, strict=True):
            pass
    except csv.Error as exc:
        if "unexpected end of data" in str(exc):
            raise WenmiError("这一行有一个英文双引号没有配对，其后的行都被并进了一个格子",
                             file=source, line=start, hint=_STRAY_QUOTE_HINT) from None  # fmt: skip


def _check_table_size(rows: int, columns: int, cells: int, source: str | Path) -> None:
    if rows > MAX_ROWS:
        raise WenmiError(f"表格超过 {MAX_ROWS} 行，已停止读取", file=source, line=rows,
                         hint="一份台账不需要这么多行；请按类别或责任单位拆分后分别导入")  # fmt: skip
    if columns > MAX_COLUMNS:
        raise WenmiError(f"这一行有 {columns} 列，超过上限 {MAX_COLUMNS} 列", file=source, line=rows,
                         hint="删除表格右侧多余的列后再导入")  # fmt: skip
    if cells > MAX_CELLS:
        raise WenmiError(f"表格的格子超过 {MAX_CELLS} 个，已停止读取", file=source, line=rows,
                         hint="请拆分台账后分别导入")  # fmt: skip


def import_csv(path: Path, *, unit: str | None = None, period: str | None = None) -> Workbook:
    """Read a CSV 台账 (UTF-8, UTF-8 with BOM or GBK)."""
    source = str(path)
    data = _read_bytes(path)
    try:
        text, encoding = decode_bytes(data)
    except UnicodeDecodeError:
        raise WenmiError("CSV 文件编码无法识别", file=path, hint="请另存为“CSV UTF-8”") from None
    notes = []
    if encoding == "GBK":
        notes.append(Diagnostic.at("CSV 按 GBK 编码读取", rule="encoding", file=path, severity="info"))
    reader = _TableReader(source)
    achievements = reader.read(_csv_rows(text, path))
    return _finish(achievements, source, reader, unit=unit, period=period, extra_warnings=notes)


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise WenmiError("找不到文件", file=path, hint="请检查文件名和路径") from None
    except IsADirectoryError:
        raise WenmiError("这是一个文件夹，不是文件", file=path) from None
    except OSError as exc:
        raise WenmiError(f"无法读取文件：{exc.strerror or exc}", file=path) from None


# --------------------------------------------------------------------------- Excel


def _merged_ranges(ws: Any) -> list[tuple[int, int, int, int]]:
    """(min_row, min_col, max_row, max_col) of merged cells; read-only sheets need the raw XML."""
    ranges = getattr(ws, "merged_cells", None)
    refs: list[str] = []
    if ranges is not None:
        refs = [str(r) for r in ranges.ranges]
    else:
        import xml.etree.ElementTree as ET

        try:
            with ws._get_source() as src:
                for _, elem in ET.iterparse(src):
                    if elem.tag.endswith("}mergeCell"):
                        refs.append(elem.get("ref", ""))
                    elif elem.tag.endswith("}row"):
                        elem.clear()
        except Exception:  # noqa: BLE001 - merged cells are a nicety; never fail the import on them
            return []
    from openpyxl.utils.cell import range_boundaries

    out = []
    for ref in refs:
        if ":" in ref:
            min_col, min_row, max_col, max_row = range_boundaries(ref)
            out.append((min_row, min_col, max_row, max_col))
    return out


def _unescape_cell(value: Any) -> Any:
    """Excel stores characters XML cannot hold as _x000B_; openpyxl hands them over escaped."""
    if isinstance(value, str) and "_x" in value:
        from openpyxl.utils.escape import unescape

        return unescape(value)
    return value


def _sheet_rows(ws: Any, source: str | Path) -> list[tuple[int, list[Any]]]:
    """The sheet's rows (trailing empty cells dropped), merged cells filled in; within the
    row, column and cell limits, so a crafted sheet cannot make them take gigabytes."""
    rows: list[list[Any]] = []
    cells = 0
    for raw in ws.iter_rows(values_only=True):
        end = len(raw)
        while end and raw[end - 1] is None:
            end -= 1
        cells += end
        _check_table_size(len(rows) + 1, end, cells, source)
        rows.append([_unescape_cell(v) for v in raw[:end]])
    width = max((len(r) for r in rows), default=0)
    for min_row, min_col, max_row, max_col in _merged_ranges(ws):
        max_row, max_col = min(max_row, len(rows)), min(max_col, width)
        if min_row > max_row or min_col > max_col:
            continue
        cells += (max_row - min_row + 1) * (max_col - min_col + 1)
        _check_table_size(max_row, max_col, cells, source)
        top = rows[min_row - 1]
        value = top[min_col - 1] if min_col - 1 < len(top) else None
        for r in range(min_row, max_row + 1):
            row = rows[r - 1]
            if len(row) < max_col:
                row.extend([None] * (max_col - len(row)))
            for c in range(min_col, max_col + 1):
                if (r, c) != (min_row, min_col):
                    row[c - 1] = value
    return list(enumerate(rows, start=1))


#: Largest XML part of an .xlsx: worksheets are streamed, so they may be big (a 10,000-row
#: 台账 is about 16 MB); the zip check of `assistant.safezip` bounds the rest.
XLSX_MAX_XML_BYTES = 128 * 1024 * 1024


def _parse_errors() -> tuple[type[BaseException], ...]:
    """What the XML parsers and zlib raise on damaged or hostile content."""
    import xml.etree.ElementTree as ET
    import zlib

    errors: list[type[BaseException]] = [ET.ParseError, zlib.error, EOFError]
    try:
        from lxml.etree import LxmlError  # type: ignore[import-untyped,unused-ignore]

        errors.append(LxmlError)
    except ImportError:  # pragma: no cover - python-docx needs lxml; openpyxl does not
        pass
    return tuple(errors)


def _uncached_formulas(path: Path, part: str) -> list[tuple[int, int]]:
    """(row, column) of the formula cells in worksheet `part` that have no saved result (files
    written by a program other than Excel, or saved with calculation off): read as values they
    are empty, and an empty 事项 would make the row part of the achievement above."""
    import xml.etree.ElementTree as ET
    import zipfile

    from openpyxl.utils.cell import column_index_from_string, coordinate_from_string

    found: list[tuple[int, int]] = []
    with zipfile.ZipFile(path) as archive:
        data = archive.read(part.lstrip("/"))  # checked by assistant.safezip: bounded, no DTD
    if b"<f" not in data and b":f" not in data:
        return found
    for _, elem in ET.iterparse(io.BytesIO(data)):
        if elem.tag.endswith("}c"):
            formula = value = None
            for child in elem:
                if child.tag.endswith("}f"):
                    formula = child
                elif child.tag.endswith("}v"):
                    value = child
            if formula is not None and (value is None or not (value.text or "").strip()) and elem.get("r"):
                letters, row = coordinate_from_string(elem.get("r", ""))
                found.append((row, column_index_from_string(letters)))
            elem.clear()
        elif elem.tag.endswith("}row"):
            elem.clear()
    return found


def _refuse_uncached_formulas(path: Path, ws: Any, rows: list[tuple[int, list[Any]]], where: str) -> None:
    """A located error for every formula cell without a saved result in the table's columns."""
    part = getattr(ws, "_worksheet_path", None)
    if not part:
        return
    found = [(r, c) for r, c in _uncached_formulas(path, part) if r <= len(rows)]
    if not found:
        return
    errors: list[WenmiError] = [
        CellError("这个格子是公式，但文件里没有保存计算结果，无法读出它的值", file=where, line=r, column=c,
                  hint="请用 Excel/WPS 打开后保存一次（或把公式复制为数值）再导入")  # fmt: skip
        for r, c in found[:20]
    ]
    raise errors[0] if len(errors) == 1 else WenmiErrors(errors)


def import_xlsx(
    path: Path, *, sheet: str | None = None, unit: str | None = None, period: str | None = None
) -> Workbook:
    """Read an Excel 台账: the named sheet, or the first sheet that has a header row."""
    import zipfile

    from openpyxl import load_workbook as open_xlsx
    from openpyxl.utils.exceptions import InvalidFileException

    from assistant.safezip import check_office_zip

    source = str(path)
    if not path.exists():
        raise WenmiError("找不到文件", file=path, hint="请检查文件名和路径")
    check_office_zip(path, ".xlsx", max_xml_bytes=XLSX_MAX_XML_BYTES)
    unreadable = (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, *_parse_errors())
    try:
        book = open_xlsx(path, read_only=True, data_only=True)
    except unreadable:
        raise WenmiError(
            "不是有效的 .xlsx 文件", file=path, hint="请用 Excel/WPS 打开后另存为 .xlsx"
        ) from None
    try:
        names = list(book.sheetnames)
        if sheet is not None and sheet not in names:
            raise WenmiError(f"没有名为“{sheet}”的工作表", file=path, hint="现有工作表：" + "、".join(names))
        for name in [sheet] if sheet else names:
            ws = book[name]
            ws.reset_dimensions()
            where = f"{source}（工作表“{name}”）" if len(names) > 1 else source
            try:
                rows = _sheet_rows(ws, where)
            except (zipfile.BadZipFile, KeyError, ValueError, TypeError, *unreadable):
                raise WenmiError(
                    f"工作表“{name}”已损坏，无法读取", file=path, hint="请用 Excel/WPS 打开后另存为 .xlsx"
                ) from None
            if _find_header(rows) is None and sheet is None:
                continue
            _refuse_uncached_formulas(path, ws, rows, where)
            reader = _TableReader(where)
            achievements = reader.read(rows)
            return _finish(achievements, reader.source, reader, unit=unit, period=period)
    finally:
        book.close()
    names_hint = "、".join(names[0] for names in HEADERS.values())
    raise WenmiError("所有工作表里都找不到表头行", file=path, hint=f"表格要有一行列名，如：{names_hint}")


# --------------------------------------------------------------------------- Word (.docx) draft

_UNITS = sorted(
    [
        "个百分点",
        "人次",
        "万元",
        "亿元",
        "万人",
        "课时",
        "学时",
        "小时",
        "个月",
        "场次",
        "批次",
        "户次",
        "余人",
        "平方米",
        "公里",
        "千米",
        "方面",
        "人",
        "次",
        "条",
        "项",
        "个",
        "份",
        "期",
        "场",
        "篇",
        "家",
        "名",
        "户",
        "元",
        "斤",
        "吨",
        "件",
        "本",
        "册",
        "张",
        "支",
        "批",
        "轮",
        "天",
        "节",
        "处",
        "所",
        "座",
        "台",
        "套",
        "首",
        "部",
        "门",
        "类",
        "届",
        "位",
        "组",
        "队",
        "间",
        "米",
        "周",
        "%",
        "％",
    ],
    key=len,
    reverse=True,
)
FIGURE_RE = re.compile(
    r"(?P<before>近|约|超过|超|逾|至少|不少于|将近)?(?<![\d.第])(?P<num>\d+(?:\.\d+)?)(?P<scale>万|亿)?"
    r"(?P<after>余|多)?(?P<unit>" + "|".join(re.escape(u) for u in _UNITS) + r")(?P<tail>左右|以上)?"
)
_LEAD_TIME = re.compile(
    r"^(?:\d{4}年(?:度|以来|上半年|下半年)?|今年以来|年内|近年来|目前|截至目前|同时|此外|另一方面|一方面)[，,]?"
)
_HEADING_NUM = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\([一二三四五六七八九十]+\))\s*"
)
_UNIT_END = re.compile(
    r"(?:部|委|局|处|室|中心|公司|支部|总支|委员会|集团|院|所|厅|办|队|站|会|团)(?:[(（][^()（）]{1,20}[)）])?$"
)


@dataclass
class FoundFigure:
    """A figure found in a sentence."""

    start: int
    end: int
    value: Number
    unit: str
    qualifier: str


def find_figures(text: str) -> list[FoundFigure]:
    """Figures with units in running text: "累计参与1131人次" -> [1131 人次]; dates are skipped."""
    out = []
    for m in FIGURE_RE.finditer(text):
        number = m.group("num") + (m.group("scale") or "")
        try:
            q = parse_quantity(number)
        except ValueError:
            continue
        qualifier = m.group("before") or m.group("after") or m.group("tail") or ""
        unit = normalize_unit(m.group("unit"))
        if unit == "余人":
            unit, qualifier = "人", qualifier or "余"
        out.append(FoundFigure(m.start(), m.end(), q.value, unit, qualifier))
    return out


def _last_word(text: str) -> str:
    from assistant.segment import full_jieba as _jieba

    tokens: list[str] = [str(t) for t in _jieba().lcut(text) if t.strip()]
    if tokens and len(tokens[-1]) >= 2:
        return tokens[-1]
    return text[-2:] if len(text) >= 2 else text


def _split_adverb(prefix: str) -> tuple[str, str]:
    for adverb in sorted(ADVERBS, key=len, reverse=True):
        if prefix.startswith(adverb):
            return adverb, prefix[len(adverb) :]
    return "", prefix


_OPEN = "“‘《（([【「"
_CLOSE = "”’》）)]】」"


def split_outside_quotes(text: str, seps: str) -> list[tuple[str, str]]:
    """Split at any of `seps` that is not inside “”《》（）…; each piece keeps the separator after it."""
    out: list[tuple[str, str]] = []
    depth, start = 0, 0
    for i, ch in enumerate(text):
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        elif ch in seps and depth == 0:
            out.append((text[start:i], ch))
            start = i + 1
    out.append((text[start:], ""))
    return [(piece, sep) for piece, sep in out if piece.strip()]


def _joined(parts: Sequence[tuple[str, str]]) -> str:
    return "".join(p + sep for p, sep in parts).rstrip("，,；;、 ")


def sentence_achievement(sentence: str) -> Achievement | None:
    """An achievement drafted from one sentence with figures, or None if it has none.

    "开展员工思想状况调查2次，累计参与1131人次，凝聚共识" -> title 开展员工思想状况调查,
    metrics [调查 2 次, 参与 1131 人次 (累计)], detail 凝聚共识. Punctuation is kept as written.
    """
    sentence = sentence.strip().rstrip("。；;！!")
    if not find_figures(sentence):
        return None
    lead: list[tuple[str, str]] = []
    title: str | None = None
    metrics: list[Metric] = []
    detail: list[tuple[str, str]] = []
    for clause, sep in split_outside_quotes(sentence, "，,；;"):
        pieces = split_outside_quotes(clause, "、")
        if len(pieces) < 2 or not all(_ends_with_figure(p) for p, _ in pieces):
            pieces = [(clause, "")]
        pieces[-1] = (pieces[-1][0], sep)
        for part, part_sep in pieces:
            figs = find_figures(part)
            if not figs:
                (detail if title is not None else lead).append((part, part_sep))
                continue
            if len(figs) == 1 and figs[0].end == len(part.rstrip()):
                f = figs[0]
                prefix = part[: f.start]
                adverb, rest = _split_adverb(prefix)
                # 累计600余条: the figure keeps 余, so the adverb stays in the label
                label, qualifier = (
                    (prefix, f.qualifier) if f.qualifier and adverb else (rest, f.qualifier or adverb)
                )
                if title is None:
                    title = _joined([*lead, (prefix, "")])
                    label = _last_word(label) if label else ""
                metrics.append(Metric(label.strip(), f.value, f.unit, qualifier))
            else:
                if title is None:
                    title = _joined([*lead, (part, "")])
                else:
                    detail.append((part, part_sep))
                for f in figs:
                    following = re.match(r"[\u4e00-\u9fff“”\"]{1,8}", part[f.end :])
                    label = following.group(0).strip('“”"') if following else ""
                    metrics.append(
                        Metric(label or _last_word(part[: f.start]) or "", f.value, f.unit, f.qualifier)
                    )
    title = _LEAD_TIME.sub("", title or "").strip("，, ") or (metrics[0].label if metrics else "")
    if not title:
        return None
    return Achievement(title=title, metrics=metrics, detail=_joined(detail) or None)


def _ends_with_figure(text: str) -> bool:
    figs = find_figures(text)
    return bool(figs) and figs[-1].end == len(text.strip())


def _is_heading(paragraph: Any, text: str) -> bool:
    style = (getattr(paragraph.style, "name", "") or "").lower()
    if style.startswith(("heading 1", "标题 1", "heading1")):
        return True
    if re.match(r"^[一二三四五六七八九十]+、", text):
        return True
    return len(text) <= 25 and not re.search(r"[。；;！？!?]$", text) and not find_figures(text)


def _body_items(doc: Any) -> Iterator[tuple[str, Any]]:
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for child in doc.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            yield "p", Paragraph(child, doc)
        elif tag == "tbl":
            yield "t", Table(child, doc)


_CJK = r"[\u4e00-\u9fff“”‘’《》（）]"


def fullwidth_punctuation(text: str) -> str:
    """ASCII , ; : ( ) between Chinese text as the full-width marks 公文 use (web copies lose them)."""
    text = re.sub(rf"(?<={_CJK}),\s*|,\s*(?={_CJK})", "，", text)
    text = re.sub(rf"(?<={_CJK});\s*|;\s*(?={_CJK})", "；", text)
    text = re.sub(rf"(?<={_CJK}):\s*(?={_CJK})", "：", text)
    return re.sub(rf"\(([^()]*{_CJK}[^()]*)\)", r"（\1）", text)


def _unit_from_title(title: str) -> str:
    s = re.sub(r"^【[^】]*】", "", title).strip()
    for sep in ("：", ":"):
        if sep in s:
            head = s.split(sep, 1)[0].strip()
            if _UNIT_END.search(head) and len(head) <= 30:
                return head
    return ""


def _unit_from_opening(text: str) -> str:
    m = re.search(r"(?:以来|期间|年度|年)[，,]\s*([\u4e00-\u9fff]{2,20}(?:[(（][^()（）]{1,20}[)）])?)", text)
    if m:
        cand = m.group(1)
        for cut in range(len(cand), 1, -1):
            if _UNIT_END.search(cand[:cut]):
                return cand[:cut]
    return ""


def import_docx(path: Path, *, unit: str | None = None, period: str | None = None) -> Workbook:
    """A draft workbook from last year's document: one achievement per sentence with figures."""
    import zipfile

    from docx import Document
    from docx.opc.exceptions import PackageNotFoundError

    from assistant.safezip import check_office_zip

    source = str(path)
    if not path.exists():
        raise WenmiError("找不到文件", file=path, hint="请检查文件名和路径")
    check_office_zip(path, ".docx")
    unreadable: tuple[type[BaseException], ...] = (
        PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, *_parse_errors()
    )
    try:
        doc = Document(str(path))
    except unreadable:
        raise WenmiError(
            "不是有效的 .docx 文件", file=path, hint="请用 Word/WPS 打开后另存为 .docx"
        ) from None
    reader = _TableReader(source)
    achievements: list[Achievement] = []
    warnings: list[Diagnostic] = []
    section: str | None = None
    doc_title = ""
    years: Counter[str] = Counter()
    found_unit = ""
    for n, (kind, item) in enumerate(_body_items(doc), start=1):
        if kind == "t":
            rows = [(r, [c.text for c in row.cells]) for r, row in enumerate(item.rows, start=1)]
            achievements.extend(reader.read(rows, required=False))
            continue
        raw = item.text
        text, removed = strip_xml_invalid(raw)
        text = fullwidth_punctuation(text.strip())
        if removed:
            warnings.append(
                Diagnostic.at(f"第{n}段删除了{removed}个控制字符", rule="control-character", file=source)
            )
        if not text:
            continue
        years.update(re.findall(r"(\d{4})年", text))
        if not doc_title:
            doc_title = text
            found_unit = _unit_from_title(text)
            continue
        if _is_heading(item, text):
            section = _HEADING_NUM.sub("", text).strip() or None
            continue
        found_unit = found_unit or _unit_from_opening(text)
        for sentence in re.findall(r"[^。！？!?]+[。！？!?]?", text):
            a = sentence_achievement(sentence)
            if a is not None:
                a.section = section
                achievements.append(a)
    if not achievements:
        raise WenmiError(
            "文档里没有找到带数字的段落，无法生成台账草稿",
            file=path,
            hint="导入适用于去年的总结、报道等写有“开展…2次，参训318人次”这类数据的文档",
        )
    reader.unit = reader.unit or found_unit
    reader.period = reader.period or (f"{years.most_common(1)[0][0]}年" if years else "")
    warnings.append(
        Diagnostic.at(
            f"从文档生成了{len(achievements)}项成效的草稿，请逐项核对事项、类别和数据",
            rule="docx-draft",
            file=source,
            severity="info",
        )
    )
    return _finish(achievements, source, reader, unit=unit, period=period, extra_warnings=warnings)


# --------------------------------------------------------------------------- dispatch and export


EXPORT_COLUMNS: tuple[str, ...] = (
    "title", "category", "label", "value", "unit", "qualifier", "date", "owner", "detail", "tags", "section",
)  # fmt: skip


def table_rows(wb: Workbook) -> list[list[Any]]:
    """Title row, header row and one row per metric (an achievement without metrics: one row)."""
    rows: list[list[Any]] = [[f"{wb.unit}{wb.period}成效台账"], [HEADERS[k][0] for k in EXPORT_COLUMNS]]
    for a in wb.achievements:
        common: dict[str, Any] = {
            "title": a.title,
            "category": "" if a.category_inferred else (a.category or ""),
            "date": a.date or "",
            "owner": a.owner or "",
            "detail": a.detail or "",
            "tags": "、".join(a.tags),
            "section": a.section or "",
        }
        metrics: list[Metric | None] = list(a.metrics) or [None]
        for m in metrics:
            row = dict(common)
            if m is not None:
                row.update(label=m.label, value=m.value, unit=m.unit, qualifier=m.qualifier)
            rows.append([row.get(k, "") for k in EXPORT_COLUMNS])
    return rows


#: What makes Excel read a cell as a formula; exported text that starts so stays text.
_FORMULA_STARTS = ("=", "+", "-", "@")


def _csv_safe(value: Any) -> Any:
    """Text Excel would run as a formula, with the apostrophe that marks it as text (the
    CSV reader takes it off again)."""
    return f"'{value}" if isinstance(value, str) and value.startswith(_FORMULA_STARTS) else value


def export_table(wb: Workbook, path: Path) -> None:
    """Write the workbook as .csv (UTF-8 with BOM, opens in Excel) or .xlsx, atomically.

    Slot values (fields) and the template id are not part of a table and are not written.
    """
    from assistant.atomic import atomic_open

    rows = table_rows(wb)
    if path.suffix.lower() == ".csv":
        buf = io.StringIO()
        csv.writer(buf, lineterminator="\r\n").writerows(
            [[_csv_safe(v) for v in row] for row in rows]
        )
        with atomic_open(path, "wb") as fh:
            fh.write(b"\xef\xbb\xbf" + buf.getvalue().encode("utf-8"))
        return
    from openpyxl import Workbook as XlsxBook
    from openpyxl.cell import WriteOnlyCell

    book = XlsxBook(write_only=True)
    ws = book.create_sheet("成效台账")
    for row in rows:
        cells: list[Any] = []
        for value in row:
            cell = WriteOnlyCell(ws, value=value)
            if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
                cell.data_type = "s"  # text, not a live formula (openpyxl makes "=…" one)
            cells.append(cell)
        ws.append(cells)
    with atomic_open(path, "wb") as fh:
        book.save(fh)
