"""Reading and checking phrase-bank YAML files, with the line of every problem.

Files are composed into YAML nodes (safe loader) so each entry and each field keeps its line.
A bad entry becomes a `Diagnostic` naming file, line and the entry's own source text, and is
skipped; the rest of the file still loads. Whether a problem stops anything is the caller's
choice: `load_bank` reports user-file problems as warnings, `validate_paths` as errors.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from assistant import safeyaml
from assistant.categories import THEMES
from assistant.errors import Diagnostic
from assistant.phrasebank.model import (
    CJK_ONLY,
    CJK_TEXT,
    FOUR_CHARS,
    KIND_LABELS,
    KINDS,
    PAIR_SEPARATORS,
    ROLES,
    STRUCTURES,
    Entry,
)

#: The C loader when PyYAML has it (same safe constructors, ~10× faster), else the Python one.
_LOADER: Any = safeyaml.FAST_LOADER

_NUMBERS = {
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
    "十": 10,
}
_NUMBER_CHARS = "".join(_NUMBERS)
#: Keys an entry of each kind may have.
_FIELDS: dict[str, frozenset[str]] = {
    "phrase": frozenset({"text", "theme", "role", "structure"}),
    "set": frozenset({"name", "items", "theme", "role", "structure"}),
    "framework": frozenset({"name", "items", "theme", "role", "structure"}),
    "pair": frozenset({"head", "tail", "style", "group", "theme", "role", "structure"}),
}


@dataclass
class _Field:
    value: str | list[str] | None
    line: int


@dataclass
class LoadedFile:
    """The entries of one file and the problems found in it."""

    path: Path
    entries: list[Entry] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)


def number_word(item: str) -> int | None:
    """The number an item opens with: “一个中心” -> 1, “凝聚“两个合力”” -> 2, else None.

    The number word is either the first character, or right after a two-character verb and an
    opening quote (凝聚“一个合力”)."""
    start = 0 if item[:1] in _NUMBERS else 3 if item[2:3] == "“" and item[3:4] in _NUMBERS else -1
    if start < 0:
        return None
    run = ""
    for ch in item[start:]:
        if ch not in _NUMBER_CHARS:
            break
        run += ch
    if run.startswith("十") and len(run) > 1 and run[1] in _NUMBERS:
        return 10 + _NUMBERS[run[1]]
    if len(run) > 1 and run[1] == "十":
        return _NUMBERS[run[0]] * 10 + (_NUMBERS[run[2]] if len(run) > 2 else 0)
    return _NUMBERS[run[0]]


class _FileReader:
    """Turns one file's nodes into entries, collecting located problems."""

    def __init__(self, path: Path, source: str, severity: str) -> None:
        self.path = path
        self.source = source
        self.severity = severity
        self.out = LoadedFile(path)
        self.lines: list[str] = []

    # --- reporting ---------------------------------------------------------------------------

    def problem(self, message: str, line: int | None, *, field_: str | None = None, rule: str = "phrasebank",
                severity: str | None = None) -> None:  # fmt: skip
        """A problem with an entry or key: the message ends with that line's source text."""
        snippet = self.snippet(line)
        self.file_problem(f"{message}；条目：{snippet}" if snippet else message, line, field_=field_, rule=rule,
                          severity=severity)  # fmt: skip

    def file_problem(self, message: str, line: int | None, *, field_: str | None = None, rule: str = "phrasebank",
                     severity: str | None = None) -> None:  # fmt: skip
        """A problem with the file as a whole (encoding, YAML syntax, shape)."""
        self.out.diagnostics.append(
            Diagnostic.at(
                message,
                rule=rule,
                file=str(self.path),
                line=line,
                field=field_,
                severity=severity or self.severity,
            )  # fmt: skip
        )

    def snippet(self, line: int | None) -> str:
        if line is None or not 0 < line <= len(self.lines):
            return ""
        text = self.lines[line - 1].strip()
        return text if len(text) <= 80 else text[:77] + "……"

    # --- reading -----------------------------------------------------------------------------

    def read(self) -> LoadedFile:
        try:
            text = self.path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            self.file_problem("文件不是 UTF-8 编码", None, rule="encoding")
            return self.out
        except OSError as exc:
            self.file_problem(f"无法读取文件：{exc.strerror or exc}", None, rule="io")
            return self.out
        self.lines = text.splitlines()
        try:
            root = safeyaml.compose(text, _LOADER)
        except safeyaml.YamlLimitError as exc:
            line = exc.problem_mark.line + 1 if exc.problem_mark is not None else None
            self.file_problem(f"{exc.problem}（{exc.hint}）", line, rule="yaml")
            return self.out
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            line = mark.line + 1 if mark is not None else None
            self.file_problem(f"YAML 格式错误：{exc.problem or exc.context}", line, rule="yaml")
            return self.out
        except yaml.YAMLError as exc:
            self.file_problem(f"YAML 格式错误：{exc}", None, rule="yaml")
            return self.out
        if root is None:
            self.file_problem("文件是空的", None, rule="structure", severity="warning")
            return self.out
        if not isinstance(root, yaml.MappingNode):
            self.file_problem("文件应是一个映射（含 kind 和 entries）", _line(root), rule="structure")
            return self.out
        top = {str(k.value): v for k, v in root.value if isinstance(k, yaml.ScalarNode)}
        kind = _scalar(top.get("kind"))
        if kind not in KINDS:
            where = _line(top["kind"]) if "kind" in top else 1
            self.problem(
                f"kind 应是 {'、'.join(KINDS)} 之一" + (f"，不是“{kind}”" if kind else "（缺少 kind）"),
                where,
                field_="kind",
                rule="structure",
            )
            return self.out
        default_theme = _scalar(top.get("theme"))
        if default_theme is not None and default_theme not in THEMES:
            self.problem(f"主题“{default_theme}”不存在（可选：{'、'.join(THEMES)}）", _line(top["theme"]),
                         field_="theme", rule="theme")  # fmt: skip
            return self.out
        entries = top.get("entries")
        if not isinstance(entries, yaml.SequenceNode):
            self.problem("缺少条目列表 entries", _line(entries) if entries is not None else 1,
                         field_="entries", rule="structure")  # fmt: skip
            return self.out
        for index, node in enumerate(entries.value):
            fields = self.fields(node, f"entries[{index}]")
            if fields is not None:
                entry = self.entry(kind, fields, default_theme, _line(node), index)
                if entry is not None:
                    self.out.entries.append(entry)
        return self.out

    def fields(self, node: yaml.Node, where: str) -> dict[str, _Field] | None:
        if not isinstance(node, yaml.MappingNode):
            self.problem("条目应是一个映射，如 {text: 提高站位, role: 站位, structure: 动宾}", _line(node),
                         field_=where, rule="structure")  # fmt: skip
            return None
        out: dict[str, _Field] = {}
        for key, value in node.value:
            name = str(key.value)
            if isinstance(value, yaml.ScalarNode):
                out[name] = _Field(
                    None if value.tag.endswith(":null") else str(value.value).strip(), _line(value)
                )
            elif isinstance(value, yaml.SequenceNode) and all(
                isinstance(v, yaml.ScalarNode) for v in value.value
            ):
                out[name] = _Field([str(v.value).strip() for v in value.value], _line(value))
            else:
                self.problem(f"字段“{name}”的值应是文字或文字列表", _line(value), field_=f"{where}.{name}",
                             rule="structure")  # fmt: skip
                return None
        return out

    def entry(self, kind: str, f: dict[str, _Field], default_theme: str | None, line: int,
              index: int) -> Entry | None:  # fmt: skip
        where = f"entries[{index}]"
        unknown = sorted(set(f) - _FIELDS[kind])
        if unknown:
            self.problem(f"{KIND_LABELS[kind]}条目不认识字段“{'、'.join(unknown)}”"
                         f"（可用：{'、'.join(sorted(_FIELDS[kind]))}）", f[unknown[0]].line,
                         field_=f"{where}.{unknown[0]}", rule="field")  # fmt: skip
            return None
        theme = _text(f.get("theme")) or default_theme
        if not theme:
            self.problem("缺少主题 theme", line, field_=f"{where}.theme", rule="theme")
            return None
        if theme not in THEMES:
            self.problem(f"主题“{theme}”不存在（可选：{'、'.join(THEMES)}）", f["theme"].line,
                         field_=f"{where}.theme", rule="theme")  # fmt: skip
            return None
        role = _text(f.get("role"))
        if not role:
            self.problem("缺少角色 role", line, field_=f"{where}.role", rule="role")
            return None
        if role not in ROLES:
            self.problem(f"角色“{role}”不在角色表中（{'、'.join(ROLES)}）", f["role"].line,
                         field_=f"{where}.role", rule="role", severity="warning")  # fmt: skip
        structure = _text(f.get("structure"))
        if structure and structure not in STRUCTURES:
            self.problem(f"结构“{structure}”应是 {'、'.join(STRUCTURES)} 之一", f["structure"].line,
                         field_=f"{where}.structure", rule="structure-tag")  # fmt: skip
            return None
        common = {"theme": theme, "role": role, "structure": structure, "source": self.source,
                  "file": str(self.path), "line": line}  # fmt: skip
        if kind == "phrase":
            return self.phrase(f, line, where, common)
        if kind == "pair":
            return self.pair(f, line, where, common)
        return self.itemised(kind, f, line, where, common)

    def phrase(self, f: dict[str, _Field], line: int, where: str, common: dict[str, Any]) -> Entry | None:
        text = _text(f.get("text"))
        if not text:
            self.problem("缺少短语 text", line, field_=f"{where}.text", rule="text")
            return None
        if not FOUR_CHARS.fullmatch(text):
            self.problem(f"短语应恰好是四个汉字，“{text}”是{len(text)}个字符", f["text"].line,
                         field_=f"{where}.text", rule="four-chars")  # fmt: skip
            return None
        return Entry("phrase", text, **common)

    def pair(self, f: dict[str, _Field], line: int, where: str, common: dict[str, Any]) -> Entry | None:
        head, tail = _text(f.get("head")), _text(f.get("tail"))
        style, group = _text(f.get("style")), _text(f.get("group"))
        for name, value in (("head", head), ("tail", tail), ("style", style), ("group", group)):
            if not value:
                self.problem(f"对仗条目缺少 {name}", line, field_=f"{where}.{name}", rule="pair")
                return None
        assert head and tail and style and group
        if style not in PAIR_SEPARATORS:
            self.problem(f"style 应是 space（空格）或 comma（逗号），不是“{style}”", f["style"].line,
                         field_=f"{where}.style", rule="pair")  # fmt: skip
            return None
        if style == "space" and not FOUR_CHARS.fullmatch(head):
            self.problem(f"空格式对仗的前半句应恰好是四个汉字，“{head}”不是", f["head"].line,
                         field_=f"{where}.head", rule="pair")  # fmt: skip
            return None
        if not CJK_ONLY.fullmatch(head) or not 2 <= len(head) <= 10:
            self.problem(
                f"前半句“{head}”应是2至10个汉字", f["head"].line, field_=f"{where}.head", rule="pair"
            )
            return None
        if not CJK_TEXT.fullmatch(tail) or not 2 <= len(tail) <= 16:
            self.problem(f"后半句“{tail}”应是2至16个汉字（可含引号）", f["tail"].line,
                         field_=f"{where}.tail", rule="pair")  # fmt: skip
            return None
        text = f"{head}{PAIR_SEPARATORS[style]}{tail}"
        return Entry("pair", text, head=head, tail=tail, style=style, group=group, **common)

    def itemised(self, kind: str, f: dict[str, _Field], line: int, where: str,
                 common: dict[str, Any]) -> Entry | None:  # fmt: skip
        name = _text(f.get("name"))
        if not name:
            self.problem(f"{KIND_LABELS[kind]}条目缺少名称 name", line, field_=f"{where}.name", rule=kind)
            return None
        raw = f.get("items")
        items = raw.value if raw is not None else None
        least = 3 if kind == "set" else 2
        if not isinstance(items, list) or len(items) < least:
            self.problem(f"“{name}”应有至少{least}项 items（列表）", raw.line if raw else line,
                         field_=f"{where}.items", rule=kind)  # fmt: skip
            return None
        assert raw is not None
        if len(set(items)) != len(items):
            dup = next(i for i in items if items.count(i) > 1)
            self.problem(f"“{name}”中“{dup}”重复", raw.line, field_=f"{where}.items", rule=kind)
            return None
        pattern = CJK_ONLY if kind == "set" else CJK_TEXT
        bad = next((i for i in items if not pattern.fullmatch(i)), None)
        if bad is not None:
            self.problem(f"“{name}”的“{bad}”应只含汉字" + ("" if kind == "set" else "和引号"), raw.line,
                         field_=f"{where}.items", rule=kind)  # fmt: skip
            return None
        lengths = sorted({len(i) for i in items})
        if len(lengths) > 1:
            self.problem(f"“{name}”各项字数不等（{'、'.join(f'{i}（{len(i)}字）' for i in items)}），不成排比",
                         raw.line, field_=f"{where}.items", rule=f"{kind}-length",
                         severity=None if kind == "set" else "warning")  # fmt: skip
            if kind == "set":
                return None
        if kind == "framework":
            for expected, item in enumerate(items, start=1):
                got = number_word(item)
                if got != expected:
                    self.problem(
                        f"“{name}”第{expected}项“{item}”的数字词应是第{expected}个序数"
                        "（写成“一个中心”或“凝聚“一个合力””，依次编号）",
                        raw.line, field_=f"{where}.items", rule="framework-numbering",
                    )  # fmt: skip
                    return None
        return Entry(kind, "、".join(items), items=tuple(items), name=name, **common)


