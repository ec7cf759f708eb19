"""``gckey-tui selftest [--server URL]``: the deployment smoke test, for a pipeline (exit 1 when it fails).

The test account is a GCKey with an authenticator app kept for this purpose, named by ``GCKEY_SELFTEST_USERNAME``,
``GCKEY_SELFTEST_PASSWORD`` and ``GCKEY_SELFTEST_TOTP_SECRET``. The test drives a real console (headless) against
the server, as ``gckey_tui.testing`` does in a test suite.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from typing import TYPE_CHECKING

from gckey_tui.config import Settings
from gckey_tui.i18n import normalise_language, translate
from gckey_tui.i18n.labels import SELFTEST_STEPS

if TYPE_CHECKING:
    from gckey_tui.testing.remote import RemoteService, SmokeAccount

EXIT_PASSED, EXIT_FAILED, EXIT_NOT_CONFIGURED = 0, 1, 2


def register(subparsers: argparse._SubParsersAction) -> None:
    """``selftest [--server URL]``."""
    parser = subparsers.add_parser(
        "selftest",
        help="smoke-test a served instance with the test account; exit 1 when it fails, 2 when not configured",
        description="Signs in through the console as GCKEY_SELFTEST_USERNAME (password GCKEY_SELFTEST_PASSWORD, "
        "authenticator key GCKEY_SELFTEST_TOTP_SECRET), reads the dashboard and reports, signs out.",
    )
    parser.add_argument("--server", dest="selftest_server", metavar="URL", help="the instance (default: GCKEY_SERVER)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Run the smoke test and print each step: 0 passed, 1 a step failed, 2 no server or no test account."""
    from gckey_tui.testing.remote import ACCOUNT_VARIABLES, RemoteService, SmokeAccount

    language = normalise_language(settings.language)
    server = args.selftest_server or settings.server
    if not server:
        print(translate("selftest.no_server", language), file=sys.stderr)
        return EXIT_NOT_CONFIGURED
    try:
        account = SmokeAccount.from_environment()
    except LookupError:
        print(translate("selftest.no_account", language, variables=", ".join(ACCOUNT_VARIABLES)), file=sys.stderr)
        return EXIT_NOT_CONFIGURED
    with RemoteService(server) as remote:
        return asyncio.run(_run(remote, account, language))


async def _run(remote: RemoteService, account: SmokeAccount, language: str) -> int:
    from gckey_tui.testing.smoke import smoke_test

    print(translate("selftest.title", language, server=remote.url), flush=True)
    steps = await smoke_test(remote, account, language)
    for step in steps:
        outcome = translate("selftest.ok", language) if step.ok else translate("selftest.failed", language)
        line = translate(
            "selftest.line", language, step=translate(SELFTEST_STEPS[step.id], language), detail=step.detail
        )
        print(f"  {outcome:<6} {line}", flush=True)
    failed = next((step for step in steps if not step.ok), None)
    if failed is None:
        print(translate("selftest.passed", language))
        return EXIT_PASSED
    print(translate("selftest.did_not_pass", language, step=translate(SELFTEST_STEPS[failed.id], language)))
    return EXIT_FAILED
