"""The achievements workbook (成效台账): model, validation, YAML reading and writing.

A workbook is what a unit did in a period: achievements with their figures (metrics), plus the
unit's name and the values a template's slots need. It is read from YAML (this module), Excel,
CSV or last year's .docx (`assistant.importers`), validated in one pass so the user sees every
problem at once, each located by file, line and field, in Chinese.

YAML is read with the YAML 1.2 core rules for plain scalars, and text fields keep exactly what
the user typed, so the YAML 1.1 traps do not bite: `no` stays "no", `08` stays "08" (or the
number 8 where a number is expected), `12:30` stays "12:30", `2023-01-11` stays a string.
Duplicate keys are an error naming both lines.

Saving writes the same schema back with key order and comments kept: comments are attached to
the key or list item that follows them (or that shares their line) and travel with it.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from assistant.categories import CATEGORIES, nearest_category
from assistant.errors import Diagnostic, WenmiError, WenmiErrors
from assistant.numfmt import (
    ADVERBS,
    QUALIFIERS,
    Number,
    format_number,
    format_value,
    is_period_text,
    normalize_unit,
    parse_date,
    parse_quantity,
)
from assistant.textclean import strip_xml_invalid

PathKey = tuple[str | int, ...]

# --------------------------------------------------------------------------- model


@dataclass
class Layout:
    """How an object looked in its YAML file, so a save can keep it.

    Keys are tuples: `()` is the object itself (the line of its `- ` item), `("title",)` one of
    its keys, `("fields", "主题")` a slot value of the workbook. `before` holds the full-line
    comments (and blank lines, as "") that preceded it, `trailing` the comment at the end of
    its line, `order` the keys in file order, `flow` which collections were written `{...}`/`[...]`.
    """

    before: dict[tuple[str, ...], list[str]] = field(default_factory=dict)
    trailing: dict[tuple[str, ...], str] = field(default_factory=dict)
    order: list[str] = field(default_factory=list)
    flow: dict[tuple[str, ...], bool] = field(default_factory=dict)
    #: Quote style (\' or ") of values the user wrote quoted; kept on save.
    quotes: dict[tuple[str, ...], str] = field(default_factory=dict)


@dataclass
class Metric:
    """One figure of an achievement: 参训 318 人次, 践行举措 600 条 (余)."""

    label: str
    value: Number
    unit: str = ""
    #: 余/多 (after the number), 近/约/超/逾/至少… (before), 左右/以上 (after the unit),
    #: or an adverb for the label (累计/共…) that is not part of the figure.
    qualifier: str = ""
    layout: Layout | None = field(default=None, repr=False, compare=False)

    def text(self) -> str:
        """The figure in GB/T 15835 form: "600余条", "2万余斤", "318人次", "100%"."""
        return format_number(self.value, self.unit, self.qualifier)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"label": self.label, "value": self.value}
        if self.unit:
            out["unit"] = self.unit
        if self.qualifier:
            out["qualifier"] = self.qualifier
        return out


@dataclass
class Achievement:
    """One line of the 台账: what was done, in which category, with which figures."""

    title: str
    #: One of the seven categories; None when not given and not inferable.
    category: str | None = None
    metrics: list[Metric] = field(default_factory=list)
    #: As the user wrote it (2022-03, 2023-01-11, 2022年上半年); format with numfmt.cn_date.
    date: str | None = None
    owner: str | None = None
    detail: str | None = None
    tags: list[str] = field(default_factory=list)
    #: User override of the section it goes to: "2" (section index, 1-based) or heading text.
    section: str | None = None
    #: True when `category` was inferred from the text rather than written by the user.
    category_inferred: bool = field(default=False, compare=False)
    layout: Layout | None = field(default=None, repr=False, compare=False)

    def to_dict(self, *, inferred: bool = False) -> dict[str, Any]:
        """Workbook-format mapping; an inferred category is left out unless `inferred`."""
        out: dict[str, Any] = {"title": self.title}
        if self.category and (inferred or not self.category_inferred):
            out["category"] = self.category
        if self.metrics:
            out["metrics"] = [m.to_dict() for m in self.metrics]
        for key in ("date", "owner", "detail"):
            value = getattr(self, key)
            if value:
                out[key] = value
        if self.tags:
            out["tags"] = list(self.tags)
        if self.section:
            out["section"] = self.section
        return out


@dataclass
class Workbook:
    """A unit's 成效台账: facts, slot values and achievements."""

    unit: str
    period: str = ""
    template: str | None = None
    fields: dict[str, Any] = field(default_factory=dict)
    achievements: list[Achievement] = field(default_factory=list)
    #: Headings the user chose, by section number (1-based); they replace the composed ones.
    headings: dict[int, str] = field(default_factory=dict)
    #: Which set of composed headings the user chose (0 = the phrase bank's first set).
    seed: int = 0
    #: The file it was read from (None when built in memory).
    path: Path | None = None
    #: Problems that did not stop loading (removed control characters, guessed encodings…).
    warnings: list[Diagnostic] = field(default_factory=list, repr=False, compare=False)
    layout: Layout | None = field(default=None, repr=False, compare=False)

    def to_dict(self, *, inferred: bool = False) -> dict[str, Any]:
        """Workbook-format mapping (key order as in SPEC.md); empty optional parts left out."""
        out: dict[str, Any] = {"unit": self.unit}
        if self.period:
            out["period"] = self.period
        if self.template:
            out["template"] = self.template
        if self.seed:
            out["seed"] = self.seed
        if self.headings:
            out["headings"] = dict(sorted(self.headings.items()))
        if self.fields:
            out["fields"] = dict(self.fields)
        out["achievements"] = [a.to_dict(inferred=inferred) for a in self.achievements]
        return out

    def metric_count(self) -> int:
        return sum(len(a.metrics) for a in self.achievements)


# --------------------------------------------------------------------------- schema

TOP_KEYS: tuple[str, ...] = ("unit", "period", "template", "seed", "headings", "fields", "achievements")
ACHIEVEMENT_KEYS: tuple[str, ...] = (
    "title",
    "category",
    "metrics",
    "date",
    "owner",
    "detail",
    "tags",
    "section",
)
METRIC_KEYS: tuple[str, ...] = ("label", "value", "unit", "qualifier")

#: Chinese name of each key, used in messages.
KEY_NAMES: dict[str, str] = {
    "unit": "单位",
    "period": "时期",
    "template": "模板",
    "seed": "标题组序号",
    "headings": "分节标题",
    "fields": "填写项",
    "achievements": "成效事项",
    "title": "事项",
    "category": "类别",
    "metrics": "指标",
    "date": "日期",
    "owner": "责任单位",
    "detail": "说明",
    "tags": "标签",
    "section": "章节",
    "label": "指标名称",
    "value": "数量",
    "qualifier": "修饰",
}

