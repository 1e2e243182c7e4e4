"""The OpenAPI document describes what the API really answers: a schema for every success, the
house error shape (`Error`) for every error response, and the Accept-Language rule."""

import pytest

METHODS = {"get", "put", "post", "patch", "delete"}
ERROR_REF = "#/components/schemas/Error"


@pytest.fixture
def doc(client):
    r = client.get("/api/v1/openapi.json")
    assert r.status_code == 200
    return r.json


def _operations(doc):
    for path, item in doc["paths"].items():
        for method, operation in item.items():
            if method in METHODS:
                yield f"{method.upper()} {path}", operation


def _resolve(doc, response: dict) -> dict:
    ref = response.get("$ref", "")
    if ref.startswith("#/components/responses/"):
        return doc["components"]["responses"][ref.rsplit("/", 1)[1]]
    return response


def _schema(doc, response: dict) -> dict | None:
    content = _resolve(doc, response).get("content", {})
    media = content.get("application/json") or next(iter(content.values()), None)
    return (media or {}).get("schema")


def test_the_error_schema_is_the_house_shape_not_flask_smorest_s(doc):
    schemas = doc["components"]["schemas"]
    assert schemas["Error"]["required"] == ["error"]
    assert schemas["Error"]["properties"]["error"] == {"$ref": "#/components/schemas/ErrorBody"}
    body = schemas["ErrorBody"]
    assert sorted(body["required"]) == ["code", "message"]
    assert body["properties"]["code"]["type"] == "string"  # flask-smorest's is an integer
    assert body["properties"]["fields"]["additionalProperties"] == {"type": "string"}
    assert not {"status", "errors"} & set(body["properties"])
    assert _schema(doc, doc["components"]["responses"]["DEFAULT_ERROR"]) == {"$ref": ERROR_REF}


def test_every_operation_has_a_2xx_with_a_schema_and_errors_use_the_house_schema(doc):
    problems, operations = [], 0
    for name, operation in _operations(doc):
        operations += 1
        responses = operation["responses"]
        successes = {code: r for code, r in responses.items() if code.startswith("2")}
        if not successes:
            problems.append(f"{name}: no 2xx response")
        for code, response in successes.items():
            schema = _schema(doc, response)
            if code != "204" and not schema:
                problems.append(f"{name} {code}: no schema")
            if code == "204" and schema:
                problems.append(f"{name} 204 with a body schema")
        for code, response in responses.items():
            if not code.startswith("2") and _schema(doc, response) != {"$ref": ERROR_REF}:
                problems.append(f"{name} {code}: not the Error schema ({_schema(doc, response)})")
        if "default" not in responses:
            problems.append(f"{name}: no default error response")
    assert operations > 60
    assert problems == []


def test_alternative_error_responses_keep_their_description(doc):
    post = doc["paths"]["/api/v1/applications"]["post"]
    assert post["responses"]["201"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/ApplicationCreatedOut"
    }
    assert post["responses"]["403"]["description"].startswith("E-mail not confirmed")
    assert _schema(doc, post["responses"]["403"]) == {"$ref": ERROR_REF}
    body_422 = doc["paths"]["/api/v1/auth/token"]["post"]["responses"]["422"]
    assert _schema(doc, body_422) == {"$ref": ERROR_REF}  # flask-smorest's own 422 for bodies


def test_the_language_rule_is_documented(doc):
    assert (
        "Accept-Language" in doc["info"]["description"] and "French" in doc["info"]["description"]
    )
    missing = [
        name
        for name, operation in _operations(doc)
        if not [
            p
            for p in operation.get("parameters", [])
            if p.get("name") == "Accept-Language" and p.get("in") == "header"
        ]
    ]
    assert missing == []


def test_the_new_account_and_consent_endpoints_are_documented(doc):
    paths = doc["paths"]
    for path, method, status in [
        ("/api/v1/auth/confirm", "post", "200"),
        ("/api/v1/auth/confirm/resend", "post", "202"),
        ("/api/v1/auth/password-reset", "post", "202"),
        ("/api/v1/auth/password-reset/confirm", "post", "200"),
        ("/api/v1/me/consent", "get", "200"),
        ("/api/v1/me/consent", "put", "200"),
    ]:
        operation = paths[path][method]
        assert status in operation["responses"], (path, method)
        assert "422" in operation["responses"] or method == "get" or path.endswith("resend"), (
            path,
            method,
        )
    assert "429" in paths["/api/v1/auth/password-reset"]["post"]["responses"]
