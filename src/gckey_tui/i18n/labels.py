"""Explicit maps from values that arrive as data (a status, an event kind, an error code, a column) to their
literal translation keys, so that the extractor (``babel.cfg``) finds every key the code can ask for.

``label(MAP, value)`` says a value in the current language; a value without a key (one a newer service sends)
is shown as it is rather than failing. A test checks that each map covers its whole family of catalogue keys.
"""

from __future__ import annotations

from collections.abc import Mapping

from gckey_tui.i18n import N_, _


def label(keys: Mapping[str, str], value: str, /, **params: object) -> str:
    """The text of ``value``'s key in ``keys`` in the current language (``value`` itself when it has none)."""
    key = keys.get(value)
    return _(key, **params) if key else value


#: the message of each error code the service answers with (``error.<code>``)
ERRORS = {
    "passkey_not_found": N_("error.passkey_not_found"),
    "ticket_not_found": N_("error.ticket_not_found"),
    "no_passkeys": N_("error.no_passkeys"),
    "too_many_passkeys": N_("error.too_many_passkeys"),
    "last_factor": N_("error.last_factor"),
    "wrong_number": N_("error.wrong_number"),
    "passkey_refused": N_("error.passkey_refused"),
    "passkey_cloned": N_("error.passkey_cloned"),
    "code_sent_recently": N_("error.code_sent_recently"),
    "session_incomplete": N_("error.session_incomplete"),
    "reauthentication_required": N_("error.reauthentication_required"),
    "report_exempt": N_("error.report_exempt"),
    "no_matching_application": N_("error.no_matching_application"),
    "institution_not_found": N_("error.institution_not_found"),
    "report_not_found": N_("error.report_not_found"),
    "student_not_found": N_("error.student_not_found"),
    "token_not_found": N_("error.token_not_found"),
    "not_found": N_("error.not_found"),
    "slow_down": N_("error.slow_down"),
    "invalid_fields": N_("error.invalid_fields"),
    "invalid_registration": N_("error.invalid_registration"),
    "invalid_support_request": N_("error.invalid_support_request"),
    "internal_error": N_("error.internal_error"),
    "expired_token": N_("error.expired_token"),
    "invalid_code": N_("error.invalid_code"),
    "invalid_setup_code": N_("error.invalid_setup_code"),
    "invalid_recovery": N_("error.invalid_recovery"),
    "invalid_csv": N_("error.invalid_csv"),
    "csv_too_large": N_("error.csv_too_large"),
    "csv_not_utf8": N_("error.csv_not_utf8"),
    "invalid_password": N_("error.invalid_password"),
    "unsupported_value": N_("error.unsupported_value"),
    "bad_request": N_("error.bad_request"),
    "invalid_request": N_("error.invalid_request"),
    "payload_too_large": N_("error.payload_too_large"),
    "network_error": N_("error.network_error"),
    "unexpected_response": N_("error.unexpected_response"),
    "busy": N_("error.busy"),
    "access_denied": N_("error.access_denied"),
    "invalid_credentials": N_("error.invalid_credentials"),
    "partner_not_found": N_("error.partner_not_found"),
    "partner_unavailable": N_("error.partner_unavailable"),
    "method_not_allowed": N_("error.method_not_allowed"),
    "application_not_found": N_("error.application_not_found"),
    "code_expired": N_("error.code_expired"),
    "invalid_grant": N_("error.invalid_grant"),
    "unsupported_grant_type": N_("error.unsupported_grant_type"),
    "identity_linked_elsewhere": N_("error.identity_linked_elsewhere"),
    "registration_not_found": N_("error.registration_not_found"),
    "report_empty": N_("error.report_empty"),
    "report_submitted": N_("error.report_submitted"),
    "report_not_open": N_("error.report_not_open"),
    "session_not_found": N_("error.session_not_found"),
    "enrolment_not_found": N_("error.enrolment_not_found"),
    "insufficient_scope": N_("error.insufficient_scope"),
    "username_taken": N_("error.username_taken"),
    "too_many_attempts": N_("error.too_many_attempts"),
    "too_many_requests": N_("error.too_many_requests"),
    "linking_locked": N_("error.linking_locked"),
    "sign_in_restart": N_("error.sign_in_restart"),
    "confirmation_mismatch": N_("error.confirmation_mismatch"),
    "authorization_pending": N_("error.authorization_pending"),
    "unauthorized": N_("error.unauthorized"),
    "too_many_tokens": N_("error.too_many_tokens"),
    "not_email_method": N_("error.not_email_method"),
    "session_expired": N_("error.session_expired"),
    "report_incomplete": N_("error.report_incomplete"),
}

