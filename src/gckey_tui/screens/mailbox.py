"""Local mailbox (embedded mode): the emails the service sent, read from the Maildir."""

from __future__ import annotations

from collections.abc import Iterable
from email.message import EmailMessage

from textual import on
from textual.binding import Binding
from textual.widget import Widget
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from gckey_tui.i18n import _
from gckey_tui.screens.base import GCKeyScreen


class MailboxScreen(GCKeyScreen):
    """Newest first; Enter shows a message."""

    TITLE_KEY = "console.mailbox.title"
    BINDINGS = [Binding("ctrl+r", "reload", "console.key.reload", id="reload-mail")]

    def __init__(self) -> None:
        super().__init__()
        self.messages: list[EmailMessage] = []

    def compose_body(self) -> Iterable[Widget]:
        if not self.gckey.embedded:
            yield Static(_("console.mailbox.remote"), classes="intro")
            return
        from gckey_tui.embedded import read_mailbox

        self.messages = list(reversed(read_mailbox(self.gckey.settings)))
        if not self.messages:
            yield Static(_("console.mailbox.empty"), classes="intro")
        options = [Option(f"{msg['To']}  {msg['Subject']}", id=str(i)) for i, msg in enumerate(self.messages)]
        yield OptionList(*options, id="messages")
        yield Static("", id="reading")

    def on_mount(self) -> None:
        self.query(OptionList).focus()

    async def action_reload(self) -> None:
        """Read the Maildir again."""
        await self.recompose()

    @on(OptionList.OptionHighlighted, "#messages")
    def _show(self, event: OptionList.OptionHighlighted) -> None:
        message = self.messages[int(event.option.id or 0)]
        self.query_one("#reading", Static).update(message.get_content())
