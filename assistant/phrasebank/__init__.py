"""The phrase bank: four-character phrases, parallel sets, numbered frameworks and heading pairs,
with a composer of parallel heading sets, search and a parallelism check.

    bank = load_bank()
    bank.compose(4, theme="作风建设")          # ["提高站位", "压实责任", …]
    bank.search("tgzw")                         # [Entry(text="提高站位", …), …]
    bank.check(["提高站位", "提高效能"])        # ["标题开头重复“提高”：…"]
    pinyin_initials("提高站位")                 # "tgzw" (what search matches Latin queries on)

Data: YAML under `phrasebank/` (packaged), the user folder's `phrasebank/` and WENMI_PATH; see
`assistant.phrasebank.loader` for the formats. jieba and pypinyin load on first use only.
"""

from __future__ import annotations

from assistant.phrasebank.bank import PhraseBank, clear_bank_cache, load_bank, validate_paths
from assistant.phrasebank.model import KINDS, PATTERNS, ROLES, STRUCTURES, Entry
from assistant.phrasebank.search import pinyin_initials

__all__ = [
    "KINDS",
    "PATTERNS",
    "ROLES",
    "STRUCTURES",
    "Entry",
    "PhraseBank",
    "clear_bank_cache",
    "load_bank",
    "pinyin_initials",
    "validate_paths",
]
