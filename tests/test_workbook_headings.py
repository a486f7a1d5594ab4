"""Chosen headings: `headings:` and `seed:` in the workbook, heading overrides in composition and
export, SectionView.indices, validate_achievement and pinyin_initials."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import docx
import pytest

from assistant.compose import compose_markup, sample_workbook
from assistant.errors import WenmiError, WenmiErrors
from assistant.ledger.files import load_workbook, save_workbook
from assistant.ledger.validate import validate_achievement, workbook_from_dict
from assistant.ledger.workbook import KEY_NAMES, TOP_KEYS, Workbook
from assistant.ledger.yamlfile import dumps_workbook, loads_workbook
from assistant.templating import clear_catalog_cache, load_template_file
from tests.fakes import install_fake_bank

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Test templates on WENMI_PATH, user folder in tmp."""
    monkeypatch.setenv("WENMI_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("WENMI_PATH", str(FIXTURES))
    clear_catalog_cache()


class FakeBank:
    """Records the seed compose was asked for; returns a numbered set of pair headings."""

    def __init__(self) -> None:
        self.seeds: list[int] = []

    def compose(
        self, count: int, theme: str | None = None, pattern: str = "phrase", seed: int = 0,
        hints: Sequence[str] = (), style: str | None = None,
    ) -> list[str]:  # fmt: skip
        self.seeds.append(seed)
        heads = ["提高站位", "压实责任", "倒排工期", "贯通结合"][:count]
        if pattern == "pair":
            return [f"{h}，高标准推进第{i + 1}项工作（第{seed + 1}组）" for i, h in enumerate(heads)]
        return heads


@pytest.fixture
def bank(monkeypatch: pytest.MonkeyPatch) -> FakeBank:
    return install_fake_bank(monkeypatch, FakeBank())  # type: ignore[no-any-return]


def template(template_id: str) -> Any:
    return load_template_file(next((FIXTURES / "templates").rglob(f"{template_id}.yaml")), "test")


def problems(text: str) -> list[WenmiError]:
    with pytest.raises(WenmiError) as info:
        loads_workbook(text, "台账.yaml")
    err = info.value
    return err.errors if isinstance(err, WenmiErrors) else [err]


def docx_text(path: Path) -> str:
    return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)


# --- composing with heading overrides ------------------------------------------------------------


class TestOverrides:
    """`headings=` replaces single headings after composition; the rest stays as composed."""

    def test_override_replaces_one_heading(self, bank: FakeBank) -> None:
        t = template("xc-test-baodao")
        wb = sample_workbook(t)
        plain = compose_markup(t, wb)
        result = compose_markup(t, wb, headings={2: "守正创新，打造过硬品牌"})
        headings = [s.heading for s in result.sections]
        assert headings[1] == "守正创新，打造过硬品牌"
        assert headings[0] == plain.sections[0].heading and headings[2] == plain.sections[2].heading
        assert "## 守正创新，打造过硬品牌" in result.markup
        assert plain.sections[1].heading not in result.markup
        # the achievements stay where they were
        assert [s.indices for s in result.sections] == [s.indices for s in plain.sections]
        assert result.diagnostics == plain.diagnostics

    def test_pair_override_is_split_into_head_and_tail(self, bank: FakeBank) -> None:
        t = template("xc-test-baodao")
        result = compose_markup(t, sample_workbook(t), headings={1: "守正创新，打造过硬品牌", 3: "凝心聚力"})
        first, _, third = result.sections
        assert (first.head, first.tail) == ("守正创新", "打造过硬品牌")
        assert (third.head, third.tail) == ("凝心聚力", "")

    def test_fixed_headings_can_be_overridden(self) -> None:
        t = template("zf-test-4gao")
        result = compose_markup(t, sample_workbook(t), headings={2: "守正创新"})
        assert [s.heading for s in result.sections] == ["提高站位", "守正创新"]
        assert "## 守正创新" in result.markup

    def test_unknown_section_is_ignored_with_a_warning(self, bank: FakeBank) -> None:
        t = template("xc-test-baodao")
        wb = sample_workbook(t)
        result = compose_markup(t, wb, headings={5: "守正创新", 1: "  "})
        assert result.markup == compose_markup(t, wb).markup
        rules = {d.rule: d for d in result.diagnostics}
        assert "只有 3 个部分" in rules["heading-unknown-section"].message
        assert "第5部分" in rules["heading-unknown-section"].message
        assert rules["heading-unknown-section"].location.field == "headings.5"
        assert "heading-empty" in rules

    def test_template_without_sections(self) -> None:
        t = template("zz-test-tongzhi")
        result = compose_markup(t, sample_workbook(t), headings={1: "守正创新"})
        assert result.sections == []
        assert any(d.rule == "heading-unknown-section" and "不分节" in d.message for d in result.diagnostics)

    def test_seed_still_picks_the_composed_set(self, bank: FakeBank) -> None:
        t = template("xc-test-baodao")
        result = compose_markup(t, sample_workbook(t), seed=2, headings={1: "守正创新，打造过硬品牌"})
        # the sets fit alike, so the seed picks them in the bank's order: seed 2 is the third set
        assert result.sections[1].heading.endswith("（第3组）")


