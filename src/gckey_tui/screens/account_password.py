"""Change the password: the live policy checklist as you type; other sessions and API tokens end."""

from __future__ import annotations

from collections.abc import Iterable

from textual import on
from textual.widget import Widget
from textual.widgets import Input, Label

from gckey_tui.i18n import _
from gckey_tui.screens.account_change import ChangeScreen
from gckey_tui.widgets.form_input import FormInput
from gckey_tui.widgets.password import PasswordFeedback
from gckey_tui.widgets.reauth_fields import ReauthFields


class PasswordChangeScreen(ChangeScreen):
    """The current password and a code, then the new password (the registration rules)."""

    TITLE_KEY = "account_centre.password.title"
    NEEDS_META = True

    def compose_change(self) -> Iterable[Widget]:
        assert self.meta is not None
        yield Label(_("account_centre.password.new"))
        yield FormInput(id="new_password", password=True, max_length=self.meta.password_policy.max_length)
        yield PasswordFeedback(self.meta.password_policy, id="feedback")
        yield self.field_error("new_password")

    @on(Input.Changed, "#new_password")
    def _typed(self, event: Input.Changed) -> None:
        username = getattr(self.gckey, "username", "") or ""
        self.query_one(PasswordFeedback).show(event.value, username)

    @on(Input.Submitted, "#new_password")
    def _enter(self) -> None:
        self.submit()

    async def change(self) -> None:
        current = self.query_one(ReauthFields).password
        await self.client.change_password(current, self.query_one("#new_password", Input).value)

    def done(self) -> None:
        self.app.notify(_("account_centre.password.done"))
        self.dismiss()
