"""Punctuation checks (GB/T 9704 with GB/T 15834): Chinese text takes full-width marks."""

from __future__ import annotations

import re
from collections.abc import Iterable

from assistant.errors import Diagnostic

_HAN = r"[\u4e00-\u9fff“”《》（）]"
#: Half-width marks touching a Chinese character, and their full-width forms.
FULL_WIDTH = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
_MARK = "[" + re.escape("".join(FULL_WIDTH)) + "]"
_HALF_AFTER_HAN = re.compile(rf"(?<={_HAN}){_MARK}|{_MARK}(?={_HAN})")


def check_punctuation(lines: Iterable[tuple[int, str]], source: str) -> list[Diagnostic]:
    """One warning per line that has half-width punctuation next to Chinese characters."""
    out: list[Diagnostic] = []
    for number, text in lines:
        hits = list(_HALF_AFTER_HAN.finditer(text))
        if not hits:
            continue
        marks = "".join(dict.fromkeys(h.group(0) for h in hits))
        fixes = "、".join(f"“{m}”改为“{FULL_WIDTH[m]}”" for m in marks)
        out.append(
            Diagnostic.at(
                f"中文中用了 {len(hits)} 处半角标点：{fixes}",
                rule="punctuation",
                file=source,
                line=number,
                column=hits[0].start() + 1,
            )
        )
    return out
