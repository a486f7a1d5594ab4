"""A lexicon of Party-building work: what an achievement is about, beyond its exact words.

`CONCEPTS` names kinds of work, each with the words that point to it. Two achievements that
share a concept (党课 and 自学 are both 理论学习; 慰问 and 助学 are both 帮扶关爱) belong together
more than two that only share a category, and much more than two that share nothing. The
concepts say what was done (学习, 组织生活, 阵地, 制度, 作风, 服务…); 青年工作 and 职工工会 say
for whom, and in a 团委's or a 工会's workbook every row has them, which frequency weighting
(grouping) then discounts.

`concepts_in(text)` reads a text by longest match: where triggers overlap, the longer one wins,
so 意识形态阵地 is 意识形态, not 阵地载体, and 希望工程 is 帮扶关爱, not 中心工作. Other modules
(claims, paragraphs) match the triggers by substring; a trigger should be specific enough not to
fire on unrelated text either way.
"""

from __future__ import annotations

import re
from functools import lru_cache

CONCEPTS: dict[str, tuple[str, ...]] = {
    "理论学习": (
        "学习", "自学", "理论", "读书", "研讨", "中心组", "学习强国", "二十大", "会议精神", "全会精神", "两会",
        "宣讲", "习近平", "讲话精神", "重要讲话", "重要论述", "第一议题", "读书班", "心得", "青年大学习",
        "团课", "思想引领", "主题教育", "学思", "党史", "党章", "党规", "原著", "导读", "领学", "四史",
        "理想信念", "初心使命", "红色教育", "爱国主义", "思想政治", "讲党课", "上党课", "专题党课", "微党课",
    ),
    "党课": ("党课", "讲党课", "专题党课", "微党课"),
    "教育培训": (
        "培训", "轮训", "授课", "讲座", "课程", "培训班", "业务知识", "能力提升", "素质提升", "练兵",
        "岗位技能", "实训", "现场教学", "教育基地", "实践教育", "参观", "践学", "考试", "辅导", "专题辅导",
        "知识测试", "以考促学",
    ),
    "组织生活": (
        "三会一课", "主题党日", "党日", "党员活动日", "组织生活", "支委会", "党员大会", "支部大会",
        "民主评议", "党小组", "民主生活会", "组织生活会", "入团", "入队", "入党", "仪式", "重温入党誓词",
        "政治生日", "批评与自我批评",
    ),
    "党员队伍": (
        "发展党员", "积极分子", "预备党员", "发展对象", "党员管理", "党费", "积分", "先锋", "示范岗",
        "先锋岗", "责任区", "亮身份", "党员突击队", "突击队", "设岗定责", "承诺践诺", "流动党员",
        "组织关系", "成员调整", "党员教育管理",
    ),
    "组织体系": (
        "标准化", "规范化", "星级", "换届", "临时党支部", "支部建设", "党组织", "团支部", "团建", "片区",
        "组织覆盖", "新建", "少先队", "少工委", "基层组织", "两新", "非公", "社会组织", "书记项目",
        "过硬支部", "战斗堡垒", "党建联盟", "工作模式", "组织设置", "选举", "党代会", "团代会", "党代表",
        "团代表",
    ),
    "阵地载体": (
        "阵地", "场所", "服务站", "服务中心", "党群服务", "驿站", "服务大厅", "活动室", "实践基地",
        "示范基地", "之家", "书屋", "展厅", "展馆", "功能布局", "办公设施", "活动场地", "载体",
    ),
    "制度机制": (
        "制度", "机制", "规章", "办法", "细则", "流程", "汇编", "清单", "三重一大", "决策", "民主集中制",
        "常态化", "长效", "规范", "台账", "制度化",
    ),
    "政治责任": (
        "政治", "主体责任", "一岗双责", "第一责任", "党委会", "党组会", "决策部署", "请示报告", "两个维护",
        "两个确立", "责任落实", "责任制", "述职", "党建责任", "政治站位",
    ),
    "督导考评": (
        "督导", "督查", "督办", "调度", "考评", "考核", "观摩", "检查", "评比", "评估", "测评", "通报",
        "点评", "述职评议", "年终考评",
    ),
    "整改落实": ("整改", "问题清单", "反馈问题", "销号", "堵点", "难点", "短板", "形式主义", "官僚主义"),
    "调查研究": (
        "调研", "座谈", "调查", "问卷", "意见建议", "征集", "听取", "蹲点", "民情", "解剖麻雀", "调研文章",
        "大调研", "调研报告",
    ),
    "纪律廉洁": (
        "纪律", "廉洁", "廉政", "警示", "八项规定", "监督", "巡察", "审计", "违纪", "谈心谈话", "家风",
        "清廉", "纪检", "诫勉", "谈话提醒", "提醒谈话", "以案促改", "四风", "廉洁自律", "遵纪守法",
    ),
    "作风效能": (
        "作风", "效能", "马上就办", "窗口", "优质服务", "行风", "投诉", "一站式", "一次性", "一口式",
        "营商环境", "服务质量", "首问", "限时办结", "减负", "文风", "会风", "担当作为", "政务服务",
        "放管服", "服务承诺", "真抓实干",
    ),
    "宣传报道": (
        "宣传", "报道", "新闻", "稿件", "公众号", "微信", "网站", "新媒体", "推送", "刊发", "简报",
        "宣传片", "展板", "专栏", "公益广告", "氛围", "海报", "直播", "短视频", "媒体", "电视台", "宣传手册",
        "宣传栏", "信息报送",
    ),
    # a brand a unit builds and the honours it is given are different work: 打造品牌 over a list
    # of awards claims a brand nobody named
    "品牌示范": ("品牌", "标杆", "党建示范点", "示范支部", "案例", "名片"),
    "评优表彰": (
        "典型", "先进", "表彰", "评选", "优秀", "荣誉", "模范", "榜样", "获评", "入选", "荣获", "选树",
        "评先评优", "夺冠", "金奖", "奖章", "奖状", "先进事迹", "劳模", "劳动模范", "工人先锋号", "事迹",
        "文明号", "受表彰",
    ),
    # culture and sport are different work: 增强体质 over an essay contest, 厚植文化 over a sports
    # meet name what the rows are not
    "文化活动": (
        "文化", "文艺", "演出", "展览", "竞赛", "读书会", "观影", "书画", "歌咏", "朗诵", "征文",
        "演讲", "联欢", "汇演", "联谊", "相亲", "交友", "游园", "歌会", "知识竞赛", "唱红歌", "话剧",
    ),
    "体育健身": (
        "运动", "比赛", "运动会", "球赛", "健步走", "健身", "体育", "健步", "徒步", "长走", "体质", "拓展",
        "趣味运动", "乒乓", "篮球", "足球", "羽毛球", "拔河", "跳绳",
    ),
    "劳动竞赛": ("劳动竞赛", "技能竞赛", "技能比赛", "技能大赛", "岗位练兵", "职业技能", "建功立业", "合理化建议"),
    "志愿服务": ("志愿", "义务", "公益", "献血", "义诊", "义剪", "学雷锋", "双报到"),
    "服务群众": (
        "群众", "办实事", "民生", "为民", "便民", "诉求", "急难愁盼", "服务对象", "满意度", "实际问题",
        "解决问题", "办事渠道", "点单", "最后一公里", "接诉即办", "服务项目", "代办",
    ),
    "帮扶关爱": (
        "慰问", "困难", "关爱", "独居", "留守", "送温暖", "孤寡", "老人", "残疾", "儿童", "空巢", "救助",
        "帮扶", "结对帮扶", "助学", "希望工程", "捐助", "捐赠", "微心愿", "困境", "解困", "脱困", "贫困",
        "弱势", "退休", "慰问金", "走访慰问", "救助金",
    ),
    "乡村振兴": (
        "乡村振兴", "扶贫", "驻村", "农产品", "农民", "增收", "助农", "产业", "村集体", "种植",
        "养殖", "合作社", "脱贫", "特色产业", "基地建设", "土地流转", "流转", "农副产品", "滞销",
    ),
    "基础设施": (
        "道路", "硬化", "管网", "下水道", "污水", "路灯", "水利", "塘堰", "自来水", "饮水", "桥梁", "危房",
        "改厕", "公厕", "供暖", "基础设施", "设施", "清淤", "村道", "通村",
    ),
    "职工工会": (
        "职工", "工会", "工匠", "劳动", "福利", "疗休养", "女职工", "职代会", "会员", "五一",
        "农民工", "工友", "就业", "招聘", "岗位",
    ),
    "青年工作": (
        "青年", "团员", "共青团", "青少年", "学生", "大学生", "团委", "青春", "少年", "红领巾",
        "实习", "青年之家", "青年文明号", "团干部", "少先队员",
    ),
    "安全应急": (
        "安全", "应急", "抢险", "防汛", "疫情", "保电", "救援", "抗灾", "防控", "消防", "值守", "防疫",
        "核酸", "抗疫", "保供", "突击任务",
    ),
    "中心工作": (
        "生产", "经营", "项目", "工程", "电网", "效益", "攻坚", "重点工作", "揭榜", "中心工作",
        "发展", "招商", "税收", "纳税", "业务", "重点工程", "重大工程", "提质增效", "降本", "业务融合",
    ),
    "创新数字": ("创新", "数字化", "信息化", "平台", "智慧", "线上", "云", "网络", "数据", "小程序", "APP"),
    "统一战线": ("统战", "民主党派", "党外", "无党派", "侨", "新的社会阶层", "宗教", "民族"),
    "文明创建": (
        "文明城市", "创城", "文明实践", "环境", "卫生", "垃圾分类", "整治", "文明创建", "创文", "移风易俗",
        "人居环境", "绿化", "美丽乡村", "环保", "清洁", "乱搭乱建", "乱堆乱放", "文明社区", "志愿者之家",
    ),
    "共建融合": ("共建", "联建", "结对", "联学", "融合", "驻楼", "联盟", "协同", "联动", "互联", "联合"),
    "意识形态": ("意识形态", "舆情", "网络安全", "思想动态", "思想状况", "意识形态阵地", "舆论阵地", "网络阵地"),
    "干部人才": ("干部", "人才", "文化程度", "学历", "选拔", "任用", "年轻干部", "轮岗", "挂职", "后备", "骨干", "梯队"),
}  # fmt: skip

