"""`wenmi templates list|show|validate|sample|new`, run in-process on the fixture templates."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant import paths
from assistant.cli import main
from assistant.cli.templates import display_width
from assistant.templating import clear_catalog_cache, load_template_file

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(autouse=True)
def _catalogue(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Only the fixture templates: empty packaged folder, user folder in tmp, WENMI_PATH=fixtures."""
    monkeypatch.setattr(paths, "packaged_dir", lambda name: tmp_path / "packaged" / name)
    monkeypatch.setenv("WENMI_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("WENMI_PATH", str(FIXTURES))
    clear_catalog_cache()


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["templates", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def needs(*modules: str) -> None:
    for module in modules:
        pytest.importorskip(module)


class TestList:
    def test_json_has_the_contract_fields(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, out, _ = run(capsys, "list", "--format", "json")
        assert code == 0
        data = json.loads(out)
        assert {d["id"] for d in data} == {"zf-test-4gao", "zz-test-tongzhi", "xc-test-baodao"}
        for entry in data:
            assert {"id", "name", "category", "doctype", "source"} <= set(entry)
            assert entry["source"] == str(FIXTURES)
        assert [d["category"] for d in data] == ["政治建设", "作风建设", "宣传与品牌"]  # category order

    @pytest.mark.parametrize("category", ["作风建设", "zuofeng", "zf"])
    def test_category_filter(self, capsys: pytest.CaptureFixture[str], category: str) -> None:
        code, out, _ = run(capsys, "list", "--category", category, "--format", "json")
        assert code == 0 and [d["id"] for d in json.loads(out)] == ["zf-test-4gao"]

    def test_unknown_category(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, _, err = run(capsys, "list", "--category", "作风")
        assert code == 1 and "作风建设" in err

    def test_text_is_grouped_and_aligned(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, out, _ = run(capsys, "list")
        assert code == 0
        lines = out.splitlines()
        assert "政治建设（1 个）" in lines and "作风建设（1 个）" in lines
        rows = [line for line in lines if line.startswith("  ")]
        assert len(rows) == 3
        # the doctype column starts at the same terminal column on every row
        starts = {
            display_width(row[: row.rindex(doc)])
            for row, doc in zip(rows, ["通知", "经验材料", "宣传报道"], strict=True)
        }
        assert len(starts) == 1
        assert "共 3 个模板" in out


class TestShow:
    def test_shows_slots_plan_and_keywords(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, out, _ = run(capsys, "show", "zz-test-tongzhi")
        assert code == 0
        for text in (
            "测试用学习通知",
            "学习主题",
            "参学对象",
            "列表",
            "表格",
            "日期",
            "党员",
            "要学习的内容",
            "关键词：通知、学习、测试",
        ):
            assert text in out
        code, out, _ = run(capsys, "show", "xc-test-baodao")
        assert "分节计划：3 节" in out and "短语 + 短句" in out and "按顺序" in out

    def test_json(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, out, _ = run(capsys, "show", "zf-test-4gao", "--format", "json")
        data = json.loads(out)
        assert data["sections"]["headings"] == ["提高站位", "压实责任"]
        assert data["slots"][0] == {
            "name": "主题",
            "label": "主题",
            "type": "text",
            "required": True,
            "default": None,
            "help": "材料聚焦的工作主题",
        }

    def test_unknown_id_suggests(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, _, err = run(capsys, "show", "zz-test-tongzh")
        assert code == 1 and "zz-test-tongzhi" in err and "Traceback" not in err


class TestValidate:
    def test_broken_file_is_located(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        bad = tmp_path / "zuofeng" / "zf-bad.yaml"
        bad.parent.mkdir()
        text = (FIXTURES / "templates" / "zuofeng" / "zf-test-4gao.yaml").read_text(encoding="utf-8")
        bad.write_text(
            text.replace("id: zf-test-4gao", "id: zf-bad").replace("type: date", "type: day"),
            encoding="utf-8",
        )
        code, out, _ = run(capsys, "validate", str(bad))
        assert code == 1
        line = next(line for line in out.splitlines() if "day" in line)
        assert line.startswith(f"{bad}:第11行: ")
        assert "共校验 1 个模板，1 个未通过" in out

    def test_wrong_folder_and_file_name(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        needs("assistant.phrasebank", "assistant.document.markup")
        misplaced = tmp_path / "jilv" / "other-name.yaml"
        misplaced.parent.mkdir()
        misplaced.write_text(
            (FIXTURES / "templates" / "zuofeng" / "zf-test-4gao.yaml").read_text(encoding="utf-8"),
            encoding="utf-8",
        )
        code, out, _ = run(capsys, "validate", str(misplaced))
        assert code == 1 and "zuofeng/" in out and "文件名应与编号一致" in out

    def test_catalogue_summary(self, capsys: pytest.CaptureFixture[str]) -> None:
        needs("assistant.phrasebank", "assistant.document.markup")
        code, out, _ = run(capsys, "validate")
        assert code == 0, out
        assert "共校验 3 个模板，全部通过" in out.splitlines()

    def test_json(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        bad = tmp_path / "zf-bad.yaml"
        bad.write_text("id: zf-bad\nname: 坏\n", encoding="utf-8")
        code, out, _ = run(capsys, "validate", str(bad), "--format", "json")
        data = json.loads(out)
        assert code == 1 and data["checked"] == 1 and not data["ok"]
        assert all(d["file"] == str(bad) for d in data["diagnostics"])


class TestSample:
    def test_sample_to_markdown(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        needs("assistant.document.markup", "assistant.render")
        out_file = tmp_path / "示例.md"
        code, out, err = run(capsys, "sample", "zz-test-tongzhi", "-o", str(out_file))
        assert code == 0, err
        text = out_file.read_text(encoding="utf-8")
        assert "关于开展党的二十大精神学习的通知" in text and "318人" in text
        code, _, err = run(capsys, "sample", "zz-test-tongzhi", "-o", str(out_file))
        assert code == 1 and "--force" in err
        code, _, _ = run(capsys, "sample", "zz-test-tongzhi", "-o", str(out_file), "--force")
        assert code == 0

    def test_sample_wiring_with_stub_writer(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """sample hands the parsed sample to render.write_output with the right path and format."""
        import sys
        import types

        calls: list[tuple[object, Path, str, bool]] = []
        markup = types.ModuleType("assistant.document.markup")
        markup.parse_markup = lambda text, source="<文本>": text  # type: ignore[attr-defined]
        render = types.ModuleType("assistant.render")

        def write_output(doc: object, out: Path, fmt: str, force: bool) -> list[object]:
            calls.append((doc, out, fmt, force))
            out.write_text(str(doc), encoding="utf-8")
            return []

        render.write_output = write_output  # type: ignore[attr-defined]
        monkeypatch.setitem(sys.modules, "assistant.document.markup", markup)
        monkeypatch.setitem(sys.modules, "assistant.render", render)
        code, _, err = run(capsys, "sample", "zz-test-tongzhi", "-o", f"{tmp_path}/out/")
        assert code == 0, err
        doc, out, fmt, force = calls[0]
        assert out == tmp_path / "out" / "zz-test-tongzhi.docx" and fmt == "docx" and not force
        assert str(doc).startswith("# 关于开展党的二十大精神学习的通知\n主送：各党支部：\n")
        assert "| 2 | 3月8日 | 交流研讨 |" in str(doc) and "日期：2023年2月20日" in str(doc)

    def test_sample_all_to_folder(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        needs("assistant.document.markup", "assistant.render", "assistant.phrasebank")
        folder = tmp_path / "out"
        code, out, err = run(capsys, "sample", "--all", "-o", f"{folder}/", "--format", "txt")
        assert code == 0, err
        assert sorted(p.name for p in folder.iterdir()) == [
            "xc-test-baodao.txt",
            "zf-test-4gao.txt",
            "zz-test-tongzhi.txt",
        ]

    def test_needs_an_id_or_all(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        code, _, err = run(capsys, "sample", "-o", str(tmp_path / "x.docx"))
        assert code == 1 and "--all" in err

    def test_suffix_and_format_must_agree(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        code, _, err = run(
            capsys, "sample", "zz-test-tongzhi", "-o", str(tmp_path / "x.docx"), "--format", "md"
        )
        assert code == 1 and "不一致" in err


class TestNew:
    def test_copies_into_the_user_folder(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        code, out, err = run(capsys, "new", "zf-wode-cailiao", "--from", "zf-test-4gao")
        assert code == 0, err
        target = tmp_path / "home" / "templates" / "zuofeng" / "zf-wode-cailiao.yaml"
        assert target.is_file() and str(target) in out
        copy = load_template_file(target, "user")
        original = load_template_file(FIXTURES / "templates" / "zuofeng" / "zf-test-4gao.yaml")
        assert copy.id == "zf-wode-cailiao" and copy.body == original.body
        assert target.read_text(encoding="utf-8").startswith("# Test fixture")  # comments kept
        code, out, _ = run(capsys, "list", "--format", "json")
        sources = {d["id"]: d["source"] for d in json.loads(out)}
        assert sources["zf-wode-cailiao"] == "user"

    def test_refuses_to_overwrite(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        assert run(capsys, "new", "zf-wode-cailiao", "--from", "zf-test-4gao")[0] == 0
        target = tmp_path / "home" / "templates" / "zuofeng" / "zf-wode-cailiao.yaml"
        target.write_text(target.read_text(encoding="utf-8") + "# 我的修改\n", encoding="utf-8")
        code, _, err = run(capsys, "new", "zf-wode-cailiao", "--from", "zz-test-tongzhi")
        assert code == 1
        code, _, err = run(capsys, "new", "zf-wode-cailiao", "--from", "zf-test-4gao")
        assert code == 1 and "不会覆盖" in err
        assert target.read_text(encoding="utf-8").endswith("# 我的修改\n")

    def test_id_must_fit_the_category(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, _, err = run(capsys, "new", "zz-wode", "--from", "zf-test-4gao")
        assert code == 1 and "zf-" in err
        code, _, err = run(capsys, "new", "zf-我的", "--from", "zf-test-4gao")
        assert code == 1

    def test_unknown_source(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, _, err = run(capsys, "new", "zf-wode", "--from", "zf-test-4ga")
        assert code == 1 and "zf-test-4gao" in err


def test_help_is_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["templates", "--help"])
    assert info.value.code == 0
    out = capsys.readouterr().out
    assert "子命令" in out and "列出全部模板" in out