class TestIndices:
    """SectionView.indices: where each section's achievements are in the workbook."""

    def test_indices_follow_the_achievements(self, bank: FakeBank) -> None:
        t = template("xc-test-baodao")
        wb = sample_workbook(t)
        result = compose_markup(t, wb)
        placed = [i for s in result.sections for i in s.indices]
        assert sorted(placed) == list(range(len(wb.achievements)))
        for s in result.sections:
            assert len(s.indices) == len(s.achievements)
            for i, view in zip(s.indices, s.achievements, strict=True):
                assert wb.achievements[i].title == view.title

    def test_identical_achievements_get_their_own_index(self) -> None:
        t = template("zf-test-4gao")
        item = {
            "title": "开展廉洁警示教育",
            "category": "作风建设",
            "metrics": [{"label": "场次", "value": 4}],
        }
        wb = workbook_from_dict(
            {"unit": "党群工作部", "fields": {"主题": "作风建设"}, "achievements": [item, item]}
        )
        result = compose_markup(t, wb)
        assert sorted(i for s in result.sections for i in s.indices) == [0, 1]

    def test_no_sections_no_indices(self) -> None:
        t = template("zz-test-tongzhi")
        assert compose_markup(t, sample_workbook(t)).sections == []


# --- the workbook's own choices in compose_document / export_workbook / wenmi render ------------------


WORKBOOK = """\
unit: 党群工作部
period: 2022年
template: zf-test-4gao
# 用户选定的标题
headings:
  2: 守正创新   # 第二部分
fields: {主题: 作风建设, 落款: 党群工作部, 日期: 2023-01-11}
achievements:
  - title: 起草全面践行工作作风的实施方案
    category: 作风建设
    metrics: [{label: 工作目标, value: 15, unit: 个}]
  - title: 调度各单位制定践行举措
    category: 组织建设
    metrics: [{label: 践行举措, value: 600, unit: 条, qualifier: 余}]
"""


class TestWorkbookDefaults:
    def test_render_honours_the_workbook_headings(self, tmp_path: Path) -> None:
        from assistant.cli import main

        src = tmp_path / "台账.yaml"
        src.write_text(WORKBOOK, encoding="utf-8")
        out = tmp_path / "方案.docx"
        assert main(["render", str(src), "-o", str(out)]) == 0
        text = docx_text(out)
        assert "一、提高站位" in text and "二、守正创新" in text and "压实责任" not in text
        assert "15个" in text and "600余条" in text

    def test_explicit_headings_replace_the_workbook_ones(self, tmp_path: Path) -> None:
        from assistant.render import compose_document, export_workbook

        wb = loads_workbook(WORKBOOK)
        doc = compose_document(wb, headings={1: "强化担当"})
        assert [s.heading for s in doc.compose.sections] == ["强化担当", "压实责任"]
        assert [s.heading for s in compose_document(wb, headings={}).compose.sections] == [
            "提高站位",
            "压实责任",
        ]
        done = export_workbook(wb, None, tmp_path / "a.docx", headings={2: "凝心聚力"})
        assert "二、凝心聚力" in docx_text(done.path)

    def test_workbook_seed_is_the_default(self, bank: FakeBank) -> None:
        from assistant.render import compose_document

        wb = sample_workbook(template("xc-test-baodao"))
        wb.seed = 2
        wb.headings = {3: "守正创新，打造过硬品牌"}
        doc = compose_document(wb)
        assert doc.compose.sections[0].heading.endswith("（第3组）")
        assert doc.compose.sections[2].heading == "守正创新，打造过硬品牌"
        assert compose_document(wb, seed=0).compose.sections[0].heading.endswith("（第1组）")

    def test_choices_for_another_template_are_not_used(self, bank: FakeBank) -> None:
        from assistant.render import compose_document

        wb = loads_workbook(WORKBOOK)
        wb.seed = 4
        doc = compose_document(wb, "xc-test-baodao", overrides={"主题": "党建品牌创建"})
        assert doc.compose.sections[0].heading.endswith("（第1组）")
        assert "守正创新" not in doc.compose.markup
        assert any(d.rule == "headings-other-template" for d in doc.diagnostics)
        # a workbook without a template: its choices go with whatever template renders it
        wb.template = None
        doc = compose_document(wb, "xc-test-baodao", overrides={"主题": "党建品牌创建"})
        assert doc.compose.sections[0].heading.endswith("（第5组）") and doc.compose.sections[1].heading == "守正创新"