_TOP_ALIASES = {
    "单位": "unit", "单位名称": "unit", "时期": "period", "期间": "period", "年度": "period",
    "模板": "template", "填写项": "fields", "字段": "fields", "参数": "fields", "slots": "fields",
    "成效": "achievements", "成效事项": "achievements", "事项": "achievements", "台账": "achievements",
    "items": "achievements", "achievement": "achievements",
    "标题": "headings", "分节标题": "headings", "小标题": "headings", "标题文字": "headings",
    "heading": "headings", "titles": "headings",
    "标题组": "seed", "标题序号": "seed", "标题组序号": "seed", "换标题": "seed", "cycle": "seed",
}  # fmt: skip
_ACH_ALIASES = {
    "事项": "title", "标题": "title", "名称": "title", "工作事项": "title", "工作内容": "title", "name": "title",
    "类别": "category", "分类": "category", "类型": "category", "type": "category",
    "指标": "metrics", "数据": "metrics", "metric": "metrics", "figures": "metrics",
    "日期": "date", "时间": "date", "time": "date",
    "责任单位": "owner", "责任部门": "owner", "部门": "owner", "单位": "owner",
    "说明": "detail", "备注": "detail", "具体内容": "detail", "details": "detail", "description": "detail",
    "note": "detail", "标签": "tags", "关键词": "tags", "tag": "tags", "keywords": "tags",
    "章节": "section", "部分": "section",
}  # fmt: skip
_METRIC_ALIASES = {
    "指标": "label", "名称": "label", "指标名称": "label", "name": "label",
    "数量": "value", "数值": "value", "数目": "value", "数据": "value", "number": "value", "count": "value",
    "amount": "value", "单位": "unit", "计量单位": "unit", "修饰": "qualifier", "修饰词": "qualifier",
    "约数": "qualifier",
}  # fmt: skip

_PLAIN_TAG = "tag:wenmi:plain"
_TAG_SPLIT = re.compile(r"[、,，;；/\s]+")


# --------------------------------------------------------------------------- YAML reading


class _Loader(yaml.SafeLoader):
    """SafeLoader that leaves plain scalars untyped; _Reader resolves them (YAML 1.2 core)."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        if kind is yaml.ScalarNode and implicit[0]:
            return _PLAIN_TAG
        return super().resolve(kind, value, implicit)  # type: ignore[no-untyped-call]


_FastLoader: type | None = None
if hasattr(yaml, "CSafeLoader"):  # libyaml: ~40x faster composing; same nodes and marks

    class _CLoader(yaml.CSafeLoader):
        def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
            if kind is yaml.ScalarNode and implicit[0]:
                return _PLAIN_TAG
            return super().resolve(kind, value, implicit)  # type: ignore[no-untyped-call]

    _FastLoader = _CLoader


def _compose(text: str, source: str) -> yaml.Node | None:
    """The document's node tree. libyaml when present; the pure-Python parser words errors."""
    if _FastLoader is not None:
        fast = _FastLoader(text)
        try:
            node: yaml.Node | None = fast.get_single_node()
            return node
        except yaml.YAMLError:
            pass  # re-parse below for PyYAML's messages, which _YAML_PROBLEMS translates
        finally:
            fast.dispose()
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        return node
    except yaml.YAMLError as exc:
        raise _yaml_error(exc, source) from None
    finally:
        loader.dispose()


_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
_FLOAT = re.compile(
    r"[-+]?(?:(?:0|[1-9][0-9]*)\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?|[-+]?(?:0|[1-9][0-9]*)[eE][-+]?[0-9]+"
)


def resolve_plain(text: str) -> Any:
    """The value of an unquoted YAML scalar under the YAML 1.2 core rules we use.

    null/~/empty -> None, true/false -> bool, 35 -> int, 3.5 -> float; everything else
    (no, yes, on, 08, 012, 12:30, 2023-01-11, 1_000) stays the text it is.
    """
    if text and text[0] not in "0123456789+-.~nNtTfF":
        return text  # fast path: most values are Chinese text
    if text in ("", "~", "null", "Null", "NULL"):
        return None
    if text in ("true", "True", "TRUE"):
        return True
    if text in ("false", "False", "FALSE"):
        return False
    if _INT.fullmatch(text):
        return int(text)
    if _FLOAT.fullmatch(text):
        return float(text)
    return text


_EXPLICIT = {
    "tag:yaml.org,2002:str": str,
    "tag:yaml.org,2002:int": int,
    "tag:yaml.org,2002:float": float,
}


class _Reader:
    """Turns a composed YAML node tree into plain values, remembering where each came from."""

    def __init__(self, text: str, source: str) -> None:
        self.text = text
        self.source = source
        self.lines = text.splitlines()
        self.errors: list[WenmiError] = []
        self.locs: dict[PathKey, tuple[int, int]] = {}
        self.key_locs: dict[PathKey, tuple[int, int]] = {}
        self.raws: dict[PathKey, str] = {}
        self.order: dict[PathKey, list[str]] = {}
        self.flow: dict[PathKey, bool] = {}
        self.quotes: dict[PathKey, str] = {}
        self.anchors: dict[int, list[PathKey]] = {}
        self.ends: dict[int, int] = {}
        self.inside: set[int] = set()  # lines inside multi-line scalars (never comments)

    def _mark(self, node: yaml.Node) -> tuple[int, int]:
        return node.start_mark.line + 1, node.start_mark.column + 1

    def _end(self, node: yaml.Node) -> None:
        line, col = node.end_mark.line, node.end_mark.column
        if isinstance(node, yaml.ScalarNode) and node.start_mark.line < line:
            stop = line + (1 if col > 0 else 0)
            # a block scalar swallows the blank lines after it; they are layout, not content
            while stop - 1 > node.start_mark.line and not "".join(self.lines[stop - 1 : stop]).strip():
                stop -= 1
            self.inside.update(range(node.start_mark.line + 1, stop))
            if node.style in ("|", ">"):
                return
        self.ends[line] = max(self.ends.get(line, 0), col)

    def _anchor(self, node: yaml.Node, path: PathKey) -> None:
        self.anchors.setdefault(node.start_mark.line, []).append(path)

    def convert(self, node: yaml.Node, path: PathKey) -> Any:
        self.locs[path] = self._mark(node)
        self._end(node)
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node, path)
        if isinstance(node, yaml.SequenceNode):
            self.flow[path] = bool(node.flow_style)
            items = []
            for i, child in enumerate(node.value):
                self._anchor(child, (*path, i))
                items.append(self.convert(child, (*path, i)))
            return items
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        raise AssertionError(node)  # pragma: no cover

    def _scalar(self, node: yaml.ScalarNode, path: PathKey) -> Any:
        if node.tag == _PLAIN_TAG:
            self.raws[path] = node.value
            return resolve_plain(node.value)
        if node.style in ("'", '"'):
            self.quotes[path] = node.style
        if node.tag in _EXPLICIT:
            try:
                return _EXPLICIT[node.tag](node.value)
            except ValueError:
                self._error(node, f"“{node.value}”不能按标签 {node.tag.rsplit(':', 1)[-1]} 读取")
                return node.value
        if node.tag == "tag:yaml.org,2002:bool":
            return node.value.lower() in ("true", "yes", "on")
        if node.tag == "tag:yaml.org,2002:null":
            return None
        self._error(node, f"不支持 YAML 标签“{node.tag}”", hint="去掉以 ! 开头的标签")
        return node.value

    def _mapping(self, node: yaml.MappingNode, path: PathKey) -> dict[str, Any]:
        self.flow[path] = bool(node.flow_style)
        out: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        order: list[str] = []
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self._error(key_node, "键必须是一段文字，不能是列表或映射")
                continue
            key = str(key_node.value)
            self._end(key_node)
            line = key_node.start_mark.line + 1
            if key in first_line:
                self._error(
                    key_node,
                    f"键“{key}”重复出现：第{first_line[key]}行和第{line}行",
                    hint="同一层里每个键只能写一次，请删除或合并其中一处",
                )
                continue
            first_line[key] = line
            order.append(key)
            child = (*path, key)
            self.key_locs[child] = self._mark(key_node)
            if not node.flow_style:
                self._anchor(key_node, child)
            out[key] = self.convert(value_node, child)
        self.order[path] = order
        return out

    def _error(self, node: yaml.Node, message: str, hint: str | None = None) -> None:
        line, col = self._mark(node)
        self.errors.append(WenmiError(message, file=self.source, line=line, column=col, hint=hint))

    # ---------------------------------------------------------------- comments

    def comments(self) -> tuple[dict[PathKey, list[str]], dict[PathKey, str], list[str], list[str]]:
        """(before, trailing, header, footer): comment lines keyed by the path they belong to."""
        before: dict[PathKey, list[str]] = {}
        trailing: dict[PathKey, str] = {}
        header: list[str] = []
        pending: list[str] = []
        seen_anchor = False
        for i, line in enumerate(self.lines):
            stripped = line.strip()
            if i not in self.inside and (not stripped or stripped.startswith("#")):
                pending.append(line.rstrip() if seen_anchor else stripped)
                continue
            paths = self.anchors.get(i)
            if paths:
                if not seen_anchor:
                    header, pending = _split_header(pending)
                    seen_anchor = True
                if pending:
                    before.setdefault(paths[0], []).extend(p.strip() for p in pending)
                    pending = []
            comment = self._trailing(i, line)
            if comment:
                if paths:
                    trailing[paths[-1]] = comment
                else:
                    pending.append(comment.strip())
        if not seen_anchor:
            header, pending = pending, []
        return before, trailing, header, pending

    def _trailing(self, i: int, line: str) -> str | None:
        if i in self.inside:
            return None
        start = self.ends.get(i, 0)
        m = re.match(r"^\s*:?\s+(#.*)$", line[start:])
        if not m:
            return None
        hash_at = start + m.start(1)
        gap_at = hash_at
        while gap_at > 0 and line[gap_at - 1] in " \t":
            gap_at -= 1
        return line[gap_at:hash_at] + m.group(1).rstrip()


