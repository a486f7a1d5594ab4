"""`wenmi phrases …` through assistant.cli.main: exit codes, text and JSON shapes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.cli import main
from assistant.phrasebank import clear_bank_cache, load_bank

FIXTURE = Path(__file__).parent / "fixtures" / "phrasebank"


@pytest.fixture(autouse=True)
def _fixture_bank(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """The packaged bank replaced by the fixture bank; the user folder in tmp_path."""
    import assistant.paths

    home = tmp_path / "home"
    monkeypatch.setenv("WENMI_HOME", str(home))
    monkeypatch.delenv("WENMI_PATH", raising=False)
    monkeypatch.setattr(assistant.paths, "packaged_dir", lambda name: FIXTURE)
    clear_bank_cache()
    return home


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["phrases", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> object:
    code, out, _ = run(capsys, *argv, "--format", "json")
    assert code == 0
    return json.loads(out)


class TestCompose:
    """compose prints a parallel set; JSON is a list of strings."""

    def test_text(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, out, _ = run(capsys, "compose", "--count", "4", "--theme", "作风建设")
        assert code == 0
        lines = out.splitlines()
        assert len(lines) == 4 and all(len(line) == 4 for line in lines)

    def test_json_and_determinism(self, capsys: pytest.CaptureFixture[str]) -> None:
        data = run_json(capsys, "compose", "-n", "3", "-t", "作风", "--seed", "2")
        assert isinstance(data, list) and len(data) == 3 and all(isinstance(h, str) for h in data)
        assert data == run_json(capsys, "compose", "-n", "3", "-t", "作风", "--seed", "2")

    def test_pair_and_framework(self, capsys: pytest.CaptureFixture[str]) -> None:
        pairs = run_json(
            capsys, "compose", "-n", "4", "-t", "作风建设", "--pattern", "pair", "--style", "space"
        )
        assert isinstance(pairs, list) and all("\u3000" in h for h in pairs)
        frame = run_json(capsys, "compose", "-n", "4", "-t", "政治建设", "--pattern", "framework")
        assert frame == ["凝聚“一个合力”", "树牢“两个意识”", "依托“三个载体”", "彰显“四个成效”"]

    def test_unknown_theme(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, out, err = run(capsys, "compose", "-n", "3", "-t", "火星")
        assert code == 1 and not out and "火星" in err and "政治建设" in err and "Traceback" not in err

    def test_impossible_count(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, _, err = run(capsys, "compose", "-n", "9", "--pattern", "framework")
        assert code == 1 and "最多5个" in err

    def test_bad_usage_exits_2(self, capsys: pytest.CaptureFixture[str]) -> None:
        with pytest.raises(SystemExit) as info:
            main(["phrases", "compose"])
        assert info.value.code == 2
        assert "缺少必需的参数" in capsys.readouterr().err


class TestSearchAndList:
    """search and list print entries; JSON objects carry text, kind, tags, items, source."""

    def test_search_pinyin(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, out, _ = run(capsys, "search", "tgzw")
        assert code == 0 and out.splitlines()[0].startswith("提高站位")

    def test_search_json(self, capsys: pytest.CaptureFixture[str]) -> None:
        data = run_json(capsys, "search", "责任", "--limit", "3")
        assert isinstance(data, list) and 0 < len(data) <= 3
        first = data[0]
        assert first["text"] == "压实责任" and first["kind"] == "phrase"
        assert first["tags"] == ["作风建设", "责任"] and first["source"] == "packaged"

    def test_search_nothing(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, out, _ = run(capsys, "search", "qqqqqq")
        assert code == 0 and "没有找到" in out

    def test_list_json_shapes(self, capsys: pytest.CaptureFixture[str]) -> None:
        data = run_json(capsys, "list")
        assert isinstance(data, list) and len(data) == 49
        kinds = {d["kind"] for d in data}
        assert kinds == {"phrase", "set", "framework", "pair"}
        for d in data:
            assert {"text", "kind", "tags", "source"} <= set(d)
            if d["kind"] in ("set", "framework"):
                assert isinstance(d["items"], list) and len(d["items"]) >= 2

    def test_list_filters(self, capsys: pytest.CaptureFixture[str]) -> None:
        data = run_json(capsys, "list", "--kind", "set", "--theme", "作风建设")
        assert isinstance(data, list) and len(data) == 2
        assert all(d["kind"] == "set" and d["theme"] == "作风建设" for d in data)

    def test_list_text(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, out, _ = run(capsys, "list", "--kind", "framework")
        assert code == 0 and "1234党建工作法" in out and "共 3 条" in out

    def test_list_unknown_theme(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, _, err = run(capsys, "list", "--theme", "火星")
        assert code == 1 and "可选" in err


class TestCheck:
    """check exits 1 with reasons when headings are not parallel."""

    def test_parallel(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, out, _ = run(capsys, "check", "提高站位", "倒排工期", "压实责任")
        assert code == 0 and "成套" in out

    def test_not_parallel(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, out, _ = run(capsys, "check", "提高站位", "提高效能", "压实主体责任")
        assert code == 1 and "字数不一" in out

    def test_json(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, out, _ = run(capsys, "check", "提高站位", "提高效能", "--format", "json")
        data = json.loads(out)
        assert code == 1 and data["ok"] is False and any("提高" in r for r in data["reasons"])


class TestValidate:
    """validate reports located problems and exits 1 on errors."""

    def test_clean(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, out, _ = run(capsys, "validate", str(FIXTURE))
        assert code == 0 and "全部通过" in out

    def test_default_is_every_folder(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, out, _ = run(capsys, "validate")
        assert code == 0 and "共校验 6 个文件" in out

    def test_errors_are_located(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        bad = tmp_path / "bad.yaml"
        bad.write_text("kind: phrase\ntheme: 通用\nentries:\n  - {text: 提高站位, role: 站位}\n"
                       "  - {text: 算清七笔账, role: 思想}\n", encoding="utf-8")  # fmt: skip
        code, out, _ = run(capsys, "validate", str(bad))
        assert code == 1
        assert "第5行" in out and "算清七笔账" in out and "错误 1 处" in out

    def test_json(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        bad = tmp_path / "bad.yaml"
        bad.write_text(
            "kind: phrase\ntheme: 通用\nentries:\n  - {text: 提高, role: 站位}\n", encoding="utf-8"
        )
        code, out, _ = run(capsys, "validate", str(bad), "--format", "json")
        data = json.loads(out)
        assert code == 1 and data["ok"] is False
        (d,) = data["diagnostics"]
        assert d["line"] == 4 and d["file"] == str(bad) and d["severity"] == "error"

    def test_missing_path(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        code, out, _ = run(capsys, "validate", str(tmp_path / "nope"))
        assert code == 1 and "路径不存在" in out


class TestAdd:
    """add appends to the user file, refuses duplicates and bad input."""

    def test_add_then_found(self, capsys: pytest.CaptureFixture[str], _fixture_bank: Path) -> None:
        code, out, _ = run(
            capsys, "add", "提质增效", "--theme", "作风", "--role", "成效", "--structure", "并列"
        )
        assert code == 0 and "已加入" in out
        path = _fixture_bank / "phrasebank" / "my-phrases.yaml"
        assert path.exists()
        e = load_bank().find("提质增效")
        assert e is not None and e.source == "user" and e.theme == "作风建设" and e.structure == "并列"
        assert not load_bank().problems
        code, out, _ = run(capsys, "add", "奋楫争先", "--theme", "通用", "--role", "成效")
        assert code == 0
        assert load_bank().find("奋楫争先") is not None and load_bank().find("提质增效") is not None
        data = run_json(capsys, "search", "tzzx")
        assert isinstance(data, list) and data[0]["text"] == "提质增效" and data[0]["source"] == "user"

    def test_refuses_duplicates(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, _, err = run(capsys, "add", "提高站位", "--theme", "通用", "--role", "站位")
        assert code == 1 and "已在" in err
        assert run(capsys, "add", "提质增效", "-t", "通用", "-r", "成效")[0] == 0
        code, _, err = run(capsys, "add", "提质增效", "-t", "通用", "-r", "成效")
        assert code == 1 and "用户词库" in err

    @pytest.mark.parametrize(
        ("argv", "fragment"),
        [
            (["提质", "-t", "通用", "-r", "成效"], "四个汉字"),
            (["提质增效", "-t", "火星", "-r", "成效"], "主题"),
            (["提质增效", "-t", "通用", "-r", "高度"], "角色"),
        ],
    )
    def test_refuses_bad_input(
        self, capsys: pytest.CaptureFixture[str], argv: list[str], fragment: str
    ) -> None:
        code, _, err = run(capsys, "add", *argv)
        assert code == 1 and fragment in err

    def test_appends_to_hand_edited_file(
        self, capsys: pytest.CaptureFixture[str], _fixture_bank: Path
    ) -> None:
        path = _fixture_bank / "phrasebank" / "my-phrases.yaml"
        path.parent.mkdir(parents=True)
        path.write_text("# 手写的\nkind: phrase\ntheme: 通用\nentries:\n- text: 砥砺奋进\n  role: 成效\n",
                        encoding="utf-8")  # fmt: skip
        assert run(capsys, "add", "提质增效", "-t", "通用", "-r", "成效")[0] == 0
        text = path.read_text(encoding="utf-8")
        assert text.startswith("# 手写的") and text.endswith(
            "\n- {text: 提质增效, theme: 通用, role: 成效}\n"
        )
        bank = load_bank()
        assert bank.find("砥砺奋进") is not None and bank.find("提质增效") is not None and not bank.problems


def test_help_is_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["phrases", "compose", "--help"])
    out = capsys.readouterr().out
    assert "用法" in out and "标题个数" in out


def test_add_rewrites_a_file_it_cannot_append_to(
    capsys: pytest.CaptureFixture[str], _fixture_bank: Path
) -> None:
    """entries is not the last key: the file is rewritten whole, every entry kept."""
    path = _fixture_bank / "phrasebank" / "my-phrases.yaml"
    path.parent.mkdir(parents=True)
    path.write_text(
        "kind: phrase\nentries:\n  - {text: 砥砺奋进, role: 成效}\ntheme: 通用\n", encoding="utf-8"
    )
    assert run(capsys, "add", "提质增效", "-t", "通用", "-r", "成效")[0] == 0
    bank = load_bank()
    assert bank.find("砥砺奋进") is not None and bank.find("提质增效") is not None and not bank.problems


def test_add_refuses_a_broken_user_file(capsys: pytest.CaptureFixture[str], _fixture_bank: Path) -> None:
    path = _fixture_bank / "phrasebank" / "my-phrases.yaml"
    path.parent.mkdir(parents=True)
    path.write_text("kind: phrase\nentries: [\n", encoding="utf-8")
    code, _, err = run(capsys, "add", "提质增效", "-t", "通用", "-r", "成效")
    assert code == 1 and "不是合格的 YAML" in err
    assert path.read_text(encoding="utf-8") == "kind: phrase\nentries: [\n"
