"""The grammatical shape of a heading, and the one heading of a set whose shape is not its
siblings' (the examiner's “不对仗”).

Parallel headings share one shape: action phrases (加强组织领导 / 严格质量管控), topic labels
(排查范围 / 排查重点), sentences in a speech. An examiner marks the heading that breaks the set:
a title's 关于…的… among headings, a sentence (各单位务必…, …做得比较扎实) among short phrases, a
topic label (经费问题, 应急准备方面) among action phrases. Only a shape that can be told from the
text with confidence is judged; a heading that may be either is left alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from statistics import median

#: Words that open an action phrase (a verb, or an adverb before one): 加强…, 层层压实…, 深入开展….
ACTION_OPENINGS = frozenset(
    "加强 加快 加大 强化 提升 提高 推进 推动 推行 规范 深化 完善 落实 严格 压实 压紧 健全 建立 建设 建强 建好 "
    "建成 坚持 开展 做好 做实 做强 做细 抓好 抓实 抓牢 抓细 优化 扎实 持续 深入 全面 层层 切实 着力 不断 进一 "
    "聚焦 突出 注重 狠抓 构建 打造 创新 拓展 拓宽 夯实 筑牢 增强 发挥 营造 培育 弘扬 实施 实行 巩固 确保 保障 "
    "围绕 明确 明晰 细化 精准 精简 及时 认真 广泛 积极 大力 主动 统筹 倡导 严守 严肃 严明 严把 守住 解决 整改 "
    "排查 检查 督查 督促 监督 丰富 融入 延伸 涵养 锤炼 锻造 修订 制定 组建 组织 召开 举办 征集 提供 带动 服务 "
    "关爱 助力 发展 激发 凝聚 宣传 学习 树牢 树立 用好 管好 守好 办好 讲好 唱响 坚定 贯彻 贯通 对标 倒排 压缩 "
    "改进 改善 减轻 降低 防范 防控 化解 破解 攻坚 补齐 补强 畅通 简化 公开 引导 引领 落细 保持 加速 促进 压减 "
    # verbs whose object is often 问题 (认领群众反映的问题 is an action, not a topic label)
    "认领 直面 检视 查摆 正视 查找 梳理 研究 剖析 深挖 排除 整治 根治 回应 发现 破除 处置 研判 分析 反映 针对 "
    "着眼 存在 倒查 清理 纠治 聚力 抓住 盯住 紧盯 紧扣 瞄准 厘清 理清 摸清 找准 把准 "
    "全力 壮大 做大 做优 做精 擦亮 打响 织密 扩大 稳定 稳住 提振 释放 盘活".split()
)  # fmt: skip
#: A heading that is a document's title: 关于数字档案的安全问题.
ABOUT = re.compile(r"^关于")
#: What makes a heading a sentence rather than a phrase: a modal (务必, 必须), a verb's 得
#: complement (做得, 抓得) or a degree word (比较扎实, 十分到位) that judges rather than names.
CLAUSE = re.compile(
    r"务必|必须|应当|一定要|(?:做|抓|干|搞|管|学|落实|推进|执行|完成|开展)得|(?:比较|较为|十分|非常|相当)"
    r"(?:扎实|到位|明显|突出|充分|有效|严格|规范|完善|及时|顺利|薄弱|欠缺|好)"
)
#: A topic label (经费问题, 应急准备方面): a noun phrase naming an area, not an action.
TOPIC = re.compile(r"(?:问题|方面)$")
#: What else makes a heading a statement (a report of what was done, a request) rather than a
#: phrase: the aspect particle 了 (采取了), 已经, a request to the reader opening it (请场馆…,
#: 恳请…; not 请示), 将 before what is to come (将进一步…), or a subject doing something: we
#: (我局已…, 我们将…) or a body of the administration followed by an adverb (市…中心每周…, 各单位要…).
STATEMENT = re.compile(
    r"(?<![为除])了(?![解结然如])|已经|业已"
    r"|^(?:请|恳请|敬请|特请|商请|提请)(?!示|求事项)"
    r"|将(?:进一步|继续|全力|持续|加快|着力|于|会|要)"
    r"|(?:我|本)(?:们|局|市|省|区|县|委|办|厅|部|院|校|所|司|中心|单位|公司)"
    r"(?:已|将|要|正|也|都|均|每|主动|积极|认真|始终|一直|先后|共)"
    r"|(?:中心|局|委|办|厅|部门|单位|政府|公司|学校|医院|机关|街道|社区)"
    r"(?:每[天日周月季年]|已|将|正在|要|均|都|也|先后|始终|一直)"
)
#: A noun phrase built on a clause (我局已采取的措施, 上级已部署的任务): it names, it does not state.
NOUN_PHRASE = re.compile(r"的[\u4e00-\u9fff]{1,4}$")
#: A subject-predicate phrase (党员管理更加规范, 服务效能明显提升): a noun, a degree or manner
#: adverb, what it does or becomes; it reports a state where action phrases name a task.
#: The adverbs and verbs of achievement that open such a predicate (粮食生产再获丰收, 乡村产业加快发展,
#: 和美乡村建设扎实推进): a summary's headings report what became of each field.
SUBJECT_PREDICATE = re.compile(
    r"^[\u4e00-\u9fff]{2,8}?(?:更加|更为|明显|显著|不断|稳步|日益|逐步|持续|进一步|加快|扎实|有序|再获|再创|再上)"
    r"[\u4e00-\u9fff]{2,4}$"
)
#: A noun phrase named by its head noun (检验检测体系, 联防联控机制): a thing, where action phrases
#: (加强源头管控, 推进追溯管理) name a task.
NOUN_HEAD = re.compile(r"(?:体系|机制|制度|体制|队伍|平台|格局|载体|阵地|网络)$")
#: A question (下一步怎么办, 特色产业如何做大做强？): a heading asks nothing.
QUESTION = re.compile(r"[？?]\s*$|怎么|怎样|如何|为什么|为何|是否|吗$|呢$")
#: The longest heading (characters, marks not counted) that still reads as a phrase among phrases.
PHRASE_MAX = 16


@dataclass(frozen=True)
class OddShape:
    """The heading at `index` of its set has `shape` (关于-phrase, sentence, topic label) where its
    siblings do not; `shape_name` and `others` say so in Chinese."""

    index: int
    shape: str
    shape_name: str
    others: str


_NAMES = {"about": "“关于……”的标题式短语", "clause": "一句话（有主语、情态词、“了”“已经”“请”或评价）", "topic": "“……问题/方面”式的名词短语",
          "subject": "主谓短语（说状态，不说要做的事）", "question": "问句"}


def shape(heading: str) -> str:
    """about, clause, topic, action, subject, noun, or other (not told apart)."""
    if ABOUT.match(heading):
        return "about"
    if CLAUSE.search(heading):
        return "clause"
    if heading[:2] in ACTION_OPENINGS:
        return "action"
    if TOPIC.search(heading):
        return "topic"
    if SUBJECT_PREDICATE.match(heading):
        return "subject"
    if NOUN_HEAD.search(heading):
        return "noun"
    return "other"


def odd_question(headings: list[str]) -> int | None:
    """The one heading of a set (three or more) that asks a question where none of the others
    does; None when there is none, or more than one (a speech may pose its headings as questions)."""
    asks = [i for i, h in enumerate(headings) if QUESTION.search(h)]
    return asks[0] if len(headings) >= 3 and len(asks) == 1 else None


def length(heading: str) -> int:
    """Characters of a heading without its marks and spaces."""
    return len(re.sub(r"[\s\u3000，,、；;：:“”‘’\"'《》（）()—]", "", heading))


def statement(heading: str) -> bool:
    """Whether a heading reads as a sentence: a modal, 得 or a judging degree word (`CLAUSE`),
    or a statement or request (`STATEMENT`) that is not a noun phrase built on one."""
    return bool(CLAUSE.search(heading)) or (bool(STATEMENT.search(heading)) and not NOUN_PHRASE.search(heading))


def odd_sentence(headings: list[str]) -> OddShape | None:
    """The one heading of a set that is a sentence among phrases, paired headings (加快…建设，切实…)
    included: its siblings (one is enough) are all phrases — no sentence, at most `PHRASE_MAX`
    characters — and it is either a sentence (`statement`) longer than the longest of them by two
    characters or more, or, whatever its words, far longer: twice the longest sibling and eight
    characters more. None when no heading, or more than one, is such."""
    if len(headings) < 2 or not all(headings):
        return None
    lengths = [length(h) for h in headings]
    found: list[OddShape] = []
    for i, h in enumerate(headings):
        others = [x for j, x in enumerate(headings) if j != i]
        longest = max(lengths[j] for j in range(len(headings)) if j != i)
        if any(statement(x) or length(x) > PHRASE_MAX for x in others):
            continue
        if statement(h) and lengths[i] >= longest + 2:
            found.append(OddShape(i, "clause", _NAMES["clause"], "短语"))
        elif lengths[i] >= 2 * longest and lengths[i] >= longest + 8:
            found.append(OddShape(i, "long", f"{lengths[i]}字的长句", f"{longest}字以内的短语"))
    return found[0] if len(found) == 1 else None


def odd_shapes(headings: list[str]) -> list[OddShape]:
    """The headings of a sibling set (single phrases, not pairs) whose shape breaks the set.

    - a 关于… phrase among headings none of which is one (two headings are enough);
    - a sentence among phrases, the longest of its set by two characters or more (three or more);
    - a topic label among action phrases, of another length (three or more), or ending in 方面
      (作风建设方面 among 加强政治建设 / 夯实基层基础: an area named, not a task);
    - one heading that is not a 关于… phrase where all the others (two or more) are: a 纪要's
      topics (关于春耕生产工作 / 关于…整治工作) with a bare noun among them (高标准农田);
    - a short phrase that is neither (技能人才) among three or more action phrases, shorter than
      the shortest of them by three characters or more;
    - a noun phrase named by its head (检验检测体系) among two or more action phrases;
    - an action phrase (深化农村改革) among two or more subject-predicate phrases (乡村产业加快发展).
    """
    shapes = [shape(h) for h in headings]
    n = len(headings)
    out: list[OddShape] = []
    for i, (h, s) in enumerate(zip(headings, shapes, strict=True)):
        others = [x for j, x in enumerate(headings) if j != i]
        other_shapes = [x for j, x in enumerate(shapes) if j != i]
        if s != "about" and n >= 3 and all(x == "about" for x in other_shapes):
            out.append(OddShape(i, "not-about", "没有用“关于……”的短语", "“关于……”的短语"))
            continue
        if s == "other" and n >= 4 and all(x == "action" for x in other_shapes) and len(h) <= min(len(x) for x in others) - 3:
            out.append(OddShape(i, "noun", "名词短语", "动宾短语"))
            continue
        if s == "noun" and n >= 3 and all(x == "action" for x in other_shapes):
            out.append(OddShape(i, "noun", "名词短语（说事物，不说要做的事）", "动宾短语"))
            continue
        # an action phrase that reads as subject-predicate too (服务效能明显提升: 服务 opens both) is not odd
        if s == "action" and n >= 3 and all(x == "subject" for x in other_shapes) and not SUBJECT_PREDICATE.match(h):
            out.append(OddShape(i, "action", "动宾短语（说要做的事）", "主谓短语（说做成了什么）"))
            continue
        if s not in ("about", "clause", "topic", "subject") or s in other_shapes:
            continue
        longest = max(len(x) for x in others)
        middle = median(len(x) for x in others)
        if s == "about":
            odd = n >= 2
        elif s == "clause":
            odd = n >= 3 and len(h) >= longest + 2
        elif s == "subject":
            odd = n >= 3 and all(x == "action" for x in other_shapes)
        else:
            # a topic label of another length, or of the same length among four or more actions
            odd = n >= 3 and all(x == "action" for x in other_shapes) and (abs(len(h) - middle) >= 2 or n >= 4 or h.endswith("方面"))
        if odd:
            kind = "动宾短语" if s in ("topic", "subject") else "短语"
            out.append(OddShape(i, s, _NAMES[s], kind))
    return out
