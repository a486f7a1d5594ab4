"""What a heading claims about the work under it, and whether the workbook says so.

A section heading is read as a statement about the section: “线上学习　用好学习强国平台” says the
unit studied on the 学习强国 platform, “结对帮扶　一对一解决实际困难” that it solved hardships one
to one. Over achievements that never mention either, such a heading asserts something nobody
told us, which a drafter must catch and rewrite. Headings are made of two kinds of words:

- words of manner, quality and effect (筑牢, 实效, 高标准, 激发活力 …) that any heading may use,
  listed in `GENERIC` (and the common verbs of `grouping.COMMON_VERBS`);
- words that name a thing, a practice or a group of people (学习强国, 第一议题, 品牌, 职工,
  调研 …): each must be found in the section's achievements, either literally or as the general
  word of a Party-building concept the section is about (学习 over 党课 and 读书班, 服务 over
  慰问 and 办实事: the concept names of `lexicon.CONCEPTS`).

`claims(heading, group)` lists the words of the second kind the section does not support.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

#: Words of manner, degree, quality and effect: they say how well or to what end, not what was
#: done, so they need no support in the achievements.
GENERIC = frozenset(
    """
    聚焦 突出 注重 坚持 坚定 筑牢 夯实 压实 压紧 激发 激活 凝聚 凝心 聚力 汇聚 增强 增进 增效 提质 提速
    提振 锤炼 锻造 营造 树牢 树立 擦亮 彰显 促进 助力 保障 确保 抓实 抓好 做实 办好 管好 走实 下功夫 上见
    上作 之风 起来 大兴 务求 狠抓 狠抓落实 紧盯 紧扣 锚定 立足 把握 把准 找准 对标 对表 看齐 拓展 拓宽 扩大
    优化 统筹 协调 贯通 融入 巩固 保持 厚植 涵养 弘扬 传承 赓续 永葆 践行 笃行 力行 实干 务实 真抓实干
    用力 用心 当好 争当 争先 创优 赶超 进取 奋进 奋斗 担当 作为 尽责 履职 负责 主动 自觉 及时 定期 持续
    日常 常态 长效 长效机制 制度化 体系化 精准 全面 深入 扎实 有力 有效 有序 高效 高标准 高质量 高效率
    高水平 高规格 高起点 全方位 全过程 全局 整体 综合 一流 从严 严格 严肃 严明 严守 坚决 切实
    实效 质效 成效 效能 实绩 佳绩 成果 水平 质量 效率 能力 本领 作用 活力 动能 动力 合力 优势 价值 功能
    氛围 根基 基础 支撑 保障 底线 防线 红线 导向 方向 目标 任务 举措 措施 思路 路径 理念 方式 方法 形式
    模式 内容 内涵 标准 要求 关键 核心 重点 节点 链条 闭环 体系 格局 布局 局面 态势 声势 底色 亮点 特色
    心系 设计 体会 建议 专题 站位 倒排 工期 规格 领导 责任 结合 提升 发挥 掌握 充分 精细 畅通 跟进 检验 思维 深入基层 建强 提供 回应 维护 强起来 亮起来 响起来 健全 完善
    规范 管理 品格 本色 定力 正气 清风 新风 生态 土壤 人心 民心 共识 信心 热情 情怀 使命 初心 信念 宗旨 大局 主业
    主责 一线 身边 实处 落地 落细 见效 见底 取得实效 注重实效 解决问题 联系实际 融会贯通 学深悟 学懂
    弄通 明理 增信 规律 深度 功底 延伸 末梢 入口 关口 节奏 时限 态度 结果 进度 不足 短板 难点 堵点 难题
    提高效率 立行立 落细落 知责于 担责于 履责于 小上 严字 以严 为先 真字 真的 细字 以细 以实 为本 实字 以快
    快字 攻坚克难 令行禁止 新征程 新时代 新成效 新作为 新气象 新局面 新篇章 新高度 新突破 新活力 全力
    奋力 着力 倾力 竭力 合力 内外 各方 互促 共赢 共享 引领 带动 表率
    """.split()
)


@lru_cache(maxsize=1)
def _concept_names() -> dict[str, tuple[str, ...]]:
    from assistant.compose.lexicon import CONCEPTS

    return {name: triggers for name, triggers in CONCEPTS.items()}


@lru_cache(maxsize=65536)
def _heading_words(heading: str) -> tuple[str, ...]:
    from assistant.compose.grouping import COMMON_VERBS
    from assistant.ledger.categorize import words

    return tuple(w for w in dict.fromkeys(words(heading)) if w not in COMMON_VERBS and not _generic(w))


def _generic(word: str) -> bool:
    """Whether a word says only how: listed in `GENERIC`, or a four-character compound of two
    such words (发挥优势, 提升质效), which names no more than its halves do."""
    from assistant.compose.grouping import COMMON_VERBS

    if word in GENERIC:
        return True
    return len(word) == 4 and all(h in GENERIC or h in COMMON_VERBS for h in (word[:2], word[2:]))


#: Between the achievements in `group_text` (never in a title): lets the text alone say which
#: concepts most of the section's achievements have, so that work on it can be cached by text.
_ITEM = "\x1e"


def group_text(group: Sequence[Any]) -> str:
    """Everything the achievements of a section say about themselves."""
    items: list[str] = []
    for a in group:
        parts = [str(getattr(a, "title", "") or ""), str(getattr(a, "detail", "") or "")]
        parts += [str(t) for t in getattr(a, "tags", None) or ()]
        parts += [str(getattr(m, "label", "") or "") for m in getattr(a, "metrics", None) or ()]
        parts.append(str(getattr(a, "category", "") or ""))
        items.append("\n".join(parts))
    return _ITEM.join(items)


@lru_cache(maxsize=65536)
def concepts_of(text: str) -> frozenset[str]:
    """The Party-building concepts `text` points to."""
    return frozenset(name for name, triggers in _concept_names().items() if any(t in text for t in triggers))


def section_concepts(group: Sequence[Any]) -> frozenset[str]:
    """The concepts a section is about: those at least half of its achievements point to (one
    mention of a 示范点 among five rows of roads and toilets does not make a section about 品牌)."""
    return _section_concepts(group_text(group))


@lru_cache(maxsize=4096)
def _section_concepts(text: str) -> frozenset[str]:
    items = text.split(_ITEM)
    counts: dict[str, int] = {}
    for item in items:
        for name in concepts_of(item):
            counts[name] = counts.get(name, 0) + 1
    need = max(1, (len(items) + 1) // 2)
    return frozenset(name for name, n in counts.items() if n >= need)


def claims(heading: str, group: Sequence[Any], text: str | None = None) -> tuple[str, ...]:
    """The words of `heading` that name something the achievements of `group` do not mention.

    `text` is `group_text(group)` when the caller has it already."""
    return _claims(heading, group_text(group) if text is None else text)


@lru_cache(maxsize=65536)
def _claims(heading: str, text: str) -> tuple[str, ...]:
    """`claims` of a section's text (weighing sets of headings asks for the same ones again)."""
    out: list[str] = []
    concepts: frozenset[str] | None = None
    for w in _heading_words(heading):
        if concepts is None and w not in text:
            concepts = _section_concepts(text)
        if _said(w, text, concepts or frozenset()):
            continue
        # a long word whose halves are each said or generic: 心得体会 over 心得, 专题研讨 over
        # 学习 (研讨 being a general word of 理论学习); not 学习强国 over 学习
        if len(w) == 4 and all(h in GENERIC or _said(h, text, concepts or frozenset()) for h in (w[:2], w[2:])):
            continue
        out.append(w)
    return tuple(out)


