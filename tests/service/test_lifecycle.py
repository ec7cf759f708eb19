"""Export, deletion (personal data erased, username free again) and the inactivity sweep."""

import asyncio
import json
from datetime import timedelta

import httpx
import pytest
from sqlalchemy import select

from gckey_tui.admin.lifecycle import run_sweep
from gckey_tui.api import ApiError
from gckey_tui.service import lifecycle
from gckey_tui.service.inactivity import sweep
from gckey_tui.service.tables.accounts import accounts, recovery_codes, security_answers, sessions
from gckey_tui.testing import PASSWORD, registration, totp_code


async def reauthenticate(account, clock):
    clock.advance(seconds=30)
    await account.client.reauthenticate(account.password, totp_code(account.secret, clock))


async def test_export_holds_the_account_data_but_no_secret(make_account, context):
    account = await make_account("exporter26")
    exported = await account.client.export_account()
    data = exported.data
    assert data["profile"]["username"] == account.username and data["profile"]["email"] == account.email
    assert data["two_factor"] == {"method": "totp", "recovery_codes_remaining": 10}
    assert data["recovery_questions"] == ["q01", "q03", "q05"]
    assert len(data["sessions"]) == 1 and data["sessions"][0]["state"] == "authenticated"
    text = json.dumps(data)
    with context.engine.connect() as conn:
        row = conn.execute(select(accounts).where(accounts.c.username == account.username)).mappings().one()
    assert account.secret not in text and row["password_hash"] not in text
    assert not any(code in text for code in account.recovery_codes)


async def test_other_areas_add_export_sections(make_account):
    account = await make_account("sections26")

    @lifecycle.exporter("test_area")
    def _area(conn, account_id):
        return [{"account": account_id}]

    try:
        data = (await account.client.export_account()).data
    finally:
        del lifecycle.EXPORTERS["test_area"]
    assert data["test_area"] == [{"account": data["test_area"][0]["account"]}]


async def test_deletion_needs_reauthentication_and_the_username(make_account, clock):
    account = await make_account("careful2026")
    with pytest.raises(ApiError) as refused:
        await account.client.delete_account(account.username)
    assert refused.value.status == 403 and refused.value.code == "reauthentication_required"
    await reauthenticate(account, clock)
    with pytest.raises(ApiError) as mismatch:
        await account.client.delete_account("someoneelse")
    assert mismatch.value.status == 422 and "confirm_username" in mismatch.value.fields
    clock.advance(minutes=5)  # the window closed
    with pytest.raises(ApiError) as late:
        await account.client.delete_account(account.username)
    assert late.value.code == "reauthentication_required"
    assert (await account.client.me()).username == account.username


async def test_deletion_erases_personal_data_and_frees_the_username(make_account, new_client, context, clock, outbox):
    account = await make_account("Leaving2026")
    other = new_client()
    await other.sign_in(account.username, account.password)
    unlinked = []
    hook = lifecycle.on_delete(lambda conn, account_id, now: unlinked.append(account_id))
    try:
        await reauthenticate(account, clock)
        await account.client.delete_account("leaving2026")  # case-insensitive, like the username
    finally:
        lifecycle.ON_DELETE.remove(hook)
    assert account.client.token is None
    assert "was deleted at your request" in outbox.latest(account.email).get_content()

    with context.engine.connect() as conn:
        row = conn.execute(select(accounts).where(accounts.c.id == unlinked[0])).mappings().one()
        answers = conn.execute(select(security_answers).where(security_answers.c.account_id == row["id"])).all()
        codes = conn.execute(select(recovery_codes).where(recovery_codes.c.account_id == row["id"])).all()
        live = conn.execute(
            select(sessions).where(sessions.c.account_id == row["id"], sessions.c.revoked_at.is_(None))
        ).all()
    assert row["status"] == "deleted" and row["deleted_at"] is not None
    for column in ("username", "username_key", "email", "password_hash", "totp_secret", "two_factor_method"):
        assert row[column] is None, column
    assert answers == [] and codes == [] and live == []

    with pytest.raises(ApiError) as gone:
        await new_client().sign_in(account.username, account.password)
    assert gone.value.code == "invalid_credentials"
    # the name can be registered again, by anyone
    again = await new_client().register(registration("leaving2026", "new.owner@example.com"))
    assert again.registration_id


async def test_deleted_username_registers_again_end_to_end(make_account, clock):
    account = await make_account("reuse20260")
    await reauthenticate(account, clock)
    await account.client.delete_account(account.username)
    clock.advance(seconds=30)
    newcomer = await make_account("reuse20260")
    assert (await newcomer.client.me()).email == account.email


