"""The crisis contacts: 999 first, NHS 111 option 2, Samaritans and Shout for everyone; Childline
for under-19s and for someone whose age is not known; every contact cites a public page."""

from __future__ import annotations

from datetime import date

import pytest

from workwell_tui.domain.crisis import (
    CHILDLINE,
    CRISIS_CONTACTS,
    childline_applies,
    crisis_contacts,
    crisis_contacts_for,
)

TODAY = date(2026, 11, 22)


def test_everyone_gets_999_first_then_111_samaritans_and_shout() -> None:
    contacts = crisis_contacts(45)
    assert [c.who for c in contacts] == ["Emergency", "NHS 111", "Samaritans", "Shout"]
    assert contacts[0].how == "999 or go to A&E if life is at risk"
    text = " ".join(c.how for c in contacts)
    assert "option 2" in text and "116 123" in text and "text SHOUT to 85258" in text
    assert "0800 1111" not in text


@pytest.mark.parametrize(
    ("age", "listed"), [(16, True), (18, True), (19, False), (64, False), (None, True)]
)
def test_childline_is_for_under_19s_and_for_an_unknown_age(age: int | None, listed: bool) -> None:
    assert childline_applies(age) is listed
    assert (CHILDLINE in crisis_contacts(age)) is listed
    if listed:
        assert crisis_contacts(age)[-1].how == "call 0800 1111, free, for under-19s"


def test_the_age_is_taken_on_today_from_the_date_of_birth() -> None:
    eighteen = date(2008, 11, 23)  # 19 tomorrow
    assert CHILDLINE in crisis_contacts_for(eighteen, TODAY)
    assert CHILDLINE not in crisis_contacts_for(date(2007, 11, 22), TODAY)  # 19 today
    assert CHILDLINE in crisis_contacts_for(None, TODAY)


def test_every_contact_cites_the_public_page_that_says_so() -> None:
    for contact in (*CRISIS_CONTACTS, CHILDLINE):
        assert contact.source.startswith("https://"), contact
        assert contact.site in contact.source, contact
