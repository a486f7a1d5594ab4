"""Benchmark: the TUI's first paint against a bare Textual app, and key-to-screen latency.

Targets (issue 14): on a 1,000-achievement workbook, typing, moving an achievement and the
preview's update each reach the screen within 50 ms of the key (we report the median and the
p95); first paint within 1.5× a bare Textual app measured in the same run. Run:

    python benchmarks/bench_tui.py [--runs 7] [--keys 30] [--moves 10] [--achievements 1000]

First paint: each run starts the real command (`python -m assistant`, imports included) in a
pseudo-terminal of 120×36 and measures from spawn until its first frame reaches the terminal
(the page tabs are written). The bare app (an App with a header, a 14-row DataTable and a
footer) is measured the same way, until its table header is written. They alternate, so both
see the same machine load; medians are compared. "workbook shown" is when wenmi's table of
achievements is on screen (the workbook is read in a worker after the first paint).

Key-to-screen latency (`key_latency`, also run by benchmarks/run.py): in one process (headless,
120×36), wenmi opens a generated workbook of N achievements (benchmarks/bench_workbook.py, the
经验材料 template zf-jyjl-4gao, which places every achievement). Each key is delivered the way
the terminal driver delivers it, and timed until the first frame rendered after what it changed:
- 输入: a character typed into the 主题 field of the compose page, until it is in the field;
- 预览: the same keystroke, until the preview shows the document with it;
- 移动（撰写页）: Ctrl+↓/Ctrl+↑ on an achievement in 分节与成效, until it is under the other
  section in the tree (and, reported apart, until the preview has it there); the same achievement
  goes back and forth, so from the second move on the two sections are as composed before;
- 移动（另一项）: Ctrl+↓ on another achievement of the first section each time, so that the two
  sections it changes were never composed so, pressed `LOOK_PAUSE` seconds after the cursor came
  to the row, as a user who reads the row before moving it: the compose page arranges the moves
  of the row under the cursor ahead, and composes their documents, once it rests there (0.15 s),
  so the move finds its document, or waits for it if it is still being made;
- 移动（另一项，不停顿）: the same, pressed as soon as the cursor is on the row (nothing arranged
  ahead yet: the cost of a move seen for the first time);
- 移动（成效页）: Ctrl+↓/Ctrl+↑ in the table of achievements, until the row is in its new place;
- 组稿中按键: after a move of another row, while its document is composed in a thread, ↑ in the
  tree, until the cursor is on the row above (keys are not held up by the composition).
After each move on the compose page, two more figures are reported apart: until the preview shows
that it is being updated (its title says so, the moved row's paragraph highlighted in the old
text: the provisional view) and until it shows the document composed anew (the final preview).
Keys come at a typing pace, with a pause after every tenth so the autosave runs between them as
it does for a user who stops to think.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

BARE_CHILD = r"""
from textual.app import App
from textual.widgets import DataTable, Footer, Header

class Bare(App):
    def compose(self):
        yield Header()
        yield DataTable()
        yield Footer()
    def on_mount(self):
        table = self.query_one(DataTable)
        table.add_columns("序号", "事项", "类别", "数据")
        for i in range(14):
            table.add_row(str(i + 1), "开展员工思想状况调查", "思想建设", "1131人次")

