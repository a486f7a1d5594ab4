"""Third examiner corpus for `wenmi check` / `wenmi fix` (issue 13), written without reading the rules.

    python benchmarks/check_eval3/make_corpus.py OUT_DIR [--no-office] [--verify]

Writes into OUT_DIR the .docx files and key.yaml in the layout benchmarks/bench_check.py reads:

    defective: [{file, kind, made, defects: [{category, paragraph, note}]}]
    clean:     [{file, kind, made}]

`paragraph` is the 1-based index of the paragraph among the document's body paragraphs (tables not
counted), as `wenmi check --format json` numbers them; null when the defect spans the document.

Five kinds of office document (通知, 实施方案, 工作总结, 报告, 函, plus a short 通知), each written
as an office worker would in Word: direct formatting on a Chinese-Word default template, custom styles,
Word's built-in heading styles, a document grid, a LibreOffice round trip, pandoc with a reference
docx. The defective documents carry 1 to 4 planted defects each in 13 categories; the clean documents
follow GB/T 9704-2012 as ../shared/GBT9704.md states.

--verify renders every document with LibreOffice (fonts mapped by ../shared/tools/fonts.conf when it
exists) and checks the page geometry the key relies on: each planted pagination defect is really
there (a heading on the last line of a page, a signature split from its date...), and the clean
documents have 22 lines a page, 28 characters a full line, no heading on the last line of a page and
the signature on the page of its date.
"""

from __future__ import annotations

import copy
import math
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent

# --------------------------------------------------------------------------------------------------
# GB/T 9704-2012 figures (twips unless said otherwise; 1 mm = 56.69 twips)
# --------------------------------------------------------------------------------------------------
A4 = (11906, 16838)  # 5.1: A4, 210 x 297 mm
MARGINS = {"top": 2098, "bottom": 1984, "left": 1588, "right": 1474}  # 5.2.1: 37 / 35 / 28 / 26 mm
TEXT_WIDTH = 8844  # 5.2.1: 156 mm
FOOTER = 1417  # 7.5: the dash line about 7 mm under the text block (footer 25 mm from the edge)
LINE = 579  # 5.2.3: 22 lines in 225 mm -> 28.95 pt, exact
CONDENSE = -5  # 5.2.3: 28 characters of 3号 in 156 mm -> 15.75 pt pitch (condensed 0.25 pt)
BODY_FONT, TITLE_FONT, H1_FONT, H2_FONT = "仿宋_GB2312", "方正小标宋简体", "黑体", "楷体_GB2312"
PAGE_FONT = "宋体"


@dataclass
class Fmt:
    """Formatting of one paragraph (or one paragraph style)."""

    font: str | None = BODY_FONT  # None: nothing set, the theme font applies
    ascii_font: str | None = None  # Latin face, when it differs
    size: float | None = 16
    bold: bool | None = None
    color: str | None = None
    condense: int | None = CONDENSE  # twentieths of a point
    align: str | None = "both"
    first_chars: int | None = 200  # hundredths of a character
    first_tw: int | None = None  # first-line indent in twips only (Word's "0.74 厘米")
    hanging_tw: int | None = None
    left_chars: int = 0
    left_tw: int | None = None  # left indent in twips only (Word's automatic "1." list)
    right_chars: int = 0
    line: tuple[str, int] | None = ("exact", LINE)
    before: int | None = 0
    after: int | None = 0
    after_lines: int | None = None  # hundredths of a line (Word's "段后 0.5 行")
    keep_next: bool = False
    snap: bool | None = None  # False: not snapped to the document grid (a title on a character grid)
    style: str | None = None  # pStyle id
    borders: dict[str, int] | None = None  # side -> w:sz (eighths of a point)
    tabs: list[tuple[str, int]] | None = None


BODY = Fmt()
CLEAN: dict[str, Fmt] = {
    "title": Fmt(font=TITLE_FONT, size=22, align="center", first_chars=0, condense=None),
    "blank": Fmt(),
    "zs": Fmt(first_chars=0),
    "p": Fmt(),
    "h1": Fmt(font=H1_FONT),
    "h2": Fmt(font=H2_FONT),
    "h3": Fmt(),
    "att": Fmt(),
    "att2": Fmt(first_chars=500),
    "sign": Fmt(align="right", first_chars=0, right_chars=200),
    "date": Fmt(align="right", first_chars=0, right_chars=400),
    # 版记 (7.4): 4号, rules 0.35 / 0.25 / 0.35 mm as wide as the text block (so no paragraph indent: the
    # text is one character in by a full-width space and a right tab); 25 pt lines so that the two lines
    # and their rules take the two last lines of the page
    "cc": Fmt(size=14, align="left", first_chars=0, condense=None, borders={"top": 8, "bottom": 6},
              line=("exact", 500)),
    "yf": Fmt(size=14, align="left", first_chars=0, condense=None, borders={"bottom": 8},
              tabs=[("right", TEXT_WIDTH - 280)], line=("exact", 500)),
    "cell": Fmt(size=14, align="center", first_chars=0, line=("auto", 240), condense=None),
}  # fmt: skip

@dataclass
class Block:
    role: str
    text: str = ""
    rows: list[list[str]] | None = None  # role "table"
    fmt: dict[str, Any] = field(default_factory=dict)  # overrides of this block's Fmt


@dataclass
class Doc:
    file: str
    kind: str
    blocks: list[Block]
    made: str = "direct"  # direct, styles, headings, grid, pandoc
    round_trip: str | None = None  # "docx" or "odt": opened and saved again in LibreOffice
    page: tuple[int, int] = A4
    landscape: bool = False
    margins: dict[str, int] = field(default_factory=lambda: dict(MARGINS))
    footer: str = "gbt"  # see add_page_numbers
    role_fmt: dict[str, dict[str, Any]] = field(default_factory=dict)  # role -> overrides
    h1_builtin: bool = False  # level-1 headings in Word's unmodified "Heading 1"
    defects: list[dict[str, Any]] = field(default_factory=list)  # category, at (text or None), note


# --------------------------------------------------------------------------------------------------
# Contents (written for this corpus; names of places and people are invented)
# --------------------------------------------------------------------------------------------------
def B(role: str, text: str = "", **fmt: Any) -> Block:
    return Block(role, text, fmt=fmt)


def T(rows: list[list[str]]) -> Block:
    return Block("table", rows=rows)


NOTICE_SIGN, NOTICE_DATE = "临江市防汛抗旱指挥部办公室", "2024年4月28日"


def notice() -> list[Block]:
    return [
        B("title", "关于开展汛前安全隐患排查整治工作的通知"),
        B("blank"),
        B("zs", "各区水务局，局属各单位："),
        B("p", "为切实做好今年防汛工作，及早发现和消除水利工程及在建工地的安全隐患，确保安全度汛，根据市防汛抗旱"
               "指挥部统一部署，决定在全市范围内开展汛前安全隐患排查整治工作（以下简称“排查整治”）。现将有关事项"
               "通知如下。"),
        B("h1", "一、排查范围"),
        B("p", "全市范围内的中小型水库、山塘、堤防、水闸、泵站等水利工程，在建水利工程施工现场，以及城区易涝点"
               "和地下空间排水设施。"),
        B("h1", "二、排查重点"),
        B("h2", "（一）水利工程运行安全"),
        B("p", "重点检查水库、山塘大坝有无裂缝、渗漏、塌陷，溢洪道是否畅通，闸门启闭设备能否正常运行，监测预警"
               "设施是否完好，防汛物料是否按标准储备到位。"),
        B("h2", "（二）在建工地度汛安全"),
        B("p", "重点检查施工围堰、基坑、临时道路和生活营地的度汛措施，检查度汛方案和应急预案是否编制审批，抢险"
               "队伍、设备和物资是否落实。"),
        B("h2", "（三）城区排水防涝设施"),
        B("p", "重点检查易涝点排水设施、下穿通道和地下车库挡水设施，以及排水管网清淤疏浚情况。"),
        B("h1", "三、时间安排"),
        B("p", "排查整治工作自即日起至5月31日结束，分三个阶段进行。"),
        B("h2", "（一）自查阶段（5月10日前）"),
        B("p", "各单位对照排查重点逐项开展自查，建立隐患清单。"),
        B("h2", "（二）整改阶段（5月11日至25日）"),
        B("p", "对排查发现的隐患，能立即整改的立即整改；不能立即整改的，落实临时度汛措施，明确整改时限和"
               "责任人。"),
        B("h2", "（三）督查阶段（5月26日至31日）"),
        B("p", "市防汛办组织督查组，对各单位排查整治情况进行抽查。"),
        B("h1", "四、工作要求"),
        B("p", "各单位要高度重视，坚持“查隐患、补短板、强弱项”，主要负责同志亲自部署，分管负责同志具体抓落实，"
               "确保排查不留死角、整改不留隐患。请于5月31日前将排查整治情况统计表报市防汛办，电子版发送至"
               "工作邮箱。"),
        B("p", "联系人：王振华，联系电话：0571-87654321。"),
        B("blank"),
        B("att", "附件：1.汛前安全隐患排查整治情况统计表"),
        B("att2", "2.水利工程汛前安全检查重点部位清单"),
        B("blank"),
        B("sign", NOTICE_SIGN),
        B("date", NOTICE_DATE),
    ]  # fmt: skip


NOTICE_FILL = [
    "请各单位认真抓好落实。",
    "排查情况实行日报告制度。",
    "各区水务局要对辖区内水利工程逐一建立隐患台账，明确整改责任单位和责任人，实行销号管理。",
    "对排查中发现的重大隐患，要及时向属地政府报告，并落实专人盯守，必要时降低水位运行。",
    "要加强与气象、自然资源等部门的信息共享，及时掌握雨情水情变化，做好预警信息发布。",
    "要组织技术人员深入一线，对工程关键部位进行现场检查，切实提高排查质量。",
    "要注重发挥基层巡查员作用，做到发现及时、报告准确、处置迅速。",
    "对往年汛期出现过险情的工程，要作为重点对象，逐一复核除险加固措施是否落实到位。",
]

PLAN_SIGN, PLAN_DATE = "临江市档案馆", "2024年1月15日"


