"""Every performance benchmark of wenmi in one run, each measured side by side with its peer.

    python benchmarks/run.py [--json] [--quick] [--rounds N] [--only single,batch,...]

Sections (`--only` takes their names):
- single    one render of a six-page 作风建设 article with a table (benchmarks/perf/zuofeng.md),
            whole process: wenmi against the import floor (`python -c "import docx, jinja2, yaml"`),
            pandoc, and gongwen-skill's `md2docx`, alternating run by run;
- inproc    the same render in process (parse + write), against docxtpl rendering the same content
            in process; and the size of the .docx;
- batch     50 different documents in one `wenmi render … -o DIR/` against a loop of 50 pandoc runs;
- sections  render time for 10, 100 and 400 sections, with the slope;
- ledger    `wenmi suggest`, `render` and `check` on workbooks of 100, 1,000 and 10,000 achievements,
            whole process, with the slope;
- phrases   phrase-bank search: p95 over every kind of query, on the bank and on 100,000 entries;
- tui       first paint against a bare Textual app, and key-to-screen latency of typing, the live
            preview and moving an achievement on a 1,000-achievement workbook (Textual Pilot,
            headless; the loop is benchmarks/bench_tui.py's `key_latency`).

Times are medians of alternating runs (A B, then B A, …), so that both sides of a ratio see the
same machine load. Whole-process figures are given as wall time and as CPU time (user + system of
the child); on a shared machine the CPU time is the steadier of the two, and the ratios use it.
Timed assertions do not belong in tests: this script reports, the README records.

Peers are never wenmi dependencies. Install them beside the checkout:

    apt-get install -y pandoc
    python3 -m venv ../peers-venv && ../peers-venv/bin/pip install gongwen-skill docxtpl

(`--peers PATH` or WENMI_PEERS names another venv.) A peer that is missing is skipped with a note.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
PERF = Path(__file__).resolve().parent / "perf"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

SECTIONS = ("single", "inproc", "batch", "sections", "ledger", "phrases", "tui")
#: The template of the ledger benchmark: an 经验材料 that places every achievement.
LEDGER_TEMPLATE = "zf-jyjl-4gao"

TARGETS = {
    "single_vs_floor": 1.3,
    "single_vs_gongwen": 0.5,
    "batch_vs_pandoc": 0.3,
    "suggest_10000_s": 2.0,
    "size_kb": 20.0,
}


# --- measuring -------------------------------------------------------------------------------


def run_process(
    cmd: Sequence[str], cwd: Path, env: dict[str, str] | None = None, timeout: float = 900, ok: tuple[int, ...] = (0,)
) -> tuple[float, float | None]:
    """(wall seconds, CPU seconds of the child or None) of one run of `cmd`; raises when it exits
    with a code not in `ok` (its last line of error output is the message)."""
    try:
        import resource
    except ImportError:  # Windows: wall time only
        resource = None  # type: ignore[assignment]
    before = resource.getrusage(resource.RUSAGE_CHILDREN) if resource else None
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=err)
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
            raise TimeoutError(f"超过 {timeout:.0f} 秒：{' '.join(map(str, cmd[:4]))} …") from None
        wall = time.perf_counter() - start
        cpu: float | None = None
        if resource and before:
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
        if proc.returncode not in ok:
            err.seek(0)
            lines = err.read().decode("utf-8", "replace").strip().splitlines() or [""]
            raise RuntimeError(f"退出码 {proc.returncode}：{lines[-1][:400]}")
    return wall, cpu


def alternate(contenders: dict[str, Callable[[], tuple[float, float | None]]], rounds: int) -> dict[str, dict[str, float | None]]:
    """Run each contender once per round, in forward then reverse order (A B C, C B A, …);
    the median wall and CPU time of each."""
    samples: dict[str, list[tuple[float, float | None]]] = {k: [] for k in contenders}
    names = list(contenders)
    for r in range(rounds):
        for name in names if r % 2 == 0 else reversed(names):
            samples[name].append(contenders[name]())
    out: dict[str, dict[str, float | None]] = {}
    for name, values in samples.items():
        cpus = [c for _, c in values if c is not None]
        out[name] = {
            "wall_s": statistics.median(w for w, _ in values),
            "cpu_s": statistics.median(cpus) if cpus else None,
            "runs": len(values),
        }
    return out


def basis(m: dict[str, float | None]) -> float:
    """The figure ratios use: CPU time where known, else wall time."""
    cpu = m.get("cpu_s")
    return float(cpu if cpu is not None else m["wall_s"] or 0.0)


def slope(points: Sequence[tuple[float, float]]) -> float:
    """Least-squares slope of (x, y)."""
    n = len(points)
    mx = sum(x for x, _ in points) / n
    my = sum(y for _, y in points) / n
    sxx = sum((x - mx) ** 2 for x, _ in points)
    return sum((x - mx) * (y - my) for x, y in points) / sxx if sxx else 0.0


def growth(points: Sequence[tuple[float, float]]) -> float:
    """Cost per unit at the largest size over cost per unit at the one before (1.0: linear)."""
    (x1, y1), (x2, y2) = points[-2], points[-1]
    return (y2 / x2) / (y1 / x1) if y1 and x1 else float("nan")


# --- inputs ----------------------------------------------------------------------------------


def article() -> str:
    return (PERF / "zuofeng.md").read_text(encoding="utf-8")


def variants(text: str, n: int) -> list[str]:
    """`n` documents of the shape of `text`, the title and every body paragraph different (so that
    nothing one document computed is reused by the next)."""
    out = []
    for i in range(n):
        lines = []
        for line in text.split("\n"):
            if line.startswith("# "):
                line = f"# 第{i + 1}稿：{line[2:]}"
            elif line and not line.startswith(("|", "表：", "落款：", "日期：", "#")):
                line = f"第{i + 1}稿：{line}"
            lines.append(line)
        out.append("\n".join(lines))
    return out


def plain_markdown(text: str) -> tuple[str, str, str]:
    """`text` as plain Markdown for the peers, with its 落款 and 日期 taken out."""
    signer = date = ""
    lines = []
    for line in text.split("\n"):
        if line.startswith("落款："):
            signer = line.removeprefix("落款：")
        elif line.startswith("日期："):
            date = line.removeprefix("日期：")
        else:
            lines.append(line)
    return "\n".join(lines), signer, date


def sections_markup(n: int) -> str:
    paras = article().split("\n")
    body = [p for p in paras if p and not p.startswith(("#", "|", "表：", "落款：", "日期："))]
    out = ["# 关于作风建设情况的报告"]
    for i in range(n):
        out.append(f"## 第{i + 1}项工作")
        out += [f"{body[(2 * i) % len(body)]}", f"{body[(2 * i + 1) % len(body)]}"]
    out += ["落款：党群工作部", "日期：2023年1月11日"]
    return "\n".join(out) + "\n"


# --- sections --------------------------------------------------------------------------------


class Bench:
    def __init__(self, args: argparse.Namespace, tmp: Path) -> None:
        self.args = args
        self.tmp = tmp
        self.py = sys.executable
        self.env = {**os.environ, "WENMI_HOME": str(tmp / "home"), "PYTHONPATH": str(ROOT)}
        self.env.pop("WENMI_PATH", None)
        peers = Path(args.peers)
        self.peer_python = peers / "bin" / "python"
        self.gongwen = peers / "bin" / "gongwen"
        self.pandoc = shutil.which("pandoc")
        self.results: dict[str, Any] = {}
        self.notes: list[str] = []

    def wenmi(self, *argv: str) -> list[str]:
        return [self.py, "-m", "assistant", *argv]

    def has_peer(self, exe: Path, name: str) -> bool:
        if exe.exists():
            return True
        self.notes.append(f"未安装 {name}（{exe}），跳过；安装方法见 benchmarks/run.py 开头")
        return False

    # single ----------------------------------------------------------------------------------

    def single(self) -> None:
        text = article()
        src = self.tmp / "zuofeng.md"
        src.write_text(text, encoding="utf-8")
        plain, signer, date = plain_markdown(text)
        (self.tmp / "zuofeng-plain.md").write_text(plain, encoding="utf-8")
        out = self.tmp / "single"
        out.mkdir()
        contenders: dict[str, Callable[[], tuple[float, float | None]]] = {
            "import_floor": lambda: run_process([self.py, "-c", "import docx, jinja2, yaml"], self.tmp, self.env),
            "wenmi": lambda: run_process(
                self.wenmi("render", str(src), "-o", str(out / "wenmi.docx"), "--force"), self.tmp, self.env
            ),
        }
        if self.pandoc:
            contenders["pandoc"] = lambda: run_process(
                [str(self.pandoc), "-f", "markdown", str(src), "-o", str(out / "pandoc.docx")], self.tmp
            )
        else:
            self.notes.append("未安装 pandoc，跳过（apt-get install -y pandoc）")
        if self.has_peer(self.gongwen, "gongwen-skill"):
            gw = [str(self.gongwen), "md2docx", str(self.tmp / "zuofeng-plain.md"), "-o", str(out / "gongwen.docx"),
                  "--signer", signer, "--date", date, "--no-ai-declaration"]  # fmt: skip
            contenders["gongwen_md2docx"] = lambda: run_process(gw, self.tmp)
        for warm in contenders.values():  # caches (compiled files, wenmi's base package) as a user has them
            warm()
        res = alternate(contenders, self.args.rounds)
        w = basis(res["wenmi"])
        ratios = {"vs_floor": w / basis(res["import_floor"])}
        if "pandoc" in res:
            ratios["vs_pandoc"] = w / basis(res["pandoc"])
        if "gongwen_md2docx" in res:
            ratios["vs_gongwen"] = w / basis(res["gongwen_md2docx"])
        sizes = {p.stem: p.stat().st_size for p in out.glob("*.docx")}
        self.results["single"] = {"times": res, "ratios": ratios, "sizes_bytes": sizes}

    # in process ------------------------------------------------------------------------------

    def inproc(self) -> None:
        from assistant.document.markup import parse_markup
        from assistant.document.paginate import paginate
        from assistant.render import document_bytes

        docs = variants(article(), 20)
        data = document_bytes(parse_markup(article()), "docx")  # the base package, jieba: once per process
        times = []
        for text in docs:
            start = time.process_time()
            document_bytes(parse_markup(text), "docx")
            times.append(time.process_time() - start)
        res: dict[str, Any] = {
            "wenmi_ms": statistics.median(times) * 1000,
            "size_kb": len(data) / 1024,
            "pages": paginate(parse_markup(article())).pages,
        }
        if self.has_peer(self.peer_python, "docxtpl"):
            content = []
            for text in docs:
                plain, _, _ = plain_markdown(text)
                lines = [ln for ln in plain.split("\n") if ln]
                rows = [[c.strip() for c in ln.strip("|").split("|")] for ln in lines if ln.startswith("|")]
                content.append({
                    "title": lines[0].lstrip("# "),
                    "blocks": [ln.lstrip("# ").replace("**", "") for ln in lines[1:] if not ln.startswith("|")],
                    "header": rows[0], "rows": rows[2:],
                })  # fmt: skip
            job = self.tmp / "docxtpl.json"
            job.write_text(json.dumps(content, ensure_ascii=False), encoding="utf-8")
            proc = subprocess.run([str(self.peer_python), "-c", DOCXTPL_CHILD, str(job)], capture_output=True, text=True)
            if proc.returncode == 0:
                res["docxtpl_ms"] = float(proc.stdout.strip())
                res["vs_docxtpl"] = res["wenmi_ms"] / res["docxtpl_ms"]
            else:
                self.notes.append(f"docxtpl 运行失败：{proc.stderr.strip()[-300:]}")
        self.results["inproc"] = res

    # batch -----------------------------------------------------------------------------------

    def batch(self) -> None:
        folder = self.tmp / "batch"
        folder.mkdir()
        srcs = []
        for i, text in enumerate(variants(article(), 50)):
            srcs.append(folder / f"doc{i + 1:02d}.md")
            srcs[-1].write_text(text, encoding="utf-8")
        out_w, out_p = self.tmp / "batch-wenmi", self.tmp / "batch-pandoc"

        def fresh(d: Path) -> None:
            shutil.rmtree(d, ignore_errors=True)
            d.mkdir()

        def wenmi_batch() -> tuple[float, float | None]:
            fresh(out_w)
            return run_process(self.wenmi("render", *map(str, srcs), "-o", f"{out_w}/"), self.tmp, self.env)

        def pandoc_loop() -> tuple[float, float | None]:
            fresh(out_p)
            wall, cpu = 0.0, 0.0
            for s in srcs:
                w, c = run_process([str(self.pandoc), "-f", "markdown", str(s), "-o", str(out_p / f"{s.stem}.docx")], self.tmp)
                wall, cpu = wall + w, cpu + (c or 0.0)
            return wall, cpu

        contenders = {"wenmi_batch_50": wenmi_batch}
        if self.pandoc:
            contenders["pandoc_loop_50"] = pandoc_loop
        wenmi_batch()  # warm
        res = alternate(contenders, max(1, self.args.rounds // 2))
        out: dict[str, Any] = {"times": res, "wenmi_ms_per_doc": basis(res["wenmi_batch_50"]) / 50 * 1000}
        if "pandoc_loop_50" in res:
            out["vs_pandoc_loop"] = basis(res["wenmi_batch_50"]) / basis(res["pandoc_loop_50"])
        self.results["batch"] = out

    # scale: sections -------------------------------------------------------------------------

    def sections(self) -> None:
        from assistant.document.markup import parse_markup
        from assistant.render import document_bytes

        document_bytes(parse_markup(sections_markup(2)), "docx")
        points = []
        for n in (10, 100, 400):
            text = sections_markup(n)
            best = float("inf")
            for k in range(3):
                # a different text each time: nothing remembered from the run before
                variant = text.replace("工作", f"工作{k}", 1) if k else text
                start = time.process_time()
                document_bytes(parse_markup(variant.replace("第", f"（{k}）第")), "docx")
                best = min(best, time.process_time() - start)
            points.append((float(n), best))
        self.results["sections"] = {
            "seconds": {int(n): t for n, t in points},
            "ms_per_section": slope(points) * 1000,
            "growth_400_vs_100": growth(points),
        }

    # scale: achievements ---------------------------------------------------------------------

    def ledger(self) -> None:
        from bench_workbook import make_workbook

        from assistant.ledger.files import save_workbook

        sizes = [100, 1000] if self.args.quick else [100, 1000, 10000]
        sizes = [n for n in sizes if n <= self.args.max_achievements]
        folder = self.tmp / "ledger"
        folder.mkdir()
        steps: dict[str, list[tuple[float, float]]] = {"suggest": [], "render": [], "check": []}
        wall: dict[str, dict[int, Any]] = {k: {} for k in steps}
        for n in sizes:
            wb = make_workbook(n)
            wb.template = LEDGER_TEMPLATE
            path = folder / f"wb{n}.yaml"
            save_workbook(wb, path)
            if n == sizes[0]:  # caches (compiled files, jieba's dictionary blocks) as a user has them
                run_process(self.wenmi("suggest", str(path), "-n", "3"), self.tmp, self.env)
            out = folder / f"out{n}.docx"
            out.unlink(missing_ok=True)
            cmds = {
                "suggest": self.wenmi("suggest", str(path), "-n", "3"),
                "render": self.wenmi("render", str(path), "-o", str(out), "--force"),
                "check": self.wenmi("check", str(out), "--workbook", str(path)),
            }
            for step, cmd in cmds.items():
                if step == "check" and not out.exists():
                    wall[step][n] = "无文档"
                    continue
                try:  # check exits with 1 when it finds problems: still a full run
                    w, c = run_process(cmd, self.tmp, self.env, timeout=self.args.timeout, ok=(0, 1) if step == "check" else (0,))
                except (TimeoutError, RuntimeError) as exc:
                    wall[step][n] = str(exc)
                    continue
                wall[step][n] = {"wall_s": w, "cpu_s": c}
                steps[step].append((float(n), c if c is not None else w))
        res: dict[str, Any] = {"runs": wall}
        for step, points in steps.items():
            if len(points) >= 2:
                res[f"{step}_ms_per_1000"] = slope(points) * 1e6
                res[f"{step}_growth_last"] = growth(points)
        self.results["ledger"] = res

    # phrases ---------------------------------------------------------------------------------

    def phrases(self) -> None:
        from bench_phrases import QUERIES, synthetic_bank

        from assistant.phrasebank import load_bank
        from assistant.phrasebank.search import SearchIndex

        bank = load_bank()
        res: dict[str, Any] = {}
        for label, entries in (("bank", bank.all_entries), ("synthetic_100000", synthetic_bank(100_000, bank.all_entries))):
            index = SearchIndex(entries)
            for q, _ in QUERIES:  # builds jieba, pinyin postings
                index.search(q)
            samples = []
            for _ in range(20):
                for q, _ in QUERIES:
                    start = time.perf_counter()
                    index.search(q)
                    samples.append(time.perf_counter() - start)
            samples.sort()
            res[label] = {
                "entries": len(entries),
                "p50_ms": statistics.median(samples) * 1000,
                "p95_ms": samples[int(len(samples) * 0.95) - 1] * 1000,
            }
        self.results["phrases"] = res

    # tui -------------------------------------------------------------------------------------

    def tui(self) -> None:
        try:
            import textual  # noqa: F401
        except ImportError:
            self.notes.append("未安装 textual，跳过界面基准")
            return

        def paint(kind: str) -> Callable[[], tuple[float, float | None]]:
            def go() -> tuple[float, float | None]:
                proc = subprocess.run(
                    [self.py, "-c", PAINT_CHILD, kind], cwd=self.tmp, env=self.env, capture_output=True, text=True, timeout=120
                )
                if proc.returncode:
                    raise RuntimeError(proc.stderr[-800:])
                return float(proc.stdout.strip().splitlines()[-1]) / 1000, None

            return go

        contenders = {"bare_textual": paint("bare"), "wenmi": paint("wenmi")}
        for warm in contenders.values():
            warm()
        res = alternate(contenders, self.args.rounds)
        proc = subprocess.run([self.py, "-c", KEYS_CHILD, str(self.args.keys), str(ROOT / "benchmarks")], cwd=self.tmp,
                              env=self.env, capture_output=True, text=True, timeout=1200)  # fmt: skip
        keys: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1]) if proc.returncode == 0 else {}
        if proc.returncode:
            self.notes.append(f"按键延迟测量失败：{proc.stderr.strip()[-300:]}")
        self.results["tui"] = {
            "first_paint_ms": {k: float(v["wall_s"] or 0) * 1000 for k, v in res.items()},
            "paint_vs_bare": float(res["wenmi"]["wall_s"] or 0) / float(res["bare_textual"]["wall_s"] or 1),
            "key_to_screen": keys,
        }


#: docxtpl rendering the same content in process (run by the peers' python): a template made
#: once with python-docx, then per document DocxTemplate(template).render(...).save(buffer).
DOCXTPL_CHILD = r"""
import io, json, statistics, sys, time
import docx
from docxtpl import DocxTemplate
content = json.load(open(sys.argv[1], encoding="utf-8"))
t = docx.Document()
t.add_paragraph("{{ title }}")
t.add_paragraph("{%p for b in blocks %}")
t.add_paragraph("{{ b }}")
t.add_paragraph("{%p endfor %}")
table = t.add_table(rows=3, cols=4)
for i in range(4):
    table.rows[0].cells[i].text = "{{ header[%d] }}" % i
    table.rows[1].cells[i].text = "{{ r[%d] }}" % i