Bare().run()
"""

WENMI_CHILD = r"""
import sys
from assistant.cli import main
sys.exit(main([]))
"""

#: What each app's first frame contains, and wenmi's frame once the workbook is shown.
BARE_MARK = "序号".encode()
WENMI_MARK = "成效台账".encode()
WENMI_LOADED = "项成效".encode()


def spawn(code: str, home: str, marks: dict[str, bytes], timeout: float = 60.0) -> dict[str, float]:
    """Milliseconds from spawning `code` in a pseudo-terminal (120×36) until each mark is written."""
    import fcntl
    import pty
    import select
    import signal
    import struct
    import termios

    env = {**os.environ, "WENMI_HOME": home, "PYTHONPATH": str(ROOT), "TERM": "xterm-256color"}
    env.pop("WENMI_PATH", None)
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:  # child: become the app
        os.execve(sys.executable, [sys.executable, "-c", code], env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 36, 120, 0, 0))
    seen: dict[str, float] = {}
    buffer = b""
    try:
        while len(seen) < len(marks) and time.perf_counter() - start < timeout:
            ready, _, _ = select.select([fd], [], [], 0.05)
            if not ready:
                continue
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            buffer += chunk
            now = time.perf_counter()
            for name, mark in marks.items():
                if name not in seen and mark in buffer:
                    seen[name] = (now - start) * 1000
    finally:
        os.kill(pid, signal.SIGKILL)  # the app we started; its terminal is thrown away
        os.waitpid(pid, 0)
        os.close(fd)
    missing = set(marks) - set(seen)
    if missing:
        raise RuntimeError(f"no {', '.join(sorted(missing))} within {timeout} s")
    return seen


def first_paint(runs: int) -> None:
    bare: list[float] = []
    wenmi: list[float] = []
    shown: list[float] = []
    with tempfile.TemporaryDirectory() as home:
        wenmi_marks = {"paint": WENMI_MARK, "workbook": WENMI_LOADED}
        spawn(BARE_CHILD, home, {"paint": BARE_MARK})  # warm the OS file cache for both
        spawn(WENMI_CHILD, home, wenmi_marks)
        for _ in range(runs):
            bare.append(spawn(BARE_CHILD, home, {"paint": BARE_MARK})["paint"])
            marks = spawn(WENMI_CHILD, home, wenmi_marks)
            wenmi.append(marks["paint"])
            shown.append(marks["workbook"])
    b, w, s = statistics.median(bare), statistics.median(wenmi), statistics.median(shown)
    print(f"首屏（进程启动到首次绘制，中位数，{runs} 次交替运行）")
    print(f"  裸 Textual 应用   {b:7.1f} ms   （最小 {min(bare):.1f}，最大 {max(bare):.1f}）")
    print(f"  wenmi             {w:7.1f} ms   （最小 {min(wenmi):.1f}，最大 {max(wenmi):.1f}）")
    print(f"  wenmi 台账显示    {s:7.1f} ms")
    ratio = w / b
    verdict = "达标" if ratio <= 1.5 else "未达标"
    print(f"  比值 wenmi / 裸应用 = {ratio:.2f}（目标 ≤ 1.5，{verdict}）")


#: The workbook of the latency benchmark: the template that places every achievement.
LEDGER_TEMPLATE = "zf-jyjl-4gao"
#: What the target says: every key on screen within this many milliseconds.
TARGET_MS = 50.0
#: Seconds between the cursor coming to a row and the key that moves it (移动（另一项）).
LOOK_PAUSE = 0.5


def make_ledger(folder: Path, achievements: int) -> Path:
    """A generated workbook of `achievements` rows (as `run.py ledger` uses), saved as .yaml."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from bench_workbook import make_workbook

    from assistant.ledger.files import save_workbook

    wb = make_workbook(achievements)
    wb.template = LEDGER_TEMPLATE
    wb.fields.update({"落款": "党群工作部", "日期": "2023-01-11"})
    path = folder / f"台账{achievements}.yaml"
    save_workbook(wb, path)
    return path


class Frames:
    """Wraps `App._display`, which the driver calls with each frame just rendered: at that moment
    the checks of the keys waiting for their change to reach the screen are evaluated, so a
    change counts from the first frame drawn after it (not from when a poll happened to see it)."""

    def __init__(self, app: Any) -> None:
        self.waiting: dict[str, Callable[[], bool]] = {}
        self.seen: dict[str, float] = {}
        display = app._display

        def record(screen: object, renderable: object) -> None:
            display(screen, renderable)
            if renderable is not None and self.waiting:
                now = time.perf_counter()
                for name, check in list(self.waiting.items()):
                    if check():
                        self.seen[name] = now
                        del self.waiting[name]

        app._display = record


