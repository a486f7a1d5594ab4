"""The command palette provider: every command of `assistant.tui.commands`, in Chinese."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider

from assistant.tui.commands import COMMANDS, Command, key_label

if TYPE_CHECKING:
    from assistant.tui.app import WenmiApp


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
        for text, command in self._hits():
            score = max(matcher.match(text), matcher.match(command.help) * 0.5)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(text),
                    lambda c=command: self._run(c),
                    text=text,
                    help=command.help,
                )
