"""`suggest` by genre and tense: what a workbook is (results, tasks, a notice, a survey…) decides
which document types come first, and the reasons say which signal decided.

The workbooks are small 台账 written the way an office worker keeps them: terse rows, a third of
them without a category, figures only where there were figures.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from assistant.cli import main
from assistant.compose.matching import suggest, workbook_tense
from assistant.ledger.files import load_workbook, loads_workbook
from tests.fakes import FakeTemplate, install_fake_catalog

TODAY = dt.date(2026, 6, 1)


#: One template of each document type, alike in everything but the genre, so the genre decides.
GENRES = ["工作总结", "经验材料", "宣传报道", "工作报告", "调研报告", "述职报告",
          "实施方案", "工作方案", "活动方案", "通知", "计划表", "考核细则", "整改方案"]  # fmt: skip
CATALOG = [FakeTemplate(f"t{i:02d}", f"{g}模板", "组织建设", g) for i, g in enumerate(GENRES)]


def workbook(text: str, name: str = "台账.yaml", tmp: Path | None = None):  # type: ignore[no-untyped-def]
    if tmp is None:
        return loads_workbook(text, name)
    path = tmp / name
    path.write_text(text, encoding="utf-8")
    return load_workbook(path)


def top3(wb) -> list[str]:  # type: ignore[no-untyped-def]
    return [s.doctype for s in suggest(wb, CATALOG, today=TODAY)[:3]]


def reasons_of(wb, doctype: str) -> list[str]:  # type: ignore[no-untyped-def]
    return next(s.reasons for s in suggest(wb, CATALOG, today=TODAY) if s.doctype == doctype)


RETRO = {"工作总结", "经验材料", "宣传报道", "工作报告", "调研报告", "述职报告"}
FORWARD = {"实施方案", "工作方案", "活动方案", "通知", "计划表", "考核细则"}

# A branch's rows that say nothing of tense: no figure, no date, no 完成, no 拟.
NEUTRAL_ROWS = """
achievements:
  - title: 开展党性教育
    category: 思想建设
  - title: 组织专题党课
  - title: 开展廉政警示教育
    category: 纪律建设
  - title: 组织民主生活会
  - title: 党员当一日窗口服务员
    category: 群团与服务
  - title: 集中学习研讨
"""


class TestTitle:
    """The title a drafter gives the workbook names the genre."""

    def test_title_field_decides_over_rows_of_figures(self) -> None:
        wb = workbook(
            """
unit: 机关党委
period: 2024年
fields: {标题: 2024年机关党建工作要点}
achievements:
  - title: 举办党务干部培训班
    metrics: [{label: 培训党务干部, value: 120, unit: 人次}]
  - title: 开展主题党日
    metrics: [{label: 主题党日, value: 12, unit: 次}]
    category: 组织建设
"""
        )
        tense = workbook_tense(wb, TODAY)
        assert tense.kind == "forward" and tense.signal == "title"
        assert set(top3(wb)) & {"通知", "计划表"} == {"通知", "计划表"}
        assert "台账的标题“2024年机关党建工作要点”写明了文种，适合写成通知" in reasons_of(wb, "通知")

    def test_file_name_names_the_genre(self, tmp_path: Path) -> None:
        wb = workbook("unit: 团委\n" + NEUTRAL_ROWS, name="2023年度团委工作总结台账.yaml", tmp=tmp_path)
        assert workbook_tense(wb, TODAY).kind == "retrospective"
        assert top3(wb)[0] == "工作总结"
        assert any("文件名“2023年度团委工作总结台账”" in r for r in reasons_of(wb, "工作总结"))

    def test_a_report_on_a_plan_is_a_report(self, tmp_path: Path) -> None:
        wb = workbook("unit: 团委\n" + NEUTRAL_ROWS, name="2023年工作计划完成情况.yaml", tmp=tmp_path)
        tense = workbook_tense(wb, TODAY)
        assert (tense.kind, tense.signal) == ("retrospective", "title")
        assert "工作报告" in top3(wb)

    def test_a_theme_without_a_genre_word_decides_nothing(self) -> None:
        wb = workbook("unit: 党支部\nfields: {主题: 作风建设}\n" + NEUTRAL_ROWS)
        assert workbook_tense(wb, TODAY).signal != "title"


class TestFiguresAsTargetsOrResults:
    """The same work reads as a plan when its figures are floors, as a report when they are counts."""

    ROWS = """
