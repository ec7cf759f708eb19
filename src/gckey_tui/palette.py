"""Command palette entries: one per destination that fits the session state."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from gckey_tui.i18n import _


class DestinationProvider(Provider):
    """Every screen of the console, by its localised title and help line."""

    def _entries(self) -> list[tuple[str, str, str]]:
        from gckey_tui.navigation import destinations

        signed_in = getattr(self.app, "session_state", None) == "authenticated"
        return [(dest.id, _(dest.title_key), _(dest.help_key)) for dest in destinations(signed_in)]

    async def discover(self) -> Hits:
        for dest_id, title, help_text in self._entries():
            yield DiscoveryHit(title, partial(self.app.open, dest_id), help=help_text)  # type: ignore[attr-defined]

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for dest_id, title, help_text in self._entries():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), partial(self.app.open, dest_id), help=help_text)  # type: ignore[attr-defined]
