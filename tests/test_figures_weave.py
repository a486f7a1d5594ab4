"""Figure sentences from real workbooks (issue “Composition II”, items 1 and 6): a label phrased
differently from the title but naming the same thing is woven in, never stitched on after the
title; the detail goes where a drafter puts it (time, frame, items, purpose)."""

from __future__ import annotations

import re

import pytest

from assistant.ledger.figcheck import check_figures
from assistant.ledger.figures import figure_sentence
from assistant.ledger.workbook import Achievement, Metric


def ach(title: str, *metrics: Metric, detail: str | None = None) -> Achievement:
    return Achievement(title=title, metrics=list(metrics), detail=detail)


def assert_figures(a: Achievement, sentence: str) -> None:
    """figcheck finds every figure of `a` in the sentence (the promise the render keeps)."""
    assert not [d for d in check_figures([a], sentence) if d.rule == "figure-missing"], sentence


class TestTheNumberMovesNextToTheCountedNoun:
    """The label names the title's noun in other words: the figure goes before that noun."""

    @pytest.mark.parametrize(
        ("title", "metric", "expected"),
        [
            # after the verb that governs the noun
            ("完成村（社区）工会组织换届选举", Metric("完成换届的村（社区）工会", 8, "个"), "完成8个村（社区）工会组织换届选举。"),
            ("组织返乡农民工参加现场招聘会", Metric("参加招聘会返乡农民工", 15, "名"), "组织15名返乡农民工参加现场招聘会。"),
            ("号召在职党员志愿者到社区报到", Metric("到社区报到在职党员志愿者", 4000, "名", "余"), "号召4000余名在职党员志愿者到社区报到。"),
            # a label that opens with the title's verb
            ("选派第一书记驻村", Metric("选派第一书记", 3, "名"), "选派3名第一书记驻村。"),
            ("慰问劳动模范", Metric("慰问劳动模范", 8, "名"), "慰问8名劳动模范。"),
            # a quoted name is counted before its quotes
            ("建设“青翼家园”", Metric("青翼家园", 18, "个"), "建设18个“青翼家园”。"),
            # names with digits and Latin letters are not counts
            ("建成5G基站", Metric("5G基站", 120, "个"), "建成120个5G基站。"),
        ],
    )
    def test_before_the_noun(self, title: str, metric: Metric, expected: str) -> None:
        assert figure_sentence(ach(title, metric)) == expected

    def test_after_a_preposition_and_two_amounts_for_the_two_joined_nouns(self) -> None:
        a = ach(
            "春节期间为困难职工打卡发放救助金和慰问金",
            Metric("困难职工", 4, "户"),
            Metric("生活救助金", 8.5, "万元"),
            Metric("慰问金", 0.4, "万元"),
        )
        assert figure_sentence(a) == "春节期间为4户困难职工打卡发放生活救助金8.5万元、慰问金0.4万元。"

    def test_a_count_of_the_subject_opens_the_sentence(self) -> None:
        a = ach("党员轮流担任学习辅导人", Metric("轮流“亮相”党员", 16, "名"), detail="使全体党员人人“亮相”")
        assert figure_sentence(a) == "16名党员轮流担任学习辅导人，使全体党员人人“亮相”。"

    def test_the_label_s_noun_continues_the_title_s_last_words(self) -> None:
        a = ach("入户走访审核申报困境儿童", Metric("走访困境儿童家庭", 10, "户"), Metric("发放学习用品", 0.2, "万元"))
        assert figure_sentence(a) == "入户走访审核申报困境儿童家庭10户，发放学习用品0.2万元。"
        assert figure_sentence(ach("完成IPv6改造", Metric("完成IPv6改造的系统", 35, "个"))) == "完成IPv6改造的系统35个。"

    def test_a_more_exact_label_takes_the_place_of_the_title_s_words(self) -> None:
        a = ach("村民成立种植专业合作社流转土地", Metric("流转村级土地", 600, "亩", "余"))
        assert figure_sentence(a) == "村民成立种植专业合作社流转村级土地600余亩。"

    @pytest.mark.parametrize(
        ("title", "metric", "expected"),
        [
            ("电力系统行风评议在全市连续夺冠", Metric("行风评议连冠", 9, "次"), "电力系统行风评议在全市连续夺冠9次。"),
            ("组织年轻党员开展“宣讲进社区”活动", Metric("党员宣讲", 1, "场"), "组织年轻党员开展“宣讲进社区”活动1场。"),
        ],
    )
    def test_a_count_of_the_action_closes_it(self, title: str, metric: Metric, expected: str) -> None:
        assert figure_sentence(ach(title, metric)) == expected


class TestALabelThatOnlySaysTheTitleAgain:
    """No label is stitched on after a title that says it; none is clipped either."""

    @pytest.mark.parametrize(
        ("title", "metric", "clause"),
        [
            ("与福翔残疾人福利厂、余华乡河心村党支部结对共建", Metric("共建对子", 2, "个"), "，共计2个。"),
            ("小区电梯投放创城公益广告", Metric("投放电梯", 540, "部", "余"), "，涉及电梯540余部。"),
            ("湖北鹏跃苗木花卉培植基地建设", Metric("苗木花卉基地", 150, "亩", "余"), "，面积达150余亩。"),
            ("开展规章制度培训", Metric("规章制度", 3, "项"), "，涉及规章制度3项。"),
        ],
    )
    def test_becomes_a_short_clause(self, title: str, metric: Metric, clause: str) -> None:
        sentence = figure_sentence(ach(title, metric))
        assert sentence == title + clause
        assert f"，{metric.label}" not in sentence

    @pytest.mark.parametrize(
        ("title", "metrics", "expected"),
        [
            # the same things a second time: the verb that is new, the noun not again
            (
                "发放团情统计表",
                [Metric("发放团情统计表", 100, "份"), Metric("回收团情统计表", 96, "份")],
                "发放团情统计表100份，回收96份。",
            ),
            ("发放调查问卷", [Metric("发放", 300, "份"), Metric("回收调查问卷", 292, "份")], "发放调查问卷300份，回收292份。"),
            # a label with a word of its own is said in full: 金, 对象, 全年, 总
            (
                "走访慰问困难党员",
                [Metric("困难党员", 15, "名"), Metric("慰问金", 30000, "元")],
                "走访慰问15名困难党员，慰问金3万元。",
            ),
            ("开展结对帮扶", [Metric("帮扶对象", 20, "户")], "开展结对帮扶，帮扶对象20户。"),
            (
                "开展青少年心理健康服务进村（社区）行动",
                [Metric("全年心理健康服务", 120, "场次", "不少于")],
                "开展青少年心理健康服务进村（社区）行动，全年心理健康服务不少于120场次。",
            ),
            # what a survey found is stated, not “涉及”
            (
                "了解全市青少年人口",
                [Metric("总人口", 5760000, "人"), Metric("青少年", 1828000, "人")],
                "了解全市青少年人口，总人口576万人、青少年182.8万人。",
            ),
        ],
    )
    def test_a_label_that_adds_a_word_is_kept(self, title: str, metrics: list[Metric], expected: str) -> None:
        assert figure_sentence(ach(title, *metrics)) == expected