#: Words that say something else inside these compounds: 厚植文化 over “文化程度偏低”, 选好书记 over
#: a 书记项目, 拓展合作 over a 素质拓展 are the same characters in another sense, and do not support
#: the heading.
OTHER_SENSE: dict[str, tuple[str, ...]] = {
    "文化": ("文化程度", "文化水平"),
    "书记": ("书记项目",),
    # 拓展合作 over 素质拓展 (outdoor training), 服务党员 over 窗口服务员 (a post)
    "拓展": ("素质拓展", "拓展训练"),
    "服务": ("服务员",),
}


@lru_cache(maxsize=65536)
def _literally(word: str, text: str) -> bool:
    """Whether `text` has `word` in its own sense (not only inside an `OTHER_SENSE` compound)."""
    if word not in text:
        return False
    for compound in OTHER_SENSE.get(word, ()):
        text = text.replace(compound, "")
    return word in text


def _said(word: str, text: str, concepts: frozenset[str]) -> bool:
    """Whether the section says `word`: literally, or as the general word of a concept it is about."""
    return _literally(word, text) or any(_general_word_of(word, name) for name in concepts)


#: The general words of each concept of `lexicon.CONCEPTS`: a section about the concept supports
#: them even when its achievements use other words (学习 over 党课, 关爱 over 慰问). The concepts'
#: other triggers name particular practices (学习强国, 第一议题, 独居老人) and must be said.
GENERAL_WORDS: dict[str, frozenset[str]] = {
    name: frozenset(words.split())
    for name, words in {
        "理论学习": "学习 理论 研讨 交流 心得 思想 武装",
        "党课": "党课 学习",
        "教育培训": "教育 培训 能力 素质 本领",
        "组织生活": "组织生活 组织 支部",
        "党员队伍": "党员 队伍",
        "组织体系": "组织 支部 基层 堡垒",
        "制度机制": "制度 机制 流程",
        "政治责任": "政治 责任",
        "督导考评": "督导 督查 督办 检查 考核 考评",
        "整改落实": "整改 问题",
        "调查研究": "调研 调查 研究 走访 实情",
        "纪律廉洁": "纪律 廉洁 监督 廉政",
        "宣传报道": "宣传 报道 传播",
        "品牌示范": "品牌 示范 特色",
        "评优表彰": "典型 先进 榜样 表彰 荣誉 评优 创优 争先",
        "文化活动": "文化 活动 文体 文艺",
        "体育健身": "活动 文体 健身 体育 体质 强身健体 全民健身 运动",
        "志愿服务": "志愿 服务",
        "服务群众": "服务 群众 民生 关爱 为民 实事",
        "乡村振兴": "乡村 振兴 帮扶 增收 产业",
        "职工工会": "职工 工会 关爱",
        "青年工作": "青年 青春 团员",
        "安全应急": "安全 应急",
        "中心工作": "发展 中心 业务 生产 经营",
        "创新数字": "创新 数字",
        "统一战线": "统战",
        "文明创建": "文明 创建 环境 整治",
        "基础设施": "设施 基础设施",
        "共建融合": "共建 联建 融合 协同 联动",
        "意识形态": "意识形态 阵地",
        "干部人才": "干部 人才 队伍",
    }.items()
}


