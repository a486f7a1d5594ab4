"""Benchmark: the TUI's first paint against a bare Textual app, and the live preview's latency.

Targets (issue "The Textual TUI"): first paint within 1.5× a bare Textual app measured in the
same run; the preview updates within 50 ms of a keystroke for a seed-sized document (the bundled
sample workbook: 14 achievements, 19 figures, its own template). Run:

    python benchmarks/bench_tui.py [--runs 7] [--keys 30]

First paint: each run starts the real command (`python -m assistant`, imports included) in a
pseudo-terminal of 120×36 and measures from spawn until its first frame reaches the terminal
(the page tabs are written). The bare app (an App with a header, a 14-row DataTable and a
footer) is measured the same way, until its table header is written. They alternate, so both
see the same machine load; medians are compared. "workbook shown" is when wenmi's table of
achievements is on screen (the workbook is read in a worker after the first paint).

Preview latency: in one process (headless), the compose page of the sample workbook; each
keystroke is delivered the way the terminal driver delivers it, into a slot, at a typing pace;
measured from the key until the first frame that contains the updated preview is rendered.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

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


async def preview_latency(keys: int) -> None:
    from textual import events
    from textual.widgets import Input

    from assistant.tui.app import WenmiApp
    from assistant.tui.screens.compose import ComposeScreen

    with tempfile.TemporaryDirectory() as home:
        os.environ["WENMI_HOME"] = home
        os.environ.pop("WENMI_PATH", None)
        app = WenmiApp()
        async with app.run_test(size=(120, 36)) as pilot:
            while not (app.templates_ready.is_set() and app.bank_ready.is_set()):
                await pilot.pause(0.05)
            await pilot.press("f4")
            screen = app.screen
            assert isinstance(screen, ComposeScreen)
            while screen.result is None or screen._composing:
                await pilot.pause(0.01)
            template = screen.template
            assert template is not None
            box = next((b for b in screen.query(".slot-input").results(Input) if b.value), None) or next(
                iter(screen.query(".slot-input").results(Input))
            )
            box.focus()
            box.cursor_position = len(box.value)
            await pilot.pause()
            frames: list[float] = []
            display = app._display

            def record(screen_: object, renderable: object) -> None:
                if renderable is not None:
                    frames.append(time.perf_counter())
                display(screen_, renderable)  # type: ignore[arg-type]

            app._display = record  # type: ignore[method-assign]
            driver = app._driver
            assert driver is not None
            samples: list[float] = []
            for i in range(keys):
                char = "甲乙丙丁戊己庚辛壬癸"[i % 10]
                before = screen._preview_text
                start = time.perf_counter()
                key = events.Key(char, char)
                key.set_sender(app)
                driver.send_message(key)  # as the terminal driver delivers a keystroke
                while screen._preview_text == before:
                    await asyncio.sleep(0.0005)
                shown = time.perf_counter()
                while not frames or frames[-1] < shown:
                    await asyncio.sleep(0.0005)
                painted = next(f for f in frames if f >= shown)
                samples.append((painted - start) * 1000)
                await asyncio.sleep(0.12)  # a typing pace of about eight keys a second
            achievements = len(app.session.workbook.achievements) if app.session else 0
            # the engine alone, for reference: compose + parse + plain-text preview
            from assistant.tui import engine

            wb = app.session.workbook if app.session else None
            assert wb is not None
            engine_ms = []
            for _ in range(10):
                t0 = time.perf_counter()
                engine.compose_preview(template, wb, seed=0, headings={})
                engine_ms.append((time.perf_counter() - t0) * 1000)
    samples.sort()
    p95 = samples[min(len(samples) - 1, int(len(samples) * 0.95))]
    print(f"\n预览更新延迟（示例台账 {achievements} 项成效，模板 {template.id}，{keys} 次按键）")
    print(
        f"  按键到预览画面   中位数 {statistics.median(samples):6.1f} ms   P95 {p95:6.1f} ms   最大 {samples[-1]:6.1f} ms"
    )
    print(f"  其中引擎组稿+预览 中位数 {statistics.median(engine_ms):6.1f} ms")
    verdict = "达标" if statistics.median(samples) <= 50 else "未达标"
    print(f"  目标：50 ms 内更新（中位数{verdict}）")


def main() -> None:
    parser = argparse.ArgumentParser(description="wenmi 界面基准：首屏时间与预览延迟")
    parser.add_argument("--runs", type=int, default=7, help="首屏测量的交替运行次数（默认 7）")
    parser.add_argument("--keys", type=int, default=30, help="预览延迟测量的按键数（默认 30）")
    args = parser.parse_args()
    first_paint(args.runs)
    asyncio.run(preview_latency(args.keys))


if __name__ == "__main__":
    main()
