"""Running a template body: a Jinja2 sandbox that cannot run code, hang or exhaust memory.

Templates come from users' folders, so a body is untrusted. On top of Jinja2's immutable
sandbox (no private attributes, no mutating list/dict methods) this environment:

- counts every loop iteration, call and filter call (also those a filter makes itself, as
  `map` does, and every item a filter draws from a generator) against a step budget, and checks
  a wall-clock backstop at every step, so nested loops, recursive macros and filter chains stop
  quickly;
- caps `range()`, and the size of every string or list an operator, a string method or a
  filter builds, so doubling tricks fail before they allocate; and counts the characters all of
  them build together (`MAX_WORK_CHARS`), so a chain such as `big|map("center", 200000)|list`
  stops after a few megabytes instead of allocating gigabytes;
- counts every character any output statement produces (macro bodies and `{% set %}`
  blocks included) and stops the rendered document at `MAX_OUTPUT_CHARS`, streaming;
- offers only a whitelist of filters and string methods, and no include/import/extends.

The budget grows with the workbook: each achievement (up to `MAX_SCALED_ACHIEVEMENTS`) adds
steps, output and work, so a long 台账 is not mistaken for a runaway template; past what one
document can hold, the message says the 台账 is too long and how to split it. Limits are
enforced in-process (no child process: rendering must stay fast and work the same on Windows);
that is sound because every operation that can build or loop is hooked here. A caller that
gives up on renders (the TUI when it quits) calls `cancel_renders()`, and the running ones stop
at their next step.

Every failure becomes a Chinese `WenmiError` naming the template, the body line (mapped to
the YAML file line) and, for an undefined variable, its name.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import wraps
from types import BuiltinMethodType, TracebackType
from typing import TYPE_CHECKING, Any

from assistant.errors import WenmiError
from assistant.templating.model import MAX_BODY_CHARS, Template

if TYPE_CHECKING:
    from jinja2 import nodes
    from jinja2.environment import Template as JinjaTemplate
    from jinja2.sandbox import ImmutableSandboxedEnvironment

#: Largest `range()` a body may ask for.
MAX_RANGE = 1000
#: Largest rendered document, in characters.
MAX_OUTPUT_CHARS = 200_000
#: All characters produced by output statements in one render (discarded macro output too).
MAX_PRODUCED_CHARS = 1_000_000
#: Largest string or list (in characters of its text form) an operation may build.
MAX_VALUE_CHARS = 200_000
#: Loop iterations plus calls in one render.
MAX_STEPS = 200_000
#: Wall-clock backstop for one render.
MAX_SECONDS = 10.0
#: Largest integer (in bits) arithmetic may produce.
MAX_INT_BITS = 4096
#: Characters that filters, calls, operators and `~` may build in one render, all together.
MAX_WORK_CHARS = 20_000_000
#: What each achievement of the workbook adds to the limits above.
STEPS_PER_ACHIEVEMENT = 1_000
OUTPUT_PER_ACHIEVEMENT = 1_000
PRODUCED_PER_ACHIEVEMENT = 5_000
VALUE_PER_ACHIEVEMENT = 200
WORK_PER_ACHIEVEMENT = 20_000
SECONDS_PER_ACHIEVEMENT = 0.01
#: Achievements that still raise the limits: about what one document can hold.
MAX_SCALED_ACHIEVEMENTS = 2_000
#: From this many achievements on, hitting a limit is put down to the 台账's length.
LARGE_WORKBOOK = 300

#: String methods a body may call; each keeps the result no bigger than its inputs allow.
_STR_METHODS = frozenset(
    [
        "strip",
        "lstrip",
        "rstrip",
        "startswith",
        "endswith",
        "split",
        "rsplit",
        "splitlines",
        "upper",
        "lower",
        "title",
        "capitalize",
        "find",
        "rfind",
        "index",
        "rindex",
        "count",
        "isdigit",
        "isalpha",
        "isalnum",
        "isspace",
        "isnumeric",
        "isdecimal",
        "removeprefix",
        "removesuffix",
        "partition",
        "rpartition",
        "replace",
        "join",
        "ljust",
        "rjust",
        "center",
        "zfill",
    ]
)

#: Jinja2 built-in filters a body may use (no random ones: output must be deterministic).
_SAFE_FILTERS = [
    "abs",
    "attr",
    "batch",
    "capitalize",
    "center",
    "count",
    "d",
    "default",
    "dictsort",
    "first",
    "float",
    "groupby",
    "indent",
    "int",
    "items",
    "join",
    "last",
    "length",
    "list",
    "lower",
    "map",
    "max",
    "min",
    "reject",
    "rejectattr",
    "replace",
    "reverse",
    "round",
    "select",
    "selectattr",
    "slice",
    "sort",
    "string",
    "sum",
    "title",
    "trim",
    "truncate",
    "unique",
    "upper",
    "wordcount",
    "wordwrap",
]

#: Jinja2 globals a body may use.
_SAFE_GLOBALS = ("dict", "namespace", "cycler", "joiner")

#: How deeply blocks ({% if %}, {% for %}, {% macro %}…) may nest: Python, which the body is
#: compiled to, allows 20 nested loops and 100 indentation levels.
MAX_BLOCK_DEPTH = 15
#: How deeply brackets may nest in one tag, and how many operators (+, ~, |, ., and, …) one tag
#: may chain: deeper expressions overflow the compiler's recursion. Built-in bodies use 2 and 11.
MAX_BRACKET_DEPTH = 30
MAX_TAG_OPERATORS = 100
_BLOCK_TAGS = frozenset(["if", "for", "macro", "call", "filter", "with", "block", "autoescape"])

#: Marker file name of compiled bodies, to find their frames in a traceback.
_FILENAME_PREFIX = "<wenmi-template:"


class TemplateLimitError(Exception):
    """A body went over one of the resource limits (raised inside the render).

    `kind` says which: "steps", "time", "produced", "value", "work", "int", "cancel" or
    "other"; `limit` is the message without its guess at the cause.
    """

    def __init__(self, message: str, kind: str = "other", limit: str | None = None) -> None:
        super().__init__(message)
        self.kind = kind
        self.limit = limit or message


#: Bumped by `cancel_renders`; a render started before the bump stops at its next step.
_GENERATION = 0


def cancel_renders() -> None:
    """Stop every render running now (in any thread) at its next step; later ones run normally."""
    global _GENERATION
    _GENERATION += 1


@dataclass
class _Budget:
    """What one render may still spend; `achievements` scales the limits (see the module doc)."""

    achievements: int = 0
    #: Longest text in the render's input, to tell a huge 台账 value from a runaway body.
    longest_input: int = 0
    steps: int = 0
    produced: int = 0
    work: int = 0
    generation: int = field(default_factory=lambda: _GENERATION)
    # the limits of this render, set from the module's constants (read at creation)
    max_steps: int = field(init=False)
    max_produced: int = field(init=False)
    max_output: int = field(init=False)
    max_value: int = field(init=False)
    max_work: int = field(init=False)
    seconds: float = field(init=False)
    deadline: float = field(init=False)

    def __post_init__(self) -> None:
        n = min(self.achievements, MAX_SCALED_ACHIEVEMENTS)
        self.max_steps = MAX_STEPS + STEPS_PER_ACHIEVEMENT * n
        self.max_produced = MAX_PRODUCED_CHARS + PRODUCED_PER_ACHIEVEMENT * n
        self.max_output = MAX_OUTPUT_CHARS + OUTPUT_PER_ACHIEVEMENT * n
        self.max_value = MAX_VALUE_CHARS + VALUE_PER_ACHIEVEMENT * n
        self.max_work = MAX_WORK_CHARS + WORK_PER_ACHIEVEMENT * n
        self.seconds = MAX_SECONDS + SECONDS_PER_ACHIEVEMENT * n
        self.deadline = time.monotonic() + self.seconds

    def step(self, n: int = 1) -> None:
        self.steps += n
        if self.steps > self.max_steps:
            limit = f"循环和调用次数超过上限（{self.max_steps} 次）"
            raise TemplateLimitError(f"{limit}，模板可能陷入了死循环", "steps", limit)
        if time.monotonic() > self.deadline:
            raise TemplateLimitError(f"模板运行超过 {self.seconds:g} 秒，已停止", "time")
        if self.generation != _GENERATION:
            raise TemplateLimitError("生成已取消", "cancel")

    def spend(self, chars: int) -> None:
        """Count `chars` characters just built by a filter, call, operator or `~`."""
        self.work += chars
        if self.work > self.max_work:
            raise TemplateLimitError(
                f"模板运算生成的文字总量超过上限（{self.max_work} 字符），已停止", "work"
            )


_BUDGET: ContextVar[_Budget | None] = ContextVar("wenmi_template_budget", default=None)


def _budget() -> _Budget:
    budget = _BUDGET.get()
    if budget is None:  # rendered outside render_body (e.g. a test calling Jinja directly)
        budget = _Budget()
        _BUDGET.set(budget)
    return budget


def measure_input(context: Mapping[str, Any]) -> tuple[int, int]:
    """(achievements, longest text) of a render's context, as `render_body` measures it."""
    return _input_measure(context)