def _line(node: yaml.Node | None) -> int:
    return node.start_mark.line + 1 if node is not None else 1


def _scalar(node: yaml.Node | None) -> str | None:
    if isinstance(node, yaml.ScalarNode) and not node.tag.endswith(":null"):
        return str(node.value).strip()
    return None


def _text(f: _Field | None) -> str | None:
    if f is None or f.value is None:
        return None
    return f.value if isinstance(f.value, str) else None


def read_bank_file(path: Path, source: str = "packaged", severity: str = "error") -> LoadedFile:
    """The entries of one bank file; problems are reported with `severity` (unknown roles and
    similar soft problems are always warnings)."""
    return _FileReader(path, source, severity).read()


def bank_files(folder: Path) -> list[Path]:
    """The YAML files of a bank folder, sorted (phrases/*.yaml, sets.yaml, …)."""
    if folder.is_file():
        return [folder]
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())


def entry_key(entry: Entry) -> tuple[str, str]:
    """What makes two entries the same: a phrase's text, a set's or framework's name, a pair."""
    if entry.kind in ("set", "framework"):
        return entry.kind, entry.name
    return entry.kind, entry.text


def merge(files: Iterable[LoadedFile], severity_of: dict[str, str] | None = None) -> Iterator[Entry]:
    """Entries of all files without repeats; a repeat is reported on the later file (an error in
    packaged data, a warning when a user file repeats what is already there)."""
    seen: dict[tuple[str, str], Entry] = {}
    phrase_texts: dict[str, Entry] = {}
    for loaded in files:
        for entry in loaded.entries:
            key = entry_key(entry)
            first = seen.get(key) or (phrase_texts.get(entry.text) if entry.kind == "phrase" else None)
            if first is not None:
                where = (
                    f"{_short(first.file)}第{first.line}行"
                    if first.source == entry.source
                    else _source_label(first)
                )
                severity = (severity_of or {}).get(entry.source, "error")
                if first.source != entry.source:
                    severity = "warning"
                loaded.diagnostics.append(
                    Diagnostic.at(
                        f"“{entry.name or entry.text}”重复（已见于{where}），已忽略",
                        rule="duplicate",
                        file=entry.file,
                        line=entry.line,
                        severity=severity,
                    )
                )
                continue
            seen[key] = entry
            if entry.kind == "phrase":
                phrase_texts[entry.text] = entry
            yield entry


def _short(file: str | None) -> str:
    """phrases/jilv.yaml for /…/phrasebank/phrases/jilv.yaml: enough to find it, short to read."""
    return "/".join(Path(file).parts[-2:]) if file else "?"


def _source_label(entry: Entry) -> str:
    return {"packaged": "内置词库", "user": "用户词库"}.get(entry.source, f"“{entry.source}”中的词库")
