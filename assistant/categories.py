"""The seven work categories: the one place they are defined."""

from __future__ import annotations

CATEGORIES: tuple[str, ...] = (
    "政治建设",
    "思想建设",
    "组织建设",
    "作风建设",
    "纪律建设",
    "宣传与品牌",
    "群团与服务",
)

#: Folder name under templates/ and id prefix for each category.
CATEGORY_FOLDERS: dict[str, str] = {
    "政治建设": "zhengzhi",
    "思想建设": "sixiang",
    "组织建设": "zuzhi",
    "作风建设": "zuofeng",
    "纪律建设": "jilv",
    "宣传与品牌": "xuanchuan",
    "群团与服务": "quntuan",
}

CATEGORY_PREFIXES: dict[str, str] = {
    "政治建设": "zz",
    "思想建设": "sx",
    "组织建设": "zs",
    "作风建设": "zf",
    "纪律建设": "jl",
    "宣传与品牌": "xc",
    "群团与服务": "qt",
}

#: Phrase-bank themes: the seven categories plus 通用 (general).
THEMES: tuple[str, ...] = (*CATEGORIES, "通用")


def nearest_category(text: str) -> str | None:
    """The category closest to `text` by shared characters, or None if nothing is close."""
    best, score = None, 0.0
    for cat in CATEGORIES:
        shared = len(set(text) & set(cat))
        s = shared / max(len(set(cat)), 1)
        if s > score:
            best, score = cat, s
    return best if score >= 0.5 else None
