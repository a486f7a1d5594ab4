"""Run an attack in a child process the operating system bounds.

A guard that regresses must not take the test run down with it: a YAML or zip bomb that gets
past its guard would use gigabytes and minutes in-process. Here the attack runs in a fresh
`python` with an address-space limit (`RLIMIT_AS`, 1.5 GB by default) and a CPU-time limit, and
is killed at a wall-clock timeout; the caller gets the exit code, stdout, stderr, and (POSIX)
the CPU seconds and peak memory the child used, measured by `os.wait4`.

Windows has no `resource` module (and macOS ignores RLIMIT_AS): there the child runs with the
timeout only and `Outcome.limited` is False (`WHY_UNLIMITED` says so, for skips); on Windows
`Outcome.peak_mb` and `cpu_seconds` are None.

    run_cli("suggest", str(path), env={"WENMI_HOME": ...})      # python -m assistant suggest …
    call("assistant.safeyaml:load", text)                         # a function, with string arguments
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: Address space a child may use: far above what any guarded attack needs (~150 MB), far
#: below what an unguarded one takes (the issue measured 6–8 GB).
MEMORY_BYTES = 1536 * 1024 * 1024
#: Default wall-clock timeout; the CPU limit is the same number of CPU seconds. Generous
#: because the machine running the tests may be busy: a guarded attack takes a second or two.
TIMEOUT = 60.0
#: RLIMIT_AS is what bounds memory; Windows has no `resource` module and macOS ignores RLIMIT_AS.
OS_LIMITS = sys.platform not in ("win32", "darwin")
WHY_UNLIMITED = "Windows 没有 resource 模块（macOS 不执行 RLIMIT_AS）：子进程只限时，不限内存"

#: What the child runs first: set the limits, then run the module or call the function.
_BOOT = """\
import atexit, os, sys
memory, cpu, mode, target = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4]
def _peak():
    # this process's own high-water mark (Linux): the kernel's ru_maxrss also counts the
    # parent's pages from before exec, which in a long test run are hundreds of MB
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            kb = next(line.split()[1] for line in f if line.startswith("VmHWM:"))
        with open(os.environ["HOSTILE_PEAK"], "w", encoding="ascii") as f:
            f.write(kb)
    except (OSError, KeyError, StopIteration):
        pass
atexit.register(_peak)
if memory:
    import resource
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 5))
args = sys.argv[5:]
if mode == "module":
    import runpy
    sys.argv = [target, *args]
    runpy.run_module(target, run_name="__main__", alter_sys=True)
else:
    import importlib, traceback
    module, _, name = target.partition(":")
    try:
        result = getattr(importlib.import_module(module), name)(*args)
    except BaseException as exc:
        traceback.print_exc()
        print(f"RAISED {type(exc).__name__}: {exc}", file=sys.stderr)
        sys.exit(1)
    print(result)
"""


@dataclass
class Outcome:
    """How a bounded child process ended."""

    #: Exit code; None when it was killed at the timeout.
    code: int | None
    stdout: str
    stderr: str
    #: Wall-clock seconds until it ended (or was killed).
    seconds: float
    #: CPU seconds (user + system) and peak resident memory in MB; None where unmeasured (Windows).
    cpu_seconds: float | None
    peak_mb: float | None
    #: Whether the memory and CPU limits applied.
    limited: bool

    @property
    def raised(self) -> str | None:
        """The exception a `call` target raised: "TypeName: message", or None."""
        for line in reversed(self.stderr.splitlines()):
            if line.startswith("RAISED "):
                return line.removeprefix("RAISED ")
        return None

    def describe(self) -> str:
        """What to print when an assertion about the outcome fails."""
        return (
            f"exit {self.code} after {self.seconds:.1f} s (cpu {self.cpu_seconds}, peak {self.peak_mb} MB)\n"
            f"stdout: {self.stdout[-2000:]}\nstderr: {self.stderr[-2000:]}"
        )


def run_cli(
    *args: str,
    env: Mapping[str, str] | None = None,
    cwd: Path | None = None,
    timeout: float = TIMEOUT,
    memory: int = MEMORY_BYTES,
) -> Outcome:
    """`python -m assistant ARGS…` in a bounded child; `env` is added to this process's environment."""
    return _run("module", "assistant", args, env, cwd, timeout, memory)