unit: 团市委
period: 2022年
achievements:
  - title: 打造青年会客厅
    metrics: [{{label: 青年会客厅, value: 3, unit: 个, qualifier: {q}}}]
  - title: 开展青少年心理健康服务
    category: 群团与服务
    metrics: [{{label: 心理健康服务, value: 120, unit: 场次, qualifier: {q}}}]
  - title: 组织青年联谊活动
    metrics: [{{label: 青年联谊活动, value: 6, unit: 场次, qualifier: {q}}}]
  - title: 开展技能培训
    metrics: [{{label: 技能培训, value: 4000, unit: 人次, qualifier: {q}}}]
"""

    @pytest.mark.parametrize("qualifier", ["以上", "不少于"])
    def test_floors_are_targets(self, qualifier: str) -> None:
        wb = workbook(self.ROWS.format(q=qualifier))
        tense = workbook_tense(wb, TODAY)
        assert tense.kind == "forward"
        assert qualifier in tense.reason
        assert "计划表" in top3(wb) and not RETRO & set(top3(wb))
        assert any(r.startswith("台账4项的数字是目标") for r in reasons_of(wb, "计划表"))

    @pytest.mark.parametrize("qualifier", ["余", "累计"])
    def test_counted_figures_are_results(self, qualifier: str) -> None:
        wb = workbook(self.ROWS.format(q=qualifier))
        tense = workbook_tense(wb, TODAY)
        assert tense.kind == "retrospective" and tense.certainty == 1.0
        assert tense.reason == "台账4项中4项是已取得的成效"
        assert set(top3(wb)) <= RETRO


class TestRoutines:
    """每月1次 is a routine: an established mechanism is written up, not planned."""

    MECHANISM = """
unit: 市直机关工委
period: 2023年
achievements:
  - title: 划分机关党建片区
    category: 组织建设
    metrics:
      - {label: 划分片区, value: 8, unit: 个}
      - {label: 覆盖党组织, value: 35, unit: 个}
  - title: 分片区召开工作调度会
    metrics: [{label: 每季度调度会, value: 1, unit: 次}]
  - title: 建立读书学习常态化推进机制
    category: 思想建设
    metrics: [{label: 支部每月读书心得报告会, value: 1, unit: 次}]
  - title: 每月确定一个工作主题
    metrics: [{label: 每月工作主题, value: 1, unit: 个}]
  - title: 开展半年督查
    detail: 改单一集中检查为“看、听、查、评”相结合
    metrics: [{label: 每半年督查, value: 1, unit: 次}]
  - title: 年终对片区工作综合考评
    metrics: [{label: 年终考评, value: 1, unit: 次}]
"""

    def test_a_mechanism_reads_as_results_and_suits_an_experience_article(self) -> None:
        wb = workbook(self.MECHANISM)
        assert workbook_tense(wb, TODAY).kind == "retrospective"
        assert "经验材料" in top3(wb)
        assert any("写机制、方法、品牌或常态化的做法" in r for r in reasons_of(wb, "经验材料"))


class TestNotices:
    """Deadlines, participants and permissions are what a notice arranges."""

    def test_deadlines_and_permissions_make_a_notice(self) -> None:
        wb = workbook(
            """
