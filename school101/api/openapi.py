"""The OpenAPI document tells the truth about errors and language.

flask-smorest documents its own error body (`{code: int, status, message, errors}`) by default;
the API answers the house shape instead, so `Error` (api/schemas.py) becomes the schema of every
error response: the ones flask-smorest registers (422 of bodies, `default`) through
`ERROR_SCHEMA`, and alternative error responses declared with a description only through the
plugin below, which also documents the `Accept-Language` header on every operation.
"""

from __future__ import annotations

from copy import deepcopy

from apispec import BasePlugin
from flask_smorest import Api

from school101.api.schemas import Error

ERROR_SCHEMA_NAME = "Error"
LANGUAGE_PARAMETER = {
    "name": "Accept-Language",
    "in": "header",
    "required": False,
    "schema": {"type": "string", "example": "en"},
    "description": "Language of `message` and `fields` in errors and of translated texts: fr or en "
    "(quality values honoured); French when absent or neither.",
}


class HouseDocPlugin(BasePlugin):
    """apispec plugin: error responses without a body schema get `Error`; every operation
    lists the Accept-Language header."""

    def operation_helper(self, path=None, operations=None, **kwargs):
        """Fill in each operation of a path as it is registered."""
        for operation in (operations or {}).values():
            for status, response in operation.get("responses", {}).items():
                if _is_error(status) and isinstance(response, dict) and "content" not in response:
                    response["content"] = {"application/json": {"schema": ERROR_SCHEMA_NAME}}
            parameters = operation.setdefault("parameters", [])
            if not any(
                isinstance(p, dict) and p.get("name") == "Accept-Language" for p in parameters
            ):
                parameters.append(deepcopy(LANGUAGE_PARAMETER))  # inline: readers look for `name`


def _is_error(status) -> bool:
    return str(status) == "default" or str(status)[:1] in {"4", "5"}


def prepare(api: Api) -> dict:
    """Before `api.init_app`: use the house error schema; returns the spec kwargs to pass."""
    api.ERROR_SCHEMA = Error
    return {"extra_plugins": [HouseDocPlugin()]}


def register_components(api: Api) -> None:
    """After `api.init_app`: make sure the Error schema is in the components."""
    if ERROR_SCHEMA_NAME not in api.spec.components.schemas:  # flask-smorest may have done it
        api.spec.components.schema(ERROR_SCHEMA_NAME, schema=Error)
