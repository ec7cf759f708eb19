"""schemathesis over /openapi.json, every operation, on SQLite and PostgreSQL, signed in as a DLI principal.

Every built-in check runs (the CLI's ``--checks all``): no 5xx, every answer matches its documented status,
content type, headers and schema, bad input is refused, an undocumented method gets 405 with ``Allow``, a
protected call without the bearer token gets 401. Bounded: a few derandomised examples per operation.
"""

import os

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import CHECKS, load_all_checks
from test_reports import DLI_A, NOVEMBER, institution

from gckey_tui.service.sessions import issue_session

load_all_checks()
#: a few per operation keeps the suite fast; a deeper hunt: GCKEY_FUZZ_EXAMPLES=200 pytest this file
EXAMPLES = int(os.environ.get("GCKEY_FUZZ_EXAMPLES", "4"))


@schemathesis.check
def schema_valid_data_passes_schema_validation(ctx, response, case):
    """``positive_data_acceptance`` as far as a schema can promise: data the document allows is never refused
    as malformed (``invalid_request``, ``bad_request``, OAuth's ``invalid_request``). A refusal by a rule no
    JSON Schema states (a common password, an unknown code: ``invalid_registration``, ``invalid_grant``, …)
    is the contract working, not the schema lying."""
    if case.meta is None or not case.meta.generation.mode.is_positive or response.status_code not in (400, 422):
        return None
    body = response.json()
    code = body["error"]["code"] if isinstance(body.get("error"), dict) else body.get("error")
    if code in ("invalid_request", "bad_request"):
        raise AssertionError(f"schema-valid data refused as {code}: the document states less than the server checks")
    return None


#: the CLI's ``--checks all``, with ``positive_data_acceptance`` narrowed as above
ALL_CHECKS = [check for check in CHECKS.get_all() if check.__name__ != "positive_data_acceptance"]


@pytest.fixture
async def principal(context, make_account):
    """An account (TOTP set up) that is principal of an institution whose November report is open."""
    account = await make_account("fuzz2026")
    institution(context, username="fuzz2026", students=5)
    with context.engine.connect() as conn:
        return conn.execute(
            __import__("sqlalchemy").text("SELECT id FROM accounts WHERE username = 'fuzz2026'")
        ).scalar_one(), account


@pytest.fixture
def api_schema(service):
    schema = schemathesis.openapi.from_asgi("/openapi.json", service)
    # the principal's own institution and open report, so report calls reach their handlers
    schema.config.update(parameters={"path.dli": DLI_A, "path.cycle_name": NOVEMBER})
    return schema


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
def test_every_operation_answers_as_documented(case, context, principal):
    account_id, _account = principal
    # a fresh fully signed-in session per example: an example that signs out or ends sessions spoils none other
    with context.engine.begin() as conn:
        token, _expires = issue_session(conn, context, account_id, "authenticated", context.clock.now())
    if "Authorization" in (case.headers or {}):  # credentials meant to be sent (not left out on purpose)
        case.headers["Authorization"] = f"Bearer {token}"
    case.call_and_validate(checks=ALL_CHECKS)