def call(
    target: str,
    *args: str,
    env: Mapping[str, str] | None = None,
    timeout: float = TIMEOUT,
    memory: int = MEMORY_BYTES,
) -> Outcome:
    """`module:function` called with string `args` in a bounded child. What it returns is
    printed to stdout; an exception ends it with exit 1 and `Outcome.raised`."""
    return _run("call", target, args, env, None, timeout, memory)


def _run(
    mode: str,
    target: str,
    args: tuple[str, ...],
    env: Mapping[str, str] | None,
    cwd: Path | None,
    timeout: float,
    memory: int,
) -> Outcome:
    child_env = {**os.environ, **(env or {})}
    # the test modules (`tests.…`) import from a child started anywhere
    child_env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), child_env.get("PYTHONPATH", "")]))
    child_env["PYTHONIOENCODING"] = "utf-8"
    limits = [str(memory if OS_LIMITS else 0), str(max(1, int(timeout)))]
    cmd = [sys.executable, "-c", _BOOT, *limits, mode, target, *args]
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, tempfile.TemporaryDirectory() as tmp:
        child_env["HOSTILE_PEAK"] = peak_file = str(Path(tmp) / "peak")
        start = time.monotonic()
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=out, stderr=err, env=child_env, cwd=cwd)
        code, cpu, peak = _wait(proc, start + timeout)
        seconds = time.monotonic() - start
        # no /proc, or killed before it could write: the kernel's figure stands
        with contextlib.suppress(OSError, ValueError):
            peak = int(Path(peak_file).read_text(encoding="ascii")) / 1024  # VmHWM, kB
        out.seek(0)
        err.seek(0)
        return Outcome(
            code,
            out.read().decode("utf-8", errors="replace"),
            err.read().decode("utf-8", errors="replace"),
            seconds,
            cpu,
            peak,
            OS_LIMITS,
        )


def _wait(proc: subprocess.Popen[bytes], deadline: float) -> tuple[int | None, float | None, float | None]:
    """Wait for `proc` until `deadline` (killing it then): its exit code (None when killed at
    the deadline), CPU seconds and peak memory in MB (POSIX: from the kernel's accounting)."""
    wait4 = getattr(os, "wait4", None)
    if wait4 is None:
        try:
            return proc.wait(max(0.0, deadline - time.monotonic())), None, None
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
            return None, None, None
    timed_out = False
    while True:
        pid, status, usage = wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.monotonic() > deadline:
            proc.kill()
            pid, status, usage = wait4(proc.pid, 0)
            timed_out = True
            break
        time.sleep(0.02)
    proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here: Popen must not wait again
    # ru_maxrss is in kilobytes on Linux, in bytes on macOS
    peak = usage.ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)
    return (None if timed_out else proc.returncode), usage.ru_utime + usage.ru_stime, peak


def assert_bounded(outcome: Outcome, *, peak_mb: float = 500, cpu_seconds: float = 30) -> None:
    """The child ended on its own, within `peak_mb` MB and `cpu_seconds` where that is measured
    (a guarded attack needs ~150 MB and a second or two; an unguarded one, gigabytes and minutes)."""
    assert outcome.code is not None, "killed at the timeout\n" + outcome.describe()
    if outcome.limited:
        assert outcome.peak_mb is not None and outcome.peak_mb < peak_mb, outcome.describe()
        assert outcome.cpu_seconds is not None and outcome.cpu_seconds < cpu_seconds, outcome.describe()


def allocate(megabytes: str) -> int:
    """Hold `megabytes` MB at once (a `call` target showing the memory limit is real)."""
    return len(bytearray(int(megabytes) * 1024 * 1024))