unit: 党委组织部
period: 2023年5月
achievements:
  - title: 各党支部于5月31日前开展主题党日
    date: 2023-05-31
  - title: 缴纳5月党费
    category: 组织建设
    detail: 党支部统一收取，5月20日前交至二级党组织
  - title: 全体党员（含预备党员）参加
  - title: 吸收入党积极分子参加学习
    detail: 可根据实际情况适当扩大范围
  - title: 集体诵读党章
    category: 思想建设
"""
        )
        tense = workbook_tense(wb, TODAY)
        assert tense.kind == "forward" and tense.signal == "rows"
        assert "5月31日前" in tense.reason and "可根据" in tense.reason
        assert "通知" in top3(wb)
        assert any(r.startswith("台账") and "写时间、对象和要求" in r for r in reasons_of(wb, "通知"))

    def test_a_recurring_deadline_is_a_routine_not_an_arrangement(self) -> None:
        wb = workbook(
            """
unit: 党群工作部
achievements:
  - title: 形成工作配档表
    detail: 每月25日前定期调度
    metrics: [{label: 配档表, value: 15, unit: 份}]
"""
        )
        assert workbook_tense(wb, TODAY).kind == "retrospective"


class TestBareTasks:
    """A list of tasks with no figure, no date and no word of a result is an arrangement."""

    def test_bare_rows_read_as_tasks(self) -> None:
        wb = workbook("unit: 机关党总支\n" + NEUTRAL_ROWS)
        tense = workbook_tense(wb, TODAY)
        assert tense.kind == "forward" and tense.signal == "bare"
        assert tense.reason == "台账6项中6项只写了要做的事，没有数字、日期或“完成”一类字样"
        # a guess from silence: the reports keep some fit
        assert 0 < tense.certainty < 1
        assert "通知" in top3(wb)
        assert "台账没有数字，只列安排和要求，适合写成通知" in reasons_of(wb, "通知")

    def test_one_result_row_keeps_it_a_report(self) -> None:
        wb = workbook("unit: 村党总支\n" + NEUTRAL_ROWS + "  - title: 成功创建三星级党建品牌\n")
        assert workbook_tense(wb, TODAY).kind == "retrospective"

    def test_a_floor_among_bare_rows_makes_them_all_tasks(self) -> None:
        """An activity plan kept as past-looking rows: one row sets a floor, none reports a result."""
        wb = workbook(
            """
unit: 残联机关党支部
achievements:
  - title: 党员撰写调研文章
    metrics: [{label: 每名党员调研文章, value: 1, unit: 篇, qualifier: 至少}]
  - title: 召开支部大会民主推荐优秀党员
    category: 组织建设
  - title: 与共建支部开展联谊活动
  - title: 公示并通报表彰优秀党员
  - title: 结合中心组学习组织支部活动
  - title: 与福利厂党支部结对共建
    metrics: [{label: 共建对子, value: 2, unit: 个}]
"""
        )
        tense = workbook_tense(wb, TODAY)
        assert tense.kind == "forward"
        assert "活动方案" in top3(wb)


class TestDates:
    """The document's date against its period, and dates against today."""

    ROWS = """
unit: 机关党总支
period: 2016年
fields: {{日期: {date}}}
achievements:
  - title: 开展党性教育
  - title: 组织专题党课
    metrics: [{{label: 专题党课, value: 4, unit: 次}}]
  - title: 开展廉政警示教育
    metrics: [{{label: 警示教育, value: 2, unit: 场}}]
  - title: 组织民主生活会
"""

    def test_dated_before_its_period_ends_is_a_plan(self) -> None:
        tense = workbook_tense(workbook(self.ROWS.format(date="2016-05-23")), TODAY)
        assert tense.kind == "forward" and tense.signal == "date"
        assert tense.reason == "成文日期2016-05-23在时期“2016年”结束之前，是事先的安排"

    def test_dated_after_its_period_is_a_report(self) -> None:
        tense = workbook_tense(workbook(self.ROWS.format(date="2017-01-10")), TODAY)
        assert tense.kind == "retrospective"

    def test_a_period_to_come_is_a_plan(self) -> None:
        wb = workbook("unit: 团委\nperiod: 2027年\n" + NEUTRAL_ROWS.replace("  - title: 集中学习研讨\n", "  - title: 完成换届\n"))
        tense = workbook_tense(wb, TODAY)
        assert (tense.kind, tense.signal) == ("forward", "future")
        assert tense.reason == "台账的时期“2027年”还没有开始"

    def test_dates_after_today_are_tasks(self) -> None:
        wb = workbook(
            """
unit: 工会
achievements:
  - title: 举办职工运动会
    date: 2026-09
  - title: 开展劳动竞赛
    date: 2026-10
  - title: 慰问一线职工
    date: 2026-07
"""
        )
        assert workbook_tense(wb, TODAY).kind == "forward"
        assert workbook_tense(wb, dt.date(2027, 1, 5)).kind == "retrospective"