class TestFrequencies:
    def test_a_frequency_the_title_says_is_not_said_again(self) -> None:
        a = ach("各党支部每月开展政治学习", Metric("每月政治学习", 1, "次"))
        assert figure_sentence(a) == "各党支部每月开展政治学习1次。"

    def test_a_per_occasion_amount_is_its_own_clause(self) -> None:
        a = ach("制定党员值班奖励加分办法", Metric("每次双报到或志愿服务加分", 2, "分"))
        assert figure_sentence(a) == "制定党员值班奖励加分办法，每次双报到或志愿服务加分2分。"

    def test_a_frequency_and_a_counted_noun(self) -> None:
        a = ach("安排党员轮流到社区值班", Metric("每周值班党员", 1, "名"))
        assert figure_sentence(a) == "每周安排1名党员轮流到社区值班。"
        a = ach("与共建支部开展联谊活动", Metric("每季度联谊活动", 1, "次"))
        assert figure_sentence(a) == "每季度与共建支部开展联谊活动1次。"


class TestFiguresWrittenInWords:
    """A title or detail that writes the figure in words gets it in Arabic digits (GB/T 15835),
    where the metric counts that noun; the figure is then not said twice."""

    def test_title(self) -> None:
        a = ach("每次学习安排一名党员做计划并重点发言", Metric("每次重点发言党员", 1, "名"))
        assert figure_sentence(a) == "每次学习安排1名党员做计划并重点发言。"
        assert figure_sentence(ach("每月确定一个工作主题", Metric("每月工作主题", 1, "个"))) == "每月确定1个工作主题。"

    def test_detail_covers_several_metrics(self) -> None:
        a = ach(
            "建立读书学习常态化推进机制",
            Metric("支部读书心得报告会", 1, "次"),
            Metric("工委读书心得报告会", 1, "次"),
            detail="支部每月、工委每半年举办一次读书心得报告会",
        )
        assert figure_sentence(a) == "建立读书学习常态化推进机制，支部每月、工委每半年举办1次读书心得报告会。"

    def test_fixed_expressions_in_quotes_stay_in_words(self) -> None:
        sentence = figure_sentence(ach("凝聚“一个合力”", Metric("合力", 1, "个")))
        assert "“一个合力”" in sentence and "1个" in sentence