def _input_measure(context: Mapping[str, Any]) -> tuple[int, int]:
    """(achievements, longest text) of a render's context. Views are walked through their
    fields; the walk stops after a fixed number of values (what it saw is enough to scale)."""
    count = 0
    for name in ("achievements", "plans"):  # a forward-looking body's rows still to do
        rows = context.get(name)
        count += len(rows) if isinstance(rows, list | tuple) else 0
    longest, _visits = walk_values(list(context.values()), limit=MEASURE_LIMIT)
    return count, longest


#: How many values the measure of a context walks at most (what it saw is enough to scale).
MEASURE_LIMIT = 2_000_000


def walk_values(stack: list[Any], seen: set[int] | None = None, limit: int | None = None) -> tuple[int, int]:
    """(longest text, values visited) under the items of `stack`: strings, numbers, lists, dicts
    and dataclass fields, each object once; `seen` (ids) are visited, not walked. The one walk of
    the sandbox's measure, also used by the compose memo to measure part of a context."""
    longest = visits = 0
    seen = set() if seen is None else seen
    while stack and (limit is None or visits < limit):
        item = stack.pop()
        visits += 1
        if isinstance(item, str):
            longest = max(longest, len(item))
        elif isinstance(item, int | float | bool) or item is None or id(item) in seen:
            continue
        elif isinstance(item, list | tuple | set | frozenset):
            seen.add(id(item))
            stack.extend(item)
        elif isinstance(item, dict):
            seen.add(id(item))
            stack.extend(item.values())
        elif hasattr(item, "__dataclass_fields__"):
            seen.add(id(item))
            stack.extend(getattr(item, name, None) for name in item.__dataclass_fields__)
    return longest, visits


