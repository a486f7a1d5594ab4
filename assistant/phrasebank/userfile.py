"""Adding the user's own phrases to their phrase-bank file (atomically, never a duplicate)."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from assistant import safeyaml
from assistant.atomic import write_text_atomic
from assistant.categories import THEMES
from assistant.errors import WenmiError
from assistant.phrasebank.bank import clear_bank_cache, load_bank
from assistant.phrasebank.model import FOUR_CHARS, ROLES, STRUCTURES, Entry, resolve_theme

#: The file `wenmi phrases add` writes, inside the user's phrasebank folder.
USER_FILE = "my-phrases.yaml"
_ITEM = re.compile(r"^([ \t]*)- ", re.MULTILINE)
_HEADER = "# 我的短语：wenmi phrases add 写入，也可以手工编辑（格式同内置词库）。\nkind: phrase\nentries:\n"


def user_phrase_file() -> Path:
    from assistant.paths import user_dir

    return user_dir() / "phrasebank" / USER_FILE


def add_user_phrase(text: str, theme: str, role: str, structure: str | None = None) -> tuple[Entry, Path]:
    """Append a four-character phrase to the user's file; WenmiError if it is malformed or the
    bank already has it. Returns the new entry and the file written."""
    text = text.strip()
    if not FOUR_CHARS.fullmatch(text):
        raise WenmiError(f"短语应恰好是四个汉字，“{text}”不是", field="text")
    resolved = resolve_theme(theme)
    if resolved is None:
        raise WenmiError(f"没有名为“{theme}”的主题", field="--theme", hint=f"可选：{'、'.join(THEMES)}")
    if role not in ROLES:
        raise WenmiError(f"没有“{role}”这个角色", field="--role", hint=f"可选：{'、'.join(ROLES)}")
    if structure and structure not in STRUCTURES:
        raise WenmiError(
            f"没有“{structure}”这种结构", field="--structure", hint=f"可选：{'、'.join(STRUCTURES)}"
        )
    existing = load_bank().find(text)
    if existing is not None and existing.kind == "phrase":
        where = "用户词库" if existing.source == "user" else "词库"
        raise WenmiError(f"“{text}”已在{where}中（{existing.theme}·{existing.role}），不再重复添加",
                         file=existing.file, line=existing.line)  # fmt: skip
    path = user_phrase_file()
    old = _read_user_file(path)
    fields = f"text: {text}, theme: {resolved}, role: {role}" + (
        f", structure: {structure}" if structure else ""
    )
    new = _appended(old, f"{{{fields}}}", path)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_text_atomic(path, new)
    clear_bank_cache()
    entry = Entry("phrase", text, resolved, role, structure or "", source="user", file=str(path),
                  line=new.count("\n"))  # fmt: skip
    return entry, path


def _read_user_file(path: Path) -> str:
    """The user's phrase file as text ("" when there is none yet); WenmiError when unreadable."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return ""
    except OSError as exc:
        raise WenmiError(f"无法读取用户短语文件：{exc.strerror or exc}", file=str(path)) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise WenmiError("用户短语文件不是 UTF-8 编码，未作改动", file=str(path), line=line,
                         hint="用记事本等编辑器“另存为”UTF-8 编码后再添加") from None  # fmt: skip


def _appended(old: str, entry: str, path: Path) -> str:
    """The file text with one more entry (a flow mapping) at the end of `entries`, matching the
    file's indentation; the file is rewritten whole when appending a line would not parse as one
    more entry (a hand-edited file of another shape)."""
    if not old.strip():
        return f"{_HEADER}  - {entry}\n"
    try:
        before = safeyaml.load(old)
    except safeyaml.YamlLimitError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark is not None else None
        raise WenmiError(str(exc.problem), file=str(path), line=line, hint=exc.hint) from None
    except yaml.YAMLError:
        raise WenmiError("用户短语文件不是合格的 YAML，请先修正", file=str(path),
                         hint="用 wenmi phrases validate 查看出错的行") from None  # fmt: skip
    if not isinstance(before, dict) or before.get("kind") != "phrase":
        raise WenmiError("用户短语文件应是 kind: phrase 的短语文件", file=str(path), field="kind")
    entries = before.get("entries") or []
    if not isinstance(entries, list):
        raise WenmiError("用户短语文件的 entries 应是列表", file=str(path), field="entries")
    new_entry = yaml.safe_load(entry)
    indents = _ITEM.findall(old)
    candidate = old + ("" if old.endswith("\n") else "\n") + f"{indents[-1] if indents else '  '}- {entry}\n"
    try:
        after = safeyaml.load(candidate)
    except yaml.YAMLError:
        after = None
    if isinstance(after, dict) and after.get("entries") == [*entries, new_entry]:
        return candidate
    data = {k: v for k, v in before.items() if k != "kind"}
    data["entries"] = [*entries, new_entry]
    return "kind: phrase\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
