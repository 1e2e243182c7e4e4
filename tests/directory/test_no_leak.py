"""Employers never see admissions or piscine data: every route an employer can reach is crawled."""

import json
import re
from datetime import date, timedelta

import pytest
from werkzeug.routing import IntegerConverter

from school101.extensions import db
from school101.models import ApplicationNote, DayGrading, Decision
from school101.services.directory.contacts import create_contact_request, respond
from tests.conftest import login

SECRETS = (
    "Motivation-très-secrète-7781",
    "Note-du-jury-secrète-5521",
    "secretday/ex99",
    "Raison-de-décision-secrète-3310",
)
FORBIDDEN_KEYS = (
    "motivation",
    "application",
    "memory_score",
    "logic_score",
    "submission",
    "ranking",
    "breakdown",
    "piscine",
    "verdict",
    "decision",
    "booking",
    "game",
)


@pytest.fixture
def graduate_with_history(app, make_user, make_graduate, make_application, make_campaign):
    from school101.services.piscine.sessions import create_piscine

    grad = make_graduate(contact_email="gaelle.contact@example.org")
    staff = make_user(roles=("staff",))
    application = make_application(
        grad, make_campaign(), motivation=SECRETS[0], memory_score=977, logic_score=988
    )
    db.session.add(
        ApplicationNote(application_id=application.id, author_id=staff.id, body=SECRETS[1])
    )
    start = date.today() - timedelta(days=60)
    piscine = create_piscine(
        {
            "name": "Piscine secrète",
            "starts_on": start,
            "ends_on": start + timedelta(days=27),
            "capacity": 10,
            "feedback": "after_deadline",
        },
        actor=staff,
    )
    db.session.add(
        DayGrading(
            piscine_id=piscine.id,
            user_id=grad.id,
            day_id="c99",
            status="graded",
            score=93,
            max_score=100,
            verdict=json.dumps({"exercises": [{"exercise": SECRETS[2]}]}),
        )
    )
    db.session.add(
        Decision(
            piscine_id=piscine.id,
            user_id=grad.id,
            decision="admit",
            reason=SECRETS[3],
            breakdown=json.dumps({"rank": 1}),
        )
    )
    db.session.commit()
    return grad, application, piscine


def _fill(rule, ids):
    """URLs for a rule with every integer argument set to each of `ids` (None when not fillable)."""
    args = list(rule.arguments)
    if not args:
        return [rule.rule]
    urls = []
    for value in ids:
        values = {}
        for name in args:
            converter = rule._converters[name].__class__.__name__
            if isinstance(rule._converters[name], IntegerConverter):
                values[name] = value
            elif converter == "AnyConverter":
                values[name] = min(rule._converters[name].items)
            else:
                return []
        from flask import url_for
        from werkzeug.routing import BuildError

        try:
            urls.append(url_for(rule.endpoint, **values))
        except BuildError:
            continue
    return urls


def _text_of(response) -> str:
    """The answer as text; a zip (the person's own data export) is searched member by member;
    an image (the app's icons) holds no text."""
    if response.mimetype.startswith("image/") and response.mimetype != "image/svg+xml":
        return ""
    if response.mimetype == "application/zip":
        import io
        import zipfile

        with zipfile.ZipFile(io.BytesIO(response.get_data())) as archive:
            return "\n".join(
                archive.read(name).decode("utf-8", "replace") for name in archive.namelist()
            )
    return response.get_data(as_text=True)


def test_no_employer_reachable_route_shows_admissions_or_piscine_data(
    app, client, auth_header, make_employer, graduate_with_history
):
    grad, application, piscine = graduate_with_history
    employer = make_employer()
    row = create_contact_request(employer, grad.id, "Bonjour")
    db.session.commit()
    respond(
        grad, row.id, accept=True
    )  # contact details exchanged: the most an employer can ever see
    db.session.commit()
    headers = auth_header(employer)
    login(client, employer.email)
    ids = sorted({grad.id, application.id, piscine.id, row.id, 1})
    reached = []
    with app.test_request_context():
        rules = [
            r for r in app.url_map.iter_rules() if "GET" in r.methods and r.endpoint != "static"
        ]
        targets = [(r, url) for r in rules for url in _fill(r, ids)]
    for _rule, url in targets:
        response = client.get(url, headers=headers if url.startswith("/api/") else None)
        if response.status_code != 200:
            continue
        reached.append(url)
        body = _text_of(response)
        for secret in SECRETS:
            assert secret not in body, f"{url} shows {secret!r}"
        for score in ("977", "988"):
            assert not re.search(rf"\b{score}\b", body), f"{url} shows a game score"
    assert "/directory" in reached and f"/directory/graduates/{grad.id}" in reached
    assert "/api/v1/directory" in reached and "/directory/sent" in reached


def test_directory_json_has_no_admissions_keys(
    client, auth_header, make_employer, graduate_with_history
):
    grad, _, _ = graduate_with_history
    employer = make_employer()
    headers = auth_header(employer)
    create_contact_request(employer, grad.id, "Bonjour")
    db.session.commit()

    def keys(value):
        if isinstance(value, dict):
            for k, v in value.items():
                yield k
                yield from keys(v)
        elif isinstance(value, list):
            for v in value:
                yield from keys(v)

    for url in ("/api/v1/directory", f"/api/v1/directory/{grad.id}", "/api/v1/contact-requests"):
        found = set(keys(client.get(url, headers=headers).get_json()))
        assert not [k for k in found if any(bad in k for bad in FORBIDDEN_KEYS)], (url, found)


def test_employer_is_refused_on_admissions_and_piscine_apis(
    client, auth_header, make_employer, graduate_with_history
):
    _, _application, piscine = graduate_with_history
    headers = auth_header(make_employer())
    for url in (
        f"/api/v1/piscines/{piscine.id}/ranking",
        f"/api/v1/decisions?piscine_id={piscine.id}",
    ):
        assert client.get(url, headers=headers).status_code in (403, 404), url
