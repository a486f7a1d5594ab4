"""Validating a workbook: one pass over plain data that names every problem, in Chinese,
located by file, line and field path, with a hint of what to write instead.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Any, Protocol

from assistant.categories import CATEGORIES, nearest_category
from assistant.errors import Diagnostic, WenmiError, WenmiErrors
from assistant.ledger.numfmt import (
    QUALIFIERS,
    format_value,
    is_period_text,
    normalize_unit,
    parse_date,
    parse_quantity,
)
from assistant.ledger.workbook import (
    ACHIEVEMENT_KEYS,
    KEY_NAMES,
    METRIC_KEYS,
    TOP_KEYS,
    Achievement,
    Metric,
    PathKey,
    Workbook,
)
from assistant.textclean import strip_xml_invalid


class Locations(Protocol):
    """Where each value of the data came from (the YAML reader has these); None for plain data."""

    locs: dict[PathKey, tuple[int, int]]
    key_locs: dict[PathKey, tuple[int, int]]
    raws: dict[PathKey, str]


_TOP_ALIASES = {
    "单位": "unit", "单位名称": "unit", "时期": "period", "期间": "period", "年度": "period",
    "模板": "template", "填写项": "fields", "字段": "fields", "参数": "fields", "slots": "fields",
    "成效": "achievements", "成效事项": "achievements", "事项": "achievements", "台账": "achievements",
    "items": "achievements", "achievement": "achievements",
    "标题": "headings", "分节标题": "headings", "小标题": "headings", "标题文字": "headings",
    "heading": "headings", "titles": "headings",
    "标题组": "seed", "标题序号": "seed", "标题组序号": "seed", "换标题": "seed", "cycle": "seed",
    "字体": "fonts", "字体方案": "fonts", "font": "fonts", "profile": "fonts",
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


_TAG_SPLIT = re.compile(r"[、,，;；/\s]+")


def workbook_from_dict(data: Mapping[str, Any], source: str = "<内置>") -> Workbook:
    """Validate a plain mapping (e.g. a template's `sample:`) into a Workbook.

    Raises WenmiError, or WenmiErrors listing every problem, located by field path.
    """
    return Validator(source, None).workbook(data)


def validate_achievement(data: Mapping[str, Any]) -> dict[str, str]:
    """Check one achievement mapping (as in a workbook's `achievements:`) with the workbook's rules.

    Returns {field: message}, empty when valid. Fields are paths inside the achievement as the
    errors of a whole workbook name them: "title", "category", "metrics[2].value" (metrics counted
    from 1), "metrics[2]" for the metric itself, "tags[1]", and "" for the achievement as a whole.
    Messages are Chinese, without the "第1项成效" prefix of workbook errors, with the hint after
    them in brackets. A missing category is not inferred (that needs jieba), so it is no error.
    """
    checker = Validator("<成效>", None, infer=False)
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


def combine_errors(errors: list[WenmiError]) -> WenmiError:
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


class Validator:
    """Checks a plain mapping against the workbook schema, collecting every error."""

    def __init__(self, source: str, reader: Locations | None, *, infer: bool = True) -> None:
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
        if value is not None and self.reader is not None:
            return self.reader.raws.get(path, value)
        return value

    def text(self, path: PathKey, value: Any, what: str) -> str | None:
        """A text field: what the user typed, never a number or bool reinterpretation."""
        value = self._raw(path, value)
        if value.__class__ is str:  # most values: skip the type checks below
            text = value
        else:
            checked = self._non_text(path, value, what)
            if checked is None:
                return None
            text = checked
        if text.isprintable():  # no control character, surrogate or non-character to strip
            return text.strip()
        cleaned, removed = strip_xml_invalid(text)
        if removed:
            self.warn(
                path,
                f"{what}中删除了{removed}个无法保存的控制字符（多为从 Word 粘贴带入）",
                "control-character",
            )
        return cleaned.strip()

    def _non_text(self, path: PathKey, value: Any, what: str) -> str | None:
        """A value that is not a string, as the text it stands for (None: missing or wrong type)."""
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
        return str(value)

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
        fonts = self.fonts(data.get("fonts"))
        seed = self.seed(data.get("seed"))
        headings = self.headings(data.get("headings"))
        fields = self.fields(data.get("fields"))
        achievements = self.achievements(data.get("achievements"))
        if self.errors:
            raise combine_errors(self.errors)
        wb = Workbook(
            unit=unit or "",
            period=period,
            template=template,
            fields=fields,
            achievements=achievements,
            headings=headings,
            seed=seed,
            fonts=fonts,
        )
        wb.warnings.extend(self.warnings)
        return wb

    def fonts(self, value: Any) -> str | None:
        """The font profile's name (assistant.document.fonts.PROFILES), or None for the default."""
        from assistant.document.fonts import PROFILES

        text = self.text(("fonts",), value, "字体方案（fonts）")
        if not text:
            return None
        if text.lower() in PROFILES:
            return text.lower()
        self.error(
            ("fonts",),
            f"字体方案（fonts）“{text}”无法识别",
            hint="可选 " + "；".join(f"{p.name}（{p.label}）" for p in PROFILES.values()) + "；不需要时删去这一行",
        )
        return None

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
        if title:
            self.title_slots((*path, "title"), title, metrics, what)
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

    def title_slots(self, path: PathKey, title: str, metrics: Sequence[Metric], what: str) -> None:
        """`{指标名}` in a title must name one of the achievement's metrics."""
        labels = [(m.label or "").strip() for m in metrics]
        for name in re.findall(r"\{([^{}]*)\}", title):
            if name.strip() in labels:
                continue
            message = f"{what}的事项里写了“{{{name}}}”，但本项没有名为“{name}”的指标"
            if not any(labels):
                # no labelled figure to place: the braces are the drafter's own text
                self.warn(path, message + "，花括号按原文保留", "title-slot")
                continue
            have = "、".join(f"“{x}”" for x in labels if x)
            self.error(
                path, message, hint=f"花括号里写本项某个指标的名称（label），数字会放在那里；本项指标：{have}"
            )

    def infer_category(self, path: PathKey, a: Achievement, what: str) -> None:
        from assistant.ledger.categorize import infer_category

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
            qty = _quantity(raw)
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


@lru_cache(maxsize=4096, typed=True)
def _quantity(raw: Any) -> Any:
    """parse_quantity, remembered (Quantity is frozen): a long workbook repeats its figures."""
    return parse_quantity(raw)


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
