"""Bounded YAML reading for every file a user can hand us (workbooks, templates, phrase files).

PyYAML's safe loaders run no code, but two things in a small file can still cost without
bound: aliases (`*a`) that repeat an anchored node, so that a 500-byte file expands to billions
of values as soon as anything walks it (the "billion laughs"), and nesting so deep that any
recursive walk overflows the stack. `compose` returns the node tree only after measuring both,
with memoised sizes, in time linear in the file:

- at most `MAX_DEPTH` levels of nesting (aliases counted where they are used);
- at most `MAX_ALIAS_NODES` values added by alias expansion in the whole file;
- no alias that contains itself.

Breaking a limit raises `YamlLimitError`, a `yaml.MarkedYAMLError` whose `problem` is a Chinese
sentence and whose `problem_mark` points at the offending node, so the callers' existing YAML
error handling locates it like any syntax error.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import yaml

#: Deepest nesting a file may have (a workbook needs 5 levels, a template 6).
MAX_DEPTH = 50
#: Values that alias expansion may add to a file, in total.
MAX_ALIAS_NODES = 10_000

#: The libyaml loader when present (~10-40x faster), else the pure-Python one.
FAST_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_ALIAS_HINT = "文件里不需要锚点和别名（& 与 *），请把 * 引用改为直接写出内容"
_DEPTH_HINT = "检查缩进和括号是否成对；正常的文件只有几层"


class YamlLimitError(yaml.MarkedYAMLError):
    """A YAML file over one of the limits of this module; `problem` says which, in Chinese."""

    def __init__(self, problem: str, mark: Any, hint: str) -> None:
        super().__init__(problem=problem, problem_mark=mark)
        self.hint = hint

    def __str__(self) -> str:
        return str(self.problem)


@contextmanager
def gc_paused() -> Iterator[None]:
    """Hold off Python's cycle collector while a file's nodes and values are built.

    Composing and converting make hundreds of thousands of small objects and no reference
    cycles; each allocation burst would otherwise trigger collections that rescan everything
    built so far, which made up more than half the time of reading a 10,000-item workbook.
    Nothing is kept alive longer: objects without cycles are freed by reference counting, and
    the collector runs again (as before) once the block ends.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [child for pair in node.value for child in pair]
    return []


def check_node(root: yaml.Node) -> None:
    """Raise YamlLimitError when `root` nests too deep or aliases expand it too much."""
    if not _is_shallow_tree(root):
        _check_graph(root)


def _is_shallow_tree(root: yaml.Node) -> bool:
    """True when no list or mapping is reached twice (no alias repeats one): the common case,
    checked in one quick pass, which also refuses nesting deeper than MAX_DEPTH at the first
    value that is too deep. Aliased scalars cost no more than the text that names them and are
    not counted."""
    seen: set[int] = set()
    stack: list[tuple[yaml.Node, int]] = [(root, 1)]
    while stack:
        node, level = stack.pop()
        if isinstance(node, yaml.ScalarNode):
            continue
        if id(node) in seen:
            return False
        if level > MAX_DEPTH:
            raise YamlLimitError(f"嵌套层级过深（超过 {MAX_DEPTH} 层）", node.start_mark, _DEPTH_HINT)
        seen.add(id(node))
        level += 1
        stack.extend((child, level) for child in _children(node))
    return True


def _check_graph(root: yaml.Node) -> None:
    """The exact check: aliases make the composed tree a graph that shares nodes; every node
    is visited once and its expanded size and depth are memoised, so this costs what the
    file's text does, however far the aliases would expand."""
    size: dict[int, int] = {}
    depth: dict[int, int] = {}
    refs: dict[int, int] = {}
    on_path: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        nid = id(node)
        if done:
            on_path.discard(nid)
            kids = _children(node)
            size[nid] = 1 + sum(size[id(k)] for k in kids)
            depth[nid] = 1 + max((depth[id(k)] for k in kids), default=0)
            if depth[nid] > MAX_DEPTH:
                raise YamlLimitError(f"嵌套层级过深（超过 {MAX_DEPTH} 层）", node.start_mark, _DEPTH_HINT)
            continue
        refs[nid] = refs.get(nid, 0) + 1
        if nid in size:
            continue
        if nid in on_path:
            raise YamlLimitError("别名（*）引用了包含它自己的锚点，内容会无限展开", node.start_mark, _ALIAS_HINT)
        on_path.add(nid)
        stack.append((node, True))
        stack.extend((kid, False) for kid in _children(node))
    added = size[id(root)] - len(size)
    if added > MAX_ALIAS_NODES:
        nodes = {id(n): n for n in _walk_distinct(root)}
        worst = max((nid for nid in nodes if refs.get(nid, 0) > 1), key=lambda nid: size[nid] * (refs[nid] - 1))
        raise YamlLimitError(
            f"锚点与别名（& 与 *）展开后的内容过多（超过 {MAX_ALIAS_NODES} 项），已拒绝读取",
            nodes[worst].start_mark,
            _ALIAS_HINT,
        )


def _walk_distinct(root: yaml.Node) -> list[yaml.Node]:
    seen: set[int] = set()
    out: list[yaml.Node] = []
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        out.append(node)
        stack.extend(_children(node))
    return out


def _depth_error(text: str) -> YamlLimitError:
    """The nesting error of a text too deep for the composer, located by its events."""
    level = 0
    mark = None
    try:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):  # events: no recursion
            if isinstance(event, yaml.SequenceStartEvent | yaml.MappingStartEvent):
                level += 1
                if level > MAX_DEPTH:
                    mark = event.start_mark
                    break
            elif isinstance(event, yaml.SequenceEndEvent | yaml.MappingEndEvent):
                level -= 1
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
    return YamlLimitError(f"嵌套层级过深（超过 {MAX_DEPTH} 层）", mark, _DEPTH_HINT)


def compose(text: str, loader: Any = None) -> yaml.Node | None:
    """The single document in `text` as YAML nodes (None when empty), checked by `check_node`.

    `loader` is a SafeLoader or CSafeLoader class (or subclass); the fast one by default.
    Syntax errors propagate as `yaml.YAMLError`; limits as `YamlLimitError`.
    """
    loader = loader or FAST_LOADER
    parser = loader(text)
    try:
        with gc_paused():
            node: yaml.Node | None = parser.get_single_node()
    except RecursionError:
        raise _depth_error(text) from None
    except yaml.MarkedYAMLError as exc:
        if "maximum nesting depth" in str(exc.problem):  # libyaml stops at 1,000 levels
            raise _depth_error(text) from None
        raise
    finally:
        parser.dispose()
    if node is not None:
        check_node(node)
    return node


def load(text: str) -> Any:
    """The value of `text` under the safe loader's rules, within the limits of `compose`."""
    node = compose(text)
    if node is None:
        return None
    return yaml.SafeLoader("").construct_document(node)