# --- sizes ------------------------------------------------------------------------------------


def text_size(value: Any, limit: int = MAX_VALUE_CHARS) -> int:
    """About how many characters `str(value)` has, counted only until it passes `limit`.

    Walks containers without building their text, so a structure that shares one big string
    many times is measured (and refused) before anything big is allocated.
    """
    from jinja2.runtime import Undefined
    from jinja2.utils import Namespace

    total = 0
    stack: list[Any] = [value]
    while stack and total <= limit:
        item = stack.pop()
        if isinstance(item, str):
            total += len(item)
        elif isinstance(item, list | tuple | set | frozenset):
            total += 2 + 2 * len(item)
            stack.extend(item)
        elif isinstance(item, dict):
            total += 2 + 4 * len(item)
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, Namespace):
            attrs = item._Namespace__attrs  # Namespace keeps its values in a private dict
            total += 16
            stack.append(attrs)
        elif isinstance(item, Undefined):
            continue  # using it raises the real error
        elif isinstance(item, int) and not isinstance(item, bool):
            total += 1 + item.bit_length() // 3
        else:
            total += 16
    return total


def _check_size(value: Any, what: str) -> int:
    """The text size of `value` (counted up to the limit); TemplateLimitError beyond it."""
    limit = _budget().max_value
    size = text_size(value, limit)
    if size > limit:
        raise TemplateLimitError(f"{what}生成的文本过大（超过 {limit} 字符）", "value")
    return size


def _spend_result(value: Any, what: str) -> None:
    """Check the size of a string or list just built and count it against the work budget."""
    if isinstance(value, str):
        size = len(value)
        if size > _budget().max_value:
            _check_size(value, what)
        _budget().spend(size)
    elif isinstance(value, list | tuple):
        _budget().spend(_check_size(value, what))


def _check_int(value: Any) -> None:
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > MAX_INT_BITS:
        raise TemplateLimitError("模板中的数字过大", "int")


# --- the budget extension: loop, output and concatenation hooks ---------------------------------


def _budget_extension() -> type[Any]:
    from jinja2.ext import Extension

    class BudgetExtension(Extension):
        """Methods the rewritten syntax tree calls for every loop, output and `~`."""

        def loop(self, iterable: Iterable[Any]) -> Iterator[Any]:
            budget = _budget()
            for item in iterable:
                budget.step()
                yield item

        def out(self, value: Any) -> str:
            if not isinstance(value, str):
                _check_size(value, "输出")
            text = str(value)
            budget = _budget()
            budget.produced += len(text)
            if budget.produced > budget.max_produced:
                raise TemplateLimitError(
                    f"模板生成的文字总量超过上限（{budget.max_produced} 字符）", "produced"
                )
            return text

        def concat(self, *parts: Any) -> str:
            budget = _budget()
            size = 0
            for part in parts:
                size += len(part) if isinstance(part, str) else text_size(part, budget.max_value)
                if size > budget.max_value:
                    raise TemplateLimitError(f"“~”连接生成的文本过大（超过 {budget.max_value} 字符）", "value")
            budget.step()
            budget.spend(size)
            return "".join(str(p) for p in parts)

    return BudgetExtension


