"""Benchmark: one `wenmi render` against the bare cost of importing its libraries.

Target (issue "Foundation"): a single render of a seed-sized document finishes within 1.6x the
time Python takes just to import python-docx, jinja2 and yaml. Both are measured here, in fresh
processes, in the same run, best of --repeat. Also reports the in-process time of parse + write.

    python benchmarks/bench_render.py [--repeat 7]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DOC = """# 关于全面践行“严、真、细、实、快”工作作风建设的实施方案
主送：各党支部：
为深入贯彻公司党委部署要求，推动作风建设走深走实，制定本方案。
## 指导思想
坚持以党建引领发展，把作风建设贯穿工作全过程、各环节。
## 主要任务
### 提高站位
#### 以“实施方案”定方向。收到上级有关文件后，迅速起草实施方案，提出15个工作目标。
#### 以“问题导向”抓整改。形成工作配档表15份，每月25日前定期调度。
### 压实责任
累计调度各单位制定践行举措600余条，形成层层抓落实的工作格局。
表：工作配档表
| 序号 | 工作任务 | 责任单位 | 完成时限 |
| -- | -------- | ---- | ---- |
| 1 | 起草实施方案 | 党群工作部 | 2023年3月 |
落款：党群工作部
日期：2023-01-11
"""


def best(cmd: list[str], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True)
        times.append(time.perf_counter() - t)
    return min(times)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--repeat", type=int, default=7)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "doc.md"
        src.write_text(DOC, encoding="utf-8")
        out = Path(tmp) / "doc.docx"
        py = sys.executable
        # An install compiles the package to bytecode, as site-packages already is for the baseline's
        # libraries; do the same here (a machine may set PYTHONDONTWRITEBYTECODE, and then every run
        # would compile wenmi from source while the baseline does not).
        import compileall

        compileall.compile_dir(str(ROOT / "assistant"), quiet=1)
        # Warm the caches a real user has after the first run (compact jieba dictionary).
        subprocess.run([py, "-m", "assistant", "render", str(src), "-o", str(out), "--force"], check=True,
                       capture_output=True, cwd=ROOT)  # fmt: skip
        baseline = best([py, "-c", "import docx, jinja2, yaml"], args.repeat)
        bare = best([py, "-c", "pass"], args.repeat)
        render = best([py, "-m", "assistant", "render", str(src), "-o", str(out), "--force"], args.repeat)

        from assistant.document.markup import parse_markup
        from assistant.render import document_bytes

        document_bytes(parse_markup(DOC), "docx")
        t = time.perf_counter()
        for _ in range(args.repeat):
            document_bytes(parse_markup(DOC), "docx")
        in_process = (time.perf_counter() - t) / args.repeat

    ratio = render / baseline
    print(f"{'measure':<44}{'seconds':>10}")
    print(f"{'python -c pass':<44}{bare:>10.3f}")
    print(f"{'import docx, jinja2, yaml (baseline)':<44}{baseline:>10.3f}")
    print(f"{'wenmi render (one document, fresh process)':<44}{render:>10.3f}")
    print(f"{'parse + write in process (warm)':<44}{in_process:>10.3f}")
    print(f"ratio render / baseline = {ratio:.2f}  (target <= 1.6: {'met' if ratio <= 1.6 else 'NOT met'})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
