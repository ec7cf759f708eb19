"""The deployment smoke test: the service answers, the test account signs in through the console, its dashboard
and reports can be read, and it signs out. ``gckey-tui selftest`` runs it; a pytest suite can too."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from gckey_tui.i18n import translate
from gckey_tui.testing.console import KitConsole
from gckey_tui.testing.flows import sign_in
from gckey_tui.testing.remote import RemoteService, SmokeAccount
from gckey_tui.testing.screen import look, text_of

if TYPE_CHECKING:
    from gckey_tui.api import ServiceClient

#: the steps, in order; each is named ``selftest.step.<id>`` in the catalogue
STEPS = ("health", "sign_in", "dashboard", "reports", "sign_out")


@dataclass(frozen=True)
class Step:
    """One step's outcome: its id (one of ``STEPS``), whether it passed, and what was seen (localised)."""

    id: str
    ok: bool
    detail: str


async def smoke_test(remote: RemoteService, account: SmokeAccount, language: str = "en") -> list[Step]:
    """Run the steps in order against ``remote`` as ``account``, up to the first that fails; their outcomes."""
    from gckey_tui.api.errors import ApiError
    from gckey_tui.screens.base import error_text

    async with remote.client(language) as client:
        try:
            health = await client.health()
        except ApiError as error:
            return [Step("health", False, error_text(error))]
    answers = health.status == "ok"
    steps = [Step("health", answers, translate("selftest.version", language, version=health.version))]
    if not answers:
        return steps
    async with remote.run_console(language) as pilot:
        console = cast(KitConsole, pilot.app)
        seen = await sign_in(pilot, account)
        signed_in = seen.screen == "HomeScreen"
        steps.append(Step("sign_in", signed_in, seen.message or translate("selftest.on", language, screen=seen.title)))
        if not signed_in:
            return steps
        who = text_of(console.screen.query_one("#who"))
        steps.append(Step("dashboard", account.username in who, " · ".join(who.splitlines())))
        try:
            steps.append(Step("reports", True, await _reports(console.client, language)))
        except ApiError as error:
            steps.append(Step("reports", False, error_text(error)))
        await pilot.press("ctrl+o")
        seen = await look(pilot)
        signed_out = seen.screen == "WelcomeScreen" and not console.signed_in
        steps.append(Step("sign_out", signed_out, translate("selftest.on", language, screen=seen.title)))
    return steps


async def _reports(client: ServiceClient, language: str) -> str:
    """The account's institutions and their opened reports, counted (none is fine: not every account is staff)."""
    institutions = (await client.institutions()).institutions
    reports = []
    for institution in institutions:
        page = await client.reports(institution.dli)
        reports.extend(report for report in page.reports if report.status != "scheduled")
    overdue = sum(1 for report in reports if report.status == "overdue")
    return translate(
        "selftest.reports", language, institutions=len(institutions), reports=len(reports), overdue=overdue
    )
