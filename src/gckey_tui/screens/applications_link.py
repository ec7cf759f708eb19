"""Link an application: choose how to identify it, then enter the details as on the application."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Button, ContentSwitcher, Input, Label, RadioButton, Static

from gckey_tui.api.errors import ApiError
from gckey_tui.i18n import _
from gckey_tui.i18n.labels import LINK_FIELDS, label
from gckey_tui.screens.base import GCKeyScreen
from gckey_tui.widgets.choice_set import ChoiceSet
from gckey_tui.widgets.form_input import FormInput

if TYPE_CHECKING:
    from gckey_tui.api.models_applications import LinkByApplicationNumber, LinkByUciDocument

NUMBER = re.compile(r"[A-Z]\d{9}")
UCI = re.compile(r"\d{8}|\d{10}")
DATE_SO_FAR = re.compile(r"\d{0,4}(-\d{0,2}(-\d{0,2})?)?")


def compact(value: str) -> str:
    """As the service reads numbers: upper case, without spaces or hyphens."""
    return "".join(ch for ch in value.upper() if ch not in " -")


def date_problem(text: str, *, complete: bool) -> str | None:
    """The i18n key of what is wrong with a date typed so far (``complete``: it must be whole now)."""
    if not text:
        return "applications.link.required" if complete else None
    if not DATE_SO_FAR.fullmatch(text):
        return "applications.link.date_format"
    if len(text) < 10:
        return "applications.link.date_format" if complete else None
    try:
        day = date.fromisoformat(text)
    except ValueError:
        return "applications.link.date_invalid"
    return "applications.link.date_future" if day > date.today() else None


class LinkApplicationScreen(GCKeyScreen):
    """The link wizard: identifier type, then details."""

    TITLE_KEY = "applications.link.title"
    DEFAULT_CSS = """
    /* as tall as their fields: a Vertical's default 1fr would take the whole body and push the date of birth,
       the country and the Link button out of the form */
    LinkApplicationScreen #identifiers, LinkApplicationScreen #identifiers > Vertical { height: auto; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "submit", "applications.link.submit", id="link-submit"),
    ]

    def compose_body(self) -> Iterable[Widget]:
        with ContentSwitcher(initial="step-type", id="steps"):
            with Vertical(id="step-type", classes="form"):
                yield Static(_("applications.link.choose"), classes="intro")
                with ChoiceSet(id="identifier_type"):
                    yield RadioButton(_("applications.link.by_number"), id="by-number", value=True)
                    yield RadioButton(_("applications.link.by_uci"), id="by-uci")
                yield Button(_("applications.link.continue"), id="continue", variant="primary")
            with Vertical(id="step-details", classes="form"):
                yield Static(_("applications.link.as_on_application"), classes="intro")
                if self.gckey.demo_credentials:
                    # the demo registry's unlinked applications (admin/applications.py DEMO_LINKABLE_HELP)
                    yield Static(_("applications.link.demo_hint"), id="demo-hint", classes="intro")
                with ContentSwitcher(initial="number-fields", id="identifiers"):
                    with Vertical(id="number-fields"):
                        yield from self._field("application_number", "W123456789", 20)
                        yield from self._field("family_name", "", 100)
                    with Vertical(id="uci-fields"):
                        yield from self._field("uci", "0000-0000", 20)
                        yield from self._field("document_number", "", 20)
                yield from self._field("date_of_birth", "YYYY-MM-DD", 10)
                yield from self._field("country_of_birth", "", 100)
                yield Button(_("applications.link.submit"), id="link", variant="primary")

    def _field(self, name: str, placeholder: str, length: int) -> Iterable[Widget]:
        yield Label(label(LINK_FIELDS, name))
        yield FormInput(id=name, placeholder=placeholder, max_length=length, advance=name != "country_of_birth")
        yield self.field_error(name)

    def on_mount(self) -> None:
        self.query_one("#identifier_type").focus()

    @property
    def by_number(self) -> bool:
        """Whether the user chose the application number (else UCI and document)."""
        return self.query_one("#by-number", RadioButton).value

    @on(Button.Pressed, "#continue")
    def _continue(self) -> None:
        self.query_one("#identifiers", ContentSwitcher).current = "number-fields" if self.by_number else "uci-fields"
        self.query_one("#steps", ContentSwitcher).current = "step-details"
        self.query_one("#application_number" if self.by_number else "#uci").focus()

    @on(Input.Changed, "#date_of_birth")
    def _date_as_typed(self, event: Input.Changed) -> None:
        problem = date_problem(event.value.strip(), complete=False)
        self.field_says("date_of_birth", _(problem) if problem else "")

    @on(Input.Submitted, "#country_of_birth")
    def _last_field(self) -> None:
        self.action_submit()

    @on(Button.Pressed, "#link")
    def action_submit(self) -> None:
        """Check the details here first, then ask the service."""
        if self.query_one("#steps", ContentSwitcher).current != "step-details":
            self._continue()
            return
        self.clear_errors()
        values = {widget.id: widget.value.strip() for widget in self.query(Input) if widget.id}
        wanted = ("application_number", "family_name") if self.by_number else ("uci", "document_number")
        problems = {name: "applications.link.required" for name in (*wanted, "country_of_birth") if not values[name]}
        date_key = date_problem(values["date_of_birth"], complete=True)
        if date_key:
            problems["date_of_birth"] = date_key
        if (
            self.by_number
            and values["application_number"]
            and not NUMBER.fullmatch(compact(values["application_number"]))
        ):
            problems["application_number"] = "applications.link.number_format"
        if not self.by_number and values["uci"] and not UCI.fullmatch(compact(values["uci"])):
            problems["uci"] = "applications.link.uci_format"
        for name, key in problems.items():
            self.field_says(name, _(key))
        if problems:
            self.say(_("applications.link.check_fields"), error=True)
            return
        from gckey_tui.api.models_applications import LinkByApplicationNumber, LinkByUciDocument

        born = date.fromisoformat(values["date_of_birth"])
        if self.by_number:
            request: LinkByApplicationNumber | LinkByUciDocument = LinkByApplicationNumber(
                application_number=values["application_number"],
                family_name=values["family_name"],
                date_of_birth=born,
                country_of_birth=values["country_of_birth"],
            )
        else:
            request = LinkByUciDocument(
                uci=values["uci"],
                document_number=values["document_number"],
                date_of_birth=born,
                country_of_birth=values["country_of_birth"],
            )
        self.link(request)

    @work(exclusive=True)
    async def link(self, request: LinkByApplicationNumber | LinkByUciDocument) -> None:
        """Send the request; on success go back to the table, which reloads."""
        try:
            async with self.busy():
                linked = await self.client.link_application(request)
        except ApiError as error:
            self.show_error(error, form=self.query_one("#step-details"))
            return
        self.app.notify(_("applications.link.done", numbers=", ".join(a.number for a in linked)))
        self.dismiss(None)
