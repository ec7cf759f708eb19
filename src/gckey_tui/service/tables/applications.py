"""The application registry, its status history, account links and the linking lock (DESIGN §3 Applications)."""

from sqlalchemy import Column, Date, DateTime, ForeignKey, Index, Integer, String, Table

from gckey_tui.service.db import metadata

TS = DateTime(timezone=True)

applications = Table(
    "applications",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("number", String(10), nullable=False, unique=True),  # one letter and 9 digits
    Column("uci", String(10), nullable=False),
    Column("category", String(32), nullable=False),
    Column("family_name", String(100), nullable=False),
    Column("given_names", String(100), nullable=False),
    Column("date_of_birth", Date, nullable=False),
    Column("country_of_birth", String(100), nullable=False),
    Column("document_number", String(20), nullable=False),  # upper case, no spaces
    # the latest status and when the application was submitted, kept with the row so a dashboard is one query
    Column("status", String(40), nullable=False),
    Column("status_date", Date, nullable=False),
    Column("submitted_on", Date, nullable=False),
    Column("imported_at", TS, nullable=False),
    Index("ix_applications_uci_document", "uci", "document_number"),
)

application_statuses = Table(
    "application_statuses",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("application_id", Integer, ForeignKey("applications.id", ondelete="CASCADE"), nullable=False),
    Column("status", String(40), nullable=False),
    Column("status_date", Date, nullable=False),
    Index("ix_application_statuses_application", "application_id", "status_date"),
)

application_links = Table(
    "application_links",
    metadata,
    # the primary key is the application: it links to one account at most, whatever races
    Column("application_id", Integer, ForeignKey("applications.id", ondelete="CASCADE"), primary_key=True),
    Column("account_id", Integer, ForeignKey("accounts.id", ondelete="CASCADE"), nullable=False),
    Column("linked_at", TS, nullable=False),
    Index("ix_application_links_account", "account_id"),
)
