"""Plain vocabularies shared by the wire contract (``api``) and the service's rules, so that neither imports
the other: application categories and statuses, and IRCC's compliance statuses."""

from __future__ import annotations

from typing import Literal, get_args

Category = Literal[
    "visitor_visa",
    "study_permit",
    "work_permit",
    "permanent_residence",
    "pr_card",
    "citizenship",
    "sponsorship",
]
Status = Literal[
    "submitted",
    "in_progress",
    "additional_information_requested",
    "approved",
    "refused",
    "withdrawn",
]
CATEGORIES: tuple[str, ...] = get_args(Category)
STATUSES: tuple[str, ...] = get_args(Status)

#: IRCC's 11 compliance statuses of a DLI report row
ComplianceStatus = Literal[
    "academic_break",
    "academic_suspension",
    "authorized_leave",
    "deferred_enrolment",
    "full_time_studies",
    "part_time_studies",
    "no_longer_enrolled",
    "no_show",
    "not_started",
    "program_completed",
    "unknown",
]
COMPLIANCE_STATUSES: tuple[str, ...] = get_args(ComplianceStatus)
