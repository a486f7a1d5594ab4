"""Paragraphs of like actions under a lead that fits them (issue “Composition II”)."""

from __future__ import annotations

import re
from pathlib import Path

from assistant.compose import compose_markup
from assistant.compose.paragraphs import ParagraphView, build_paragraphs, join_sentences, split_paragraphs
from assistant.ledger.figures import figure_sentence
from assistant.ledger.files import load_workbook
from assistant.ledger.workbook import Achievement, Metric
from assistant.phrasebank import load_bank
from assistant.templating import load_catalog

EVAL = Path(__file__).resolve().parent.parent / "benchmarks" / "compose_eval"


def test_like_actions_share_a_paragraph_and_unrelated_ones_stand_alone() -> None:
    items = [
        Achievement("开展廉洁警示教育", "纪律建设", [Metric("警示教育", 4, "场")]),
        Achievement("组织党员到社区开展志愿服务", "群团与服务", [Metric("志愿服务", 8, "次")]),
        Achievement("组织观看廉政警示教育片", "纪律建设", [Metric("", 3, "次")]),
    ]
    assert split_paragraphs(items) == [[0, 2], [1]]


def test_no_paragraph_holds_more_than_three_actions() -> None:
    items = [Achievement(f"开展廉洁警示教育第{i}轮", "纪律建设") for i in range(7)]
    parts = split_paragraphs(items)
    assert sorted(i for p in parts for i in p) == list(range(7))
    assert max(len(p) for p in parts) <= 3


def test_short_sentences_run_on() -> None:
    assert join_sentences(["开展廉洁警示教育4场。", "组织观看警示教育片3次。"]) == "开展廉洁警示教育4场，组织观看警示教育片3次。"
    long = "修订完善中心层面规章制度35项，形成《制度汇编》。"
    assert join_sentences([long, "开展警示教育4场。"]) == long + "开展警示教育4场。"


def test_leads_fit_and_are_never_said_twice() -> None:
    bank = load_bank()
    items = [
        Achievement("开展职工技能比赛", "群团与服务", [Metric("", 6, "场")]),
        Achievement("举办职工趣味运动会", "群团与服务", [Metric("参与职工", 1500, "人", "余")]),
    ]
    sentences = [figure_sentence(a) for a in items]
    used: set[str] = set()
    first = build_paragraphs(items, sentences, bank, "群团与服务", used)
    second = build_paragraphs(items, sentences, bank, "群团与服务", used)
    leads = [p.lead for p in (*first, *second) if p.lead]
    assert leads and len(leads) == len(set(leads))
    assert all("，" in lead for lead in leads)  # a lead is a sentence, not a noun
    assert str(first[0]).startswith(f"**{first[0].lead}。**")


def test_every_figure_reaches_the_paragraphs_of_a_real_workbook() -> None:
    wb = load_workbook(EVAL / "rongxian-zonggonghui-wuyi.yaml")
    result = compose_markup(load_catalog().get("zs-zhibu-zongjie"), wb)
    text = "".join(str(p) for s in result.sections for p in s.paragraphs)
    for a in wb.achievements:
        for m in a.metrics:
            assert m.text() in text
    leads = [p.lead for s in result.sections for p in s.paragraphs if p.lead]
    assert len(leads) == len(set(leads))
    assert not set(leads) & {s.heading for s in result.sections}
    assert all(isinstance(p, ParagraphView) for s in result.sections for p in s.paragraphs)


def test_a_sentence_says_when_and_who_unless_it_names_the_doer_itself() -> None:
    from assistant.compose.paragraphs import voiced

    a = Achievement("起草实施方案", "作风建设", [Metric("工作目标", 15, "个")], date="2022-03", owner="党群工作部")
    assert voiced(a, "起草实施方案，提出工作目标15个。", "中共某公司委员会", "2022年") == "3月，党群工作部起草实施方案，提出工作目标15个。"
    b = Achievement("督导各级党组织开展座谈会", "组织建设", [], owner="各级党组织")
    assert voiced(b, "督导各级党组织开展座谈会。", "中共某公司委员会", "2022年") == "督导各级党组织开展座谈会。"
    c = Achievement("开展学习", "思想建设", [], date="2021-11", owner="中共某公司委员会")
    assert voiced(c, "开展学习。", "中共某公司委员会", "2022年") == "2021年11月，开展学习。"
    # taizhou (H25): a sentence opening with a frame (在…中) lost its doer
    d = Achievement("在重大民生工程项目中建立临时党支部", "组织建设", [], owner="工程管理公司党支部")
    assert voiced(d, "在3个重大民生工程项目中建立临时党支部。", "市社发集团党委", "") == (
        "工程管理公司党支部在3个重大民生工程项目中建立临时党支部。"
    )


