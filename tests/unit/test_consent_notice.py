"""The data-processing notice cannot change without a new CONSENT_VERSION.

Consents record the version agreed to and the SHA-256 of the exact text shown. If the words of
the notice change (template or translation) while CONSENT_VERSION stays the same, people would
be asked nothing although the text they agreed to is no longer the one shown: this test fails.
"""

import pytest

from school101.services.identity.consent import (
    CONSENT_VERSION,
    NOTICE_LOCALES,
    notice_text,
    render_notice,
)

# SHA-256 of the notice text of each version, per language (services.consent.render_notice).
PINNED = {
    "2026-05-v1": {
        "fr": "1a9d83248335c464c2078461be8575e2d2452a2759a77702b736a1f4851e5e03",
        "en": "1e1ac8e140e75887d92865e5d423b413a57e77eb444ab11ab909784159dc0851",
    },
}


@pytest.mark.parametrize("locale", NOTICE_LOCALES)
def test_the_notice_text_is_the_one_pinned_for_its_version(app, locale):
    notice = render_notice(locale)
    assert CONSENT_VERSION in PINNED, (
        f"CONSENT_VERSION {CONSENT_VERSION!r} has no pinned hashes: add "
        f"{{{CONSENT_VERSION!r}: {{{locale!r}: {notice.sha256!r}, ...}}}} to PINNED in this file "
        "(one hash per language), after checking the new notice text."
    )
    pinned = PINNED[CONSENT_VERSION][locale]
    assert notice.sha256 == pinned, (
        f"The {locale} data-processing notice changed (candidate/_privacy_notice.html or its "
        f"translation) but CONSENT_VERSION is still {CONSENT_VERSION!r}. Bump CONSENT_VERSION in "
        "school101/services/consent.py so people agree to the new text, then pin the new hashes "
        f"here. Text now shown:\n{notice.text}"
    )


def test_the_notice_text_is_the_words_shown_without_markup(app):
    notice = render_notice("en")
    assert "<" not in notice.text and "Purpose. Your data is used" in notice.text
    assert notice.text.endswith(f"Notice version {CONSENT_VERSION}.\n")
    assert str(notice.html).count("<p") == notice.text.count("\n")
    assert render_notice("xx").locale == "fr"  # unknown languages get the French text


def test_notice_text_is_stable_across_whitespace_and_markup():
    assert notice_text("<p>A  <b>b</b>\n c</p><p>d&amp;e</p>") == "A b c\nd&e\n"
    assert notice_text("<div>\n  <p>A</p>\n</div>") == "A\n"