def plan() -> list[Block]:
    return [
        B("title", "临江市档案馆档案数字化工作实施方案"),
        B("blank"),
        B("p", "为贯彻落实《“十四五”全国档案事业发展规划》和省档案局关于加快推进档案数字化转型的部署要求，进一步"
               "提升馆藏档案利用服务水平，结合我馆实际，制定本方案。"),
        B("h1", "一、总体要求"),
        B("p", "坚持统筹规划、分步实施、安全可控的原则，以馆藏档案数字化为重点，以数字档案馆建设为目标，力争到年底"
               "完成馆藏重要档案数字化加工任务，基本实现馆藏档案“应数尽数”。"),
        B("h1", "二、主要任务"),
        B("h2", "（一）加快存量档案数字化"),
        B("p", "按照先重点后一般、先利用率高后利用率低的顺序，对馆藏文书档案、婚姻登记档案、土地房产档案等开展"
               "数字化加工，全年计划完成120万画幅。"),
        B("h2", "（二）规范增量档案电子化"),
        B("p", "指导立档单位同步开展电子文件归档，做好接收进馆档案的数字化副本移交，确保新进馆档案全部具备数字"
               "副本。"),
        B("h2", "（三）强化数字档案安全管理"),
        B("p", "严格落实数字化外包服务安全管理要求，加工场所实行封闭管理，数据实行异地备份，确保档案实体和数据"
               "安全。"),
        B("h1", "三、实施步骤"),
        B("p", "工作分三个阶段推进，具体安排如下表。"),
        T([["阶段", "时间", "主要任务"],
           ["准备阶段", "1月至3月", "制定方案，完成服务采购"],
           ["实施阶段", "4月至10月", "开展数字化加工和质量检查"],
           ["验收阶段", "11月至12月", "组织数据验收，完成数据挂接"]]),
        B("h1", "四、保障措施"),
        B("h2", "（一）加强组织领导"),
        B("p", "成立由馆长任组长的档案数字化工作领导小组，统筹推进各项工作，定期研究解决工作中的重大问题。"),
        B("h2", "（二）落实经费保障"),
        B("p", "将档案数字化经费纳入年度预算，专款专用，严格按照合同约定支付服务费用。"),
        B("h2", "（三）严格质量管控"),
        B("p", "实行加工单位自检、监理抽检和馆内终检三级质检制度，抽检比例不低于5%，确保数字化成果质量符合标准。"),
        B("blank"),
        B("sign", PLAN_SIGN),
        B("date", PLAN_DATE),
    ]  # fmt: skip


PLAN_FILL = [
    "各项工作实行清单化管理。",
    "请各科室认真抓好落实。",
    "各科室要按照职责分工，细化工作措施，明确时间节点，确保各项任务按期完成。",
    "要加强与外包服务单位的沟通协调，及时解决工作推进中遇到的困难和问题。",
    "要建立工作台账，实行周调度、月通报制度，推动各项任务落到实处。",
    "要把档案数字化与档案资源建设、开发利用工作统筹起来，发挥数字档案的最大效益。",
    "对推进中发现的共性问题，要及时研究提出解决办法，并在全馆范围内推广好的经验做法。",
    "要主动对接立档单位，摸清档案家底，做到底数清、情况明。",
]

SUMMARY_SIGN, SUMMARY_DATE = "临平区市场监督管理局", "2024年1月8日"


def summary(table: bool = True) -> list[Block]:
    blocks = [
        B("title", "临平区2023年食品安全工作总结"),
        B("blank"),
        B("p", "2023年，区市场监管局在区委、区政府的坚强领导下，坚持以人民为中心的发展思想，严格落实食品安全"
               "“四个最严”要求，全区未发生较大以上食品安全事故，群众食品安全满意度持续提升。现将全年工作"
               "总结如下。"),
        B("h1", "一、主要工作及成效"),
        B("h2", "（一）压实食品安全责任"),
        B("p", "全面推行食品安全“两个责任”，建立分层级、精准化包保责任体系，全区各级包保干部累计开展督导1860"
               "次，督导覆盖率达到100%。推动412家食品生产经营企业配备食品安全总监和安全员，建立“日管控、周排查、"
               "月调度”工作机制。"),
        B("h2", "（二）强化重点领域监管"),
        B("p", "聚焦校园食品、农村集体聚餐、网络订餐等重点领域，开展专项整治行动8次。全年检查各类食品生产经营"
               "主体5326户次，责令整改问题238个，立案查处食品安全违法案件96件，罚没款126.5万元。"),
        B("h2", "（三）提升抽检监测效能"),
        B("p", "全年完成食品安全监督抽检3150批次，抽检合格率为98.6%，对不合格食品全部依法核查处置，核查处置率"
               "100%。"),
        B("p", "全年主要监管数据见下表。"),
        T([["指标", "单位", "2023年", "同比"],
           ["检查生产经营主体", "户次", "5326", "增长9.3%"],
           ["监督抽检", "批次", "3150", "增长6.1%"],
           ["立案查处", "件", "96", "增长12.9%"],
           ["罚没款", "万元", "126.5", "增长4.2%"]]),
        B("h2", "（四）推进食品安全社会共治"),
        B("p", "组织开展食品安全宣传周、“你点我检”等活动23场，发放宣传资料1.2万份。畅通投诉举报渠道，全年受理"
               "食品类投诉举报1247件，按时办结率100%。"),
        B("h1", "二、存在的问题"),
        B("p", "一是部分小餐饮、小作坊主体责任意识不强，从业人员健康管理、进货查验记录等制度落实不到位。二是基层"
               "监管力量与监管任务不相匹配，专业技术人员相对缺乏。三是新业态监管手段有待创新，网络订餐线上线下"
               "一体化监管仍需加强。"),
        B("h1", "三、2024年工作打算"),
        B("p", "2024年，我局将继续坚持问题导向，重点做好以下工作。"),
        B("h2", "（一）深化责任落实"),
        B("p", "持续推进包保督导工作，督促企业落实主体责任，推动食品安全责任体系高效运转。重点抓好两项工作："),
        B("h3", "1.推动企业规范履职。督促食品生产经营企业的食品安全总监、安全员按照岗位职责开展自查，做到风险"
                "早发现、早处置。"),
        B("h3", "2.完善工作机制。全面落实“日管控、周排查、月调度”工作机制，对落实不到位的企业依法约谈。"),
        B("h2", "（二）加强风险防控"),
        B("p", "加大重点品种、重点区域抽检力度，完善风险会商机制，及时发现和处置风险隐患。"),
        B("h2", "（三）提升监管能力"),
        B("p", "加强基层执法人员业务培训，推广“互联网+明厨亮灶”，提高智慧监管水平。"),
        B("h2", "（四）推进社会共治"),
        B("p", "完善投诉举报奖励制度，引导行业协会加强自律，营造共建共治共享的良好氛围。"),
        B("blank"),
        B("sign", SUMMARY_SIGN),
        B("date", SUMMARY_DATE),
    ]  # fmt: skip
    if not table:
        blocks = [b for b in blocks if b.role != "table" and not b.text.startswith("全年主要监管数据")]
    return blocks


SUMMARY_FILL = [
    "全年工作取得了明显成效。",
    "各项任务均按期完成。",
    "我们坚持把食品安全作为重大民生工程来抓，推动监管关口前移，着力从源头上防范风险。",
    "各市场监管所认真履行属地监管职责，加大日常巡查力度，督促经营者规范经营行为。",
    "针对群众反映集中的问题，我们及时组织开展专项检查，做到件件有回音、事事有着落。",
    "同时，我们注重发挥行业协会作用，引导企业加强自律，营造诚信守法的良好氛围。",
    "在节假日和重大活动期间，我们提前部署保障工作，确保了重要时段的食品安全。",
    "下一步还要加大对农村地区的监管力度，补齐农村食品安全监管的短板。",
    "我们把食品安全工作纳入对各街道的年度考核，考核结果作为评先评优的重要依据。",
    "在学校食堂推行校长陪餐和家长参与监督制度，学生家长对校园食品安全的满意度明显提高。",
    "对网络订餐平台开展了专项约谈，督促平台落实入网商户资质审核责任。",
    "全年还组织开展了两次食品安全应急演练，检验了应急处置队伍的实战能力。",
]

REPORT_SIGN, REPORT_DATE = "临江县安全生产委员会办公室", "2024年7月5日"


def report() -> list[Block]:
    return [
        B("title", "关于2024年上半年安全生产工作情况的报告"),
        B("blank"),
        B("zs", "市应急管理局："),
        B("p", "根据《关于报送2024年上半年安全生产工作总结的通知》要求，现将我县上半年安全生产工作情况报告如下。"),
        B("h1", "一、基本情况"),
        B("p", "上半年，全县共发生各类生产安全事故5起、死亡3人，同比分别下降28.6%和25.0%，未发生较大及以上"
               "生产安全事故，安全生产形势总体平稳。"),
        B("h1", "二、主要做法"),
        B("h2", "（一）层层压实安全责任"),
        B("p", "县委常委会、县政府常务会议6次专题研究安全生产工作，调整完善县安委会成员单位职责清单，与各乡镇、"
               "县级有关部门签订年度安全生产责任书42份。"),
        B("h2", "（二）深入开展隐患排查"),
        B("p", "扎实开展安全生产治本攻坚三年行动，聚焦危险化学品、道路交通、建筑施工、消防等重点行业领域，累计"
               "检查企业2180家次，排查整改隐患3576处，整改率达到97.3%。"),
        B("h2", "（三）持续加强应急准备"),
        B("p", "修订完善县级专项应急预案12部，组织开展防汛、森林防灭火等综合应急演练9次，参演人员1500余人次，"
               "进一步提升了应急处置能力。"),
        B("h1", "三、存在的问题"),
        B("p", "一是部分企业主体责任落实不到位，安全投入不足，员工安全培训流于形式。二是部分行业监管部门对新业态、"
               "新领域的安全风险研判不够。三是基层应急救援力量较为薄弱，装备水平有待提高。"),
        B("h1", "四、下一步工作打算"),
        B("p", "下半年，我县将继续以治本攻坚三年行动为抓手，进一步压实各方责任，深化重点行业领域专项整治，加强"
               "应急救援队伍建设，坚决防范遏制重特大事故发生，为全县经济社会高质量发展创造良好的安全环境。"),
        B("p", "特此报告。"),
        B("blank"),
        B("sign", REPORT_SIGN),
        B("date", REPORT_DATE),
    ]  # fmt: skip


REPORT_FILL = [
    "全县安全形势保持稳定。",
    "各项措施均已落实到位。",
    "县安委会办公室坚持每月召开安全生产形势分析会，及时通报事故情况，研究部署重点工作。",
    "各乡镇对照责任清单，逐级落实网格化安全监管责任，推动安全监管向村、社区延伸。",
    "我们还组织开展了安全生产月活动，通过现场咨询、案例警示等形式普及安全知识。",
    "对检查中发现的典型问题，我们及时进行公开曝光，形成了有力震慑。",
    "同时，我们加强与周边县区的协作，建立了跨区域应急救援联动机制。",
    "各有关部门认真落实行业监管责任，形成了齐抓共管的良好局面。",
]

LETTER_SIGN, LETTER_DATE = "临江市人力资源和社会保障局", "2024年4月22日"


def letter() -> list[Block]:
    return [
        B("title", "关于商请协助开展人才政策宣讲活动的函"),
        B("blank"),
        B("zs", "临江大学："),
        B("p", "为深入实施人才强市战略，吸引更多优秀高校毕业生留临就业创业，我局拟于5月中下旬在贵校开展人才政策"
               "宣讲活动。现将有关事项函告如下。"),
        B("h1", "一、活动内容"),
        B("p", "宣讲我市高校毕业生就业创业扶持政策、人才住房保障政策和重点产业人才需求情况，现场解答学生咨询，"
               "并组织部分重点企业开展岗位推介。"),
        B("h1", "二、需协助事项"),
        B("p", "一是协助提供可容纳300人左右的报告厅一间，并配备投影、音响等设备；二是协助在校内发布活动通知，"
               "组织应届毕业生参加；三是安排一名联络人员，负责活动现场的协调工作。"),
        B("h1", "三、其他事项"),
        B("p", "活动具体时间由双方另行商定。活动所需宣传资料由我局负责制作，不向贵校及学生收取任何费用。"),
        B("p", "盼予支持为谢。"),
        B("p", "联系人：李晓燕，联系电话：0571-86012345。"),
        B("blank"),
        B("sign", LETTER_SIGN),
        B("date", LETTER_DATE),
    ]  # fmt: skip