table.rows[1].cells[0].text = "{%tr for r in rows %}"
table.rows[1].cells[1].text = "{{ r[0] }}"
table.rows[2].cells[0].text = "{%tr endfor %}"
buf = io.BytesIO(); t.save(buf); template = buf.getvalue()
def one(c):
    d = DocxTemplate(io.BytesIO(template)); d.render(c); d.save(io.BytesIO())
one(content[0])
times = []
for c in content:
    s = time.process_time(); one(c); times.append(time.process_time() - s)
print(statistics.median(times) * 1000)
"""

#: Time from the first line of a fresh process until the app's first frame is rendered
#: (headless, 120×36): wenmi's TUI (the sample workbook) or a bare Textual app.
PAINT_CHILD = r"""
import time
start = time.perf_counter()
import asyncio, sys
if sys.argv[1] == "bare":
    from textual.app import App
    from textual.widgets import DataTable, Footer, Header
    class Bare(App):
        def compose(self):
            yield Header(); yield DataTable(); yield Footer()
        def on_mount(self):
            t = self.query_one(DataTable)
            t.add_columns("序号", "事项", "类别", "数据")
            for i in range(14):
                t.add_row(str(i + 1), "开展员工思想状况调查", "思想建设", "1131人次")
    app = Bare()
else:
    from assistant.tui.app import WenmiApp
    app = WenmiApp()