#: Words that name who did the work or whom it served. Read whole, they hide the concepts inside
#: them (党员干部 is not 干部人才 work); the kind of work is in the rest of the text.
PEOPLE: frozenset[str] = frozenset(
    """
    党员 党员干部 团员 青年 青少年 职工 群众 居民 村民 同志 支部 党支部 成员 全体 在职党员 老党员 社区
    村级 机关 单位 团干部 少先队员 会员
    """.split()
)


@lru_cache(maxsize=1)
def _matcher() -> tuple[re.Pattern[str], dict[str, tuple[str, ...]]]:
    owners: dict[str, list[str]] = {}
    for name, triggers in CONCEPTS.items():
        for t in triggers:
            owners.setdefault(t, []).append(name)
    for w in PEOPLE:
        owners.setdefault(w, [])
    # longest first: the regex alternation takes the first alternative that matches at a place
    ordered = sorted(owners, key=lambda t: (-len(t), t))
    pattern = re.compile("|".join(re.escape(t) for t in ordered))
    return pattern, {t: tuple(names) for t, names in owners.items()}


@lru_cache(maxsize=16384)
def concepts_in(text: str) -> tuple[str, ...]:
    """The concepts `text` points to, longest trigger first where triggers overlap, in order of
    first mention, no repeats."""
    if not text:
        return ()
    pattern, owners = _matcher()
    found: dict[str, None] = {}
    for m in pattern.finditer(text):
        for name in owners[m.group(0)]:
            found.setdefault(name, None)
    return tuple(found)


@lru_cache(maxsize=65536)
def heading_concepts(heading: str) -> frozenset[str]:
    """The concepts a heading names. A four-character phrase is read as two words of two (争先
    进位, 完善设施): a two-character trigger across its middle (先进 in 争先进位) names nothing."""
    pattern, owners = _matcher()
    found: set[str] = set()
    for part in re.split(r"[\s\u3000，,、；;：:]+", heading):
        for m in pattern.finditer(part):
            if len(part) == 4 and len(m.group(0)) == 2 and m.start() % 2:
                continue
            found.update(owners[m.group(0)])
    return frozenset(found)