def raw(service) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=service), base_url="http://t")


async def test_sweep_warns_at_23_months_then_deactivates_at_2_years(
    service, make_account, context, clock, outbox, capsys
):
    account = await make_account("sleepy2026")
    busy = await make_account("busy202611")
    start = clock.now()
    clock.set(start + timedelta(days=365 * 2 - 32))
    assert sweep(context).warned == 0

    clock.set(start.replace(year=start.year + 2) - timedelta(days=30))
    # the busy one signs in: activity pushes its clock back
    clock.advance(seconds=30)
    fresh = busy.client.__class__.in_process(service)
    await fresh.sign_in(busy.username, busy.password)
    await fresh.submit_second_factor(totp_code(busy.secret, clock))
    result = sweep(context)
    assert (result.warned, result.deactivated) == (1, 0)
    warning = outbox.latest(account.email)
    assert "will be deactivated on" in warning.get_content()
    assert run_sweep(None, context) == 0  # idempotent: nothing more to do
    assert "0 warned, 0 deactivated" in capsys.readouterr().out
    warnings = [m for m in outbox.messages(account.email) if "will be deactivated" in m.get_content()]
    assert len(warnings) == 1

    clock.set(start.replace(year=start.year + 2) + timedelta(seconds=31))
    result = sweep(context)
    assert (result.warned, result.deactivated) == (0, 1)
    assert "has been deactivated" in outbox.latest(account.email).get_content()
    assert (sweep(context).warned, sweep(context).deactivated) == (0, 0)
    with context.engine.connect() as conn:
        statuses = dict(conn.execute(select(accounts.c.username, accounts.c.status)).all())
    assert statuses == {account.username: "deactivated", busy.username: "active"}

    # a deactivated username signs in like a wrong password (no enumeration)
    async with raw(service) as http:
        deactivated = await http.post("/api/v1/sessions", json={"username": account.username, "password": PASSWORD})
        unknown = await http.post("/api/v1/sessions", json={"username": "nobody2026", "password": PASSWORD})
    assert deactivated.status_code == 401 and deactivated.content == unknown.content
    with pytest.raises(ApiError):
        await account.client.me()  # its sessions ended


async def test_deactivation_waits_for_a_full_warning(make_account, context, clock, outbox):
    account = await make_account("overdue2026")
    start = clock.now()
    clock.set(start + timedelta(days=365 * 3))  # no sweep ran for a long time
    assert (sweep(context).warned, sweep(context).deactivated) == (1, 0)
    clock.advance(days=29)
    assert sweep(context).deactivated == 0
    clock.advance(days=1)
    assert sweep(context).deactivated == 1
    assert "has been deactivated" in outbox.latest(account.email).get_content()


async def test_a_served_instance_sweeps_in_its_lifespan(service, make_account, context, clock, outbox):
    account = await make_account("served2026")
    clock.set(clock.now() + timedelta(days=365 * 2))
    async with service.router.lifespan_context(service):
        for _ in range(100):  # the first sweep runs at start-up, in a thread
            if any("will be deactivated" in m.get_content() for m in outbox.messages(account.email)):
                break
            await asyncio.sleep(0.05)
        else:
            pytest.fail("no sweep at start-up")


async def test_deletion_unlinks_applications_which_stay_in_the_registry(make_account, context, clock):
    from gckey_tui.api.models_applications import LinkByApplicationNumber
    from gckey_tui.service.applications_import import HEADER, import_applications
    from gckey_tui.service.tables.applications import application_links, applications

    row = "W123456789,1234567890,work_permit,Lefèvre,Anaïs,1994-03-15,France,FR12AB345,submitted,2026-08-01"
    import_applications(context, "\n".join([",".join(HEADER), row]) + "\n", clock.now())
    link = LinkByApplicationNumber(
        application_number="W123456789", family_name="Lefèvre", date_of_birth="1994-03-15", country_of_birth="France"
    )
    account = await make_account("applicant26")
    await account.client.link_application(link)
    exported = (await account.client.export_account()).data
    assert [a["number"] for a in exported["applications"]] == ["W123456789"]

    await reauthenticate(account, clock)
    await account.client.delete_account(account.username)
    with context.engine.connect() as conn:
        assert conn.execute(select(applications.c.number)).scalars().all() == ["W123456789"]
        assert conn.execute(select(application_links)).all() == []
    # the person's next account can link it again
    clock.advance(seconds=30)
    successor = await make_account("applicant27")
    assert [a.number for a in await successor.client.link_application(link)] == ["W123456789"]