class TestDetailWovenIn:
    @pytest.mark.parametrize(
        ("title", "detail", "expected"),
        [
            # a time becomes the time adverbial; what it repeats of the title goes
            ("召开支部大会民主推荐优秀党员", "“七一”前夕召开", "“七一”前夕召开支部大会民主推荐优秀党员。"),
            ("节日期间举办大型文艺汇演", "国庆节、元旦等节日期间", "国庆节、元旦等节日期间举办大型文艺汇演。"),
            ("为社区捐助抗疫物资", "疫情防控严峻时期与社区群众并肩共渡难关", "疫情防控严峻时期为社区捐助抗疫物资，与社区群众并肩共渡难关。"),
            ("集中开展调研", "11月10日至20日", "11月10日至20日，集中开展调研。"),
            # a frame opens the sentence
            (
                "开展“奉献海西当先锋”主题实践活动",
                "立足福州后发优势，全力推进电网建设",
                "立足福州后发优势，开展“奉献海西当先锋”主题实践活动，全力推进电网建设。",
            ),
            # …but not one half of a parallel pair
            (
                "推出“一核三圈”工作模式",
                "以社区党支部为核心，辖区成员单位为辅助",
                "推出“一核三圈”工作模式，以社区党支部为核心，辖区成员单位为辅助。",
            ),
            # items join the title's noun phrase
            (
                "在重大工程中设立临时党支部",
                "温福福厦铁路电力工程、新农村电气化建设、平潭二回通道海缆铺设等工程",
                "在温福福厦铁路电力工程、新农村电气化建设、平潭二回通道海缆铺设等重大工程中设立临时党支部。",
            ),
            # …but a clause with an action of its own stays one
            ("设置便民工具借用点", "免费提供维修箱、维修梯等便民工具", "设置便民工具借用点，免费提供维修箱、维修梯等便民工具。"),
            # an elliptic clause takes the title's object; a modifier of rank goes before it
            (
                "打造青少年绿色教育实践基地",
                "联合某实业集团有限公司打造全省首个",
                "联合某实业集团有限公司打造全省首个青少年绿色教育实践基地。",
            ),
            ("依托青少年服务中心建立社区少工委", "全市首个社区少工委", "依托青少年服务中心建立全市首个社区少工委。"),
            # …a time of day is no modifier of rank
            (
                "听党课并集体学习讨论",
                "上午听刘玉宏书记上党课，下午集体学习讨论",
                "听党课并集体学习讨论，上午听刘玉宏书记上党课，下午集体学习讨论。",
            ),
            # a fuller form of the title's opening, or of its last action, takes its place
            (
                "村民成立种植专业合作社流转土地",
                "以张诗平为代表的村民成立种植专业合作社",
                "以张诗平为代表的村民成立种植专业合作社流转土地。",
            ),
            (
                "组织返乡农民工参加现场招聘会",
                "参加县总工会在服务中心举办的现场招聘会",
                "组织返乡农民工参加县总工会在服务中心举办的现场招聘会。",
            ),
        ],
    )
    def test_where_a_drafter_puts_it(self, title: str, detail: str, expected: str) -> None:
        assert figure_sentence(ach(title, detail=detail)) == expected

    def test_a_name_and_a_list_of_examples(self) -> None:
        a = ach("支部书记讲专题党课", detail="《解读“七一讲话”精神》")
        assert figure_sentence(a) == "支部书记讲专题党课《解读“七一讲话”精神》。"
        b = ach("开展部门之间体育交流比赛", detail="乒乓球、羽毛球、网球等")
        assert figure_sentence(b) == "开展部门之间体育交流比赛，如乒乓球、羽毛球、网球等。"
        # a list of actions is no list of examples
        c = ach("各党支部开展政治学习", detail="学习党的理论、中央重大部署、党章党史等")
        assert figure_sentence(c) == "各党支部开展政治学习，学习党的理论、中央重大部署、党章党史等。"
        # a list told with its own manner and the title's verb: the title's verb and noun keep it
        # (was 严格落实“三会一课”、主题党日、组织生活会等从严落实党内政治生活基本制度, shi-jiguan)
        d = ach("从严落实党内政治生活基本制度", detail="严格落实“三会一课”、主题党日、组织生活会等制度")
        assert figure_sentence(d) == "从严落实“三会一课”、主题党日、组织生活会等党内政治生活基本制度。"

    def test_two_counted_nouns_in_a_row(self) -> None:
        a = ach("深入乡镇行政村调研", Metric("乡镇", 7, "个"), Metric("行政村", 169, "个"))
        assert figure_sentence(a) == "深入7个乡镇169个行政村调研。"

    def test_items_of_the_title_s_noun_and_a_figure_for_a_detail_clause(self) -> None:
        a = ach(
            "举办职工技能比赛",
            Metric("县总工会举办技能比赛", 6, "场次"),
            Metric("行业工会开展技能大赛", 4, "场"),
            Metric("参与职工", 3600, "人", "余"),
            detail="围绕“工业兴县、农业稳县”，举办采茶、制茶、陶艺、电商等技能比赛，发动行业工会开展快递、家政等技能大赛",
        )
        assert figure_sentence(a) == (
            "围绕“工业兴县、农业稳县”，举办采茶、制茶、陶艺、电商等职工技能比赛6场次，"
            "发动行业工会开展快递、家政等技能大赛4场，参与职工3600余人。"
        )

    def test_the_detail_says_the_title_more_exactly(self) -> None:
        a = ach(
            "举办青年运动展、青年代表座谈会和入团入队仪式",
            Metric("展览、座谈和示范性仪式", 63, "场次"),
            detail="举办池州青年运动展、青年代表座谈会、入团入队示范性仪式",
        )
        assert figure_sentence(a) == "举办池州青年运动展、青年代表座谈会、入团入队示范性仪式63场次。"


class TestNounListsAndBadInput:
    def test_figures_of_things_are_listed_with_the_enumeration_comma(self) -> None:
        a = ach("参加省第六届青年志愿服务项目大赛", Metric("金奖", 2, "项"), Metric("铜奖", 2, "项"))
        assert figure_sentence(a) == "参加省第六届青年志愿服务项目大赛，金奖2项、铜奖2项。"
        c = ach("举办职工趣味运动会", Metric("一等奖", 3, "名"), Metric("二等奖", 6, "名"), Metric("三等奖", 10, "名"))
        assert figure_sentence(c) == "举办职工趣味运动会，一等奖3名、二等奖6名、三等奖10名。"
        b = ach("支部成员调整", Metric("年初成员", 10, "人"), Metric("因工作调动等离开", 3, "人"), Metric("现有成员", 7, "人"))
        assert figure_sentence(b) == "支部成员调整，年初成员10人，因工作调动等离开3人，现有成员7人。"

    @pytest.mark.parametrize(
        ("title", "metrics", "detail"),
        [
            ("推进ERP系统上线", [Metric("上线单位", 12, "家"), Metric("ERP系统", 1, "套")], None),
            ("通过ISO 9001质量管理体系认证", [Metric("认证部门", 6, "个")], "覆盖设计、采购、施工等环节"),
            ("完成IPv6改造", [Metric("IPv6改造系统", 35, "个")], None),
            (
                "围绕安全生产、设备检修、营销服务、科技创新、党建品牌、乡村振兴等重点领域组织开展党员先锋岗创建活动",
                [Metric("党员先锋岗", 48, "个"), Metric("参与党员", 1200, "人次", "余")],
                None,
            ),
            ("开展结对帮扶", [Metric("帮扶对象", 20, "户")], "一是走访；二是慰问；三是送岗位"),
            ("走访慰问困难党员", [Metric("困难党员", 15, "名")], "张三、李四、王五等"),
        ],
    )
    def test_grammatical_and_every_figure_kept(self, title: str, metrics: list[Metric], detail: str | None) -> None:
        a = ach(title, *metrics, detail=detail)
        sentence = figure_sentence(a)
        assert_figures(a, sentence)
        assert sentence.endswith("。") and not re.search(r"[，、。；]{2}", sentence)
        for word in re.findall(r"[A-Za-z]+[\d.]*|ISO 9001", title):
            assert word in sentence  # names with Latin letters and digits stay whole
        if detail:
            assert detail in sentence
        bare = sentence
        for m in metrics:
            bare = bare.replace(m.text(), "")
        assert title in bare  # never clipped, whatever its length: the figures only go in