class TestUnclear:
    def test_nothing_tells_shows_both_tenses(self) -> None:
        wb = workbook(
            """
unit: 党支部
achievements:
  - title: 党员撰写调研文章
    metrics: [{label: 调研文章, value: 1, unit: 篇, qualifier: 至少}]
  - title: 开展联谊活动
    metrics: [{label: 联谊活动, value: 4, unit: 次}]
    date: 2022-05
"""
        )
        tense = workbook_tense(wb, TODAY)
        assert tense.certainty == 0 and tense.signal == "none"
        assert tense.reason.startswith("台账看不出是已做还是要做")
        top = set(top3(wb))
        assert top & RETRO and top & FORWARD


class TestCues:
    def test_a_survey_suits_a_research_report(self) -> None:
        wb = workbook(
            """
unit: 团市委
period: 2008年
achievements:
  - title: 发放调查问卷
    metrics: [{label: 发放问卷, value: 300, unit: 份}, {label: 回收问卷, value: 292, unit: 份}]
  - title: 召开座谈会
    metrics: [{label: 座谈会, value: 6, unit: 个}]
  - title: 赴县区走访基层团组织
    date: 2008-08
  - title: 统计团干部队伍
    metrics: [{label: 专职团干部, value: 752, unit: 人}]
  - title: 建立团干部公开选拔机制
    category: 组织建设
"""
        )
        assert top3(wb)[0] == "调研报告"
        assert any(re.match(r"台账\d项写调查研究（", r) for r in reasons_of(wb, "调研报告"))


def test_reasons_are_chinese() -> None:
    wb = workbook("unit: 机关党总支\n" + NEUTRAL_ROWS)
    for s in suggest(wb, CATALOG, today=TODAY):
        for r in s.reasons:
            assert re.search(r"[\u4e00-\u9fff]", r)
            assert not re.search(r"[A-Za-z]{3,}", r), r


class TestCli:
    @pytest.fixture(autouse=True)
    def fake_catalog(self, monkeypatch: pytest.MonkeyPatch) -> None:
        install_fake_catalog(monkeypatch, CATALOG)

    def test_text_says_how_the_workbook_was_read(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        path = tmp_path / "2024年党建工作要点.yaml"
        path.write_text("unit: 机关党委\n" + NEUTRAL_ROWS, encoding="utf-8")
        assert main(["suggest", str(path), "-n", "3"]) == 0
        out = capsys.readouterr().out
        lines = out.splitlines()
        assert lines[1] == "文种判断：要做的工作（台账的文件名“2024年党建工作要点”写明是通知、计划表）"
        assert " 1. " in out and "通知" in lines[2] + lines[3] + lines[4] + lines[5]

    def test_json_is_unchanged(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        path = tmp_path / "台账.yaml"
        path.write_text("unit: 机关党委\n" + NEUTRAL_ROWS, encoding="utf-8")
        assert main(["suggest", str(path), "--format", "json"]) == 0
        data = json.loads(capsys.readouterr().out)
        assert set(data[0]) == {"id", "name", "category", "doctype", "score", "reasons"}
