"""Grouping by meaning: small 台账 written the way an office keeps them, grouped as a drafter would."""

from __future__ import annotations

from typing import Any

from assistant.compose.grouping import similarity
from assistant.compose.lexicon import concepts_in
from assistant.compose.matching import group_achievements
from assistant.ledger.validate import workbook_from_dict


def rows(*items: dict[str, Any]) -> list[Any]:
    """Achievements as the loader makes them (categories left out are inferred, and marked so)."""
    return workbook_from_dict({"unit": "某党支部", "achievements": list(items)}).achievements


def titles(groups: list[list[Any]]) -> list[set[str]]:
    return [{a.title for a in g} for g in groups]


def together(groups: list[list[Any]], *names: str) -> bool:
    return any(set(names) <= g for g in titles(groups))


#: A branch's year: study in different words, serving people in different words, no category or tag
#: written that would give the answer away.
BRANCH_YEAR = rows(
    {"title": "全体党员听书记讲专题党课"},
    {"title": "春节走访慰问困难党员"},
    {"title": "支部成员自学两会文件"},
    {"title": "为独居老人上门代办证件"},
    {"title": "举办读书班研读党的二十大报告"},
    {"title": "帮助困难家庭学生申请助学金"},
)


class TestLikeWorkTogether:
    def test_study_rows_go_together_and_service_rows_go_together(self) -> None:
        groups = group_achievements(BRANCH_YEAR, 4, "meaning")
        assert together(
            groups, "全体党员听书记讲专题党课", "支部成员自学两会文件", "举办读书班研读党的二十大报告"
        )
        assert together(
            groups, "春节走访慰问困难党员", "为独居老人上门代办证件", "帮助困难家庭学生申请助学金"
        )
        # and the two kinds are not mixed, though the plan had room for two more sections
        assert len(groups) == 2

    def test_a_shared_tag_keeps_rows_together_whatever_their_words(self) -> None:
        items = rows(
            {"title": "修通污水管网", "tags": ["示范点"]},
            {"title": "湾间空闲地绿化", "tags": ["示范点"]},
            {"title": "发展优质稻种植", "tags": ["产业"]},
            {"title": "引进玉竹种植基地", "tags": ["产业"]},
            {"title": "清淤整修塘堰", "tags": ["示范点"]},
            {"title": "发展鱼类养殖", "tags": ["产业"]},
        )
        groups = group_achievements(items, 4, "meaning")
        assert titles(groups) == [
            {"修通污水管网", "湾间空闲地绿化", "清淤整修塘堰"},
            {"发展优质稻种植", "引进玉竹种植基地", "发展鱼类养殖"},
        ] or titles(groups) == [
            {"发展优质稻种植", "引进玉竹种植基地", "发展鱼类养殖"},
            {"修通污水管网", "湾间空闲地绿化", "清淤整修塘堰"},
        ]

    def test_a_tag_on_most_rows_names_the_workbook_not_a_section(self) -> None:
        items = rows(
            {"title": "召开专题组织生活会", "tags": ["党建"]},
            {"title": "慰问困难职工", "tags": ["党建"]},
            {"title": "开展廉洁警示教育", "tags": ["党建"]},
        )
        sim = similarity(items)
        assert sim[0][1] < 0.1 and sim[0][2] < 0.1 and sim[1][2] < 0.1


class TestUnrelatedWorkStaysApart:
    def test_unrelated_rows_are_not_forced_together_while_the_plan_has_room(self) -> None:
        items = rows(
            {"title": "召开专题组织生活会"},
            {"title": "慰问困难职工"},
            {"title": "开展廉洁警示教育"},
        )
        assert len(group_achievements(items, 4, "meaning")) == 3

    def test_a_guessed_category_does_not_make_rows_alike(self) -> None:
        """The loader guesses 组织建设 for both from their words: the guess says nothing the words do
        not, so it adds nothing. The same category written by the drafter does."""
        titles_ = ["完成支部换届选举", "发展两名预备党员", "开展廉洁警示教育", "慰问困难职工"]
        guessed = rows(*({"title": t} for t in titles_))
        assert guessed[0].category == guessed[1].category == "组织建设" and guessed[0].category_inferred
        assert similarity(guessed)[0][1] == 0.0
        written = rows(*({"title": t, "category": a.category} for t, a in zip(titles_, guessed, strict=True)))
        assert similarity(written)[0][1] > 0.0

    def test_past_the_plan_the_cheapest_joins_are_made(self) -> None:
        items = rows(
            {"title": "召开专题组织生活会"},
            {"title": "慰问困难职工"},
            {"title": "开展廉洁警示教育"},
            {"title": "举办职工趣味运动会"},
            {"title": "编制美丽乡村建设规划"},
        )
        groups = group_achievements(items, 3, "meaning")
        assert len(groups) == 3
        assert sorted(a.title for g in groups for a in g) == sorted(a.title for a in items)


class TestLexicon:
    def test_synonyms_point_to_one_kind_of_work(self) -> None:
        assert "理论学习" in concepts_in("支部成员自学两会文件")
        assert "帮扶关爱" in concepts_in("设立助学金资助困难家庭学生")
        assert "阵地载体" in concepts_in("打造便民服务大厅")

    def test_the_longest_word_decides(self) -> None:
        assert concepts_in("加强意识形态阵地管理") == ("意识形态",)
        assert "干部人才" not in concepts_in("党员干部领办实事")
        assert "中心工作" not in concepts_in("完善希望工程助学方案")


def test_same_input_same_output() -> None:
    first = [[a.title for a in g] for g in group_achievements(BRANCH_YEAR, 4, "meaning")]
    again = rows(*({"title": a.title} for a in BRANCH_YEAR))
    assert [[a.title for a in g] for g in group_achievements(again, 4, "meaning")] == first


def test_every_kind_of_work_has_a_lead_role() -> None:
    """Paragraphs take their lead from the kind of work: a concept without a role gets no lead."""
    from assistant.compose.lexicon import CONCEPTS
    from assistant.compose.paragraphs import CONCEPT_ROLES

    assert set(CONCEPTS) == set(CONCEPT_ROLES)


def test_the_same_achievements_share_one_similarity_matrix_and_others_get_their_own() -> None:
    """A section's paragraphs, lone actions and loners each ask for its matrix; at a thousand
    rows each costs a second, so it is made once. Equal but distinct achievements are not
    taken for the same ones."""
    from assistant.compose.grouping import similarity
    from assistant.ledger.workbook import Achievement

    rows = [Achievement(f"开展第{k}次主题党日活动", "组织建设", []) for k in range(5)]
    first = similarity(rows)
    assert similarity(list(rows)) is first
    copies = [Achievement(a.title, a.category, []) for a in rows]
    assert similarity(copies) is not first and similarity(copies) == first
