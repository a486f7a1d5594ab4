"""Reading template YAML files: the schema check, with every problem located to a file line.

`load_template_file` parses one file completely; `read_info` reads only the metadata a listing
needs. Each problem is a `WenmiError` naming the file, the line and the field; a file with
several problems raises them together as `WenmiErrors`.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from assistant.categories import CATEGORIES, CATEGORY_PREFIXES, THEMES, nearest_category
from assistant.errors import WenmiError, WenmiErrors
from assistant.templating.model import (
    CONTEXT_NAMES,
    DOCTYPES,
    GROUP_BY,
    ID_PATTERN,
    MAX_BODY_CHARS,
    MAX_SECTIONS,
    PAIR_STYLES,
    PATTERNS,
    SLOT_TYPES,
    SectionPlan,
    Slot,
    Template,
    TemplateInfo,
)

YamlPath = tuple[Any, ...]

META_KEYS: tuple[str, ...] = ("id", "name", "category", "doctype", "keywords", "description")
REQUIRED_KEYS: tuple[str, ...] = (*META_KEYS, "sample", "body")
TOP_KEYS: tuple[str, ...] = (*REQUIRED_KEYS, "slots", "sections")
SLOT_KEYS: tuple[str, ...] = ("name", "label", "type", "required", "default", "help", "examples")
SECTION_KEYS: tuple[str, ...] = ("count", "pattern", "theme", "style", "family", "group_by", "headings", "theme_words")
SAMPLE_KEYS: tuple[str, ...] = ("unit", "period", "template", "fields", "achievements")

#: Jinja2 keywords and literals a slot name cannot be.
_JINJA_RESERVED = frozenset(
    [
        "and",
        "or",
        "not",
        "in",
        "is",
        "if",
        "else",
        "elif",
        "endif",
        "for",
        "endfor",
        "true",
        "false",
        "none",
        "True",
        "False",
        "None",
        "loop",
        "self",
        "block",
        "endblock",
        "macro",
        "endmacro",
        "set",
        "endset",
        "with",
        "endwith",
        "filter",
        "endfilter",
        "call",
        "endcall",
        "import",
        "include",
        "from",
        "extends",
        "raw",
        "endraw",
        "do",
        "continue",
        "break",
        "as",
        "recursive",
        "ignore",
        "missing",
        "context",
    ]
)


@dataclass
class YamlDoc:
    """A parsed YAML file and the file line of every key and list item in it."""

    data: Any
    lines: dict[YamlPath, int] = field(default_factory=dict)
    #: File line of the body's first line, and the YAML style of the body ("|", ">", "" plain, quotes).
    body_line: int | None = None
    body_style: str | None = None
    duplicate_keys: list[tuple[YamlPath, int]] = field(default_factory=list)

    def line_of(self, path: YamlPath) -> int | None:
        """Line of `path`, or of its nearest ancestor that has one."""
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return 1


def parse_yaml(text: str, file: str) -> YamlDoc:
    """Parse YAML text (safe loader, bounded by `safeyaml`) keeping line numbers; a syntax error
    or a limit (nesting, aliases) is located."""
    import yaml

    from assistant import safeyaml

    try:
        node = safeyaml.compose(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        limit = exc if isinstance(exc, safeyaml.YamlLimitError) else None
        raise WenmiError(
            str(problem) if limit else f"YAML 格式错误：{problem}",
            file=file,
            line=mark.line + 1 if mark is not None else None,
            column=mark.column + 1 if mark is not None else None,
            hint=limit.hint if limit else "检查缩进和冒号；正文请写在“body: |”下面并统一缩进两格",
        ) from None
    doc = YamlDoc(data=None)
    if node is None:
        return doc
    _index_lines(node, (), doc)
    try:
        doc.data = yaml.SafeLoader("").construct_document(node)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise WenmiError(
            f"YAML 内容无法读取：{getattr(exc, 'problem', exc)}",
            file=file,
            line=mark.line + 1 if mark is not None else None,
        ) from None
    return doc


def _index_lines(node: Any, path: YamlPath, doc: YamlDoc) -> None:
    import yaml

    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node.value)
            line = key_node.start_mark.line + 1
            if key in seen:
                doc.duplicate_keys.append((path + (key,), line))
            seen.add(key)
            doc.lines[path + (key,)] = line
            if path == () and key == "body" and isinstance(value_node, yaml.ScalarNode):
                block = value_node.style in ("|", ">")
                doc.body_line = value_node.start_mark.line + (2 if block else 1)
                doc.body_style = value_node.style or ""
            _index_lines(value_node, path + (key,), doc)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            doc.lines[path + (i,)] = item.start_mark.line + 1
            _index_lines(item, path + (i,), doc)


def did_you_mean(word: str, choices: tuple[str, ...] | list[str]) -> str | None:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.5)
    return close[0] if close else None


class _Checker:
    """Collects located schema problems for one file."""

    def __init__(self, doc: YamlDoc, file: str) -> None:
        self.doc = doc
        self.file = file
        self.errors: list[WenmiError] = []

    def error(self, message: str, path: YamlPath, hint: str | None = None) -> None:
        field_ = ".".join(str(p) for p in path) if path else None
        self.errors.append(
            WenmiError(message, file=self.file, line=self.doc.line_of(path), field=field_, hint=hint)
        )

    def unknown_keys(
        self, mapping: dict[Any, Any], allowed: tuple[str, ...], path: YamlPath, what: str
    ) -> None:
        for key in mapping:
            if str(key) not in allowed:
                guess = did_you_mean(str(key), allowed)
                hint = f"是不是“{guess}”？" if guess else f"可用的键：{'、'.join(allowed)}"
                self.error(f"{what}中有未知的键“{key}”", path + (key,), hint)

    def text(self, mapping: dict[Any, Any], key: str, path: YamlPath, *, required: bool = True) -> str:
        value = mapping.get(key)
        if value is None:
            if required:
                self.error(f"缺少必填项“{key}”", path + (key,) if key in mapping else path)
            return ""
        if not isinstance(value, str):
            self.error(f"“{key}”应为文本，实际是{_kind(value)}", path + (key,), "给值加上引号")
            return str(value)
        if required and not value.strip():
            self.error(f"“{key}”不能为空", path + (key,))
        return value


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "真假值（yes/no/true/false 会被 YAML 当作真假值）"
    if isinstance(value, int | float):
        return "数字"
    if isinstance(value, date | datetime):
        return "日期"
    if isinstance(value, list):
        return "列表"
    if isinstance(value, dict):
        return "映射"
    return type(value).__name__


def parse_template(doc: YamlDoc, path: Path | None, source: str) -> Template:
    """Check the schema of a parsed template file and build the Template; raise all problems."""
    file = str(path) if path is not None else "<模板>"
    chk = _Checker(doc, file)
    data = doc.data
    if not isinstance(data, dict):
        raise WenmiError(
            "模板文件应是一个 YAML 映射（id、name、category、doctype、body 等键）", file=file, line=1
        )
    for dup_path, line in doc.duplicate_keys:
        chk.errors.append(WenmiError(f"键“{dup_path[-1]}”重复出现，后一个会覆盖前一个", file=file, line=line))
    chk.unknown_keys(data, TOP_KEYS, (), "模板")
    for key in REQUIRED_KEYS:
        if key not in data:
            chk.error(f"缺少必填项“{key}”", (), f"模板必须包含：{'、'.join(REQUIRED_KEYS)}")

    meta = _parse_meta(chk, data)
    slots = _parse_slots(chk, data.get("slots"))
    plan = _parse_sections(chk, data.get("sections"), meta["category"])
    sample = _parse_sample(chk, data.get("sample"))
    body = data.get("body")
    if "body" in data and not isinstance(body, str):
        chk.error(
            f"“body”应为文本（Jinja2 正文），实际是{_kind(body)}", ("body",), "写成“body: |”后另起一行缩进"
        )
        body = ""
    body = body or ""
    if doc.body_style == ">":
        chk.error("正文不能用折叠写法“body: >”（会把各行并成一段）", ("body",), "改成“body: |”")
    if "body" in data and not body.strip():
        chk.error("正文“body”为空", ("body",))
    if len(body) > MAX_BODY_CHARS:
        chk.error(f"正文过长（{len(body)} 字符，上限 {MAX_BODY_CHARS}）", ("body",), "把模板拆成几个")
    if chk.errors:
        raise chk.errors[0] if len(chk.errors) == 1 else WenmiErrors(chk.errors)
    return Template(
        id=meta["id"],
        name=meta["name"],
        category=meta["category"],
        doctype=meta["doctype"],
        keywords=meta["keywords"],
        description=meta["description"],
        slots=slots,
        sections=plan,
        sample=sample,
        body=body,
        path=path,
        source=source,
        body_line=doc.body_line,
    )


def _parse_meta(chk: _Checker, data: dict[Any, Any]) -> dict[str, Any]:
    tid = chk.text(data, "id", ())
    if tid and not ID_PATTERN.match(tid):
        chk.error(
            f"编号“{tid}”格式不对",
            ("id",),
            "编号由类别前缀和小写英文单词组成，用连字符连接，如 zf-jyjl-4gao",
        )
    category = chk.text(data, "category", ())
    if category and category not in CATEGORIES:
        guess = nearest_category(category)
        chk.error(
            f"类别“{category}”不在七个类别之中",
            ("category",),
            f"是不是“{guess}”？" if guess else f"可选：{'、'.join(CATEGORIES)}",
        )
    elif category and tid and ID_PATTERN.match(tid):
        prefix = CATEGORY_PREFIXES[category]
        if tid.split("-", 1)[0] != prefix:
            chk.error(
                f"编号“{tid}”的前缀与类别“{category}”不符",
                ("id",),
                f"{category}类模板的编号以“{prefix}-”开头",
            )
    doctype = chk.text(data, "doctype", ())
    if doctype and doctype not in DOCTYPES:
        guess = did_you_mean(doctype, DOCTYPES)
        chk.error(
            f"文种“{doctype}”不在已知文种之中",
            ("doctype",),
            f"是不是“{guess}”？" if guess else f"可选：{'、'.join(DOCTYPES)}",
        )
    keywords = data.get("keywords")
    kw: tuple[str, ...] = ()
    if keywords is not None:
        if not isinstance(keywords, list) or not all(isinstance(k, str) and k.strip() for k in keywords):
            chk.error("“keywords”应为非空文本组成的列表", ("keywords",), "如 keywords: [作风建设, 四高]")
        else:
            kw = tuple(keywords)
    return {
        "id": tid,
        "name": chk.text(data, "name", ()),
        "category": category,
        "doctype": doctype,
        "keywords": kw,
        "description": chk.text(data, "description", ()),
    }


def _is_identifier(name: str) -> bool:
    return name.isidentifier() and name not in _JINJA_RESERVED and not name.startswith("_")


def _parse_slots(chk: _Checker, raw: Any) -> tuple[Slot, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        chk.error("“slots”应为列表，每项是一个槽位", ("slots",))
        return ()
    slots: list[Slot] = []
    names: set[str] = set()
    for i, item in enumerate(raw):
        path: YamlPath = ("slots", i)
        if not isinstance(item, dict):
            chk.error("槽位应写成映射，如 {name: 主题, label: 主题, type: text}", path)
            continue
        chk.unknown_keys(item, SLOT_KEYS, path, "槽位")
        name = chk.text(item, "name", path)
        if name and not _is_identifier(name):
            chk.error(
                f"槽位名“{name}”不能用作变量名", path + ("name",), "用中文或英文字母开头，不含空格和标点"
            )
        elif name in CONTEXT_NAMES:
            chk.error(
                f"槽位名“{name}”与内置变量重名", path + ("name",), f"内置变量：{'、'.join(CONTEXT_NAMES)}"
            )
        elif name in names:
            chk.error(f"槽位名“{name}”重复", path + ("name",))
        names.add(name)
        label = chk.text(item, "label", path, required=False) or name
        stype = item.get("type", "text")
        if stype not in SLOT_TYPES:
            guess = did_you_mean(str(stype), SLOT_TYPES)
            chk.error(
                f"槽位“{name}”的类型“{stype}”未知",
                path + ("type",),
                f"是不是“{guess}”？" if guess else f"可用类型：{'、'.join(SLOT_TYPES)}",
            )
            stype = "text"
        required = item.get("required", False)
        if not isinstance(required, bool):
            chk.error(f"槽位“{name}”的 required 应为 true 或 false", path + ("required",))
            required = bool(required)
        default = item.get("default")
        if default is not None and not _default_fits(stype, default):
            chk.error(f"槽位“{name}”的默认值与类型“{stype}”不符", path + ("default",))
        examples = item.get("examples")
        if examples is not None and not _default_fits(stype, examples):
            chk.error(f"槽位“{name}”的示例（examples）与类型“{stype}”不符", path + ("examples",))
        help_ = chk.text(item, "help", path, required=False)
        slots.append(
            Slot(
                name=name, label=label, type=stype, required=required, default=default, help=help_,
                examples=examples,
            )
        )
    return tuple(slots)


def _default_fits(stype: str, value: Any) -> bool:
    checks: dict[str, Callable[[Any], bool]] = {
        "text": lambda v: isinstance(v, str | int | float) and not isinstance(v, bool),
        "date": lambda v: isinstance(v, str | date),
        "number": lambda v: (isinstance(v, int | float) and not isinstance(v, bool)) or v == "",
        "list": lambda v: isinstance(v, list) or v == "",
        "table": lambda v: (isinstance(v, list) and all(isinstance(r, list | dict) for r in v)) or v == "",
        "achievements": lambda v: isinstance(v, list) or v == "",
    }
    return checks[stype](value)


def _parse_sections(chk: _Checker, raw: Any, category: str) -> SectionPlan | None:
    if raw is None:
        return None
    path: YamlPath = ("sections",)
    if not isinstance(raw, dict):
        chk.error("“sections”应为映射（count、pattern、theme、style、group_by）", path)
        return None
    chk.unknown_keys(raw, SECTION_KEYS, path, "分节计划")
    headings_raw = raw.get("headings", [])
    headings: tuple[str, ...] = ()
    if not isinstance(headings_raw, list) or not all(isinstance(h, str) and h.strip() for h in headings_raw):
        chk.error("“headings”应为标题文本的列表", path + ("headings",))
    else:
        headings = tuple(h.strip() for h in headings_raw)
    count = raw.get("count", len(headings) or None)
    if isinstance(count, bool) or not isinstance(count, int) or not 1 <= count <= MAX_SECTIONS:
        chk.error(f"分节数 count 应为 1 到 {MAX_SECTIONS} 的整数", path + ("count",))
        count = 1
    if headings and len(headings) != count:
        chk.error(f"固定标题有 {len(headings)} 个，与 count: {count} 不一致", path + ("headings",))
    pattern = raw.get("pattern", "phrase")
    if pattern not in PATTERNS:
        chk.error(f"标题样式 pattern“{pattern}”未知", path + ("pattern",), f"可选：{'、'.join(PATTERNS)}")
        pattern = "phrase"
    theme = raw.get("theme")
    if theme is not None and theme not in THEMES:
        chk.error(f"主题 theme“{theme}”未知", path + ("theme",), f"可选：{'、'.join(THEMES)}")
        theme = None
    style = raw.get("style")
    if style is not None and style not in PAIR_STYLES:
        chk.error(f"样式 style“{style}”未知", path + ("style",), f"可选：{'、'.join(PAIR_STYLES)}")
        style = None
    family = raw.get("family")
    if family is not None and (not isinstance(family, str) or not family.strip()):
        chk.error("“family”应为短语库中的一组对仗标题或数字框架的名称", path + ("family",), "如 family: 四高")
        family = None
    group_by = raw.get("group_by", "category")
    if group_by not in GROUP_BY:
        chk.error(f"分组方式 group_by“{group_by}”未知", path + ("group_by",), f"可选：{'、'.join(GROUP_BY)}")
        group_by = "category"
    words_raw = raw.get("theme_words", [])
    theme_words: tuple[str, ...] = ()
    if not isinstance(words_raw, list) or not all(isinstance(w, str) and w.strip() for w in words_raw):
        chk.error("“theme_words”应为词语的列表", path + ("theme_words",), "如 theme_words: [志愿]")
    else:
        theme_words = tuple(w.strip() for w in words_raw)
    return SectionPlan(
        count=count,
        pattern=pattern,
        theme=theme or category or None,
        style=style,
        family=family.strip() if family else None,
        group_by=group_by,
        headings=headings,
        theme_words=theme_words,
    )


def _parse_sample(chk: _Checker, raw: Any) -> dict[str, Any]:
    if raw is None:
        return {}
    path: YamlPath = ("sample",)
    if not isinstance(raw, dict):
        chk.error("“sample”应为映射（unit、period、fields、achievements）", path)
        return {}
    chk.unknown_keys(raw, SAMPLE_KEYS, path, "示例值")
    if not isinstance(raw.get("unit"), str) or not raw["unit"].strip():
        chk.error("示例值缺少单位名称“unit”", path + ("unit",) if "unit" in raw else path)
    fields_ = raw.get("fields", {})
    if fields_ is not None and not isinstance(fields_, dict):
        chk.error("示例值的“fields”应为映射（槽位名: 值）", path + ("fields",))
    achievements = raw.get("achievements", [])
    if achievements is not None and not isinstance(achievements, list):
        chk.error("示例值的“achievements”应为列表", path + ("achievements",))
    return dict(raw)


def read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise WenmiError("模板文件不是 UTF-8 编码", file=str(path), hint="用 UTF-8 另存该文件") from exc
    except OSError as exc:
        raise WenmiError(f"无法读取模板文件：{exc.strerror or exc}", file=str(path)) from exc


def load_template_file(path: Path, source: str = "file") -> Template:
    """Read and check one template file."""
    doc = parse_yaml(read_text(path), str(path))
    return parse_template(doc, path, source)


def load_template_text(text: str, source: str = "text", path: Path | None = None) -> Template:
    """Build a template from YAML text (tests, the TUI's editor)."""
    doc = parse_yaml(text, str(path) if path is not None else "<模板>")
    return parse_template(doc, path, source)


# --- metadata only --------------------------------------------------------------------------

_TOP_KEY = re.compile(r"^([A-Za-z_][A-Za-z0-9_-]*)[ \t]*:", re.MULTILINE)


def _header_text(text: str) -> str | None:
    """The top-level metadata entries of a block-style YAML mapping, or None if unsure."""
    if re.search(r"^(---|\.\.\.|%|\{)", text, re.MULTILINE):
        return None
    starts = [(m.start(), m.group(1)) for m in _TOP_KEY.finditer(text)]
    parts: list[str] = []
    for i, (start, key) in enumerate(starts):
        if key in META_KEYS:
            end = starts[i + 1][0] if i + 1 < len(starts) else len(text)
            parts.append(text[start:end])
    return "".join(parts) if len(parts) == len(META_KEYS) else None


def read_info(path: Path, source: str) -> TemplateInfo:
    """The listing metadata of a template file, read without its body when possible.

    Raises WenmiError when the metadata itself is unreadable; schema problems elsewhere in the
    file show up only when the template is loaded or validated.
    """
    import yaml

    text = read_text(path)
    data: Any = None
    header = _header_text(text)
    if header is not None:
        from assistant import safeyaml

        try:
            data = safeyaml.load(header)
        except yaml.YAMLError:
            data = None
    if not isinstance(data, dict):
        data = parse_yaml(text, str(path)).data
    if not isinstance(data, dict):
        raise WenmiError("模板文件应是一个 YAML 映射", file=str(path), line=1)
    tid = data.get("id")
    if not isinstance(tid, str) or not tid.strip():
        raise WenmiError("模板缺少编号“id”", file=str(path), line=1)
    keywords = data.get("keywords")
    return TemplateInfo(
        id=tid.strip(),
        name=str(data.get("name") or tid),
        category=str(data.get("category") or ""),
        doctype=str(data.get("doctype") or ""),
        keywords=tuple(str(k) for k in keywords) if isinstance(keywords, list) else (),
        description=str(data.get("description") or ""),
        path=path,
        source=source,
    )