def test_dated_work_is_told_in_the_order_it_happened() -> None:
    items = [
        Achievement("开展廉洁警示教育", "纪律建设", [Metric("警示教育", 4, "场")], date="2022-11"),
        Achievement("组织观看廉政警示教育片", "纪律建设", [Metric("", 3, "次")], date="2022-03"),
        Achievement("组织党员到社区开展志愿服务", "群团与服务", [Metric("志愿服务", 8, "次")], date="2022-06"),
    ]
    paras = build_paragraphs(items, [figure_sentence(a) for a in items], None, "纪律建设", set(), "某党委", "2022年")
    # like work stays together (the two 警示教育), in date order inside; paragraphs by their first date
    assert [p.text.split("，")[0] for p in paras] == ["3月", "6月"]
    assert paras[0].text.index("3月") < paras[0].text.index("11月")


class TestLeadsClaimNothingTheWorkbookDoesNotSay:
    """A lead from the bank must be about what the paragraph says (issue “Composition II”, item 2)."""

    def test_a_lead_naming_a_practice_nobody_mentioned_is_not_supported(self) -> None:
        from assistant.compose.paragraphs import lead_is_supported

        study = [
            Achievement("共同学习《资本论》", "思想建设", detail="刘方喜导读"),
            Achievement("继续学习《资本论》", "思想建设", detail="刘方喜导读"),
        ]
        assert not lead_is_supported("坚持第一议题，及时跟进学习", study)
        assert not lead_is_supported("专家导学，提升学习深度", study)
        assert lead_is_supported("原著研读，夯实理论功底", [Achievement("研读原著《资本论》", "思想建设")])
        self_study = [Achievement("支部成员自学两会文件", "思想建设"), Achievement("利用暑休开展调研和自学", "思想建设")]
        assert lead_is_supported("党员自学，夯实理论功底", self_study)
        # naming the kind of work claims no practice
        games = [Achievement("举办职工趣味运动会", "群团与服务"), Achievement("开展职工技能比赛", "群团与服务")]
        assert lead_is_supported("文体活动，丰富职工生活", games)

    def test_chosen_leads_are_supported_on_a_real_workbook(self) -> None:
        from assistant.compose.paragraphs import lead_is_supported

        for name in ("cass-wenxuesuo-lilun-zhibu-2022", "dongying-tuanquwei-qingshaonian-fuwu", "fuyu-shequ-yihe-sanquan"):
            wb = load_workbook(EVAL / f"{name}.yaml")
            template = load_catalog().get("xc-pinpai-jingyan")
            result = compose_markup(template, wb)
            for s in result.sections:
                items = [wb.achievements[s.indices[i]] for i in range(len(s.indices))]
                for p in s.paragraphs:
                    if p.lead:
                        assert lead_is_supported(p.lead, [items[i] for i in p.members]), (name, p.lead)


def test_a_lone_action_takes_a_partner_from_a_full_paragraph_of_its_kind() -> None:
    items = [
        Achievement("开展廉洁警示教育", "纪律建设", [Metric("警示教育", 4, "场")]),
        Achievement("组织观看廉政警示教育片", "纪律建设"),
        Achievement("开展廉政警示教育进支部活动", "纪律建设"),
        Achievement("开展警示教育专题党课", "纪律建设"),
    ]
    parts = split_paragraphs(items)
    assert sorted(i for p in parts for i in p) == [0, 1, 2, 3]
    assert sorted(len(p) for p in parts) == [2, 2]  # not three and a one-sentence paragraph


def test_a_sentence_that_opens_with_its_own_date_gets_no_second_one() -> None:
    from assistant.compose.paragraphs import voiced

    a = Achievement("赴永州开展团情大调研", "作风建设", date="2008-08", detail="8月14日至17日，团省委书记带队")
    sentence = figure_sentence(a)
    assert sentence.startswith("8月14日至17日，赴永州开展团情大调研")
    assert voiced(a, sentence, "某团委", "2008年") == sentence


