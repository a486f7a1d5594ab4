"""Honours the unit itself received, told in the opening rather than under a section heading.

Drafters of summaries, experience articles and reports put what the unit was awarded (荣获“全国
先进基层党组织”, 在…考核中荣获“先进”等次) in the opening paragraph, as the result of the year's
work; under an action heading (完善机制, 建强支部) such a row is a heading over content it does
not describe. Honours of people or of a part of the unit (党员获评…, 多名队员荣获…) are work of a
section and stay there. A template takes the unit's honours by using `honours` in its body.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from assistant.compose.views import AchievementView
    from assistant.ledger.workbook import Achievement

#: A title that is an honour with no subject of its own (the unit's): 荣获…, 获评…, 被授予….
_HONOUR = re.compile(r"^(?:先后|还|并|成功)?(?:荣获|获评|获得|被评为|被授予|被命名为|被确定为|入选|获)")
#: An honour in an appraisal: 在2023年度…绩效考核中荣获“先进”等次.
_APPRAISED = re.compile(r"^在[^，。；]{2,30}?中(?:荣获|获评|获得|被评为|位列|名列)")
#: What makes 获得/获 an honour and not a gain (获得资金支持, 获得感).
_AWARD = re.compile(r"“|称号|荣誉|奖|先进|优秀|示范|标兵|模范|等次|表彰")
#: At most this share of the rows goes to the opening: a workbook of honours is about them.
_SHARE = 0.34


def _subjectless(title: str, unit: str) -> str:
    """The title without the unit's own name before the honour (厦门机场海关机关党委被授予…)."""
    for name in {unit, unit.removeprefix("中共")}:
        if name and title.startswith(name):
            return title[len(name) :]
    return title


def unit_honour(a: Achievement, unit: str) -> bool:
    """Whether `a` is an honour the unit itself received (see the module's text); a row the drafter
    placed in a section (`section`) stays where it was put."""
    if a.section:
        return False
    title = _subjectless((a.title or "").strip(), unit)
    if not (_HONOUR.match(title) or _APPRAISED.match(title)) or "获得感" in title:
        return False
    return bool(_AWARD.search(title))


def opening_honours(achievements: Sequence[Achievement], unit: str) -> list[int]:
    """The indices of the unit's honours to tell in the opening, or [] when they are too many of
    the rows (the sections would be left with too little, or the workbook is about honours)."""
    found = [i for i, a in enumerate(achievements) if unit_honour(a, unit)]
    if not found or len(found) > len(achievements) * _SHARE or len(achievements) - len(found) < 2:
        return []
    return found


#: The honour verbs said once for several names, and after which 先后 reads well.
_VERBS = ("荣获", "获评", "获得", "被评为", "被授予")
#: 荣获“A” + 荣获“B” -> 荣获“A”“B”: one verb for several names.
_NAMED = re.compile(rf"({'|'.join(_VERBS)})((?:“[^“”]+”)+)(荣誉称号|称号|荣誉)?")


def honours_text(views: Sequence[AchievementView], unit: str) -> str:
    """The honours as sentences for the opening, the unit their subject (阿娄社区先后荣获“A”“B”，
    获评“C”。): the rows' sentences with figures and details kept, the unit named once, an honour
    verb said once for several bare names. A sentence that opens otherwise (6月29日，…被授予…)
    keeps its own words."""
    parts: list[list[str]] = []  # [verb, names, suffix] or [whole clause]
    own: list[str] = []  # sentences with a subject or a time of their own
    for v in views:
        text = _subjectless(v.sentence.rstrip("。；，"), unit)
        m = _NAMED.fullmatch(text)
        if m and parts and len(parts[-1]) == 3 and parts[-1][0] == m.group(1) and parts[-1][2] == (m.group(3) or ""):
            parts[-1][1] += m.group(2)
        elif m:
            parts.append([m.group(1), m.group(2), m.group(3) or ""])
        elif _HONOUR.match(text) or _APPRAISED.match(text):
            parts.append([text])
        else:
            own.append(v.sentence)
    clauses = ["".join(p) for p in parts]
    several = len(clauses) >= 2 or (clauses and len(parts[0]) == 3 and parts[0][1].count("“") >= 2)
    lead = "先后" if several and clauses[0].startswith(_VERBS) else ""
    told = f"{unit}{lead}{'，'.join(clauses)}。" if clauses else ""
    return told + "".join(own)
