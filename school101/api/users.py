"""API: user accounts and their roles (admin)."""

from __future__ import annotations

from flask import g
from flask_smorest import Blueprint
from marshmallow import Schema, fields, validate

from school101.api.auth_helpers import BEARER, token_required
from school101.api.schemas import DT, Computed, IsoDateTime, PageQuery, page_json
from school101.core.paging import SEARCH_MAX
from school101.extensions import db
from school101.models.user import ROLES
from school101.services.identity import staff_accounts

blp = Blueprint("api_users", __name__, url_prefix="/api/v1/admin/users", description="Users")


class UserOut(Schema):
    id = fields.Integer()
    email = fields.String()
    first_name = fields.String()
    last_name = fields.String()
    roles = fields.List(fields.String())
    active = fields.Boolean(attribute="is_active")
    email_confirmed = Computed(lambda user: user.email_confirmed_at is not None, type="boolean")
    created_at = IsoDateTime(metadata=DT)
    last_login_at = IsoDateTime(allow_none=True, metadata=DT)


class UsersQuery(PageQuery):
    q = fields.String(validate=validate.Length(max=SEARCH_MAX))
    role = fields.String(validate=validate.OneOf(ROLES))


class UsersPageOut(Schema):
    items = fields.List(fields.Nested(UserOut))
    page = fields.Integer()
    per_page = fields.Integer()
    total = fields.Integer()


class UserIn(Schema):
    email = fields.String(required=True, validate=validate.Length(max=254))
    password = fields.String(required=True, validate=validate.Length(max=256))
    roles = fields.List(
        fields.String(validate=validate.OneOf(staff_accounts.STAFF_CREATABLE_ROLES)),
        required=True,
        validate=validate.Length(min=1),
    )
    first_name = fields.String(load_default="", validate=validate.Length(max=100))
    last_name = fields.String(load_default="", validate=validate.Length(max=100))


class RolesIn(Schema):
    roles = fields.List(
        fields.String(validate=validate.OneOf(ROLES)),
        required=True,
        validate=validate.Length(min=1),
    )
    reason = fields.String(required=True)


@blp.get("")
@blp.doc(security=BEARER)
@token_required("admin")
@blp.arguments(UsersQuery, location="query")
@blp.response(200, UsersPageOut)
def users_list(args):
    """Accounts, searchable on name and e-mail, filtered by role (admin)."""
    page = staff_accounts.users(
        actor=g.api_user,
        q=args.get("q", ""),
        role=args.get("role", ""),
        page=args["page"],
        per_page=args["per_page"],
    )
    return page_json(page, page.items)


@blp.post("")
@blp.doc(security=BEARER)
@token_required("admin")
@blp.arguments(UserIn)
@blp.response(201, UserOut)
@blp.alt_response(409, description="E-mail already used")
@blp.alt_response(422, description="Invalid fields")
def users_create(data):
    """Create a staff, admin or employer account (admin); audited."""
    user = staff_accounts.create_account(actor=g.api_user, **data)
    db.session.commit()
    return user


@blp.get("/<int:user_id>")
@blp.doc(security=BEARER)
@token_required("admin")
@blp.response(200, UserOut)
@blp.alt_response(404, description="No such user")
def users_get(user_id: int):
    """One account (admin)."""
    return staff_accounts.get_user(user_id, actor=g.api_user)


@blp.put("/<int:user_id>/roles")
@blp.doc(security=BEARER)
@token_required("admin")
@blp.arguments(RolesIn)
@blp.response(200, UserOut)
@blp.alt_response(409, description="Unchanged roles")
@blp.alt_response(422, description="Unknown role, missing reason, or removing one's own admin role")
def users_roles(data, user_id: int):
    """Replace a user's roles with a written reason (admin); audited before/after."""
    user = staff_accounts.change_roles(
        user_id, data["roles"], actor=g.api_user, reason=data["reason"]
    )
    db.session.commit()
    return user
