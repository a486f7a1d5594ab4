"""Composed heading sets on the packaged bank, over every theme, pattern, style and count 2..6.

What a drafter needs from `PhraseBank.compose` (and so from `wenmi phrases compose` and the
document composer): no two headings open with the same head word (“开头不重复”, whatever group
the headings come from: a pair group opening every line with 聚焦 gives one heading at most), the
set passes `check` (length, structure, no repeated word, no character twice in a position), the
same arguments give the same set, and seeds 0, 1, 2 give three different sets wherever the bank
has the material for them.
"""

from __future__ import annotations

import re
from collections import defaultdict
from itertools import combinations
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.categories import THEMES
from assistant.errors import WenmiError
from assistant.paths import packaged_dir
from assistant.phrasebank import Entry, PhraseBank, load_bank
from assistant.phrasebank.composer import BLOCK
from assistant.phrasebank.loader import number_word
from assistant.phrasebank.model import ROLES
from assistant.phrasebank.parallel import repeated_openings

PACKAGED = packaged_dir("phrasebank")
#: Every pattern, and for pairs every style (None: either).
PATTERN_STYLES: tuple[tuple[str, str | None], ...] = (
    ("phrase", None),
    ("pair", None),
    ("pair", "space"),
    ("pair", "comma"),
    ("framework", None),
)
COUNTS = range(2, 7)
SEEDS = (0, 1, 2)


@pytest.fixture(scope="module")
def bank() -> PhraseBank:
    return load_bank([PACKAGED])


def parts(heading: str) -> list[str]:
    """[head, tail] of a pair, [heading] of anything else."""
    return re.split("[\u3000，]", heading, maxsplit=1)


def assert_composable(bank: PhraseBank, headings: list[str], count: int, pattern: str,
                      style: str | None) -> None:  # fmt: skip
    """The set is what the composer promises, checked here without the composer's own code."""
    assert len(headings) == count == len(set(headings)), headings
    heads = [parts(h)[0] for h in headings]
    # Never a repeated head word: the first two characters of each heading (or pair head).
    assert len({h[:2] for h in heads}) == count, headings
    assert repeated_openings(headings) == []
    assert bank.check(headings) == [], (headings, bank.check(headings))
    for column in zip(*(parts(h) for h in headings), strict=True):
        assert len({len(p) for p in column}) == 1, headings
    if pattern == "phrase":
        entries = [bank.find(h) for h in headings]
        assert all(e is not None and e.kind == "phrase" for e in entries), headings
        assert len({e.structure for e in entries if e}) == 1, headings
        for pos in range(4):
            assert len({h[pos] for h in headings}) == count, headings
        words = [w for h in headings for w in (h[:2], h[2:])]
        assert len(words) == len(set(words)), headings
    elif pattern == "pair":
        entries = [bank.find(h) for h in headings]
        assert all(e is not None and e.kind == "pair" for e in entries), headings
        if style is not None:
            assert {e.style for e in entries if e} == {style}, headings
    else:
        assert [number_word(h) for h in headings] == list(range(1, count + 1)), headings


class TestEveryThemePatternAndCount:
    """Loops over all of them: seeds 0, 1, 2 give three different, correct sets."""

    @pytest.mark.parametrize("theme", (None, *THEMES))
    @pytest.mark.parametrize(("pattern", "style"), PATTERN_STYLES)
    def test_three_seeds_three_good_sets(self, bank: PhraseBank, theme: str | None, pattern: str,
                                         style: str | None) -> None:  # fmt: skip
        for count in COUNTS:
            sets = [bank.compose(count, theme=theme, pattern=pattern, style=style, seed=s) for s in SEEDS]
            for headings in sets:
                assert_composable(bank, headings, count, pattern, style)
            assert len({tuple(h) for h in sets}) == len(SEEDS), (theme, pattern, style, count, sets)
            assert bank.compose(count, theme=theme, pattern=pattern, style=style, seed=1) == sets[1]

    @pytest.mark.parametrize("theme", THEMES)
    def test_phrase_sets_stay_in_theme(self, bank: PhraseBank, theme: str) -> None:
        for count in COUNTS:
            for seed in SEEDS:
                headings = bank.compose(count, theme=theme, seed=seed)
                themes = {e.theme for e in (bank.find(h) for h in headings) if e}
                assert themes <= {theme, "通用"}, (count, seed, headings)

    @pytest.mark.parametrize("style", (None, "comma"))
    def test_the_zuofeng_pair_set_no_longer_opens_every_line_with_jujiao(self, bank: PhraseBank,
                                                                         style: str | None) -> None:  # fmt: skip
        """The reported case: a 作风建设 pair set whose every line started with 聚焦."""
        for count in COUNTS:
            for seed in range(2 * BLOCK):
                headings = bank.compose(count, theme="作风建设", pattern="pair", style=style, seed=seed)
                assert sum(h.startswith("聚焦") for h in headings) <= 1, headings
                assert repeated_openings(headings) == [], headings


