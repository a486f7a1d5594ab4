"""The packaged phrase bank: counts, form, uniqueness, tags, sets, frameworks, pairs, and the
composer and search on the real data."""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.categories import THEMES
from assistant.paths import packaged_dir
from assistant.phrasebank import PhraseBank, load_bank, validate_paths
from assistant.phrasebank.loader import number_word
from assistant.phrasebank.model import FOUR_CHARS, ROLES, STRUCTURES

PACKAGED = packaged_dir("phrasebank")
#: Roles every heading set needs to be composable in the document order.
MAIN_ROLES = ("站位", "思想", "学习", "组织", "责任", "落实", "机制", "制度", "作风", "纪律", "监督", "成效",
              "服务", "创新", "品牌", "队伍", "保障", "氛围")  # fmt: skip


@pytest.fixture(scope="module")
def bank() -> PhraseBank:
    return load_bank([PACKAGED])


class TestFiles:
    """Every packaged file validates without errors."""

    def test_no_errors(self) -> None:
        files, problems = validate_paths([PACKAGED])
        errors = [str(d) for d in problems if d.severity == "error"]
        assert files and not errors, "\n".join(errors[:20])

    def test_one_phrase_file_per_theme(self) -> None:
        names = {p.stem for p in (PACKAGED / "phrases").glob("*.yaml")}
        assert names >= {
            "zhengzhi",
            "sixiang",
            "zuzhi",
            "zuofeng",
            "jilv",
            "xuanchuan",
            "quntuan",
            "tongyong",
        }


class TestPhrases:
    """≥3000 unique four-character phrases covering every theme and the main roles."""

    def test_count(self, bank: PhraseBank) -> None:
        assert len(bank.entries("phrase")) >= 3000

    def test_every_phrase_file_names_its_sources(self) -> None:
        """Each theme file says near the top what kind of published material its phrases come from."""
        for path in sorted((PACKAGED / "phrases").glob("*.yaml")):
            head = path.read_text(encoding="utf-8").splitlines()[:6]
            comments = [line for line in head if line.startswith("#")]
            assert comments and any("采自" in line for line in comments), path.name

    def test_no_reordered_near_duplicates(self) -> None:
        _, problems = validate_paths([PACKAGED])
        assert not [str(d) for d in problems if d.rule == "near-duplicate"]

    def test_four_chars_and_unique(self, bank: PhraseBank) -> None:
        texts = [e.text for e in bank.entries("phrase")]
        assert all(FOUR_CHARS.fullmatch(t) for t in texts)
        assert len(texts) == len(set(texts))

    def test_tags_are_known(self, bank: PhraseBank) -> None:
        phrases = bank.entries("phrase")
        assert {e.theme for e in phrases} == set(THEMES)
        assert all(e.structure in STRUCTURES for e in phrases)
        unknown = Counter(e.role for e in phrases if e.role not in ROLES)
        assert not unknown, unknown

    def test_every_theme_is_well_stocked(self, bank: PhraseBank) -> None:
        per_theme = Counter(e.theme for e in bank.entries("phrase"))
        assert all(per_theme[t] >= 100 for t in THEMES), per_theme

    def test_main_roles_covered(self, bank: PhraseBank) -> None:
        roles = Counter(e.role for e in bank.entries("phrase"))
        assert all(roles[r] >= 10 for r in MAIN_ROLES), {r: roles[r] for r in MAIN_ROLES}

    def test_every_theme_has_several_roles_and_structures(self, bank: PhraseBank) -> None:
        by_theme: dict[str, set[str]] = defaultdict(set)
        for e in bank.entries("phrase"):
            by_theme[e.theme].add(e.role)
        assert all(len(roles) >= 6 for roles in by_theme.values())
        structures = Counter(e.structure for e in bank.entries("phrase"))
        assert structures["动宾"] >= 500 and len(structures) >= 4


class TestSets:
    """≥200 sets of ≥3 members of equal length."""

    def test_count_and_shape(self, bank: PhraseBank) -> None:
        sets = bank.entries("set")
        assert len(sets) >= 200
        for s in sets:
            assert len(s.items) >= 3 and len({len(i) for i in s.items}) == 1, s.name
            assert len(set(s.items)) == len(s.items)

    def test_names_unique_and_themes_covered(self, bank: PhraseBank) -> None:
        sets = bank.entries("set")
        assert len({s.name for s in sets}) == len(sets)
        assert {s.theme for s in sets} == set(THEMES)


class TestFrameworks:
    """≥80 frameworks numbered 一, 两/二, 三 … consecutively."""

    def test_count(self, bank: PhraseBank) -> None:
        assert len(bank.entries("framework")) >= 80

    def test_numbering(self, bank: PhraseBank) -> None:
        for f in bank.entries("framework"):
            assert [number_word(i) for i in f.items] == list(range(1, len(f.items) + 1)), f.name

    def test_some_reach_four_and_five(self, bank: PhraseBank) -> None:
        sizes = Counter(len(f.items) for f in bank.entries("framework"))
        assert sum(n for size, n in sizes.items() if size >= 4) >= 20
        assert sum(n for size, n in sizes.items() if size >= 5) >= 5


