"""A workbook as YAML text: reading with lines kept for every value, and writing back with key
order and comments kept.

YAML is read with the YAML 1.2 core rules for plain scalars, and text fields keep exactly what
the user typed, so the YAML 1.1 traps do not bite: `no` stays "no", `08` stays "08" (or the
number 8 where a number is expected), `12:30` stays "12:30", `2023-01-11` stays a string.
Duplicate keys are an error naming both lines.

Saving writes the same schema back with key order and comments kept: comments are attached to
the key or list item that follows them (or that shares their line) and travel with it.

A plain file is read straight from libyaml's event stream; anything unusual (anchors, aliases,
tags, repeated keys, deep nesting, syntax errors) goes through `safeyaml`'s checked node tree,
which also words the errors (see _Reader.read_events).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, MutableMapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import yaml

from assistant import safeyaml
from assistant.errors import Diagnostic, WenmiError
from assistant.ledger.validate import Validator, combine_errors
from assistant.ledger.workbook import (
    ACHIEVEMENT_KEYS,
    METRIC_KEYS,
    TOP_KEYS,
    Achievement,
    Layout,
    Metric,
    PathKey,
    Workbook,
)
from assistant.textclean import strip_xml_invalid

_PLAIN_TAG = "tag:wenmi:plain"


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
    """The document's node tree, within the nesting and alias limits of `safeyaml`. libyaml
    when present; the pure-Python parser words syntax errors."""
    if _FastLoader is not None:
        try:
            return safeyaml.compose(text, _FastLoader)
        except safeyaml.YamlLimitError as exc:
            raise _yaml_error(exc, source) from None
        except yaml.YAMLError:
            pass  # re-parse below for PyYAML's messages, which _YAML_PROBLEMS translates
    try:
        return safeyaml.compose(text, _Loader)
    except yaml.YAMLError as exc:
        raise _yaml_error(exc, source) from None


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


#: What _Reader.read_events returns for a file it leaves to the node reader.
_LEFT_TO_NODES: Any = object()


class _Reader:
    """Turns a YAML document into plain values, remembering where each came from: from
    libyaml's events (`read_events`) or, for anything unusual, from the composed node tree
    (`convert`), with the same records either way.

    The walk touches every value of the file once (170,000 for 10,000 achievements), so it is
    kept lean: a scalar's raw text is kept only when it reads as something other than that
    text (a number, a bool, null), and line ends only on lines that hold a `#`, the only ones
    where a trailing comment can start.
    """

    def __init__(self, text: str, source: str, *, layout: bool = True) -> None:
        self.text = text
        self.source = source
        #: Whether read_events records what only saving needs (comments' places, key order,
        #: styles); locations and typed text, which error messages need, are always kept.
        self.layout = layout
        self.lines = text.splitlines() if layout else []
        self.errors: list[WenmiError] = []
        self.locs: dict[PathKey, tuple[int, int]] = {}
        self.key_locs: dict[PathKey, tuple[int, int]] = {}
        #: The typed text of plain scalars that resolve_plain turned into something else.
        self.raws: dict[PathKey, str] = {}
        self.order: dict[PathKey, list[str]] = {}
        self.flow: dict[PathKey, bool] = {}
        self.quotes: dict[PathKey, str] = {}
        self.anchors: dict[int, list[PathKey]] = {}
        self.ends: dict[int, int] = {}  # on lines with a "#" only (see _trailing)
        self.inside: set[int] = set()  # lines inside multi-line scalars (never comments)
        self.hash_lines = frozenset(i for i, line in enumerate(self.lines) if "#" in line) if "#" in text else frozenset()

    def _mark(self, node: yaml.Node) -> tuple[int, int]:
        return node.start_mark.line + 1, node.start_mark.column + 1

    def _end(self, node: yaml.Node) -> None:
        scalar = isinstance(node, yaml.ScalarNode)
        self.end_at(node.start_mark.line, node.end_mark, scalar, getattr(node, "style", None))

    def end_at(self, start_line: int, end: Any, scalar: bool, style: str | None) -> None:
        """Note where a value that starts on `start_line` ends: the column on its last line (for
        trailing comments) and, for a multi-line scalar, the lines it covers."""
        line = end.line
        if line == start_line or not scalar:
            if line in self.hash_lines:
                self.ends[line] = max(self.ends.get(line, 0), end.column)
            return
        stop = line + (1 if end.column > 0 else 0)
        # a block scalar swallows the blank lines after it; they are layout, not content
        while stop - 1 > start_line and not "".join(self.lines[stop - 1 : stop]).strip():
            stop -= 1
        self.inside.update(range(start_line + 1, stop))
        if style in ("|", ">") or line not in self.hash_lines:
            return
        self.ends[line] = max(self.ends.get(line, 0), end.column)

    def _anchor(self, node: yaml.Node, path: PathKey) -> None:
        self.anchors.setdefault(node.start_mark.line, []).append(path)

    def convert(self, node: yaml.Node, path: PathKey) -> Any:
        start = node.start_mark
        self.locs[path] = (start.line + 1, start.column + 1)
        self._end(node)
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node, path)
        if isinstance(node, yaml.SequenceNode):
            self.flow[path] = bool(node.flow_style)
            items = []
            anchors = self.anchors
            for i, child in enumerate(node.value):
                child_path = (*path, i)
                anchors.setdefault(child.start_mark.line, []).append(child_path)
                items.append(self.convert(child, child_path))
            return items
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        raise AssertionError(node)  # pragma: no cover

    def _scalar(self, node: yaml.ScalarNode, path: PathKey) -> Any:
        if node.tag == _PLAIN_TAG:
            raw = node.value
            value = resolve_plain(raw)
            if value is not raw:
                self.raws[path] = raw
            return value
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
        flow = bool(node.flow_style)
        self.flow[path] = flow
        out: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        order: list[str] = []
        locs, key_locs, anchors, hash_lines = self.locs, self.key_locs, self.anchors, self.hash_lines
        scalar = yaml.ScalarNode
        for key_node, value_node in node.value:
            if not isinstance(key_node, scalar):
                self._error(key_node, "键必须是一段文字，不能是列表或映射")
                continue
            key = str(key_node.value)
            start = key_node.start_mark
            line = start.line
            if key_node.end_mark.line != line or line in hash_lines:
                self._end(key_node)
            if key in first_line:
                self._error(
                    key_node,
                    f"键“{key}”重复出现：第{first_line[key]}行和第{line + 1}行",
                    hint="同一层里每个键只能写一次，请删除或合并其中一处",
                )
                continue
            first_line[key] = line + 1
            order.append(key)
            child = (*path, key)
            key_locs[child] = (line + 1, start.column + 1)
            if not flow:
                anchors.setdefault(line, []).append(child)
            if value_node.__class__ is scalar and value_node.tag == _PLAIN_TAG:
                # the common case, inline: a plain scalar on one line
                vstart = value_node.start_mark
                vline = value_node.end_mark.line
                if vline != vstart.line or vline in hash_lines:
                    self._end(value_node)
                locs[child] = (vstart.line + 1, vstart.column + 1)
                raw = value_node.value
                value = resolve_plain(raw)
                if value is not raw:
                    self.raws[child] = raw
                out[key] = value
            else:
                out[key] = self.convert(value_node, child)
        self.order[path] = order
        return out

    def read_events(self) -> Any:
        """The document's value read straight from libyaml's events, with the same locations,
        key order, styles and comment anchors `convert` records from the node tree, in two
        thirds of the time: no node tree is built, and no second walk measures it.

        Only for the plain files people write: anything else (anchors or aliases, tags, keys
        that are not text or are repeated, nesting past safeyaml.MAX_DEPTH, an empty or
        multi-document file, a syntax error) returns _LEFT_TO_NODES, and the caller reads the
        file through the node tree, which checks and words all of these.
        """
        if _FastLoader is None:
            return _LEFT_TO_NODES
        from assistant.ledger.yamlevents import NotPlain, walk

        parser = _FastLoader(self.text)
        try:
            return walk(parser.get_event, self, resolve_plain)
        except (NotPlain, yaml.YAMLError):
            return _LEFT_TO_NODES
        finally:
            parser.dispose()

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
            comment = self._trailing(i, line) if i in self.hash_lines else None
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
    if isinstance(exc, safeyaml.YamlLimitError):
        return WenmiError(problem, file=source, line=line, column=column, hint=exc.hint)
    for needle, message, hint in _YAML_PROBLEMS:
        if needle in problem:
            return WenmiError(message, file=source, line=line, column=column, hint=hint)
    return WenmiError(f"YAML 格式错误：{problem}", file=source, line=line, column=column)


def _clean_text(text: str, source: str) -> tuple[str, list[Diagnostic]]:
    """Remove characters YAML/XML cannot hold (Word's \\x0b…), with a warning per line."""
    if not strip_xml_invalid(text)[1]:
        return text, []  # the usual case, checked in one pass
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


def loads_workbook(text: str, source: str = "<文本>", *, layout: bool = True) -> Workbook:
    """Read a workbook from YAML text; raises WenmiError (or WenmiErrors) naming every problem.

    `layout=False` skips the comments, key order and quote styles that saving needs (for a
    reader that never saves, such as `suggest`); values, warnings and errors are the same.
    """
    text, warnings = _clean_text(text, source)
    with safeyaml.gc_paused():  # many small objects, no cycles: see gc_paused
        node = None
        reader = _Reader(text, source, layout=layout)
        data = reader.read_events()
        if data is _LEFT_TO_NODES:  # anything unusual: the node tree checks and words it
            node = _compose(text, source)
            if node is None:
                raise WenmiError("台账文件是空的", file=source, hint="可参照示例台账填写：unit、period、achievements")
            reader = _Reader(text, source)
            data = reader.convert(node, ())
        if reader.errors:
            raise combine_errors(reader.errors)
        wb = Validator(source, reader).workbook(data)
        wb.warnings[:0] = warnings
        if layout:
            _attach_layout(wb, reader)
        del node, reader, data  # freed now, so the collector, back on, has only `wb` to look at
    return wb


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


#: An achievement's lines as written: (the achievement, whether a blank line leads them, lines).
RowLines = tuple[Achievement, bool, list[str]]


def dumps_workbook(
    wb: Workbook, *, header: Sequence[str] = (), rows: MutableMapping[int, RowLines] | None = None
) -> str:
    """The workbook as YAML text: schema key order (or the file's), comments kept, Chinese as is.

    `header` lines are written as comments at the top when the workbook has no header yet.
    `rows`: the lines of achievements written before, by identity, filled as rows are written; a
    caller that never changes an achievement in place (the TUI's autosave) passes the same mapping
    each time, and only the rows new since are written again.
    """
    lay = wb.layout or Layout()
    out: list[str] = []
    head = lay.before.get(("#header",)) or [f"# {line}" if line else "" for line in header]
    out.extend(head)
    data = replace(wb, achievements=[]).to_dict()  # the keys; the rows are written one by one below
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
                out.extend(_achievement_lines(a, spaced and i > 0, rows))
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


def _achievement_lines(
    a: Achievement, blank_before: bool, rows: MutableMapping[int, RowLines] | None
) -> list[str]:
    """`_dump_achievement`, or the lines `rows` kept for this very achievement."""
    if rows is None:
        return _dump_achievement(a, blank_before)
    kept = rows.get(id(a))
    if kept is not None and kept[0] is a and kept[1] == blank_before:
        return kept[2]
    lines = _dump_achievement(a, blank_before)
    rows[id(a)] = (a, blank_before, lines)
    return lines


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