LETTER_FILL = [
    "我局将全力做好配合工作。",
    "感谢贵校一贯的支持。",
    "近年来，贵校为我市输送了大批优秀人才，为地方经济社会发展作出了积极贡献。",
    "我局将充分尊重贵校的教学安排，活动尽量安排在课余时间进行，不影响正常教学秩序。",
    "宣讲活动结束后，我局将及时汇总学生反馈意见，进一步完善我市人才政策。",
    "我局愿与贵校建立长期合作关系，定期开展政策宣讲和岗位对接活动。",
    "活动期间，我局将安排工作人员提前到场，做好场地布置和秩序维护工作。",
    "对有意来临就业的学生，我局将建立联系档案，提供一对一的跟踪服务。",
]

SHORT_SIGN, SHORT_DATE = "临江市财政局", "2024年11月12日"


def short_notice() -> list[Block]:
    return [
        B("title", "关于调整机关食堂开放时间的通知"),
        B("blank"),
        B("zs", "机关各处室、局属各单位："),
        B("p", "根据市机关事务管理局关于冬季作息时间调整的统一安排，经研究，决定自11月15日起调整机关食堂开放"
               "时间。现将有关事项通知如下。"),
        B("p", "早餐时间为7时至8时，午餐时间为11时30分至12时30分，晚餐时间为17时至18时。周六、周日及法定节假日"
               "只供应午餐。"),
        B("p", "请各处室、各单位及时通知到每一位干部职工。需要加班用餐的，请提前一天向机关服务中心报送用餐人数。"),
        B("p", "联系人：陈立，联系电话：0571-85123456。"),
        B("blank"),
        B("sign", SHORT_SIGN),
        B("date", SHORT_DATE),
    ]  # fmt: skip


BASES = {"notice": notice, "plan": plan, "summary": summary, "report": report, "letter": letter,
         "short": short_notice}  # fmt: skip
KIND = {"notice": "通知", "plan": "实施方案", "summary": "工作总结", "report": "报告", "letter": "函",
        "short": "通知（一页）"}  # fmt: skip
FILL = {"notice": NOTICE_FILL, "plan": PLAN_FILL, "summary": SUMMARY_FILL, "report": REPORT_FILL,
        "letter": LETTER_FILL}  # fmt: skip


# --------------------------------------------------------------------------------------------------
# Widths and lines, on the 22 x 28 grid (for placing the pagination defects; checked by --verify)
# --------------------------------------------------------------------------------------------------
def width(text: str) -> float:
    """Width in characters of 3号: ASCII letters and digits are half a character."""
    return sum(0.5 if ord(c) < 128 else 1.0 for c in text)


def lines_of(block: Block, fmt: Fmt) -> int:
    if block.role in ("blank", "sign", "date", "cc", "yf"):
        return 1
    if block.role == "title":
        return sum(max(1, math.ceil(width(part) / 20)) for part in block.text.split("\n"))
    w = width(block.text)
    first = (fmt.first_chars or 0) / 100
    if w + first <= 28:
        return 1
    return 1 + math.ceil((w + first - 28) / 28)


def line_numbers(blocks: list[Block]) -> list[int]:
    """The (1-based, whole-document) line each block starts on; tables are not estimated."""
    out, n = [], 1
    for b in blocks:
        out.append(n)
        if b.role == "table":
            raise ValueError("lines after a table are not estimated")
        n += lines_of(b, fmt_of(b, {}))
    return out


def fill_paragraphs(sentences: list[str], lines: int) -> list[Block]:
    """Body paragraphs of exactly `lines` lines in all, made of whole sentences, each paragraph of 1 to
    3 lines whose last line holds between 3 and 24 characters (no lone character, no line so full that
    a narrower or wider digit would move it)."""
    from itertools import combinations

    def fits(text: str, want: int) -> bool:
        w = width(text) + 2
        tail = w - 28 * (want - 1)
        return lines_of(Block("p", text), BODY) == want and 3 <= tail <= 24

    def solve(pool: list[str], left: int) -> list[str] | None:
        if left == 0:
            return []
        for want in range(min(left, 3), 0, -1):
            for k in range(1, len(pool) + 1):
                for combo in combinations(pool, k):
                    text = "".join(combo)
                    if fits(text, want):
                        rest = solve([s for s in pool if s not in combo], left - want)
                        if rest is not None:
                            return [text, *rest]
        return None

    found = solve(list(sentences), lines)
    if found is None:
        raise ValueError(f"cannot fill {lines} lines")
    return [Block("p", t) for t in found]


def pad_to_last_line(blocks: list[Block], target: int, fill: list[str], page_line: int = 22,
                     at: int | None = None) -> list[Block]:
    """Insert filler paragraphs before block `at` (default: `target`) so that block `target` starts on
    line `page_line` of a page."""
    start = line_numbers(blocks[: target + 1])[target]
    need = (page_line - start) % 22
    at = target if at is None else at
    return blocks[:at] + fill_paragraphs(fill, need) + blocks[at:] if need else blocks


def nudge(blocks: list[Block], before: str, fill: list[str], lines: int = 1) -> list[Block]:
    """Filler paragraphs of `lines` lines inserted before the block starting with `before`: moves what
    follows down, so that a defect planted elsewhere does not also put a heading or the signature
    at a page break (checked with --verify)."""
    i = find(blocks, before)
    return blocks[:i] + fill_paragraphs(fill[::-1], lines) + blocks[i:]


def find(blocks: list[Block], text: str) -> int:
    hits = [i for i, b in enumerate(blocks) if b.text.startswith(text)]
    if len(hits) != 1:
        raise ValueError(f"{text!r}: {len(hits)} blocks")
    return hits[0]


# --------------------------------------------------------------------------------------------------
# Writing .docx
# --------------------------------------------------------------------------------------------------
def fmt_of(block: Block, role_fmt: dict[str, dict[str, Any]]) -> Fmt:
    base = CLEAN.get(block.role, BODY)
    f = replace(base, **role_fmt.get(block.role, {}))
    return replace(f, **block.fmt) if block.fmt else f


def _w(tag: str, **attrs: Any) -> Any:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    el = OxmlElement(f"w:{tag}")
    for k, v in attrs.items():
        el.set(qn(f"w:{k}"), str(v))
    return el


def ppr_children(f: Fmt) -> list[Any]:
    """pPr children in schema order."""
    kids: list[Any] = []
    if f.style:
        kids.append(_w("pStyle", val=f.style))
    if f.keep_next:
        kids.append(_w("keepNext"))
    if f.borders:
        bdr = _w("pBdr")
        for side in ("top", "left", "bottom", "right"):
            if side in f.borders:
                bdr.append(_w(side, val="single", sz=f.borders[side], space=1, color="auto"))
        kids.append(bdr)
    if f.tabs:
        tabs = _w("tabs")
        for kind, pos in f.tabs:
            tabs.append(_w("tab", val=kind, pos=pos))
        kids.append(tabs)
    if f.snap is not None:
        kids.append(_w("snapToGrid", val=int(f.snap)))
    attrs: dict[str, Any] = {}
    if f.before is not None:
        attrs["before"] = f.before
    if f.after is not None:
        attrs["after"] = f.after
    if f.after_lines is not None:
        attrs["afterLines"] = f.after_lines
    if f.line:
        attrs["line"], attrs["lineRule"] = f.line[1], f.line[0]
    if attrs:
        kids.append(_w("spacing", **attrs))
    size = f.size or 10.5
    ind: dict[str, Any] = {}
    if f.left_chars:
        ind.update(leftChars=f.left_chars, left=round(f.left_chars / 100 * size * 20))
    elif f.left_tw is not None:
        ind.update(left=f.left_tw)
    if f.right_chars:
        ind.update(rightChars=f.right_chars, right=round(f.right_chars / 100 * size * 20))
    if f.hanging_tw is not None:
        ind.update(hanging=f.hanging_tw)
    elif f.first_tw is not None:
        ind.update(firstLine=f.first_tw)
    elif f.first_chars is not None:
        ind.update(firstLineChars=f.first_chars, firstLine=round(f.first_chars / 100 * size * 20))
    if ind:
        kids.append(_w("ind", **ind))
    if f.align:
        kids.append(_w("jc", val=f.align))
    return kids


def rpr_children(f: Fmt) -> list[Any]:
    kids: list[Any] = []
    if f.font:
        latin = f.ascii_font or f.font
        kids.append(_w("rFonts", ascii=latin, hAnsi=latin, eastAsia=f.font, cs=latin))
    if f.bold is not None:
        kids += [_w("b", val=int(f.bold)), _w("bCs", val=int(f.bold))]
    if f.color:
        kids.append(_w("color", val=f.color))
    if f.condense:
        kids.append(_w("spacing", val=f.condense))
    if f.size:
        kids += [_w("sz", val=round(f.size * 2)), _w("szCs", val=round(f.size * 2))]
    return kids


def chinese_word_defaults(doc: Any, body_size: float = 10.5) -> None:
    """Make python-docx's template look like a document made in Chinese Word: 五号 default text,
    single spacing, zh-CN, Normal justified."""
    from docx.oxml.ns import qn

    styles = doc.styles.element
    rpr = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    for tag in ("w:sz", "w:szCs"):
        rpr.find(qn(tag)).set(qn("w:val"), str(round(body_size * 2)))
    lang = rpr.find(qn("w:lang"))
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")
    ppr = styles.find(qn("w:docDefaults")).find(qn("w:pPrDefault")).find(qn("w:pPr"))
    for child in list(ppr):
        ppr.remove(child)
    normal = doc.styles["Normal"].element
    npr = normal.get_or_add_pPr()
    npr.append(_w("widowControl", val=0))
    npr.append(_w("jc", val="both"))
    settings = doc.settings.element
    tfl = settings.find(qn("w:themeFontLang"))
    if tfl is not None:
        tfl.set(qn("w:eastAsia"), "zh-CN")


def strip_theme_fonts(doc: Any) -> None:
    """A careful writer sets the faces of the default text: no theme font left in docDefaults."""
    from docx.oxml.ns import qn

    rpr = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    fonts = rpr.find(qn("w:rFonts"))
    for a in list(fonts.attrib):
        fonts.attrib.pop(a)
    for k in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{k}"), BODY_FONT)


