"""Change the three recovery questions and answers (asked, with an email code, when a password is forgotten)."""

from __future__ import annotations

from collections.abc import Iterable

from textual.widget import Widget
from textual.widgets import Input, Select, Static

from gckey_tui.i18n import _
from gckey_tui.screens.account_change import ChangeScreen
from gckey_tui.widgets.form_input import FormInput

QUESTIONS = 3


class AnswersChangeScreen(ChangeScreen):
    """The password and a code, then three questions and their new answers."""

    TITLE_KEY = "account_centre.answers.title"
    NEEDS_META = True

    def compose_change(self) -> Iterable[Widget]:
        assert self.meta is not None
        options = [(question.text, question.id) for question in self.meta.recovery_questions]
        yield Static(_("console.register.questions"), classes="intro")
        for n in range(QUESTIONS):
            yield Select(options, id=f"question-{n}", prompt=_("console.register.question", n=n + 1))
            yield FormInput(id=f"answer-{n}", max_length=200, placeholder=_("console.register.answer"), advance=True)
        yield self.field_error("security_answers")

    def answers(self) -> list[tuple[str, str]]:
        """(question id, answer) × 3 as chosen (a question left blank is sent blank: the service says so)."""
        chosen = []
        for n in range(QUESTIONS):
            question = self.query_one(f"#question-{n}", Select).value
            answer = self.query_one(f"#answer-{n}", Input).value
            chosen.append(("" if question is Select.BLANK else str(question), answer))
        return chosen

    async def change(self) -> None:
        await self.client.change_security_answers(self.answers())
