"""Wire models of linked applications (DESIGN §4: /api/v1/me/applications)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import ConfigDict, Field

from gckey_tui.api.models import WireModel
from gckey_tui.vocabulary import CATEGORIES, STATUSES, Category, Status  # noqa: F401 (re-exported)


def _discriminator_required(schema: dict) -> None:
    """The server needs ``identifier_type`` to tell the two shapes apart, though Python code may leave it out."""
    schema["required"] = ["identifier_type", *schema.get("required", [])]


class LinkByApplicationNumber(WireModel):
    """Identify an application by its number, entered as on the application."""

    model_config = ConfigDict(json_schema_extra=_discriminator_required)

    identifier_type: Literal["application_number"] = "application_number"
    application_number: str = Field(max_length=40)
    family_name: str = Field(max_length=200)
    date_of_birth: date
    country_of_birth: str = Field(max_length=200)


class LinkByUciDocument(WireModel):
    """Identify an application by the client's UCI and passport or PR card number."""

    model_config = ConfigDict(json_schema_extra=_discriminator_required)

    identifier_type: Literal["uci_document"] = "uci_document"
    uci: str = Field(max_length=40)
    document_number: str = Field(max_length=40)
    date_of_birth: date
    country_of_birth: str = Field(max_length=200)


LinkRequest = Annotated[LinkByApplicationNumber | LinkByUciDocument, Field(discriminator="identifier_type")]


class ApplicationSummary(WireModel):
    number: str
    category: Category
    status: Status
    submitted_on: date
    status_date: date
    linked_at: datetime


class ApplicationList(WireModel):
    applications: list[ApplicationSummary]


class LinkedApplications(WireModel):
    """What a link request linked (a UCI and document may match several applications)."""

    applications: list[ApplicationSummary]


class StatusEvent(WireModel):
    status: Status
    status_date: date


class ApplicationDetail(ApplicationSummary):
    uci: str
    family_name: str
    given_names: str
    date_of_birth: date
    country_of_birth: str
    #: oldest first
    history: list[StatusEvent]
