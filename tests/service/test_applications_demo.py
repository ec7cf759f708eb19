"""Demo applications: every category and status; some linked to the demo account, others linkable."""

from datetime import date

import pyotp

from gckey_tui.admin import accounts, applications
from gckey_tui.admin.accounts import DEMO_PASSWORD, DEMO_TOTP_SECRET, DEMO_USERNAME
from gckey_tui.admin.applications import DEMO_LINKED
from gckey_tui.api.models_applications import CATEGORIES, STATUSES, LinkByUciDocument


async def test_demo_registry_covers_every_category_and_status(context, client, clock, capsys):
    # this area's seeding after the demo account's, as ``seed-demo`` runs them; twice is harmless
    for _ in range(2):
        accounts.seed_demo(context)
        applications.seed_demo(context)
    assert "UCI 1234567890 + document FR12AB345" in capsys.readouterr().out
    await client.sign_in(DEMO_USERNAME, DEMO_PASSWORD)
    await client.submit_second_factor(pyotp.TOTP(DEMO_TOTP_SECRET).at(clock.now()))
    assert sorted(a.number for a in await client.applications()) == sorted(DEMO_LINKED)
    linked = await client.link_application(
        LinkByUciDocument(
            uci="1234567890", document_number="FR12AB345", date_of_birth=date(1994, 3, 15), country_of_birth="France"
        )
    )
    assert len(linked) == 6
    mine = await client.applications()
    seen_statuses = {event.status for a in mine for event in (await client.application(a.number)).history}
    categories = {a.category for a in mine}
    # the one application of another person (sponsorship) remains for the wizard
    assert categories | {"sponsorship"} == set(CATEGORIES)
    assert seen_statuses == set(STATUSES)
