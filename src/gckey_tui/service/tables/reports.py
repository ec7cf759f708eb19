"""DLI compliance reporting: institutions, staff, report rows and state; scoped read-only API tokens."""

from sqlalchemy import Column, Date, DateTime, ForeignKey, Index, Integer, String, Table, Text, UniqueConstraint

from gckey_tui.service.db import metadata

TS = DateTime(timezone=True)

institutions = Table(
    "institutions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("dli", String(12), nullable=False, unique=True),
    Column("name", String(200), nullable=False),
    Column("province", String(2), nullable=False),
    Column("principal_email", String(320), nullable=False),
    Column("created_at", TS, nullable=False),
)

institution_staff = Table(
    "institution_staff",
    metadata,
    Column("institution_id", Integer, ForeignKey("institutions.id", ondelete="CASCADE"), primary_key=True),
    Column("account_id", Integer, ForeignKey("accounts.id", ondelete="CASCADE"), primary_key=True),
    Column("role", String(16), nullable=False),  # principal | staff
    # "my institutions" is looked up by account
    Index("ix_institution_staff_account", "account_id"),
)

#: one row per student per cycle (the roster as of the cycle's request date, and the status given)
report_rows = Table(
    "report_rows",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("institution_id", Integer, ForeignKey("institutions.id", ondelete="CASCADE"), nullable=False),
    Column("cycle", String(7), nullable=False),
    Column("student_id", String(40), nullable=False),
    Column("family_name", String(100), nullable=False),
    Column("given_names", String(100), nullable=False),
    Column("date_of_birth", Date, nullable=False),
    Column("uci", String(20), nullable=False),
    Column("program", String(200), nullable=False),
    Column("status", String(32)),  # NULL until set; one of reports.STATUSES
    Column("effective_date", Date),
    Column("note", Text),
    Column("updated_at", TS),
    UniqueConstraint("institution_id", "cycle", "student_id", name="uq_report_rows_student"),
    # no index holds the status: a status import then updates fewer index entries (counts live in report_counts;
    # a status filter scans one report's rows through the unique key above)
    Index("ix_report_rows_name", "institution_id", "cycle", "family_name", "given_names"),
)

#: submission and corrections of one institution's report for one cycle
report_states = Table(
    "report_states",
    metadata,
    Column("institution_id", Integer, ForeignKey("institutions.id", ondelete="CASCADE"), primary_key=True),
    Column("cycle", String(7), primary_key=True),
    Column("submitted_at", TS),
    Column("corrections_requested_at", TS),
    Column("corrections_reason", Text),
)

#: rows per status of one report (``missing``: no status yet), kept in step by every write so that a
#: report's status is one small read even for an institution of 40,000 students
report_counts = Table(
    "report_counts",
    metadata,
    Column("institution_id", Integer, ForeignKey("institutions.id", ondelete="CASCADE"), primary_key=True),
    Column("cycle", String(7), primary_key=True),
    Column("status", String(32), primary_key=True),
    Column("count", Integer, nullable=False),
)

#: cycle-opening emails already sent (idempotence across restarts and workers)
cycle_notices = Table(
    "cycle_notices",
    metadata,
    Column("institution_id", Integer, ForeignKey("institutions.id", ondelete="CASCADE"), primary_key=True),
    Column("cycle", String(7), primary_key=True),
    Column("sent_at", TS, nullable=False),
)

#: scoped read-only API tokens; the token itself is never stored, only its HMAC
api_tokens = Table(
    "api_tokens",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("account_id", Integer, ForeignKey("accounts.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("name", String(60), nullable=False),
    Column("scope", String(32), nullable=False),
    Column("token_hmac", String(64), nullable=False, unique=True),
    Column("created_at", TS, nullable=False),
    Column("expires_at", TS, nullable=False),
    Column("last_used_at", TS),
    Column("revoked_at", TS),
)
