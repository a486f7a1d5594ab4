"""The template engine: schema checks, located errors, the sandbox's limits, discovery."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from assistant import paths
from assistant.compose.samples import validate_template_file
from assistant.errors import Diagnostic, WenmiError, WenmiErrors
from assistant.templating import (
    clear_catalog_cache,
    load_catalog,
    load_template_file,
    load_template_text,
    render_template,
)
from assistant.templating.filters import cnjoin, cnnum, ordinal, phrases, total
from assistant.templating.loader import read_info

FIXTURES = Path(__file__).parent / "fixtures" / "templates"

#: A minimal valid template; the body's first line is file line 13.
VALID = """\
id: zf-demo
name: 示例模板
category: 作风建设
doctype: 工作总结
keywords: [作风建设]
description: 用于测试。
slots:
  - {name: 主题, label: 主题, type: text, required: true}
sample:
  unit: 党群工作部
  fields: {主题: 作风建设}
body: |
  # {{ unit }}{{ 主题 }}工作总结
  正文段落。
"""
BODY_FIRST_LINE = 13


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """User folder in tmp, no WENMI_PATH, fresh catalogue cache."""
    monkeypatch.setenv("WENMI_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("WENMI_PATH", raising=False)
    clear_catalog_cache()


def with_body(body: str, text: str = VALID) -> str:
    head = text[: text.index("body: |")]
    lines = "".join(f"  {line}\n" for line in body.splitlines())
    return f"{head}body: |\n{lines}"


def render(body: str, **context: object) -> str:
    template = load_template_text(with_body(body), path=Path("demo.yaml"))
    return render_template(template, {"unit": "党群工作部", "主题": "作风建设", **context})


def problems(err: WenmiError) -> list[WenmiError]:
    return err.errors if isinstance(err, WenmiErrors) else [err]


# --- schema ---------------------------------------------------------------------------------


class TestSchema:
    """Schema problems are reported together, each with its file line."""

    def test_valid_template_loads_with_body_line(self) -> None:
        t = load_template_text(VALID)
        assert t.id == "zf-demo" and t.slots[0].name == "主题" and t.slots[0].required
        assert t.body_line == BODY_FIRST_LINE
        assert t.file_line(2) == BODY_FIRST_LINE + 1

    def test_missing_required_keys(self) -> None:
        text = VALID.replace("doctype: 工作总结\n", "").replace("description: 用于测试。\n", "")
        with pytest.raises(WenmiError) as info:
            load_template_text(text)
        messages = " ".join(e.message for e in problems(info.value))
        assert "缺少必填项“doctype”" in messages and "缺少必填项“description”" in messages

    def test_unknown_slot_type_is_located_with_suggestion(self) -> None:
        text = VALID.replace("type: text", "type: txt")
        with pytest.raises(WenmiError) as info:
            load_template_text(text, path=Path("demo.yaml"))
        err = problems(info.value)[0]
        assert "类型“txt”未知" in err.message
        assert err.location.line == 8
        assert "text" in (err.hint or "")
        assert str(err).startswith("demo.yaml，第8行")

    def test_category_doctype_and_id_checked(self) -> None:
        text = VALID.replace("category: 作风建设", "category: 作风").replace(
            "doctype: 工作总结", "doctype: 总结报告"
        )
        text = text.replace("id: zf-demo", "id: ZF_demo")
        with pytest.raises(WenmiError) as info:
            load_template_text(text)
        by_field = {e.location.field: e for e in problems(info.value)}
        assert by_field["category"].location.line == 3 and "作风建设" in (by_field["category"].hint or "")
        assert by_field["doctype"].location.line == 4
        assert by_field["id"].location.line == 1

    def test_id_prefix_must_match_category(self) -> None:
        with pytest.raises(WenmiError, match="前缀"):
            load_template_text(VALID.replace("id: zf-demo", "id: zz-demo"))

    def test_unknown_key_suggests_the_right_one(self) -> None:
        with pytest.raises(WenmiError) as info:
            load_template_text(VALID.replace("keywords:", "keyword:"))
        messages = [str(e) for e in problems(info.value)]
        assert any("未知的键“keyword”" in m and "keywords" in m for m in messages)

    def test_slot_name_must_be_a_variable_name(self) -> None:
        with pytest.raises(WenmiError, match="不能用作变量名"):
            load_template_text(VALID.replace("{name: 主题,", "{name: 工作 主题,"))

    def test_slot_cannot_shadow_context(self) -> None:
        with pytest.raises(WenmiError, match="内置变量重名"):
            load_template_text(VALID.replace("{name: 主题,", "{name: unit,"))

    def test_yaml_syntax_error_is_located(self) -> None:
        with pytest.raises(WenmiError) as info:
            load_template_text(
                VALID.replace("doctype: 工作总结", "doctype: [工作总结"), path=Path("bad.yaml")
            )
        assert info.value.location.line is not None and info.value.location.file == "bad.yaml"

    def test_duplicate_key_reported(self) -> None:
        with pytest.raises(WenmiError, match="重复"):
            load_template_text(VALID.replace("name: 示例模板\n", "name: 示例模板\nname: 另一个\n"))

    def test_section_plan_checked(self) -> None:
        text = VALID.replace("sample:", "sections: {count: 0, pattern: pairs, group_by: tags}\nsample:")
        with pytest.raises(WenmiError) as info:
            load_template_text(text)
        messages = " ".join(e.message for e in problems(info.value))
        assert "count" in messages and "pairs" in messages and "tags" in messages

    def test_header_fast_path_matches_full_parse(self) -> None:
        for path in sorted(FIXTURES.rglob("*.yaml")):
            info = read_info(path, "test")
            full = load_template_file(path, "test").info
            assert info == full


# --- body: syntax and variables ---------------------------------------------------------------


class TestBodyErrors:
    """Body problems name the template, the file line and the variable."""

    def test_syntax_error_reports_file_line(self, tmp_path: Path) -> None:
        path = tmp_path / "zuofeng" / "zf-demo.yaml"
        path.parent.mkdir()
        path.write_text(with_body("# 标题\n第二行\n{% for x in y %}\n没有结束"), encoding="utf-8")
        found = validate_template_file(path)
        syntax = [d for d in found if d.rule == "syntax"]
        assert syntax, found
        assert syntax[0].location.file == str(path)
        assert syntax[0].location.line is not None and syntax[0].location.line >= BODY_FIRST_LINE + 2

    def test_undefined_variable_found_at_validate_time(self, tmp_path: Path) -> None:
        path = tmp_path / "zuofeng" / "zf-demo.yaml"
        path.parent.mkdir()
        path.write_text(with_body("# 标题\n{{ 主提 }}"), encoding="utf-8")
        found = [d for d in validate_template_file(path) if d.rule == "undefined"]
        assert len(found) == 1
        d = found[0]
        assert d.location.line == BODY_FIRST_LINE + 1 and d.location.field == "主提"
        assert "zf-demo" in d.message and "是不是“主题”" in d.message

    def test_undefined_at_render_time_names_id_line_and_name(self) -> None:
        with pytest.raises(WenmiError) as info:
            render("# 标题\n正文\n{{ 落款单位 }}")
        err = info.value
        assert "zf-demo" in err.message and "正文第3行" in err.message
        assert err.location.line == BODY_FIRST_LINE + 2
        assert err.location.field == "落款单位"

    def test_missing_attribute_lists_available_ones(self) -> None:
        from dataclasses import dataclass

        @dataclass(frozen=True)
        class AchievementView:
            title: str

        with pytest.raises(WenmiError) as info:
            render("{% for a in items %}{{ a.titel }}{% endfor %}", items=[AchievementView("x")])
        assert "没有属性“titel”" in info.value.message and "title" in info.value.message

    def test_unknown_filter_is_a_located_syntax_error(self) -> None:
        with pytest.raises(WenmiError, match="没有名为“safe”的过滤器") as info:
            render("a\n{{ unit|safe }}")
        assert info.value.location.line == BODY_FIRST_LINE + 1

    @pytest.mark.parametrize(
        "body", ["{% include 'x.j2' %}", "{% extends 'base' %}", "{% import 'm' as m %}"]
    )
    def test_no_include_import_extends(self, body: str) -> None:
        with pytest.raises(WenmiError, match="不支持"):
            render(body)


class TestSampleChecks:
    """Validation renders the sample: figures kept, none invented, no placeholder left."""

    @staticmethod
    def check(tmp_path: Path, edit: tuple[str, str]) -> list[Diagnostic]:
        pytest.importorskip("assistant.ledger.figures")
        text = (FIXTURES / "zuofeng" / "zf-test-4gao.yaml").read_text(encoding="utf-8")
        assert edit[0] in text
        path = tmp_path / "zuofeng" / "zf-test-4gao.yaml"
        path.parent.mkdir(exist_ok=True)
        path.write_text(text.replace(*edit), encoding="utf-8")
        return validate_template_file(path)

    def test_dropped_figure_is_an_error(self, tmp_path: Path) -> None:
        found = self.check(tmp_path, ("  {{ a.sentence }}\n", "  {{ a.title }}。\n"))
        missing = [d for d in found if d.rule == "figure-missing"]
        assert len(missing) == 2 and all(d.severity == "error" for d in missing)
        assert "600余条" in missing[1].message

    def test_typed_figure_is_flagged(self, tmp_path: Path) -> None:
        found = self.check(tmp_path, ("贯穿工作全过程。", "贯穿工作全过程，开展活动37次。"))
        assert any(d.rule == "figure-unknown" and "37" in d.message for d in found)

    def test_placeholder_is_located(self, tmp_path: Path) -> None:
        found = self.check(tmp_path, ("贯穿工作全过程。", "贯穿工作全过程。待补充"))
        placeholder = [d for d in found if d.rule == "placeholder"]
        assert len(placeholder) == 1 and placeholder[0].severity == "error"
        assert placeholder[0].location.line == 30  # the body line that holds it

    def test_sample_missing_a_required_value(self, tmp_path: Path) -> None:
        found = self.check(tmp_path, ("fields: {主题: 作风建设, ", "fields: {"))
        assert any(
            d.severity == "error" and "示例值渲染失败" in d.message and "主题" in d.message for d in found
        )

    def test_markup_errors_are_reported(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        import sys
        import types

        def parse_markup(text: str, source: str = "<文本>") -> object:
            raise WenmiError("标题只能有一行", file=source, line=3)

        fake = types.ModuleType("assistant.document.markup")
        fake.parse_markup = parse_markup  # type: ignore[attr-defined]
        monkeypatch.setitem(sys.modules, "assistant.document.markup", fake)
        found = [d for d in self.check(tmp_path, ("贯穿", "贯穿")) if d.rule == "markup"]
        assert len(found) == 1 and found[0].severity == "error"
        assert "示例输出第3行不是合格的公文标记：标题只能有一行" in found[0].message


# --- sandbox -----------------------------------------------------------------------------------


class TestSandbox:
    """Untrusted bodies cannot reach Python, hang, or allocate without bound."""

    @pytest.mark.parametrize(
        "payload",
        [
            "{{ ''.__class__ }}",
            "{{ ''.__class__.__mro__[1].__subclasses__() }}",
            "{{ cycler.__init__.__globals__ }}",
            "{{ (unit|attr('__class__')) }}",
            "{{ '{0.__class__}'.format(unit) }}",
            "{{ [].append(1) }}",
            "{{ namespace.__init__ }}",
        ],
    )
    def test_escape_attempts_are_blocked_and_located(self, payload: str) -> None:
        with pytest.raises(WenmiError) as info:
            render(f"第一行\n{payload}")
        assert "受限" in info.value.message or "未定义" in info.value.message
        assert info.value.location.line == BODY_FIRST_LINE + 1

    def test_huge_range_fails_fast(self) -> None:
        start = time.monotonic()
        with pytest.raises(WenmiError, match="range"):
            render("{% for i in range(10**9) %}{{ i }}{% endfor %}")
        assert time.monotonic() - start < 1

    def test_nested_loops_hit_the_step_limit(self) -> None:
        start = time.monotonic()
        with pytest.raises(WenmiError, match="上限"):
            render("{% for i in range(1000) %}{% for j in range(1000) %}{% endfor %}{% endfor %}")
        assert time.monotonic() - start < 5

    def test_exponential_macro_is_bounded(self) -> None:
        body = "{% macro f(n) %}{% if n > 0 %}{{ f(n-1) }}{{ f(n-1) }}{% endif %}{% endmacro %}{{ f(60) }}"
        with pytest.raises(WenmiError, match="上限"):
            render(body)

    def test_infinite_recursion_is_stopped(self) -> None:
        with pytest.raises(WenmiError):
            render("{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(1) }}")

    @pytest.mark.parametrize(
        "body",
        [
            "{{ 'a' * 10**9 }}",
            "{% set a = 'x' * 150000 %}{% set b = a ~ a %}",
            "{% set a = 'x' * 150000 %}{{ a + a }}",
            "{{ 'x'.ljust(10**9) }}",
            "{{ 'x'|center(10**9) }}",
            "{{ [1]|batch(10**9, 0)|list }}",
            "{% set a = 'x' * 1000 %}{{ a.replace('x', a) }}",
            "{% set a = 'x' * 100000 %}{% set l = [a,a,a,a,a,a,a,a,a,a] %}{{ l }}",
            "{{ range(1000)|map('string')|join('a' * 100000) }}",
            "{{ 2 ** 100000 }}",
            "{{ '%999999999d' % 1 }}",
        ],
    )
    def test_memory_bombs_are_refused(self, body: str) -> None:
        with pytest.raises(WenmiError):
            render(body)

    def test_output_is_capped(self) -> None:
        with pytest.raises(WenmiError, match="过长"):
            render("{% set a = 'x' * 1000 %}{% for i in range(1000) %}{{ a }}{% endfor %}")

    def test_discarded_output_counts_too(self) -> None:
        body = "{% macro m() %}{% for i in range(100) %}{{ 'x' * 1000 }}{% endfor %}{% endmacro %}"
        body += "{% for i in range(20) %}{% set _ = m() %}{% endfor %}"
        with pytest.raises(WenmiError, match="总量"):
            render(body)

    def test_body_size_is_capped(self) -> None:
        with pytest.raises(WenmiError, match="过长"):
            load_template_text(with_body("正文" * 60_000))

    def test_ordinary_templates_still_work(self) -> None:
        out = render(
            "{% set ns = namespace(n=0) %}{% for x in items %}{% set ns.n = ns.n + x %}{% endfor %}"
            "{{ ns.n }}|{{ items|join('、') }}|{{ '%s'|length }}|{{ unit.strip() }}|{{ loop_ok }}",
            items=[1, 2, 3],
            loop_ok="好",
        )
        assert out.strip() == "6|1、2、3|2|党群工作部|好"

    def test_trim_blocks_and_lstrip_blocks(self) -> None:
        out = render("{% for x in [1, 2] %}\n  {% if x %}\n第{{ x }}段\n  {% endif %}\n{% endfor %}\n")
        assert out == "第1段\n第2段\n"


# --- filters -------------------------------------------------------------------------------------


class TestFilters:
    def test_heads_listed_as_objects_are_phrases_or_none(self) -> None:
        """taizhou (H25): “在抓实组织生活、业务检验党建、健全工作制度上下功夫” made a clause the object
        of 在…上下功夫; `phrases` gives the heads only when all of them can stand there."""
        assert phrases(["抓实组织生活", "业务检验党建", "健全工作制度"]) == []
        assert phrases(["抓实组织生活", "健全工作制度"]) == ["抓实组织生活", "健全工作制度"]
        assert phrases(["发挥引领作用", "提高站位"]) == ["发挥引领作用", "提高站位"]
        out = render("{% set h = heads|phrases %}{% if h %}在{{ h|cnjoin }}上下功夫，{% endif %}扎实推进。", heads=["业务检验党建"])
        assert out == "扎实推进。\n"

    def test_chinese_filters(self) -> None:
        assert cnjoin(["党员", "入党积极分子", ""]) == "党员、入党积极分子"
        assert ordinal(2) == "两" and cnnum(2) == "二"

    def test_num_and_cndate_in_a_body(self) -> None:
        out = render(
            "{{ 20000|num('斤', '余') }} {{ 420000|num('元', '余') }} {{ d|cndate }} {{ 3|cnnum }}",
            d="2023-01-11",
        )
        assert out.strip() == "2万余斤 42万余元 2023年1月11日 三"

    def test_total_sums_one_unit_and_keeps_yu(self) -> None:
        from types import SimpleNamespace as NS

        items = [
            NS(metrics=[NS(value=318, unit="人次", qualifier=""), NS(value=8, unit="条", qualifier="")]),
            NS(metrics=[NS(value=1131, unit="人次", qualifier="")]),
        ]
        assert total(items, "人次") == "1449人次"
        items.append(NS(metrics=[NS(value=600, unit="条", qualifier="余")]))
        assert total(items, "条") == "608余条"

    def test_num_rejects_text(self) -> None:
        with pytest.raises(WenmiError, match="不是数字"):
            render("{{ 'abc'|num }}")


# --- discovery ---------------------------------------------------------------------------------


def _write(folder: Path, category_folder: str, template_id: str, name: str) -> Path:
    path = folder / category_folder / f"{template_id}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        VALID.replace("id: zf-demo", f"id: {template_id}").replace("示例模板", name), encoding="utf-8"
    )
    return path


class TestCatalog:
    """Packaged < user < WENMI_PATH; lazily loaded; did-you-mean on a miss."""

    def test_override_order(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        packaged = tmp_path / "pkg" / "templates"
        monkeypatch.setattr(paths, "packaged_dir", lambda name: tmp_path / "pkg" / name)
        _write(packaged, "zuofeng", "zf-demo", "内置版")
        _write(packaged, "zuofeng", "zf-only", "只有内置")
        _write(tmp_path / "home" / "templates", "zuofeng", "zf-demo", "用户版")
        extra1, extra2 = tmp_path / "extra1", tmp_path / "extra2"
        _write(extra1 / "templates", "zuofeng", "zf-demo", "路径一版")
        _write(extra2, "zuofeng", "zf-user", "路径二独有")  # a WENMI_PATH folder may hold templates directly
        monkeypatch.setenv("WENMI_PATH", os.pathsep.join([str(extra1), str(extra2)]))
        catalog = load_catalog()
        assert catalog.get("zf-demo").name == "路径一版"
        assert catalog.get("zf-demo").source == str(extra1)
        assert catalog.get("zf-only").source == "packaged"
        assert catalog.get("zf-user").source == str(extra2)
        assert [s.source for s in catalog.shadowed["zf-demo"]] == ["packaged", "user"]
        monkeypatch.delenv("WENMI_PATH")
        catalog = load_catalog()
        assert catalog.get("zf-demo").name == "用户版" and catalog.get("zf-demo").source == "user"

    def test_user_overrides_packaged(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setattr(paths, "packaged_dir", lambda name: tmp_path / "pkg" / name)
        _write(tmp_path / "pkg" / "templates", "zuofeng", "zf-demo", "内置版")
        assert load_catalog().get("zf-demo").name == "内置版"
        _write(tmp_path / "home" / "templates", "zuofeng", "zf-demo", "用户版")
        assert load_catalog(refresh=True).get("zf-demo").name == "用户版"

    def test_hidden_and_underscore_folders_are_skipped(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr(paths, "packaged_dir", lambda name: tmp_path / "pkg" / name)
        root = tmp_path / "pkg" / "templates"
        _write(root, "zuofeng", "zf-demo", "可见")
        _write(root, "_drafts", "zf-draft", "草稿")
        _write(root, ".git", "zf-hidden", "隐藏")
        assert load_catalog().ids() == ["zf-demo"]

    def test_duplicate_id_in_one_folder_is_a_problem(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr(paths, "packaged_dir", lambda name: tmp_path / "pkg" / name)
        root = tmp_path / "pkg" / "templates"
        _write(root, "zuofeng", "zf-demo", "甲")
        second = root / "zuofeng" / "zf-demo-copy.yaml"
        second.write_text((root / "zuofeng" / "zf-demo.yaml").read_text(encoding="utf-8"), encoding="utf-8")
        catalog = load_catalog()
        assert len(catalog) == 1
        assert any("重复" in e.message for e in catalog.problems)

    def test_unknown_id_suggests(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setenv("WENMI_PATH", str(FIXTURES.parent))
        with pytest.raises(WenmiError) as info:
            load_catalog().get("zf-test-4go")
        assert "zf-test-4gao" in (info.value.hint or "")
        with pytest.raises(WenmiError) as info:
            load_catalog().get("学习通知")
        assert "zz-test-tongzhi" in (info.value.hint or "")

    def test_listing_does_not_parse_bodies(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setattr(paths, "packaged_dir", lambda name: tmp_path / "pkg" / name)
        path = _write(tmp_path / "pkg" / "templates", "zuofeng", "zf-demo", "甲")
        path.write_text(
            path.read_text(encoding="utf-8").replace("type: text", "type: nonsense"), encoding="utf-8"
        )
        catalog = load_catalog()
        assert [i.name for i in catalog.infos()] == ["甲"]  # listing still works
        with pytest.raises(WenmiError, match="nonsense"):
            catalog.get("zf-demo")
        assert catalog.all() == [] and len(catalog.load_errors) == 1


# --- the fixtures and the real catalogue ---------------------------------------------------------------


def _needs_engine_deps() -> None:
    for module in ("assistant.ledger.workbook", "assistant.ledger.figures", "assistant.phrasebank", "assistant.document.markup"):
        pytest.importorskip(module)


@pytest.mark.parametrize("path", sorted(FIXTURES.rglob("*.yaml")), ids=lambda p: p.stem)
def test_fixture_templates_validate(path: Path) -> None:
    _needs_engine_deps()
    errors = [d for d in validate_template_file(path) if d.severity == "error"]
    assert errors == []


_CATALOGUE = sorted(paths.packaged_dir("templates").rglob("*.yaml"))


@pytest.mark.parametrize("path", _CATALOGUE or [None], ids=lambda p: p.stem if p else "empty")
def test_catalogue_template_validates(path: Path | None) -> None:
    """Every template shipped in templates/ validates (whatever has been written so far)."""
    if path is None:
        pytest.skip("templates/ is still empty")
    _needs_engine_deps()
    errors = [str(d) for d in validate_template_file(path) if d.severity == "error"]
    assert errors == []


def test_variables_set_inside_a_branch_are_not_reported_undefined(tmp_path: Path) -> None:
    src = (FIXTURES / "zhengzhi" / "zz-test-tongzhi.yaml").read_text(encoding="utf-8")
    body = "body: |\n  {% if unit %}\n  {% set lead, tail = '为', '。' %}\n  {% endif %}\n  # {{ unit }}通知\n  {{ lead }}正文{{ tail }}\n"
    src = src[: src.index("body:")] + body
    path = tmp_path / "zz-test-set.yaml"
    path.write_text(src.replace("zz-test-tongzhi", "zz-test-set"), encoding="utf-8")
    assert [d for d in validate_template_file(path) if d.rule == "undefined"] == []


def test_a_block_tag_that_joins_two_lines_is_caught(tmp_path: Path) -> None:
    src = (FIXTURES / "zhengzhi" / "zz-test-tongzhi.yaml").read_text(encoding="utf-8")
    body = "body: |\n  # {{ unit }}通知\n  为做好工作，特此通知。{% if unit %}{% endif %}\n  ## 工作要求\n  正文。\n"
    src = src[: src.index("body:")] + body
    path = tmp_path / "zz-test-join.yaml"
    path.write_text(src.replace("zz-test-tongzhi", "zz-test-join"), encoding="utf-8")
    found = [d for d in validate_template_file(path) if d.rule == "joined-lines"]
    assert found and "工作要求" in found[0].message
