"""Ctrl+E: the prefilled export dialog writes a .docx whose text carries every figure."""

from __future__ import annotations

import re
from pathlib import Path

import docx
from textual.widgets import Input, Select, Static

from assistant.tui.app import WenmiApp
from assistant.tui.dialogs.confirm import ConfirmDialog
from assistant.tui.dialogs.export import ExportDialog
from assistant.tui.dialogs.export_result import ExportResultDialog
from tests.tui.conftest import screen_text, settle, wait_for

FIGURES = ("15个", "600余条", "1131人次", "318人次", "4场")


def docx_text(path: Path) -> str:
    document = docx.Document(str(path))
    return "\n".join(p.text for p in document.paragraphs)


async def export_with_enter(pilot) -> ExportResultDialog:  # type: ignore[no-untyped-def]
    app = pilot.app
    await pilot.press("ctrl+e")
    assert isinstance(app.screen, ExportDialog)
    await pilot.press("enter")
    await wait_for(pilot, lambda: isinstance(app.screen, ExportResultDialog | ConfirmDialog), timeout=20)
    return app.screen


class TestExport:
    """Enter accepts the defaults: the top suggestion, `<workbook folder>/<template name>.docx`."""

    async def test_enter_exports_defaults_with_all_figures(self, workbook: Path) -> None:
        app = WenmiApp(workbook)
        async with app.run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            await pilot.press("ctrl+e")
            dialog = app.screen
            assert isinstance(dialog, ExportDialog)
            await wait_for(pilot, lambda: dialog.query_one("#path", Input).value != "")
            top = app.session.suggestions[0]
            assert dialog.query_one("#template", Select).value == top.id
            expected = workbook.parent / f"{top.name}.docx"
            assert dialog.query_one("#path", Input).value == str(expected)
            await pilot.press("enter")
            await wait_for(pilot, lambda: isinstance(app.screen, ExportResultDialog), timeout=20)
            result = app.screen.result
            assert result.path == expected
            assert result.pages == 1
            await pilot.press("enter")
            assert not isinstance(app.screen, ExportResultDialog)
        text = docx_text(expected)
        for figure in FIGURES:
            assert figure in text
        # the top suggestion's section headings, as the compose page showed them
        assert app.session is not None
        assert re.search(r"^一、\S", text, re.M), text

    async def test_chosen_template_and_picked_heading_are_exported(self, workbook: Path) -> None:
        app = WenmiApp(workbook)
        async with app.run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            app.session.choose_template("zf-tui-fangan")
            app.session.set_heading(1, "守正创新")
            app.changed(None, "test")
            result = await export_with_enter(pilot)
            assert isinstance(result, ExportResultDialog)
            path = result.result.path
        assert path.name == "作风建设工作总结.docx"
        text = docx_text(path)
        assert "守正创新" in text
        for figure in FIGURES:
            assert figure in text

    async def test_existing_file_asks_before_overwriting(self, workbook: Path) -> None:
        app = WenmiApp(workbook)
        async with app.run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            first = await export_with_enter(pilot)
            assert isinstance(first, ExportResultDialog)
            path = first.result.path
            await pilot.press("enter")
            path.write_bytes(b"old")
            second = await export_with_enter(pilot)
            assert isinstance(second, ConfirmDialog)
            await pilot.press("enter")  # 换个名字 is the default: back in the dialog, nothing written
            assert isinstance(app.screen, ExportDialog)
            assert path.read_bytes() == b"old"
            await pilot.press("enter")
            await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog))
            await pilot.press("left", "enter")  # 覆盖
            await wait_for(pilot, lambda: isinstance(app.screen, ExportResultDialog), timeout=20)
        assert path.read_bytes()[:2] == b"PK"

    async def test_unwritable_path_is_explained_in_the_dialog(self, workbook: Path, tmp_path: Path) -> None:
        app = WenmiApp(workbook)
        async with app.run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            await pilot.press("ctrl+e")
            dialog = app.screen
            await wait_for(pilot, lambda: dialog.query_one("#path", Input).value != "")
            box = dialog.query_one("#path", Input)
            error = dialog.query_one("#err-path", Static)
            box.value = str(tmp_path / "没有的文件夹" / "方案.docx")
            await pilot.press("enter")
            await pilot.pause()
            assert "文件夹不存在" in str(error.content)
            assert app.screen is dialog
            box.value = "/proc/wenmi-不能写.docx"
            await pilot.press("enter")
            await wait_for(pilot, lambda: "写入" in str(error.content), timeout=20)
            assert app.screen is dialog
            assert box.value == "/proc/wenmi-不能写.docx"  # what the user typed stays