class TestADetailThatRestatesItsTitleAddsOnlyWhatIsNew:
    """yandun: “完成…换届选举，按期完成”, “完成…任务，完成…任务”: a detail that says the title
    again gives only its new words to the sentence (issue “Composition II”)."""

    def test_a_word_of_manner_goes_before_the_titles_verb(self) -> None:
        a = ach(
            "完成村（社区）工会组织换届选举",
            Metric("完成换届的村（社区）工会", 8, "个"),
            detail="按期完成，规范村级换届选举各项资料",
        )
        sentence = figure_sentence(a)
        assert sentence == "按期完成8个村（社区）工会组织换届选举，规范村级换届选举各项资料。"
        assert_figures(a, sentence)

    def test_the_same_action_told_twice_becomes_one_with_the_words_of_both(self) -> None:
        a = ach("完成帮助非公企业采购滞销农副产品任务", detail="完成镇党委、政府交办的采购因疫情影响滞销的农副产品任务")
        assert figure_sentence(a) == "完成镇党委、政府交办的帮助非公企业采购因疫情影响滞销的农副产品任务。"

    def test_a_clause_the_title_says_already_is_left_out(self) -> None:
        a = ach("赴永州开展调研", detail="开展调研，形成调研报告")
        assert figure_sentence(a) == "赴永州开展调研，形成调研报告。"

    def test_two_different_things_are_both_kept(self) -> None:
        a = ach("开展党员志愿服务活动", detail="开展社区清洁志愿服务活动")
        sentence = figure_sentence(a)
        assert "党员" in sentence and "社区清洁" in sentence

    def test_a_restating_clause_with_a_figure_keeps_it(self) -> None:
        a = ach("开展理论宣讲", Metric("宣讲", 4, "次"), detail="开展理论宣讲，覆盖党员120人次")
        sentence = figure_sentence(a)
        assert "120人次" in sentence and "4次" in sentence
        assert_figures(a, sentence)


def test_a_label_narrower_than_the_titles_noun_keeps_its_modifier() -> None:
    """“涌现先进典型3名” lost 省部级: three of them are 省部级, four 市级 (third held-out batch)."""
    from assistant.ledger.figures import figure_sentence
    from assistant.ledger.workbook import Achievement, Metric

    a = Achievement("涌现先进典型", "宣传与品牌", [Metric("省部级先进典型", 3, "名"), Metric("市级先进典型", 4, "名")])
    text = figure_sentence(a)
    assert "省部级先进典型3名" in text and "市级先进典型4名" in text, text


def test_the_count_of_one_of_two_coordinated_objects_is_that_ones() -> None:
    """“开展廉政谈话和约谈34次” gave the 34 to both kinds of talk."""
    from assistant.ledger.figures import figure_sentence
    from assistant.ledger.workbook import Achievement, Metric

    a = Achievement("开展廉政谈话和约谈", "纪律建设", [Metric("廉政谈话", 34, "次"), Metric("约谈党员干部", 40, "次", "余")])
    text = figure_sentence(a)
    assert "廉政谈话34次" in text and "约谈党员干部40余次" in text, text
    assert "约谈34次" not in text


def test_a_count_of_where_people_were_sent_goes_after_to() -> None:
    """“下派集团公司党委委员到下属党支部3个，涉及党委委员3名” (third held-out batch)."""
    from assistant.ledger.figures import figure_sentence
    from assistant.ledger.workbook import Achievement, Metric

    a = Achievement("下派集团公司党委委员到下属党支部", "组织建设", [Metric("下派党委委员", 3, "名"), Metric("下属党支部", 3, "个")])
    assert figure_sentence(a) == "下派3名集团公司党委委员到3个下属党支部。"


def test_two_figures_of_one_noun_stand_together_without_the_noun_said_twice() -> None:
    """“…各类学习活动31人次，涉及学习活动7场次” said 学习活动 twice."""
    from assistant.ledger.figures import figure_sentence
    from assistant.ledger.workbook import Achievement, Metric

    a = Achievement("组织党员参加市直工委举办的各类学习活动", "思想建设", [Metric("参加党员", 31, "人次"), Metric("学习活动", 7, "场次")])
    text = figure_sentence(a)
    assert text.count("学习活动") == 1 and "7场次" in text and "31人次" in text, text


def test_a_sum_of_the_titles_closing_noun_goes_at_its_end() -> None:
    """“通过收缴系统完成财政划拨工会经费，财政划拨357.5万元” said 财政划拨 twice."""
    from assistant.ledger.figures import figure_sentence
    from assistant.ledger.workbook import Achievement, Metric

    a = Achievement("通过收缴系统完成财政划拨工会经费", "群团与服务", [Metric("财政划拨", 357.5, "万元"), Metric("占任务", 50, "%")])
    text = figure_sentence(a)
    assert text.startswith("通过收缴系统完成财政划拨工会经费357.5万元") and text.count("财政划拨") == 1, text


class TestWhenAndWhatAgain:
    """qu-zonggonghui and furong, read as their signer: a ledger's date is said before the action,
    and an object the next clause says again is not said twice."""

    def test_a_date_with_its_ledger_words_opens_the_sentence(self) -> None:
        a = ach("地税代收工会经费", Metric("代收工会经费", 90, "万元", "多"), Metric("占任务", 55, "%"), detail="截至6月6日")
        assert figure_sentence(a) == "截至6月6日，地税代收工会经费90多万元，占任务55%。"
        # the detail's verb is the title's: only the date is new
        b = ach("召开区总工会三届二次全委会部署规上企业基层工会建设", detail="5月5日召开")
        assert figure_sentence(b) == "5月5日，召开区总工会三届二次全委会部署规上企业基层工会建设。"
        # a date with more to say keeps its clause
        c = ach("召开全委会", detail="5月5日在区会议中心召开")
        assert figure_sentence(c) == "召开全委会，5月5日在区会议中心召开。"
        # a time phrase with no figure still runs straight on
        d = ach("开展“送温暖”活动", detail="春节期间")
        assert figure_sentence(d) == "春节期间开展“送温暖”活动。"

    def test_a_coordinated_object_its_own_clause_says_again(self) -> None:
        a = ach("开展廉政谈话和约谈", Metric("廉政谈话", 34, "次"), Metric("约谈党员干部", 40, "次", "余"))
        assert figure_sentence(a) == "开展廉政谈话34次，约谈党员干部40余次。"
        b = ach("开展廉政谈话和约谈", Metric("廉政谈话", 34, "次"))
        assert figure_sentence(b) == "开展廉政谈话34次和约谈。"