# --- filters ------------------------------------------------------------------------------------


#: Filters that keep (or join) every item they draw; the others reduce or pass items on.
_COLLECTING = frozenset(
    ["batch", "dictsort", "groupby", "join", "last", "list", "reverse", "slice", "sort", "unique"]
)


def _metered(items: Iterator[Any], name: str, collecting: bool) -> Iterator[Any]:
    """Draw from `items` one step per item; a collecting filter also stops once the items
    drawn would make a value over the size limit, before it holds them all."""
    budget = _budget()
    size = 0
    for item in items:
        budget.step()
        if collecting:
            size += len(item) if isinstance(item, str) else text_size(item, budget.max_value)
            if size > budget.max_value:
                raise TemplateLimitError(f"过滤器 {name} 汇集的内容过大（超过 {budget.max_value} 字符）", "value")
        yield item


def _guard_filter(name: str, func: Callable[..., Any], builtin: bool = True) -> Callable[..., Any]:
    """Wrap a filter: one step per call (also the calls `map` and friends make), one step per
    item drawn from a generator, huge arguments refused before it runs and huge results after,
    and what it builds counted against the work budget.

    Integer arguments of Jinja2's own filters are widths and counts (center, batch, indent…),
    so they are capped; the value filtered and our own filters' numbers are not.
    """
    from jinja2.environment import Environment
    from jinja2.nodes import EvalContext
    from jinja2.runtime import Context

    passed = (Context, Environment, EvalContext)
    collecting = name in _COLLECTING

    @wraps(func)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        budget = _budget()
        budget.step()
        first = next((i for i, a in enumerate(args) if not isinstance(a, passed)), None)
        if first is not None and isinstance(args[first], Iterator):
            metered = _metered(args[first], name, collecting)
            if name == "join":  # measure a generator's items before joining them
                metered = list(metered)  # type: ignore[assignment]
            args = (*args[:first], metered, *args[first + 1 :])
        values = list(args[first:]) if first is not None else []
        for position, arg in enumerate([*values, *kwargs.values()]):
            big = isinstance(arg, int) and not isinstance(arg, bool) and abs(arg) > budget.max_value
            if builtin and position > 0 and big:
                raise TemplateLimitError(f"过滤器 {name} 的参数过大", "value")
            if isinstance(arg, str | list | tuple | dict):
                _check_size(arg, f"过滤器 {name} 的参数")
        _precheck_filter(name, values, kwargs)
        result = func(*args, **kwargs)
        _spend_result(result, f"过滤器 {name} ")
        return result

    return guarded


def _precheck_filter(name: str, values: list[Any], kwargs: Mapping[str, Any]) -> None:
    """Estimate results that could be far bigger than the arguments."""
    if not values:
        return
    value, args = values[0], values[1:]
    if name == "replace" and len(args) >= 2:
        _check_replace(str(value), str(args[0]), str(args[1]))
    elif name == "indent":
        width = args[0] if args else kwargs.get("width", 4)
        width_len = len(width) if isinstance(width, str) else int(width)
        if (str(value).count("\n") + 1) * width_len > _budget().max_value:
            raise TemplateLimitError("过滤器 indent 生成的文本过大", "value")
    elif name == "join" and isinstance(value, list | tuple):
        sep = str(args[0]) if args else str(kwargs.get("d", ""))
        limit = _budget().max_value
        if text_size(value, limit) + len(sep) * len(value) > limit:
            raise TemplateLimitError("过滤器 join 生成的文本过大", "value")
    elif name == "sum":
        start = args[1] if len(args) > 1 else kwargs.get("start", 0)
        if not isinstance(start, int | float):
            raise TemplateLimitError("过滤器 sum 只能对数字求和")


def _check_replace(text: str, old: str, new: str) -> None:
    occurrences = len(text) + 1 if old == "" else text.count(old)
    if len(text) + occurrences * len(new) > _budget().max_value:
        raise TemplateLimitError("replace 生成的文本过大", "value")


def _safe_range(*args: int) -> range:
    rng = range(*args)
    if len(rng) > MAX_RANGE:
        raise TemplateLimitError(f"range() 的范围过大（{len(rng)} 项，上限 {MAX_RANGE} 项）", "value")
    return rng


# --- the environment ------------------------------------------------------------------------------


