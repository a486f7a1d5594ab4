"""Phrase-bank engine on a small fixture bank: loading, diagnostics, compose, search, check."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.categories import THEMES
from assistant.errors import WenmiError
from assistant.phrasebank import PhraseBank, clear_bank_cache, load_bank, validate_paths
from assistant.phrasebank.loader import number_word, read_bank_file
from assistant.phrasebank.parallel import check_parallel, repeated_openings
from assistant.phrasebank.search import SearchIndex, pinyin_of

FIXTURE = Path(__file__).parent / "fixtures" / "phrasebank"


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("WENMI_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("WENMI_PATH", raising=False)
    clear_bank_cache()


@pytest.fixture
def bank() -> PhraseBank:
    return load_bank([FIXTURE])


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


class TestImportHygiene:
    """jieba and pypinyin load on first use, never on import."""

    def test_no_heavy_imports(self) -> None:
        import subprocess

        code = (
            "import sys, assistant.phrasebank as p, assistant.cli.phrases; "
            "p.load_bank(); print(sorted(m for m in ('jieba', 'pypinyin', 'textual') if m in sys.modules))"
        )
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
        assert out.stdout.strip() == "[]"


class TestLoading:
    """Files load into entries with their source, file and line."""

    def test_fixture_loads_clean(self, bank: PhraseBank) -> None:
        assert not bank.problems
        counts = bank.counts()
        assert (
            counts["phrase"] == 33 and counts["set"] == 3 and counts["framework"] == 3 and counts["pair"] == 10
        )

    def test_entries_carry_location_and_tags(self, bank: PhraseBank) -> None:
        e = bank.find("提高站位")
        assert e is not None and e.kind == "phrase" and e.source == "packaged"
        assert e.theme == "作风建设" and e.role == "站位" and e.structure == "动宾"
        assert e.file and e.file.endswith("zuofeng.yaml") and e.line == 5
        assert e.tags == ("作风建设", "站位", "动宾")

    def test_pair_text_and_set_items(self, bank: PhraseBank) -> None:
        pair = bank.entries("pair")[0]
        assert (
            pair.text == "提高站位\u3000高标准制定工作措施"
            and pair.head == "提高站位"
            and pair.group == "四高"
        )
        comma = next(e for e in bank.entries("pair") if e.style == "comma")
        assert comma.text == "聚焦教育培训，提升能力本领"
        s = bank.find("高字四连")
        assert s is not None and s.items == ("高标准", "高质量", "高规格", "高效率")
        assert s.text == "高标准、高质量、高规格、高效率"

    def test_entries_filter(self, bank: PhraseBank) -> None:
        assert {e.kind for e in bank.entries("framework")} == {"framework"}
        assert {e.theme for e in bank.entries(theme="作风")} == {"作风建设"}
        assert {e.theme for e in bank.entries(theme="zuofeng")} == {"作风建设"}
        with pytest.raises(WenmiError, match="可选"):
            bank.entries(kind="word")
        with pytest.raises(WenmiError, match="政治建设"):
            bank.entries(theme="不存在")

    def test_cache_and_reset(self) -> None:
        assert load_bank([FIXTURE]) is load_bank([FIXTURE])
        first = load_bank([FIXTURE])
        clear_bank_cache()
        assert load_bank([FIXTURE]) is not first

    def test_cache_sees_changed_files(self, tmp_path: Path) -> None:
        folder = tmp_path / "bank"
        f = write(
            folder / "a.yaml", "kind: phrase\ntheme: 通用\nentries:\n  - {text: 提高站位, role: 站位}\n"
        )
        assert len(load_bank([folder])) == 1
        write(f, f.read_text(encoding="utf-8") + "  - {text: 压实责任, role: 责任}\n")
        assert len(load_bank([folder])) == 2


class TestUserFiles:
    """User entries merge in and are marked; a broken user file never stops the bank."""

    def test_user_entries_merge_and_are_marked(self, tmp_path: Path) -> None:
        user = write(tmp_path / "u" / "mine.yaml", "kind: phrase\ntheme: 通用\nentries:\n"
                     "  - {text: 提质增效, role: 成效, structure: 并列}\n")  # fmt: skip
        bank = load_bank([FIXTURE, ("user", user.parent)])
        e = bank.find("提质增效")
        assert e is not None and e.source == "user"
        assert len(bank.entries("phrase")) == 34 and not bank.problems

    def test_malformed_user_file_reported_with_file_line_and_entry(self, tmp_path: Path) -> None:
        user = write(
            tmp_path / "u" / "mine.yaml",
            "kind: phrase\ntheme: 通用\nentries:\n"
            "  - {text: 提质增效, role: 成效}\n"
            "  - {text: 提质, role: 成效}\n"
            "  - {text: 守正创新, role: 创新, theme: 宇宙}\n",
        )
        bank = load_bank([FIXTURE, ("user", user.parent)])
        assert bank.find("提质增效") is not None and bank.find("提高站位") is not None
        assert len(bank.problems) == 2 and all(d.severity == "warning" for d in bank.problems)
        short, theme = bank.problems
        assert short.location.file == str(user) and short.location.line == 5
        assert "四个汉字" in short.message and "{text: 提质, role: 成效}" in short.message
        assert theme.location.line == 6 and "宇宙" in theme.message

    def test_yaml_syntax_error_in_user_file(self, tmp_path: Path) -> None:
        user = write(tmp_path / "u" / "bad.yaml", "kind: phrase\nentries:\n  - {text: 提质增效, role: [\n")
        bank = load_bank([FIXTURE, ("user", user.parent)])
        assert len(bank.entries("phrase")) == 33
        (d,) = bank.problems
        assert d.location.file == str(user) and d.location.line is not None and "YAML" in d.message

    def test_user_duplicate_of_packaged_is_a_warning(self, tmp_path: Path) -> None:
        user = write(tmp_path / "u" / "mine.yaml",
                     "kind: phrase\ntheme: 通用\nentries:\n  - {text: 提高站位, role: 站位}\n")  # fmt: skip
        bank = load_bank([FIXTURE, ("user", user.parent)])
        (d,) = bank.problems
        assert d.severity == "warning" and "重复" in d.message and d.location.line == 4
        found = bank.find("提高站位")
        assert found is not None and found.source == "packaged"

    def test_default_folders_include_user_dir(self, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
        home = tmp_path / "home2"
        monkeypatch.setenv("WENMI_HOME", str(home))
        write(
            home / "phrasebank" / "x.yaml",
            "kind: phrase\ntheme: 通用\nentries:\n  - {text: 扬帆奋进, role: 成效}\n",
        )
        e = load_bank().find("扬帆奋进")
        assert e is not None and e.source == "user"

    def test_wenmi_path_folder(self, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
        extra = tmp_path / "extra"
        write(
            extra / "phrasebank" / "x.yaml",
            "kind: phrase\ntheme: 通用\nentries:\n  - {text: 踔厉笃行, role: 成效}\n",
        )
        monkeypatch.setenv("WENMI_PATH", str(extra))
        e = load_bank().find("踔厉笃行")
        assert e is not None and e.source == str(extra)


class TestValidation:
    """Packaged-file problems are errors with file and line."""

    @pytest.mark.parametrize(
        ("text", "fragment", "line"),
        [
            ("kind: phrase\ntheme: 通用\nentries:\n  - {text: 提高站位}\n", "缺少角色", 4),
            ("kind: phrase\ntheme: 通用\nentries:\n  - {text: 提高站位, role: 站位, structure: 动名}\n", "结构", 4),
            ("kind: phrase\ntheme: 通用\nentries:\n  - {text: 提高站位, role: 站位, colour: red}\n", "colour", 4),
            ("kind: phrases\nentries: []\n", "kind", 1),
            ("kind: phrase\ntheme: 通用\n", "entries", 1),
            ("kind: set\nentries:\n  - {name: 甲, items: [高标准, 高质量, 效率], theme: 通用, role: 落实}\n", "字数不等", 3),
            ("kind: set\nentries:\n  - {name: 甲, items: [高标准, 高质量], theme: 通用, role: 落实}\n", "至少3项", 3),
            ("kind: framework\nentries:\n  - {name: 乙, items: [一条主线, 三个抓手], theme: 通用, role: 落实}\n", "序数", 3),
            ("kind: pair\nentries:\n  - {head: 提高站位, tail: 高标准, style: dash, group: 甲, theme: 通用, role: 站位}\n",
             "style", 3),
            ("kind: pair\nentries:\n  - {head: 提高, tail: 高标准做事, style: space, group: 甲, theme: 通用, role: 站位}\n",
             "四个汉字", 3),
        ],
    )  # fmt: skip
    def test_entry_problems(self, tmp_path: Path, text: str, fragment: str, line: int) -> None:
        f = write(tmp_path / "x.yaml", text)
        loaded = read_bank_file(f)
        errors = [d for d in loaded.diagnostics if d.severity == "error"]
        assert errors, loaded.diagnostics
        assert fragment in errors[0].message and errors[0].location.line == line
        assert errors[0].location.file == str(f)
        assert not loaded.entries

    def test_unknown_role_is_only_a_warning(self, tmp_path: Path) -> None:
        f = write(
            tmp_path / "x.yaml", "kind: phrase\ntheme: 通用\nentries:\n  - {text: 提高站位, role: 高度}\n"
        )
        loaded = read_bank_file(f)
        assert len(loaded.entries) == 1 and [d.severity for d in loaded.diagnostics] == ["warning"]

    def test_duplicates_in_packaged_data_are_errors(self, tmp_path: Path) -> None:
        write(tmp_path / "a.yaml", "kind: phrase\ntheme: 通用\nentries:\n  - {text: 提高站位, role: 站位}\n")
        write(tmp_path / "b.yaml", "kind: phrase\ntheme: 作风建设\nentries:\n  - {text: 压实责任, role: 责任}\n"
              "  - {text: 提高站位, role: 站位}\n")  # fmt: skip
        files, problems = validate_paths([tmp_path])
        assert len(files) == 2
        (d,) = problems
        assert d.severity == "error" and d.location.file == str(tmp_path / "b.yaml") and d.location.line == 5
        assert "a.yaml第4行" in d.message

    def test_fixture_validates(self) -> None:
        files, problems = validate_paths([FIXTURE])
        assert len(files) == 6 and not [d for d in problems if d.severity == "error"]

    def test_number_words(self) -> None:
        assert number_word("一个中心") == 1 and number_word("两个基本点") == 2
        assert number_word("凝聚“三个合力”") == 3 and number_word("十一项举措") == 11
        assert number_word("提高站位") is None and number_word("统一“思想”") is None


class TestCompose:
    """compose gives parallel, theme-consistent, deterministic sets."""

    def test_phrase_set_is_parallel(self, bank: PhraseBank) -> None:
        headings = bank.compose(4, theme="作风建设")
        assert len(headings) == 4 and len(set(headings)) == 4
        entries = [bank.find(h) for h in headings]
        assert all(e is not None and e.theme == "作风建设" for e in entries)
        assert len({e.structure for e in entries if e}) == 1
        assert len({h[:2] for h in headings}) == 4
        for pos in range(4):
            assert len({h[pos] for h in headings}) == 4
        assert bank.check(headings) == []

    def test_deterministic_and_seed_gives_alternatives(self, bank: PhraseBank) -> None:
        a = bank.compose(4, theme="作风建设", seed=0)
        assert a == bank.compose(4, theme="作风建设", seed=0)
        others = {tuple(bank.compose(4, theme="作风建设", seed=s)) for s in range(1, 6)}
        assert any(o != tuple(a) for o in others)

    def test_deterministic_across_processes(self, bank: PhraseBank) -> None:
        import subprocess

        code = (
            "from pathlib import Path; from assistant.phrasebank import load_bank; "
            f"print(load_bank([Path({str(FIXTURE)!r})]).compose(4, theme='作风建设', seed=3))"
        )
        runs = {
            subprocess.run(
                [sys.executable, "-c", code],
                capture_output=True,
                text=True,
                check=True,
                env={**__import__("os").environ, "PYTHONHASHSEED": str(h)},
            ).stdout  # fmt: skip
            for h in (1, 2)
        }
        assert runs == {f"{bank.compose(4, theme='作风建设', seed=3)}\n"}

    def test_roles_in_document_order(self, bank: PhraseBank) -> None:
        from assistant.phrasebank.model import ROLES

        headings = bank.compose(4, theme="作风建设", seed=2)
        roles = [ROLES.index(e.role) for e in (bank.find(h) for h in headings) if e]
        assert roles == sorted(roles)

    def test_small_theme_falls_back_to_general(self, bank: PhraseBank) -> None:
        headings = bank.compose(4, theme="政治建设")
        themes = [e.theme for e in (bank.find(h) for h in headings) if e]
        assert "政治建设" in themes and set(themes) <= {"政治建设", "通用"}

    def test_hints_steer_without_breaking_determinism(self, bank: PhraseBank) -> None:
        plain = bank.compose(3, theme="作风建设")
        hinted = bank.compose(3, theme="作风建设", hints=["监督", "纪律", "队伍"])
        assert hinted == bank.compose(3, theme="作风建设", hints=["监督", "纪律", "队伍"])
        assert "强化监督" in hinted or "锤炼队伍" in hinted
        assert len(plain) == len(hinted) == 3

    def test_pairs(self, bank: PhraseBank) -> None:
        headings = bank.compose(4, theme="作风建设", pattern="pair")
        assert headings == [
            "提高站位\u3000高标准制定工作措施",
            "倒排工期\u3000高质量推进工作进度",
            "压实责任\u3000高规格部署工作任务",
            "贯通结合\u3000高效率转化工作成果",
        ]
        assert bank.check(headings) == []

    def test_a_group_opening_alike_gives_one_heading_only(self, bank: PhraseBank) -> None:
        """The fixture's 聚焦 group opens every pair alike: a set takes at most one of them."""
        assert len(bank.compose(1, pattern="pair", style="comma")) == 1
        mixed = bank.compose(3, theme="作风建设", pattern="pair", style="comma")
        assert len({str(h)[:2] for h in mixed}) == 3 and sum(str(h).startswith("聚焦") for h in mixed) <= 1
        with pytest.raises(WenmiError, match="最多1个"):
            bank.compose(2, pattern="pair", family="聚焦")

    def test_comma_pairs_mix_groups_without_repeating_an_opening(self, tmp_path: Path) -> None:
        write(tmp_path / "more" / "pairs.yaml", "kind: pair\nentries:\n" + "".join(
            f"  - {{head: {h}, tail: {t}, style: comma, group: 推进, theme: 作风建设, role: 落实}}\n"
            for h, t in (("加强组织领导", "压实各方责任"), ("细化工作措施", "倒排时间节点"),
                         ("严格督导考核", "确保按时完成"))
        ))  # fmt: skip
        bank = load_bank([FIXTURE, tmp_path / "more"])
        for seed in range(6):
            comma = bank.compose(3, theme="作风建设", pattern="pair", style="comma", seed=seed)
            assert len({h[:2] for h in comma}) == 3 and sum(h.startswith("聚焦") for h in comma) <= 1
            assert bank.check(comma) == [] and repeated_openings(comma) == []
        sets = {tuple(bank.compose(3, pattern="pair", style="comma", seed=s)) for s in range(3)}
        assert len(sets) == 3

    def test_framework_takes_first_items(self, bank: PhraseBank) -> None:
        assert bank.compose(3, theme="政治建设", pattern="framework") == [
            "凝聚“一个合力”",
            "树牢“两个意识”",
            "依托“三个载体”",
        ]
        assert bank.compose(3, theme="通用", pattern="framework") == ["一条主线", "两个抓手", "三项机制"]
        five = bank.compose(5, pattern="framework")
        assert [number_word(h) for h in five] == [1, 2, 3, 4, 5]

    def test_theme_aliases(self, bank: PhraseBank) -> None:
        assert (
            bank.compose(3, theme="作风")
            == bank.compose(3, theme="作风建设")
            == bank.compose(3, theme="zuofeng")
        )

    @pytest.mark.parametrize(
        ("kwargs", "fragment"),
        [
            ({"count": 3, "theme": "火星"}, "可选：政治建设"),
            ({"count": 9, "theme": "作风建设", "pattern": "pair"}, "最多4个"),
            ({"count": 6, "pattern": "framework"}, "最多5个"),
            ({"count": 0}, "正整数"),
            ({"count": 3, "pattern": "poem"}, "phrase"),
            ({"count": 3, "pattern": "pair", "style": "dash"}, "space"),
            ({"count": 40}, "最多"),
        ],
    )
    def test_impossible_requests_say_what_is_available(self, bank: PhraseBank, kwargs: dict[str, object],
                                                       fragment: str) -> None:  # fmt: skip
        with pytest.raises(WenmiError) as info:
            bank.compose(**kwargs)  # type: ignore[arg-type]
        assert fragment in str(info.value)

    @settings(max_examples=60, deadline=None)
    @given(theme=st.sampled_from((None, *THEMES)), count=st.integers(2, 6), seed=st.integers(0, 10_000))
    def test_property_parallel_phrases(self, theme: str | None, count: int, seed: int) -> None:
        bank = load_bank([FIXTURE])
        headings = bank.compose(count, theme=theme, seed=seed)
        assert headings == bank.compose(count, theme=theme, seed=seed)
        assert len(headings) == count and len({len(h) for h in headings}) == 1
        assert len({h[:2] for h in headings}) == count
        structures = {e.structure for e in (bank.find(h) for h in headings) if e}
        assert len(structures) == 1


