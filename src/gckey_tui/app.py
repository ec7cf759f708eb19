"""The console app: routing between screens, app-wide bindings, theme and language."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events
from textual.app import App
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widget import Widget

from gckey_tui.accessibility import (
    HIGH_CONTRAST,
    Access,
    PlainScrollBarRender,
    cursor_spot,
    show_toggle_state,
    terminal_driver_class,
    wants_plain_glyphs,
)
from gckey_tui.config import Settings, save_preferences
from gckey_tui.i18n import _, current_language, set_language
from gckey_tui.palette import DestinationProvider

if TYPE_CHECKING:
    from textual.app import SystemCommand

    from gckey_tui.api import ServiceClient

PACKAGE_DIR = Path(__file__).parent


def styles_dir() -> Path:
    """The CSS: packaged as gckey_tui/styles in the wheel, at the repository root in an editable install."""
    packaged = PACKAGE_DIR / "styles"
    return packaged if packaged.is_dir() else PACKAGE_DIR.parent.parent / "styles"


def uses_terminal_colours(theme: str | None) -> bool:
    """Whether ``theme`` is drawn with the terminal's own ANSI colours (Textual's ansi-dark and ansi-light)."""
    from textual.theme import BUILTIN_THEMES

    found = BUILTIN_THEMES.get(theme or "")
    return found is not None and found.ansi


class GCKeyApp(App[int]):
    """The GCKey console over one ``ServiceClient`` (or a function that makes it on first use)."""

    CSS_PATH: ClassVar[list[str | Path]] = sorted(styles_dir().glob("*.tcss"))
    COMMANDS = App.COMMANDS | {DestinationProvider}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "console.key.quit", id="quit", priority=True),
        Binding("f2", "toggle_language", "console.key.language", id="language"),
    ]

    def __init__(
        self,
        settings: Settings,
        client: ServiceClient | Callable[[], ServiceClient],
        *,
        embedded: bool = False,
        demo_credentials: tuple[str, str, str] | None = None,
        on_ready: Any = None,
    ) -> None:
        # Textual picks its NO_COLOR filter here, from the colours in use at this moment: a theme drawn with the
        # terminal's own colours (ansi-dark, ansi-light) must be known now, or NO_COLOR greys out colours that
        # have no value (the terminal's default) to black, and every screen is black on black.
        #: plain glyphs and reduced motion, from the settings and the terminal
        self.access = Access(plain=wants_plain_glyphs(settings.ascii), reduced_motion=settings.reduced_motion)
        super().__init__(
            driver_class=terminal_driver_class(self.access),
            ansi_color=True if uses_terminal_colours(settings.theme) else None,
        )
        self.register_theme(HIGH_CONTRAST)
        if self.access.reduced_motion:
            self.animation_level = "none"
        #: the status messages announced last (the latest is in the terminal title)
        self.announcements: deque[str] = deque(maxlen=50)
        self._terminal: Any = None  # the driver the title is written through (a real terminal only)
        self._button_labels: dict[Widget, Any] = {}
        self._marked_option: Any = None  # (option list, option, its own prompt) of the row marked now
        self._scrollbar_renderer: Any = None
        self.settings = settings
        self._client = client if not callable(client) else None
        self._client_factory = client if callable(client) else None
        self.embedded = embedded
        self.demo_credentials = demo_credentials
        self._on_ready = on_ready
        #: the session's state once the password step is done (None: signed out)
        self.session_state: str | None = None
        #: True while a screenshot is taken: secrets (QR codes, keys) draw themselves masked
        self.masking = False
        set_language(settings.language or current_language())
        if self._client is not None:
            self._client.language = current_language()
        self.title = _("console.name")

    @property
    def client(self) -> ServiceClient:
        """The service client; built on first use so that the first screen needs no HTTP stack."""
        if self._client is None:
            assert self._client_factory is not None
            self._client = self._client_factory()
            self._client.language = current_language()
        return self._client

    @property
    def signed_in(self) -> bool:
        """Whether a session exists (any state)."""
        return self.session_state is not None

    def get_default_screen(self) -> Screen[Any]:
        from gckey_tui.screens.welcome import WelcomeScreen

        return WelcomeScreen()

    async def on_unmount(self) -> None:
        if self._scrollbar_renderer is not None:
            from textual.scrollbar import ScrollBar

            ScrollBar.renderer = self._scrollbar_renderer
        if self._client is not None:
            await self._client.aclose()

    # -- accessibility: the cursor on the focused element, markers, announcements -----------------

    def place_cursor(self) -> None:
        """Put the terminal cursor where a screen reader should read: on the focused element (its caret, its
        selected row, its label), else at the start of the screen's title."""
        from textual.geometry import Offset

        try:
            focused = self.screen.focused
        except Exception:  # noqa: BLE001 - no screen yet (starting) or any more (ending)
            return
        from textual.widgets import OptionList

        if isinstance(focused, OptionList):
            self.mark_highlighted(focused)
        spot = cursor_spot(focused) if focused is not None and focused.region.area else Offset(0, 0)
        if spot != self.cursor_position:
            self.cursor_position = spot
            # the cursor is moved with the next update of the screen: make one
            (focused if focused is not None else self.screen).refresh()

    def follow_focus(self) -> None:
        """Place the cursor once the screen has been laid out anew."""
        self.call_after_refresh(self.place_cursor)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        from textual.widgets import Button

        widget = event.widget
        for gone in [button for button in self._button_labels if not button.is_attached]:
            del self._button_labels[gone]  # removed while focused (a recomposed screen): no blur came
        if isinstance(widget, Button) and widget not in self._button_labels:
            # the focused button is marked by a glyph, not by colour alone
            self._button_labels[widget] = widget.label
            widget.label = f"{self.access.marker} {widget.label.plain}"
        # any field with a caret (Input, TextArea); by attribute, as importing TextArea costs the first screen ~80 ms
        if self.access.reduced_motion and hasattr(widget, "cursor_blink"):
            widget.cursor_blink = False
        self.follow_focus()

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        label = self._button_labels.pop(event.widget, None)
        if label is not None:
            event.widget.label = label  # type: ignore[attr-defined]

    def on_option_list_option_highlighted(self, event: Any) -> None:
        self.mark_highlighted(event.option_list)
        self.follow_focus()

    def mark_highlighted(self, option_list: Any) -> None:
        """Mark the highlighted row of ``option_list`` by a glyph (the row marked before gets its own prompt back).

        Menus mark their rows themselves. Lists whose highlight messages do not reach the app (a Select's
        drop-down) are marked when the cursor is placed.
        """
        from rich.text import Text

        from gckey_tui.widgets.menu import DestinationMenu

        index = option_list.highlighted
        if isinstance(option_list, DestinationMenu) or index is None:
            return
        option = option_list.options[index]
        if self._marked_option is not None:
            old_list, old_option, prompt = self._marked_option
            if old_option is option:
                return
            if old_list.is_attached and old_option in old_list.options:
                old_list.replace_option_prompt_at_index(old_list.options.index(old_option), prompt)
        prompt = option.prompt
        marked = Text.assemble(f"{self.access.marker} ", prompt if isinstance(prompt, Text) else str(prompt))
        self._marked_option = (option_list, option, prompt)
        option_list.replace_option_prompt_at_index(index, marked)

    def on_data_table_row_highlighted(self) -> None:
        self.follow_focus()

    def on_data_table_cell_highlighted(self) -> None:
        self.follow_focus()

    def on_radio_set_changed(self, event: Any) -> None:
        for button in event.radio_set.query("RadioButton"):
            show_toggle_state(button, self.access.plain)
        self.follow_focus()

    def on_checkbox_changed(self, event: Any) -> None:
        show_toggle_state(event.checkbox, self.access.plain)

    def show_toggle_states(self, screen: Screen[Any]) -> None:
        """Every check box and radio button of ``screen`` shows its state by a glyph."""
        for button in screen.query("ToggleButton"):
            show_toggle_state(button, self.access.plain)

    def attach_terminal(self, driver: Any) -> None:
        """The driver of a real terminal: announcements are written to its title."""
        self._terminal = driver

    def announce(self, text: str) -> None:
        """Say ``text`` where a screen reader reads it: the terminal title (OSC 2), after the console's name."""
        if not text:
            return
        self.announcements.append(text)
        if self._terminal is not None:
            name = _("console.name")
            self._terminal.set_title(text if text == name else f"{text} – {name}")

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: Any = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """A notification, also announced."""
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=markup)
        if markup:
            from textual.content import Content

            message = Content.from_markup(message).plain
        if title:
            message = f"{title} {message}" if title.rstrip()[-1:] in "?!.:" else f"{title}: {message}"
        self.announce(message)

    def get_loading_widget(self) -> Widget:
        """Reduced motion and plain glyphs: the words "Working…" instead of an animated indicator."""
        if not (self.access.reduced_motion or self.access.plain):
            return super().get_loading_widget()
        from textual.widgets import Static

        return Static(_("console.working"), classes="working")

    def on_mount(self) -> None:
        if self.settings.theme in self.available_themes:
            self.theme = self.settings.theme
        if self.settings.keymap:
            self.set_keymap(self.settings.keymap)
        self.set_class(self.access.plain, "-plain")
        if self.access.plain:
            from textual.scrollbar import ScrollBar

            # the documented way to draw scrollbars differently; put back when the app ends (tests run many apps)
            self._scrollbar_renderer = ScrollBar.renderer
            ScrollBar.renderer = PlainScrollBarRender
        # the cursor also follows what moves without a focus or highlight change (scrolling, a message above)
        self.set_interval(0.25, self.place_cursor, name="cursor")
        if self._on_ready is not None:
            self.call_after_refresh(self._on_ready)

    # -- routing ----------------------------------------------------------------------------------

    def open(self, destination_id: str) -> None:
        """Open a destination (menus, keys and the command palette)."""
        from gckey_tui.navigation import destination

        self.push_screen(destination(destination_id).make())

    def _unwind(self) -> None:
        """Back to the first screen (welcome)."""
        while len(self.screen_stack) > 1:
            self.pop_screen()

    def show_alone(self, screen: Screen[Any]) -> None:
        """``screen`` alone above welcome: escape cannot lead back to steps the session has left behind."""
        self._unwind()
        self.push_screen(screen)

    def route_session(self, state: str, method: str | None = None) -> None:
        """Go where a session in ``state`` belongs: second factor (for ``method``: an email code is sent at
        once), setup or home."""
        self.session_state = state
        if state == "authenticated":
            self.go_home()
        elif state == "two_factor_setup_required":
            from gckey_tui.screens.setup_choice import SetupChoiceScreen

            self.show_alone(SetupChoiceScreen())
        else:
            from gckey_tui.screens.second_factor import SecondFactorScreen

            self.push_screen(SecondFactorScreen(method))

    def go_home(self) -> None:
        """The signed-in dashboard, alone above welcome."""
        from gckey_tui.screens.home import HomeScreen

        self.session_state = "authenticated"
        self.show_alone(HomeScreen())

    def session_ended(self, message: str) -> None:
        """The service ended the session (idle expiry, revoked): back to sign-in with ``message``."""
        from gckey_tui.screens.sign_in import SignInScreen

        self.client.token = None
        self.session_state = None
        self.show_alone(SignInScreen(message=message))

    async def sign_out(self) -> None:
        """Return to welcome and end the session on the service.

        Signed out and unwound first: an answer still on its way to a signed-in screen (a 401 for the ending
        session) then finds nobody signed in to send back to sign-in.
        """
        self.session_state = None
        self._unwind()
        try:
            await self.client.sign_out()
        except Exception:  # noqa: BLE001 - the token is forgotten anyway; an ended session is not an error here
            pass
        self.notify(_("console.signed_out"))

    # -- Textual's own commands and notices, in the console's language -----------------------------

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """The command palette's system commands, worded in the console's language; the keys are the
        console's own list (``?``), and a screenshot goes where it can be written."""
        from textual.app import SystemCommand

        yield SystemCommand(_("console.command.theme"), _("console.command.theme_help"), self.action_change_theme)
        yield SystemCommand(_("console.command.quit"), _("console.command.quit_help"), self.action_quit)
        keys = getattr(screen, "action_keys", None)
        if keys is not None:
            yield SystemCommand(_("console.command.keys"), _("console.command.keys_help"), keys)
        yield SystemCommand(
            _("console.command.screenshot"),
            _("console.command.screenshot_help"),
            lambda: self.set_timer(0.1, self.save_screenshot_where_possible),
        )

    def action_command_palette(self) -> None:
        """Ctrl+P: the command palette, its search box worded in the console's language."""
        from textual.command import CommandPalette

        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(CommandPalette(placeholder=_("console.command.search"), id="--command-palette"))

    def save_screenshot_where_possible(self) -> None:
        """Save an SVG of the screen (secrets masked) in Downloads, or where the console was started when there
        is no Downloads folder, and say where."""
        from platformdirs import user_downloads_path

        downloads = user_downloads_path()
        directory = downloads if downloads.is_dir() else Path.cwd()
        try:
            saved = self.save_screenshot(path=str(directory))
        except OSError as error:
            self.notify(_("console.file_not_written", reason=error.strerror or str(error)), severity="error")
            return
        self.notify(_("console.screenshot_saved", path=saved))

    def action_help_quit(self) -> None:
        """Ctrl+C: it copies in a field; tell how to quit, in the console's language."""
        for key, active in self.active_bindings.items():
            if active.binding.action in ("quit", "app.quit"):
                self.notify(_("console.quit_hint", key=key), title=_("console.quit_title"))
                return

    def export_screenshot(self, *, title: str | None = None, simplify: bool = False) -> str:
        """An SVG of the screen with every secret masked: widgets of class ``sensitive`` (QR codes, keys,
        recovery codes, tokens) draw bullets or a grey block while the SVG is rendered, so the secret is not
        in the file at all (not merely covered); the screen is restored afterwards."""
        from textual.widgets import Static

        sensitive = list(self.screen.query(".sensitive"))
        texts = [(widget, widget.content) for widget in sensitive if isinstance(widget, Static)]
        self.masking = True
        try:
            for widget, content in texts:
                widget.update("".join(ch if ch.isspace() else "•" for ch in str(content)))
            for widget in sensitive:
                widget.refresh()
            return super().export_screenshot(title=title, simplify=simplify)
        finally:
            self.masking = False
            for widget, content in texts:
                widget.update(content)
            for widget in sensitive:
                widget.refresh()

    # -- preferences ----------------------------------------------------------------------------

    async def switch_language(self, language: str, *, save: bool = False) -> None:
        """Use ``language`` from now on and re-render every open screen."""
        set_language(language)
        self.client.language = current_language()
        self.settings.language = current_language()
        self.title = _("console.name")
        for screen in self.screen_stack:
            refresh = getattr(screen, "refresh_language", None)
            if refresh is not None:
                await refresh()
        if save:
            save_preferences(self.settings)

    async def action_toggle_language(self) -> None:
        """F2: English ↔ French."""
        await self.switch_language("fr" if current_language() == "en" else "en")

    def switch_theme(self, theme: str, *, save: bool = False) -> None:
        """Use ``theme`` (a Textual theme name) from now on."""
        self.theme = theme
        self.settings.theme = theme
        if save:
            save_preferences(self.settings)