def set_page(doc: Any, d: Doc, grid: bool = False) -> None:
    from docx.oxml.ns import qn

    sect = doc.sections[0]
    w, h = d.page
    if d.landscape:
        w, h = h, w
    sp = sect._sectPr
    for tag in ("pgSz", "pgMar", "docGrid"):  # pandoc's reference document has an empty sectPr
        if sp.find(qn(f"w:{tag}")) is None:
            sp.append(_w(tag))
    pgsz = sp.find(qn("w:pgSz"))
    pgsz.set(qn("w:w"), str(w))
    pgsz.set(qn("w:h"), str(h))
    if d.landscape:
        pgsz.set(qn("w:orient"), "landscape")
    mar = sp.find(qn("w:pgMar"))
    for k, v in {**d.margins, "gutter": 0}.items():
        mar.set(qn(f"w:{k}"), str(v))
    mar.set(qn("w:header"), "851")
    mar.set(qn("w:footer"), str(FOOTER))
    g = sp.find(qn("w:docGrid"))
    if grid:
        g.set(qn("w:type"), "linesAndChars")
        g.set(qn("w:linePitch"), str(LINE))
        g.set(qn("w:charSpace"), "-860")
    else:  # no grid: LibreOffice would snap the exact 28.95 pt lines to a 15.6 pt line grid (Word does not)
        g.attrib.pop(qn("w:type"), None)
        g.set(qn("w:linePitch"), "312")


def _field_runs(par: Any, instr: str, rpr: list[Any]) -> None:
    from docx.oxml.ns import qn

    def run(child: Any) -> None:
        r = par._p.add_r()
        rp = _w("rPr")
        for k in rpr:
            rp.append(copy.deepcopy(k))
        r.insert(0, rp)
        r.append(child)

    run(_w("fldChar", fldCharType="begin"))
    t = _w("instrText")
    t.set(qn("xml:space"), "preserve")
    t.text = f" {instr} "
    run(t)
    run(_w("fldChar", fldCharType="separate"))
    t = _w("t")
    t.text = "1"
    run(t)
    run(_w("fldChar", fldCharType="end"))


def _page_paragraph(par: Any, parts: list[str], align: str, size: float, side_indent: str | None) -> None:
    """parts: literal text and the markers {PAGE}, {NUMPAGES}."""
    from docx.oxml.ns import qn

    ppr = par._p.get_or_add_pPr()
    ind = {side_indent: 280} if side_indent else {}
    f = Fmt(font=PAGE_FONT, size=size, align=align, first_chars=None, line=None, before=None, after=None,
            condense=None)
    for k in ppr_children(f):
        ppr.append(k)
    if ind:
        ppr.insert(len(ppr) - 1, _w("ind", **ind))
    rpr = rpr_children(f)
    for part in parts:
        if part in ("{PAGE}", "{NUMPAGES}"):
            _field_runs(par, part.strip("{}"), rpr)
        else:
            r = par._p.add_r()
            rp = _w("rPr")
            for k in rpr:
                rp.append(copy.deepcopy(k))
            r.insert(0, rp)
            t = _w("t")
            t.set(qn("xml:space"), "preserve")
            t.text = part
            r.append(t)


def add_page_numbers(doc: Any, style: str) -> None:
    """gbt: '— N —' 4号 宋体, odd pages right and even pages left, one character in (GB/T 9704 7.5).
    Defective forms: none, hyphen ('- N -'), of_n ('第N页 共M页', centred), centre (one centred
    footer), small (5号), header (in the page header), allright (right on every page), plain (N)."""
    sect = doc.sections[0]
    if style == "none":
        return
    dash = ["— ", "{PAGE}", " —"]
    if style in ("gbt", "hyphen", "small", "plain", "header"):
        parts = {"hyphen": ["- ", "{PAGE}", " -"], "plain": ["{PAGE}"]}.get(style, dash)
        size = 10.5 if style == "small" else 14
        doc.settings.odd_and_even_pages_header_footer = True
        odd = sect.header if style == "header" else sect.footer
        even = sect.even_page_header if style == "header" else sect.even_page_footer
        odd.is_linked_to_previous = False
        _page_paragraph(odd.paragraphs[0], parts, "right", size, "right")
        _page_paragraph(even.paragraphs[0], parts, "left", size, "left")
    elif style == "of_n":
        _page_paragraph(sect.footer.paragraphs[0], ["第", "{PAGE}", "页 共", "{NUMPAGES}", "页"], "center", 10.5, None)
    elif style == "centre":
        _page_paragraph(sect.footer.paragraphs[0], dash, "center", 14, None)
    elif style == "allright":
        _page_paragraph(sect.footer.paragraphs[0], dash, "right", 14, "right")
    else:
        raise ValueError(style)


def add_table(doc: Any, rows: list[list[str]], cell_fmt: Fmt, styled: str | None = None) -> None:
    """A table the full text width, widths in tblW, gridCol and tcW, header row repeated, rows kept whole."""
    from docx.oxml.ns import qn

    ncol = len(rows[0])
    table = doc.add_table(rows=len(rows), cols=ncol)
    table.style = doc.styles["Table Grid"]
    weights = [max(width(r[c]) for r in rows) + 2 for c in range(ncol)]
    cols = [int(TEXT_WIDTH * w / sum(weights)) for w in weights]
    cols[-1] = TEXT_WIDTH - sum(cols[:-1])
    tbl = table._tbl
    tblpr = tbl.tblPr
    for old in tblpr.findall(qn("w:tblW")):
        tblpr.remove(old)
    tblpr.append(_w("tblW", w=TEXT_WIDTH, type="dxa"))
    tblpr.append(_w("jc", val="center"))
    tblpr.append(_w("tblLayout", type="fixed"))
    grid = tbl.tblGrid
    for gc, w in zip(grid.findall(qn("w:gridCol")), cols, strict=True):
        gc.set(qn("w:w"), str(w))
    for i, (row, data) in enumerate(zip(table.rows, rows, strict=True)):
        trpr = row._tr.get_or_add_trPr()
        trpr.append(_w("cantSplit"))
        if i == 0:
            trpr.append(_w("tblHeader"))
        for cell, text, w in zip(row.cells, data, cols, strict=True):
            tcpr = cell._tc.get_or_add_tcPr()
            tcpr.append(_w("tcW", w=w, type="dxa"))
            tcpr.append(_w("vAlign", val="center"))
            par = cell.paragraphs[0]
            write_paragraph(par, text, replace(cell_fmt, bold=True if i == 0 else cell_fmt.bold), styled)


def write_paragraph(par: Any, text: str, f: Fmt, styled: str | None = None) -> None:
    """Direct formatting, or (styled) only a pStyle and no run properties."""
    from docx.oxml.ns import qn

    ppr = par._p.get_or_add_pPr()
    if styled:
        ppr.append(_w("pStyle", val=styled))
    else:
        for k in ppr_children(f):
            ppr.append(k)
    for i, part in enumerate(text.split("\n") if text else []):
        r = par._p.add_r()
        if not styled:
            rp = _w("rPr")
            for k in rpr_children(f):
                rp.append(k)
            if len(rp):
                r.insert(0, rp)
        if i:
            r.append(_w("br"))
        t = _w("t")
        t.set(qn("xml:space"), "preserve")
        t.text = part
        r.append(t)
    if not text and not styled:  # an empty paragraph keeps its size in the paragraph mark
        rp = _w("rPr")
        for k in rpr_children(f):
            rp.append(k)
        ppr.append(rp)


def make_style(doc: Any, name: str, f: Fmt, based_on: str | None = None) -> str:
    from docx.enum.style import WD_STYLE_TYPE

    st = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    if based_on:
        st.base_style = doc.styles[based_on]
    fill_style(st, f)
    return st.style_id


def fill_style(st: Any, f: Fmt) -> None:
    """Replace a paragraph style's pPr and rPr by those of `f` (theme fonts, colours and borders go)."""
    from docx.oxml.ns import qn

    el = st.element
    for tag in ("w:pPr", "w:rPr"):
        old = el.find(qn(tag))
        keep = []
        if old is not None and tag == "w:pPr":
            keep = [c for c in old if c.tag in (qn("w:keepNext"), qn("w:outlineLvl"))]
        if old is not None:
            el.remove(old)
        new = _w(tag[2:])
        kids = ppr_children(f) if tag == "w:pPr" else rpr_children(f)
        if tag == "w:pPr":
            kids = [k for k in keep if k.tag == qn("w:keepNext")] + kids + [k for k in keep if k.tag == qn("w:outlineLvl")]
        if tag == "w:rPr" and f.bold is None:
            kids = kids[:1] + [_w("b", val=0), _w("bCs", val=0)] + kids[1:]
        for k in kids:
            new.append(k)
        el.append(new)


STYLE_NAMES = {"title": "公文标题", "zs": "主送机关", "p": "公文正文", "h1": "一级标题", "h2": "二级标题",
               "h3": "公文正文", "att": "附件说明", "att2": "附件说明续行", "sign": "发文机关署名",
               "date": "成文日期", "blank": "公文正文", "cell": "表格文字", "cc": "版记抄送", "yf": "版记印发"}  # fmt: skip
BUILTIN = {"title": "Title", "h1": "Heading 1", "h2": "Heading 2", "p": "Normal", "h3": "Normal",
           "blank": "Normal"}  # fmt: skip


def write_docx(d: Doc, path: Path) -> None:
    import docx
    from docx.shared import Pt

    doc = docx.Document()
    chinese_word_defaults(doc)
    grid = d.made == "grid"
    if _careful(d):
        strip_theme_fonts(doc)
    set_page(doc, d, grid=grid)
    body = doc.element.body
    for p in list(body):
        if p.tag.endswith("}p"):
            body.remove(p)
    style_ids: dict[str, str] = {}
    if d.made == "styles":
        by_name: dict[str, str] = {}
        for role, name in STYLE_NAMES.items():
            if name not in by_name:
                by_name[name] = make_style(doc, name, replace(CLEAN.get(role, BODY), **d.role_fmt.get(role, {})))
            style_ids[role] = by_name[name]
    elif d.made == "headings":
        normal = replace(BODY, **d.role_fmt.get("p", {}))
        fill_style(doc.styles["Normal"], normal)
        for role in ("title", "h1", "h2"):
            fill_style(doc.styles[BUILTIN[role]], replace(CLEAN[role], **d.role_fmt.get(role, {})))
        style_ids = {r: doc.styles[s].style_id for r, s in BUILTIN.items()}
    elif grid:
        from docx.oxml.ns import qn

        rpr = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
        for tag in ("w:sz", "w:szCs"):
            rpr.find(qn(tag)).set(qn("w:val"), "32")
        # the character grid is measured on the Normal style's size (16 pt: 28 characters a line)
        normal = doc.styles["Normal"]
        normal.font.size = Pt(16)
    for b in d.blocks:
        f = fmt_of(b, d.role_fmt)
        if grid and b.role == "title":
            f = replace(f, snap=False)
        elif grid:
            f = replace(f, condense=None, line=("auto", 240) if f.line == ("exact", LINE) else f.line)
        if b.role == "table":
            cf = fmt_of(Block("cell"), d.role_fmt)
            add_table(doc, b.rows or [], cf, style_ids.get("cell"))
            continue
        par = doc.add_paragraph()
        if b.role == "h1" and d.h1_builtin:
            write_paragraph(par, b.text, f, doc.styles["Heading 1"].style_id)
            continue
        sid = style_ids.get(b.role)
        if sid and not b.fmt:
            write_paragraph(par, b.text, f, sid)
        elif sid:  # a styled paragraph with its own direct formatting on top
            write_paragraph(par, b.text, f)
            par._p.pPr.insert(0, _w("pStyle", val=sid))
        else:
            write_paragraph(par, b.text, f)
    # the sectPr must stay the body's last child
    sect = body.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}sectPr")
    body.remove(sect)
    body.append(sect)
    add_page_numbers(doc, d.footer)
    doc.core_properties.author = "办公室"
    doc.core_properties.title = ""
    doc.save(str(path))