# --- the workbook file --------------------------------------------------------------------------


class TestRoundTrip:
    def test_load(self) -> None:
        wb = loads_workbook(WORKBOOK)
        assert wb.headings == {2: "守正创新"} and wb.seed == 0
        wb = loads_workbook("unit: x\nseed: 3\nheadings: {1: 提高站位　高标准制定工作措施, 3: 压实责任}\n")
        assert wb.headings == {1: "提高站位\u3000高标准制定工作措施", 3: "压实责任"} and wb.seed == 3
        assert wb.to_dict()["headings"] == {1: "提高站位\u3000高标准制定工作措施", 3: "压实责任"}
        assert wb.to_dict()["seed"] == 3

    def test_save_keeps_text_order_and_comments(self) -> None:
        text = WORKBOOK.replace("template: zf-test-4gao\n", "template: zf-test-4gao\nseed: 1  # 第二组\n")
        text = text.replace(
            "  2: 守正创新", "  # 第一部分\n  1: '提高站位，高标准制定工作措施'\n  2: 守正创新"
        )
        text = text.replace(
            "metrics: [{label: 工作目标, value: 15, unit: 个}]",
            "metrics:\n      - {label: 工作目标, value: 15, unit: 个}",
        )
        text = text.replace("metrics: [{label: 践行举措", "metrics:\n      - {label: 践行举措").replace(
            "余}]", "余}"
        )
        wb = loads_workbook(text)
        assert dumps_workbook(wb) == text
        flow = "unit: x\nheadings: {1: 提高站位, 3: 压实责任}  # 选定\nachievements: []\n"
        assert dumps_workbook(loads_workbook(flow)) == flow

    def test_changed_choices_are_written_back(self, tmp_path: Path) -> None:
        path = tmp_path / "台账.yaml"
        path.write_text(WORKBOOK, encoding="utf-8")
        wb = load_workbook(path)
        wb.headings[1] = "提高站位　高标准制定工作措施"
        wb.headings[2] = "聚焦教育培训，提升能力本领"
        wb.seed = 2
        save_workbook(wb)
        text = path.read_text(encoding="utf-8")
        assert (
            "# 用户选定的标题\nheadings:\n  1: 提高站位　高标准制定工作措施\n  2: 聚焦教育培训，提升能力本领   # 第二部分\n"
            in text
        )
        assert "template: zf-test-4gao\nseed: 2\n# 用户选定的标题\nheadings:" in text  # in schema order
        again = load_workbook(path)
        assert again.headings == wb.headings and again.seed == 2

    def test_new_keys_go_next_to_the_template_not_after_the_achievements(self) -> None:
        wb = loads_workbook(WORKBOOK.replace("# 用户选定的标题\nheadings:\n  2: 守正创新   # 第二部分\n", ""))
        wb.headings = {2: "守正创新"}
        wb.seed = 1
        text = dumps_workbook(wb)
        assert (
            text.index("seed: 1")
            < text.index("headings:")
            < text.index("fields:")
            < text.index("achievements:")
        )
        assert loads_workbook(text).headings == {2: "守正创新"}

    def test_cleared_choices_disappear(self) -> None:
        wb = loads_workbook(WORKBOOK)
        wb.headings.clear()
        text = dumps_workbook(wb)
        assert "headings" not in text and "seed" not in text
        assert "# 用户选定的标题" not in text

    def test_a_written_zero_seed_stays(self) -> None:
        text = "unit: x\nseed: 0  # 第一组\nachievements: []\n"
        assert dumps_workbook(loads_workbook(text)) == text

    def test_text_that_needs_quotes(self) -> None:
        wb = Workbook(unit="x", headings={1: "no", 2: "12:30", 3: "- 提高站位"})
        assert loads_workbook(dumps_workbook(wb)).headings == wb.headings

    def test_from_dict_with_number_keys(self) -> None:
        wb = workbook_from_dict({"unit": "x", "headings": {2: "压实责任", "1": "提高站位"}, "seed": 1})
        assert wb.headings == {1: "提高站位", 2: "压实责任"} and wb.seed == 1