#: application categories
APPLICATION_CATEGORIES = {
    "citizenship": N_("application.category.citizenship"),
    "pr_card": N_("application.category.pr_card"),
    "permanent_residence": N_("application.category.permanent_residence"),
    "sponsorship": N_("application.category.sponsorship"),
    "study_permit": N_("application.category.study_permit"),
    "visitor_visa": N_("application.category.visitor_visa"),
    "work_permit": N_("application.category.work_permit"),
}

#: application statuses
APPLICATION_STATUSES = {
    "additional_information_requested": N_("application.status.additional_information_requested"),
    "approved": N_("application.status.approved"),
    "refused": N_("application.status.refused"),
    "in_progress": N_("application.status.in_progress"),
    "submitted": N_("application.status.submitted"),
    "withdrawn": N_("application.status.withdrawn"),
}

#: application statuses, the narrow table's shorter form
APPLICATION_STATUSES_SHORT = {
    "approved": N_("application.status_short.approved"),
    "in_progress": N_("application.status_short.in_progress"),
    "additional_information_requested": N_("application.status_short.additional_information_requested"),
    "refused": N_("application.status_short.refused"),
    "submitted": N_("application.status_short.submitted"),
    "withdrawn": N_("application.status_short.withdrawn"),
}

#: the applications table's columns
APPLICATION_COLUMNS = {
    "category": N_("applications.column.category"),
    "date": N_("applications.column.date"),
    "updated": N_("applications.column.updated"),
    "number": N_("applications.column.number"),
    "status": N_("applications.column.status"),
    "submitted": N_("applications.column.submitted"),
}

#: the fields of the form that links an application
LINK_FIELDS = {
    "application_number": N_("applications.link.field.application_number"),
    "country_of_birth": N_("applications.link.field.country_of_birth"),
    "date_of_birth": N_("applications.link.field.date_of_birth"),
    "family_name": N_("applications.link.field.family_name"),
    "document_number": N_("applications.link.field.document_number"),
    "uci": N_("applications.link.field.uci"),
}

#: columns of the report, institution, import and token tables
REPORT_COLUMNS = {
    "cycle": N_("reports.column.cycle"),
    "dli": N_("reports.column.dli"),
    "days_left": N_("reports.column.days_left"),
    "progress": N_("reports.column.progress"),
    "due": N_("reports.column.due"),
    "expires": N_("reports.column.expires"),
    "family_name": N_("reports.column.family_name"),
    "field": N_("reports.column.field"),
    "given_names": N_("reports.column.given_names"),
    "last_used": N_("reports.column.last_used"),
    "line": N_("reports.column.line"),
    "name": N_("reports.column.name"),
    "message": N_("reports.column.message"),
    "program": N_("reports.column.program"),
    "province": N_("reports.column.province"),
    "role": N_("reports.column.role"),
    "scope": N_("reports.column.scope"),
    "status": N_("reports.column.status"),
    "student_id": N_("reports.column.student_id"),
}

#: a student's compliance status (``missing``: none yet)
COMPLIANCE_STATUSES = {
    "academic_break": N_("reports.status.academic_break"),
    "academic_suspension": N_("reports.status.academic_suspension"),
    "authorized_leave": N_("reports.status.authorized_leave"),
    "deferred_enrolment": N_("reports.status.deferred_enrolment"),
    "full_time_studies": N_("reports.status.full_time_studies"),
    "no_longer_enrolled": N_("reports.status.no_longer_enrolled"),
    "no_show": N_("reports.status.no_show"),
    "missing": N_("reports.status.missing"),
    "not_started": N_("reports.status.not_started"),
    "part_time_studies": N_("reports.status.part_time_studies"),
    "program_completed": N_("reports.status.program_completed"),
    "unknown": N_("reports.status.unknown"),
}

#: a report's status
REPORT_STATUSES = {
    "corrections_requested": N_("reports.report.corrections_requested"),
    "exempt": N_("reports.report.exempt"),
    "in_progress": N_("reports.report.in_progress"),
    "not_started": N_("reports.report.not_started"),
    "overdue": N_("reports.report.overdue"),
    "scheduled": N_("reports.report.scheduled"),
    "submitted": N_("reports.report.submitted"),
    "submitted_late": N_("reports.report.submitted_late"),
}

