"""``ChangeScreen``: the base of every sensitive change: re-authenticate, then make the change, in one worker.

A subclass composes its own fields after ``ReauthFields`` and implements ``change()`` (the call(s) made once the
5-minute window is open) and ``done()`` (what follows).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from textual import on, work
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Button, Input, Static

from gckey_tui.api.errors import ApiError
from gckey_tui.i18n import _
from gckey_tui.screens.base import GCKeyScreen
from gckey_tui.widgets.reauth_fields import ReauthFields

if TYPE_CHECKING:
    from gckey_tui.api import models as m

#: a window about to close is not relied on (the change could arrive after it)
WINDOW_MARGIN = timedelta(seconds=20)


class ChangeScreen(GCKeyScreen):
    """Password and a current code again, then the change (DESIGN §3: re-authentication within 5 minutes)."""

    SUBMIT_KEY = "account_centre.save"
    #: the change's fields need the service's policy and questions (GET /meta)
    NEEDS_META = False

    def __init__(self) -> None:
        super().__init__()
        self.meta: m.Meta | None = None
        #: the end of the 5-minute window this screen opened (a second try within it asks nothing again)
        self.window_ends: datetime | None = None

    def compose_body(self) -> Iterable[Widget]:
        if self.NEEDS_META and self.meta is None:
            yield Static(_("console.loading"), id="loading")
            return
        with Vertical(id="form", classes="form"):
            yield ReauthFields()
            yield from self.compose_change()
            yield Button(_(self.SUBMIT_KEY), id="submit", variant="primary")

    def on_mount(self) -> None:
        if self.NEEDS_META:
            self.load_meta()

    async def refresh_language(self) -> None:
        if self.NEEDS_META:
            self.meta = None  # the questions are worded by the service in the new language
        await super().refresh_language()
        if self.NEEDS_META:
            self.load_meta()

    @work(exclusive=True, group="meta")
    async def load_meta(self) -> None:
        """Fetch the password policy and the recovery questions, then draw the form."""
        try:
            self.meta = await self.client.meta()
        except ApiError as error:
            self.show_error(error)
            return
        await self.recompose()
        self.query_one("#reauth-password").focus()

    def compose_change(self) -> Iterable[Widget]:
        """The change's own fields."""
        return ()

    async def change(self) -> None:
        """The change's call(s), once re-authenticated."""
        raise NotImplementedError

    def done(self) -> None:
        """After the change: say so and go back."""
        self.app.notify(_("account_centre.saved"))
        self.dismiss()

    @on(Button.Pressed, "#reauth-email")
    @work(exclusive=True, group="email")
    async def _send_code(self) -> None:
        await self.email_a_code()

    @on(Button.Pressed, "#submit")
    @on(Input.Submitted, "#reauth-code")
    def _submit(self) -> None:
        self.submit()

    @work(exclusive=True)
    async def submit(self) -> None:
        """Re-authenticate, then change."""
        self.clear_errors()
        fields = self.query_one(ReauthFields)
        try:
            async with self.busy(self.query_one("#form")):
                if not self.window_open():
                    answer = await self.client.reauthenticate(fields.password, fields.code)
                    self.window_ends = answer.reauthenticated_until
                await self.change()
        except ApiError as error:
            if not self.window_open():
                fields.clear()  # a refused code is spent either way
            self.show_error(error, form=self.query_one("#form"))
            return
        self.done()

    def window_open(self) -> bool:
        """Whether this screen's re-authentication still holds (with a margin)."""
        return self.window_ends is not None and datetime.now(UTC) < self.window_ends - WINDOW_MARGIN