def _undefined_class() -> type[Any]:
    from jinja2 import StrictUndefined
    from jinja2.utils import missing

    class WenmiUndefined(StrictUndefined):
        """StrictUndefined with Chinese messages that quote the missing name in “”."""

        __slots__ = ()

        @property
        def _undefined_message(self) -> str:
            if self._undefined_hint:
                return self._undefined_hint
            name = self._undefined_name
            if self._undefined_obj is missing:
                return f"变量“{name}”未定义"
            what = _describe(self._undefined_obj)
            if isinstance(name, str):
                return f"{what}没有属性“{name}”{_attr_hint(self._undefined_obj)}"
            return f"{what}没有第“{name}”项"

    return WenmiUndefined


def _describe(obj: Any) -> str:
    names = {
        "AchievementView": "成效事项",
        "SectionView": "分节",
        "MetricView": "数据项",
        "dict": "映射",
        "list": "列表",
        "tuple": "列表",
        "str": "文本",
        "int": "数字",
        "float": "数字",
    }
    return names.get(type(obj).__name__, f"对象（{type(obj).__name__}）")


def _attr_hint(obj: Any) -> str:
    fields = getattr(obj, "__dataclass_fields__", None)
    if not fields:
        return ""
    return f"（可用属性：{'、'.join(f for f in fields if not f.startswith('_'))}）"


def _environment_class() -> type[ImmutableSandboxedEnvironment]:
    from jinja2 import nodes as jnodes
    from jinja2.exceptions import TemplateSyntaxError
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    budget_ext = _budget_extension()
    ident = budget_ext.identifier

    def hook(method: str, args: list[Any], lineno: int) -> Any:
        return jnodes.Call(
            jnodes.ExtensionAttribute(ident, method, lineno=lineno), args, [], None, None, lineno=lineno
        )

    class TemplateSandbox(ImmutableSandboxedEnvironment):
        """The sandbox every template body runs in (see the module docstring)."""

        intercepted_binops = frozenset(("+", "-", "*", "/", "//", "%", "**"))

        def __init__(self) -> None:
            super().__init__(
                undefined=_undefined_class(),
                trim_blocks=True,
                lstrip_blocks=True,
                autoescape=False,
                keep_trailing_newline=True,
                extensions=[budget_ext],
                cache_size=0,
                auto_reload=False,
            )
            from jinja2.filters import FILTERS as DEFAULT_FILTERS

            from assistant.templating.filters import FILTERS

            self.filters = {name: _guard_filter(name, DEFAULT_FILTERS[name]) for name in _SAFE_FILTERS}
            self.filters.update({name: _guard_filter(name, f, builtin=False) for name, f in FILTERS.items()})
            self.globals = {name: self.globals[name] for name in _SAFE_GLOBALS if name in self.globals}
            self.globals["range"] = _safe_range
            self._budget_ext = self.extensions[ident]

        # -- the syntax tree: forbid what cannot be bounded, hook the rest --
        def _parse(self, source: str, name: str | None, filename: str | None) -> jnodes.Template:
            if len(source) > MAX_BODY_CHARS:
                raise TemplateSyntaxError(f"正文过长（上限 {MAX_BODY_CHARS} 字符）", 1, name, filename)
            problem = _complexity_problem(self, source)
            if problem is not None:
                raise TemplateSyntaxError(problem[1], problem[0], name, filename)
            tree = super()._parse(source, name, filename)
            forbidden: dict[type[jnodes.Node], str] = {
                jnodes.Extends: "extends",
                jnodes.Include: "include",
                jnodes.Import: "import",
                jnodes.FromImport: "from … import",
            }
            kinds: tuple[type[jnodes.Node], ...] = (*forbidden, jnodes.For, jnodes.Concat, jnodes.Output)
            found: list[jnodes.Node] = list(tree.find_all(kinds))
            for node in found:  # one walk; hooks are added after it
                if type(node) in forbidden:
                    what = forbidden[type(node)]
                    raise TemplateSyntaxError(
                        f"模板不支持 {what}：每个模板须自成一体", node.lineno, name, filename
                    )
                if isinstance(node, jnodes.For):
                    if node.recursive:
                        raise TemplateSyntaxError(
                            "模板不支持递归循环（recursive）", node.lineno, name, filename
                        )
                    node.iter = hook("loop", [node.iter], node.lineno)
                elif isinstance(node, jnodes.Concat):
                    node.nodes = [hook("concat", list(node.nodes), node.lineno)]
                elif isinstance(node, jnodes.Output):
                    node.nodes = [hook("out", [child], child.lineno) for child in node.nodes]
            return tree

        # -- attribute access --
        def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
            if isinstance(obj, str) and attr not in _STR_METHODS:
                return False
            return bool(super().is_safe_attribute(obj, attr, value))

        def wrap_str_format(self, value: Any) -> None:
            return None  # str.format is not on the whitelist at all

        def unsafe_undefined(self, obj: Any, attribute: str) -> Any:
            from jinja2.exceptions import SecurityError

            return self.undefined(
                f"模板试图访问受限的属性“{attribute}”（{type(obj).__name__}）",
                name=attribute,
                obj=obj,
                exc=SecurityError,
            )

        # -- operators --
        def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
            _budget().step()
            _precheck_binop(operator, left, right)
            result = self.binop_table[operator](left, right)
            _check_int(result)
            _spend_result(result, f"“{operator}”运算")
            return result

        # -- calls --
        def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
            if getattr(__obj, "__self__", None) is __self._budget_ext:
                return __obj(*args)
            _budget().step()
            if isinstance(__obj, BuiltinMethodType) and isinstance(__obj.__self__, str):
                _precheck_str_method(__obj.__self__, __obj.__name__, args)
            result = super().call(__context, __obj, *args, **kwargs)
            _spend_result(result, "调用")
            return result

    return TemplateSandbox