class TestPairs:
    """≥300 pairs in both styles, in groups that compose."""

    def test_count_and_styles(self, bank: PhraseBank) -> None:
        pairs = bank.entries("pair")
        assert len(pairs) >= 300
        styles = Counter(p.style for p in pairs)
        assert styles["space"] >= 50 and styles["comma"] >= 50

    def test_space_style_heads_are_four_characters(self, bank: PhraseBank) -> None:
        for p in bank.entries("pair"):
            if p.style == "space":
                assert FOUR_CHARS.fullmatch(p.head) and p.text == f"{p.head}\u3000{p.tail}"
            else:
                assert p.text == f"{p.head}，{p.tail}"

    def test_groups_have_three_or_more(self, bank: PhraseBank) -> None:
        groups = Counter(p.group for p in bank.entries("pair"))
        small = {g: n for g, n in groups.items() if n < 3}
        assert not small, small


class TestComposeOnRealBank:
    """Every theme composes phrase, pair and framework sets of the usual sizes."""

    @pytest.mark.parametrize("theme", THEMES)
    @pytest.mark.parametrize("pattern", ["phrase", "pair", "framework"])
    def test_every_theme_and_pattern(self, bank: PhraseBank, theme: str, pattern: str) -> None:
        for count in (3, 4):
            headings = bank.compose(count, theme=theme, pattern=pattern)
            assert len(headings) == count and len({len(h) for h in headings}) == 1, headings
            assert len({h[:2] for h in headings}) == count or pattern == "pair"
            if pattern == "framework":
                assert [number_word(h) for h in headings] == list(range(1, count + 1))
            for seed in range(4):
                composed = bank.compose(count, theme=theme, pattern=pattern, seed=seed)
                assert bank.check(composed) == [], (composed, bank.check(composed))

    @pytest.mark.parametrize("theme", THEMES)
    def test_phrase_sets_stay_in_theme(self, bank: PhraseBank, theme: str) -> None:
        for seed in range(5):
            headings = bank.compose(4, theme=theme, seed=seed)
            themes = {e.theme for e in (bank.find(h) for h in headings) if e}
            assert themes <= {theme, "通用"}
            assert bank.check(headings) == [], (headings, bank.check(headings))

    @settings(max_examples=40, deadline=None)
    @given(theme=st.sampled_from(THEMES), count=st.integers(2, 6), seed=st.integers(0, 100_000))
    def test_property_parallel(self, theme: str, count: int, seed: int) -> None:
        bank = load_bank([PACKAGED])
        headings = bank.compose(count, theme=theme, seed=seed)
        assert headings == bank.compose(count, theme=theme, seed=seed)
        assert len(headings) == count and len({len(h) for h in headings}) == 1
        assert len({h[:2] for h in headings}) == count
        for pos in range(4):
            assert len({h[pos] for h in headings}) == count, headings
        assert len({e.structure for e in (bank.find(h) for h in headings) if e}) == 1

    @settings(max_examples=25, deadline=None)
    @given(theme=st.sampled_from(THEMES), count=st.integers(2, 4), seed=st.integers(0, 100_000),
           style=st.sampled_from([None, "space", "comma"]))  # fmt: skip
    def test_property_pairs(self, theme: str, count: int, seed: int, style: str | None) -> None:
        bank = load_bank([PACKAGED])
        headings = bank.compose(count, theme=theme, pattern="pair", seed=seed, style=style)
        assert len(headings) == count and len(set(headings)) == count
        sep = {"space": "\u3000", "comma": "，"}
        for h in headings:
            assert any(s in h for s in sep.values())
        if style:
            assert all(sep[style] in h for h in headings)
        heads = [h.split("\u3000")[0].split("，")[0] for h in headings]
        assert len({len(h) for h in heads}) == 1


class TestSearchOnRealBank:
    """Search finds phrases by text, tag and pinyin initials."""

    def test_tgzw(self, bank: PhraseBank) -> None:
        assert "提高站位" in [e.text for e in bank.search("tgzw", limit=5)]

    def test_text(self, bank: PhraseBank) -> None:
        assert bank.search("提高站位")[0].text == "提高站位"

    def test_tag(self, bank: PhraseBank) -> None:
        found = bank.search("廉洁", limit=30)
        assert found and sum(e.role == "廉洁" or "廉洁" in e.text for e in found) >= 20

    def test_every_phrase_found_by_its_initials(self, bank: PhraseBank) -> None:
        from assistant.phrasebank.search import pinyin_of

        misses = []
        for e in bank.entries("phrase")[::25]:
            if e not in bank.search(pinyin_of(e.text)[1], limit=50):
                misses.append(e.text)
        assert not misses


def test_packaged_dir_is_the_repository_bank() -> None:
    assert Path(__file__).resolve().parents[1] / "phrasebank" == PACKAGED or PACKAGED.name == "phrasebank"


def test_a_named_family_gives_its_own_headings() -> None:
    from assistant.errors import WenmiError
    from assistant.phrasebank import load_bank

    bank = load_bank()
    four_gao = bank.compose(count=4, theme="作风建设", pattern="pair", family="四高")
    assert [h.split("\u3000")[1][:3] for h in four_gao] == ["高标准", "高质量", "高规格", "高效率"]
    frame = bank.compose(count=4, pattern="framework", family="1234党建工作法")
    assert frame == ["凝聚“一个合力”", "树牢“两个意识”", "依托“三个载体”", "彰显“四个成效”"]
    with pytest.raises(WenmiError, match="四高"):
        bank.compose(count=4, pattern="pair", family="四搞")