#: a staff member's role at an institution
ROLES = {
    "principal": N_("reports.role.principal"),
    "staff": N_("reports.role.staff"),
}

#: what is wrong with a token form's field
TOKEN_FIELD_ERRORS = {
    "expires_in_days": N_("reports.tokens.bad_expires_in_days"),
    "name": N_("reports.tokens.bad_name"),
}

#: the second-factor method on the home screen (``none``: not set up)
CONSOLE_METHODS = {
    "totp": N_("console.method.totp"),
    "email": N_("console.method.email"),
    "none": N_("console.method.none"),
}

#: password strength scores, 0 to 4
STRENGTHS = {
    "2": N_("console.strength.2"),
    "3": N_("console.strength.3"),
    "4": N_("console.strength.4"),
    "0": N_("console.strength.0"),
    "1": N_("console.strength.1"),
}

#: how a session signed in, or which method an event names
SIGN_IN_METHODS = {
    "totp": N_("account_centre.method.totp"),
    "email": N_("account_centre.method.email"),
    "partner": N_("account_centre.method.partner"),
    "recovery_code": N_("account_centre.method.recovery_code"),
    "passkey": N_("account_centre.method.passkey"),
}

#: the kind of client a session or an event came from
CLIENTS = {
    "api": N_("account_centre.client.api"),
    "browser": N_("account_centre.client.browser"),
    "console": N_("account_centre.client.console"),
    "console_ssh": N_("account_centre.client.console_ssh"),
}

#: columns of the sessions and activity tables
ACCOUNT_COLUMNS = {
    "address": N_("account_centre.column.address"),
    "client": N_("account_centre.column.client"),
    "seen": N_("account_centre.column.seen"),
    "method": N_("account_centre.column.method"),
    "what": N_("account_centre.column.what"),
    "when": N_("account_centre.column.when"),
    "current": N_("account_centre.column.this_session"),
}

#: account activity events
EVENTS = {
    "passkey_added": N_("account_centre.event.passkey_added"),
    "passkey_removed": N_("account_centre.event.passkey_removed"),
    "passkey_renamed": N_("account_centre.event.passkey_renamed"),
    "passkey_wrong_number": N_("account_centre.event.passkey_wrong_number"),
    "passkey_clone_detected": N_("account_centre.event.passkey_clone_detected"),
    "token_created": N_("account_centre.event.token_created"),
    "token_revoked": N_("account_centre.event.token_revoked"),
    "application_linked": N_("account_centre.event.application_linked"),
    "email_changed": N_("account_centre.event.email_changed"),
    "account_created": N_("account_centre.event.account_created"),
    "email_change_requested": N_("account_centre.event.email_change_requested"),
    "recovery_codes_regenerated": N_("account_centre.event.recovery_codes_regenerated"),
    "password_changed": N_("account_centre.event.password_changed"),
    "security_answers_changed": N_("account_centre.event.security_answers_changed"),
    "recovery_code_used": N_("account_centre.event.recovery_code_used"),
    "two_factor_changed": N_("account_centre.event.two_factor_changed"),
    "second_factor_locked": N_("account_centre.event.second_factor_locked"),
    "two_factor_set_up": N_("account_centre.event.two_factor_set_up"),
    "session_ended": N_("account_centre.event.session_ended"),
    "partner_attached": N_("account_centre.event.partner_attached"),
    "password_locked": N_("account_centre.event.password_locked"),
    "sign_in": N_("account_centre.event.sign_in"),
    "code_failed": N_("account_centre.event.code_failed"),
    "password_failed": N_("account_centre.event.password_failed"),
}

#: the help screen's paragraphs on which service to call
HELP_PARTS = {
    "cra": N_("lifecycle.help.cra"),
    "gckey": N_("lifecycle.help.gckey"),
    "portals": N_("lifecycle.help.portals"),
}

#: service desk lines: (label, number)
DESK_LINES = {
    "canada_us": (N_("desk.canada_us.label"), N_("desk.canada_us.number")),
    "outside": (N_("desk.outside.label"), N_("desk.outside.number")),
    "tty": (N_("desk.tty.label"), N_("desk.tty.number")),
}

#: the steps of ``gckey-tui selftest``
SELFTEST_STEPS = {
    "dashboard": N_("selftest.step.dashboard"),
    "reports": N_("selftest.step.reports"),
    "health": N_("selftest.step.health"),
    "sign_in": N_("selftest.step.sign_in"),
    "sign_out": N_("selftest.step.sign_out"),
}