def _complexity_problem(env: Any, source: str) -> tuple[int, str] | None:
    """(line, message) of the first place where blocks or an expression nest deeper than the
    compiler can take (see MAX_BLOCK_DEPTH), found with the lexer alone (it does not recurse)."""
    blocks = 0
    keyword: str | None = None
    assigns = False
    brackets = operators = 0
    in_tag = False
    for lineno, kind, value in env.lex(source):
        if kind in ("block_begin", "variable_begin"):
            in_tag, keyword, assigns, brackets, operators = True, None, False, 0, 0
        elif kind in ("block_end", "variable_end"):
            in_tag = False
            if keyword in _BLOCK_TAGS or (keyword == "set" and not assigns):
                blocks += 1
                if blocks > MAX_BLOCK_DEPTH:
                    return lineno, f"块（if、for、macro 等）嵌套超过 {MAX_BLOCK_DEPTH} 层，请拆开或改用宏"
            elif keyword is not None and keyword.startswith("end"):
                blocks -= 1
        elif not in_tag or kind == "whitespace":
            continue
        elif kind == "name" and keyword is None:
            keyword = value
        elif kind == "operator":
            keyword = keyword or ""
            if value in "([{":
                brackets += 1
                if brackets > MAX_BRACKET_DEPTH:
                    return lineno, f"括号嵌套超过 {MAX_BRACKET_DEPTH} 层，请拆成几步（{{% set %}}）"
            elif value in ")]}":
                brackets -= 1
            elif value not in ",:":
                assigns = assigns or value == "="
                operators += 1
                if operators > MAX_TAG_OPERATORS:
                    return lineno, f"一个标签里的运算符超过 {MAX_TAG_OPERATORS} 个，请拆成几步（{{% set %}}）"
        else:
            keyword = keyword or ""
    return None


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _precheck_binop(operator: str, left: Any, right: Any) -> None:
    """Refuse an operation whose result would be too big, before computing it."""
    sequences = (str, list, tuple)
    limit = _budget().max_value
    too_big = False
    if operator == "%" and isinstance(left, str):
        raise TemplateLimitError("模板不支持用 % 格式化文本，请用 num、cndate 等过滤器")
    if operator == "+" and isinstance(left, sequences) and isinstance(right, sequences):
        too_big = text_size(left, limit) + text_size(right, limit) > limit
    elif operator == "*" and _is_int(left) and _is_int(right):
        too_big = left.bit_length() + right.bit_length() > MAX_INT_BITS
    elif operator == "*":
        seq, times = (left, right) if _is_int(right) else (right, left)
        too_big = (
            isinstance(seq, sequences)
            and _is_int(times)
            and times > 0
            and text_size(seq, limit) * times > limit
        )
    elif operator == "**" and _is_int(left) and _is_int(right):
        too_big = abs(left) > 1 and right > 0 and left.bit_length() * right > MAX_INT_BITS
    if too_big:
        raise TemplateLimitError(
            f"“{operator}”运算的结果过大（文本上限 {limit} 字符，数字上限 {MAX_INT_BITS} 位）", "value"
        )


def _precheck_str_method(text: str, method: str, args: tuple[Any, ...]) -> None:
    """Refuse a string method call whose result would be too big, before calling it."""
    if method == "replace" and len(args) >= 2:
        _check_replace(text, str(args[0]), str(args[1]))
    elif method == "join" and args:
        items = args[0]
        if not isinstance(items, list | tuple | str):
            raise TemplateLimitError("join 的参数须是列表（可先用 |list 转换）")
        limit = _budget().max_value
        if text_size(items, limit) + len(text) * len(items) > limit:
            raise TemplateLimitError("join 生成的文本过大", "value")
    elif (
        method in ("ljust", "rjust", "center", "zfill")
        and args
        and _is_int(args[0])
        and args[0] > _budget().max_value
    ):
        raise TemplateLimitError(f"{method} 的宽度过大", "value")


