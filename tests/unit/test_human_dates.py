"""Dates and times read like a person wrote them, in the page's language and in Paris time:
never seconds, never a UTC offset, summer and winter time alike."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

import pytest
from flask import render_template, render_template_string
from flask_babel import force_locale, refresh

from school101.core.clock import day_text, paris_text

WINTER = datetime(2026, 12, 23, 22, 4, tzinfo=UTC)  # 23:04 in Paris (UTC+1)
SUMMER = datetime(2026, 7, 2, 21, 59, tzinfo=UTC)  # 23:59 in Paris (UTC+2)
MORNING = datetime(2026, 3, 29, 7, 5)  # naive = UTC; the night clocks went forward: 09:05


@pytest.mark.parametrize(
    ("value", "locale", "form", "expected"),
    [
        (WINTER, "fr", "long", "23 décembre 2026 à 23\u00a0h\u00a004"),
        (WINTER, "en", "long", "Dec 23, 2026, 11:04 PM"),
        (WINTER, "fr", "short", "23/12/2026 23\u00a0h\u00a004"),
        (WINTER, "en", "short", "12/23/26, 11:04 PM"),
        (SUMMER, "fr", "long", "2 juillet 2026 à 23\u00a0h\u00a059"),
        (SUMMER, "en", "long", "Jul 2, 2026, 11:59 PM"),
        (SUMMER, "fr", "short", "02/07/2026 23\u00a0h\u00a059"),
        (SUMMER, "en", "short", "7/2/26, 11:59 PM"),
        (MORNING, "fr", "long", "29 mars 2026 à 9\u00a0h\u00a005"),
        (MORNING, "en", "medium", "Mar 29, 2026, 9:05 AM"),
        (SUMMER, "fr", "date", "2 juillet 2026"),
        (SUMMER, "en", "time", "11:59 PM"),
        (datetime(2026, 12, 31, 23, 30, tzinfo=UTC), "fr", "date", "1 janvier 2027"),  # Paris day
    ],
)
def test_paris_text(value, locale, form, expected):
    assert paris_text(value, form, locale=locale) == expected


def test_dates_alone_and_missing_values():
    assert day_text(date(2026, 12, 5), locale="fr") == "5 décembre 2026"
    assert day_text(date(2026, 12, 5), locale="en_GB") == "Dec 5, 2026"
    assert day_text(date(2026, 12, 5), "short_date", locale="fr") == "05/12/2026"
    assert paris_text(None) == "—" and day_text(None) == "—"


def test_the_paris_filter_follows_the_page_language(app):
    for query, expected in (
        ("", "23 décembre 2026 à 23\u00a0h\u00a004"),
        ("?lang=en", "Dec 23, 2026"),
    ):
        with app.test_request_context("/" + query):
            refresh()  # the locale is cached per app context: read this request's
            text = render_template_string(
                "{{ v|paris }} | {{ v|paris('short') }} | {{ d|day }}",
                v=WINTER,
                d=date(2026, 12, 5),
            )
        assert text.startswith(expected), text
        assert not re.search(r"\d:\d\d:\d\d|UTC|GMT|\+0[12]", text), text  # no seconds, no offset


def test_an_invitation_mail_gives_the_piscine_dates_in_words(app):
    class Named:
        first_name = "Camille"
        name = "Piscine de décembre"
        starts_on, ends_on = date(2026, 12, 7), date(2027, 1, 1)

    with app.test_request_context("/"):
        for locale, start in (("fr", "7 décembre 2026"), ("en", "Dec 7, 2026")):
            with force_locale(locale):
                body = render_template(
                    "mail/piscine_invitation.txt", user=Named, piscine=Named, link="x"
                )
            assert start in body and "2026-12-07" not in body, body