class TestSearch:
    """Search by characters, meaning and pinyin; best matches first."""

    def test_exact_text_first(self, bank: PhraseBank) -> None:
        assert bank.search("提高站位")[0].text == "提高站位"

    def test_substring(self, bank: PhraseBank) -> None:
        texts = [e.text for e in bank.search("责任")]
        assert texts[0] == "压实责任"
        assert "知责于心、担责于身、履责于行" not in texts[:1]

    def test_pinyin_initials(self, bank: PhraseBank) -> None:
        assert bank.search("tgzw")[0].text == "提高站位"
        assert bank.search("TGZW")[0].text == "提高站位"
        assert bank.search("tg")[0].text == "提高站位"

    def test_full_pinyin(self, bank: PhraseBank) -> None:
        assert bank.search("tigao")[0].text == "提高站位"

    def test_heteronym_in_context(self) -> None:
        assert pinyin_of("重温初心") == ("chongwenchuxin", "cwcx")
        assert pinyin_of("提高站位")[1] == "tgzw"

    def test_by_role_tag(self, bank: PhraseBank) -> None:
        found = bank.search("监督")
        assert found and found[0].text == "强化监督"
        roles = {e.role for e in bank.search("品牌")}
        assert "品牌" in roles

    def test_by_theme_name(self, bank: PhraseBank) -> None:
        found = bank.search("作风建设", limit=50)
        assert found and all(e.theme == "作风建设" for e in found[:10])

    def test_by_meaning_words(self, bank: PhraseBank) -> None:
        texts = [e.text for e in bank.search("加强纪律监督")]
        assert {"强化监督", "纪律严明"} <= set(texts[:5])

    def test_items_and_names(self, bank: PhraseBank) -> None:
        assert bank.search("高质量")[0].kind in ("set", "pair")
        assert bank.search("四高")[0].group == "四高"
        assert bank.search("1234党建工作法")[0].kind == "framework"

    def test_limit_and_empty(self, bank: PhraseBank) -> None:
        assert len(bank.search("高", limit=2)) == 2
        assert bank.search("") == [] and bank.search("   ") == []
        assert bank.search("zzzzzz") == []

    def test_index_on_bare_entries(self, bank: PhraseBank) -> None:
        index = SearchIndex(bank.entries("phrase"))
        assert index.search("tgzw", 1)[0].text == "提高站位"


