"""Report a problem: mail to the DLI mailbox with the sanitised screenshot; reply-by in federal business days."""

from datetime import date

import pytest

from gckey_tui.api import ApiError
from gckey_tui.api.models_lifecycle import SupportRequest
from gckey_tui.service.support import add_business_days
from gckey_tui.service.svg_sanitiser import MAX_SVG_BYTES, UnsafeSvg, sanitise_svg

SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" onload="steal()">'
    "<style>@import url(https://evil.example/x.css); .r1 { fill: #fff }</style>"
    '<script>alert(1)</script><foreignObject><div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject>'
    '<a xlink:href="javascript:alert(2)"><text>Click</text></a><text class="r1" onclick="x()">Welcome</text>'
    '<a><set attributeName="href" to="javascript:alert(3)"/><text>Open</text></a>'
    '<image href="https://evil.example/track.png"/></svg>'
)


def attachment(message):
    parts = [part for part in message.iter_attachments()]
    assert len(parts) == 1
    return parts[0]


async def test_signed_out_report_reaches_the_mailbox_with_a_clean_screenshot(client, outbox, settings):
    created = await client.report_problem(
        SupportRequest(
            subject="Cannot link my application",
            description="The link wizard says no match.",
            steps_taken="Checked the number twice.",
            contact_email="student@example.com",
            screenshot_svg=SVG,
        )
    )
    assert created.reference.startswith("GCK-261102-") and len(created.reference) == 17
    # 10 business days from Monday 2 November 2026: Remembrance Day (11 November) is a federal holiday
    assert created.reply_by == date(2026, 11, 17)
    message = outbox.latest(settings.support_mailbox)
    assert created.reference in message["Subject"]
    assert message["Reply-To"] == "student@example.com"
    body = message.get_body(("plain",)).get_content()
    assert "The link wizard says no match." in body and "Checked the number twice." in body
    svg = attachment(message)
    assert svg.get_content_type() == "image/svg+xml"
    cleaned = svg.get_content()
    cleaned = cleaned.decode() if isinstance(cleaned, bytes) else cleaned
    assert "Welcome" in cleaned and ".r1" in cleaned
    for bad in ("<script", "onload", "onclick", "javascript:", "evil.example", "foreignObject", "@import", "<set"):
        assert bad not in cleaned, bad


async def test_signed_in_report_names_the_account(make_account, outbox, settings):
    account = await make_account("reporter26")
    await account.client.report_problem(SupportRequest(subject="Help", description="Something broke."))
    message = outbox.latest(settings.support_mailbox)
    assert account.username in message.get_content()
    assert message["Reply-To"] == account.email
    assert not list(message.iter_attachments())


@pytest.mark.parametrize(
    ("screenshot", "field_error"),
    [
        ("<svg" + " " * MAX_SVG_BYTES + "/>", "too large"),
        ('<!DOCTYPE svg [<!ENTITY a "aaaa">]><svg xmlns="http://www.w3.org/2000/svg">&a;</svg>', "valid SVG"),
        ("<html><body/></html>", "valid SVG"),
        ("<svg", "valid SVG"),
    ],
)
async def test_bad_screenshots_are_refused_on_the_form(client, screenshot, field_error):
    with pytest.raises(ApiError) as refused:
        await client.report_problem(
            SupportRequest(subject="x", description="y", contact_email="a@example.com", screenshot_svg=screenshot)
        )
    assert refused.value.status == 422 and field_error in refused.value.fields["screenshot_svg"]


async def test_signed_out_report_needs_an_address_and_text(client):
    with pytest.raises(ApiError) as refused:
        await client.report_problem(SupportRequest(subject=" ", description=" "))
    assert refused.value.status == 422
    assert set(refused.value.fields) == {"subject", "description", "contact_email"}


async def test_reports_are_limited_per_hour(client):
    request = SupportRequest(subject="x", description="y", contact_email="loud@example.com")
    for _ in range(10):
        await client.report_problem(request)
    with pytest.raises(ApiError) as limited:
        await client.report_problem(request)
    assert limited.value.status == 429


def test_business_days_skip_weekends_and_federal_holidays():
    assert add_business_days(date(2026, 11, 6), 1) == date(2026, 11, 9)  # Friday → Monday
    # 21 Dec 2026 (Mon): 25, 26 (Sat), 28 (Boxing Day observed), 1 Jan are not business days
    assert add_business_days(date(2026, 12, 21), 10) == date(2027, 1, 7)
    assert add_business_days(date(2026, 9, 29), 1) == date(2026, 10, 1)  # Truth and Reconciliation Day


def test_sanitiser_keeps_a_console_screenshot_intact():
    with pytest.raises(UnsafeSvg):
        sanitise_svg("not xml")
    kept = sanitise_svg('<svg xmlns="http://www.w3.org/2000/svg"><text clip-path="url(#g)">ok</text></svg>')
    assert b'<text clip-path="url(#g)">ok</text>' in kept