#: password character rules
POLICY_RULES = {
    "digit": N_("policy.requires.digit"),
    "lower": N_("policy.requires.lower"),
    "upper": N_("policy.requires.upper"),
}

#: recovery questions
QUESTIONS = {
    "q04": N_("question.q04"),
    "q12": N_("question.q12"),
    "q09": N_("question.q09"),
    "q06": N_("question.q06"),
    "q11": N_("question.q11"),
    "q01": N_("question.q01"),
    "q02": N_("question.q02"),
    "q10": N_("question.q10"),
    "q08": N_("question.q08"),
    "q03": N_("question.q03"),
    "q05": N_("question.q05"),
    "q07": N_("question.q07"),
}

#: Sign-In Partners
PARTNERS = {
    "affinity": N_("partner.affinity"),
    "atb": N_("partner.atb"),
    "bmo": N_("partner.bmo"),
    "cibc": N_("partner.cibc"),
    "desjardins": N_("partner.desjardins"),
    "national-bank": N_("partner.national-bank"),
    "rbc": N_("partner.rbc"),
    "scotiabank": N_("partner.scotiabank"),
    "td": N_("partner.td"),
    "tangerine": N_("partner.tangerine"),
}

#: mail templates: (subject, body)
MAIL = {
    "passkey_added": (N_("mail.passkey_added.subject"), N_("mail.passkey_added.body")),
    "passkey_removed": (N_("mail.passkey_removed.subject"), N_("mail.passkey_removed.body")),
    "passkey_renamed": (N_("mail.passkey_renamed.subject"), N_("mail.passkey_renamed.body")),
    "passkey_clone": (N_("mail.passkey_clone.subject"), N_("mail.passkey_clone.body")),
    "account_recovered": (N_("mail.account_recovered.subject"), N_("mail.account_recovered.body")),
    "enrolment_code": (N_("mail.enrolment_code.subject"), N_("mail.enrolment_code.body")),
    "email_change_code": (N_("mail.email_change_code.subject"), N_("mail.email_change_code.body")),
    "corrections_requested": (N_("mail.corrections_requested.subject"), N_("mail.corrections_requested.body")),
    "cycle_opened": (N_("mail.cycle_opened.subject"), N_("mail.cycle_opened.body")),
    "recovery_codes_regenerated": (
        N_("mail.recovery_codes_regenerated.subject"),
        N_("mail.recovery_codes_regenerated.body"),
    ),
    "new_sign_in": (N_("mail.new_sign_in.subject"), N_("mail.new_sign_in.body")),
    "support_request": (N_("mail.support_request.subject"), N_("mail.support_request.body")),
    "second_factor_locked": (N_("mail.second_factor_locked.subject"), N_("mail.second_factor_locked.body")),
    "email_changed": (N_("mail.email_changed.subject"), N_("mail.email_changed.body")),
    "password_reset_code": (N_("mail.password_reset_code.subject"), N_("mail.password_reset_code.body")),
    "password_changed": (N_("mail.password_changed.subject"), N_("mail.password_changed.body")),
    "password_reset_done": (N_("mail.password_reset_done.subject"), N_("mail.password_reset_done.body")),
    "security_answers_changed": (N_("mail.security_answers_changed.subject"), N_("mail.security_answers_changed.body")),
    "two_factor_changed": (N_("mail.two_factor_changed.subject"), N_("mail.two_factor_changed.body")),
    "sign_in_code": (N_("mail.sign_in_code.subject"), N_("mail.sign_in_code.body")),
    "username_reminder": (N_("mail.username_reminder.subject"), N_("mail.username_reminder.body")),
    "verify_email": (N_("mail.verify_email.subject"), N_("mail.verify_email.body")),
    "account_deactivated": (N_("mail.account_deactivated.subject"), N_("mail.account_deactivated.body")),
    "account_deleted": (N_("mail.account_deleted.subject"), N_("mail.account_deleted.body")),
    "inactivity_warning": (N_("mail.inactivity_warning.subject"), N_("mail.inactivity_warning.body")),
}

#: why serve-ssh refuses a connection
SSH_REFUSALS = {
    "exec": N_("ssh.refused.exec"),
    "total": N_("ssh.refused.total"),
    "no_pty": N_("ssh.refused.no_pty"),
    "address": N_("ssh.refused.address"),
}