def _careful(d: Doc) -> bool:
    """Documents whose writer set the default faces (all clean ones and most defective ones)."""
    return not any(df.get("theme") for df in d.defects)


# --------------------------------------------------------------------------------------------------
# Signature and date placement (GB/T 9704 7.3.5.2, unsealed, one issuing organ)
# --------------------------------------------------------------------------------------------------
def place_signature(d: Doc) -> Doc:
    """Signature right-indented 2 characters, date starting 2 characters right of the signature's
    first character; when the date is the longer, date right-indented 2 and the signature moved left
    so that the date still starts 2 characters right of it. A defect that places them otherwise
    sets role_fmt first and is kept."""
    sign = next((b for b in d.blocks if b.role == "sign"), None)
    date = next((b for b in d.blocks if b.role == "date"), None)
    if sign is None or date is None:
        return d
    s, w = width(sign.text), width(date.text)
    sr, dr = (2.0, s - w) if s >= w + 2 else (4 + w - s, 2.0)
    d.role_fmt.setdefault("sign", {}).setdefault("right_chars", round(sr * 100))
    d.role_fmt.setdefault("date", {}).setdefault("right_chars", round(dr * 100))
    return d


# --------------------------------------------------------------------------------------------------
# The documents
# --------------------------------------------------------------------------------------------------
BODY_ROLES = ("zs", "p", "h1", "h2", "h3", "att", "att2", "sign", "date", "blank")
TEXT_ROLES = ("zs", "p", "h3", "att", "att2", "sign", "date", "blank")
ALL_ROLES = ("title", *BODY_ROLES)


class Build:
    """A document from a base text, with edits and the defects they plant."""

    def __init__(self, file: str, base: str, made: str = "direct", blocks: list[Block] | None = None,
                 **kw: Any) -> None:
        self.d = Doc(file, KIND[base], blocks if blocks is not None else BASES[base](), made=made, **kw)
        self.base = base

    def sub(self, old: str, new: str) -> Build:
        hits = [b for b in self.d.blocks if old in b.text]
        if len(hits) != 1:
            raise ValueError(f"{self.d.file}: {old!r} in {len(hits)} blocks")
        hits[0].text = hits[0].text.replace(old, new)
        return self

    def block(self, prefix: str, **fmt: Any) -> Build:
        self.d.blocks[find(self.d.blocks, prefix)].fmt.update(fmt)
        return self

    def roles(self, roles: tuple[str, ...] | str, **fmt: Any) -> Build:
        for r in (roles,) if isinstance(roles, str) else roles:
            self.d.role_fmt.setdefault(r, {}).update(fmt)
        return self

    def drop(self, prefix: str) -> Build:
        del self.d.blocks[find(self.d.blocks, prefix)]
        return self

    def defect(self, category: str, at: str | None, note: str, **extra: Any) -> Build:
        self.d.defects.append({"category": category, "at": at, "note": note, **extra})
        return self

    def done(self) -> Doc:
        return place_signature(self.d)


def moved(blocks: list[Block], roles: tuple[str, ...], before: int) -> list[Block]:
    """`blocks` with the blocks of `roles` taken out and put back before index `before` (of the rest)."""
    take = [b for b in blocks if b.role in roles]
    rest = [b for b in blocks if b.role not in roles]
    return rest[:before] + take + rest[before:]


def without_signature_blank(blocks: list[Block]) -> list[Block]:
    """Drop the empty line that stood before the signature (the signature has been moved away)."""
    i = next(i for i, b in enumerate(blocks) if b.role == "sign")
    return blocks[: i - 1] + blocks[i:]


COPY_TO = "\u3000抄送：市应急管理局，市气象局。"
PRINTED = f"\u3000{NOTICE_SIGN}\t{NOTICE_DATE}印发"