painted = []
display = app._display
def record(screen, renderable):
    if renderable is not None and not painted:
        painted.append(time.perf_counter())
    display(screen, renderable)
app._display = record
async def main():
    async with app.run_test(size=(120, 36)) as pilot:
        while not painted:
            await pilot.pause(0.002)
asyncio.run(main())
print((painted[0] - start) * 1000)
"""

#: Key-to-screen latency on a 1,000-achievement workbook: benchmarks/bench_tui.py's own loop
#: (`key_latency`: typing, the preview, moving on both pages), in a process of its own.
KEYS_CHILD = r"""
import asyncio, json, sys
sys.path.insert(0, sys.argv[2])
from bench_tui import key_latency
print(json.dumps(asyncio.run(key_latency(int(sys.argv[1]))), ensure_ascii=False))
"""


# --- report ----------------------------------------------------------------------------------


def _t(m: dict[str, Any] | None) -> str:
    if not m:
        return "—"
    cpu = m.get("cpu_s")
    return f"{m['wall_s'] * 1000:7.0f} ms（CPU {cpu * 1000:.0f} ms）" if cpu is not None else f"{m['wall_s'] * 1000:7.0f} ms"


def _verdict(value: float | None, limit: float) -> str:
    if value is None:
        return ""
    return "达标" if value <= limit else "未达标"


def report(results: dict[str, Any], notes: list[str]) -> str:
    lines: list[str] = []
    add = lines.append
    if "single" in results:
        s = results["single"]
        t, r = s["times"], s["ratios"]
        add("单篇生成（整个进程，交替运行的中位数；比值按 CPU 时间）")
        add(f"  导入下限 import docx, jinja2, yaml {_t(t.get('import_floor'))}")
        add(f"  wenmi render                      {_t(t.get('wenmi'))}")
        add(f"  pandoc                            {_t(t.get('pandoc'))}")
        add(f"  gongwen-skill md2docx             {_t(t.get('gongwen_md2docx'))}")
        add(f"  wenmi / 导入下限 = {r['vs_floor']:.2f}（目标 ≤ {TARGETS['single_vs_floor']}，{_verdict(r['vs_floor'], TARGETS['single_vs_floor'])}）")
        if "vs_gongwen" in r:
            add(f"  wenmi / gongwen-skill = {r['vs_gongwen']:.2f}（目标 ≤ {TARGETS['single_vs_gongwen']}，"
                f"{_verdict(r['vs_gongwen'], TARGETS['single_vs_gongwen'])}）")  # fmt: skip
        if "vs_pandoc" in r:
            add(f"  wenmi / pandoc = {r['vs_pandoc']:.2f}")
        add("  文件大小：" + "，".join(f"{k} {v / 1024:.1f} KB" for k, v in sorted(s["sizes_bytes"].items())))
    if "inproc" in results:
        p = results["inproc"]
        add("进程内生成（解析 + 写出，每篇中位数）")
        add(f"  wenmi {p['wenmi_ms']:.1f} ms；.docx {p['size_kb']:.1f} KB，{p['pages']} 页（目标 ≤ {TARGETS['size_kb']:.0f} KB，"
            f"{_verdict(p['size_kb'], TARGETS['size_kb'])}）")  # fmt: skip
        if "docxtpl_ms" in p:
            add(f"  docxtpl 同样内容 {p['docxtpl_ms']:.1f} ms；wenmi / docxtpl = {p['vs_docxtpl']:.2f}")
    if "batch" in results:
        b = results["batch"]
        add("批量 50 篇（一个 wenmi render 进程 对 50 次 pandoc）")
        add(f"  wenmi   {_t(b['times'].get('wenmi_batch_50'))}，每篇 {b['wenmi_ms_per_doc']:.1f} ms")
        add(f"  pandoc  {_t(b['times'].get('pandoc_loop_50'))}")
        if "vs_pandoc_loop" in b:
            add(f"  wenmi / pandoc 循环 = {b['vs_pandoc_loop']:.2f}（目标 ≤ {TARGETS['batch_vs_pandoc']}，"
                f"{_verdict(b['vs_pandoc_loop'], TARGETS['batch_vs_pandoc'])}）")  # fmt: skip
    if "sections" in results:
        s = results["sections"]
        add("规模：节数（进程内生成，最好成绩）")
        add("  " + "，".join(f"{n} 节 {t * 1000:.0f} ms" for n, t in s["seconds"].items())
            + f"；斜率 {s['ms_per_section']:.2f} ms/节；400 节与 100 节的单节耗时比 {s['growth_400_vs_100']:.2f}（1 为线性）")  # fmt: skip
    if "ledger" in results:
        g = results["ledger"]
        add("规模：成效条数（整个进程，CPU 时间）")
        for step in ("suggest", "render", "check"):
            cells = []
            for n, m in g["runs"][step].items():
                if isinstance(m, dict):
                    cells.append(f"{n} 条 {m['cpu_s'] if m['cpu_s'] is not None else m['wall_s']:.2f} s")
                else:
                    reason = m.split("，", 1)[1] if m.startswith("退出码") and "，" in m else m  # without the file
                    cells.append(f"{n} 条未完成（{reason[:120]}）")
            extra = ""
            if f"{step}_ms_per_1000" in g:
                extra = f"；斜率 {g[f'{step}_ms_per_1000'] / 1000:.2f} s/千条，末段单条耗时比 {g[f'{step}_growth_last']:.2f}（1 为线性）"
            add(f"  {step:<8}" + "，".join(cells) + extra)
        sug = g["runs"]["suggest"].get(10000)
        if isinstance(sug, dict):
            v = sug["cpu_s"] if sug["cpu_s"] is not None else sug["wall_s"]
            add(f"  suggest 1 万条 {v:.2f} s（目标 < {TARGETS['suggest_10000_s']:.0f} s，{_verdict(v, TARGETS['suggest_10000_s'])}）")
    if "phrases" in results:
        add("短语搜索（进程内，所有查询类型）")
        for label, p in results["phrases"].items():
            add(f"  {label}（{p['entries']} 条）P50 {p['p50_ms']:.2f} ms，P95 {p['p95_ms']:.2f} ms")
    if "tui" in results:
        u = results["tui"]
        f = u["first_paint_ms"]
        add("界面（Textual Pilot，无头，120×36）")
        add(f"  首次绘制：裸 Textual 应用 {f['bare_textual']:.0f} ms，wenmi {f['wenmi']:.0f} ms，比值 {u['paint_vs_bare']:.2f}")
        k = u["key_to_screen"]
        if k:
            add(f"  按键到画面（台账 {k['achievements']} 项成效，目标 P95 ≤ 50 ms）")
            for name, m in k["latency"].items():
                add(f"    {name:<8} 中位数 {m['median_ms']:.1f} ms，P95 {m['p95_ms']:.1f} ms（{m['n']} 次，{_verdict(m['p95_ms'], 50.0)}）")
            for key, what in (
                ("after_move", "来回移动同一项"),
                ("after_new_move", "每次移动另一项，光标停留 0.5 秒后"),
                ("after_cold_move", "每次移动另一项，光标一到即移"),
            ):
                if f"marked_{key}" in k:  # the same frame as the move: the preview says it is updating
                    m = k[f"marked_{key}"]
                    add(
                        f"    移动后预览标出正在重排（临时画面，{what}）中位数 {m['median_ms']:.0f} ms，"
                        f"P95 {m['p95_ms']:.0f} ms（{_verdict(m['p95_ms'], 50.0)}）"
                    )
                if f"preview_{key}" in k:
                    m = k[f"preview_{key}"]
                    add(
                        f"    移动后预览换成重排后的文稿（后台组稿，{what}）中位数 {m['median_ms']:.0f} ms，"
                        f"P95 {m['p95_ms']:.0f} ms（{_verdict(m['p95_ms'], 50.0)}）"
                    )
    for note in notes:
        add(f"注：{note}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="wenmi 性能基准：每项与同一次运行中的对照组比较")
    ap.add_argument("--json", action="store_true", help="输出 JSON（机器可读）")
    ap.add_argument("--quick", action="store_true", help="快速：成效规模只测到 1000 条")
    ap.add_argument("--rounds", type=int, default=7, help="交替运行的轮数（默认 7）")
    ap.add_argument("--only", default=",".join(SECTIONS), help="只运行这些部分，逗号分隔：" + ",".join(SECTIONS))
    ap.add_argument("--peers", default=os.environ.get("WENMI_PEERS", str(ROOT.parent / "peers-venv")),
                    help="装有 gongwen-skill 和 docxtpl 的虚拟环境（默认 ../peers-venv）")  # fmt: skip
    ap.add_argument("--max-achievements", type=int, default=10000, help="成效规模的上限（默认 10000）")
    ap.add_argument("--timeout", type=float, default=900, help="成效规模每条命令的时限，秒（默认 900）")
    ap.add_argument("--keys", type=int, default=30, help="按键延迟测量中输入的按键数（默认 30）")
    args = ap.parse_args(argv)
    only = [s.strip() for s in args.only.split(",") if s.strip()]
    unknown = [s for s in only if s not in SECTIONS]
    if unknown:
        ap.error(f"未知的部分：{'、'.join(unknown)}；可选 {','.join(SECTIONS)}")
    # An install compiles wenmi to bytecode, as site-packages already is for the peers and the
    # floor; do the same (PYTHONDONTWRITEBYTECODE would otherwise make every run compile wenmi).
    import compileall

    compileall.compile_dir(str(ROOT / "assistant"), quiet=1)
    random.seed(0)
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["WENMI_HOME"] = str(Path(tmp) / "home")  # in-process parts too: no user config
        bench = Bench(args, Path(tmp))
        for name in only:
            start = time.perf_counter()
            try:
                getattr(bench, name)()
            except Exception as exc:  # noqa: BLE001 - one broken section must not hide the others
                bench.notes.append(f"{name} 失败：{type(exc).__name__}: {str(exc)[:300]}")
            if not args.json:
                print(f"（{name} 用时 {time.perf_counter() - start:.0f} s）", file=sys.stderr)
    if args.json:
        print(json.dumps({"results": bench.results, "notes": bench.notes, "targets": TARGETS,
                          "python": sys.version.split()[0], "cpus": os.cpu_count()}, ensure_ascii=False, indent=2))  # fmt: skip
    else:
        print(report(bench.results, bench.notes))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