class TestKindsAndShares:
    """Batch 4, read as its signer: kinds of one noun keep the word that tells them apart, and a
    share of a whole says 占."""

    def test_kinds_of_one_noun_are_never_clipped(self) -> None:
        a = ach(
            "以党支部、班团组织、学生会、研究生会等为单位组织全院师生参与",
            Metric("教工党支部", 2, "个"), Metric("研究生党支部", 6, "个"), Metric("本科生党支部", 6, "个"),
        )
        text = figure_sentence(a)
        # was …教工党支部2个，涉及党支部6个，本科生党支部6个: 研究生 lost to the 研究生会 of the title
        assert "研究生党支部6个" in text and "涉及党支部" not in text, text
        # two steps done to one thing still share the noun (发放…100份，回收96份)
        b = ach("发放团情统计表", Metric("发放团情统计表", 100, "份"), Metric("回收团情统计表", 96, "份"))
        assert figure_sentence(b) == "发放团情统计表100份，回收96份。"

    def test_a_share_of_a_whole_says_zhan(self) -> None:
        a = ach("村干部和企业管理层由党员担任", Metric("村干部中党员", 95, "%", "以上"), Metric("企业管理层中党员", 90, "%", "以上"))
        assert figure_sentence(a) == "村干部和企业管理层由党员担任，村干部中党员占95%以上、企业管理层中党员占90%以上。"
        b = ach("完成规上企业基层工会组建", Metric("完成任务", 53.3, "%"))
        assert figure_sentence(b) == "完成规上企业基层工会组建，完成任务53.3%。"


def test_how_often_stands_before_the_action_unless_a_count_follows() -> None:
    """zhucheng (batch 4): 开展…专题研讨，每年开展."""
    a = ach("开展“树牢政治机关意识、做到对党绝对忠诚”专题研讨", detail="每年开展")
    assert figure_sentence(a) == "每年开展“树牢政治机关意识、做到对党绝对忠诚”专题研讨。"
    assert figure_sentence(ach("召开支委会", detail="每月")) == "每月召开支委会。"
    # before a count it would make the count one per quarter: it stays behind
    b = ach("开展专题研讨", Metric("专题研讨", 4, "次"), detail="每季度开展")
    assert figure_sentence(b) == "开展专题研讨4次，每季度开展。"


def test_a_list_of_things_takes_each_count_after_its_thing() -> None:
    """alou (batch 4): 开展主题党日、党课2次、志愿服务15次，主题党日活动6次."""
    a = ach("开展主题党日、党课和志愿服务", Metric("主题党日活动", 6, "次"), Metric("党课", 2, "次"), Metric("志愿服务", 15, "次"))
    assert figure_sentence(a) == "开展主题党日活动6次、党课2次、志愿服务15次。"
    # an action on the second thing is its own clause
    b = ach("开展廉政谈话和约谈", Metric("廉政谈话", 34, "次"), Metric("约谈党员干部", 40, "次", "余"))
    assert figure_sentence(b) == "开展廉政谈话34次，约谈党员干部40余次。"


def test_since_when_opens_the_sentence() -> None:
    a = ach("开展共商共建活动", Metric("共商共建活动", 10, "次", "余"), detail="“党建+”模式启动以来")
    assert figure_sentence(a) == "“党建+”模式启动以来，开展共商共建活动10余次。"


def test_a_detail_that_only_frames_the_action_goes_before_it() -> None:
    """qingzhou (batch 4): 常态开展“善小”活动，在理论宣讲、主题实践等活动中."""
    a = ach("常态开展“善小”活动", detail="在理论宣讲、主题实践等活动中")
    assert figure_sentence(a) == "在理论宣讲、主题实践等活动中，常态开展“善小”活动。"
    b = ach("开展志愿服务", Metric("志愿服务", 12, "次"), detail="围绕乡村振兴")
    assert figure_sentence(b) == "围绕乡村振兴开展志愿服务12次。"
    # xiaoshan (batch 4): a long frame too
    c = ach("引导党员开展大讨论", Metric("大讨论", 6, "次"), detail="围绕党史学习教育、队伍思想作风建设与施工生产难点热点问题")
    assert figure_sentence(c) == "围绕党史学习教育、队伍思想作风建设与施工生产难点热点问题，引导党员开展大讨论6次。"


def test_frames_that_end_in_the_titles_verb_open_the_sentence_without_it() -> None:
    """yuanjiang (batch 4): “完成团镇委换届选举，在镇党委和团市委的指导下完成” said 完成 twice and
    left the frame after the action; the drafter writes the frames first and the verb once."""
    a = ach("完成团镇委换届选举", detail="根据团章和基层组织选举规则，在镇党委和团市委的指导下完成")
    assert figure_sentence(a) == "根据团章和基层组织选举规则，在镇党委和团市委的指导下，完成团镇委换届选举。"
    b = ach("按时完成智慧团建系统各项信息录入", detail="在团市委要求的时间期限内完成，抓好团组织转接工作")
    assert figure_sentence(b) == "在团市委要求的时间期限内，按时完成智慧团建系统各项信息录入，抓好团组织转接工作。"
    # a frame whose verb is not the title's keeps its verb: it says something else
    c = ach("开展志愿服务", Metric("志愿服务", 12, "次"), detail="在社区党委的带领下成立服务队")
    assert figure_sentence(c) == "开展志愿服务12次，在社区党委的带领下成立服务队。"


