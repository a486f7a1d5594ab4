"""What the four main screens share: the navigation bar, the footer, refreshing from the session."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer

from assistant.tui.widgets.navbar import NavBar

if TYPE_CHECKING:
    from assistant.tui.app import WenmiApp
    from assistant.tui.session import Session


class MainScreen(Screen[None]):
    """A page of the app. Subclasses set `MODE`, build `compose_body` and `refresh_from_session`."""

    MODE: ClassVar[str] = ""

    def __init__(self) -> None:
        super().__init__()
        self._stale = True

    @property
    def wenmi(self) -> WenmiApp:
        return self.app  # type: ignore[return-value]

    @property
    def session(self) -> Session | None:
        return self.wenmi.session

    def compose(self) -> ComposeResult:
        yield NavBar(self.MODE)
        yield from self.compose_body()
        yield Footer(compact=True)

    def compose_body(self) -> ComposeResult:
        yield from ()

    def on_mount(self) -> None:
        self.wenmi.register_screen(self.MODE, self)
        self.update_status()
        if self.session is not None:
            self._refresh()

    def on_screen_resume(self) -> None:
        self.update_status()
        if self._stale and self.session is not None:
            self._refresh()

    def mark_stale(self) -> None:
        """The session changed elsewhere: refresh now if shown, else when shown next."""
        self._stale = True
        if self.is_current and self.session is not None:
            self._refresh()

    def _refresh(self) -> None:
        self._stale = False
        self.refresh_from_session()

    def refresh_from_session(self) -> None:
        """Show the session's current state (override)."""

    def reset(self) -> None:
        """Another workbook was opened: forget what was shown for the old one (override).

        Called before the screen is marked stale, so the next refresh starts afresh."""

    def history_moved(self) -> None:
        """Undo or redo changed the workbook: the next refresh shows it even in the field being
        typed in (override; called before the screen is marked stale)."""

    def update_status(self) -> None:
        for bar in self.query(NavBar).results(NavBar):  # none while the app shuts down
            bar.set_status(self.wenmi.status_text())

    def changed(self, reason: str = "", label: str = "", group: object = None) -> None:
        """This screen changed the session: mark it unsaved, keep the step for undo, autosave,
        let the others refresh (see `WenmiApp.changed`)."""
        self.wenmi.changed(self, reason, label, group)