async def timed_key(
    app: Any, frames: Frames, key: str, checks: dict[str, Callable[[], bool]], timeout: float = 60.0
) -> dict[str, float]:
    """Send `key` as the terminal driver does; for each check, milliseconds from the key until the
    first frame drawn while the check holds."""
    from textual import events

    event = events.Key(key, key if len(key) == 1 else None)
    event.set_sender(app)
    frames.seen = {}
    frames.waiting = dict(checks)
    start = time.perf_counter()
    app._driver.send_message(event)
    while frames.waiting:
        if time.perf_counter() - start > timeout:
            missing = "、".join(sorted(frames.waiting))
            frames.waiting = {}
            raise RuntimeError(f"按键 {key} 之后 {timeout:.0f} 秒仍未看到：{missing}")
        await asyncio.sleep(0.001)
    return {name: (moment - start) * 1000 for name, moment in frames.seen.items()}


async def idle(app: Any, pilot: Any) -> None:
    """Wait until no worker runs (the preview, a move being planned, the autosave…)."""
    while any(w.is_running for w in app.workers):
        await pilot.pause(0.02)
    await pilot.pause(0.05)


def stats(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    return {
        "n": len(ordered),
        "median_ms": statistics.median(ordered),
        "p95_ms": ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))],
        "max_ms": ordered[-1],
    }


