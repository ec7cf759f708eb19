"""The home dashboard's applications card: the count, what needs attention, the latest change."""

from datetime import date

from textual.widgets import Static

from gckey_tui.api.models_applications import LinkByUciDocument
from gckey_tui.i18n import set_language
from gckey_tui.screens.applications import applications_card
from gckey_tui.service.applications_import import HEADER, import_applications
from gckey_tui.testing import register_account

ROWS = [
    "W123456789,1234567890,work_permit,Lefèvre,Anaïs,1994-03-15,France,FR12AB345,submitted,2026-08-01",
    "S123456789,1234567890,study_permit,Lefèvre,Anaïs,1994-03-15,France,FR12AB345,"
    "additional_information_requested,2026-09-02",
]


async def test_card_summarises_in_both_languages(context, new_client, outbox, clock):
    import_applications(context, "\n".join([",".join(HEADER), *ROWS]) + "\n", clock.now())
    person = await register_account(new_client(), outbox, clock, "cardowner26")
    set_language("en")
    empty = await applications_card(person.client)
    assert "none linked" in str(empty.render())
    await person.client.link_application(
        LinkByUciDocument(
            uci="1234567890", document_number="FR12AB345", date_of_birth=date(1994, 3, 15), country_of_birth="France"
        )
    )
    card = await applications_card(person.client)
    assert isinstance(card, Static)
    text = str(card.render())
    assert "2 linked" in text and "1 asking for additional information" in text and "S123456789" in text
    set_language("fr")
    try:
        assert "2 liées" in str((await applications_card(person.client)).render())
    finally:
        set_language("en")
