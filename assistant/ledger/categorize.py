"""Which of the seven categories an achievement belongs to, and the content words of a text.

- `words(text)`: content words (jieba, no stopwords, at least two characters).
- `infer_category(a)`: the category an uncategorised achievement most likely belongs to, from
  its title, tags and detail (jieba words against a lexicon per category).

jieba is loaded on first use, never at import, and of its dictionary only the part the texts
need (`segment.exact_jieba`: the same cuts as the whole dictionary's).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Any, Protocol

from assistant.categories import CATEGORIES

#: Words that point to each category; longer words weigh more. Matched in titles, tags, details.
CATEGORY_LEXICON: dict[str, tuple[str, ...]] = {
    "政治建设": (
        "政治", "第一议题", "两个维护", "两个确立", "党中央", "政治站位", "政治生活", "民主集中制",
        "请示报告", "二十大", "习近平", "新时代", "中心组", "政治监督", "主题教育", "党委会", "政治理论",
        "四个意识", "理论武装", "决策部署",
    ),
    "思想建设": (
        "思想", "理论学习", "学习教育", "党课", "读书", "宣讲", "思想状况", "调查", "座谈", "研讨",
        "意识形态", "理想信念", "学习强国", "专题学习", "培训", "考试", "教育", "共识", "思想政治",
    ),
    "组织建设": (
        "支部", "党支部", "党员发展", "发展对象", "组织生活", "三会一课", "主题党日", "标准化", "规范化",
        "党务", "组工", "换届", "书记项目", "星级", "基层党组织", "党组织", "党员教育", "干部", "人才",
        "工作模板", "党建工作", "组织", "党员", "千分制",
    ),
    "作风建设": (
        "作风", "整改", "调度", "督导", "督办", "效率", "实施方案", "配档表", "一线专班", "专班",
        "办实事", "形式主义", "官僚主义", "担当", "严真细实快", "践行举措", "问题导向", "落实",
        "检查反馈", "能力提升", "调研", "调查研究", "走访",
    ),
    "纪律建设": (
        "纪律", "廉洁", "廉政", "警示", "违纪", "八项规定", "巡察", "审计", "纪检", "处分", "问责",
        "家风", "谈心谈话", "反腐", "清廉", "党风廉政", "监督执纪", "案例教育",
    ),
    "宣传与品牌": (
        "宣传", "品牌", "报道", "推介", "新媒体", "发布会", "典型", "公众号", "网站", "稿件",
        "宣传片", "子品牌", "系列报道", "信息", "展示", "文化", "影响力", "刊",
    ),
    "群团与服务": (
        "工会", "共青团", "团委", "青年", "志愿", "服务", "职工", "群众", "扶贫", "乡村振兴", "帮扶",
        "慰问", "统战", "妇女", "送温暖", "文体", "困难", "消费扶贫", "双报到", "助农", "滞销",
        "为民", "民主党派", "党外",
    ),
}  # fmt: skip


#: Short names people use for the categories (作风 -> 作风建设).
CATEGORY_SHORT: dict[str, str] = {
    "政治": "政治建设", "思想": "思想建设", "组织": "组织建设", "作风": "作风建设", "纪律": "纪律建设",
    "宣传": "宣传与品牌", "品牌": "宣传与品牌", "群团": "群团与服务", "服务": "群团与服务",
}  # fmt: skip


#: Words too common in this genre to tell anything apart.
STOPWORDS = frozenset(
    [
        "工作",
        "开展",
        "组织",
        "进行",
        "推进",
        "推动",
        "加强",
        "全面",
        "深入",
        "持续",
        "不断",
        "有效",
        "积极",
        "相关",
        "各级",
        "各类",
        "方面",
        "部门",
        "单位",
        "情况",
        "我们",
        "一个",
        "一步",
        "以及",
        "通过",
        "围绕",
        "结合",
        "坚持",
        "实现",
        "提升",
        "进一步",
        "切实",
        "建设",
        "党建",
        "公司",
        "中心",
        "集团",
        "年度",
        "全年",
        "累计",
        "完成",
        "形成",
        "共计",
        "合计",
        "其中",
        "主要",
        "重点",
        "同时",
        "为了",
        "作为",
        "一批",
        "一系列",
        "党委",
        "党群",
        "用于",
        "写成",
        "场合",
        "起草",
        "制定",
        "部署",
        "组织开展",
        "牵头",
        "督导",
        "各单位",
        "适用",
        "适合",
        "材料",
        "文件",
    ]
)


_WORD = re.compile(r"[\u4e00-\u9fffA-Za-z]{2,}")


class AchievementLike(Protocol):
    """What matching needs of an achievement (workbook.Achievement, or a view of one)."""

    @property
    def title(self) -> str: ...
    @property
    def category(self) -> str | None: ...
    @property
    def detail(self) -> str | None: ...
    @property
    def tags(self) -> Sequence[str]: ...
    @property
    def section(self) -> str | None: ...
    @property
    def metrics(self) -> Sequence[Any]: ...


def _jieba() -> Any:
    from assistant.segment import exact_jieba  # the full dictionary's cuts, loaded as needed

    return exact_jieba()


@lru_cache(maxsize=8192)
def words(text: str) -> tuple[str, ...]:
    """Content words of `text` (jieba, no stopwords, at least two characters), in order."""
    if not text:
        return ()
    out = []
    for token in _jieba().lcut(text):
        token = token.strip()
        if len(token) >= 2 and _WORD.fullmatch(token) and token not in STOPWORDS:
            out.append(token)
    return tuple(out)


@lru_cache(maxsize=4096)
def _category_scores(title: str, tags: tuple[str, ...], detail: str) -> tuple[float, ...]:
    for tag in tags:
        cat = tag if tag in CATEGORIES else CATEGORY_SHORT.get(tag)
        if cat:
            return tuple(10.0 if c == cat else 0.0 for c in CATEGORIES)
    head = f"{title} {' '.join(tags)}"
    tokens = set(words(head)) | set(words(detail))
    scores = []
    for cat in CATEGORIES:
        score = 0.0
        for word in CATEGORY_LEXICON[cat]:
            weight = 1.0 + 0.5 * (len(word) - 1)
            if word in tokens:
                score += 1.5 * weight
            elif word in head:
                score += weight
            elif word in detail:
                score += 0.5 * weight
        scores.append(score)
    return tuple(scores)


def infer_category(a: AchievementLike) -> str | None:
    """The most likely category from title, tags and detail; None when nothing points anywhere.

    A tag that names a category (作风建设, or just 作风) decides.
    """
    scores = _category_scores(a.title or "", tuple(a.tags or ()), a.detail or "")
    best = max(scores)
    return CATEGORIES[scores.index(best)] if best > 0 else None