def test_the_doer_a_sentence_names_is_not_said_again_after_it() -> None:
    """qt-banshishi-zongjie wrote “<title>由<owner>具体承办。” after a sentence that said so."""
    from assistant.ledger.workbook import Workbook

    wb = Workbook(
        unit="烟墩镇工会",
        period="2022年上半年",
        achievements=[
            Achievement(
                "春节期间为困难职工打卡发放救助金和慰问金",
                "群团与服务",
                [Metric("困难职工", 4, "户"), Metric("慰问金", 0.4, "万元")],
                owner="县总工会",
                detail="由县总工会统一打卡发放",
            ),
            Achievement("元旦春节摸底审核申报困难职工", "群团与服务", [Metric("申报困难职工", 40, "户")]),
        ],
    )
    markup = compose_markup(load_catalog().get("qt-banshishi-zongjie"), wb).markup
    assert markup.count("县总工会") == 1
    assert "由县总工会统一打卡发放" in markup


class TestWorkDoneBeforeReadsAsClausesNotTitles:
    """A forward-looking document's 前期工作 paragraph joins what was done into sentences
    (issue “Composition II”; the weinan 通知 read “主要工作有：落实‘第一议题’制度。打造…。”)."""

    def test_short_actions_join_with_the_enumeration_comma_and_long_ones_with_semicolons(self) -> None:
        from assistant.compose.paragraphs import join_mentions

        items = [
            Achievement("落实“第一议题”制度", "政治建设", tags=["学习"]),
            Achievement("传达上级党的建设工作会议精神", "政治建设", tags=["学习"]),
            Achievement("结合五年来机关党建工作情况开展自查自纠", "组织建设", detail="认真查摆问题、抓好整改提升"),
        ]
        text = join_mentions(items, [figure_sentence(a) for a in items])
        assert "落实“第一议题”制度、传达上级党的建设工作会议精神" in text
        assert "。" not in text[:-1]  # one sentence, not one per title
        assert text.endswith("开展自查自纠，认真查摆问题、抓好整改提升。")
        assert "；结合五年来" in text

    def test_numbered_points_keep_every_figure_and_say_when(self) -> None:
        from assistant.compose.paragraphs import join_mentions

        items = [
            Achievement("开展廉洁警示教育", "纪律建设", [Metric("警示教育", 4, "场")]),
            Achievement("组织党员到社区开展志愿服务", "群团与服务", [Metric("志愿服务", 8, "次")]),
            Achievement("召开会议确定年度书记项目", "组织建设", [Metric("参会委员", 7, "人")], date="2015-04-13"),
            Achievement("修订完善规章制度", "制度建设", [Metric("规章制度", 35, "项")]),
        ]
        text = join_mentions(items, [figure_sentence(a) for a in items], numbered=True, period="2015年")
        assert text.startswith("一是") and "；二是" in text and "；三是" in text and text.endswith("。")
        for a in items:
            for m in a.metrics:
                assert m.text() in text
        assert "4月13日召开会议" in text  # the date runs into its clause
        # fewer than three points are not counted
        two = join_mentions(items[:2], [figure_sentence(a) for a in items[:2]], numbered=True)
        assert not two.startswith("一是")

    def test_the_weinan_notice_writes_no_title_as_a_sentence_of_its_own(self) -> None:
        wb = load_workbook(EVAL / "weinan-caizhengju-jiguan-dangwei-2024.yaml")
        markup = compose_markup(load_catalog().get("zz-djyd-tongzhi"), wb).markup
        # the workbook lists the year's tasks: the notice tells them as its tasks (test_plans)
        before = next(line for line in markup.splitlines() if "重点抓好以下工作：" in line)
        run = before.split("重点抓好以下工作：", 1)[1]
        sentences = [s for s in run.split("。") if s]
        assert len(sentences) * 2 < len(wb.achievements)  # several actions to a sentence
        titles = {a.title for a in wb.achievements}
        assert not [s for s in sentences if s in titles]  # no sentence is a title alone
        assert "落实“第一议题”制度。" not in run
        # a counted name may be spelled out after it: 打造“四强”（政治功能强、…）党支部
        def plain(text: str) -> str:
            return re.sub(r"（[^（）]*）", "", text)

        for a in wb.achievements:
            assert plain(a.title) in plain(run) or a.title[:8] in run

    def test_no_catalogue_template_writes_work_done_before_one_sentence_per_title(self) -> None:
        """The bodies list earlier work through `mentions`, not `a.sentence` run together."""
        for t in load_catalog().all():
            body = t.body.replace(" ", "")
            assert "{%foraachievements%}{{a.sentence}}{%endfor%}" not in body, t.id
            assert "achievements|map(attribute='sentence')|join('')" not in body, t.id