def defective() -> list[Doc]:
    docs: list[Doc] = []
    add = docs.append

    # ---- 通知 -------------------------------------------------------------------------------
    add(Build("n01_notice_letter_paper.docx", "notice", page=(12240, 15840))
        .defect("layout", None, "纸张为 Letter（215.9×279.4 毫米，python-docx/英文 Word 的默认），应为 A4（GB/T 9704 5.1）")
        .sub("“查隐患、补短板、强弱项”", '"查隐患、补短板、强弱项"')
        .defect("punctuation", "各单位要高度重视", "中文里用了英文双引号 \"…\"，应为“”（GB/T 15834）")
        .sub("请于5月31日前", "请于2024.5.31前")
        .defect("numbers", "各单位要高度重视", "日期写成“2024.5.31”，应为“2024年5月31日”（GB/T 15835）")
        .done())
    add(Build("n02_notice_title_songti_body_4hao.docx", "notice", blocks=nudge(notice(), "三、时间安排", NOTICE_FILL))
        .block("关于开展汛前", font="宋体", bold=True, align="left")
        .defect("font", "关于开展汛前", "标题用宋体加粗，应为小标宋（GB/T 9704 7.3.1）")
        .defect("alignment", "关于开展汛前", "标题左对齐，应居中（GB/T 9704 7.3.1）")
        .roles(BODY_ROLES, size=14)
        .defect("size", None, "正文、各级标题、署名和日期都是4号（14磅），应为3号（16磅）（GB/T 9704 5.2.2）")
        .done())
    add(Build("n03_notice_word_defaults.docx", "notice")
        .roles(("p", "h1", "h2", "h3", "att"), first_chars=0).roles("att2", first_chars=300)
        .defect("indent", None, "正文和各级标题没有首行缩进，应空二字（GB/T 9704 7.3.3）")
        .roles(ALL_ROLES, line=("auto", 240))
        .defect("spacing", None, "单倍行距（3号字约每页27行），应为每页22行、行距约28.95磅（GB/T 9704 5.2.3）")
        .done())
    b = Build("n04_notice_yi_dot_headings.docx", "notice")
    for old in ("一、排查范围", "二、排查重点", "三、时间安排"):
        b.sub(old, old.replace("、", "."))
    add(b.sub("四、工作要求", "四.各单位务必高度重视认真抓好落实")
        .defect("numbering", None, "一级标题序号写成“一.”，应为“一、”（GB/T 9704 7.3.3）")
        .defect("parallelism", None, "一级标题“排查范围、排查重点、时间安排”之后是一句“各单位务必高度重视认真抓好落实”，不对仗")
        .done())
    b = Build("n05_notice_signature_first.docx", "notice")
    b.d.blocks = moved(without_signature_blank(b.d.blocks), ("sign", "date"), 2)
    add(b.defect("structure", None, "落款（署名和日期）排在主送之前、正文之上，应在正文（附件说明）之后（GB/T 9704 7.3.5）")
        .done())
    add(Build("n06_notice_attachments.docx", "notice", footer="none")
        .defect("header_footer", None, "两页的文件没有页码（GB/T 9704 7.5）")
        .roles("att", first_chars=0).roles("att2", first_chars=300)
        .defect("indent", "附件：1.", "附件说明顶格，应左空二字（GB/T 9704 7.3.4）")
        .sub("1.汛前安全隐患排查整治情况统计表", "1.汛前安全隐患排查整治情况统计表；").sub("重点部位清单", "重点部位清单。")
        .defect("punctuation", "附件：1.", "附件名称后加了“；”“。”，附件名称后不加标点（GB/T 9704 7.3.4）")
        .done())
    b = Build("n07_notice_orphan_heading.docx", "notice", footer="allright")
    b.d.blocks = pad_to_last_line(b.d.blocks, find(b.d.blocks, "二、排查重点"), NOTICE_FILL)
    add(b.defect("pagination", "二、排查重点", "一级标题“二、排查重点”排在第1页最后一行，正文转到下页（背题）", check="orphan")
        .defect("header_footer", None, "页码单双页都居右，双页应居左空一字（GB/T 9704 7.5）")
        .done())
    b = Build("n08_notice_attachment_after_signature.docx", "notice", round_trip="docx")
    b.sub("（以下简称“排查整治”）", "(以下简称“排查整治”)")
    b.defect("punctuation", "为切实做好", "中文里用了半角括号“()”，应为全角“（）”（GB/T 15834）")
    b.sub(NOTICE_DATE, "2024-4-28").defect("numbers", "2024-4-28", "成文日期写成“2024-4-28”，应为“2024年4月28日”（GB/T 9704 7.3.5.4）")
    blocks = b.d.blocks
    i = next(i for i, x in enumerate(blocks) if x.role == "att")
    b.d.blocks = blocks[:i] + blocks[i + 3:] + [Block("blank")] + blocks[i:i + 2]
    add(b.defect("structure", None, "附件说明排在署名和日期之后，应在正文之下、署名之上（GB/T 9704 7.3.4、7.3.5）").done())
    add(Build("n09_notice_27_per_line.docx", "notice").roles(ALL_ROLES, condense=None)
        .defect("layout", None, "3号字既未紧缩也没有文档网格，每行只排27字，应为每行28字（GB/T 9704 5.2.3）")
        .done())
    b = Build("n10_notice_record_mid_page.docx", "notice")
    b.d.blocks += [Block("blank"), Block("cc", COPY_TO), Block("yf", PRINTED)]
    add(b.defect("pagination", None, "版记紧跟在成文日期之后、排在页面中部，应排在最后一页的最下面（GB/T 9704 7.4）", check="record_mid")
        .done())

    # ---- 实施方案 ---------------------------------------------------------------------------
    add(Build("p01_plan_default_margins_songti.docx", "plan",
              margins={"top": 1440, "bottom": 1440, "left": 1797, "right": 1797})
        .defect("layout", None, "页边距是 Word 默认的上下2.54、左右3.17厘米，应为上37、下35、左28、右26毫米（GB/T 9704 5.2.1）")
        .roles(TEXT_ROLES, font="宋体")
        .defect("font", None, "正文用宋体，应为仿宋（GB/T 9704 5.2.2）")
        .done())
    add(Build("p02_plan_small_title_074cm.docx", "plan")
        .block("临江市档案馆档案", size=18)
        .defect("size", "临江市档案馆档案", "标题为小二（18磅），应为2号（22磅）（GB/T 9704 7.3.1）")
        .roles(("p", "h1", "h2", "h3", "blank"), first_tw=420, first_chars=None)
        .defect("indent", None, "首行缩进0.74厘米（五号字的2字），3号字只缩进约1.3字，应为2字（GB/T 9704 7.3.3）")
        .roles(ALL_ROLES, line=("auto", 360))
        .defect("spacing", None, "1.5倍行距，每页约18行，应为22行（GB/T 9704 5.2.3）")
        .done())
    add(Build("p03_plan_styles_left_aligned.docx", "plan", made="styles")
        .roles(("p", "h3", "blank"), align="left")
        .defect("alignment", None, "正文样式为左对齐，应两端对齐（GB/T 9704 7.3.3，行尾参差）")
        .sub("（一）加快", "（一）、加快").sub("（二）规范", "（二）、规范").sub("（三）强化", "（三）、强化")
        .sub("（一）加强", "（一）、加强").sub("（二）落实", "（二）、落实").sub("（三）严格", "（三）、严格")
        .defect("numbering", None, "二级标题序号写成“（一）、”，括号后不加顿号（GB/T 9704 7.3.3）")
        .sub("土地房产档案等开展", "土地房产档案...开展")
        .defect("punctuation", "按照先重点", "用三个英文句点“...”作省略号，应为“……”（GB/T 15834）")
        .done())
    add(Build("p04_plan_chinese_date.docx", "plan")
        .sub(PLAN_DATE, "二〇二四年一月十五日")
        .defect("numbers", "二〇二四年", "成文日期用汉字“二〇二四年一月十五日”，应为阿拉伯数字“2024年1月15日”（GB/T 9704 7.3.5.4）")
        .sub("（三）强化数字档案安全管理", "（三）关于数字档案的安全问题")
        .defect("parallelism", None, "二级标题“加快存量档案数字化、规范增量档案电子化”之后是“关于数字档案的安全问题”，不对仗")
        .done())
    add(Build("p05_plan_no_date_hyphen_pages.docx", "plan", footer="hyphen").drop(PLAN_DATE)
        .defect("structure", None, "有署名没有成文日期（GB/T 9704 7.3.5）")
        .defect("header_footer", None, "页码写成“- 1 -”（连字符），应为一字线“— 1 —”（GB/T 9704 7.5）")
        .done())
    b = Build("p06_plan_orphan_subheading.docx", "plan")
    b.d.blocks = nudge(pad_to_last_line(b.d.blocks, find(b.d.blocks, "（一）加快"), PLAN_FILL), "（三）严格", PLAN_FILL)
    add(b.defect("pagination", "（一）加快", "二级标题“（一）加快存量档案数字化”排在第1页最后一行（背题）", check="orphan").done())
    add(Build("p07_plan_pasted_paragraph.docx", "plan")
        .block("指导立档单位", font="宋体", size=12, line=("auto", 240))
        .defect("font", "指导立档单位", "从别处粘贴的一段保留了宋体，应为仿宋（GB/T 9704 5.2.2）")
        .defect("size", "指导立档单位", "粘贴的一段为小四（12磅），应为3号（GB/T 9704 5.2.2）")
        .defect("spacing", "指导立档单位", "粘贴的一段为单倍行距，与全文28.95磅固定行距不一致（GB/T 9704 5.2.3）")
        .done())
    add(Build("p08_plan_flush_right_signature.docx", "plan")
        .roles(("sign", "date"), right_chars=0)
        .defect("alignment", None, "署名和日期都顶右边排，署名应右空二字、日期首字比署名首字右移二字（GB/T 9704 7.3.5.2）")
        .sub("（三）强化数字档案安全管理", "（二）强化数字档案安全管理")
        .defect("numbering", "（二）强化", "二级标题“（一）（二）（二）”，序号重复（GB/T 9704 7.3.3）")
        .done())
    add(Build("p09_plan_bare_page_numbers.docx", "plan", footer="plain")
        .sub("（二）落实经费保障", "（二）经费问题")
        .defect("parallelism", None, "二级标题“加强组织领导、严格质量管控”中间是“经费问题”，不对仗")
        .defect("header_footer", None, "页码只有数字，两侧没有一字线（GB/T 9704 7.5）")
        .done())

    # ---- 工作总结 ---------------------------------------------------------------------------
    b = Build("s01_summary_landscape.docx", "summary", landscape=True)
    b.defect("layout", None, "纸张横向，正文应为 A4 纵向（GB/T 9704 5.1）")
    add(b.sub("3150批次，抽检合格率为98.6%，对不合格食品全部依法核查处置，核查处置率",
              "3150批次,抽检合格率为98.6%,对不合格食品全部依法核查处置,核查处置率")
        .defect("punctuation", "全年完成食品安全监督抽检", "中文里用了半角逗号“,”，应为全角“，”（GB/T 15834）")
        .done())
    add(Build("s02_summary_songti_headings.docx", "summary")
        .roles("h1", font="宋体", bold=True)
        .defect("font", None, "一级标题用宋体加粗，应为黑体（GB/T 9704 7.3.3）")
        .roles("h1", first_chars=0)
        .defect("indent", None, "一级标题顶格，应与正文一样左空二字（GB/T 9704 7.3.3）")
        .sub("1.推动", "1、推动").sub("2.完善", "2、完善")
        .defect("numbering", None, "三级标题序号写成“1、”，应为“1.”（GB/T 9704 7.3.3）")
        .done())
    add(Build("s03_summary_30pt_centred_signature.docx", "summary")
        .roles(ALL_ROLES, line=("exact", 600))
        .defect("spacing", None, "固定值30磅行距，每页只排21行，应为22行（GB/T 9704 5.2.3）")
        .roles(("sign", "date"), align="center", right_chars=0)
        .defect("alignment", None, "署名和日期居中，应右空二字编排（GB/T 9704 7.3.5.2）")
        .done())
    add(Build("s04_summary_padded_date.docx", "summary", round_trip="docx", footer="of_n")
        .sub(SUMMARY_DATE, "2024年01月08日")
        .defect("numbers", "2024年01月08日", "成文日期“01月08日”编了虚位，应为“1月8日”（GB/T 9704 7.3.5.4）")
        .sub("（三）提升抽检监测效能", "（三）抽检监测工作做得比较扎实")
        .defect("parallelism", None, "二级标题中“抽检监测工作做得比较扎实”是一句评价，与其余动宾短语不对仗")
        .defect("header_footer", None, "页码为居中的“第1页 共3页”，应为“— 1 —”，单页居右、双页居左（GB/T 9704 7.5）")
        .done())
    add(Build("s05_summary_no_signature.docx", "summary", blocks=nudge(summary(), "（二）加强风险防控", SUMMARY_FILL))
        .drop(SUMMARY_SIGN)
        .defect("structure", None, "只有成文日期，没有发文机关署名（GB/T 9704 7.3.5）")
        .roles("cell", size=10.5)
        .defect("size", None, "表格文字为五号（10.5磅），应为4号或小4（GB/T 9704 表格）")
        .done())
    b = Build("s06_summary_split_signature.docx", "summary", blocks=summary(table=False))
    b.d.blocks = pad_to_last_line(b.d.blocks, find(b.d.blocks, SUMMARY_SIGN), SUMMARY_FILL,
                                  at=find(b.d.blocks, "二、存在的问题"))
    add(b.defect("pagination", None, "署名排在一页的最后一行，成文日期转到下一页，署名与日期被分开（GB/T 9704 7.3.5）", check="split")
        .done())
    add(Build("s07_summary_hanging_list.docx", "summary")
        .roles("h3", first_chars=None, left_tw=420, hanging_tw=420)
        .defect("indent", None, "“1.”“2.”段落为 Word 自动列表的悬挂缩进（首行顶格），应首行空二字（GB/T 9704 7.3.3）")
        .done())
    add(Build("s08_summary_no_title.docx", "summary", blocks=nudge(summary()[2:], "二、存在的问题", SUMMARY_FILL, 2))
        .defect("structure", None, "没有标题，正文直接开头（GB/T 9704 7.3.1）")
        .done())
    add(Build("s09_summary_word_heading1.docx", "summary", h1_builtin=True)
        .defect("font", None, "一级标题套用 Word 内置“标题 1”：主题字体、加粗、蓝色，应为黑体、黑色（GB/T 9704 7.3.3、5.2.4）")
        .defect("size", None, "一级标题为“标题 1”的14磅，应为3号（16磅）（GB/T 9704 7.3.3）")
        .defect("spacing", None, "一级标题段前24磅、单倍行距，打乱每页22行（GB/T 9704 5.2.3）")
        .defect("indent", None, "一级标题顶格，应左空二字（GB/T 9704 7.3.3）")
        .done())
    b = Build("s10_summary_orphan_heading_page2.docx", "summary", blocks=summary(table=False))
    b.d.blocks = pad_to_last_line(b.d.blocks, find(b.d.blocks, "三、2024年"), SUMMARY_FILL)
    add(b.defect("pagination", "三、2024年", "一级标题“三、2024年工作打算”排在一页的最后一行（背题）", check="orphan").done())

    # ---- 报告 -------------------------------------------------------------------------------
    add(Build("r01_report_margins_swapped.docx", "report",
              margins={"top": 2098, "bottom": 1984, "left": 1474, "right": 1588})
        .defect("layout", None, "左右页边距颠倒：左26、右28毫米，订口应为28毫米（GB/T 9704 5.2.1）")
        .roles("h2", font="黑体")
        .defect("font", None, "二级标题“（一）”用黑体，应为楷体（GB/T 9704 7.3.3）")
        .done())
    add(Build("r02_report_small_title_indented_recipient.docx", "report")
        .block("关于2024年上半年", size=16, bold=True)
        .defect("size", "关于2024年上半年", "标题为3号加粗（16磅），应为2号（22磅）（GB/T 9704 7.3.1）")
        .roles("zs", first_chars=200)
        .defect("indent", "市应急管理局：", "主送机关首行空了二字，应顶格（GB/T 9704 7.3.2）")
        .sub("形势总体平稳。", "形势总体平稳。。")
        .defect("punctuation", "上半年，全县共发生", "句末重复标点“。。”（GB/T 15834）")
        .done())
    add(Build("r03_report_space_after_left_date.docx", "report")
        .roles(("p", "h3"), after_lines=50, after=156)
        .defect("spacing", None, "正文每段段后0.5行，打乱每页22行的版面（GB/T 9704 5.2.3）")
        .roles("date", align="left", right_chars=0)
        .defect("alignment", REPORT_DATE, "成文日期顶左排，应在署名下一行、首字比署名首字右移二字（GB/T 9704 7.3.5.2）")
        .done())
    add(Build("r04_report_styles_halfwidth_brackets.docx", "report", made="styles")
        .sub("（一）层层", "(一)层层").sub("（二）深入", "(二)深入").sub("（三）持续加强应急准备", "(三)应急准备方面")
        .defect("numbering", None, "二级标题序号用半角括号“(一)”，应为全角“（一）”（GB/T 9704 7.3.3）")
        .defect("parallelism", None, "二级标题“层层压实安全责任、深入开展隐患排查”之后是“应急准备方面”，不对仗")
        .sub("上半年，全县共发生", "24年上半年，全县共发生")
        .defect("numbers", "24年上半年", "年份简写为“24年”，应写全“2024年”（GB/T 15835）")
        .done())
    b = Build("r05_report_recipient_above_title.docx", "report", footer="centre")
    b.d.blocks = moved(b.d.blocks, ("zs",), 0)
    add(b.defect("structure", None, "主送机关排在标题之上，应在标题下空一行（GB/T 9704 7.3.2）")
        .defect("header_footer", None, "页码单双页都居中，应单页居右空一字、双页居左空一字（GB/T 9704 7.5）")
        .done())
    b = Build("r06_report_signature_alone.docx", "report")
    b.d.blocks = pad_to_last_line(b.d.blocks, find(b.d.blocks, "特此报告"), REPORT_FILL, page_line=21)
    add(b.defect("pagination", None, "正文在上一页结束，署名和日期单独排在新的一页（GB/T 9704 7.3.5）", check="alone").done())
    add(Build("r07_report_comma_numbering_mixed_years.docx", "report")
        .sub("三、存在的问题", "三，存在的问题")
        .defect("numbering", "三，存在的问题", "一级标题序号后用了逗号“三，”，应为“三、”（GB/T 9704 7.3.3）")
        .sub("上半年，全县共发生", "二〇二四年上半年，全县共发生")
        .defect("numbers", "二〇二四年上半年", "同一文件中年份一处写“二〇二四年”、其余写“2024年”，同类数字应同一形式（GB/T 15835）")
        .done())

    # ---- 函 ---------------------------------------------------------------------------------
    add(Build("l01_letter_theme_fonts.docx", "letter",
              margins={"top": 1417, "bottom": 1417, "left": 1588, "right": 1474})
        .defect("layout", None, "上下页边距2.5厘米，应为上37、下35毫米（GB/T 9704 5.2.1）")
        .roles(TEXT_ROLES, font=None)
        .defect("font", None, "正文没有设字体，用的是文档的主题字体，应为仿宋（GB/T 9704 5.2.2）", theme=True)
        .done())
    add(Build("l02_letter_left_indent_colon.docx", "letter", blocks=nudge(letter(), "盼予支持", LETTER_FILL, 4))
        .roles("h1", size=14)
        .defect("size", None, "一级标题为4号（14磅），应为3号（GB/T 9704 7.3.3）")
        .roles("p", left_chars=200)
        .defect("indent", None, "正文段落整体左缩进二字（另有首行缩进），应只首行空二字（GB/T 9704 7.3.3）")
        .sub("临江大学：", "临江大学:")
        .defect("punctuation", "临江大学:", "主送机关后用了半角冒号“:”，应为全角“：”（GB/T 9704 7.3.2）")
        .done())
    add(Build("l03_letter_multiple_spacing_centred_headings.docx", "letter",
              blocks=[b for b in letter() if not b.text.startswith(("盼予", "联系人"))])
        .roles(ALL_ROLES, line=("auto", 300))
        .defect("spacing", None, "1.25倍行距，不是每页22行（GB/T 9704 5.2.3）")
        .roles("h1", align="center", first_chars=0)
        .defect("alignment", None, "一级标题居中，应左空二字（GB/T 9704 7.3.3）")
        .done())
    add(Build("l04_letter_skipped_number_fullwidth_digits.docx", "letter", round_trip="docx")
        .sub("三、其他事项", "四、其他事项")
        .defect("numbering", "四、其他事项", "一级标题“一、二、四、”，缺了“三、”（GB/T 9704 7.3.3）")
        .sub("容纳300人", "容纳３００人")
        .defect("numbers", "一是协助提供", "数字用了全角“３００”，应为半角阿拉伯数字（GB/T 15835）")
        .done())
    b = Build("l05_letter_date_first.docx", "letter", footer="small")
    b.sub("三、其他事项", "三、关于活动具体时间和宣传资料的说明")
    b.defect("parallelism", None, "一级标题“活动内容、需协助事项”之后是“关于活动具体时间和宣传资料的说明”，不对仗")
    i = next(i for i, x in enumerate(b.d.blocks) if x.role == "sign")
    b.d.blocks[i], b.d.blocks[i + 1] = b.d.blocks[i + 1], b.d.blocks[i]
    add(b.defect("structure", None, "成文日期排在署名之上，应在署名下一行（GB/T 9704 7.3.5）")
        .defect("header_footer", None, "页码为五号（10.5磅），应为4号（GB/T 9704 7.5）")
        .done())
    b = Build("l06_letter_orphan_heading.docx", "letter")
    b.d.blocks = pad_to_last_line(b.d.blocks, find(b.d.blocks, "三、其他事项"), LETTER_FILL)
    add(b.defect("pagination", "三、其他事项", "一级标题“三、其他事项”排在第1页最后一行（背题）", check="orphan").done())

    # ---- 一页的通知 ---------------------------------------------------------------------------
    add(Build("m01_short_16k_heiti_title.docx", "short", page=(10433, 14742))
        .defect("layout", None, "纸张为16开（184×260毫米），应为 A4（GB/T 9704 5.1）")
        .block("关于调整机关食堂", font="黑体")
        .defect("font", "关于调整机关食堂", "标题用黑体，应为小标宋（GB/T 9704 7.3.1）")
        .done())
    add(Build("m02_short_wuhao_centred_paragraph.docx", "short")
        .roles(TEXT_ROLES, size=10.5)
        .defect("size", None, "正文为五号（10.5磅，Word 默认），应为3号（GB/T 9704 5.2.2）")
        .block("请各处室", align="center")
        .defect("alignment", "请各处室", "一段正文误设为居中，应两端对齐（GB/T 9704 7.3.3）")
        .done())
    add(Build("m03_short_four_char_indent.docx", "short")
        .block("早餐时间", first_chars=400)
        .defect("indent", "早餐时间", "这一段首行缩进4字，应为2字（GB/T 9704 7.3.3）")
        .roles(ALL_ROLES, line=("exact", 520))
        .defect("spacing", None, "固定值26磅行距，每页24行，应为22行（GB/T 9704 5.2.3）")
        .sub("开放时间的通知", "开放时间的通知。")
        .defect("punctuation", "关于调整机关食堂", "标题末尾加了句号，标题不加句末标点")
        .done())
    add(Build("m04_short_impossible_date_placeholder.docx", "short", round_trip="docx", footer="header")
        .sub("决定自11月15日起", "决定自2024年11月31日起")
        .defect("numbers", "根据市机关事务", "“2024年11月31日”不存在（11月只有30天）")
        .sub("联系人：陈立，联系电话：0571-85123456。", "联系人：XXX，联系电话：XXXXXXXX。")
        .defect("structure", "联系人：XXX", "模板占位符“XXX”没有替换成真实的联系人和电话")
        .defect("header_footer", None, "页码排在页眉，应在版心下边缘之下（GB/T 9704 7.5）")
        .done())
    return docs