def test_who_led_the_action_and_what_came_first_open_the_sentence() -> None:
    """H25's reading of batches 1-4: details tacked on after the action whatever their role."""
    # jiangxi: who led it
    a = ach("赴南辽村开展端午节慰问暨义诊主题党日活动", detail="医院副院长宋荣峰带领内科三支部及门诊二支部医疗专家团队")
    assert figure_sentence(a) == (
        "医院副院长宋荣峰带领内科三支部及门诊二支部医疗专家团队，赴南辽村开展端午节慰问暨义诊主题党日活动。"
    )
    # shi-jiguan: an approval, then the meeting that elected
    b = ach("选举产生处第一届机关党委、机关纪委", detail="经市直工委批准，举行党员大会选举")
    assert figure_sentence(b) == "经市直工委批准，举行党员大会，选举产生处第一届机关党委、机关纪委。"
    # a frame with 带领下 stays a frame of its own action, not a leader of this one
    c = ach("开展志愿服务", Metric("志愿服务", 12, "次"), detail="在社区党委的带领下成立服务队")
    assert figure_sentence(c) == "开展志愿服务12次，在社区党委的带领下成立服务队。"


def test_what_is_no_preceding_action_stays_after() -> None:
    # the title's verb as the object of 开展, and a place: neither is an action before the title's
    a = ach("慰问劳动模范", Metric("劳动模范", 8, "名"), detail="开展劳动模范关爱慰问")
    assert figure_sentence(a).endswith("，开展劳动模范关爱慰问。")
    b = ach("清理拆除示范点乱搭乱建、乱堆乱放", detail="十组新湾、四组大屋畈、八组王家湾门前全面清理")
    assert figure_sentence(b) == "清理拆除示范点乱搭乱建、乱堆乱放，十组新湾、四组大屋畈、八组王家湾门前全面清理。"


def test_a_festival_word_inside_an_action_is_no_time() -> None:
    """jiangxi: “代表医院表达节日问候” was cut at 节日 into “副院长宋荣峰代表医院表达节日，…，问候”."""
    a = ach("向南辽村困难家庭捐赠爱心善款及药品", detail="副院长宋荣峰代表医院表达节日问候")
    assert figure_sentence(a) == "向南辽村困难家庭捐赠爱心善款及药品，副院长宋荣峰代表医院表达节日问候。"


def test_a_counted_name_is_spelled_out_by_a_list_of_as_many_of_its_kind() -> None:
    """taizhou: “…工作任务近60项，责任清单、任务清单、台账清单、制度清单。” left a list without a verb."""
    a = ach("细化明确“四张清单”工作任务", Metric("工作任务", 60, "项", "近"), detail="责任清单、任务清单、台账清单、制度清单")
    assert figure_sentence(a) == "细化明确“四张清单”（责任清单、任务清单、台账清单、制度清单）工作任务近60项。"
    # 三会一课 is a name, not a count of three; a manner (按有场所…) is not the list itself
    b = ach("发挥“三会一课”作用", detail="往深里走、往心里走、往实里走")
    assert "“三会一课”作用" in figure_sentence(b)
    c = ach("按“五有”标准打造活动阵地", detail="按有场所、有设施、有标识、有载体、有制度建设")
    assert "“五有”标准" in figure_sentence(c)


def test_a_bare_list_of_things_after_the_figures_is_what_the_action_comprised() -> None:
    a = ach("开展职工文体活动", Metric("活动", 6, "场"), detail="拔河、跳绳、踢毽")
    assert figure_sentence(a) == "开展职工文体活动6场，包括拔河、跳绳、踢毽。"
    # actions are no list of things
    b = ach("开展自查自纠", detail="认真查摆问题、抓好整改提升")
    assert figure_sentence(b) == "开展自查自纠，认真查摆问题、抓好整改提升。"


def test_counted_meetings_after_another_action_are_held() -> None:
    """shi-jiguan: “…基本制度，党总支委会及扩大会8次、各党支部支委会40次、党员大会27次” had no verb."""
    a = ach(
        "从严落实“三会一课”等党内政治生活基本制度",
        Metric("党总支委会及扩大会", 8, "次"),
        Metric("各党支部支委会", 40, "次"),
        Metric("党员大会", 27, "次"),
    )
    assert figure_sentence(a) == (
        "从严落实“三会一课”等党内政治生活基本制度，召开党总支委会及扩大会8次、各党支部支委会40次、党员大会27次。"
    )
    # a meeting the title holds already is not held twice
    b = ach("召开党员大会", Metric("党员大会", 4, "次"))
    assert figure_sentence(b) == "召开党员大会4次。"


def test_the_ratings_of_an_appraisal_are_what_it_rated() -> None:
    """shi-jiguan: “开展支部评星定级，五星党支部1个、三星党支部4个” listed the ratings with no verb."""
    a = ach("开展支部评星定级", Metric("五星党支部", 1, "个"), Metric("三星党支部", 4, "个"))
    assert figure_sentence(a) == "开展支部评星定级，评出五星党支部1个、三星党支部4个。"


def test_two_counts_of_one_verb_say_the_verb_once() -> None:
    """tuanquwei: “覆盖乡镇（街道）10个，覆盖村（居）委会74个”."""
    a = ach(
        "开展阳光惠民行动",
        Metric("覆盖乡镇（街道）", 10, "个"),
        Metric("覆盖村（居）委会", 74, "个"),
        Metric("资助对象", 400, "名", "余"),
    )
    assert figure_sentence(a) == "开展阳光惠民行动，覆盖乡镇（街道）10个、村（居）委会74个，资助对象400余名。"


def test_a_count_of_the_quoted_name_a_title_ends_with_follows_the_quote() -> None:
    """tuanquwei: “创建市级‘五四红旗团委（团支部）’，共计5个” (and a warning to mark the figure's place)."""
    from assistant.ledger.figures import write_figure_sentence

    a = ach("创建市级“五四红旗团委（团支部）”", Metric("市级五四红旗团委（团支部）", 5, "个"))
    written = write_figure_sentence(a)
    assert written.text == "创建市级“五四红旗团委（团支部）”5个。"
    assert not [p for p in written.placements if p.fallback]


