"""Settings: language and theme, saved to config.toml."""

from __future__ import annotations

from collections.abc import Iterable

from textual import on
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Label, Select, Static

from gckey_tui.config import default_config_path
from gckey_tui.i18n import _, current_language
from gckey_tui.screens.base import GCKeyScreen

LANGUAGE_NAMES = (("English", "en"), ("Français", "fr"))


class SettingsScreen(GCKeyScreen):
    """Changes apply at once and are written to the user's config file."""

    TITLE_KEY = "console.settings.title"

    def compose_body(self) -> Iterable[Widget]:
        with Vertical(classes="form"):
            yield Label(_("console.settings.language"))
            yield Select(LANGUAGE_NAMES, value=current_language(), allow_blank=False, id="language")
            yield Label(_("console.settings.theme"))
            themes = sorted(self.app.available_themes)
            yield Select([(name, name) for name in themes], value=self.app.theme, allow_blank=False, id="theme")
        yield Static(_("console.settings.where", path=str(default_config_path())), classes="hint")

    def on_mount(self) -> None:
        self.query_one("#language").focus()

    @on(Select.Changed, "#language")
    async def _language(self, event: Select.Changed) -> None:
        if event.value != current_language():
            await self.gckey.switch_language(str(event.value), save=True)
            self.notify(_("console.settings.saved"))

    @on(Select.Changed, "#theme")
    def _theme(self, event: Select.Changed) -> None:
        if event.value != self.app.theme:
            self.gckey.switch_theme(str(event.value), save=True)
            self.notify(_("console.settings.saved"))