class TestCheck:
    """check explains in Chinese why headings are not parallel."""

    def test_parallel_set_passes(self) -> None:
        assert check_parallel(["提高站位", "倒排工期", "压实责任", "贯通结合"]) == []
        assert check_parallel(["凝聚“一个合力”", "树牢“两个意识”", "依托“三个载体”"]) == []
        assert check_parallel(["聚焦教育培训，提升能力本领", "聚焦制度建设，规范工作流程"]) == []

    def test_one_or_none_is_fine(self) -> None:
        assert check_parallel([]) == [] and check_parallel(["提高站位"]) == []

    def test_lengths(self) -> None:
        (reason,) = check_parallel(["提高站位", "压实主体责任"])
        assert "字数不一" in reason and "6字" in reason

    def test_repeated_head(self) -> None:
        reasons = check_parallel(["提高站位", "提高效能", "压实责任"])
        assert any("开头重复“提高”" in r for r in reasons)

    def test_repeated_word_and_position(self) -> None:
        reasons = check_parallel(["压实责任", "落实责任"])
        assert any("“责任”重复" in r for r in reasons)
        assert any("第2字都是“实”" in r for r in reasons)

    def test_structure_by_part_of_speech(self) -> None:
        reasons = check_parallel(["提高站位", "党建引领"])
        assert any("结构不一" in r for r in reasons)

    def test_bank_structure_tags_are_used(self, bank: PhraseBank) -> None:
        assert bank.check(["标准严格", "提高站位"]) and any(
            "结构不一" in r for r in bank.check(["标准严格", "提高站位"])
        )

    def test_pairs_and_numbering(self) -> None:
        assert any("后半句" in r for r in check_parallel(["提高站位\u3000高标准制定工作措施", "压实责任"]))
        assert any("序数" in r for r in check_parallel(["凝聚“一个合力”", "依托“三个载体”"]))
        reasons = check_parallel(["提高站位\u3000高标准制定工作措施", "倒排工期\u3000高标准推进工作进度"])
        assert any("后半句开头重复“高标”" in r for r in reasons)