def _split_header(lines: list[str]) -> tuple[list[str], list[str]]:
    """Comments before the first key: the file's header, unless they sit right above the key."""
    if "" in lines:
        cut = len(lines) - lines[::-1].index("")
        return lines[:cut], lines[cut:]
    return lines, []


_YAML_PROBLEMS: tuple[tuple[str, str, str | None], ...] = (
    ("found character '\\t'", "不能用制表符（Tab）缩进或对齐", "请全部改用空格"),
    (
        "mapping values are not allowed",
        "这里不能出现“键: 值”",
        "可能是缩进不对，或文字里有“: ”，请给整段文字加引号",
    ),
    (
        "could not find expected ':'",
        "缺少冒号“:”，或上一行的引号没有配对",
        "键和值之间写“: ”（英文冒号加空格）",
    ),
    ("did not find expected key", "缩进没有对齐，或列表项前缺少“- ”", "同一层的键要左对齐"),
    ("did not find expected '-' indicator", "列表项缩进没有对齐", "同一列表的“- ”要左对齐"),
    (
        "expected <block end>",
        "缩进或格式不对，或某段文字以引号开头又在引号后接了别的字",
        "以引号开头的文字请整段用单引号括起来",
    ),
    ("found unexpected end of stream", "文件在引号或括号中途结束了", "检查引号、{ }、[ ] 是否成对"),
    ("found unknown escape character", "双引号里有无法识别的反斜杠转义", "改用单引号，或把 \\ 写成 \\\\"),
    ("expected a single document", "文件里有多个“---”分隔的文档", "一个台账文件只写一份内容"),
    ("found another document", "文件里有多个“---”分隔的文档", "一个台账文件只写一份内容"),
    ("found undefined alias", "引用了未定义的锚点（*名称）", "去掉 * 或改为文字"),
    ("found unacceptable character", "文件里有无法识别的字符", "请删除该字符"),
    ("expected ',' or '}'", "花括号 { } 里的内容格式不对", "逗号分隔各项；文字里有逗号或冒号时请加引号"),
    ("expected ',' or ']'", "方括号 [ ] 里的内容格式不对", "逗号分隔各项；文字里有逗号或冒号时请加引号"),
)


def _yaml_error(exc: yaml.YAMLError, source: str) -> WenmiError:
    problem = str(getattr(exc, "problem", "") or exc)
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line = mark.line + 1 if mark is not None else None
    column = mark.column + 1 if mark is not None else None
    for needle, message, hint in _YAML_PROBLEMS:
        if needle in problem:
            return WenmiError(message, file=source, line=line, column=column, hint=hint)
    return WenmiError(f"YAML 格式错误：{problem}", file=source, line=line, column=column)


def _clean_text(text: str, source: str) -> tuple[str, list[Diagnostic]]:
    """Remove characters YAML/XML cannot hold (Word's \\x0b…), with a warning per line."""
    warnings: list[Diagnostic] = []
    out_lines = []
    for no, line in enumerate(text.split("\n"), start=1):
        cleaned, removed = strip_xml_invalid(line)
        if removed:
            warnings.append(
                Diagnostic.at(
                    f"删除了{removed}个无法保存的控制字符（多为从 Word 粘贴带入）",
                    rule="control-character",
                    file=source,
                    line=no,
                )
            )
        out_lines.append(cleaned)
    return "\n".join(out_lines), warnings


def _read_text(path: Path) -> tuple[str, list[Diagnostic]]:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise WenmiError("找不到台账文件", file=path, hint="请检查文件名和路径") from None
    except IsADirectoryError:
        raise WenmiError("这是一个文件夹，不是台账文件", file=path) from None
    except OSError as exc:
        raise WenmiError(f"无法读取台账文件：{exc.strerror or exc}", file=path) from None
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        raise WenmiError("文件编码无法识别", file=path, hint="请用 UTF-8 编码保存") from None
    note = Diagnostic.at("文件不是 UTF-8 编码，已按 GBK 读取；保存时会改为 UTF-8", rule="encoding", file=path)
    return text, [note]


def loads_workbook(text: str, source: str = "<文本>") -> Workbook:
    """Read a workbook from YAML text; raises WenmiError (or WenmiErrors) naming every problem."""
    text, warnings = _clean_text(text, source)
    node = _compose(text, source)
    if node is None:
        raise WenmiError("台账文件是空的", file=source, hint="可参照示例台账填写：unit、period、achievements")
    reader = _Reader(text, source)
    data = reader.convert(node, ())
    if reader.errors:
        raise _combine(reader.errors)
    wb = _Validator(source, reader).workbook(data)
    wb.warnings[:0] = warnings
    _attach_layout(wb, reader)
    return wb


def workbook_from_dict(data: Mapping[str, Any], source: str = "<内置>") -> Workbook:
    """Validate a plain mapping (e.g. a template's `sample:`) into a Workbook.

    Raises WenmiError, or WenmiErrors listing every problem, located by field path.
    """
    return _Validator(source, None).workbook(data)


