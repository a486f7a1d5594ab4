"""Hostile YAML stays bounded: alias bombs and deep nesting are refused, located, at load.

Workbooks, templates (WENMI_PATH) and phrase files all go through `assistant.safeyaml`. The
bombs here are small (tens of thousands of values once expanded), cheap with the guard and
loaded without complaint by a plain safe loader; the real ones expand to billions.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from assistant import safeyaml
from assistant.cli import main
from assistant.errors import WenmiError
from assistant.ledger.yamlfile import loads_workbook
from assistant.templating import clear_catalog_cache
from tests import hostile


def alias_bomb(levels: int = 5, width: int = 9, prefix: str = "x") -> str:
    """Top-level keys x0…x{levels-1}, each a list of `width` aliases of the previous one:
    width**levels values once expanded (59,049 by default), about 300 bytes of text."""
    lines = [f"{prefix}0: &{prefix}0 [{', '.join(['lol'] * width)}]"]
    for i in range(1, levels):
        lines.append(f"{prefix}{i}: &{prefix}{i} [{', '.join([f'*{prefix}{i - 1}'] * width)}]")
    return "\n".join(lines) + "\n"


def nested(depth: int) -> str:
    return "[" * depth + "x" + "]" * depth


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WENMI_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("WENMI_PATH", raising=False)
    clear_catalog_cache()


class TestSafeYaml:
    """The shared loader measures a file's expansion and depth without expanding it."""

    def test_the_bomb_expands_without_the_guard(self) -> None:
        def leaves(value: object) -> int:
            return sum(leaves(v) for v in value) if isinstance(value, list) else 1

        assert leaves(yaml.safe_load(alias_bomb())["x4"]) == 9**5  # what any walk would visit

    def test_alias_bomb_is_refused_at_its_anchor(self) -> None:
        with pytest.raises(safeyaml.YamlLimitError) as info:
            safeyaml.compose(alias_bomb())
        assert "展开后的内容过多" in str(info.value.problem)
        assert info.value.problem_mark.line + 1 == 4  # x3, repeated 9 times by x4

    def test_a_real_bomb_is_refused_at_once(self) -> None:
        # 9**12 values: no walk would ever finish, so the load runs where the OS bounds it
        outcome = hostile.call("assistant.safeyaml:load", alias_bomb(levels=12))
        hostile.assert_bounded(outcome)
        assert (outcome.raised or "").startswith("YamlLimitError"), outcome.describe()

    def test_alias_of_itself_is_refused(self) -> None:
        with pytest.raises(safeyaml.YamlLimitError, match="包含它自己"):
            safeyaml.compose("a: &a [1, *a]\n")

    @pytest.mark.parametrize(
        ("loader", "depth"),
        [(yaml.SafeLoader, 60), (yaml.SafeLoader, 600), (safeyaml.FAST_LOADER, 60), (safeyaml.FAST_LOADER, 1500)],
    )
    def test_deep_nesting_is_refused_with_its_line(self, loader: type, depth: int) -> None:
        text = f"a: 1\nb: {nested(depth)}\n"
        with pytest.raises(safeyaml.YamlLimitError, match="嵌套层级过深") as info:
            safeyaml.compose(text, loader)
        assert info.value.problem_mark.line + 1 == 2

    def test_modest_anchors_and_large_plain_files_still_load(self) -> None:
        assert safeyaml.load("m: &m {label: 次数, unit: 次}\na: [*m, *m]\n")["a"][1]["unit"] == "次"
        big = "items:\n" + "".join(f"  - {{title: 事项{i}, tags: [a, b]}}\n" for i in range(5_000))
        root = safeyaml.compose(big)
        assert root is not None and len(root.value[0][1].value) == 5_000  # 25,000 values, none aliased


class TestWorkbook:
    def test_alias_bomb_in_a_workbook_is_a_located_error(self) -> None:
        text = alias_bomb() + "unit: 党群工作部\nachievements:\n  - title: 开展学习\n    tags: *x4\n"
        with pytest.raises(WenmiError) as info:
            loads_workbook(text, "台账.yaml")
        err = info.value
        assert "锚点" in err.message and err.location.file == "台账.yaml" and err.location.line == 5  # x4
        assert "*" in (err.hint or "")

    def test_workbook_nested_a_thousand_levels(self) -> None:
        text = f"unit: 党群工作部\nachievements:\n  - title: 开展学习\n    tags: {nested(1000)}\n"
        with pytest.raises(WenmiError, match="嵌套层级过深") as info:
            loads_workbook(text, "台账.yaml")
        assert info.value.location.line == 4

    def test_block_nesting_deeper_than_the_reader_recurses(self) -> None:
        lines = ["unit: 党群工作部", "achievements:", "  - title: 开展学习", "    detail:"]
        lines += [" " * (6 + i) + "k:" for i in range(300)] + [" " * 306 + "v"]
        with pytest.raises(WenmiError, match="嵌套层级过深"):
            loads_workbook("\n".join(lines) + "\n", "台账.yaml")

    def test_suggest_on_a_bomb_exits_1_with_a_message(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        path = tmp_path / "台账.yaml"
        path.write_text(alias_bomb(levels=9) + "unit: 单位\nachievements:\n  - title: 学习\n    tags: *x8\n",
                        encoding="utf-8")  # fmt: skip
        assert main(["suggest", str(path)]) == 1
        err = capsys.readouterr().err
        assert "锚点" in err and "第9行" in err and "Traceback" not in err  # x8, used once more below


TEMPLATE = """\
id: zf-{id}
name: 示例模板
category: 作风建设
doctype: 工作总结
keywords: [作风建设]
description: 用于测试。
sample:
  unit: 党群工作部
body: |
  # {{{{ unit }}}}工作总结
  正文段落。
"""


class TestTemplatesAndPhrases:
    def _path_with(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, files: dict[str, str]) -> Path:
        folder = tmp_path / "extra" / "templates"
        folder.mkdir(parents=True)
        for name, text in files.items():
            (folder / name).write_text(text, encoding="utf-8")
        monkeypatch.setenv("WENMI_PATH", str(tmp_path / "extra"))
        clear_catalog_cache()
        return folder

    def test_template_bomb_is_refused_by_show_and_validate(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        folder = self._path_with(tmp_path, monkeypatch, {
            "zf-bomb.yaml": alias_bomb(levels=9) + TEMPLATE.format(id="bomb"),
            "zf-good.yaml": TEMPLATE.format(id="good"),
        })  # fmt: skip
        assert main(["templates", "show", "zf-bomb"]) == 1
        err = capsys.readouterr().err
        assert "锚点" in err and "zf-bomb.yaml" in err and "Traceback" not in err
        assert main(["templates", "validate", str(folder)]) == 1
        out = capsys.readouterr()
        text = out.out + out.err
        assert "zf-bomb.yaml" in text and "第8行" in text and "锚点" in text
        assert "2 个模板" in text and "1 个未通过" in text  # the good one was still checked

    def test_phrase_file_bomb_is_a_located_problem(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        path = tmp_path / "bomb.yaml"
        path.write_text(alias_bomb(levels=8) + "kind: phrase\nentries: *x7\n", encoding="utf-8")
        assert main(["phrases", "validate", str(path)]) == 1
        out = capsys.readouterr().out
        assert "bomb.yaml" in out and "第8行" in out and "锚点" in out
