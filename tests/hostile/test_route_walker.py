"""No input gives a 500: every route of the app and every operation of the OpenAPI document,
fed out-of-range ids, paging values, numbers and dates, as staff, candidate, employer and
anonymous, answers below 500 (on SQLite, and on PostgreSQL with TEST_DATABASE_URL).

Out of range means one past the 64-bit integers (2**63), its negative twin, one past the
database's 32-bit INTEGER (2**31), and dates at the
ends of the calendar (year 1 and 9999) that overflow when converted to UTC. The demo data is
loaded so that the in-range ids of a second pass (1) reach the code behind the lookups; the
pages' own POST forms are filled from their HTML with the extreme values in the number and
date fields.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from school101.cli.demo import DEMO_PASSWORD, seed_demo
from school101.extensions import db
from tests.fixtures.people import bearer

BIG = str(2**63)  # 9223372036854775808: one past the largest 64-bit integer (SQLite)
PAST_INT = str(2**31)  # one past PostgreSQL's INTEGER, the type of every id column
NEGATIVE = str(-(2**63) - 1)
DATES = ("0001-01-01", "9999-12-31")
DATETIMES = ("0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-14:00")
LOCAL_DATETIMES = ("0001-01-01T00:00", "9999-12-31T23:59")
INT_QUERY = (
    "page",
    "per_page",
    "campaign_id",
    "piscine_id",
    "round_id",
    "user_id",
    "memory_min",
    "logic_min",
    "exam_id",
    "day",
    "cohort_id",
    "org_id",
    "status",
)
DATE_QUERY = ("since", "until", "from", "to", "date", "birth_before", "birth_after")
# Requests that would end the walker's own session or account (they are tested elsewhere).
SKIPPED = {
    "static",
    "analytics.static",
    "auth.logout",
    "candidate.delete_account",
    "api_me.erase",
    "api_auth.revoke",
    "candidate.revoke_token",
    "admin.user",  # POST may take the walker's own roles away; its GET is walked by the form pass
}
ROLES = {
    "staff": "admin@101.example",  # admin and staff
    "candidate": "candidate@101.example",
    "employer": "employer@101.example",
    "anonymous": None,
}


@pytest.fixture
def demo(app):
    list(seed_demo(candidates=12, seed=7))
    db.session.commit()


def _login(app, email):
    client = app.test_client()
    headers = {}
    if email:
        response = client.post("/auth/login", data={"email": email, "password": DEMO_PASSWORD})
        assert response.status_code == 302, email
        from school101.models import User

        user = db.session.scalar(db.select(User).where(User.email == email))
        headers = bearer(app, user)
    return client, headers


class Walker:
    """Sends requests and remembers every answer of 500 or more."""

    def __init__(self, client, headers):
        self.client = client
        self.headers = headers
        self.offenders: list[str] = []
        self.sent = 0

    def send(self, method: str, url: str, **kwargs):
        headers = self.headers if url.startswith("/api/") else {}
        response = self.client.open(url, method=method, headers=headers, **kwargs)
        self.sent += 1
        if response.status_code >= 500:
            body = kwargs.get("json") or kwargs.get("data") or ""
            self.offenders.append(f"{method} {url} {str(body)[:200]} -> {response.status_code}")
        return response


# ---------------------------------------------------------------- every rule of app.url_map


def _url(rule, int_value: str) -> str:
    url = rule.rule
    for name, converter in rule._converters.items():
        kind = type(converter).__name__
        if kind == "AnyConverter":
            value = converter.regex.split("|")[0].lstrip("(?:").strip("()")
            value = re.sub(r"\\(.)", r"\1", value)
        elif "Integer" in kind or "Int" in kind:
            value = int_value
        else:
            value = "c00" if name == "day_id" else "x"
        url = re.sub(r"<[^>]*\b" + re.escape(name) + ">", value, url)
    return url


def _query(value: str) -> str:
    return "&".join(f"{key}={value}" for key in INT_QUERY)


def walk_rules(app, walker: Walker) -> None:
    for rule in app.url_map.iter_rules():
        if rule.endpoint in SKIPPED or rule.endpoint.startswith("api-docs"):
            continue
        for int_value in (BIG, PAST_INT, "1"):
            url = _url(rule, int_value)
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                for value in (BIG, NEGATIVE, PAST_INT):
                    walker.send(method, f"{url}?{_query(value)}")
                walker.send(method, f"{url}?" + "&".join(f"{k}={DATES[0]}" for k in DATE_QUERY))
                if method != "GET":
                    walker.send(method, url, data={key: BIG for key in INT_QUERY})


# ---------------------------------------------------------------- the pages' own forms


class FormParser(HTMLParser):
    """The POST forms of a page: action and fields (name, type, value)."""

    def __init__(self):
        super().__init__()
        self.forms: list[dict] = []
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.forms.append(
                {
                    "action": attrs.get("action") or "",
                    "method": attrs.get("method", "get"),
                    "fields": [],
                }
            )
        elif not self.forms:
            return
        elif tag in ("input", "textarea") and attrs.get("name"):
            kind = attrs.get("type", "text") if tag == "input" else "textarea"
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                if not any(f[0] == attrs["name"] for f in self.forms[-1]["fields"]):
                    self.forms[-1]["fields"].append((attrs["name"], kind, attrs.get("value", "y")))
                return
            self.forms[-1]["fields"].append((attrs["name"], kind, attrs.get("value") or ""))
        elif tag == "select" and attrs.get("name"):
            self._select = attrs["name"]
        elif tag == "option" and self._select:
            self.forms[-1]["fields"].append((self._select, "select", attrs.get("value", "")))
            self._select = None

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None


# (number, date index): extreme numbers with plausible dates, then plausible numbers with
# extreme dates, so that each reaches the code behind the form's other checks.
FORM_VARIANTS = ((BIG, None), (NEGATIVE, None), (PAST_INT, None), (None, 0), (None, 1))


def _filled(fields, variant: tuple) -> dict:
    number, extreme = variant
    data: dict[str, str] = {}
    for name, kind, value in fields:
        if kind == "number":
            value = number or value or "1"
        elif kind == "date":
            value = DATES[extreme] if extreme is not None else value or "2026-09-01"
        elif kind == "datetime-local":
            value = LOCAL_DATETIMES[extreme] if extreme is not None else value or "2026-09-01T09:00"
        elif kind in ("text", "textarea", "email", "password", "search") and not value:
            value = "x"
        data.setdefault(name, value)
    return data


def walk_forms(app, walker: Walker) -> None:
    """GET each page with in-range ids, then post each of its forms with extreme values."""
    for rule in app.url_map.iter_rules():
        if rule.endpoint in SKIPPED or rule.rule.startswith("/api/") or "GET" not in rule.methods:
            continue
        response = walker.send("GET", _url(rule, "1"))
        if response.status_code != 200 or response.mimetype != "text/html":
            continue
        parser = FormParser()
        parser.feed(response.get_data(as_text=True))
        for form in parser.forms:
            action = form["action"] or _url(rule, "1")
            if form["method"].lower() != "post" or not action.startswith("/"):
                continue
            if any(skip in action for skip in ("/logout", "/delete", "/revoke")):
                continue
            for variant in FORM_VARIANTS:
                walker.send(
                    "POST", action.replace("&amp;", "&"), data=_filled(form["fields"], variant)
                )


# ---------------------------------------------------------------- every operation of the OpenAPI document


def _resolve(spec: dict, schema: dict) -> dict:
    while "$ref" in schema:
        schema = spec["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
    return schema


def _value(spec: dict, schema: dict, variant: str):
    schema = _resolve(spec, schema or {})
    kind = schema.get("type")
    if isinstance(kind, list):
        kind = next((k for k in kind if k != "null"), None)
    if "enum" in schema:
        return schema["enum"][0]
    if kind == "integer":
        return {"int": int(BIG), "int32": int(PAST_INT)}.get(variant, 1)
    if kind == "number":
        return 1e308 if variant == "int" else 1
    if kind == "boolean":
        return True
    if kind == "array":
        return [_value(spec, schema.get("items", {}), variant)]
    if kind == "object" or "properties" in schema:
        return {
            name: _value(spec, sub, variant) for name, sub in schema.get("properties", {}).items()
        }
    fmt = schema.get("format")
    if fmt == "date":
        return {"low": DATES[0], "high": DATES[1]}.get(variant, "2026-09-01")
    if fmt == "date-time":
        return {"low": DATETIMES[0], "high": DATETIMES[1]}.get(variant, "2026-09-01T09:00:00+02:00")
    return "x"


def walk_openapi(walker: Walker) -> None:
    spec = walker.client.get("/api/v1/openapi.json").get_json()
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            if operation.get("operationId") in SKIPPED or (method, path) in {
                ("delete", "/api/v1/me"),
                ("delete", "/api/v1/auth/tokens/{token_id}"),
            }:
                continue
            parameters = item.get("parameters", []) + operation.get("parameters", [])
            body = operation.get("requestBody", {}).get("content", {}).get("application/json")
            for ids in (BIG, PAST_INT, "1"):
                url = path.replace("{answer}", "confirm").replace("{game}", "memory")
                url = re.sub(r"\{[^}]+\}", ids, url)
                for variant in ("int", "int32", "low", "high"):
                    query = {
                        p["name"]: _value(spec, p.get("schema", {}), variant)
                        for p in parameters
                        if isinstance(p, dict) and p.get("in") == "query"
                    }
                    query_string = "&".join(
                        f"{k}={v if not isinstance(v, list) else v[0]}" for k, v in query.items()
                    )
                    json = _value(spec, body["schema"], variant) if body else None
                    walker.send(method.upper(), f"{url}?{query_string}", json=json)


@pytest.mark.parametrize("role", list(ROLES))
def test_no_input_gives_a_500(app, demo, role):
    client, headers = _login(app, ROLES[role])
    walker = Walker(client, headers)
    walk_rules(app, walker)
    walk_forms(app, walker)
    walk_openapi(walker)
    assert walker.sent > 500
    assert not walker.offenders, f"{len(walker.offenders)} answers >= 500 ({role}):\n" + "\n".join(
        walker.offenders
    )
