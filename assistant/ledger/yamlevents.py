"""A plain YAML workbook read straight from libyaml's event stream.

Composing libyaml's node tree, measuring it for the alias and depth limits (`safeyaml`) and
walking it again to turn it into values took most of the time of reading a 10,000-achievement
workbook. The plain files people write need none of the tree: `walk` reads the events once and
records the same values, locations, key order, styles and comment anchors as
`yamlfile._Reader.convert` does from the tree. Anything else (anchors or aliases, tags, keys
that are not text or are repeated, nesting past safeyaml.MAX_DEPTH, an empty, one-value or
multi-document file) raises NotPlain, and the caller reads the file through the checked node
tree, which words every error.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from assistant import safeyaml
from assistant.ledger.workbook import PathKey


class NotPlain(Exception):
    """The file holds something `walk` leaves to the node reader."""


class Records(Protocol):
    """Where `walk` records what it reads (yamlfile._Reader, which says what each record is)."""

    layout: bool
    locs: dict[PathKey, tuple[int, int]]
    key_locs: dict[PathKey, tuple[int, int]]
    raws: dict[PathKey, str]
    order: dict[PathKey, list[str]]
    flow: dict[PathKey, bool]
    quotes: dict[PathKey, str]
    anchors: dict[int, list[PathKey]]
    ends: dict[int, int]
    hash_lines: frozenset[int]

    def end_at(self, start_line: int, end: Any, scalar: bool, style: str | None) -> None: ...


def walk(next_event: Callable[[], Any], records: Records, resolve: Callable[[str], Any]) -> Any:
    """The document's value from a libyaml parser's `get_event`, recorded into `records` (with
    `layout` off, only locations and typed text); `resolve` gives a plain scalar's value.
    Raises NotPlain (see the module); the parser's own errors propagate."""
    from yaml.events import (
        DocumentEndEvent,
        DocumentStartEvent,
        MappingEndEvent,
        MappingStartEvent,
        ScalarEvent,
        SequenceEndEvent,
        SequenceStartEvent,
        StreamEndEvent,
        StreamStartEvent,
    )

    if next_event().__class__ is not StreamStartEvent or next_event().__class__ is not DocumentStartEvent:
        raise NotPlain
    locs, key_locs, raws, anchors, ends = records.locs, records.key_locs, records.raws, records.anchors, records.ends
    hash_lines, end_at, max_open = records.hash_lines, records.end_at, safeyaml.MAX_DEPTH - 1
    layout = records.layout
    # the open collection: its path, its value so far, its keys (None: a list), whether it
    # is in block style, and in a mapping the path of the value to come (None: a key next);
    # the enclosing collections' are on the stack
    stack: list[tuple[Any, ...]] = []
    path: PathKey = ()
    value: Any = None
    order: list[str] | None = None
    block = True
    pending: PathKey | None = None
    event: Any = next_event()
    collections = (MappingStartEvent, SequenceStartEvent)
    if type(event) not in collections:
        raise NotPlain  # an empty file or a single value: the node reader words it
    while True:
        cls: Any = event.__class__
        if cls is ScalarEvent or cls is MappingStartEvent or cls is SequenceStartEvent:
            if event.anchor is not None or event.tag is not None:
                raise NotPlain  # anchors and tags: the node reader checks and words them
            start = event.start_mark
            line = start.line
            if order is None:  # a list's item (or the document itself)
                child = (*path, len(value)) if value is not None else ()
                if value is not None and layout:
                    item_anchors = anchors.get(line)
                    if item_anchors is None:
                        anchors[line] = [child]
                    else:
                        item_anchors.append(child)
            elif pending is None:  # a mapping's key
                key = event.value if cls is ScalarEvent else None
                if key is None or key in value:
                    raise NotPlain  # a list or mapping as key, or a key written twice
                order.append(key)
                pending = (*path, key)
                key_locs[pending] = (line + 1, start.column + 1)
                if not layout:
                    event = next_event()
                    continue
                end = event.end_mark
                if end.line != line or line in hash_lines:
                    end_at(line, end, True, event.style)
                if block:
                    key_anchors = anchors.get(line)
                    if key_anchors is None:
                        anchors[line] = [pending]
                    else:
                        key_anchors.append(pending)
                event = next_event()
                continue
            else:
                child = pending
            locs[child] = (line + 1, start.column + 1)
            if cls is ScalarEvent:
                raw = event.value
                if event.implicit[0]:  # plain: YAML 1.2 core types
                    item = resolve(raw)
                    if item is not raw:
                        raws[child] = raw
                else:  # quoted or block: the text as written
                    item = raw
                    if layout and (event.style == "'" or event.style == '"'):
                        records.quotes[child] = event.style
                if layout:
                    end = event.end_mark
                    if end.line != line:
                        end_at(line, end, True, event.style)
                    elif line in hash_lines:
                        ends[line] = max(ends.get(line, 0), end.column)
                if order is None:
                    if value is None:
                        raise NotPlain
                    value.append(item)
                else:
                    value[child[-1]] = item
                    pending = None
                event = next_event()
                continue
            if len(stack) >= max_open:
                raise NotPlain  # safeyaml words the nesting error at its own node
            if value is not None:
                stack.append((path, value, order, block, pending))
            path, block, pending = child, not event.flow_style, None
            if layout:
                records.flow[child] = not block
            if cls is MappingStartEvent:
                value, order = {}, []
            else:
                value, order = [], None
        elif cls is MappingEndEvent or cls is SequenceEndEvent:
            if layout:
                if order is not None:
                    records.order[path] = order
                end = event.end_mark
                if end.line in hash_lines:
                    ends[end.line] = max(ends.get(end.line, 0), end.column)
            if not stack:
                break
            done = value
            path, value, order, block, pending = stack.pop()
            if order is None:
                value.append(done)
            else:
                value[pending[-1]] = done
                pending = None
        else:
            raise NotPlain  # an alias
        event = next_event()
    if next_event().__class__ is not DocumentEndEvent or next_event().__class__ is not StreamEndEvent:
        raise NotPlain  # a second document: the node reader says so
    return value
