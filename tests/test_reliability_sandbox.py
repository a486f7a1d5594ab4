"""The template sandbox bounds work done inside filters, really stops on time or when cancelled,
scales its limits with the 台账, and refuses bodies the compiler cannot take with a located error."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from assistant.cli import main
from assistant.errors import WenmiError
from assistant.templating import clear_catalog_cache, load_template_text, render_template, sandbox
from tests import hostile

TEMPLATE = """\
id: zf-demo
name: 示例模板
category: 作风建设
doctype: 工作总结
keywords: [作风建设]
description: 用于测试。
sample:
  unit: 党群工作部
body: |
"""
BODY_LINE = 10  # file line of the body's first line


def template(body: str, tid: str = "zf-demo") -> str:
    return TEMPLATE.replace("zf-demo", tid) + "".join(f"  {line}\n" for line in body.splitlines())


def render(body: str, **context: object) -> str:
    return render_template(load_template_text(template(body), path=Path("demo.yaml")), {"unit": "单位", **context})


def achievements(n: int) -> list[SimpleNamespace]:
    return [SimpleNamespace(title=f"开展学习{i}") for i in range(n)]


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WENMI_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("WENMI_PATH", raising=False)
    clear_catalog_cache()


class TestWorkInsideFilters:
    """What `map` and generators do inside a filter counts like the body's own work."""

    def test_map_center_chain_stops_on_the_work_budget(self) -> None:
        # 2,000 strings of 200,000 characters built one by one (minutes without the budget), so
        # the render runs where the OS bounds it
        body = "{% set big = 'x' * 2000 %}{{ big|map('center', 200000)|map('length')|sum }}"
        outcome = hostile.call("tests.test_reliability_sandbox:render", body)
        hostile.assert_bounded(outcome)
        assert (outcome.raised or "").startswith(f"WenmiError: demo.yaml，第{BODY_LINE}行"), outcome.describe()
        assert "文字总量" in (outcome.raised or "")

    def test_list_of_a_generator_stops_before_holding_it_all(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setattr(sandbox, "MAX_WORK_CHARS", 10**12)  # only the size of what list collects
        with pytest.raises(WenmiError, match="汇集的内容过大"):
            render("{% set big = 'x' * 50 %}{{ big|map('center', 150000)|list|length }}")

    def test_filter_calls_count_as_steps(self) -> None:
        # 300 loop iterations, but 300,000 calls of `abs` made by `map`
        with pytest.raises(WenmiError, match="循环和调用次数超过上限"):
            render("{% for i in range(300) %}{{ range(1000)|map('abs')|sum }}{% endfor %}")

    def test_repeated_big_strings_count_against_the_budget(self) -> None:
        with pytest.raises(WenmiError, match="文字总量"):
            render("{% set s = 'x' * 200000 %}{% for i in range(1000) %}{% set t = s * 1 %}{% endfor %}")

    def test_ordinary_chains_still_render(self) -> None:
        out = render("{{ items|map('upper')|select|list|join('、') }}|{{ range(5)|map('string')|join }}",
                     items=["a", "b", ""])  # fmt: skip
        assert out.strip() == "A、B|01234"


class TestStopping:
    def test_the_clock_is_checked_at_every_step(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setattr(sandbox, "MAX_SECONDS", 0.0)
        with pytest.raises(WenmiError, match="秒"):
            render("{% for i in range(100) %}{{ i }}{% endfor %}")  # fewer steps than any sampling

    def test_cancel_stops_a_running_render_and_not_the_next(self) -> None:
        body = "{% for i in range(50) %}{% if i == 3 %}{{ stop() }}{% endif %}{{ i }}{% endfor %}"
        with pytest.raises(WenmiError, match="已取消"):
            render(body, stop=sandbox.cancel_renders)
        assert render("{% for i in range(3) %}{{ i }}{% endfor %}").strip() == "012"


class TestScale:
    """A long 台账 raises the limits; past them the message blames the 台账, not the template."""

    def test_step_budget_grows_with_the_achievements(self) -> None:
        body = "{% for a in achievements %}{% for i in range(300) %}{% endfor %}{% endfor %}ok"
        assert render(body, achievements=achievements(1000)).strip() == "ok"  # 300,000 steps

    def test_too_long_for_one_document_says_so(self) -> None:
        body = "{% for a in achievements %}{{ 'x' * 2000 }}{% endfor %}"
        with pytest.raises(WenmiError) as info:
            render(body, achievements=achievements(400))
        text = str(info.value)
        assert "台账有 400 项成效" in text and "拆" in text and "循环" not in text

    def test_a_huge_text_in_the_workbook_is_named(self) -> None:
        with pytest.raises(WenmiError, match="台账中有一段文字长达 300000 字符") as info:
            render("{{ title|upper }}", title="题" * 300_000)
        assert "死循环" not in str(info.value)

    def test_render_refuses_early_beyond_what_a_document_holds(self, monkeypatch: pytest.MonkeyPatch) -> None:
        from assistant.ledger.workbook import Achievement, Workbook
        from assistant.render import compose_document

        monkeypatch.setattr(sandbox, "MAX_SCALED_ACHIEVEMENTS", 5)
        wb = Workbook(unit="党群工作部", achievements=[Achievement(title=f"开展学习{i}") for i in range(6)])
        with pytest.raises(WenmiError, match="台账有 6 项成效") as info:
            compose_document(wb, "zf-jyjl-4gao")
        assert "category" in (info.value.hint or "")


class TestCompilerLimits:
    """Bodies too deep for Python's compiler are located errors, not tracebacks."""

    @pytest.mark.parametrize(
        ("body", "words"),
        [
            ("{% if x %}" * 99 + "a" + "{% endif %}" * 99, "嵌套超过"),
            ("".join(f"{{% for i{n} in [1] %}}" for n in range(25)) + "a" + "{% endfor %}" * 25, "嵌套超过"),
            ("第一行\n{{ " + "(" * 5000 + "1" + ")" * 5000 + " }}", "括号嵌套"),
            ("{{ 1" + "+1" * 20000 + " }}", "运算符超过"),
            ("{{ x" + "|upper" * 5000 + " }}", "运算符超过"),
        ],
    )
    def test_too_deep_is_located(self, body: str, words: str) -> None:
        with pytest.raises(WenmiError, match=words) as info:
            render(body, x="a")
        expected = BODY_LINE + (1 if body.startswith("第一行") else 0)
        assert info.value.location.line == expected

    def test_validate_reports_the_bad_file_and_checks_the_rest(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        folder = tmp_path / "extra" / "templates"
        folder.mkdir(parents=True)
        (folder / "zf-deep.yaml").write_text(template("{% if x %}" * 99 + "{% endif %}" * 99, "zf-deep"),
                                             encoding="utf-8")  # fmt: skip
        (folder / "zf-paren.yaml").write_text(template("{{ " + "(" * 5000 + ")" * 5000 + " }}", "zf-paren"),
                                              encoding="utf-8")  # fmt: skip
        (folder / "zf-good.yaml").write_text(template("# {{ unit }}工作总结\n正文。", "zf-good"), encoding="utf-8")
        monkeypatch.setenv("WENMI_PATH", str(tmp_path / "extra"))
        assert main(["templates", "validate", str(folder)]) == 1
        out = capsys.readouterr()
        text = out.out + out.err
        assert "Traceback" not in text
        assert f"zf-deep.yaml:第{BODY_LINE}行" in text and f"zf-paren.yaml:第{BODY_LINE}行" in text
        assert "3 个模板" in text and "2 个未通过" in text


class TestQuitWhileRendering:
    async def test_quitting_the_app_stops_a_runaway_render(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """The render thread of a runaway body (limits lifted here) ends when the app does, so the
        process can exit (it used to wait for the thread, and Ctrl+C then printed a traceback)."""
        import threading

        from assistant import paths
        from assistant.tui.app import WenmiApp
        from tests.tui.conftest import DATA, settle

        monkeypatch.setattr(paths, "packaged_dir", lambda name: DATA / name)
        monkeypatch.setattr(sandbox, "MAX_STEPS", 10**12)
        monkeypatch.setattr(sandbox, "MAX_SECONDS", 600.0)
        clear_catalog_cache()
        outcome: list[str] = []
        started = threading.Event()

        def runaway() -> None:
            body = "{% for i in range(1000) %}{{ mark() }}{% for j in range(1000) %}{% for k in range(1000) %}"
            body += "{% endfor %}{% endfor %}{% endfor %}"
            try:
                render(body, mark=started.set)
                outcome.append("finished")
            except WenmiError as err:
                outcome.append(str(err))

        app = WenmiApp(None)
        async with app.run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            thread = threading.Thread(target=runaway, daemon=True)
            thread.start()
            assert started.wait(10)
        thread.join(10)
        assert not thread.is_alive() and "已取消" in outcome[0]