_ENV: ImmutableSandboxedEnvironment | None = None


def environment() -> ImmutableSandboxedEnvironment:
    """The process-wide template sandbox."""
    global _ENV
    if _ENV is None:
        _ENV = _environment_class()()
    return _ENV


# --- compiling, rendering and locating errors ---------------------------------------------------------


def _filename(template: Template) -> str:
    return f"{_FILENAME_PREFIX}{template.id}>"


_COMPILED: dict[tuple[str, str], JinjaTemplate] = {}


_NAMES: dict[tuple[str, str], frozenset[str]] = {}


def parse_body(template: Template) -> nodes.Template:
    """The body's syntax tree; a syntax error is a located WenmiError."""
    from jinja2.exceptions import TemplateSyntaxError

    try:
        return environment().parse(template.body, template.id, _filename(template))
    except TemplateSyntaxError as exc:
        raise _syntax_error(template, exc) from None
    except (RecursionError, SyntaxError, MemoryError):
        raise _too_complex(template) from None


def body_names(template: Template) -> frozenset[str]:
    """Names the body reads from its context (slots, unit, achievements, sections…), cached."""
    from jinja2 import meta

    key = (_filename(template), template.body)
    names = _NAMES.get(key)
    if names is None:
        names = frozenset(meta.find_undeclared_variables(parse_body(template)))
        if len(_NAMES) > 512:
            _NAMES.clear()
        _NAMES[key] = names
    return names


def compile_body(template: Template) -> JinjaTemplate:
    """The compiled body (cached by id and text); a syntax error is a located WenmiError."""
    from jinja2.exceptions import TemplateSyntaxError

    key = (_filename(template), template.body)
    compiled = _COMPILED.get(key)
    if compiled is None:
        env = environment()
        try:
            code = env.compile(template.body, template.id, _filename(template))
        except TemplateSyntaxError as exc:
            raise _syntax_error(template, exc) from None
        except (RecursionError, SyntaxError, MemoryError):  # the Python compiler's own limits
            raise _too_complex(template) from None
        compiled = env.template_class.from_code(env, code, env.make_globals(None))
        if len(_COMPILED) > 512:
            _COMPILED.clear()
        _COMPILED[key] = compiled
    return compiled


def render_body(template: Template, context: Mapping[str, Any], measured: tuple[int, int] | None = None) -> str:
    """Render the body with `context`, streaming, within every limit of this module.

    `measured`: `measure_input(context)`, when the caller knows it (the TUI composes the same
    thousand achievements on every keystroke in a field, and measures them once)."""
    compiled = compile_body(template)
    achievements, longest = _input_measure(context) if measured is None else measured
    budget = _Budget(achievements=achievements, longest_input=longest)
    token = _BUDGET.set(budget)
    parts: list[str] = []
    size = 0
    try:
        for chunk in compiled.generate(dict(context)):
            size += len(chunk)
            if size > budget.max_output:
                break
            parts.append(chunk)
    except Exception as exc:  # noqa: BLE001 - every failure inside a body becomes a located error
        raise runtime_error(template, exc, budget) from None
    finally:
        _BUDGET.reset(token)
    if size > budget.max_output:
        too_long = _input_too_big(budget, f"生成的文档超过 {budget.max_output} 字符")
        if too_long is not None:
            raise WenmiError(f"模板“{template.id}”：{too_long[0]}", file=template.where, hint=too_long[1])
        raise WenmiError(
            f"模板“{template.id}”生成的文档过长（超过 {budget.max_output} 字符），已停止",
            file=template.where,
            hint="检查正文中的循环",
        )
    return "".join(parts)


def _input_too_big(budget: _Budget, what: str) -> tuple[str, str] | None:
    """(message, hint) putting a limit down to the 台账 when the input explains it, else None:
    a text in it longer than a body may build, or more achievements than one document holds."""
    if budget.longest_input > MAX_VALUE_CHARS // 2:
        return (
            f"{what}：台账中有一段文字长达 {budget.longest_input} 字符，超出一份文档能处理的长度",
            "检查台账的事项、备注和槽位值，是否误粘贴了整篇文章；长文请拆成多项成效",
        )
    if budget.achievements >= LARGE_WORKBOOK:
        return (
            f"{what}：台账有 {budget.achievements} 项成效，超出了一份文档能容纳的篇幅",
            "请按类别（category）或责任单位（owner）把台账拆成几份，分别生成文档",
        )
    return None