class TestComposeHeadingsIntegration:
    """assistant.compose.compose_headings gets exactly `count` parallel headings from the bank."""

    @pytest.mark.parametrize(
        ("pattern", "style", "count"), [("phrase", None, 4), ("pair", "space", 3), ("pair", "comma", 3),
                                        ("framework", None, 4)]
    )  # fmt: skip
    def test_section_plan(
        self, monkeypatch: pytest.MonkeyPatch, pattern: str, style: str | None, count: int
    ) -> None:
        from types import SimpleNamespace

        import assistant.paths
        from assistant.compose import compose_headings
        from assistant.ledger.workbook import Achievement
        from assistant.templating.model import SectionPlan

        monkeypatch.setattr(assistant.paths, "packaged_dir", lambda name: FIXTURE)
        # The fixture's comma pairs all open with 聚焦; a user group gives them company.
        write(assistant.paths.user_dir() / "phrasebank" / "pairs.yaml", "kind: pair\nentries:\n" + "".join(
            f"  - {{head: {h}, tail: {t}, style: comma, group: 推进, theme: 作风建设, role: 落实}}\n"
            for h, t in (("挂图作战", "倒排时间节点"), ("对账销号", "确保按时完成"), ("专班推进", "协同攻坚克难"))
        ))  # fmt: skip
        plan = SectionPlan(count=count, pattern=pattern, theme=None, style=style)
        # the template quotes its headings' halves, so pair headings it must have (plain ones
        # may otherwise replace pairs that describe the sections less well)
        template = SimpleNamespace(id="zf-test", category="作风建设", body="{{ s.tail }}")
        groups = [
            [Achievement(title=f"强化监督执纪第{i}项", category="作风建设", metrics=[])] for i in range(count)
        ]
        headings = compose_headings(plan, template, groups, seed=1)  # type: ignore[arg-type]
        assert len(headings) == count and len({len(h) for h in headings}) == 1
        assert headings == compose_headings(plan, template, groups, seed=1)  # type: ignore[arg-type]
        assert repeated_openings(headings) == []
        if style == "comma":
            assert all("，" in h for h in headings)
        if style == "space":
            assert all("\u3000" in h for h in headings)