class TestAnySeed:
    """Hypothesis: any theme, pattern, count, seed and hints."""

    @settings(max_examples=80, deadline=None)
    @given(
        theme=st.sampled_from((None, *THEMES)),
        pattern_style=st.sampled_from(PATTERN_STYLES),
        count=st.integers(2, 6),
        seed=st.integers(0, 1_000_000),
        hints=st.lists(st.sampled_from((*ROLES, "监督", "党员", "服务群众", "品牌", "青年")), max_size=4),
    )
    def test_property(self, theme: str | None, pattern_style: tuple[str, str | None], count: int, seed: int,
                      hints: list[str]) -> None:  # fmt: skip
        bank = load_bank([PACKAGED])
        pattern, style = pattern_style
        headings = bank.compose(count, theme=theme, pattern=pattern, style=style, seed=seed, hints=hints)
        assert headings == bank.compose(count, theme=theme, pattern=pattern, style=style, seed=seed, hints=hints)
        assert_composable(bank, headings, count, pattern, style)
        # The first three seeds of any block of BLOCK seeds give three different sets (a
        # framework gives one set per framework: only when there are three to give).
        first = seed - seed % BLOCK
        sets = [bank.compose(count, theme=theme, pattern=pattern, style=style, seed=first + turn, hints=hints)
                for turn in range(3)]  # fmt: skip
        for composed in sets:
            assert_composable(bank, composed, count, pattern, style)
        available = _frameworks_available(bank, count) if pattern == "framework" else 3
        assert len({tuple(s) for s in sets}) == min(3, available), (seed, sets)


def _frameworks_available(bank: PhraseBank, count: int) -> int:
    """How many different sets of `count` items the frameworks can give."""
    return len({e.items[:count] for e in bank.entries("framework")
                if len(e.items) >= count and bank.accepts(list(e.items[:count]))})  # fmt: skip


def _pair_groups(bank: PhraseBank) -> dict[str, list[Entry]]:
    groups: dict[str, list[Entry]] = defaultdict(list)
    for e in bank.entries("pair"):
        groups[e.group].append(e)
    return groups


def _valid_subsets(bank: PhraseBank, members: list[Entry], count: int) -> set[frozenset[str]]:
    """Subsets of a group that make a set (two need a third member that completes their frame)."""
    out = set()
    for combo in combinations(members, count):
        texts = [e.text for e in combo]
        if repeated_openings(texts) or len({(len(e.head), len(e.tail)) for e in combo}) > 1:
            continue
        if bank.accepts(texts) or (
            count == 2 and any(bank.accepts([*texts, w.text]) for w in members if w not in combo)
        ):
            out.add(frozenset(texts))
    return out


class TestFamilies:
    """A named pair group (a template's `family`) gives its own headings, never repeating an
    opening; seeds give its other valid subsets; a group that opens every line alike gives none."""

    def test_every_pair_group(self, bank: PhraseBank) -> None:
        for name, members in _pair_groups(bank).items():
            for count in range(2, len(members) + 1):
                valid = _valid_subsets(bank, members, count)
                if not valid:
                    with pytest.raises(WenmiError):
                        bank.compose(count, pattern="pair", family=name)
                    continue
                sets = [bank.compose(count, pattern="pair", family=name, seed=s) for s in range(BLOCK)]
                for headings in sets:
                    assert frozenset(headings) in valid, (name, headings)
                    assert repeated_openings(headings) == []
                # Seeds 0, 1, 2 differ as far as the group allows.
                assert len({frozenset(h) for h in sets[:3]}) == min(3, len(valid)), (name, count, sets[:3])

    def test_groups_opening_alike_give_one_heading(self, bank: PhraseBank) -> None:
        for name, members in _pair_groups(bank).items():
            if len({e.head[:2] for e in members}) == 1:
                with pytest.raises(WenmiError, match="最多1个"):
                    bank.compose(2, pattern="pair", family=name)

    def test_named_families_keep_their_order(self, bank: PhraseBank) -> None:
        four = bank.compose(4, pattern="pair", family="四高")
        assert [parts(h)[1][:3] for h in four] == ["高标准", "高质量", "高规格", "高效率"]
        three = bank.compose(3, pattern="pair", family="引领", seed=1)
        order = [e.text for e in _pair_groups(bank)["引领"]]
        assert three == sorted(three, key=order.index)


def _template_plans() -> list[tuple[str, dict[str, object], str]]:
    """(id, sections, category) of every packaged template whose headings are composed."""
    out = []
    for path in sorted(Path(packaged_dir("templates")).rglob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        plan = data.get("sections") if isinstance(data, dict) else None
        if isinstance(plan, dict) and plan.get("pattern", "phrase") != "none" and not plan.get("headings"):
            out.append((str(data["id"]), plan, str(data.get("category"))))
    return out


class TestTemplates:
    """Every packaged template that composes its headings gets a good set, and `--seed`
    changes it unless its named family has no other valid subset."""

    def test_plans(self, bank: PhraseBank) -> None:
        plans = _template_plans()
        assert plans
        for template_id, plan, category in plans:
            count = int(str(plan.get("count", 3)))
            pattern = str(plan.get("pattern", "phrase"))
            style = plan.get("style")
            family = plan.get("family")
            kwargs = {
                "count": count,
                "theme": str(plan.get("theme") or category),
                "pattern": pattern,
                "style": str(style) if style else None,
                "family": str(family) if family else None,
            }
            sets = [bank.compose(seed=s, **kwargs) for s in SEEDS]  # type: ignore[arg-type]
            for headings in sets:
                assert len(headings) == count and repeated_openings(headings) == [], (template_id, headings)
            if len({tuple(h) for h in sets}) == 1:
                if pattern == "pair" and family:
                    group = _pair_groups(bank)[str(family)]
                    assert len(_valid_subsets(bank, group, count)) == 1, template_id
                else:
                    assert pattern == "framework" and family, template_id