def validate_achievement(data: Mapping[str, Any]) -> dict[str, str]:
    """Check one achievement mapping (as in a workbook's `achievements:`) with the workbook's rules.

    Returns {field: message}, empty when valid. Fields are paths inside the achievement as the
    errors of a whole workbook name them: "title", "category", "metrics[2].value" (metrics counted
    from 1), "metrics[2]" for the metric itself, "tags[1]", and "" for the achievement as a whole.
    Messages are Chinese, without the "第1项成效" prefix of workbook errors, with the hint after
    them in brackets. A missing category is not inferred (that needs jieba), so it is no error.
    """
    checker = _Validator("<成效>", None, infer=False)
    checker.achievement(0, data)
    title = data.get("title") if isinstance(data, Mapping) else None
    prefixes = ["第1项成效"]
    if isinstance(title, str | int | float) and not isinstance(title, bool) and str(title).strip():
        prefixes.insert(0, f"第1项成效“{_short(str(title).strip())}”")
    out: dict[str, str] = {}
    for err in checker.errors:
        path = err.location.field or ""
        key = re.sub(r"^achievements\[1\]\.?", "", path)
        message = err.message
        for prefix in prefixes:
            if message.startswith(prefix):
                message = message[len(prefix) :].removeprefix("的").removeprefix("里") or err.message
                break
        if err.hint:
            message += f"（{err.hint}）"
        out.setdefault(key, message)
    return out


# --------------------------------------------------------------------------- validation


def _combine(errors: list[WenmiError]) -> WenmiError:
    return errors[0] if len(errors) == 1 else WenmiErrors(errors)


def _kind(value: Any) -> str:
    if isinstance(value, Mapping):
        return "一组“键: 值”"
    if isinstance(value, list | tuple):
        return "一个列表"
    if isinstance(value, bool):
        return "是/否"
    if value is None:
        return "空值"
    return f"“{value}”"


