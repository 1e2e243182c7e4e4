"""French first, English complete: every message used by the code has a French translation."""

from school101.i18n import extract_messages, french_translations, missing_french


def test_every_message_has_a_french_translation():
    missing = missing_french()
    assert missing == [], f"{len(missing)} message(s) without French: {missing[:20]}"


def test_translations_keep_their_placeholders():
    import re

    placeholder = re.compile(r"%\((\w+)\)[sd]")
    used = extract_messages()
    bad = [
        msgid
        for msgid, text in french_translations().items()
        if msgid in used and set(placeholder.findall(msgid)) != set(placeholder.findall(text))
    ]
    assert bad == []
