"""Report a problem: subject, description, steps, and optionally a screenshot of the screen the user came from."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Input, Label, Static, TextArea

from gckey_tui.api.errors import ApiError
from gckey_tui.i18n import _
from gckey_tui.screens.base import GCKeyScreen
from gckey_tui.widgets.form_input import FormInput

if TYPE_CHECKING:
    from gckey_tui.api.models_lifecycle import SupportRequest


class SupportScreen(GCKeyScreen):
    """The report form. The screenshot is taken when the form opens, of the screen underneath."""

    TITLE_KEY = "lifecycle.support.title"
    DEFAULT_CSS = """
    SupportScreen .row > Vertical {
        width: 1fr;
        height: auto;
    }
    SupportScreen .support-text {
        height: 6;
    }
    SupportScreen #send {
        margin: 0 0 0 2;
    }
    /* the tick takes what the button leaves: "Send" is never cut, in either language */
    SupportScreen #include_screenshot {
        width: 1fr;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "send", "lifecycle.send", id="send-problem-report"),
    ]

    def __init__(self) -> None:
        super().__init__()
        # built while the app still shows the screen the user came from: that is the one to capture
        self.screenshot: str = self.app.export_screenshot()  # secrets masked by the app

    def compose_body(self) -> Iterable[Widget]:
        with Vertical(id="support", classes="form"):
            yield Static(_("lifecycle.support.intro"), classes="intro")
            yield Label(_("lifecycle.support.subject"))
            yield FormInput(id="subject", max_length=200, advance=True)
            yield self.field_error("subject")
            # description and steps side by side, the tick and the button on one row: fits 80×24
            with Horizontal(classes="row"):
                with Vertical():
                    yield Label(_("lifecycle.support.description"))
                    yield TextArea(id="description", classes="support-text")
                    yield self.field_error("description")
                with Vertical():
                    yield Label(_("lifecycle.support.steps"))
                    yield TextArea(id="steps", classes="support-text")
            if self.gckey.session_state != "authenticated":
                yield Label(_("lifecycle.support.contact"))
                yield FormInput(id="contact_email", placeholder="name@example.com", max_length=320)
                yield self.field_error("contact_email")
            yield self.field_error("screenshot_svg")
            with Horizontal(classes="row"):
                yield Checkbox(_("lifecycle.support.screenshot"), value=True, id="include_screenshot")
                yield Button(_("lifecycle.send"), id="send", variant="primary")

    async def refresh_language(self) -> None:
        """Keep the two text areas' contents across the recompose (the base keeps inputs and ticks)."""
        texts = {area.id: area.text for area in self.query(TextArea)}
        await super().refresh_language()
        for area in self.query(TextArea):
            area.text = texts.get(area.id, "")

    @on(Button.Pressed, "#send")
    def action_send(self) -> None:
        """Send the report."""
        from gckey_tui.api.models_lifecycle import SupportRequest

        contact = self.query("#contact_email")
        request = SupportRequest(
            subject=self.query_one("#subject", Input).value.strip(),
            description=self.query_one("#description", TextArea).text.strip(),
            steps_taken=self.query_one("#steps", TextArea).text.strip(),
            contact_email=contact.first(Input).value.strip() if contact else None,
            screenshot_svg=self.screenshot if self.query_one("#include_screenshot", Checkbox).value else None,
        )
        self.send(request)

    @work(exclusive=True)
    async def send(self, request: SupportRequest) -> None:
        """Send the report; show its reference and reply-by date."""
        self.clear_errors()
        try:
            async with self.busy():
                created = await self.client.report_problem(request)
        except ApiError as error:
            self.show_error(error, form=self.query_one("#support"))
            return
        self.query_one("#send", Button).disabled = True
        self.say(_("lifecycle.support.sent", reference=created.reference, reply_by=created.reply_by.isoformat()))