def test_a_year_alone_is_said_when_the_period_does_not_say_it() -> None:
    from assistant.compose.paragraphs import voiced

    a = Achievement("召开党委会", "政治建设", [Metric("党委会", 38, "次")], date="2009")
    assert voiced(a, "召开党委会38次。", "中共某局委员会", "") == "2009年，召开党委会38次。"
    assert voiced(a, "召开党委会38次。", "中共某局委员会", "2009年") == "召开党委会38次。"


class TestASectionHasNoOneSentenceParagraphBesideOthers:
    """Actions of one section share paragraphs (lead + two or three actions), even when the
    grouping finds them unlike: the section's heading is what they have in common."""

    def test_unlike_actions_of_a_section_pair_up(self) -> None:
        items = [
            Achievement("与所内其他支部联合举办主题活动", "组织建设", date="2022-02-25"),
            Achievement("逐一联系本学科退休同志并表示慰问", "群团与服务", date="2022-12"),
        ]
        assert split_paragraphs(items) == [[0], [1]]  # alike to nothing
        paras = build_paragraphs(items, [figure_sentence(a) for a in items], None, "组织建设", set(), "某支部", "2022年")
        assert len(paras) == 1
        assert paras[0].text == "2月25日，与所内其他支部联合举办主题活动。12月，逐一联系本学科退休同志并表示慰问。"

    def test_a_lone_action_joins_the_pair_it_is_like(self) -> None:
        from assistant.compose.paragraphs import merge_single_actions

        items = [
            Achievement("开展廉洁警示教育", "纪律建设"),
            Achievement("组织观看廉政警示教育片", "纪律建设"),
            Achievement("开展廉政谈话", "纪律建设"),
            Achievement("举办职工趣味运动会", "群团与服务"),
        ]
        merged = merge_single_actions(items, [[0, 1], [2], [3]], [figure_sentence(a) for a in items])
        assert sorted(i for p in merged for i in p) == [0, 1, 2, 3]
        assert all(len(p) <= 3 for p in merged)
        assert sum(len(p) == 1 for p in merged) <= 1

    def test_long_actions_keep_their_own_paragraphs(self) -> None:
        from assistant.compose.paragraphs import merge_single_actions

        long = "，".join(["深入基层一线开展调研走访并形成调研报告"] * 6) + "。"
        items = [Achievement("开展调研", "作风建设"), Achievement("举办运动会", "群团与服务")]
        assert merge_single_actions(items, [[0], [1]], [long, long]) == [[0], [1]]

    def test_the_eval_set_has_few_one_sentence_paragraphs(self) -> None:
        singles = 0
        for name in ("cass-wenxuesuo-lilun-zhibu-2022", "fuyu-shequ-yihe-sanquan", "linzhuang-cun-shuji-shuzhi-2022"):
            wb = load_workbook(EVAL / f"{name}.yaml")
            result = compose_markup(load_catalog().get("xc-pinpai-jingyan"), wb)
            singles += sum(1 for s in result.sections if len(s.paragraphs) > 1 for p in s.paragraphs if len(p.members) == 1)
        assert singles <= 1


def test_a_lead_that_echoes_an_earlier_one_is_not_used() -> None:
    """cass: 加强理论学习，提升思想认识 then 抓理论学习，强思想认识到位 in one section."""
    from assistant.compose.paragraphs import choose_lead, echoes

    assert echoes("抓理论学习，强思想认识到位", "加强理论学习，提升思想认识")
    assert not echoes("认真组织学习，不断提高认识", "加强理论学习，提升思想认识")
    assert not echoes("在“办得好”上下功夫", "在“问得准”上下功夫")  # a template's parallel leads
    bank = load_bank()
    items = [Achievement("参加所组织的二十大报告学习会", "思想建设"), Achievement("交流学习二十大报告心得", "思想建设")]
    used = {"加强理论学习，提升思想认识"}
    lead = choose_lead(items, bank, "思想建设", used)
    assert not lead or not echoes(lead, "加强理论学习，提升思想认识")


def test_a_doer_ending_in_the_verb_is_not_followed_by_it() -> None:
    from assistant.compose.paragraphs import voiced

    a = Achievement("组织机关党员干部参与主题实践活动", "作风建设", owner="市直机关各基层党组织")
    assert "党组织组织" not in voiced(a, figure_sentence(a), "中共某市委市直机关工作委员会", "")
    b = Achievement("规范工作记录", "组织建设", owner="学院党委办公室")
    assert voiced(b, "规范工作记录。", "某学院党委", "") == "学院党委办公室规范工作记录。"


