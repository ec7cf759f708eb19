"""Register a GCKey: username, password (live rules and strength), email, three recovery questions;
then the emailed code, and the second-factor setup."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from textual import on, work
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Select, Static

from gckey_tui.api.errors import ApiError
from gckey_tui.i18n import _, current_language
from gckey_tui.screens.base import GCKeyScreen
from gckey_tui.widgets.code_input import CodeInput
from gckey_tui.widgets.form_input import FormInput
from gckey_tui.widgets.password import PasswordFeedback

if TYPE_CHECKING:
    from gckey_tui.api import models as m

QUESTIONS = 3


class RegisterScreen(GCKeyScreen):
    """Step 1: the account's details."""

    TITLE_KEY = "console.register.title"

    def __init__(self) -> None:
        super().__init__()
        self.meta: m.Meta | None = None

    def compose_body(self) -> Iterable[Widget]:
        if self.meta is None:
            yield Static(_("console.loading"), id="loading")
            return
        options = [(question.text, question.id) for question in self.meta.recovery_questions]
        with Vertical(id="form", classes="form"):
            yield Label(_("console.sign_in.username"))
            yield FormInput(id="username", max_length=self.meta.password_policy.username_max_length, advance=True)
            yield self.field_error("username")
            yield Label(_("console.sign_in.password"))
            yield FormInput(id="password", password=True, max_length=self.meta.password_policy.max_length, advance=True)
            yield PasswordFeedback(self.meta.password_policy, id="feedback")
            yield self.field_error("password")
            yield Label(_("console.register.email"))
            yield FormInput(id="email", max_length=320, advance=True)
            yield self.field_error("email")
            yield Static(_("console.register.questions"), classes="intro")
            for n in range(QUESTIONS):
                yield Select(options, id=f"question-{n}", prompt=_("console.register.question", n=n + 1))
                yield FormInput(
                    id=f"answer-{n}", max_length=200, placeholder=_("console.register.answer"), advance=True
                )
            yield self.field_error("security_answers")
            yield Button(_("console.key.submit"), id="submit", variant="primary")

    def on_mount(self) -> None:
        self.load_meta()

    async def refresh_language(self) -> None:
        self.meta = None  # the questions are worded by the service in the new language
        await super().refresh_language()
        self.load_meta()

    @work(exclusive=True, group="meta")
    async def load_meta(self) -> None:
        """Fetch the policy and the recovery questions."""
        try:
            self.meta = await self.client.meta()
        except ApiError as error:
            self.show_error(error)
            return
        await self.recompose()
        self.query_one("#username").focus()

    def action_back(self) -> None:
        """Escape: back, after asking when something has been typed (a half-filled form is not thrown away
        by one key)."""
        typed = any(field.value for field in self.query(Input)) or any(
            not field.is_blank() for field in self.query(Select)
        )
        if not typed:
            super().action_back()
            return
        from gckey_tui.screens.dialogs import Confirm

        question = Confirm(_("console.register.leave"), _("console.register.leave_yes"), _("console.register.stay"))
        self.app.push_screen(question, lambda leave: super(RegisterScreen, self).action_back() if leave else None)

    @on(Input.Changed, "#password, #username")
    def _feedback(self) -> None:
        self.query_one(PasswordFeedback).show(
            self.query_one("#password", Input).value, self.query_one("#username", Input).value
        )

    @on(Button.Pressed, "#submit")
    def _submit(self) -> None:
        self.submit()

    def _answers(self) -> list[m.SecurityAnswer]:
        from gckey_tui.api import models as m

        answers = []
        for n in range(QUESTIONS):
            question = self.query_one(f"#question-{n}", Select).value
            answer = self.query_one(f"#answer-{n}", Input).value
            question_id = "" if question is Select.BLANK else str(question)
            answers.append(m.SecurityAnswer(question_id=question_id, answer=answer))
        return answers

    @work(exclusive=True)
    async def submit(self) -> None:
        """Start the registration: the service emails a code."""
        from gckey_tui.api import models as m

        self.clear_errors()
        value = lambda name: self.query_one(f"#{name}", Input).value  # noqa: E731 - local shorthand
        request = m.RegistrationRequest(
            username=value("username").strip(),
            password=value("password"),
            email=value("email").strip(),
            security_answers=self._answers(),
            language=current_language(),  # type: ignore[arg-type]
        )
        try:
            async with self.busy(self.query_one("#form")):
                created = await self.client.register(request)
        except ApiError as error:
            self.show_error(error, form=self.query_one("#form"))
            return
        self.app.push_screen(VerifyEmailScreen(created.registration_id, request.email))


class VerifyEmailScreen(GCKeyScreen):
    """Step 2: the code emailed to the new address."""

    TITLE_KEY = "console.verify.title"

    def __init__(self, registration_id: str, email: str) -> None:
        super().__init__()
        self.registration_id = registration_id
        self.email = email

    def compose_body(self) -> Iterable[Widget]:
        yield Static(_("console.verify.intro", email=self.email), classes="intro")
        if self.gckey.embedded:
            yield Static(_("console.verify.mailbox"), classes="hint")
        with Vertical(id="form", classes="form"):
            yield Label(_("console.setup.code"))
            yield CodeInput(id="code")
            yield self.field_error("code")
            yield Button(_("console.key.submit"), id="submit", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#code").focus()

    @on(CodeInput.Submitted)
    @on(Button.Pressed, "#submit")
    def _submit(self) -> None:
        self.verify()

    @work(exclusive=True)
    async def verify(self) -> None:
        """Verify: the account exists; the second factor's setup follows."""
        self.clear_errors()
        code_input = self.query_one("#code", CodeInput)
        try:
            async with self.busy(self.query_one("#form")):
                created = await self.client.verify_registration(self.registration_id, code_input.code)
        except ApiError as error:
            code_input.value = ""
            self.show_error(error, form=self.query_one("#form"))
            return
        self.gckey.route_session(created.state)