def clean() -> list[Doc]:
    c19 = plan()
    c19[0] = B("title", "临江市档案馆馆藏档案\n数字化加工工作实施方案")
    c07 = [b for b in notice() if b.role not in ("att", "att2")][:-3] + notice()[-2:]
    c07 += [Block("cc", COPY_TO), Block("yf", PRINTED)]
    c19 = nudge(c19, "三、实施步骤", PLAN_FILL)
    docs = [
        Build("c01_notice_direct.docx", "notice"),
        Build("c02_plan_direct_table.docx", "plan"),
        Build("c03_summary_direct_times_digits.docx", "summary").roles((*ALL_ROLES, "cell"), ascii_font="Times New Roman"),
        Build("c04_report_direct.docx", "report"),
        Build("c05_letter_direct.docx", "letter"),
        Build("c06_short_direct_long_date.docx", "short"),
        Build("c07_notice_direct_record.docx", "notice", blocks=c07),
        Build("c08_plan_styles.docx", "plan", made="styles"),
        Build("c09_report_styles.docx", "report", made="styles"),
        Build("c10_summary_heading_styles.docx", "summary", made="headings"),
        Build("c11_letter_heading_styles.docx", "letter", made="headings"),
        Build("c12_notice_grid.docx", "notice", made="grid"),
        Build("c13_report_grid.docx", "report", made="grid"),
        Build("c14_notice_libreoffice.docx", "notice", round_trip="docx"),
        Build("c15_plan_libreoffice_odt.docx", "plan", round_trip="odt"),
        Build("c16_summary_heading_styles_libreoffice.docx", "summary", made="headings", round_trip="docx"),
        Build("c17_letter_pandoc.docx", "letter", made="pandoc"),
        Build("c18_report_pandoc.docx", "report", made="pandoc"),
        Build("c19_plan_two_line_title.docx", "plan", blocks=c19),
    ]
    return [b.done() for b in docs]


def place_record(d: Doc) -> None:
    """Blank lines before the 版记 so that it ends on the last line of an even page (GB/T 9704 7.4)."""
    i = next((i for i, b in enumerate(d.blocks) if b.role == "cc"), None)
    if i is None or d.file.startswith("n10"):
        return
    start = line_numbers(d.blocks[:i])[-1] + lines_of(d.blocks[i - 1], fmt_of(d.blocks[i - 1], d.role_fmt))
    end_line = 44 if start <= 43 else 88
    d.blocks[i:i] = [Block("blank") for _ in range(end_line - 1 - start)]


# --------------------------------------------------------------------------------------------------
# pandoc with a reference document, LibreOffice round trips
# --------------------------------------------------------------------------------------------------
PANDOC_STYLES = {"zs": "主送", "att": "附件说明", "att2": "附件说明续行", "sign": "署名", "date": "日期"}
_MD_SPECIAL = set("\\`*_{}[]<>#+!|~^$")


def _md(text: str) -> str:
    return "".join("\\" + c if c in _MD_SPECIAL else c for c in text)


def write_pandoc(d: Doc, path: Path, work: Path) -> None:
    """Markdown through pandoc, with a reference .docx whose styles and page follow GB/T 9704."""
    import docx

    ref = work / f"{path.stem}-reference.docx"
    subprocess.run(["pandoc", "-o", str(ref), "--print-default-data-file", "reference.docx"], check=True,
                   capture_output=True, timeout=120)
    doc = docx.Document(str(ref))
    strip_theme_fonts(doc)
    from docx.oxml.ns import qn

    lang = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr")).find(qn("w:lang"))
    if lang is not None:
        lang.set(qn("w:eastAsia"), "zh-CN")
    body_fmt = replace(BODY, **d.role_fmt.get("p", {}))
    by_id = {st.style_id: st for st in doc.styles}
    for sid in ("Normal", "BodyText", "FirstParagraph", "Compact"):
        fill_style(by_id[sid], body_fmt)
    fill_style(by_id["Title"], CLEAN["title"])
    for role, sid in (("h1", "Heading1"), ("h2", "Heading2")):
        fill_style(by_id[sid], replace(CLEAN[role], **d.role_fmt.get(role, {})))
    for role, name in PANDOC_STYLES.items():
        make_style(doc, name, replace(CLEAN[role], **d.role_fmt.get(role, {})))
    set_page(doc, d)
    add_page_numbers(doc, d.footer)
    doc.save(str(ref))
    blank = '```{=openxml}\n<w:p><w:pPr><w:pStyle w:val="BodyText"/></w:pPr></w:p>\n```'
    out: list[str] = []
    for b in d.blocks:
        if b.role == "title":
            out.insert(0, f'---\ntitle: "{b.text}"\n---')
        elif b.role == "blank":
            out.append(blank)
        elif b.role in ("h1", "h2"):
            out.append(("#" if b.role == "h1" else "##") + " " + _md(b.text))
        elif b.role in PANDOC_STYLES:
            out.append(f'::: {{custom-style="{PANDOC_STYLES[b.role]}"}}\n{_md(b.text)}\n:::')
        elif b.role in ("p", "h3"):
            out.append(_md(b.text))
        else:
            raise ValueError(f"{d.file}: {b.role} not written by pandoc here")
    md = work / f"{path.stem}.md"
    md.write_text("\n\n".join(out) + "\n", encoding="utf-8")
    subprocess.run(["pandoc", "-f", "markdown-smart-auto_identifiers", "-t", "docx", "--reference-doc", str(ref),
                    "-o", str(path), str(md)], check=True, capture_output=True, timeout=120)


