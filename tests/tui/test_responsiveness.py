"""What keeps the TUI quick on a large workbook (benchmarks/bench_tui.py measures it on 1,000
achievements): typing in a field does not arrange the achievements again, a move shows at once,
the table changes only the rows that changed, the preview folds only the lines that changed, and
the autosave writes in a thread without ever bringing back a recovery file the user got rid of."""

from __future__ import annotations

import threading
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from textual.app import App, ComposeResult
from textual.widgets import DataTable, Input, Tree

from assistant.compose import pipeline
from assistant.ledger.files import load_workbook
from assistant.templating import load_catalog
from assistant.tui import engine
from assistant.tui.app import WenmiApp
from assistant.tui.recovery import recovery_file
from assistant.tui.screens import compose as compose_screen
from assistant.tui.screens.achievements import AchievementTable
from assistant.tui.widgets.preview import DocumentPreview, fit_preview
from tests.tui.conftest import DATA, settle, wait_for
from tests.tui.test_compose import open_compose, placement, section_of, select_achievement


def counting_arrange(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Count the arrangements of the achievements (the slow part of composing)."""
    calls: list[int] = []
    real = pipeline.arrange

    def arrange(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(pipeline, "arrange", arrange)
    return calls


class TestComposing:
    """Typing in a field composes the document again with the sections as they are."""

    async def test_typing_in_a_field_does_not_arrange_again(
        self, workbook: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        app = WenmiApp(workbook)
        async with app.run_test(size=(120, 36)) as pilot:
            screen = await open_compose(pilot, "zf-tui-fangan")
            calls = counting_arrange(monkeypatch)
            box = next(b for b in screen.query(".slot-input").results(Input) if b.name == "主题")
            box.focus()
            await pilot.press("end", *"和纪律")
            await wait_for(pilot, lambda: "作风建设和纪律工作总结" in screen._preview_text)
            assert calls == []  # three keystrokes, three documents, no new arrangement
            select_achievement(screen, "开展廉洁警示教育")
            before = placement(screen)
            await pilot.press("ctrl+up")
            await wait_for(pilot, lambda: placement(screen) != before)
            assert calls  # a move changes the achievements: arranged anew

    def test_the_kept_arrangement_gives_the_same_document(self, workbook: Path) -> None:
        wb = load_workbook(workbook)
        template = load_catalog().get("zf-tui-fangan")
        composer = engine.Composer()
        steps = [
            lambda: None,
            lambda: wb.fields.update({"主题": "作风和纪律建设"}),
            lambda: wb.headings.update({2: "守正创新"}),
            lambda: setattr(wb, "seed", 1),
            lambda: setattr(wb, "period", "2023年"),
        ]
        reused = []
        for step in steps:
            step()
            kept = composer.compose(template, wb)
            reused.append(composer.reused)
            fresh = engine.compose(template, wb)
            assert kept.markup == fresh.markup
            assert [d.message for d in kept.diagnostics] == [d.message for d in fresh.diagnostics]
            assert [s.heading for s in kept.sections] == [s.heading for s in fresh.sections]
        # fields and picked headings reuse it; another heading set or period arranges anew
        assert reused == [False, True, True, False, False]


class TestMoving:
    """A move is on the screen before the document is composed again."""

    async def test_a_move_shows_before_the_document_is_composed(
        self, workbook: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr(compose_screen, "FORESEE_AFTER", 3600.0)  # nothing arranged ahead
        app = WenmiApp(workbook)
        gate = threading.Event()
        async with app.run_test(size=(120, 36)) as pilot:
            screen = await open_compose(pilot, "zf-tui-gudin")
            title = "开展员工思想状况调查"
            assert section_of(screen, title) == 1
            real = pipeline.arrange

            def slow(*args: Any, **kwargs: Any) -> Any:
                gate.wait(20)  # the composition after the move waits here
                return real(*args, **kwargs)

            monkeypatch.setattr(pipeline, "arrange", slow)
            try:
                select_achievement(screen, title)
                await pilot.press("ctrl+down")
                await pilot.pause()
                node = screen.query_one("#sections", Tree).cursor_node
                assert node is not None and node.data == ("achievement", 2, 2)  # shown under 2 already
                assert str(node.label).startswith(title)
                assert app.session.workbook.achievements[2].section == "2"  # and kept in the workbook
                assert screen._composing and section_of(screen, title) == 1  # the document not yet
                # the preview says so in the same frame: the moved row's paragraph highlighted in
                # the old text, the pane's title saying what is being done
                preview = screen.query_one(DocumentPreview)
                assert preview.is_updating
                assert "正在按新的分节重排" in str(screen.query_one("#preview-title").render())
                marked = [row for row, line in zip(preview._rows, preview._row_lines, strict=True) if line in preview._marked]
                assert marked and title in "".join(marked).replace(" ", "")
                # keys are not held up by the composition: the cursor moves
                await pilot.press("up")
                await pilot.pause()
                assert screen.query_one("#sections", Tree).cursor_node is not node
                await pilot.press("down")
                assert screen._composing
            finally:
                gate.set()
            await wait_for(pilot, lambda: section_of(screen, title) == 2)
            assert not preview.is_updating and not preview._marked
            assert str(screen.query_one("#preview-title").render()) == "预览"
            assert "第2部分 · 开展员工思想状况调查" in str(screen.query_one("#slot-help").render())


    async def test_quick_moves_do_not_bring_a_slow_one_onto_the_ui_thread(
        self, workbook: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A row moved back finds its sections kept and arranges in a few milliseconds; the next
        row moved may take as long as the slowest did. It is still arranged in a thread: the key
        that moves it is on the screen at once."""
        import time

        monkeypatch.setattr(compose_screen, "FORESEE_AFTER", 3600.0)  # nothing arranged ahead
        app = WenmiApp(workbook)
        gate = threading.Event()
        async with app.run_test(size=(120, 36)) as pilot:
            screen = await open_compose(pilot, "zf-tui-gudin")
            real = pipeline.arrange
            pace = {"sleep": 0.08}

            def timed(*args: Any, **kwargs: Any) -> Any:
                if pace["sleep"]:
                    time.sleep(pace["sleep"])
                elif pace.get("gate"):
                    gate.wait(20)
                return real(*args, **kwargs)

            monkeypatch.setattr(pipeline, "arrange", timed)
            title = "开展员工思想状况调查"
            for step in ("ctrl+down", "ctrl+up", "ctrl+down", "ctrl+up"):  # one slow, then quick ones
                select_achievement(screen, title)
                await pilot.press(step)
                await wait_for(pilot, lambda: not screen._composing)
                pace["sleep"] = 0.0
            assert screen._arranged_ms >= 80  # the slow one is what a move is expected to take
            pace["gate"] = True
            # another row: never arranged so (the same row would find its arrangement again)
            other = next(a.title for a in screen.result.sections[0].achievements if a.title != title)
            try:
                select_achievement(screen, other)
                await pilot.press("ctrl+down")  # would wait here for the gate on the UI thread
                await pilot.pause()
                assert screen._composing and screen.query_one(DocumentPreview).is_updating
            finally:
                gate.set()
            await wait_for(pilot, lambda: not screen._composing and section_of(screen, other) == 2)

    async def test_the_moves_of_the_row_under_the_cursor_are_arranged_ahead(
        self, workbook: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """The cursor rests on a row: Ctrl+↓ and Ctrl+↑ are arranged and their documents composed
        in a thread meanwhile, so the move, when made, shows the document composed anew with it,
        in its key's own handling (no thread, no arranging); moving it back finds it too."""
        app = WenmiApp(workbook)
        async with app.run_test(size=(120, 36)) as pilot:
            screen = await open_compose(pilot, "zf-tui-gudin")
            title = "开展员工思想状况调查"
            assert section_of(screen, title) == 1
            calls = counting_arrange(monkeypatch)
            wb = app.session.workbook
            index = next(i for i, a in enumerate(wb.achievements) if a.title == title)
            ahead = replace(wb, achievements=list(wb.achievements))
            ahead.achievements[index] = replace(wb.achievements[index], section="2")
            assert screen._composer is not None and not screen._composer.ready(screen.template, ahead)
            select_achievement(screen, title)
            await wait_for(pilot, lambda: screen._composer.ready(screen.template, ahead))
            await wait_for(pilot, lambda: screen._foresee_timer is None and all(w.is_finished for w in app.workers))
            arranged = len(calls)
            assert arranged >= 1  # in the thread, while the cursor rested on the row
            await pilot.press("ctrl+down")
            assert not screen._composing and section_of(screen, title) == 2  # with the key
            assert len(calls) == arranged  # nothing arranged for the move itself
            assert not screen.query_one(DocumentPreview).is_updating
            # the cursor rests on the row in its new place: its moves are arranged ahead again
            back = replace(wb, achievements=list(wb.achievements))
            back.achievements[index] = replace(wb.achievements[index], section="1")
            await wait_for(pilot, lambda: screen._composer.ready(screen.template, back))
            await wait_for(pilot, lambda: screen._foresee_timer is None and all(w.is_finished for w in app.workers))
            arranged = len(calls)
            await pilot.press("ctrl+up")
            assert not screen._composing and section_of(screen, title) == 1
            assert len(calls) == arranged
            assert screen.result is not None  # the document composing afresh writes
            assert screen.result.markup == engine.compose(screen.template, wb).markup


class TestTable:
    """The table of achievements changes only the rows that changed."""

    async def test_moving_a_row_rewrites_two_rows_not_the_table(
        self, workbook: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        app = WenmiApp(workbook)
        async with app.run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            table = app.screen.query_one(AchievementTable)
            table.focus()
            table.move_cursor(row=1)
            await pilot.pause()
            cleared: list[int] = []
            updated: list[str] = []
            real_clear, real_update = DataTable.clear, DataTable.update_cell
            monkeypatch.setattr(DataTable, "clear", lambda self, columns=False: cleared.append(1) or real_clear(self, columns))

            def update_cell(self: DataTable[Any], row: Any, column: Any, value: Any, **kw: Any) -> None:
                updated.append(str(row))
                real_update(self, row, column, value, **kw)

            monkeypatch.setattr(DataTable, "update_cell", update_cell)
            await pilot.press("ctrl+down")
            await pilot.pause()
            assert cleared == []
            assert set(updated) == {"2", "3"}
            titles = [str(table.get_row_at(i)[1]) for i in range(table.row_count)]
            assert titles == [a.title for a in app.session.workbook.achievements]
            assert titles[2] == "调度各单位制定践行举措" and table.cursor_row == 2
            assert [str(table.get_row_at(i)[0]) for i in range(table.row_count)] == ["1", "2", "3", "4", "5"]


class TestAutosave:
    """The recovery file is written in a thread; what the user saved or threw away stays so."""

    async def test_a_save_while_the_backup_is_written_leaves_no_recovery_file(
        self, workbook: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        app = WenmiApp(workbook)
        armed, writing, gate = threading.Event(), threading.Event(), threading.Event()
        real = engine.workbook_yaml

        def slow(wb: Any, **kwargs: Any) -> str:
            if armed.is_set() and threading.current_thread() is not threading.main_thread():
                writing.set()
                gate.wait(20)  # the backup is being written…
            return real(wb, **kwargs)

        monkeypatch.setattr(engine, "workbook_yaml", slow)
        async with app.run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            armed.set()
            try:
                app.screen.query_one("#period", Input).value = "2023年"
                await wait_for(pilot, writing.is_set, timeout=5)  # in its thread: the screen goes on
                assert "正在备份" in app.status_text()
                await pilot.press("ctrl+s")  # …when the user saves
                await pilot.pause()
            finally:
                gate.set()
            await wait_for(pilot, lambda: not any(w.is_running for w in app.workers))
            assert not recovery_file(str(workbook.resolve())).exists()
            assert "已保存" in app.status_text() and "未保存" not in app.status_text()
        assert "period: 2023年" in workbook.read_text(encoding="utf-8")


    async def test_a_backup_after_a_move_writes_no_row_anew(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """The autosave keeps each row's YAML: a move (the same rows, in another order) writes
        none of them again, yet the recovery file holds the workbook as it now is."""
        from dataclasses import replace

        from assistant.ledger import yamlfile
        from assistant.tui.recovery import read_recovery

        wb = load_workbook(DATA / "workbook.yaml")
        wb.achievements = [replace(a, title=f"{a.title}（{k}）") for k in range(12) for a in wb.achievements]
        path = tmp_path / "大台账.yaml"
        engine.save_workbook(wb, path)
        written: list[str] = []
        real = yamlfile._dump_achievement

        def dump(a: Any, blank_before: bool) -> list[str]:
            written.append(a.title)
            return real(a, blank_before)

        monkeypatch.setattr(yamlfile, "_dump_achievement", dump)
        app = WenmiApp(path)
        async with app.run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            table = app.screen.query_one(AchievementTable)
            table.focus()
            table.move_cursor(row=30)
            moved = app.session.workbook.achievements[30].title
            await pilot.press("ctrl+down")
            await wait_for(pilot, app.backed_up)
            first = len(written)
            assert first >= len(wb.achievements)  # the first backup writes every row
            await pilot.press("ctrl+down")
            await wait_for(pilot, app.backed_up)
            assert len(written) == first  # the second, after a move, none
            saved = read_recovery(str(path.resolve()))
            assert saved is not None
            assert saved.workbook_yaml == engine.workbook_yaml(app.session.workbook)
            assert engine.workbook_from_yaml(saved.workbook_yaml, None).achievements[32].title == moved


class PreviewApp(App[None]):
    def compose(self) -> ComposeResult:
        yield DocumentPreview(id="preview")


class TestPreview:
    """The preview folds again only the lines a keystroke changed, and folds them as a whole
    document would be folded."""

    async def test_only_changed_lines_are_folded_again(self, monkeypatch: pytest.MonkeyPatch) -> None:
        from assistant.document import preview as engine_preview

        body = "　　" + "开展员工思想状况调查，累计参与1131人次，凝聚共识、集聚智慧。" * 4
        before = "\n".join(["关于作风建设的总结", body, body.replace("1131", "1200"), "党群工作部"])
        after = before.replace("关于作风建设的总结", "关于作风和纪律建设的总结")
        app = PreviewApp()
        async with app.run_test(size=(50, 20)) as pilot:
            preview = app.query_one(DocumentPreview)
            preview.update(before)
            await pilot.pause()
            folded: list[str] = []
            real = engine_preview.wrap_text
            monkeypatch.setattr(
                engine_preview, "wrap_text", lambda text, width: folded.append(text) or real(text, width)
            )
            preview.update(after)
            assert folded == ["关于作风和纪律建设的总结"]  # the title, not the paragraphs
            width = preview.scrollable_content_region.width
            assert preview._rows == real(fit_preview(after, width), width).split("\n")
