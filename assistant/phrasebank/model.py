"""What the phrase bank holds: entries and the vocabularies that tag them (the one place for them)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.categories import CATEGORY_FOLDERS, THEMES

#: Entry kinds, in the order listings and search results show them.
KINDS: tuple[str, ...] = ("phrase", "pair", "set", "framework")
KIND_LABELS: dict[str, str] = {"phrase": "短语", "pair": "对仗", "set": "成套", "framework": "框架"}

#: Heading patterns `compose` can produce.
PATTERNS: tuple[str, ...] = ("phrase", "pair", "framework")
PATTERN_LABELS: dict[str, str] = {"phrase": "四字短语", "pair": "对仗标题", "framework": "数字框架"}

#: Roles, in the order sections of a 公文 usually run (站位 first, 成效 last); composed phrase
#: headings are listed in this order.
ROLES: tuple[str, ...] = (
    "站位", "思想", "学习", "组织", "责任", "落实", "机制", "制度", "作风", "纪律", "监督",
    "廉洁", "整改", "队伍", "服务", "融合", "创新", "宣传", "品牌", "氛围", "保障", "成效",
)  # fmt: skip
STRUCTURES: tuple[str, ...] = ("动宾", "并列", "偏正", "主谓", "动补")

#: Pair styles and how head and tail are joined.
PAIR_SEPARATORS: dict[str, str] = {"space": "\u3000", "comma": "，"}
PAIR_STYLE_LABELS: dict[str, str] = {"space": "空格（四字＋高X）", "comma": "逗号（动宾＋动宾）"}

GENERAL_THEME = "通用"

#: Short and folder names people type for themes (作风 / zuofeng / tongyong -> the theme).
THEME_ALIASES: dict[str, str] = {
    **{folder: theme for theme, folder in CATEGORY_FOLDERS.items()},
    "tongyong": GENERAL_THEME,
    **{theme[:2]: theme for theme in THEMES},
    "宣传": "宣传与品牌",
    "品牌": "宣传与品牌",
    "群团": "群团与服务",
    "服务": "群团与服务",
}

_CJK = "\u4e00-\u9fff\u3400-\u4dbf"
#: Exactly four Chinese characters.
FOUR_CHARS = re.compile(f"[{_CJK}]{{4}}")
#: Chinese characters only (set items, pair heads).
CJK_ONLY = re.compile(f"[{_CJK}]+")
#: Chinese characters, Chinese quotes and 、 (pair tails, framework items).
CJK_TEXT = re.compile(f"[{_CJK}“”、·]+")


def resolve_theme(text: str | None) -> str | None:
    """The theme named by `text` (full name, short name or folder); None if it names none."""
    if text is None:
        return None
    t = text.strip()
    if t in THEMES:
        return t
    return THEME_ALIASES.get(t) or THEME_ALIASES.get(t.lower())


@dataclass(frozen=True)
class Entry:
    """One bank entry. `text` is what a writer inserts: the phrase, the joined pair, or a set's or
    framework's items joined with “、”. Parts that do not apply to a kind are "" or ()."""

    kind: str
    text: str
    theme: str
    role: str
    structure: str = ""
    items: tuple[str, ...] = ()
    name: str = ""
    head: str = ""
    tail: str = ""
    style: str = ""
    group: str = ""
    #: "packaged", "user", or the WENMI_PATH folder it came from.
    source: str = "packaged"
    file: str | None = field(default=None, compare=False)
    line: int | None = field(default=None, compare=False)

    @property
    def tags(self) -> tuple[str, ...]:
        """Theme and role (and structure when known): what search by meaning matches."""
        return tuple(t for t in (self.theme, self.role, self.structure) if t)

    @property
    def headword(self) -> str:
        """The first two characters of the heading part (what must not repeat in a set)."""
        return (self.head or self.text)[:2]

    def to_dict(self) -> dict[str, object]:
        """JSON-ready form (as `wenmi phrases list --format json` prints it)."""
        data: dict[str, object] = {
            "text": self.text,
            "kind": self.kind,
            "tags": [self.theme, self.role],
            "theme": self.theme,
            "role": self.role,
            "structure": self.structure,
            "source": self.source,
        }
        if self.kind in ("set", "framework"):
            data["name"] = self.name
            data["items"] = list(self.items)
        if self.kind == "pair":
            data.update(head=self.head, tail=self.tail, style=self.style, group=self.group)
        if self.file:
            data["file"] = self.file
            data["line"] = self.line
        return data