def _body_lineno(template: Template, tb: TracebackType | None) -> int | None:
    """The body line of the innermost template frame in a (Jinja-rewritten) traceback."""
    filename = _filename(template)
    line = None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == filename:
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def _locate(template: Template, body_lineno: int | None) -> tuple[str, str | None, int | None]:
    """(where-in-words, file, file line) for a body line."""
    file_line = template.file_line(body_lineno)
    place = f"模板“{template.id}”"
    if body_lineno is not None:
        place += f"正文第{body_lineno}行"
    return place, template.where, file_line


def _too_complex(template: Template) -> WenmiError:
    place, file, line = _locate(template, None)
    return WenmiError(
        f"{place}：正文的嵌套或表达式过于复杂，无法编译", file=file, line=line,
        hint="减少 if/for 的嵌套层数，把长表达式拆成几步（{% set %}）",
    )


def _syntax_error(template: Template, exc: Any) -> WenmiError:
    place, file, line = _locate(template, exc.lineno)
    original = str(exc.message or exc)
    message, pairing = _translate_syntax(original)
    hint = "检查 {{ }}、{% %} 是否成对，块标签是否闭合" if pairing else None
    return WenmiError(f"{place}：Jinja2 语法错误：{message}", file=file, line=line, hint=hint)


#: (pattern, Chinese, whether it is about unbalanced delimiters or blocks)
_SYNTAX_TRANSLATIONS = [
    (
        r"No filter named '(.+)'\.?",
        r"没有名为“\1”的过滤器（可用：num、cnjoin、cndate、ordinal、cnnum、total 等）",
        False,
    ),
    (r"No test named '(.+)'\.?", r"没有名为“\1”的测试", False),
    (r"unexpected end of template.*", "模板意外结束：有未闭合的 {% for %}、{% if %} 等块", True),
    (r"Encountered unknown tag '(.+?)'.*", r"未知的标签“\1”", True),
    (r"unexpected '(.+?)'", r"此处不应出现“\1”", True),
    (r"expected token '(.+?)', got '(.+?)'", r"此处应为“\1”，实际是“\2”", True),
    (r"unexpected char '(.+?)' at \d+", r"无法识别的字符“\1”", False),
]


def _translate_syntax(message: str) -> tuple[str, bool]:
    for pattern, repl, pairing in _SYNTAX_TRANSLATIONS:
        if re.fullmatch(pattern, message, re.DOTALL):
            return re.sub(pattern, repl, message, flags=re.DOTALL), pairing
    return message, False


def runtime_error(template: Template, exc: BaseException, budget: _Budget | None = None) -> WenmiError:
    """A located Chinese WenmiError for an exception raised while a body ran (`budget`: the
    render's, to tell a 台账 too long for one document from a runaway body)."""
    from jinja2.exceptions import SecurityError, TemplateSyntaxError, UndefinedError

    if isinstance(exc, TemplateSyntaxError):
        return _syntax_error(template, exc)
    place, file, line = _locate(template, _body_lineno(template, exc.__traceback__))
    if isinstance(exc, SecurityError):
        return WenmiError(
            f"{place}：{exc}，已阻止", file=file, line=line, hint="模板只能使用槽位、成效事项、分节和过滤器"
        )
    if isinstance(exc, RecursionError):
        return WenmiError(
            f"{place}：宏嵌套过深，已停止", file=file, line=line, hint="检查宏是否无休止地调用自己"
        )
    if isinstance(exc, TemplateLimitError):
        if exc.kind == "cancel":
            return WenmiError(f"模板“{template.id}”的生成已取消", file=template.where)
        too_big = None
        if budget is not None and exc.kind in ("steps", "time", "produced", "value", "work"):
            too_big = _input_too_big(budget, exc.limit)
        if too_big is not None:
            return WenmiError(f"模板“{template.id}”：{too_big[0]}", file=template.where, hint=too_big[1])
        return WenmiError(f"{place}：{exc}", file=file, line=line, hint="检查正文中的循环、宏和字符串运算")
    if isinstance(exc, MemoryError):
        return WenmiError(f"{place}：内存不足，已停止", file=file, line=line, hint="检查正文中的循环、宏和字符串运算")
    if isinstance(exc, UndefinedError):
        name_match = re.search(r"“([^”]+)”", str(exc))
        name = name_match.group(1) if name_match else None
        hint = None
        if str(exc).startswith("变量"):
            hint = "检查拼写；用户填写的值要先在 slots 中声明为槽位"
        return WenmiError(f"{place}：{exc}", file=file, line=line, field=name, hint=hint)
    if isinstance(exc, WenmiError):
        return WenmiError(f"{place}：{exc.message}", file=file, line=line, hint=exc.hint)
    return WenmiError(f"{place}运行出错：{_plain(exc)}", file=file, line=line)


def _plain(exc: BaseException) -> str:
    text = str(exc)
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__
