"""End-to-end tests need Debian's Chromium; without it they skip and say why."""

import cdp
import pytest


def pytest_collection_modifyitems(items):
    if cdp.CHROMIUM.exists():
        return
    reason = f"{cdp.CHROMIUM} is absent: install Debian's chromium (apt-get install chromium) to run the browser tests"
    for item in items:
        if "tests/e2e" in str(item.fspath):
            item.add_marker(pytest.mark.skip(reason=reason))