def _field_path(path: PathKey) -> str:
    """achievements[3].metrics[1].value — list positions counted from 1, as people count."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            out += ("." if out else "") + part
    return out


def suggest_key(key: str, allowed: Sequence[str], aliases: Mapping[str, str]) -> str | None:
    """The key the user probably meant: an alias (事项 -> title) or a close spelling (titel)."""
    if key in aliases:
        return aliases[key]
    lower = key.lower().strip()
    if lower in allowed:
        return lower
    close = difflib.get_close_matches(lower, list(allowed), n=1, cutoff=0.6)
    if close:
        return close[0]
    close = difflib.get_close_matches(key, list(aliases), n=1, cutoff=0.6)
    return aliases[close[0]] if close else None


def suggest_category(text: str) -> str | None:
    """The category closest to `text` (作风 -> 作风建设, 宣传 -> 宣传与品牌)."""
    for cat in CATEGORIES:
        if text and (text in cat or cat in text):
            return cat
    near = nearest_category(text)
    if near:
        return near
    close = difflib.get_close_matches(text, list(CATEGORIES), n=1, cutoff=0.4)
    return close[0] if close else None


class _Validator:
    """Checks a plain mapping against the workbook schema, collecting every error."""

    def __init__(self, source: str, reader: _Reader | None, *, infer: bool = True) -> None:
        self.source = source
        self.reader = reader
        #: Infer a missing category from the text (loads jieba; off for quick form checks).
        self.infer = infer
        self.errors: list[WenmiError] = []
        self.warnings: list[Diagnostic] = []

    # ---- helpers

    def _where(self, path: PathKey, key: bool = False) -> dict[str, Any]:
        loc = None
        if self.reader is not None:
            loc = self.reader.key_locs.get(path) if key else None
            probe = path
            while loc is None and probe:
                loc = self.reader.locs.get(probe)
                probe = probe[:-1]
        return {
            "file": self.source,
            "line": loc[0] if loc else None,
            "column": loc[1] if loc else None,
            "field": _field_path(path) or None,
        }

    def error(self, path: PathKey, message: str, hint: str | None = None, *, key: bool = False) -> None:
        self.errors.append(WenmiError(message, hint=hint, **self._where(path, key)))

    def warn(self, path: PathKey, message: str, rule: str) -> None:
        self.warnings.append(Diagnostic.at(message, rule=rule, **self._where(path)))

    def _raw(self, path: PathKey, value: Any) -> Any:
        if self.reader is not None and path in self.reader.raws and value is not None:
            return self.reader.raws[path]
        return value

    def text(self, path: PathKey, value: Any, what: str) -> str | None:
        """A text field: what the user typed, never a number or bool reinterpretation."""
        value = self._raw(path, value)
        if value is None:
            return None
        if isinstance(value, Mapping | list | tuple):
            self.error(
                path,
                f"{what}应是一段文字，现在是{_kind(value)}",
                hint="如果文字里有“: ”或以 - 开头，请加引号",
            )
            return None
        if isinstance(value, bool):
            value = "true" if value else "false"
        if hasattr(value, "isoformat"):
            value = value.isoformat()
        if isinstance(value, float | int):
            value = format_value(value)
        text = str(value)
        cleaned, removed = strip_xml_invalid(text)
        if removed:
            self.warn(
                path,
                f"{what}中删除了{removed}个无法保存的控制字符（多为从 Word 粘贴带入）",
                "control-character",
            )
        return cleaned.strip()

    def check_keys(
        self,
        path: PathKey,
        data: Mapping[str, Any],
        allowed: Sequence[str],
        aliases: Mapping[str, str],
        what: str,
    ) -> None:
        for key in data:
            if key in allowed:
                continue
            k = str(key)
            guess = suggest_key(k, allowed, aliases)
            if guess and k in aliases:
                msg = f"{what}里有未知的键“{k}”，应写作“{guess}”（{KEY_NAMES.get(guess, guess)}）"
            elif guess:
                msg = f"{what}里有未知的键“{k}”，是否想写“{guess}”（{KEY_NAMES.get(guess, guess)}）？"
            else:
                msg = f"{what}里有未知的键“{k}”"
            hint = "可用的键：" + "、".join(f"{a}（{KEY_NAMES.get(a, a)}）" for a in allowed)
            if re.fullmatch(r"\d+", k):
                hint = "数字里不要用逗号分隔千位（写 1200，不写 1,200）；" + hint
            self.error((*path, k), msg, hint=hint, key=True)

    # ---- workbook

    def workbook(self, data: Any) -> Workbook:
        if not isinstance(data, Mapping):
            hint = _colon_hint(data) or "第一行应类似 unit: 党群工作部"
            where = self._where(())
            where["line"] = where["line"] or (1 if self.reader is not None else None)
            raise WenmiError(
                f"台账应是一组“键: 值”（unit、period、achievements…），现在是{_kind(data)}",
                hint=hint,
                **where,
            )
        self.check_keys((), data, TOP_KEYS, _TOP_ALIASES, "台账")
        unit = self.text(("unit",), data.get("unit"), "单位（unit）")
        if not unit:
            self.error(
                ("unit",), "缺少必填项“unit”（单位名称）", hint="在文件开头写一行，如 unit: 党群工作部"
            )
        period = self.text(("period",), data.get("period"), "时期（period）") or ""
        template = self.text(("template",), data.get("template"), "模板（template）") or None
        seed = self.seed(data.get("seed"))
        headings = self.headings(data.get("headings"))
        fields = self.fields(data.get("fields"))
        achievements = self.achievements(data.get("achievements"))
        if self.errors:
            raise _combine(self.errors)
        wb = Workbook(
            unit=unit or "",
            period=period,
            template=template,
            fields=fields,
            achievements=achievements,
            headings=headings,
            seed=seed,
        )
        wb.warnings.extend(self.warnings)
        return wb

    def seed(self, value: Any) -> int:
        """Which set of composed headings: 0 (the first), 1, 2…"""
        path: PathKey = ("seed",)
        raw = self._raw(path, value)
        if raw is None:
            return 0
        text = str(raw).strip() if isinstance(raw, str | int) and not isinstance(raw, bool) else None
        if text is not None and re.fullmatch(r"\+?\d+", text):
            return int(text)
        self.error(
            path,
            f"标题组序号（seed）应是 0 或正整数，现在是{_kind(raw)}",
            hint="seed: 0 用词库给出的第一组标题，1 用第二组，依此类推；不需要时删去这一行",
        )
        return 0

    def headings(self, value: Any) -> dict[int, str]:
        """The headings the user chose: {section number: heading text}."""
        if value is None:
            return {}
        example = "如 headings: {1: 提高站位, 3: 压实责任}，即第1、第3部分用这两个标题"
        if not isinstance(value, Mapping):
            message = f"分节标题（headings）应是一组“序号: 标题”，现在是{_kind(value)}"
            if isinstance(value, list | tuple):
                message = "分节标题（headings）要写明每个标题属于第几部分，不能写成列表"
            self.error(("headings",), message, hint=example)
            return {}
        out: dict[int, str] = {}
        seen: dict[int, str] = {}
        for key, item in value.items():
            path: PathKey = ("headings", str(key))
            text = str(key).strip()
            if not re.fullmatch(r"\+?\d+", text) or int(text) < 1:
                self.error(
                    path,
                    f"分节标题的序号“{key}”无效，应是从 1 开始的部分序号",
                    hint="序号写阿拉伯数字：第1部分写 1，第2部分写 2；" + example,
                    key=True,
                )
                continue
            number = int(text)
            if number in seen:
                self.error(
                    path,
                    f"第{number}部分的标题写了两次（序号“{seen[number]}”和“{key}”）",
                    hint="每个部分只写一个标题，请删去其中一行",
                    key=True,
                )
                continue
            seen[number] = str(key)
            what = f"第{number}部分的标题（headings）"
            heading = self.text(path, item, what)
            if heading is None and isinstance(item, Mapping | list | tuple):
                continue  # already explained by text()
            if not heading:
                self.error(path, f"{what}是空的", hint="写上标题文字，或删去这一行以使用词库组合的标题")
                continue
            if "\n" in heading or "\r" in heading:
                self.error(path, f"{what}只能写一行", hint="把标题写在同一行里")
                continue
            out[number] = heading
        return dict(sorted(out.items()))

    def fields(self, value: Any) -> dict[str, Any]:
        if value is None:
            return {}
        if not isinstance(value, Mapping):
            self.error(
                ("fields",),
                f"填写项（fields）应是一组“键: 值”，现在是{_kind(value)}",
                hint="如 fields: {主题: 作风建设, 落款: 党群工作部}",
            )
            return {}
        out: dict[str, Any] = {}
        for key, item in value.items():
            path = ("fields", str(key))
            out[str(key)] = self._field_value(path, item)
        return out

    def _field_value(self, path: PathKey, item: Any) -> Any:
        if isinstance(item, str | bool) or item is None:
            return self.text(path, item, "填写项") if isinstance(item, str) else item
        if isinstance(item, int | float):
            return item
        if hasattr(item, "isoformat"):
            return item.isoformat()
        if isinstance(item, Mapping):
            return {str(k): self._field_value((*path, str(k)), v) for k, v in item.items()}
        if isinstance(item, list | tuple):
            return [self._field_value((*path, i), v) for i, v in enumerate(item)]
        return item

    # ---- achievements

    def achievements(self, value: Any) -> list[Achievement]:
        if value is None:
            return []
        if isinstance(value, Mapping):
            self.error(
                ("achievements",),
                "成效事项（achievements）应是列表，现在是一组“键: 值”",
                hint="每项成效前加“- ”，如 - title: 开展员工思想状况调查",
            )
            return []
        if not isinstance(value, list | tuple):
            self.error(
                ("achievements",),
                f"成效事项（achievements）应是列表，现在是{_kind(value)}",
                hint="每项成效占一段，以“- title: 事项”开头",
            )
            return []
        out = []
        for i, item in enumerate(value):
            a = self.achievement(i, item)
            if a is not None:
                out.append(a)
        return out

    def achievement(self, i: int, item: Any) -> Achievement | None:
        path: PathKey = ("achievements", i)
        what = f"第{i + 1}项成效"
        if not isinstance(item, Mapping):
            hint = _colon_hint(item) or "写成 - title: 事项名称，下一行缩进写 metrics、category 等"
            self.error(path, f"{what}应是一组“键: 值”，现在是{_kind(item)}", hint=hint)
            return None
        self.check_keys(path, item, ACHIEVEMENT_KEYS, _ACH_ALIASES, what)
        title = self.text((*path, "title"), item.get("title"), f"{what}的事项（title）")
        if title:
            what = f"第{i + 1}项成效“{_short(title)}”"
        elif not isinstance(item.get("title"), Mapping | list | tuple):
            self.error(
                path if "title" not in item else (*path, "title"),
                f"{what}缺少必填项“title”（事项）",
                hint="如 title: 开展员工思想状况调查",
            )
        category = self.category((*path, "category"), item.get("category"), what)
        metrics = self.metrics(path, item.get("metrics"), what)
        date = self.date((*path, "date"), item.get("date"), what)
        owner = self.text((*path, "owner"), item.get("owner"), f"{what}的责任单位（owner）") or None
        detail = self.text((*path, "detail"), item.get("detail"), f"{what}的说明（detail）") or None
        tags = self.tags((*path, "tags"), item.get("tags"), what)
        section = self.section((*path, "section"), item.get("section"), what)
        a = Achievement(
            title=title or "",
            category=category,
            metrics=metrics,
            date=date,
            owner=owner,
            detail=detail,
            tags=tags,
            section=section,
        )
        if category is None and title and self.infer:
            self.infer_category(path, a, what)
        return a

    def infer_category(self, path: PathKey, a: Achievement, what: str) -> None:
        from assistant.matching import infer_category

        guess = infer_category(a)
        if guess:
            a.category, a.category_inferred = guess, True
        else:
            self.warn(
                path,
                f"{what}没有写类别，也无法从内容推断，请补写 category（{'、'.join(CATEGORIES)}之一）",
                "category-unknown",
            )

    def category(self, path: PathKey, value: Any, what: str) -> str | None:
        text = self.text(path, value, f"{what}的类别（category）")
        if not text:
            return None
        if text in CATEGORIES:
            return text
        guess = suggest_category(text)
        message = f"{what}的类别“{text}”不在七类之中"
        if guess:
            message += f"，是否想写“{guess}”？"
        self.error(path, message, hint="可选：" + "、".join(CATEGORIES) + "；也可以不写，由事项内容推断")
        return None

    def date(self, path: PathKey, value: Any, what: str) -> str | None:
        text = self.text(path, value, f"{what}的日期（date）")
        if not text:
            return None
        if parse_date(text) is None and not is_period_text(text):
            self.error(
                path,
                f"{what}的日期“{text}”无法识别",
                hint="请写成 2022-03、2023-01-11 或 2022年3月；时刻（如 12:30）不是日期",
            )
        return text

    def tags(self, path: PathKey, value: Any, what: str) -> list[str]:
        if value is None:
            return []
        if isinstance(value, str | int | float) and not isinstance(value, bool):
            text = self.text(path, value, f"{what}的标签") or ""
            return [t for t in _TAG_SPLIT.split(text) if t]
        if not isinstance(value, list | tuple):
            self.error(
                path, f"{what}的标签（tags）应是列表，现在是{_kind(value)}", hint="如 tags: [实施方案, 整改]"
            )
            return []
        out: list[str] = []
        for j, item in enumerate(value):
            tag = self.text((*path, j), item, f"{what}的第{j + 1}个标签")
            if tag and tag not in out:
                out.append(tag)
        return out

    def section(self, path: PathKey, value: Any, what: str) -> str | None:
        if value is None:
            return None
        if isinstance(value, bool) or (isinstance(value, int) and value < 1):
            self.error(
                path, f"{what}的章节（section）“{value}”无效", hint="写章节序号（从 1 开始）或章节标题文字"
            )
            return None
        text = self.text(path, value, f"{what}的章节（section）")
        if text and re.fullmatch(r"[-+]?\d+", text) and int(text) < 1:
            self.error(path, f"{what}的章节序号“{text}”无效", hint="章节序号从 1 开始")
            return None
        if text and re.fullmatch(r"\d+", text):
            return str(int(text))
        return text or None

    # ---- metrics

    def metrics(self, path: PathKey, value: Any, what: str) -> list[Metric]:
        mpath = (*path, "metrics")
        if value is None:
            return []
        if isinstance(value, Mapping):
            value = [value]
        if not isinstance(value, list | tuple):
            self.error(
                mpath,
                f"{what}的指标（metrics）应是列表，现在是{_kind(value)}",
                hint="每个指标一行，如 - {label: 参训, value: 318, unit: 人次}",
            )
            return []
        out = []
        for j, item in enumerate(value):
            m = self.metric((*mpath, j), item, f"{what}的第{j + 1}个指标")
            if m is not None:
                out.append(m)
        return out

    def metric(self, path: PathKey, item: Any, what: str) -> Metric | None:
        if not isinstance(item, Mapping):
            hint = "写成 {label: 参训, value: 318, unit: 人次}"
            if isinstance(item, str):
                hint = _colon_hint(item) or _metric_hint(item) or hint
            self.error(path, f"{what}应是一组“键: 值”，现在是{_kind(item)}", hint=hint)
            return None
        self.check_keys(path, item, METRIC_KEYS, _METRIC_ALIASES, what)
        label = self.text((*path, "label"), item.get("label"), f"{what}的名称（label）") or ""
        if label:
            what = f"{what}“{label}”"
        unit = normalize_unit(self.text((*path, "unit"), item.get("unit"), f"{what}的单位（unit）") or "")
        qualifier = self.qualifier((*path, "qualifier"), item.get("qualifier"), what)
        if "value" not in item or item.get("value") is None:
            self.error(
                path if "value" not in item else (*path, "value"),
                f"{what}缺少数量（value）",
                hint="如 value: 318；不知道确切数字时可写 value: 300 并加 qualifier: 余",
            )
            return None
        vpath = (*path, "value")
        if isinstance(item["value"], bool | Mapping | list | tuple):
            self.error(vpath, f"{what}的数量应是数字，现在是{_kind(item['value'])}", hint=_NUMBER_HINT)
            return None
        raw = self._raw(vpath, item["value"])
        try:
            qty = parse_quantity(raw)
        except (ValueError, TypeError):
            self.error(vpath, f"{what}的数量“{raw}”不是数字", hint=_NUMBER_HINT)
            return None
        if qty.unit:
            if unit and unit != qty.unit:
                self.error(
                    vpath,
                    f"{what}的数量“{raw}”里的单位“{qty.unit}”与 unit“{unit}”不一致",
                    hint="数量只写数字，单位写在 unit 里",
                )
                return None
            unit = qty.unit
        if qty.qualifier:
            if qualifier and qualifier != qty.qualifier:
                self.error(
                    vpath,
                    f"{what}的数量“{raw}”里的“{qty.qualifier}”与 qualifier“{qualifier}”不一致",
                    hint="数量只写数字，“余、近、约”等写在 qualifier 里",
                )
                return None
            qualifier = qty.qualifier
        return Metric(label=label, value=qty.value, unit=unit, qualifier=qualifier)

    def qualifier(self, path: PathKey, value: Any, what: str) -> str:
        text = self.text(path, value, f"{what}的修饰（qualifier）") or ""
        if not text or text in QUALIFIERS:
            return text
        close = difflib.get_close_matches(text, list(QUALIFIERS), n=1, cutoff=0.5)
        message = f"{what}的修饰词“{text}”不可用"
        if close:
            message += f"，是否想写“{close[0]}”？"
        self.error(path, message, hint="可选：" + "、".join(QUALIFIERS))
        return ""


_NUMBER_HINT = "请写阿拉伯数字（如 35、3.5、1200）或中文数字（如 三十五、一千二百）"


def _metric_hint(text: str) -> str | None:
    """For a metric typed as text ("参训318人次"), show how to write it."""
    m = re.match(
        r"^(?P<label>\D*?)(?P<qty>(?:近|约|超|逾|至少)?\d[\d.]*(?:万|亿)?(?:余|多)?\S*)$", text.strip()
    )
    if not m:
        return None
    try:
        q = parse_quantity(m.group("qty"))
    except ValueError:
        return None
    parts = [f"label: {m.group('label') or '名称'}", f"value: {format_value(q.value)}"]
    if q.unit:
        parts.append(f"unit: {q.unit}")
    if q.qualifier:
        parts.append(f"qualifier: {q.qualifier}")
    return "应写作 {" + ", ".join(parts) + "}"


def _colon_hint(value: Any) -> str | None:
    if isinstance(value, str) and re.match(r"^\s*[A-Za-z_\u4e00-\u9fff]+\s*：", value):
        return "键和值之间要用英文冒号加空格“: ”，不能用中文冒号“：”"
    if isinstance(value, str) and re.match(r"^\s*[A-Za-z_]+:\S", value):
        return "英文冒号后面要加一个空格，如 title: 事项"
    return None


def _short(text: str, limit: int = 16) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _attach_layout(wb: Workbook, reader: _Reader) -> None:
    """Give each object its comments, key order and flow styles from the file."""
    before, trailing, header, footer = reader.comments()
    wb.layout = Layout(order=reader.order.get((), []))
    wb.layout.before[("#header",)] = header
    wb.layout.before[("#footer",)] = footer
    wb.layout.flow[("fields",)] = reader.flow.get(("fields",), False)
    wb.layout.flow[("headings",)] = reader.flow.get(("headings",), False)
    for i, a in enumerate(wb.achievements):
        base: PathKey = ("achievements", i)
        a.layout = a.layout or Layout()
        a.layout.order = reader.order.get(base, [])
        a.layout.flow[("tags",)] = reader.flow.get((*base, "tags"), True)
        for j, m in enumerate(a.metrics):
            mpath = (*base, "metrics", j)
            m.layout = m.layout or Layout()
            m.layout.order = reader.order.get(mpath, [])
            m.layout.flow[()] = reader.flow.get(mpath, True)
    for path, style in reader.quotes.items():
        target, key = _layout_owner(wb, path)
        if target is not None:
            target.quotes[key] = style
    for table, store in ((before, "before"), (trailing, "trailing")):
        for path, value in table.items():
            target, key = _layout_owner(wb, path)
            if target is None:
                continue
            if store == "before":
                assert isinstance(value, list)
                target.before.setdefault(key, []).extend(value)
            else:
                assert isinstance(value, str)
                target.trailing[key] = value


def _layout_owner(wb: Workbook, path: PathKey) -> tuple[Layout | None, tuple[str, ...]]:
    if not path:
        return None, ()
    head = path[0]
    if head == "achievements" and len(path) >= 2 and isinstance(path[1], int):
        i = path[1]
        if i >= len(wb.achievements):
            return wb.layout, ("achievements",)
        a = wb.achievements[i]
        if len(path) == 2:
            return a.layout, ()
        key = str(path[2])
        if key == "metrics" and len(path) >= 4 and isinstance(path[3], int) and path[3] < len(a.metrics):
            m = a.metrics[path[3]]
            return m.layout, (() if len(path) == 4 else (str(path[4]),))
        return a.layout, (key,)
    if head in ("fields", "headings") and len(path) >= 2:
        return wb.layout, (str(head), str(path[1]))
    return wb.layout, (str(head),)


# --------------------------------------------------------------------------- YAML writing

_SAFE_PLAIN = re.compile(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`\\][^\n\r\t\x85\u2028\u2029:#,\[\]{}&*!|>'\"%@`\\]*")
_V11 = yaml.resolver.Resolver()
#: What a YAML 1.1 reader may make of a plain scalar we write unquoted. Dates are strings in
#: the workbook schema, so "2023-01-11" stays unquoted as the user typed it; bools (no, on),
#: octals (012) and times (12:30) get quotes so no reader misreads them.
_V11_STRINGLIKE = frozenset({"tag:yaml.org,2002:str", "tag:yaml.org,2002:timestamp"})


def yaml_scalar(value: Any, quote: str | None = None) -> str:
    """One scalar as YAML text that reads back as the same value here and in any YAML 1.1 reader.

    `quote` (' or ") keeps the quote style the user wrote a text value with.
    """
    if isinstance(value, str) and quote == "'" and value.isprintable():
        return "'" + value.replace("'", "''") + "'"
    if isinstance(value, str) and quote == '"':
        dumped = yaml.safe_dump(
            [value], default_flow_style=True, default_style='"', allow_unicode=True, width=10**9
        )
        return dumped.strip()[1:-1]
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value)
    text = str(value)
    plain_ok = (
        _SAFE_PLAIN.fullmatch(text) is not None
        and not text.endswith(" ")
        and resolve_plain(text) == text
        and _V11.resolve(yaml.ScalarNode, text, (True, False)) in _V11_STRINGLIKE  # type: ignore[no-untyped-call]
    )
    if plain_ok:
        return text
    dumped = yaml.safe_dump([text], default_flow_style=True, allow_unicode=True, width=10**9)
    inner = dumped.strip()[1:-1]
    if inner and inner[0] not in "'\"" and resolve_plain(inner) != text:
        inner = "'" + text.replace("'", "''") + "'"
    return inner


def _block_scalar(prefix: str, value: Any, quote: str | None, indent: str) -> list[str]:
    """`prefix` + value; multi-line text as a literal block (|) so it stays readable."""
    if isinstance(value, str) and "\n" in value and value.strip() and not value[0].isspace():
        body = [f"{indent}{line}" if line else "" for line in value.split("\n")]
        return [f"{prefix}|", *body]
    return [f"{prefix}{yaml_scalar(value, quote)}"]


def _comment_lines(lines: Iterable[str], indent: str) -> list[str]:
    return [f"{indent}{line}" if line else "" for line in lines]


def _with_trailing(line: str, comment: str | None) -> str:
    """`line` with its end-of-line comment; the comment keeps the gap it had in the file."""
    if not comment:
        return line
    return f"{line}{comment}" if comment[0].isspace() else f"{line}  {comment}"


def _ordered(keys_present: Sequence[str], schema: Sequence[str], layout: Layout | None) -> list[str]:
    """The file's key order; a key the file did not have goes after the keys it follows in `schema`."""
    order = [k for k in (layout.order if layout else []) if k in keys_present]
    rank = {k: i for i, k in enumerate(schema)}
    for key in schema:
        if key in keys_present and key not in order:
            at = 0
            for i, placed in enumerate(order):
                if rank.get(placed, len(rank)) < rank[key]:
                    at = i + 1
            order.insert(at, key)
    return order


def _flow_mapping(data: Mapping[str, Any]) -> str:
    return "{" + ", ".join(f"{yaml_scalar(k)}: {_flow_value(v)}" for k, v in data.items()) + "}"


def _flow_value(value: Any) -> str:
    if isinstance(value, Mapping):
        return _flow_mapping(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_flow_value(v) for v in value) + "]"
    return yaml_scalar(value)


def _block_value(key: str, value: Any, indent: str) -> list[str]:
    """`key: value` lines for an arbitrary (slot) value."""
    if isinstance(value, Mapping | list | tuple) and value:
        if isinstance(value, Mapping):
            lines = [f"{indent}{key}:"]
            for k, v in value.items():
                lines.extend(_block_value(yaml_scalar(k), v, indent + "  "))
            return lines
        lines = [f"{indent}{key}:"]
        for item in value:
            if isinstance(item, Mapping) and item:
                sub = [
                    line for k, v in item.items() for line in _block_value(yaml_scalar(k), v, indent + "    ")
                ]
                sub[0] = f"{indent}  - " + sub[0].lstrip()
                lines.extend(sub)
            else:
                lines.append(f"{indent}  - {_flow_value(item)}")
        return lines
    return [f"{indent}{key}: {_flow_value(value)}"]


def dumps_workbook(wb: Workbook, *, header: Sequence[str] = ()) -> str:
    """The workbook as YAML text: schema key order (or the file's), comments kept, Chinese as is.

    `header` lines are written as comments at the top when the workbook has no header yet.
    """
    lay = wb.layout or Layout()
    out: list[str] = []
    head = lay.before.get(("#header",)) or [f"# {line}" if line else "" for line in header]
    out.extend(head)
    data = wb.to_dict()
    if not wb.achievements and wb.layout is not None and "achievements" not in lay.order:
        del data["achievements"]
    if "seed" in lay.order and "seed" not in data:
        data["seed"] = wb.seed  # the user wrote `seed: 0`: keep it (and its comments)
    for key in _ordered(list(data), TOP_KEYS, lay):
        out.extend(_comment_lines(lay.before.get((key,), []), ""))
        trail = lay.trailing.get((key,))
        value = data[key]
        if key == "fields":
            out.extend(_dump_fields(wb.fields, lay, trail))
        elif key == "headings":
            out.extend(_dump_headings(wb.headings, lay, trail))
        elif key == "achievements":
            out.append(_with_trailing("achievements:", trail) if wb.achievements else "achievements: []")
            rest = wb.achievements[1:]
            spaced = all(a.layout is None for a in rest) or any(
                a.layout is not None and "" in a.layout.before.get((), []) for a in rest
            )
            for i, a in enumerate(wb.achievements):
                out.extend(_dump_achievement(a, spaced and i > 0))
        else:
            lines = _block_scalar(f"{key}: ", value, lay.quotes.get((key,)), "  ")
            lines[0] = _with_trailing(lines[0], trail)
            out.extend(lines)
    out.extend(lay.before.get(("#footer",), []))
    while out and not out[-1]:
        out.pop()
    return "\n".join(out) + "\n"


def _dump_fields(fields: Mapping[str, Any], lay: Layout, trail: str | None) -> list[str]:
    flat = all(not isinstance(v, Mapping | list | tuple) for v in fields.values())
    has_comments = any(k[0] == "fields" and len(k) == 2 for k in (*lay.before, *lay.trailing))
    if lay.flow.get(("fields",)) and flat and not has_comments:
        return [_with_trailing(f"fields: {_flow_mapping(fields)}", trail)]
    out = [_with_trailing("fields:", trail)]
    for name, value in fields.items():
        out.extend(_comment_lines(lay.before.get(("fields", name), []), "  "))
        if isinstance(value, str):
            lines = _block_scalar(f"  {yaml_scalar(name)}: ", value, lay.quotes.get(("fields", name)), "    ")
        else:
            lines = _block_value(yaml_scalar(name), value, "  ")
        lines[0] = _with_trailing(lines[0], lay.trailing.get(("fields", name)))
        out.extend(lines)
    return out


def _dump_headings(headings: Mapping[int, str], lay: Layout, trail: str | None) -> list[str]:
    """`headings:` by section number, block style unless the file wrote them `{...}`."""
    items = sorted(headings.items())
    has_comments = any(k[0] == "headings" and len(k) == 2 for k in (*lay.before, *lay.trailing))
    if lay.flow.get(("headings",)) and not has_comments:
        text = ", ".join(f"{n}: {yaml_scalar(h, lay.quotes.get(('headings', str(n))))}" for n, h in items)
        return [_with_trailing(f"headings: {{{text}}}", trail)]
    out = [_with_trailing("headings:", trail)]
    for number, heading in items:
        key = ("headings", str(number))
        out.extend(_comment_lines(lay.before.get(key, []), "  "))
        line = f"  {number}: {yaml_scalar(heading, lay.quotes.get(key))}"
        out.append(_with_trailing(line, lay.trailing.get(key)))
    return out


def _dump_achievement(a: Achievement, blank_before: bool) -> list[str]:
    lay = a.layout or Layout()
    out: list[str] = []
    lead = lay.before.get(())
    if lead is None:
        out.extend([""] if blank_before else [])
    else:
        out.extend(_comment_lines(lead, "  "))
    data = a.to_dict()
    first = True
    for key in _ordered(list(data), ACHIEVEMENT_KEYS, lay):
        comments = lay.before.get((key,), [])
        out.extend(_comment_lines(comments, "    " if not first else "  "))
        prefix = "  - " if first else "    "
        trail = lay.trailing.get((key,)) or (lay.trailing.get(()) if first else None)
        if key == "metrics":
            out.append(_with_trailing(f"{prefix}metrics:", trail))
            for m in a.metrics:
                out.extend(_dump_metric(m))
        elif key == "tags":
            if lay.flow.get(("tags",), True):
                tags = ", ".join(yaml_scalar(t, lay.quotes.get(("tags",))) for t in a.tags)
                out.append(_with_trailing(f"{prefix}tags: [{tags}]", trail))
            else:
                out.append(_with_trailing(f"{prefix}tags:", trail))
                out.extend(f"      - {yaml_scalar(t, lay.quotes.get(('tags',)))}" for t in a.tags)
        else:
            lines = _block_scalar(f"{prefix}{key}: ", data[key], lay.quotes.get((key,)), "      ")
            lines[0] = _with_trailing(lines[0], trail)
            out.extend(lines)
        first = False
    return out


def _dump_metric(m: Metric) -> list[str]:
    lay = m.layout or Layout()
    out = _comment_lines(lay.before.get((), []), "      ")
    data = m.to_dict()
    keys = _ordered(list(data), METRIC_KEYS, lay)
    if lay.flow.get((), True):
        text = "{" + ", ".join(f"{k}: {yaml_scalar(data[k], lay.quotes.get((k,)))}" for k in keys) + "}"
        out.append(_with_trailing(f"      - {text}", lay.trailing.get(())))
        return out
    for n, key in enumerate(keys):
        if n:
            out.extend(_comment_lines(lay.before.get((key,), []), "        "))
        prefix = "      - " if n == 0 else "        "
        trail = lay.trailing.get((key,)) or (lay.trailing.get(()) if n == 0 else None)
        out.append(_with_trailing(f"{prefix}{key}: {yaml_scalar(data[key], lay.quotes.get((key,)))}", trail))
    return out


# --------------------------------------------------------------------------- files

YAML_SUFFIXES = (".yaml", ".yml")
TABLE_SUFFIXES = (".xlsx", ".xlsm", ".csv")
SUFFIXES = (*YAML_SUFFIXES, *TABLE_SUFFIXES, ".docx")


def _check_suffix(path: Path, allowed: Sequence[str]) -> str:
    suffix = path.suffix.lower()
    if suffix in allowed:
        return suffix
    hint = "支持的格式：" + "、".join(allowed)
    if suffix in (".xls", ".et"):
        hint = "请在 Excel/WPS 中另存为 .xlsx 后再导入"
    elif suffix in (".doc", ".wps"):
        hint = "请在 Word/WPS 中另存为 .docx 后再导入"
    raise WenmiError(f"不支持的台账格式“{suffix or '（无扩展名）'}”", file=path, hint=hint)


def load_workbook(path: Path | str) -> Workbook:
    """Read a workbook from .yaml/.yml, .xlsx, .csv or (as a draft) last year's .docx."""
    path = Path(path)
    suffix = _check_suffix(path, SUFFIXES)
    if suffix in YAML_SUFFIXES:
        text, warnings = _read_text(path)
        wb = loads_workbook(text, str(path))
        wb.warnings[:0] = warnings
    else:
        from assistant import importers

        wb = importers.import_file(path)
    wb.path = path
    return wb


def save_workbook(wb: Workbook, path: Path | str | None = None, *, header: Sequence[str] = ()) -> Path:
    """Write the workbook atomically (YAML keeps comments and order; .csv/.xlsx export a table).

    `path` defaults to `wb.path`. Returns the path written.
    """
    target = Path(path) if path is not None else wb.path
    if target is None:
        raise WenmiError("没有指定保存位置", hint="请给出文件名，如 台账.yaml")
    suffix = _check_suffix(target, (*YAML_SUFFIXES, *TABLE_SUFFIXES))
    from assistant.atomic import write_text_atomic

    try:
        if suffix in YAML_SUFFIXES:
            write_text_atomic(target, dumps_workbook(wb, header=header))
        else:
            from assistant import importers

            importers.export_table(wb, target)
    except PermissionError:
        raise WenmiError("没有权限写入，或文件正被其他程序（如 Excel、WPS）打开", file=target) from None
    except FileNotFoundError:
        raise WenmiError("保存位置所在的文件夹不存在", file=target) from None
    except OSError as exc:
        raise WenmiError(f"保存失败：{exc.strerror or exc}", file=target) from None
    return target


def iter_metrics(achievements: Iterable[Achievement]) -> Iterator[tuple[int, Achievement, int, Metric]]:
    """(achievement index, achievement, metric index, metric) for every metric, in order."""
    for i, a in enumerate(achievements):
        for j, m in enumerate(a.metrics):
            yield i, a, j, m


__all__ = [
    "ADVERBS",
    "ACHIEVEMENT_KEYS",
    "KEY_NAMES",
    "METRIC_KEYS",
    "SUFFIXES",
    "TOP_KEYS",
    "Achievement",
    "Layout",
    "Metric",
    "Workbook",
    "dumps_workbook",
    "iter_metrics",
    "load_workbook",
    "loads_workbook",
    "resolve_plain",
    "save_workbook",
    "suggest_category",
    "suggest_key",
    "validate_achievement",
    "workbook_from_dict",
    "yaml_scalar",
]
