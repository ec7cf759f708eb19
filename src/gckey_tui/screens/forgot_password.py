"""Forgot password: username → email code → the three recovery questions → a new password (DESIGN §3).

It does not sign in: the user signs in afterwards, second factor included.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Button, ContentSwitcher, Input, Label, Static

from gckey_tui.accessibility import check_marks
from gckey_tui.api.errors import ApiError
from gckey_tui.i18n import _
from gckey_tui.screens.base import GCKeyScreen
from gckey_tui.widgets.form_input import FormInput

if TYPE_CHECKING:
    from gckey_tui.api.models import Meta

STEPS = ("step-username", "step-code", "step-questions", "step-password")


def password_checks(password: str, username: str, min_length: int, max_length: int) -> list[tuple[bool, str]]:
    """(met, text) for each rule of the password policy, for the live checklist (the service decides)."""
    lowered = password.casefold()
    name = username.casefold()
    runs = {name[i : i + 3] for i in range(len(name) - 2)}
    return [
        (
            min_length <= len(password) <= max_length,
            _("lifecycle.password.rule.length", min=min_length, max=max_length),
        ),
        (any(ch.isupper() for ch in password), _("lifecycle.password.rule.upper")),
        (any(ch.islower() for ch in password), _("lifecycle.password.rule.lower")),
        (any(ch.isdigit() for ch in password), _("lifecycle.password.rule.digit")),
        (bool(password) and not any(run in lowered for run in runs), _("lifecycle.password.rule.username")),
    ]


class ForgotPasswordScreen(GCKeyScreen):
    """The four steps in one screen; nothing is sent until the last, except the request for a code."""

    TITLE_KEY = "lifecycle.password.title"

    def __init__(self) -> None:
        super().__init__()
        self.meta: Meta | None = None
        self.request_id: str | None = None
        self.question_ids: list[str] = []
        self.username = ""

    def compose_body(self) -> Iterable[Widget]:
        with Vertical(id="forgot-password", classes="form"):
            with ContentSwitcher(initial="step-username", id="steps"):
                with Vertical(id="step-username"):
                    yield Static(_("lifecycle.password.intro"), classes="intro")
                    yield Label(_("lifecycle.password.username"))
                    yield FormInput(id="username", max_length=200)
                    yield Button(_("lifecycle.continue"), id="start", variant="primary")
                with Vertical(id="step-code"):
                    yield Static(_("lifecycle.password.code_sent"), classes="intro")
                    yield Label(_("lifecycle.password.code"))
                    yield FormInput(id="code", max_length=12, restrict=r"[0-9 -]*")
                    yield Button(_("lifecycle.continue"), id="code-next", variant="primary")
                with Vertical(id="step-questions"):
                    yield Static(_("lifecycle.password.questions"), classes="intro")
                    for index in range(3):
                        yield Label("", id=f"question-{index}")
                        yield FormInput(id=f"answer-{index}", max_length=200, advance=index < 2)
                    yield Button(_("lifecycle.continue"), id="questions-next", variant="primary")
                with Vertical(id="step-password"):
                    yield Label(_("lifecycle.password.new"))
                    yield FormInput(id="new_password", password=True, max_length=200, advance=True)
                    yield self.field_error("new_password")
                    yield Static("", id="rules")
                    yield Label(_("lifecycle.password.confirm"))
                    yield FormInput(id="confirm_password", password=True, max_length=200)
                    yield Button(_("lifecycle.password.reset"), id="reset", variant="primary")

    async def refresh_language(self) -> None:
        """Recompose in the new language and come back to the same step, questions in that language too."""
        step = self.query_one("#steps", ContentSwitcher).current or STEPS[0]
        await super().refresh_language()
        self.query_one("#steps", ContentSwitcher).current = step
        self._update_rules(self.query_one("#new_password", Input).value)
        if self.question_ids:
            self.label_questions()

    @work(exclusive=True, group="questions")
    async def label_questions(self) -> None:
        """Show the request's questions in the current language."""
        try:
            self.meta = await self.client.meta()
        except ApiError as error:
            self.show_error(error)
            return
        texts = {question.id: question.text for question in self.meta.recovery_questions}
        for index, question_id in enumerate(self.question_ids):
            self.query_one(f"#question-{index}", Label).update(f"{index + 1}. {texts.get(question_id, question_id)}")

    def show_step(self, step: str) -> None:
        """Switch to ``step`` and focus its first field."""
        self.query_one("#steps", ContentSwitcher).current = step
        self.query_one(f"#{step} Input", Input).focus()

    # -- step 1: username → code requested ----------------------------------------------------------------

    @on(Input.Submitted, "#username")
    @on(Button.Pressed, "#start")
    def _start(self) -> None:
        username = self.query_one("#username", Input).value.strip()
        if username:
            self.start(username)

    @work(exclusive=True)
    async def start(self, username: str) -> None:
        """Ask for a code; the answer is the same whether or not the username exists."""
        self.clear_errors()
        try:
            async with self.busy():
                self.meta = self.meta or await self.client.meta()
                started = await self.client.start_password_recovery(username)
        except ApiError as error:
            self.show_error(error)
            return
        self.username, self.request_id, self.question_ids = username, started.request_id, started.question_ids
        texts = {question.id: question.text for question in self.meta.recovery_questions}
        for index, question_id in enumerate(self.question_ids):
            self.query_one(f"#question-{index}", Label).update(f"{index + 1}. {texts.get(question_id, question_id)}")
        self.show_step("step-code")

    # -- steps 2 and 3: collected locally --------------------------------------------------------------

    @on(Input.Submitted, "#code")
    @on(Button.Pressed, "#code-next")
    def _code_next(self) -> None:
        if self.query_one("#code", Input).value.strip():
            self.show_step("step-questions")

    @on(Input.Submitted, "#step-questions Input")
    @on(Button.Pressed, "#questions-next")
    def _questions_next(self) -> None:
        if all(self.query_one(f"#answer-{i}", Input).value.strip() for i in range(3)):
            self.show_step("step-password")
            self._update_rules("")

    # -- step 4: new password, with the policy's checklist ---------------------------------------------------

    @on(Input.Changed, "#new_password")
    def _password_changed(self, event: Input.Changed) -> None:
        self._update_rules(event.value)

    def _update_rules(self, password: str) -> None:
        policy = self.meta.password_policy if self.meta else None
        checks = password_checks(
            password, self.username, policy.min_length if policy else 8, policy.max_length if policy else 64
        )
        yes, no = check_marks(self.gckey.access.plain)
        rules = Text("\n").join(
            Text.assemble((yes, "green") if met else (no, "red"), f" {text}") for met, text in checks
        )
        self.query_one("#rules", Static).update(rules)

    @on(Input.Submitted, "#confirm_password")
    @on(Button.Pressed, "#reset")
    def _reset(self) -> None:
        password = self.query_one("#new_password", Input).value
        if password != self.query_one("#confirm_password", Input).value:
            self.say(_("lifecycle.password.mismatch"), error=True)
            return
        answers = [
            (question_id, self.query_one(f"#answer-{i}", Input).value)
            for i, question_id in enumerate(self.question_ids)
        ]
        self.complete(self.query_one("#code", Input).value.strip(), answers, password)

    @work(exclusive=True)
    async def complete(self, code: str, answers: list[tuple[str, str]], password: str) -> None:
        """Send everything; any wrong part means starting again with a new code."""
        self.clear_errors()
        try:
            async with self.busy():
                await self.client.complete_password_recovery(self.request_id or "", code, answers, password)
        except ApiError as error:
            self.show_error(error, form=self.query_one("#forgot-password"))
            if error.code == "invalid_recovery":
                self._restart()
                self.say(f"{error.message} {_('lifecycle.password.restart')}", error=True)
            return
        self.query_one("#reset", Button).disabled = True
        self.say(_("lifecycle.password.done"))

    def _restart(self) -> None:
        """Clear the code, answers and passwords and go back to the username."""
        for selector in ("#code", "#answer-0", "#answer-1", "#answer-2", "#new_password", "#confirm_password"):
            self.query_one(selector, Input).value = ""
        self.request_id = None
        self.show_step("step-username")
