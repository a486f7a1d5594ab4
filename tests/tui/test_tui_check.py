"""F6 检查 Word 文档: open a .docx, its findings page by page, Enter for one in full, 修正 →
the changes → where to save (never over a file without asking) → the saved copy checked again;
a file that is no .docx (corrupt, .doc, a bomb) is explained on the screen, never a crash."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest
from docx.shared import Pt
from textual.pilot import Pilot
from textual.widgets import Button, Input, Static

from assistant.document.check import check_docx
from assistant.tui import checking
from assistant.tui.app import WenmiApp
from assistant.tui.dialogs.confirm import ConfirmDialog
from assistant.tui.dialogs.fix_preview import FixPreviewDialog
from assistant.tui.dialogs.message import MessageDialog
from assistant.tui.dialogs.path_input import PathDialog
from assistant.tui.screens.check import CheckScreen, DocumentDialog, FindingList
from tests.tui.conftest import screen_text, settle, wait_for

#: A Word draft: US Letter, 宋体 12 pt, “:” and “,”, “一.”, numbers out of order, a date that
#: does not exist (for a human), 2023年03月01日.
DRAFT = [
    "关于开展作风建设专项督查的通知",
    "各党支部:",
    "为深入贯彻公司党委部署要求,推动作风建设走深走实,决定于2023.7.15前开展专项督查。",
    "一.督查内容",
    "督查作风建设任务落实情况，开展检查１２次，完成整改8项...",
    "三、工作要求",
    "各支部要高度重视，认真组织自查，于2023年13月5日前报送。",
    "党群工作部",
    "2023年03月01日",
]
BODY = "word/document.xml"


def make_draft(path: Path, lines: list[str] = DRAFT) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    d = docx.Document()
    for text in lines:
        d.add_paragraph().add_run(text).font.size = Pt(12)
    d.save(str(path))
    return path


def summary_text(screen: CheckScreen) -> str:
    return str(screen.query_one("#check-summary", Static).content)


async def open_check(pilot: Pilot[None], path: Path) -> CheckScreen:
    """F6, type `path`, Enter; the findings once checked."""
    app = pilot.app
    await pilot.press("f6")
    await wait_for(pilot, lambda: isinstance(app.screen, DocumentDialog))
    app.screen.query_one("#path", Input).value = str(path)
    await pilot.press("enter")
    await wait_for(pilot, lambda: isinstance(app.screen, CheckScreen) and not app.screen.busy)
    screen = app.screen
    assert isinstance(screen, CheckScreen)
    return screen


class TestCheckAndFix:
    """The whole path a user takes, by keys only."""

    async def test_findings_by_page_then_fix_save_and_recheck(self, workbook: Path, tmp_path: Path) -> None:
        src = make_draft(tmp_path / "docs" / "通知.docx")
        before = src.read_bytes()
        expected = check_docx(src)
        errors = sum(f.severity == "error" for f in expected)
        app = WenmiApp(workbook)
        async with app.run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            screen = await open_check(pilot, src)

            # the summary line and the findings grouped by page: 全文 first, then 第1页
            assert f"错误{errors}项、提醒{len(expected) - errors}项" in summary_text(screen)
            listing = screen.query_one(FindingList)
            headings = [str(o.prompt) for o in listing.options if o.disabled]
            assert [h.split("（")[0] for h in headings] == ["全文", "第1页"]
            assert len(listing.findings) == len(expected)
            shown = screen_text(app)
            assert "错误【字号】第1段“关于开展作风建设专项督查的通知”" in shown
            assert "应为 2号（22 磅）" in shown and "实为 小4号（12 磅）" in shown

            # Enter: the highlighted finding (the first, 纸张) in full
            first = listing.findings[listing.highlighted_option.id]
            await pilot.press("enter")
            await wait_for(pilot, lambda: isinstance(app.screen, MessageDialog))
            detail = screen_text(app)
            assert f"应为：{first.expected}" in detail and f"实为：{first.actual}" in detail
            assert "严重程度：错误" in detail and "位置：全文" in detail
            await pilot.press("escape")

            # 修正: the changes first, as --dry-run lists them
            await pilot.press("f")
            await wait_for(pilot, lambda: isinstance(app.screen, FixPreviewDialog), timeout=30)
            changes = str(app.screen.query_one("#fix-changes", Static).content)
            assert "标题字号由小4号（12 磅）改为2号（22 磅）（第1段）" in changes
            assert "一级标题序号“一.”改为“一、”（第4段）" in changes
            left_line = str(app.screen.query_one("#fix-left", Static).content)
            assert f"修正后仍需人工处理：{checking.summary(checking.fix_file(src).left)}" in left_line
            assert app.screen.focused is app.screen.query_one("#save", Button)
            await pilot.press("enter")

            # where to save: 原名-修正.docx beside the original, selected so typing replaces it
            await wait_for(pilot, lambda: isinstance(app.screen, PathDialog))
            box = app.screen.query_one("#path", Input)
            out = src.with_name("通知-修正.docx")
            assert box.value == str(out) and box.selected_text == str(out)
            await pilot.press("enter")

            # written, then checked again: what is left is what needs a human
            await wait_for(pilot, lambda: isinstance(app.screen, CheckScreen) and screen.path == out, timeout=30)
            await wait_for(pilot, lambda: not screen.busy)
            left = list(screen.query_one(FindingList).findings.values())
            assert "impossible-date" in {f.rule for f in left}
            assert not [f for f in left if f.category in ("font", "size", "numbering", "punctuation")]
            assert len(left) < len(expected) // 4
            note = str(screen.query_one("#check-note", Static).content)
            assert str(out) in note and "仍需人工处理" in note
            assert "2023年13月5日" in screen_text(app)

        assert src.read_bytes() == before  # the original is untouched
        fixed = docx.Document(str(out))
        texts = [p.text for p in fixed.paragraphs if p.text.strip()]
        assert texts[1] == "各党支部：" and texts[3] == "一、督查内容" and texts[5] == "二、工作要求"
        assert round(fixed.sections[0].page_width.mm) == 210
        assert {f.rule for f in check_docx(out)} == {f.rule for f in left}
        assert sorted(p.name for p in out.parent.iterdir()) == ["通知-修正.docx", "通知.docx"]  # no temp file left

    async def test_an_existing_file_is_kept_unless_the_user_says_overwrite(
        self, workbook: Path, tmp_path: Path
    ) -> None:
        src = make_draft(tmp_path / "docs" / "通知.docx")
        out = src.with_name("通知-修正.docx")
        out.write_bytes(b"keep")
        app = WenmiApp(workbook)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            screen = await open_check(pilot, src)
            await pilot.press("f")
            await wait_for(pilot, lambda: isinstance(app.screen, FixPreviewDialog), timeout=30)
            await pilot.press("enter")
            await wait_for(pilot, lambda: isinstance(app.screen, PathDialog))
            await pilot.press("enter")
            await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog))
            assert app.screen.focused is app.screen.query_one("#no", Button)  # the safe answer
            await pilot.press("enter")  # Enter by habit: 换个名字
            await wait_for(pilot, lambda: isinstance(app.screen, PathDialog))
            assert out.read_bytes() == b"keep"
            await pilot.press("enter")
            await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog))
            await pilot.press("left")  # ← to 覆盖
            assert app.screen.focused is app.screen.query_one("#yes", Button)
            await pilot.press("enter")
            await wait_for(pilot, lambda: isinstance(app.screen, CheckScreen) and screen.path == out, timeout=30)
            await wait_for(pilot, lambda: not screen.busy)
        assert docx.Document(str(out)).paragraphs[0].text == DRAFT[0]

    async def test_palette_entry_prefills_the_last_exported_document(self, workbook: Path, tmp_path: Path) -> None:
        src = make_draft(tmp_path / "docs" / "总结.docx")
        app = WenmiApp(workbook)
        async with app.run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            app.last_document = src  # as an export sets it
            await pilot.press("ctrl+p")
            await pilot.press(*"检查文档")
            await pilot.pause(0.5)
            await pilot.press("enter")
            await wait_for(pilot, lambda: isinstance(app.screen, DocumentDialog))
            box = app.screen.query_one("#path", Input)
            assert box.value == str(src) and box.selected_text == str(src)
            await pilot.press("enter")
            await wait_for(pilot, lambda: isinstance(app.screen, CheckScreen) and not app.screen.busy)
            await pilot.press("escape")
            assert not isinstance(app.screen, CheckScreen)


def _rewrite(src: Path, dst: Path, part: str, data: bytes) -> Path:
    with zipfile.ZipFile(src) as old, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            new.writestr(info.filename, data if info.filename == part else old.read(info.filename))
    return dst


class TestBadInput:
    """Whatever the file, the screen says in Chinese why it cannot be checked and stays usable."""

    async def test_each_bad_file_is_explained(self, workbook: Path, tmp_path: Path) -> None:
        good = make_draft(tmp_path / "good.docx")
        body = zipfile.ZipFile(good).read(BODY)
        doc = tmp_path / "旧格式.doc"
        doc.write_bytes(bytes.fromhex("d0cf11e0a1b11ae1") + b"\0" * 600)
        text = tmp_path / "说明.docx"
        text.write_text("这不是 Word 文档", encoding="utf-8")
        broken = tmp_path / "残缺.docx"
        broken.write_bytes(good.read_bytes()[:700])
        bomb = _rewrite(good, tmp_path / "炸弹.docx", BODY, body.replace(b"</w:body>", b"<w:p/>" * 400_000 + b"</w:body>"))
        dtd = b'<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>\n'
        entities = _rewrite(good, tmp_path / "实体.docx", BODY, dtd + body[body.index(b"<w:document") :])
        cases = [
            (doc, "无法作为 Word 文档打开"),
            (text, "无法作为 Word 文档打开"),
            (broken, "无法作为 Word 文档打开"),
            (bomb, "压缩比异常"),
            (entities, "DOCTYPE"),
        ]
        app = WenmiApp(workbook)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            screen = await open_check(pilot, doc)  # a .doc is not refused by the path dialog
            for path, words in cases:
                if screen.path != path:
                    screen.open(path)
                    await wait_for(pilot, lambda: not screen.busy)
                said = summary_text(screen)
                assert "无法检查" in said and path.name in said and words in said, said
                assert screen.report is None and not screen.query_one(FindingList).findings
                await pilot.press("f")  # nothing to fix: a note, no crash
                await pilot.pause(0.1)
                assert app.screen is screen
            # and the screen still works: O opens another document
            await pilot.press("o")
            await wait_for(pilot, lambda: isinstance(app.screen, DocumentDialog))
            app.screen.query_one("#path", Input).value = str(good)
            await pilot.press("enter")
            await wait_for(pilot, lambda: app.screen is screen and not screen.busy and screen.report is not None)
            assert screen.path == good and screen.query_one(FindingList).findings


class TestCommandLine:
    """`wenmi check --tui FILE`: the findings first; Esc leaves with the exit code of `check`."""

    async def test_opens_on_the_findings_and_esc_exits(self, tmp_path: Path) -> None:
        from assistant.tui.check_app import CheckApp
        from assistant.tui.screens.check import StandaloneCheckScreen

        src = make_draft(tmp_path / "通知.docx")
        app = CheckApp(src)
        async with app.run_test(size=(80, 24)) as pilot:
            await wait_for(pilot, lambda: isinstance(app.screen, StandaloneCheckScreen) and app.screen.report is not None)
            assert "错误【页面设置】" in screen_text(app) and "esc 退出" in screen_text(app)
            await pilot.press("escape")
            await pilot.pause()
        assert app.return_code == 1

    def test_arguments_are_checked_first(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        from assistant.cli import main

        assert main(["check", str(tmp_path / "没有.docx"), "--tui"]) == 1
        assert "找不到文件" in capsys.readouterr().err
        src = make_draft(tmp_path / "通知.docx")
        assert main(["check", str(src), "--tui", "--format", "json"]) == 2
        assert "--tui" in capsys.readouterr().err


class TestWords:
    """The adapter's words, without the app."""

    def test_pages_summary_and_detail(self, tmp_path: Path) -> None:
        report = checking.check_file(make_draft(tmp_path / "d.docx"))
        pages = report.pages()
        assert [label for label, _ in pages] == ["全文", "第1页"]
        assert all(f.page is None for f in pages[0][1]) and all(f.page == 1 for f in pages[1][1])
        paragraphs = [f.paragraph or 0 for f in pages[1][1]]
        assert paragraphs == sorted(paragraphs)
        assert checking.summary(report.findings) == f"错误{report.errors}项、提醒{report.warnings}项"
        assert checking.summary(pages[0][1], brief=True) == f"错误{len(pages[0][1])}项"
        assert checking.summary([]) == "未发现问题"
        assert checking.default_output(Path("/a/通知.docx")) == Path("/a/通知-修正.docx")
        for f in report.findings:  # every line the screen shows is Chinese, no command-line words
            text = checking.detail(f)
            assert "wenmi" not in text and "--" not in text and f.rule not in text

    def test_adapter_does_not_import_textual(self) -> None:
        code = "import sys, assistant.tui.checking; print('textual' in sys.modules)"
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
        assert out.stdout.strip() == "False"