def test_validate_warns_about_reordered_near_duplicates(tmp_path: Path) -> None:
    write(tmp_path / "a.yaml", "kind: phrase\ntheme: 通用\nentries:\n  - {text: 强化监督, role: 监督}\n"
          "  - {text: 监督强化, role: 监督}\n")  # fmt: skip
    _, problems = validate_paths([tmp_path])
    (d,) = problems
    assert d.severity == "warning" and d.location.line == 5 and "近乎重复" in d.message


def test_search_mixes_pinyin_and_text(bank: PhraseBank) -> None:
    assert bank.search("tg站位")[0].text == "提高站位"
    assert bank.search("ys 责任")[0].text == "压实责任"


class TestCheckFrames:
    """What all of three or more headings share is the 排比's frame, not a repetition."""

    @pytest.mark.parametrize(
        "headings",
        [
            ["高标准", "高质量", "高规格", "高效率"],
            ["制度化", "规范化", "标准化"],
            ["坚持问题导向", "坚持目标导向", "坚持需求导向"],
            ["大兴学习之风", "大兴调研之风", "大兴实干之风"],
        ],
    )
    def test_frames_pass(self, headings: list[str]) -> None:
        assert check_parallel(headings) == []

    def test_partial_repetition_is_flagged(self) -> None:
        reasons = check_parallel(["坚持问题导向", "坚持结果导向", "坚持效果导向"])
        assert reasons == ["第4字都是“果”：“坚持结果导向”、“坚持效果导向”"]

    def test_two_sharing_a_head_is_flagged(self) -> None:
        assert check_parallel(["提高站位", "提高效能"]) == ["标题开头重复“提高”：“提高站位”、“提高效能”"]