def test_a_date_the_sentence_says_itself_is_not_put_in_front() -> None:
    """gaoxiao: “三是5月20日缴纳5月党费，…5月20日前交至…”."""
    from assistant.compose.paragraphs import voiced

    a = Achievement("缴纳5月党费", "组织建设", date="2023-05-20", detail="5月20日前交至所在二级党组织")
    sentence = figure_sentence(a)
    assert voiced(a, sentence, "某党委", "2023年5月", run_in=True).count("5月20日") == 1


def test_more_actions_than_ordinals_share_points_rather_than_lose_the_count() -> None:
    """Thirteen tasks after “重点抓好以下工作：” are still counted (一是…十是 at most), like actions
    sharing a point, not several uncounted sentences after one colon."""
    from assistant.compose.paragraphs import join_mentions

    titles = [
        "落实“第一议题”制度", "传达全市党建工作会议精神", "打造“四强”党支部", "开展党员示范岗创建",
        "召开机关党委扩大会议", "巩固拓展主题教育成果", "组织集中学习重要讲话精神", "集中学习党建工作要点",
        "开展争先进位三年行动", "发挥青年理论学习小组作用", "提高支部“三会一课”质量", "推动党建与业务融合",
        "开展廉政警示教育",
    ]  # fmt: skip
    rows = [Achievement(t, "组织建设", []) for t in titles]
    text = join_mentions(rows, [t + "。" for t in titles], numbered=True)
    assert text.startswith("一是") and text.count("。") == 1, text
    assert "十一是" not in text
    for t in titles:
        assert t in text


def test_the_action_the_lead_names_opens_its_paragraph() -> None:
    """ankang: “**加强理论学习，提升思想认识。**行风测评位居全市卫健系统前列…” put the lead over
    the wrong action; with no dates to keep in order, the action it names comes first."""
    rows = [
        Achievement("行风测评位居全市卫健系统前列", "作风建设", [], detail="全院医德医风持续向好"),
        Achievement("院党委理论学习中心组围绕主题开展专题学习研讨", "思想建设", []),
    ]
    paragraphs = build_paragraphs(rows, [figure_sentence(a) for a in rows], load_bank(), "思想建设", set())
    led = [p for p in paragraphs if p.lead and len(p.members) == 2]
    assert led, paragraphs  # the two share a paragraph under a lead
    for p in led:
        first = rows[p.members[0]]
        assert any(w in first.title for w in ("学习", "理论")) or "学习" not in p.lead, (p.lead, p.text)


def test_a_lead_tells_what_was_done_and_never_exhorts() -> None:
    """The bank's 结对共建四要 pairs (要围绕中心工作，选准工作结合点) tell a reader what to do; over a
    述职's achievements such a lead reads as an instruction. furong's 述职 took one."""
    from assistant.compose.paragraphs import _lead_candidates

    bank = load_bank()
    roles = {e.role for e in bank.entries("pair")}
    leads = [t for role in roles for theme in ("组织建设", "通用") for t in _lead_candidates(bank, role, theme)]
    assert leads and not [t for t in leads if t.startswith(("要", "必须", "务必", "应当"))]
    workbook = load_workbook(EVAL / "furong-zhen-shuji-shuzhi-2017.yaml")
    for template in ("qt-banshishi-zongjie", "zs-zbsj-shuzhi"):
        markup = compose_markup(load_catalog().get(template), workbook).markup
        assert "要围绕" not in markup and "。要" not in markup


def test_a_passive_gets_its_subject() -> None:
    """zhucheng (batch 4): 6月，被税务总局党委命名为…: the passive needs the writer as subject."""
    from assistant.compose.paragraphs import voiced

    a = Achievement("被税务总局党委命名为全国税务系统“四强”党支部", "组织建设", date="2025-06")
    said = voiced(a, "被税务总局党委命名为全国税务系统“四强”党支部。", "某某税务局机关党支部", "2025年")
    assert said == "6月，支部被税务总局党委命名为全国税务系统“四强”党支部。"
    company = voiced(Achievement("被市里授予突出贡献单位", "宣传与品牌"), "被市里授予突出贡献单位。", "某市供电公司", "2023年")
    assert company == "某市供电公司被市里授予突出贡献单位。"