async def key_latency(keys: int = 30, moves: int = 10, achievements: int = 1000) -> dict[str, Any]:
    """Key-to-screen latency on a generated workbook (see the module docstring); medians and
    p95 in milliseconds by what was measured."""
    from textual.coordinate import Coordinate
    from textual.widgets import DataTable, Input

    from assistant.tui.app import WenmiApp
    from assistant.tui.screens.compose import ComposeScreen, SectionTree
    from assistant.tui.widgets.preview import DocumentPreview

    samples: dict[str, list[float]] = {
        "输入": [], "预览": [], "移动（撰写页）": [], "移动（另一项）": [], "移动（不停顿）": [], "移动（成效页）": [],
        "组稿中按键": [],
    }  # fmt: skip
    after_move: list[float] = []
    after_new_move: list[float] = []
    after_cold_move: list[float] = []
    marked_move: list[float] = []
    marked_new_move: list[float] = []
    marked_cold_move: list[float] = []
    with tempfile.TemporaryDirectory() as home:
        os.environ["WENMI_HOME"] = home
        os.environ.pop("WENMI_PATH", None)
        path = make_ledger(Path(home), achievements)
        app = WenmiApp(path)
        async with app.run_test(size=(120, 36)) as pilot:
            while not (app.templates_ready.is_set() and app.bank_ready.is_set()):
                await pilot.pause(0.05)
            await pilot.press("f4")
            screen = app.screen
            assert isinstance(screen, ComposeScreen)
            while screen.result is None:
                await pilot.pause(0.05)
            await idle(app, pilot)
            frames = Frames(app)

            # typing into a field, and the preview following it
            box = next(b for b in screen.query(".slot-input").results(Input) if b.name == "主题")
            box.focus()
            box.cursor_position = len(box.value)
            await idle(app, pilot)
            for i in range(keys):
                char = "甲乙丙丁戊己庚辛壬癸"[i % 10]
                typed, shown = box.value, screen._preview_text
                got = await timed_key(
                    app,
                    frames,
                    char,
                    {
                        "输入": lambda typed=typed: box.value != typed,
                        "预览": lambda shown=shown: screen._preview_text != shown,
                    },
                )
                for name, ms in got.items():
                    samples[name].append(ms)
                await asyncio.sleep(0.7 if i % 10 == 9 else 0.12)  # a typing pace; now and then a pause
            await idle(app, pilot)

            # moving an achievement between sections (compose page)
            tree = screen.query_one(SectionTree)
            pane = screen.query_one(DocumentPreview)

            def marked(shown: str) -> bool:
                """The preview says it is being updated, or shows the new document already."""
                return pane.is_updating or (screen._preview_text != shown and not screen._composing)

            tree.focus()
            assert screen.result is not None
            first = screen.result.sections[0]
            index = first.indices[len(first.indices) // 2]
            tree.move_cursor(_tree_node(tree, ("achievement", index, 1)))
            await idle(app, pilot)
            for i in range(moves):
                down = i % 2 == 0
                target = 2 if down else 1
                shown = screen._preview_text
                got = await timed_key(
                    app,
                    frames,
                    "ctrl+down" if down else "ctrl+up",
                    {
                        "tree": lambda t=target: _tree_node(tree, ("achievement", index, t)) is not None,
                        "marked": lambda shown=shown: marked(shown),
                        "preview": lambda shown=shown: screen._preview_text != shown and not screen._composing,
                    },
                )
                samples["移动（撰写页）"].append(got["tree"])
                marked_move.append(got["marked"])
                after_move.append(got["preview"])
                await idle(app, pilot)
                cursor = tree.cursor_node
                assert cursor is not None and cursor.data is not None and cursor.data[:2] == ("achievement", index)
                await asyncio.sleep(0.3)

            # moving another achievement each time (nothing composed before can be found again,
            # but what was arranged ahead while the cursor rested on the row), after a pause on
            # the row and without one
            moved: set[int] = set()

            async def to_fresh_row() -> int:
                """The cursor on an achievement of part 1 never moved before (nothing composed for it)."""
                assert screen.result is not None
                section = screen.result.sections[0]
                index = next(i for i in section.indices[len(section.indices) // 3 :] if i not in moved)
                moved.add(index)
                tree.move_cursor(_tree_node(tree, ("achievement", index, 1)))
                await idle(app, pilot)
                return index
            for pause, name, marks, finals in (
                (LOOK_PAUSE, "移动（另一项）", marked_new_move, after_new_move),
                (0.0, "移动（不停顿）", marked_cold_move, after_cold_move),
            ):
                for _ in range(moves):
                    index = await to_fresh_row()
                    if pause:
                        await asyncio.sleep(pause)  # not waiting for what is arranged ahead
                    shown = screen._preview_text
                    got = await timed_key(
                        app,
                        frames,
                        "ctrl+down",
                        {
                            "tree": lambda i=index: _tree_node(tree, ("achievement", i, 2)) is not None,
                            "marked": lambda shown=shown: marked(shown),
                            "preview": lambda shown=shown: screen._preview_text != shown and not screen._composing,
                        },
                    )
                    samples[name].append(got["tree"])
                    marks.append(got["marked"])
                    finals.append(got["preview"])
                    await idle(app, pilot)
                    await asyncio.sleep(0.3)

            # a key while the document of a move is composed in a thread
            for _ in range(moves):
                index = await to_fresh_row()
                await timed_key(
                    app, frames, "ctrl+down", {"tree": lambda i=index: _tree_node(tree, ("achievement", i, 2)) is not None}
                )
                line = tree.cursor_line
                if screen._composing:
                    got = await timed_key(app, frames, "up", {"cursor": lambda line=line: tree.cursor_line != line})
                    samples["组稿中按键"].append(got["cursor"])
                await idle(app, pilot)
                await asyncio.sleep(0.3)

            # moving a row of the table (achievements page)
            await pilot.press("f2")
            await idle(app, pilot)
            table = app.screen.query_one(DataTable)
            table.focus()
            row = len(app.session.workbook.achievements) // 2
            table.move_cursor(row=row)
            await idle(app, pilot)
            title = app.session.workbook.achievements[row].title
            for i in range(moves):
                down = i % 2 == 0
                target = row + 1 if down else row

                def placed(target: int = target) -> bool:
                    cell = table.get_cell_at(Coordinate(target, 1))
                    return table.cursor_row == target and str(getattr(cell, "plain", cell)) == title

                got = await timed_key(app, frames, "ctrl+down" if down else "ctrl+up", {"row": placed})
                samples["移动（成效页）"].append(got["row"])
                await asyncio.sleep(0.12 if i % 10 != 9 else 0.7)
    out: dict[str, Any] = {"achievements": achievements, "template": LEDGER_TEMPLATE}
    out["latency"] = {name: stats(values) for name, values in samples.items() if values}
    if after_move:
        out["preview_after_move"] = stats(after_move)
        out["marked_after_move"] = stats(marked_move)
    if after_new_move:
        out["preview_after_new_move"] = stats(after_new_move)
        out["marked_after_new_move"] = stats(marked_new_move)
    if after_cold_move:
        out["preview_after_cold_move"] = stats(after_cold_move)
        out["marked_after_cold_move"] = stats(marked_cold_move)
    return out


def _tree_node(tree: Any, data: tuple[str, int, int]) -> Any:
    """The node of `tree` whose data is `data`, or None."""
    stack = list(tree.root.children)
    while stack:
        node = stack.pop()
        if node.data is not None and tuple(node.data) == data:
            return node
        stack.extend(node.children)
    return None


def print_latency(result: dict[str, Any]) -> None:
    print(
        f"\n按键到画面（生成的台账 {result['achievements']} 项成效，模板 {result['template']}，"
        f"无头 120×36；目标 {TARGET_MS:.0f} ms 内）"
    )
    for name, s in result["latency"].items():
        verdict = "达标" if s["p95_ms"] <= TARGET_MS else "未达标"
        print(
            f"  {name:<8} 中位数 {s['median_ms']:6.1f} ms   P95 {s['p95_ms']:6.1f} ms   "
            f"最大 {s['max_ms']:6.1f} ms   （{s['n']} 次，P95 {verdict}）"
        )
    for key, what in (
        ("move", "来回移动同一项"),
        ("new_move", f"每次移动另一项，光标停留 {LOOK_PAUSE:g} 秒后"),
        ("cold_move", "每次移动另一项，光标一到即移"),
    ):
        if f"preview_after_{key}" in result:
            m, s = result[f"marked_after_{key}"], result[f"preview_after_{key}"]
            verdict = "达标" if m["p95_ms"] <= TARGET_MS else "未达标"
            print(
                f"  移动后（{what}）：预览标出“正在重排”（临时画面）中位数 {m['median_ms']:.0f} ms，"
                f"P95 {m['p95_ms']:.0f} ms（P95 {verdict}）"
            )
            verdict = "达标" if s["p95_ms"] <= TARGET_MS else "未达标"
            print(
                f"  移动后（{what}）：预览换成重排后的文档（最终画面）中位数 {s['median_ms']:.0f} ms，"
                f"P95 {s['p95_ms']:.0f} ms（P95 {verdict}）"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description="wenmi 界面基准：首屏时间与按键到画面的延迟")
    parser.add_argument("--runs", type=int, default=7, help="首屏测量的交替运行次数（默认 7）")
    parser.add_argument("--keys", type=int, default=30, help="输入与预览延迟测量的按键数（默认 30）")
    parser.add_argument("--moves", type=int, default=10, help="每页移动成效的次数（默认 10）")
    parser.add_argument("--achievements", type=int, default=1000, help="生成台账的成效条数（默认 1000）")
    parser.add_argument("--no-paint", action="store_true", help="不测首屏时间")
    args = parser.parse_args()
    if not args.no_paint:
        first_paint(args.runs)
    print_latency(asyncio.run(key_latency(args.keys, args.moves, args.achievements)))


if __name__ == "__main__":
    main()