def test_a_principle_and_the_means_come_before_the_action() -> None:
    """ankang, xiaoshan (H25): the principle and the means trailed the action."""
    a = ach("完成干部选拔任用和轮岗交流", Metric("选拔任用和轮岗交流干部", 26, "名"), detail="坚持好干部标准，加强中层干部选育和管理监督")
    assert figure_sentence(a) == "坚持好干部标准，完成26名干部选拔任用和轮岗交流，加强中层干部选育和管理监督。"
    b = ach("打造“理论课堂”与“业务课堂”", detail="运用“三会一课”、中心组学习、主题党日等载体")
    assert figure_sentence(b) == "运用“三会一课”、中心组学习、主题党日等载体，打造“理论课堂”与“业务课堂”。"


def test_the_honours_of_an_award_are_counted_as_its_parts() -> None:
    """xiaoshan: “党员获评集团公司、公司先进，集团公司先进党务工作者1人…” stitched the list on."""
    a = ach(
        "党员获评集团公司、公司先进",
        Metric("集团公司先进党务工作者", 1, "人"),
        Metric("公司优秀党群协理员", 1, "人"),
        Metric("公司优秀共产党员", 2, "人"),
    )
    assert figure_sentence(a) == (
        "党员获评集团公司、公司先进，其中集团公司先进党务工作者1人、公司优秀党群协理员1人、公司优秀共产党员2人。"
    )


def test_as_of_a_year_end_opens_the_sentence_and_is_its_only_date() -> None:
    """hancheng (H25): “2024年12月，全村社会经济总值9.7亿元，截至2024年底。”"""
    from assistant.compose.paragraphs import voiced

    a = ach("全村社会经济总值", Metric("社会经济总值", 9.7, "亿元"), detail="截至2024年底")
    a.date = "2024-12"
    sentence = figure_sentence(a)
    assert sentence == "截至2024年底，全村社会经济总值9.7亿元。"
    assert voiced(a, sentence, "晨钟村党委", "2024年") == sentence


def test_a_detail_that_narrows_the_titles_object_takes_its_place() -> None:
    """hancheng (H25): “选拔党员进入村‘两委’班子，选拔政治素质高…的党员” said 选拔 twice."""
    a = ach("换届选举严格把关，选拔党员进入村“两委”班子", detail="选拔政治素质高、工作能力强、群众基础好的党员")
    assert figure_sentence(a) == "换届选举严格把关，选拔政治素质高、工作能力强、群众基础好的党员进入村“两委”班子。"


def test_answering_a_call_opens_the_sentence() -> None:
    """tuanquwei (H25): “…共计514人，积极响应区委、区政府和团市委号召…” put the reason last."""
    a = ach("成立青年突击队抗击疫情", Metric("青年突击队", 86, "支"), detail="积极响应区委、区政府和团市委号召，广泛发动团员青年力量")
    assert figure_sentence(a) == "积极响应区委、区政府和团市委号召，成立86支青年突击队抗击疫情，广泛发动团员青年力量。"


def test_a_label_leaves_out_what_the_sentence_says_already() -> None:
    """Batch 5 (after its first measurement): “配备专职党务干部…，专职党务干部配备比例不少于2%”,
    “组成工作组…，工作组成员9名”."""
    a = ach("配备专职党务干部，充实机关党委力量", Metric("专职党务干部配备比例", 2, "%", "不少于"))
    assert figure_sentence(a) == "配备专职党务干部，充实机关党委力量，配备比例不少于2%。"
    b = ach("组成工作组负责场地安排", Metric("工作组成员", 9, "名"))
    assert figure_sentence(b) == "组成工作组负责场地安排，成员9名。"
    c = ach("推进党员教育", Metric("党员教育覆盖率", 100, "%"))
    assert figure_sentence(c) == "推进党员教育，覆盖率达100%。"
    # a rate of something the title does not say keeps its whole label
    d = ach("开展满意度测评", Metric("群众满意率", 98, "%"))
    assert "群众满意率达98%" in figure_sentence(d)


def test_since_a_year_opens_the_sentence() -> None:
    a = ach("查获濒危物种进出境案件", Metric("濒危物种进出境案件", 77, "起"), detail="2015年来")
    assert figure_sentence(a) == "2015年来，查获濒危物种进出境案件77起。"


def test_a_rate_keeps_the_modifier_that_makes_it_a_rate() -> None:
    """yongzhou: “28岁以下的乡镇团委书记占比” is no 配备比例: cutting 28岁以下 off left “的…占比”."""
    a = ach("乡镇团委书记由28岁以下青年干部担任", Metric("28岁以下的乡镇团委书记占比", 75, "%", "以上"))
    assert "28岁以下的乡镇团委书记占比" in figure_sentence(a)


def test_a_span_of_years_opens_the_sentence() -> None:
    """sujiatun (batch 5, read after its measurement): “…问题35个，一年来，得到职工的一致好评”."""
    a = ach("研究解决涉及职工切身利益重要问题", Metric("重要问题", 35, "个"), detail="一年来，得到职工的一致好评")
    assert figure_sentence(a) == "一年来，研究解决涉及职工切身利益重要问题35个，得到职工的一致好评。"


def test_a_second_seizure_is_its_own_action() -> None:
    """xiamen (batch 5): 查获…案件77起，查扣…制品1325件 are two actions, the second no label stitched on."""
    from assistant.ledger.figures import says_action, write_figure_sentence

    assert says_action("查扣象牙、蟒蛇胆等濒危物种制品")
    a = ach(
        "旅检现场查获象牙制品等濒危物种进出境案件",
        Metric("濒危物种进出境案件", 77, "起"),
        Metric("查扣象牙、蟒蛇胆等濒危物种制品", 1325, "件"),
    )
    written = write_figure_sentence(a)
    assert written.text == "旅检现场查获象牙制品等濒危物种进出境案件77起，查扣象牙、蟒蛇胆等濒危物种制品1325件。"
    assert not [p for p in written.placements if p.fallback]