def body_faces(path: Path) -> set[str]:
    """The East Asian faces the .docx's word/document.xml names."""
    import re
    import zipfile

    with zipfile.ZipFile(path) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    return set(re.findall(r'<w:rFonts [^>]*w:eastAsia="([^"]+)"', xml))


class TestFontProfile:
    """字体方案 in the export dialog: the workbook's or the user's, kept in the workbook when chosen."""

    async def test_windows_chosen_by_keyboard_is_exported_kept_and_undoable(self, workbook: Path) -> None:
        app = WenmiApp(workbook)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await pilot.press("ctrl+e")
            dialog = app.screen
            assert isinstance(dialog, ExportDialog)
            await wait_for(pilot, lambda: dialog.query_one("#path", Input).value != "")
            fonts = dialog.query_one("#fonts", Select)
            assert fonts.value == "gb2312"
            assert "仿宋_GB2312" in screen_text(app)  # the faces of the profile shown, at 80×24
            await pilot.press("shift+tab")  # from the path up to the font profile
            assert app.focused is fonts
            await pilot.press("enter", "down", "enter")
            assert fonts.value == "windows"
            assert app.session.workbook.fonts == "windows" and app.session.dirty
            assert "不另装字体的电脑也能正确显示" in screen_text(app)
            await pilot.press("tab")  # back to the path: Enter exports
            assert app.focused is dialog.query_one("#path", Input)
            await pilot.press("enter")
            await wait_for(pilot, lambda: isinstance(app.screen, ExportResultDialog), timeout=20)
            path = app.screen.result.path
            await pilot.press("escape")
            await pilot.press("ctrl+s")
            await wait_for(pilot, lambda: not app.session.dirty)
            assert "fonts: windows" in workbook.read_text(encoding="utf-8")
            await pilot.press("ctrl+z")
            assert app.session.workbook.fonts is None
        faces = body_faces(path)
        assert "仿宋" in faces and "黑体" in faces
        assert not any(f.endswith("_GB2312") or f.startswith("方正") for f in faces)

    async def test_defaults_to_the_workbook_s_then_the_user_s_profile(self, workbook: Path) -> None:
        from assistant.document.fonts import PROFILES, save_profile

        save_profile(PROFILES["windows"])
        app = WenmiApp(workbook)
        async with app.run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            await pilot.press("ctrl+e")
            assert app.screen.query_one("#fonts", Select).value == "windows"
            await pilot.press("escape")
            app.session.workbook.fonts = "gbk"
            await pilot.press("ctrl+e")
            dialog = app.screen
            assert dialog.query_one("#fonts", Select).value == "gbk"
            await wait_for(pilot, lambda: dialog.query_one("#path", Input).value != "")
            await pilot.press("enter")
            await wait_for(pilot, lambda: isinstance(app.screen, ExportResultDialog), timeout=20)
            path = app.screen.result.path
        assert "方正仿宋_GBK" in body_faces(path)


