"""schemathesis over /openapi.json: no 5xx, and every documented answer matches its schema."""

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error, response_schema_conformance

from gckey_tui.config import Settings
from gckey_tui.service import create_app
from gckey_tui.service.clock import FrozenClock


@pytest.fixture
def api_schema(tmp_path_factory):
    data = tmp_path_factory.mktemp("fuzz")
    app = create_app(
        Settings(data_dir=data, secret_key="fuzz-key", hash_profile="fast", dev_partner=True), clock=FrozenClock()
    )
    return schemathesis.openapi.from_asgi("/openapi.json", app)


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_server_errors_and_answers_conform(case):
    case.call_and_validate(checks=[not_a_server_error, response_schema_conformance])