def _general_word_of(word: str, concept: str) -> bool:
    """Whether `word` says no more than `concept` does: a word of its name or one of its general
    words."""
    return word in concept or word in GENERAL_WORDS.get(concept, frozenset())


def named(heading: str, group: Sequence[Any], text: str | None = None) -> int:
    """How many words of `heading` that name a thing or practice (not manner: `GENERIC`) the
    section says, itself or through a concept it is about (发挥优势 names nothing; 服务青年 names
    青年 and 服务)."""
    text = group_text(group) if text is None else text
    return len(_heading_words(heading)) - len(claims(heading, group, text))


def supported(heading: str, group: Sequence[Any], text: str | None = None) -> int:
    """How many words of `heading` the section says, itself or through a concept it is about:
    0 for a heading that would fit any section (“创新方法　多举措激发工作活力”)."""
    from assistant.compose.grouping import COMMON_VERBS
    from assistant.ledger.categorize import words

    text = group_text(group) if text is None else text
    said = sum(
        1 for w in dict.fromkeys(words(heading)) if w not in COMMON_VERBS and _generic(w) and _literally(w, text)
    )
    return said + named(heading, group, text)


#: Verbs of going somewhere: as a heading's verb (深入企业, 扎根基层) they say the unit went there,
#: though as adverbs (深入推进) they say only how.
_MOTION_VERBS = frozenset({"深入", "走进", "扎根", "下沉", "直插"})
#: A verb with a complement of result (建好, 选好, 抓实, 建强) is said when its first character is.
_RESULT_COMPLEMENTS = "好实强牢亮细优足"


@lru_cache(maxsize=1)
def _structures() -> dict[str, str]:
    """The phrase bank's four-character headings and their structure (动宾, 并列…)."""
    from assistant.phrasebank import load_bank

    return {e.text: str(getattr(e, "structure", "") or "") for e in load_bank().all_entries if len(e.text) == 4}


def verb_unsaid(heading: str, text: str) -> bool:
    """Whether a verb-object heading's verb is one the section never uses: 直插现场 over a job
    fair (现场招聘会), 上好团课 over rows that organise 团课 but never 上 one. Verbs of manner
    (`GENERIC`) and the common ones (开展, 加强…) go over anything."""
    from assistant.compose.grouping import COMMON_VERBS

    if len(heading) != 4 or _structures().get(heading) != "动宾":
        return False
    verb = heading[:2]
    if (verb in GENERIC or verb in COMMON_VERBS) and verb not in _MOTION_VERBS:
        return False
    stem = verb[0] if verb[1] in _RESULT_COMPLEMENTS else verb
    return stem not in text