class TestAfterExport:
    """The result dialog opens the document or its folder (never waiting for the program), and
    makes a PDF when LibreOffice is installed; without it, it says what to install."""

    async def test_open_file_and_folder_by_keyboard(self, workbook: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
        from assistant.tui import opener

        calls: list[tuple[Path, bool]] = []

        def fake_launch(path: Path, *, folder: bool = False) -> None:
            calls.append((path, folder))

        monkeypatch.setattr(opener, "launch", fake_launch)
        app = WenmiApp(workbook)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            result = await export_with_enter(pilot)
            assert isinstance(result, ExportResultDialog)
            path = result.result.path
            await wait_for(pilot, lambda: "打开所在文件夹" in screen_text(app), timeout=20)
            assert "打开文件" in screen_text(app)
            await pilot.press("o")
            await wait_for(pilot, lambda: len(calls) == 1)
            await pilot.press("left", "left", "left")  # from 好 along the buttons to 打开所在文件夹
            assert app.focused is result.query_one("#open-folder")
            await pilot.press("enter")
            await wait_for(pilot, lambda: len(calls) == 2)
            assert calls == [(path, False), (path, True)]
            assert isinstance(app.screen, ExportResultDialog)  # still there: nothing blocked

    async def test_failure_to_open_is_a_quiet_message(self, workbook: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
        from assistant.tui import opener

        def no_opener(path: Path, *, folder: bool = False) -> None:
            raise FileNotFoundError(2, "没有找到 xdg-open", "xdg-open")

        monkeypatch.setattr(opener, "launch", no_opener)
        app = WenmiApp(workbook)
        async with app.run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            result = await export_with_enter(pilot)
            await pilot.press("f")
            status = result.query_one("#result-status", Static)
            await wait_for(pilot, lambda: "无法打开" in str(status.content))
            assert "没有找到 xdg-open" in str(status.content) and str(result.result.path.parent) in str(status.content)
            assert isinstance(app.screen, ExportResultDialog)

    def test_open_commands_by_system(self) -> None:
        from assistant.tui.opener import open_command

        doc = Path("/data/文档/方案.docx")
        assert open_command(doc, platform="linux") == ["xdg-open", str(doc)]
        assert open_command(doc, folder=True, platform="linux") == ["xdg-open", str(doc.parent)]
        assert open_command(doc, platform="darwin") == ["open", str(doc)]
        assert open_command(doc, folder=True, platform="darwin") == ["open", "-R", str(doc)]
        assert open_command(doc, platform="win32") is None  # os.startfile
        assert open_command(doc, folder=True, platform="win32") == ["explorer", f"/select,{doc}"]

    async def test_pdf_button_makes_the_pdf_beside_the_document(self, workbook: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
        from assistant.document import pdf
        from assistant.tui import engine

        made: list[tuple[Path, Path]] = []

        def fake_pdf(docx: Path, out: Path) -> Path:
            made.append((docx, out))
            out.write_bytes(b"%PDF-1.6 fake")
            return out

        monkeypatch.setattr(pdf, "office_program", lambda: "/usr/bin/soffice")
        monkeypatch.setattr(engine, "export_pdf", fake_pdf)
        app = WenmiApp(workbook)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            result = await export_with_enter(pilot)
            docx_path = result.result.path
            await pilot.press("p")
            status = result.query_one("#result-status", Static)
            await wait_for(pilot, lambda: "已生成 PDF" in str(status.content))
            assert made == [(docx_path, docx_path.with_suffix(".pdf"))]
            assert str(result.query_one("#pdf").label) == "打开 PDF"

    async def test_without_libreoffice_it_says_what_to_install(self, workbook: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
        from assistant.document import pdf

        monkeypatch.setattr(pdf, "office_program", lambda: None)
        app = WenmiApp(workbook)
        async with app.run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            result = await export_with_enter(pilot)
            assert not result.query("#pdf")
            # the dialog is on screen once the compositor has drawn it (a loaded machine is slower)
            await wait_for(pilot, lambda: "要导出 PDF" in screen_text(app), timeout=20)
            assert "LibreOffice" in screen_text(app)