class TestValidation:
    """Wrong types, non-positive numbers and empty text are located and explained in Chinese."""

    def test_headings_as_a_list(self) -> None:
        (err,) = problems("unit: x\nheadings: [提高站位, 压实责任]\n")
        assert err.location.line == 2 and err.location.field == "headings"
        assert "第几部分" in err.message and "headings: {1: 提高站位" in (err.hint or "")

    def test_headings_as_text(self) -> None:
        (err,) = problems("unit: x\nheadings: 提高站位\n")
        assert "应是一组“序号: 标题”" in err.message and "“提高站位”" in err.message

    def test_bad_section_numbers(self) -> None:
        errors = problems("unit: x\nheadings:\n  0: 提高站位\n  一: 压实责任\n  -2: 倒排工期\n")
        assert [e.location.line for e in errors] == [3, 4, 5]
        assert [e.location.field for e in errors] == ["headings.0", "headings.一", "headings.-2"]
        assert all("序号" in e.message and "从 1 开始" in e.message for e in errors)
        assert "第1部分写 1" in (errors[0].hint or "")

    def test_empty_and_nested_text(self) -> None:
        errors = problems("unit: x\nheadings:\n  1:\n  2: ''\n  3: [提高站位]\n")
        assert [e.location.field for e in errors] == ["headings.1", "headings.2", "headings.3"]
        assert "第1部分的标题（headings）是空的" in errors[0].message
        assert "是空的" in errors[1].message
        assert "应是一段文字，现在是一个列表" in errors[2].message

    def test_same_section_twice(self) -> None:
        (err,) = problems("unit: x\nheadings: {1: 提高站位, 01: 压实责任}\n")
        assert "第1部分的标题写了两次" in err.message

    @pytest.mark.parametrize("value", ["-1", "abc", "1.5", "true", "[1]"])
    def test_bad_seed(self, value: str) -> None:
        (err,) = problems(f"unit: x\nseed: {value}\n")
        assert err.location.line == 2 and err.location.field == "seed"
        assert "标题组序号（seed）应是 0 或正整数" in err.message
        assert "第二组" in (err.hint or "")

    def test_quoted_seed_is_read(self) -> None:
        assert loads_workbook("unit: x\nseed: '2'\n").seed == 2

    def test_every_problem_at_once(self) -> None:
        errors = problems("seed: -1\nheadings: {0: 甲}\n")
        assert {e.location.field for e in errors} == {"seed", "headings.0", "unit"}

    def test_keys_are_suggested(self) -> None:
        (alias,) = problems("unit: x\n标题: {1: 提高站位}\n")
        assert "应写作“headings”（分节标题）" in alias.message
        (alias,) = problems("unit: x\n标题组: 1\n")
        assert "应写作“seed”" in alias.message
        (typo,) = problems("unit: x\nheadngs: {1: 提高站位}\n")
        assert "是否想写“headings”" in typo.message
        assert "seed（标题组序号）" in (typo.hint or "") and "headings（分节标题）" in (typo.hint or "")
        assert {"seed", "headings"} <= set(TOP_KEYS) and KEY_NAMES["headings"] == "分节标题"


# --- validate_achievement ------------------------------------------------------------------------


class TestValidateAchievement:
    def test_valid(self) -> None:
        item = {
            "title": "开展调查",
            "category": "思想建设",
            "metrics": [{"label": "参与", "value": 1131, "unit": "人次"}],
        }
        assert validate_achievement(item) == {}

    def test_missing_category_is_no_error(self) -> None:
        assert validate_achievement({"title": "开展调查"}) == {}

    def test_messages_by_field(self) -> None:
        errors = validate_achievement(
            {
                "title": "开展员工思想状况调查",
                "category": "作风",
                "date": "2022-13",
                "metrics": [{"label": "参与", "value": 1}, {"label": "参训", "value": "许多"}],
                "colour": "红",
            }
        )
        assert set(errors) == {"category", "date", "metrics[2].value", "colour"}
        assert errors["category"].startswith("类别“作风”不在七类之中，是否想写“作风建设”？")
        assert errors["date"].startswith("日期“2022-13”无法识别（请写成")
        assert errors["metrics[2].value"].startswith("第2个指标“参训”的数量“许多”不是数字（")
        assert errors["colour"].startswith("有未知的键“colour”")
        assert not any("第1项成效" in m for m in errors.values())

    def test_the_whole_item(self) -> None:
        assert validate_achievement({})[""].startswith("缺少必填项“title”（事项）")
        assert set(validate_achievement({"title": "开展调查", "metrics": [{"label": "参训"}]})) == {
            "metrics[1]"
        }
        assert "应是一组“键: 值”" in validate_achievement("开展调查")[""]  # type: ignore[arg-type]

    def test_same_rules_as_the_workbook(self) -> None:
        item = {"title": "开展调查", "metrics": [{"label": "参训", "value": "300人", "unit": "次"}]}
        (err,) = problems(
            "unit: x\nachievements:\n  - title: 开展调查\n    metrics: [{label: 参训, value: 300人, unit: 次}]\n"
        )
        assert validate_achievement(item)["metrics[1].value"].split("（")[0] in err.message


def test_pinyin_initials() -> None:
    from assistant.phrasebank import pinyin_initials
    from assistant.phrasebank.search import pinyin_of

    assert pinyin_initials("提高站位") == "tgzw"
    assert pinyin_initials("作风建设 实施方案（2023）") == "zfjsssfa"
    assert pinyin_initials("重温初心") == pinyin_of("重温初心")[1] == "cwcx"