@pytest.mark.parametrize(
    ("a", "expected"),
    [
        # where the counted ones were drawn from goes before the figure, the verb said once
        (
            ach("推进村（居）“两委”换届", Metric("选任村干部", 5, "名"), detail="从后备干部和致富能手中选任，全镇未出现上访事件"),
            "推进村（居）“两委”换届，从后备干部和致富能手中选任村干部5名，全镇未出现上访事件。",
        ),
        (ach("选任村干部", Metric("人数", 5, "名"), detail="从后备干部和致富能手中选任"), "从后备干部和致富能手中选任村干部5名。"),
        # a source of another verb stays a clause of its own
        (
            ach("推进村（居）“两委”换届", Metric("选任村干部", 5, "名"), detail="从致富能手中推荐"),
            "推进村（居）“两委”换届，选任村干部5名，从致富能手中推荐。",
        ),
    ],
)
def test_where_the_counted_were_drawn_from_comes_first(a: Achievement, expected: str) -> None:
    assert figure_sentence(a) == expected
    assert_figures(a, expected)


def test_the_count_stands_before_the_noun_that_does_the_labels_action() -> None:
    a = ach("党建工作室党务工作者下沉到下属党支部开展“双指导”", Metric("下沉党务工作者", 3, "名"))
    assert figure_sentence(a) == "党建工作室3名党务工作者下沉到下属党支部开展“双指导”。"
    # counted already: no second count
    b = ach("党建工作室3名党务工作者下沉到下属党支部", Metric("下沉党务工作者", 3, "名"))
    assert figure_sentence(b).count("3名") == 1


def test_the_means_of_a_result_opens_the_sentence() -> None:
    a = ach("村级组织活动场所实现全覆盖", Metric("覆盖率", 100, "%"), detail="加强阵地建设")
    assert figure_sentence(a) == "加强阵地建设，村级组织活动场所实现全覆盖，覆盖率达100%。"
    # a title that is an action, not a result: the detail keeps its place
    b = ach("开展阵地建设", detail="加强阵地建设")
    assert not figure_sentence(b).startswith("加强")


def test_a_counted_activity_after_another_action_is_held() -> None:
    a = ach("建设网格党群服务站", Metric("网格党群服务站", 36, "个"), Metric("便民服务及睦邻活动", 1400, "次", "余"))
    assert figure_sentence(a) == "建设36个网格党群服务站，开展便民服务及睦邻活动1400余次。"


def test_who_took_part_stands_between_organised_and_the_verb() -> None:
    a = ach(
        "组织参加省管局公务活动服务保障视频培训班",
        Metric("视频培训班", 3, "期"),
        detail="单位中层以上领导干部和接待科全体人员参加",
    )
    assert figure_sentence(a) == "组织单位中层以上领导干部和接待科全体人员参加3期省管局公务活动服务保障视频培训班。"
    # an action, not who took part: it stays a clause of its own
    assert figure_sentence(ach("组织参加视频培训班", detail="开展学习并参加")) == "组织参加视频培训班，开展学习并参加。"


@pytest.mark.parametrize(
    ("a", "expected"),
    [
        # an event and the days after it, all of it before the action
        (
            ach("在天津站为外地大学生进行乘车指引", Metric("青年志愿者", 5, "名"), detail="奥运后，9月6日、7日两天"),
            "奥运后，9月6日、7日两天，在天津站为外地大学生进行乘车指引，青年志愿者5名。",
        ),
        # a bare year or a span of the year is a time, not a trailing fragment
        (ach("旅检二科党支部党建品牌获评“全国海关基层党建示范品牌”", detail="2020年"), "2020年，旅检二科党支部党建品牌获评“全国海关基层党建示范品牌”。"),
        (ach("新建非公企业和社会组织党组织", Metric("党组织", 5, "家"), detail="全年"), "全年新建5家非公企业和社会组织党组织。"),
        (
            ach("组织各级党组织开展集中学习研讨", Metric("集中学习研讨", 100, "次"), detail="全年；线上线下相结合"),
            "全年组织各级党组织开展集中学习研讨100次，线上线下相结合。",
        ),
        # 之后 is no time of its own
        (ach("开展调研", detail="之后形成报告"), "开展调研，之后形成报告。"),
    ],
)
def test_a_time_in_the_detail_opens_the_sentence(a: Achievement, expected: str) -> None:
    assert figure_sentence(a) == expected
    assert_figures(a, expected)


@pytest.mark.parametrize(
    ("a", "expected"),
    [
        # the size a body grew to, not “涉及青年志愿者45人”
        (ach("加强青年志愿者队伍建设", Metric("青年志愿者", 45, "人")), "加强青年志愿者队伍建设，青年志愿者达45人。"),
        # the members after the kinds of the body: their own clause, not “共计514人” in the list
        (
            ach("成立青年突击队抗击疫情", Metric("区直单位青年突击队", 2, "支"), Metric("村（社区）青年突击队", 74, "支"), Metric("突击队员", 514, "人")),
            "成立青年突击队抗击疫情，区直单位青年突击队2支、村（社区）青年突击队74支，队员514人。",
        ),
        # the places of an action are covered, not “开展活动的乡镇（街道）5个”
        (
            ach("搭建大学生社会实践基地", Metric("开展活动", 10, "场次", "余"), Metric("开展活动的乡镇（街道）", 5, "个")),
            "搭建大学生社会实践基地，开展活动10余场次，覆盖乡镇（街道）5个。",
        ),
        # during an event: the time opens the sentence
        (ach("对奥运线路进行服务安保工作", detail="奥运中，为期7天"), "奥运中对奥运线路进行服务安保工作，为期7天。"),
    ],
)
def test_counts_of_a_body_and_its_places_read_as_a_drafter_writes_them(a: Achievement, expected: str) -> None:
    assert figure_sentence(a) == expected
    assert_figures(a, expected)


def test_a_time_of_day_and_a_leader_frame_are_set_off() -> None:
    a = ach("在广场举行义诊活动", detail="6月26日下午，由医院党办牵头")
    assert figure_sentence(a) == "6月26日下午，在广场举行义诊活动，由医院党办牵头。"
    # 在…带领下 is a frame of its own, set off by a comma however short
    assert figure_sentence(ach("开展调研", detail="在党委领导下")) == "在党委领导下，开展调研。"
