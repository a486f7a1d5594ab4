"""`wenmi check --tui FILE`: the app opened on FILE's findings (screens/check.py).

The bundled sample workbook loads behind it as `wenmi` alone does, so F2–F5 and the rest of the
app are there; Esc on the findings leaves the app with the exit code of `wenmi check`.
"""

from __future__ import annotations

from pathlib import Path

from assistant.tui.app import WenmiApp


class CheckApp(WenmiApp):
    """WenmiApp with a document's findings shown first."""

    def __init__(self, document: Path) -> None:
        super().__init__(None)
        self.document = document
        self.last_document = document

    def on_ready(self) -> None:
        from assistant.tui.screens.check import StandaloneCheckScreen

        self.push_screen(StandaloneCheckScreen(self.document))
