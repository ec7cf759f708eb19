"""``GCKeyScreen``: what every console screen shares.

- ``self.client``: the app's ``ServiceClient`` (session token included);
- ``self.show_error(error, form=...)``: the one place an ``ApiError`` becomes a localised message (field
  messages under the form's inputs, the rest in the screen's message line); an ended session brings the
  user back to sign-in;
- ``self.busy(widget)``: ``widget.loading`` while a call runs (use inside ``@work(exclusive=True)`` workers);
- workers never stop the app: a worker that fails while its screen is up says so on the screen; one whose
  screen has gone (a quick sign-out or Escape while it ran) is ignored, whatever it ran into;
- escape goes back; ``refresh_language()`` recomposes the screen in the new language, keeping what was typed.

Subclasses implement ``compose_body()`` and set ``TITLE_KEY``; binding descriptions are i18n keys.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Checkbox, Input, Static
from textual.worker import Worker, WorkerState

from gckey_tui.api.errors import ApiError
from gckey_tui.i18n import _, catalogue
from gckey_tui.i18n.labels import ERRORS
from gckey_tui.widgets.keybar import KeyBar
from gckey_tui.widgets.local_time import local_time

if TYPE_CHECKING:
    from gckey_tui.api import ServiceClient
    from gckey_tui.api.models import Me
    from gckey_tui.app import GCKeyApp

#: codes that mean the session is gone: the user must sign in again
SESSION_ENDED = ("session_expired", "unauthorized", "sign_in_restart")


def made_by_partner(me: Me) -> bool:
    """Whether the account was made through a Sign-In Partner: no GCKey username, password or second factor."""
    return me.username is None and me.two_factor.method is None


def error_text(error: ApiError) -> str:
    """The localised text of a failed call (the service localises its own messages).

    A lock's end is said by the service in UTC; with the answer's Retry-After, the console says it in the
    user's local time instead (the same catalogue text, its ``{until}`` filled in here).
    """
    if error.code == "busy":  # the service shedding load, or a proxy's 503 page
        return _("error.busy")
    if error.code in ("network_error", "unexpected_response"):
        return _("error.network_error") if error.code == "network_error" else _("error.internal_error")
    key = ERRORS.get(error.code)
    if error.retry_after and key and "{until}" in catalogue()[key][0]:
        return _(key, until=local_time(datetime.now(UTC) + timedelta(seconds=error.retry_after)))
    return error.message


class GCKeyScreen(Screen[None]):
    """Base of every console screen."""

    TITLE_KEY: ClassVar[str] = "console.name"
    #: a screen opens with its first field, button or menu focused (not the scrolling body around them)
    AUTO_FOCUS = "#body *"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "console.key.back", id="back"),
        # on every screen of a session (shown only then): signing out is never more than one key away
        Binding("ctrl+o", "sign_out", "console.key.sign_out", id="sign-out"),
        Binding("question_mark", "keys", "console.key.keys", id="keys", show=False),
    ]

    @property
    def gckey(self) -> GCKeyApp:
        """The console app (typed)."""
        return self.app  # type: ignore[return-value]

    @property
    def client(self) -> ServiceClient:
        """The app's service client."""
        return self.gckey.client

    # -- layout -----------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Static(_(self.TITLE_KEY), id="title")
        with VerticalScroll(id="body"):
            yield from self.compose_body()
            message = Static("", id="message", classes="message")
            message.display = False  # takes no room until there is something to say
            yield message
        yield KeyBar(id="keybar")

    def on_screen_resume(self) -> None:
        """Announce the screen by its title; the cursor goes to what has focus here."""
        announce = getattr(self.app, "announce", None)
        if announce is not None:
            announce(_(self.TITLE_KEY))
            self.app.show_toggle_states(self)  # type: ignore[attr-defined]
            self.app.follow_focus()  # type: ignore[attr-defined]

    def compose_body(self) -> Iterable[Widget]:
        """The screen's own widgets."""
        return ()

    def field_error(self, name: str) -> Static:
        """An (empty) line under an input that ``show_error`` fills with the field's message."""
        line = Static("", id=f"{name}-error", classes="field-error")
        line.display = False  # takes no room until there is something to say
        return line

    # -- messages -------------------------------------------------------------------------------

    def say(self, text: str, *, error: bool = False) -> None:
        """Show a line in the screen's message area (and nowhere else).

        A worker's answer may arrive after its screen was left (a session that ended meanwhile unwinds the
        stack): a screen no longer shown has nobody to tell, so the line is dropped.
        """
        found = self.query("#message")
        if not found:
            return
        message = found.first(Static)
        message.set_class(error, "error")
        message.update(text)
        message.display = bool(text)
        if text:
            # on a tall screen the line sits below the fold: bring it into view
            self.call_after_refresh(message.scroll_visible, animate=False)
            announce = getattr(self.app, "announce", None)
            if announce is not None:  # also where a screen reader reads it
                announce(text)

    def field_says(self, name: str, text: str, *, within: Widget | None = None) -> None:
        """Show ``text`` on the line under field ``name`` (an empty text hides the line)."""
        found = (within or self).query(f"#{name}-error")
        if found:
            line = found.first(Static)
            line.update(text)
            line.display = bool(text)

    def clear_errors(self) -> None:
        """Empty the message line and every field message."""
        for widget in self.query(".field-error"):
            widget.update("")  # type: ignore[attr-defined]
            widget.display = False
        self.say("")

    def show_error(self, error: ApiError, *, form: Widget | None = None) -> None:
        """Show a failed call as a localised message; field messages go under ``form``'s inputs."""
        if error.code in SESSION_ENDED and self.gckey.signed_in:
            self.gckey.session_ended(error_text(error))
            return
        for name, text in error.fields.items():
            self.field_says(name.replace(".", "-"), text, within=form)
        text = error_text(error)
        if error.code == "too_many_attempts" and error.retry_after:
            text = f"{text} {_('console.retry_in', minutes=max(1, round(error.retry_after / 60)))}"
        elif error.code == "busy" and error.retry_after:
            text = f"{text} {_('console.retry_in_seconds', seconds=error.retry_after)}"
        self.say(text, error=True)
        if error.fields:
            self.go_to_first_field_in_error(form or self)

    def go_to_first_field_in_error(self, form: Widget) -> None:
        """Focus the first field (in the form's order) whose message is shown, and bring it into view: on a
        tall form the field the service refused may be scrolled off."""
        shown = [line for line in form.query(".field-error") if line.display and line.id]
        if not shown:
            return
        fields = form.query(f"#{shown[0].id.removesuffix('-error')}")
        target = fields.first() if fields else shown[0]
        if target.focusable:
            target.focus()
        self.call_after_refresh(target.scroll_visible, animate=False)

    async def email_a_code(self) -> None:
        """Ask the service to email a second-factor code, and say so (or why not)."""
        try:
            queued = await self.client.send_email_code()
        except ApiError as error:
            self.show_error(error)
            return
        sent = _("console.second_factor.email_sent")
        if queued.mail_delayed:
            sent = f"{sent} {_('console.mail_delayed')}"
        self.say(f"{sent} {_('console.verify.mailbox')}" if self.gckey.embedded else sent)

    @asynccontextmanager
    async def busy(self, widget: Widget | None = None) -> AsyncIterator[None]:
        """Show ``widget`` (default: the body) as loading while the block runs."""
        target = widget or self.query_one("#body")
        target.loading = True
        try:
            yield
        finally:
            if target.is_attached:  # the screen may have been left while the call ran
                target.loading = False

    # -- workers --------------------------------------------------------------------------------

    def run_worker(
        self,
        work: Any,
        name: str | None = "",
        group: str = "default",
        description: str = "",
        exit_on_error: bool = True,
        start: bool = True,
        exclusive: bool = False,
        thread: bool = False,
    ) -> Worker[Any]:
        """Every worker of a console screen (``@work`` included) runs with ``exit_on_error=False``: a failure is
        reported to ``on_worker_state_changed`` instead of stopping the app."""
        return super().run_worker(
            work, name, group, description, exit_on_error=False, start=start, exclusive=exclusive, thread=thread
        )

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A failed worker: said on its screen while the screen is up, else dropped (nobody is there to tell)."""
        if event.state != WorkerState.ERROR:
            return
        self.log.error(f"worker {event.worker.name} failed: {event.worker.error!r}")
        if self.is_attached and self in self.app.screen_stack:
            self.say(_("console.worker_failed"), error=True)

    # -- keys everywhere -------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Sign-out is offered only to a session (subclasses that override this call it for other actions)."""
        if action == "sign_out":
            return self.gckey.signed_in
        return True

    async def action_sign_out(self) -> None:
        """Ctrl+O: sign out, from any screen of a session."""
        await self.gckey.sign_out()

    def key_for(self, binding_id: str) -> str:
        """How the key of binding ``binding_id`` is written now (after any remapping in config.toml)."""
        for _key, (_node, binding, _enabled, _tooltip) in self.active_bindings.items():
            if binding.id == binding_id:
                return self.app.get_key_display(binding)
        return ""

    def action_keys(self) -> None:
        """?: every key of this screen, with what it does."""
        from gckey_tui.screens.dialogs import KeysDialog, screen_keys

        self.app.push_screen(KeysDialog(screen_keys(self)))

    # -- navigation and language ----------------------------------------------------------------

    def action_back(self) -> None:
        """Escape: back to the previous screen (the first screen stays), which is told, as when the screen
        closes itself: a board or report under an import, say, shows the counts the import changed."""
        if len(self.app.screen_stack) > 1:
            self.dismiss()

    async def refresh_language(self) -> None:
        """Recompose in the current language, keeping the values typed and ticked, and where focus was."""
        values = {widget.id: widget.value for widget in self.query(Input) if widget.id}
        ticks = {widget.id: widget.value for widget in self.query(Checkbox) if widget.id}
        focused_id = self.focused.id if self.focused is not None else None
        await self.recompose()
        refocus = self.query(f"#{focused_id}") if focused_id else None
        if refocus:
            refocus.first().focus()
        else:
            self.focus_next()  # the recomposed widgets are new: without this, typed keys would go nowhere
        for widget in self.query(Input):
            if widget.id in values:
                widget.value = values[widget.id]
        for widget in self.query(Checkbox):
            if widget.id in ticks:
                widget.value = ticks[widget.id]
        show_states = getattr(self.app, "show_toggle_states", None)
        if show_states is not None:  # the recomposed check boxes are new
            show_states(self)
        self.refresh_bindings()
