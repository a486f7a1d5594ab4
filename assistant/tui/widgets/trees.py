"""Helpers for Textual trees."""

from __future__ import annotations

from typing import Any

from textual.widgets import Tree


def move_cursor_later(tree: Tree[Any], node: Any) -> None:
    """Put the cursor on `node` after the next refresh, once the tree has laid out its lines.

    A node's line is only known once the tree has built its lines, which it does when idle; a
    tree on a screen that is just being shown may not have, and the cursor would land on the
    first line. Asking for the last line builds them first.
    """

    def move() -> None:
        _ = tree.last_line
        tree.move_cursor(node)

    tree.call_after_refresh(move)