def soffice(args: list[str], profile: Path) -> None:
    subprocess.run(["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore", *args],
                   check=True, capture_output=True, timeout=600)


def round_trip(files: list[Path], how: str, out: Path, work: Path) -> None:
    """Open each file in LibreOffice Writer and save it as .docx again (through .odt when how='odt')."""
    profile = work / "lo-profile"
    if how == "odt":
        odt = work / "odt"
        soffice(["--convert-to", "odt", "--outdir", str(odt), *map(str, files)], profile)
        files = [odt / (f.stem + ".odt") for f in files]
    soffice(["--convert-to", "docx:MS Word 2007 XML", "--outdir", str(out), *map(str, files)], profile)


def have(cmd: str) -> bool:
    return shutil.which(cmd) is not None


# --------------------------------------------------------------------------------------------------
# The corpus and its key
# --------------------------------------------------------------------------------------------------
def paragraph_of(path: Path, at: str) -> int:
    import docx

    texts = [p.text for p in docx.Document(str(path)).paragraphs]
    hits = [i + 1 for i, t in enumerate(texts) if t.startswith(at)]
    if len(hits) != 1:
        raise ValueError(f"{path.name}: {len(hits)} paragraphs start with {at!r}")
    return hits[0]


def made_label(d: Doc) -> str:
    label = {"direct": "Word 直接格式", "styles": "自定义样式", "headings": "Word 内置标题样式",
             "grid": "文档网格", "pandoc": "pandoc + 参考文档"}[d.made]  # fmt: skip
    if d.h1_builtin:
        label += "（一级标题套用未改的“标题 1”）"
    if d.round_trip:
        label += "，LibreOffice 另存" + ("（经 .odt）" if d.round_trip == "odt" else "")
    return label


def make(out: Path, office: bool = True) -> dict[str, Any]:
    """Write the corpus and key.yaml into `out`; return the key. Without office (or without soffice /
    pandoc on the machine) the round trips are skipped and pandoc documents are written directly,
    and the key says so."""
    import yaml

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    bad, good = defective(), clean()
    for d in good:
        place_record(d)
    use_lo = office and have("soffice")
    with tempfile.TemporaryDirectory(prefix="wenmi-eval3-") as tmp:
        work = Path(tmp)
        trips: dict[str, list[Path]] = {}
        for d in bad + good:
            if d.made == "pandoc" and not have("pandoc"):
                d.made = "direct"
            if d.round_trip and not use_lo:
                d.round_trip = None
            target = work / "before" / d.file if d.round_trip else out / d.file
            target.parent.mkdir(parents=True, exist_ok=True)
            if d.made == "pandoc":
                write_pandoc(d, target, work)
            else:
                write_docx(d, target)
            if d.round_trip:
                trips.setdefault(d.round_trip, []).append(target)
        for how, files in trips.items():
            round_trip(files, how, out, work)
    key: dict[str, Any] = {"defective": [], "clean": []}
    for d in bad:
        key["defective"].append({
            "file": d.file, "kind": d.kind, "made": made_label(d),
            "defects": [{"category": x["category"], "paragraph": paragraph_of(out / d.file, x["at"]) if x["at"] else None,
                         "note": x["note"]} for x in d.defects],
        })  # fmt: skip
    for d in good:
        key["clean"].append({"file": d.file, "kind": d.kind, "made": made_label(d)})
    header = ("# Answer key of benchmarks/check_eval3 (written by make_corpus.py; do not edit by hand).\n"
              "# paragraph: 1-based index among the body paragraphs (tables not counted); null = anywhere.\n")
    (out / "key.yaml").write_text(header + yaml.safe_dump(key, allow_unicode=True, sort_keys=False, width=200),
                                  encoding="utf-8")
    return key


def main(argv: list[str] | None = None) -> int:
    import argparse

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", type=Path, help="output folder")
    ap.add_argument("--no-office", action="store_true", help="no LibreOffice round trips")
    ap.add_argument("--verify", action="store_true", help="render with LibreOffice and check the page geometry")
    args = ap.parse_args(argv)
    key = make(args.out, office=not args.no_office)
    n = sum(len(e["defects"]) for e in key["defective"])
    print(f"{len(key['defective'])} defective documents ({n} defects), {len(key['clean'])} clean, in {args.out}")
    if args.verify:
        return verify(args.out)
    return 0


# --------------------------------------------------------------------------------------------------
# --verify: the page geometry as LibreOffice lays it out
# --------------------------------------------------------------------------------------------------
PT_MM = 25.4 / 72
BLOCK_TOP, BLOCK_BOTTOM = 37.0, 262.0  # mm from the top edge of an A4 page


def pdf_rows(pdf: Path) -> list[list[dict[str, Any]]]:
    import pdfplumber

    pages = []
    with pdfplumber.open(str(pdf)) as doc:
        for p in doc.pages:
            lines: dict[int, list[dict[str, Any]]] = {}
            for c in p.chars:
                if c["text"].strip():
                    lines.setdefault(round(c["bottom"] / 3), []).append(c)
            rows = []
            for k in sorted(lines):
                cs = sorted(lines[k], key=lambda c: c["x0"])
                rows.append({"y": cs[0]["bottom"] * PT_MM, "size": max(c["size"] for c in cs),
                             "text": "".join(c["text"] for c in cs), "n": len(cs)})
            pages.append(rows)
    return pages


def _body(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [r for r in rows if BLOCK_TOP - 5 < r["y"] < BLOCK_BOTTOM + 3]


def _locate(pages: list[list[dict[str, Any]]], text: str, whole: bool = False) -> tuple[int, int]:
    key = text.replace("\n", "")[:8]
    for i, rows in enumerate(pages):
        body = _body(rows)
        for j, r in enumerate(body):
            row = r["text"].replace(" ", "").replace("\u3000", "")
            if row == text if whole else row.startswith(key):
                return i, j
    raise LookupError(text)


def verify(folder: Path) -> int:
    """Render every document and check what the key relies on; print the problems; 0 when none."""
    import yaml

    key = yaml.safe_load((folder / "key.yaml").read_text(encoding="utf-8"))
    docs = {d.file: d for d in defective() + clean()}
    for d in docs.values():
        place_record(d)
    files = [folder / e["file"] for e in key["defective"] + key["clean"]]
    pdfdir = Path(tempfile.mkdtemp(prefix="wenmi-eval3-pdf-"))
    env = dict(os.environ)
    conf = HERE.parent.parent.parent / "shared" / "tools" / "fonts.conf"
    if conf.exists():
        env["FONTCONFIG_FILE"] = str(conf)
    profile = pdfdir / "profile"
    subprocess.run(["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
                    "--convert-to", "pdf", "--outdir", str(pdfdir), *map(str, files)],
                   check=True, capture_output=True, timeout=900, env=env)
    problems: list[str] = []
    for entry in key["defective"] + key["clean"]:
        name = entry["file"]
        d = docs[name]
        pages = pdf_rows(pdfdir / (Path(name).stem + ".pdf"))
        is_clean = "defects" not in entry
        if d.made == "grid":  # LibreOffice puts 14 characters a line on Word's character grid: not measurable
            print(f"{name}: not measured (document grid)")
            continue
        heads = [b.text for b in d.blocks if b.role in ("h1", "h2")]
        checks = {x.get("check") for x in d.defects} - {None}
        try:
            if is_clean:
                problems += [f"{name}: {p}" for p in _clean_problems(d, pages, heads)]
            for b in heads:
                pg, j = _locate(pages, b)
                last = j == len(_body(pages[pg])) - 1 and pg < len(pages) - 1
                wanted = any(x.get("check") == "orphan" and x["at"] and b.startswith(x["at"]) for x in d.defects)
                if last != wanted:
                    problems.append(f"{name}: heading {b[:10]} {'not ' if wanted else ''}on the last line of page {pg + 1}")
            sign = next((b.text for b in d.blocks if b.role == "sign"), None)
            date = next((b.text for b in d.blocks if b.role == "date"), None)
            if sign and date and d.page == A4 and not d.landscape:
                (ps, js), (pd, _) = _locate(pages, sign, True), _locate(pages, date, True)
                split = ps != pd
                alone = ps == pd and js == 0
                if split != ("split" in checks):
                    problems.append(f"{name}: signature p{ps + 1} and date p{pd + 1}")
                if alone != ("alone" in checks):
                    problems.append(f"{name}: signature {'not ' if 'alone' in checks else ''}alone on page {ps + 1}")
            if "record_mid" in checks:
                pg, _ = _locate(pages, "抄送")
                if _body(pages[pg])[-1]["y"] > BLOCK_BOTTOM - 8:
                    problems.append(f"{name}: 版记 at the bottom of the page")
        except LookupError as e:
            problems.append(f"{name}: not found in the rendering: {e}")
        print(f"{name}: {len(pages)} page(s), body rows " + "/".join(str(len(_body(p))) for p in pages))
    print("\n".join(problems) if problems else "geometry as the key says")
    return 1 if problems else 0


def _clean_problems(d: Doc, pages: list[list[dict[str, Any]]], heads: list[str]) -> list[str]:
    out = []
    has_table = any(b.role == "table" for b in d.blocks)
    for i, rows in enumerate(pages):
        body = _body(rows)
        big = [r for r in body if r["size"] >= 15]
        lines = round((big[-1]["y"] - big[0]["y"]) / (LINE / 20 * PT_MM)) + 1 if big else 0
        if i < len(pages) - 1 and not has_table and lines != 22:
            out.append(f"page {i + 1}: {lines} lines")
        full = [r["n"] for r in body if 15 < r["size"] < 17 and r["n"] >= 27 and all(ord(c) > 127 for c in r["text"])]
        if full and max(set(full), key=full.count) != 28:
            out.append(f"page {i + 1}: characters per full line {sorted(set(full))}")
        foot = [r for r in rows if r["y"] > BLOCK_BOTTOM + 3]
        if not any(r["text"].replace(" ", "") == f"—{i + 1}—" for r in foot):
            out.append(f"page {i + 1}: page number {[r['text'] for r in foot]}")
        for r in body:
            text = r["text"]
            if len(text) == 1 or (len(text) == 2 and text[1] in "。，；："):
                out.append(f"page {i + 1}: lone character line {text!r}")
    if any(b.role == "cc" for b in d.blocks):
        pg, _ = _locate(pages, "抄送")
        last = _body(pages[pg])[-1]
        if (pg + 1) % 2 or last["y"] < BLOCK_BOTTOM - 8:
            out.append(f"版记 on page {pg + 1} ending at {last['y']:.0f} mm")
    return out


if __name__ == "__main__":
    sys.exit(main())