class TestRepeatedOpenings:
    """What `compose` adds to `check`: no opening word repeats, not even as a shared frame."""

    def test_shared_opening_is_reported(self) -> None:
        assert repeated_openings(["聚焦教育培训，提升能力本领", "聚焦制度建设，规范工作流程"]) == [
            "开头重复“聚焦”：“聚焦教育培训，提升能力本领”、“聚焦制度建设，规范工作流程”"
        ]
        frame = ["坚持问题导向", "坚持目标导向", "坚持需求导向"]
        assert check_parallel(frame) == [] and repeated_openings(frame)
        assert repeated_openings(["提高站位\u3000高标准制定工作措施", "提升站位\u3000高质量推进工作进度"]) == []

    def test_different_openings_pass(self) -> None:
        assert repeated_openings(["提高站位", "压实责任", "倒排工期"]) == []
        assert repeated_openings(["凝聚“一个合力”", "树牢“两个意识”"]) == []
        assert repeated_openings([]) == [] and repeated_openings(["提高站位"]) == []

    def test_bank_accepts_combines_both(self, bank: PhraseBank) -> None:
        assert bank.accepts(["提高站位", "压实责任"])
        assert not bank.accepts(["提高站位", "提高效能"])
        assert not bank.accepts(["坚持问题导向", "坚持目标导向", "坚持需求导向"])


class TestSeeds:
    """Seeds of one block give pairwise different sets while the bank has them, then cycle."""

    @pytest.mark.parametrize("pattern", ["phrase", "pair", "framework"])
    def test_first_seeds_differ(self, bank: PhraseBank, pattern: str) -> None:
        sets = [tuple(bank.compose(2, pattern=pattern, seed=s)) for s in range(3)]
        assert len(set(sets)) == 3, sets
        assert [tuple(bank.compose(2, pattern=pattern, seed=s)) for s in range(3)] == sets

    def test_exhausted_material_cycles(self, bank: PhraseBank) -> None:
        """四高 has one set of four: every seed gives it."""
        sets = {tuple(bank.compose(4, pattern="pair", family="四高", seed=s)) for s in range(10)}
        assert len(sets) == 1

    def test_framework_family_is_fixed(self, bank: PhraseBank) -> None:
        assert {tuple(bank.compose(3, pattern="framework", family="一二三工作法", seed=s)) for s in range(5)} == {
            ("一条主线", "两个抓手", "三项机制")
        }


def test_one_number_for_all_is_a_frame_not_a_framework() -> None:
    assert check_parallel(["一体谋划", "一体部署", "一体推进"]) == []
