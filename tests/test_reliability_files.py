"""Writing and reading the user's own files safely: no-clobber that is atomic, recovery files
that cannot crash start-up or 恢复, numbering past 九十九, a phrase file in the wrong encoding,
system errors in Chinese."""

from __future__ import annotations

import errno
import json
import shutil
import threading
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant import atomic
from assistant.cli import main
from assistant.document.markup import parse_markup
from assistant.document.model import cn_count
from assistant.errors import WenmiError
from assistant.render import write_output
from assistant.tui.recovery import Recovery, RecoveryError, read_recovery, recovery_file, write_recovery

DOC = "# 关于开展学习的通知\n各党支部：\n请认真组织学习。\n"
WORKBOOK = "unit: 党群工作部\nperiod: 2023年\nachievements:\n  - title: 开展学习\n"


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WENMI_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("WENMI_PATH", raising=False)


class TestNoClobber:
    """Without --force the last step refuses when the target appeared meanwhile."""

    def test_a_file_that_appears_during_the_render_is_kept(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        import assistant.render as render

        (tmp_path / "out").mkdir()
        out = tmp_path / "out" / "通知.docx"
        real = render.document_bytes

        def slow_render(*args: Any, **kwargs: Any) -> bytes:
            out.write_bytes(b"the other render's document")  # another process wins the race
            return real(*args, **kwargs)

        monkeypatch.setattr(render, "document_bytes", slow_render)
        with pytest.raises(WenmiError, match="已存在，未覆盖"):
            write_output(parse_markup(DOC), out, "docx", force=False)
        assert out.read_bytes() == b"the other render's document"
        assert [p.name for p in out.parent.iterdir()] == ["通知.docx"]  # no temp file left

    def test_eight_writers_one_winner(self, tmp_path: Path) -> None:
        target = tmp_path / "same.docx"
        barrier = threading.Barrier(8)
        results: dict[int, str] = {}

        def write(i: int) -> None:
            barrier.wait()
            try:
                atomic.write_bytes_atomic(target, f"writer {i}".encode(), replace=False)
                results[i] = "written"
            except FileExistsError:
                results[i] = "refused"

        threads = [threading.Thread(target=write, args=(i,)) for i in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        winners = [i for i, r in results.items() if r == "written"]
        assert len(winners) == 1 and len(results) == 8
        assert target.read_bytes() == f"writer {winners[0]}".encode()
        assert [p.name for p in tmp_path.iterdir()] == ["same.docx"]

    def test_eight_renders_to_one_path(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        src = tmp_path / "通知.md"
        src.write_text(DOC, encoding="utf-8")
        out = tmp_path / "same.docx"
        barrier = threading.Barrier(8)
        codes: list[int] = []

        def run() -> None:
            barrier.wait()
            try:
                codes.append(main(["render", str(src), "-o", str(out)]))
            except WenmiError:
                codes.append(1)

        threads = [threading.Thread(target=run) for _ in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert sorted(codes) == [0] + [1] * 7
        assert capsys.readouterr().out.count("已生成") == 1

    def test_force_replaces_and_keeps_permissions(self, tmp_path: Path) -> None:
        out = tmp_path / "通知.docx"
        out.write_bytes(b"old")
        out.chmod(0o600)
        write_output(parse_markup(DOC), out, "docx", force=True)
        assert out.read_bytes()[:2] == b"PK" and (out.stat().st_mode & 0o777) == 0o600

    def test_system_errors_are_in_chinese(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        def full(*args: Any, **kwargs: Any) -> None:
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(atomic, "write_bytes_atomic", full)
        with pytest.raises(WenmiError, match="磁盘空间不足") as info:
            write_output(parse_markup(DOC), tmp_path / "通知.docx", "docx")
        assert "No space" not in str(info.value)
        assert atomic.describe_os_error(OSError(errno.EROFS, "Read-only file system")) == "所在磁盘或文件夹是只读的"


class TestRecovery:
    """A bad recovery file is set aside with a message; a good one still restores."""

    KEY = "sample"

    def write(self, data: Any) -> Path:
        path = recovery_file(self.KEY)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(data if isinstance(data, str) else json.dumps(data, ensure_ascii=False), encoding="utf-8")
        return path

    def good(self) -> dict[str, Any]:
        return json.loads(Recovery(self.KEY, WORKBOOK, {"current_section": 2}).to_json())

    def test_a_good_file_reads(self) -> None:
        write_recovery(self.KEY, Recovery(self.KEY, WORKBOOK, {"current_section": 2},
                                          {"index": None, "data": {"title": "新", "metrics": []}}))  # fmt: skip
        got = read_recovery(self.KEY)
        assert got is not None and got.state == {"current_section": 2} and got.draft["data"]["title"] == "新"

    @pytest.mark.parametrize(
        ("change", "words"),
        [
            ({"state": {"current_section": "二"}}, "current_section"),
            ({"state": [1, 2]}, "state"),
            ({"draft": {"index": "x", "data": {}}}, "index"),
            ({"draft": {"index": 0, "data": ["title"]}}, "data"),
            ({"draft": {"index": 0, "data": {"metrics": [["1"]]}}}, "metrics"),
            ({"workbook": 3}, "台账内容"),
            ({"workbook": "unit: [\n"}, "台账无法读取"),
            ({"source": "another"}, "不属于"),
        ],
    )
    def test_wrong_types_are_set_aside(self, change: dict[str, Any], words: str) -> None:
        path = self.write(self.good() | change)
        with pytest.raises(RecoveryError, match=words) as info:
            read_recovery(self.KEY)
        aside = list(path.parent.glob("*.json.bak"))
        assert not path.exists() and len(aside) == 1 and str(aside[0]) in str(info.value)
        assert read_recovery(self.KEY) is None  # the next start is clean

    def test_deep_nesting_is_set_aside(self) -> None:
        self.write('{"source": "sample", "state": ' + "[" * 100_000 + "]" * 100_000 + "}")
        with pytest.raises(RecoveryError, match="嵌套"):
            read_recovery(self.KEY)

    def test_a_workbook_error_names_the_recovery_file(self) -> None:
        self.write(self.good() | {"workbook": "unit: 单位\nachievements: [\n"})
        with pytest.raises(RecoveryError) as info:
            read_recovery(self.KEY)
        assert "中的台账" in str(info.value) and "samples" not in str(info.value)

    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(
        st.dictionaries(
            st.sampled_from(["state", "draft", "workbook", "saved_at", "history", "version"]),
            st.recursive(
                st.none() | st.booleans() | st.integers() | st.text(max_size=5),
                lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
                max_leaves=8,
            ),
        )
    )
    def test_fuzz_never_crashes(self, change: dict[str, Any]) -> None:
        shutil.rmtree(recovery_file(self.KEY).parent, ignore_errors=True)
        self.write(self.good() | change)
        try:
            got = read_recovery(self.KEY)
        except RecoveryError:
            return
        assert got is not None
        from assistant.tui.engine import workbook_from_yaml
        from assistant.tui.session import Session

        session = Session(workbook_from_yaml(got.workbook_yaml, None), save_path=None)
        session.restore_state(got.state)  # 恢复 must not raise on what read_recovery let through
        if got.draft is not None:
            assert got.draft["index"] is None or isinstance(got.draft["index"], int)
            assert isinstance(got.draft["data"], dict)

    async def test_start_up_with_a_bad_file_warns_and_runs(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        from assistant import paths
        from assistant.phrasebank import clear_bank_cache
        from assistant.templating import clear_catalog_cache
        from assistant.tui.app import WenmiApp
        from assistant.tui.dialogs.confirm import ConfirmDialog
        from tests.tui.conftest import DATA, settle

        monkeypatch.setattr(paths, "packaged_dir", lambda name: DATA / name)
        clear_catalog_cache()
        clear_bank_cache()
        workbook = tmp_path / "台账.yaml"
        shutil.copy(DATA / "workbook.yaml", workbook)
        self.KEY = str(workbook.resolve())
        self.write({"source": self.KEY, "workbook": WORKBOOK, "state": {"current_section": {"a": [1]}}})
        app = WenmiApp(workbook)
        async with app.run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            assert app.session is not None and not isinstance(app.screen, ConfirmDialog)  # nothing offered
            assert any("恢复文件" in str(n.message) and ".json.bak" in str(n.message) for n in app._notifications)
        clear_catalog_cache()
        clear_bank_cache()


class TestNumberingPast99:
    @pytest.mark.parametrize(
        ("n", "words"),
        [(99, "九十九"), (100, "一百"), (101, "一百零一"), (110, "一百一十"), (120, "一百二十"), (999, "九百九十九"),
         (1000, "一千"), (1001, "一千零一"), (1010, "一千零一十"), (10001, "一万零一")],
    )  # fmt: skip
    def test_chinese_counts(self, n: int, words: str) -> None:
        assert cn_count(n) == words

    def test_a_document_with_120_headings_renders(self, tmp_path: Path) -> None:
        import docx

        text = "# 关于测试的通知\n" + "".join(f"## 第{i}项\n### 小项\n正文。\n" for i in range(1, 121))
        out = tmp_path / "多.docx"
        write_output(parse_markup(text), out, "docx")
        paragraphs = [p.text for p in docx.Document(str(out)).paragraphs]
        assert "一百、第100项" in paragraphs and "一百二十、第120项" in paragraphs
        assert paragraphs.count("（一）小项") == 120


class TestPhraseFile:
    def test_non_utf8_user_file_is_refused_and_kept(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        from assistant.phrasebank.userfile import user_phrase_file

        path = user_phrase_file()
        path.parent.mkdir(parents=True)
        old = "kind: phrase\nentries:\n  - {text: 提高站位, theme: 通用, role: 站位}\n".encode("gbk")
        path.write_bytes(old)
        assert main(["phrases", "add", "务实担当", "--theme", "通用", "--role", "落实"]) == 1
        err = capsys.readouterr().err
        assert "不是 UTF-8 编码" in err and "my-phrases.yaml" in err and "Traceback" not in err
        assert path.read_bytes() == old
