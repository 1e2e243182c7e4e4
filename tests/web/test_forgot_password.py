"""The forgotten-password page checks the address's format like the registration form (the same
service check, shown under the field), and still answers alike for known and unknown accounts."""

from html import unescape

import pytest

from school101.models import OutboxMail
from tests.conftest import count

SENT_FR = "Si un compte utilise cette adresse"


@pytest.mark.parametrize("email", ["nope", "a@b", "lea@", "@example.org"])
def test_malformed_address_gets_a_field_error_in_french_and_sends_nothing(client, email):
    r = client.post("/auth/forgot", data={"email": email})
    page = unescape(r.get_data(as_text=True))
    assert r.status_code == 422
    assert "Cette adresse e-mail n'est pas valide." in page
    assert SENT_FR not in page and count(OutboxMail) == 0


def test_malformed_address_error_in_english(client):
    client.get("/auth/forgot?lang=en")
    r = client.post("/auth/forgot", data={"email": "nope"})
    page = r.get_data(as_text=True)
    assert r.status_code == 422 and "This is not a valid e-mail address." in page
    assert "If an account uses this address" not in page


def test_the_same_check_as_registration(client):
    from tests.web.test_candidate_flow import FORM

    register = unescape(
        client.post("/auth/register", data={**FORM, "email": "nope"}).get_data(as_text=True)
    )
    forgot = unescape(client.post("/auth/forgot", data={"email": "nope"}).get_data(as_text=True))
    message = "Cette adresse e-mail n'est pas valide."
    assert message in register and message in forgot


def test_well_formed_addresses_get_the_same_answer_known_or_not(client, make_user):
    make_user(email="known@example.org")
    for email in ("known@example.org", "unknown@example.org"):
        r = client.post("/auth/forgot", data={"email": email}, follow_redirects=True)
        assert r.status_code == 200 and SENT_FR in r.get_data(as_text=True)
    assert [m.to for m in OutboxMail.query.filter_by(kind="password_reset")] == [
        "known@example.org"
    ]
