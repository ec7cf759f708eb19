"""The report view's status picker: one of the 11 statuses for a row."""

from __future__ import annotations

from typing import ClassVar, get_args

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from gckey_tui.i18n import _
from gckey_tui.i18n.labels import COMPLIANCE_STATUSES, label
from gckey_tui.screens.dialogs import DIALOG_CSS


def compliance_statuses() -> tuple[str, ...]:
    """The 11 IRCC statuses of a report row, in the wire model's order (its module loads on first use)."""
    from gckey_tui.api.models_reports import ComplianceStatus

    return get_args(ComplianceStatus)


class StatusPicker(ModalScreen[str | None]):
    """The 11 compliance statuses; enter picks, escape cancels."""

    DEFAULT_CSS = DIALOG_CSS.format(name="StatusPicker")
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "console.key.back", id="cancel-status")]

    def __init__(self, student: str) -> None:
        super().__init__()
        self.student = student

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(_("reports.picker.title", student=self.student))
            yield OptionList(
                *(Option(label(COMPLIANCE_STATUSES, s), id=s) for s in compliance_statuses()), id="status-options"
            )

    @on(OptionList.OptionSelected, "#status-options")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