def warm_http_stack() -> None:
    """Import the client's HTTP stack and wire models (a few hundred ms), meant for a thread after first paint."""
    import gckey_tui.api.client  # noqa: F401


def tune_gc_for_interaction() -> None:
    """Once start-up is over: keep the collector off the objects built so far, and collect less often.

    Measured by ``benchmarks/screens.py``: with the default thresholds, full collections over the thousands of
    long-lived widget, style and catalogue objects land inside screen changes as 100–200 ms stalls (p95);
    frozen, they are not walked again, and a larger young generation makes collections rarer.
    """
    import gc

    gc.freeze()
    gc.set_threshold(20_000, 50, 50)


def run_console(settings: Settings, *, headless: bool = False) -> int:
    """Run the console: embedded service by default, ``settings.server`` in remote mode.

    The first screen is painted before anything heavy is imported; then a thread imports the HTTP stack (and,
    embedded, builds the service), so neither delays the first screen nor blocks keystrokes; then the garbage
    collector is tuned for interaction.
    """
    import asyncio

    def client_over(target: Any) -> ServiceClient:
        from gckey_tui.api.client import ServiceClient  # on first use: not before the first screen

        return ServiceClient.in_process(target) if callable(target) else ServiceClient(target, token=settings.token)

    if settings.server:

        def warm_up_then_tune() -> None:
            warm_http_stack()
            tune_gc_for_interaction()

        def warm_up() -> None:
            asyncio.ensure_future(asyncio.to_thread(warm_up_then_tune))

        app = GCKeyApp(settings, lambda: client_over(settings.server), on_ready=warm_up)
    else:
        from gckey_tui.embedded import DeferredService, build_service, demo_credentials

        def build() -> Any:
            warm_http_stack()
            built = build_service(settings)
            tune_gc_for_interaction()
            return built

        service = DeferredService(build)
        app = GCKeyApp(
            settings,
            lambda: client_over(service),
            embedded=True,
            demo_credentials=demo_credentials() if settings.demo else None,
            on_ready=service.start,
        )
    return app.run(headless=headless) or 0
