"""The command palette provider: every command of `assistant.tui.commands`, in Chinese."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.align import Align
from rich.text import Text
from textual.command import CommandList, CommandPalette, DiscoveryHit, Hit, Hits, Provider
from textual.widgets.option_list import Option

from assistant.tui.commands import COMMANDS, Command, key_label

if TYPE_CHECKING:
    from assistant.tui.app import WenmiApp


_INITIALS: dict[str, str] = {}


def _initials(title: str) -> str:
    """Pinyin initials of a command's title (导出 Word 公文 -> dcwordgw), computed once."""
    if title not in _INITIALS:
        from assistant.tui.engine import initials

        _INITIALS[title] = initials(title).lower().replace(" ", "")
    return _INITIALS[title]


class WenmiCommands(Provider):
    """All of wenmi's actions in the command palette (ctrl+p), with Chinese names."""

    def _hits(self) -> list[tuple[str, Command]]:
        out = []
        for c in COMMANDS:
            key = f"（{key_label(c.key)}）" if c.key else ""
            out.append((f"{c.title}{key}", c))
        return out

    def _run(self, command: Command) -> None:
        app: WenmiApp = self.app  # type: ignore[assignment]
        app.run_command(command)

    async def discover(self) -> Hits:
        for text, command in self._hits():
            yield DiscoveryHit(text, lambda c=command: self._run(c), help=command.help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        typed = query.strip().lower()
        by_initials = typed.isascii() and typed.isalpha() and len(typed) >= 2
        for text, command in self._hits():
            score = max(matcher.match(text), matcher.match(command.help) * 0.5)
            if by_initials and typed in _initials(command.title):
                score = max(score, 0.9)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(text),
                    lambda c=command: self._run(c),
                    text=text,
                    help=command.help,
                )


class WenmiPalette(CommandPalette):
    """Textual's command palette, saying in Chinese when nothing matches."""

    NO_MATCHES = "没有找到匹配的命令：换个词，或输入拼音首字母（如 dc 导出）"

    def _start_no_matches_countdown(self, search_value: str) -> None:
        # Textual's own puts an English "No matches found" in the list; same timing, our words.
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if search_value:
                self.query_one(CommandList).add_option(
                    Option(Align.center(Text(self.NO_MATCHES, style="not bold")), disabled=True, id=self._NO_MATCHES)
                )
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)
