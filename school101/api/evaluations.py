"""API: peer evaluations (issue 13): availability, booking, the evaluation itself and its
rating for seated candidates; the list, void, re-open, points and scales for staff.

Each view reads the clock once (`utcnow`) and hands it to the services, so one request sees
one instant. Names of the other side appear only from 15 minutes before the start
(`evaluating.names_visible`); the evaluated work is shown to the evaluator from then on too
(the files' 42 header carries the login).
"""

from __future__ import annotations

import json

from flask import g
from flask_babel import lazy_gettext as _l
from flask_smorest import Blueprint
from marshmallow import Schema, fields, validate

from school101.api.auth_helpers import BEARER, STAFF, token_required
from school101.api.language import api_locale
from school101.api.schemas import DT, PageQuery, bounded_int, id_field, page_json
from school101.core.clock import as_aware, iso
from school101.core.errors import Forbidden, NotFound
from school101.core.paging import paginate
from school101.extensions import db
from school101.models import AvailabilitySlot, CorrectionScale, Evaluation, Piscine, User
from school101.models._base import utcnow
from school101.services.evaluations import (
    availability,
    booking,
    evaluating,
    overview,
    points,
    scales,
    work,
)
from school101.services.piscine import queries
from school101.services.piscine.booking import has_seat

blp = Blueprint("api_evaluations", __name__, url_prefix="/api/v1", description="Peer evaluations")

#: the staff list's status filter (the pages' filters; "flagged": sent to staff) -> statuses
STATUS_FILTERS = {
    ("flagged" if name == "to_staff" else name): statuses
    for name, statuses in overview.STAFF_FILTERS.items()
}


# ---------------------------------------------------------------- schemas


class PersonOut(Schema):
    id = fields.Integer()
    name = fields.String()


class EvaluationOut(Schema):
    id = fields.Integer()
    piscine_id = fields.Integer()
    day_id = fields.String(metadata={"example": "c00"})
    starts_at = fields.String(metadata=DT)
    ends_at = fields.String(metadata=DT)
    status = fields.String(
        metadata={
            "description": "booked | submitted | done | cancelled | late_cancelled | no_show "
            "| voided"
        }
    )
    role = fields.String(
        metadata={"description": "the caller's side: evaluated | evaluator | staff"}
    )
    names_visible = fields.Boolean(
        metadata={"description": "false until 15 minutes before the start (staff: always true)"}
    )
    evaluated = fields.Nested(PersonOut, allow_none=True)
    evaluator = fields.Nested(PersonOut, allow_none=True)
    mark = fields.Integer(allow_none=True, metadata={"description": "0-125, once submitted"})
    flags = fields.List(fields.String())
    to_staff = fields.Boolean()
    feedback = fields.String()
    feedback_rating = fields.Integer(allow_none=True, metadata={"description": "0-4"})
    feedback_comment = fields.String()
    no_show_of = fields.String(metadata={"description": "'' | evaluator | evaluated"})
    final = fields.Boolean(metadata={"description": "rated, or 24 hours after the submission"})
    submitted_at = fields.String(allow_none=True, metadata=DT)
    rated_at = fields.String(allow_none=True, metadata=DT)
    cancelled_at = fields.String(allow_none=True, metadata=DT)


class EvaluationDetailOut(EvaluationOut):
    scale = fields.Dict(
        allow_none=True,
        metadata={
            "description": "the correction scale in the caller's language (intro, sections, "
            "questions, flags): for the evaluator once the evaluation has started, for the "
            "evaluated person once it is submitted, and for staff"
        },
    )
    answers = fields.Dict(allow_none=True, metadata={"description": "question id -> answer"})
    work = fields.Dict(
        allow_none=True,
        metadata={
            "description": "the evaluated person's last turn-in of each exercise before the "
            "deadline (files, their text when small and not binary, each verdict) and the "
            "moulinette's result for the day; for the evaluator once names are visible, and "
            "staff (null otherwise)"
        },
    )


class EvaluationPageOut(Schema):
    items = fields.List(fields.Nested(EvaluationOut))
    page = fields.Integer()
    per_page = fields.Integer()
    total = fields.Integer()


class NoticeOut(Schema):
    kind = fields.String(metadata={"description": "upcoming | feedback"})
    role = fields.String(metadata={"description": "evaluated | evaluator"})
    evaluation_id = fields.Integer()
    day_id = fields.String()
    starts_at = fields.String()
    status = fields.String()
    other = fields.Nested(
        PersonOut,
        allow_none=True,
        metadata={"description": "the other side, from 15 minutes before the start (else null)"},
    )
    mark = fields.Integer(
        allow_none=True, metadata={"description": "the caller's mark (their own in a defense)"}
    )
    can_rate = fields.Boolean()


class NoticesOut(Schema):
    notices = fields.List(fields.Nested(NoticeOut))


class NeedOut(Schema):
    day_id = fields.String()
    required = fields.Integer()
    booked = fields.Integer()


class NeedsOut(Schema):
    points = fields.Integer(metadata={"description": "the caller's evaluation points"})
    needs = fields.List(fields.Nested(NeedOut))


class WindowIn(Schema):
    starts_at = fields.AwareDateTime(
        required=True, metadata={"description": "ISO 8601 with offset, on a quarter-hour"}
    )
    ends_at = fields.AwareDateTime(required=True)


class WindowOut(Schema):
    id = fields.Integer()
    starts_at = fields.String(metadata=DT)
    ends_at = fields.String(metadata=DT)


class BookIn(Schema):
    day_id = fields.String(required=True, validate=validate.Length(min=1, max=40))
    starts_at = fields.AwareDateTime(
        required=True, metadata={"description": "ISO 8601 with offset, on a quarter-hour"}
    )


class SubmitIn(Schema):
    answers = fields.Dict(
        keys=fields.String(),
        required=True,
        metadata={"description": "question id -> 0/1 (yes/no) or 0-5 (rating)"},
    )
    flags = fields.List(fields.String(validate=validate.Length(max=40)), load_default=list)
    feedback = fields.String(required=True, validate=validate.Length(max=20000))


class RateIn(Schema):
    rating = bounded_int(min=0, max=4, required=True, strict=True)
    comment = fields.String(load_default="", validate=validate.Length(max=20000))


class ReasonIn(Schema):
    reason = fields.String(required=True, validate=validate.Length(max=2000))


class StaffListQuery(PageQuery):
    status = fields.String(
        validate=validate.OneOf(list(STATUS_FILTERS)),
        metadata={"description": "pending | done | no_show | flagged (sent to staff) | cancelled"},
    )
    day_id = fields.String(validate=validate.Length(max=40))


class MineQuery(PageQuery):
    role = fields.String(validate=validate.OneOf(["evaluated", "evaluator"]))
    piscine_id = id_field()


class GrantIn(Schema):
    user_id = id_field(required=True, strict=True)
    amount = fields.Integer(
        required=True, strict=True, metadata={"description": "may be negative; not zero"}
    )
    reason = fields.String(required=True, validate=validate.Length(max=2000))


class GrantOut(Schema):
    user_id = fields.Integer()
    balance = fields.Integer()


class ScaleIn(Schema):
    scale = fields.Dict(
        required=True,
        metadata={
            "description": "intro {fr, en}; sections [{title, guidance, questions: [{id, kind "
            "(yesno | rating), points, text}]}], texts in French and English"
        },
    )


class ScaleOut(Schema):
    day_id = fields.String()
    edited = fields.Boolean(metadata={"description": "true when staff edited the shipped scale"})
    scale = fields.Dict()


# ---------------------------------------------------------------- helpers


def _person(user_id: int) -> dict:
    user = db.session.get(User, user_id)
    return {"id": user_id, "name": user.full_name if user else ""}


def _role(user, evaluation: Evaluation) -> str:
    if user.id == evaluation.evaluated_id:
        return "evaluated"
    if user.id == evaluation.evaluator_id:
        return "evaluator"
    return "staff"


def evaluation_json(user, evaluation: Evaluation, now) -> dict:
    """An evaluation as `user` may see it at `now`."""
    role = _role(user, evaluation)
    visible = evaluating.names_visible(user, evaluation, now=now)
    show = {
        "evaluated": visible or role == "evaluated",
        "evaluator": visible or role == "evaluator",
    }
    return {
        "id": evaluation.id,
        "piscine_id": evaluation.piscine_id,
        "day_id": evaluation.day_id,
        "starts_at": iso(evaluation.starts_at),
        "ends_at": iso(evaluation.ends_at),
        "status": evaluation.status,
        "role": role,
        "names_visible": visible,
        "evaluated": _person(evaluation.evaluated_id) if show["evaluated"] else None,
        "evaluator": _person(evaluation.evaluator_id) if show["evaluator"] else None,
        "mark": evaluation.mark,
        "flags": [f for f in evaluation.flags.split(",") if f],
        "to_staff": evaluation.to_staff,
        "feedback": evaluation.feedback,
        "feedback_rating": evaluation.feedback_rating,
        "feedback_comment": evaluation.feedback_comment,
        "no_show_of": evaluation.no_show_of,
        "final": evaluating.is_final(evaluation, now=now),
        "submitted_at": iso(evaluation.submitted_at),
        "rated_at": iso(evaluation.rated_at),
        "cancelled_at": iso(evaluation.cancelled_at),
    }


def _scale_shown(user, evaluation: Evaluation, now) -> dict | None:
    role = _role(user, evaluation)
    filled = evaluation.status in ("submitted", "done") and evaluation.scale
    started = now >= as_aware(evaluation.starts_at)
    if not (
        role == "staff" or (role == "evaluator" and started) or (role == "evaluated" and filled)
    ):
        return None
    raw = work.stored_or_current_scale(evaluation)
    return work.localized_scale(raw, api_locale()) if raw is not None else None


def evaluation_detail(user, evaluation: Evaluation, now) -> dict:
    """`evaluation_json` plus the scale, the answers and the work, where `user` may see them."""
    data = evaluation_json(user, evaluation, now)
    data["scale"] = _scale_shown(user, evaluation, now)
    data["answers"] = json.loads(evaluation.answers) if evaluation.answers else None
    data["work"] = work.work_of(user, evaluation, now=now)
    return data


def _seated_piscine(piscine_id: int) -> Piscine:
    piscine = queries.get_piscine(piscine_id)
    if not has_seat(g.api_user, piscine.id):
        raise Forbidden(_l("You have no seat in this piscine."), code="no_seat")
    return piscine


def _window_json(slot: AvailabilitySlot) -> dict:
    return {"id": slot.id, "starts_at": iso(slot.starts_at), "ends_at": iso(slot.ends_at)}


def _mine(evaluation_id: int) -> Evaluation:
    return booking.get_evaluation(g.api_user, evaluation_id)


# ---------------------------------------------------------------- candidates


@blp.get("/piscines/<int:piscine_id>/evaluations/needs")
@blp.doc(security=BEARER)
@token_required()
@blp.response(200, NeedsOut)
@blp.alt_response(403, description="No seat in this piscine (`no_seat`)")
@blp.alt_response(404, description="No such piscine")
def needs(piscine_id: int):
    """What of the caller's work still needs peer evaluations, and their points."""
    piscine = _seated_piscine(piscine_id)
    return {
        "points": points.balance(piscine, g.api_user.id),
        "needs": booking.needs(g.api_user, piscine, now=utcnow()),
    }


@blp.get("/piscines/<int:piscine_id>/evaluations/notices")
@blp.doc(security=BEARER)
@token_required()
@blp.response(200, NoticesOut)
@blp.alt_response(403, description="No seat in this piscine (`no_seat`)")
@blp.alt_response(404, description="No such piscine")
def notices(piscine_id: int):
    """What the caller should know now (the in-app twin of the e-mails): evaluations coming
    up on either side (the other person named from 15 minutes before) and feedback received
    that is not final yet. A rush defense counts for every member of the team."""
    piscine = _seated_piscine(piscine_id)
    found = []
    for n in overview.in_app_notices(g.api_user, piscine, now=utcnow()):
        e, member = n["evaluation"], n["member"]
        found.append(
            {
                "kind": n["kind"],
                "role": n["role"],
                "evaluation_id": e.id,
                "day_id": e.day_id,
                "starts_at": iso(e.starts_at),
                "status": e.status,
                "other": _person(n["other"].id) if n["other"] is not None else None,
                "mark": member.mark if member is not None else e.mark,
                "can_rate": n["kind"] == "feedback" and n["booked_by_me"],
            }
        )
    return {"notices": found}


@blp.get("/piscines/<int:piscine_id>/availability")
@blp.doc(security=BEARER)
@token_required()
@blp.response(200, WindowOut(many=True))
@blp.alt_response(403, description="No seat in this piscine (`no_seat`)")
def list_windows(piscine_id: int):
    """The caller's availability windows that have not ended, in time order."""
    piscine = _seated_piscine(piscine_id)
    return [_window_json(s) for s in availability.windows(g.api_user, piscine, now=utcnow())]


@blp.post("/piscines/<int:piscine_id>/availability")
@blp.doc(security=BEARER)
@token_required()
@blp.arguments(WindowIn)
@blp.response(201, WindowOut)
@blp.alt_response(403, description="No seat in this piscine (`no_seat`)")
@blp.alt_response(
    422,
    description="Off the quarter-hour grid, shorter than 30 minutes, in the past, outside "
    "campus hours, over two days, or overlapping another window (the field is named)",
)
def publish_window(data, piscine_id: int):
    """Offer to evaluate from `starts_at` to `ends_at`."""
    piscine = _seated_piscine(piscine_id)
    slot = availability.publish(
        g.api_user, piscine, data["starts_at"], data["ends_at"], now=utcnow()
    )
    db.session.commit()
    return _window_json(slot)


@blp.delete("/piscines/<int:piscine_id>/availability/<int:slot_id>")
@blp.doc(security=BEARER)
@token_required()
@blp.response(204)
@blp.alt_response(404, description="Not one of the caller's windows in this piscine")
def withdraw_window(piscine_id: int, slot_id: int):
    """Withdraw a window (evaluations already booked in it stay)."""
    slot = db.session.get(AvailabilitySlot, slot_id)
    if slot is not None and slot.piscine_id != piscine_id:
        raise NotFound(_l("No such availability window."))
    availability.withdraw(g.api_user, slot_id, now=utcnow())
    db.session.commit()


@blp.post("/piscines/<int:piscine_id>/evaluations")
@blp.doc(security=BEARER)
@token_required()
@blp.arguments(BookIn)
@blp.response(201, EvaluationOut)
@blp.alt_response(403, description="No seat in this piscine (`no_seat`)")
@blp.alt_response(
    409,
    description="No point left (`no_points`), already busy then (`busy_then`), nobody free "
    "then (`no_evaluator`)",
)
@blp.alt_response(422, description="No evaluation needed for `day_id`, or a bad `starts_at`")
def book(data, piscine_id: int):
    """Book an evaluation of the caller's work for `day_id` at `starts_at`; an evaluator is
    drawn at random among those free then. Costs one point."""
    piscine = queries.get_piscine(piscine_id)
    now = utcnow()
    evaluation = booking.book(g.api_user, piscine, data["day_id"], data["starts_at"], now=now)
    db.session.commit()
    return evaluation_json(g.api_user, evaluation, now)


@blp.get("/evaluations")
@blp.doc(security=BEARER)
@token_required()
@blp.arguments(MineQuery, location="query")
@blp.response(200, EvaluationPageOut)
def mine(args):
    """The caller's evaluations, as evaluated and as evaluator, the latest first."""
    user = g.api_user
    query = db.select(Evaluation)
    if args.get("role") == "evaluated":
        query = query.where(Evaluation.evaluated_id == user.id)
    elif args.get("role") == "evaluator":
        query = query.where(Evaluation.evaluator_id == user.id)
    else:
        query = query.where(
            (Evaluation.evaluated_id == user.id) | (Evaluation.evaluator_id == user.id)
        )
    if args.get("piscine_id"):
        query = query.where(Evaluation.piscine_id == args["piscine_id"])
    query = query.order_by(Evaluation.starts_at.desc(), Evaluation.id.desc())
    page = paginate(query, args["page"], args["per_page"])
    now = utcnow()
    return page_json(page, [evaluation_json(user, e, now) for e in page.items])


@blp.get("/evaluations/<int:evaluation_id>")
@blp.doc(security=BEARER)
@token_required()
@blp.response(200, EvaluationDetailOut)
@blp.alt_response(404, description="Not one of the caller's evaluations (staff see all)")
def get(evaluation_id: int):
    """One evaluation with, where the caller may see them, the scale, the answers and the work."""
    return evaluation_detail(g.api_user, _mine(evaluation_id), utcnow())


@blp.post("/evaluations/<int:evaluation_id>/cancel")
@blp.doc(security=BEARER)
@token_required()
@blp.response(200, EvaluationOut)
@blp.alt_response(404, description="Not one of the caller's evaluations")
@blp.alt_response(409, description="Not booked (`not_booked`) or already started (`started`)")
def cancel(evaluation_id: int):
    """Cancel (either side): more than 30 minutes ahead the point is refunded; later it is
    recorded as a late cancellation."""
    now = utcnow()
    evaluation = booking.cancel(g.api_user, _mine(evaluation_id), now=now)
    db.session.commit()
    return evaluation_json(g.api_user, evaluation, now)


@blp.post("/evaluations/<int:evaluation_id>/no-show")
@blp.doc(security=BEARER)
@token_required()
@blp.response(200, EvaluationOut)
@blp.alt_response(404, description="Not one of the caller's evaluations")
@blp.alt_response(409, description="Not started, or not booked (`not_started`)")
def no_show(evaluation_id: int):
    """Report that the other side did not come (after the start); staff decide."""
    now = utcnow()
    evaluation = booking.report_no_show(g.api_user, _mine(evaluation_id), now=now)
    db.session.commit()
    return evaluation_json(g.api_user, evaluation, now)


@blp.post("/evaluations/<int:evaluation_id>/submit")
@blp.doc(security=BEARER)
@token_required()
@blp.arguments(SubmitIn)
@blp.response(200, EvaluationOut)
@blp.alt_response(403, description="Not the evaluator (`not_evaluator`)")
@blp.alt_response(404, description="Not one of the caller's evaluations")
@blp.alt_response(409, description="Not started (`not_started`) or not booked (`not_booked`)")
@blp.alt_response(422, description="An unanswered or bad answer, an unknown flag, short feedback")
def submit(data, evaluation_id: int):
    """The evaluator's filled scale (`answers`, `flags`) and written `feedback`; earns a point."""
    now = utcnow()
    evaluation = evaluating.submit(
        g.api_user, _mine(evaluation_id), data["answers"], data["flags"], data["feedback"], now=now
    )
    db.session.commit()
    return evaluation_json(g.api_user, evaluation, now)


@blp.post("/evaluations/<int:evaluation_id>/rate")
@blp.doc(security=BEARER)
@token_required()
@blp.arguments(RateIn)
@blp.response(200, EvaluationOut)
@blp.alt_response(403, description="Not the evaluated person (`not_evaluated`)")
@blp.alt_response(404, description="Not one of the caller's evaluations")
@blp.alt_response(409, description="Not submitted yet, or already final (`not_ratable`)")
def rate(data, evaluation_id: int):
    """The evaluated person rates the feedback (0-4) and may comment; the evaluation is final."""
    now = utcnow()
    evaluation = evaluating.rate(
        g.api_user, _mine(evaluation_id), data["rating"], data["comment"], now=now
    )
    db.session.commit()
    return evaluation_json(g.api_user, evaluation, now)


# ---------------------------------------------------------------- staff


@blp.get("/piscines/<int:piscine_id>/evaluations")
@blp.doc(security=BEARER)
@token_required(*STAFF)
@blp.arguments(StaffListQuery, location="query")
@blp.response(200, EvaluationPageOut)
@blp.alt_response(404, description="No such piscine")
def piscine_evaluations(args, piscine_id: int):
    """Staff: every evaluation of a piscine, the latest first, by status (`flagged`: sent to
    staff by a flag or a no-show; `cancelled` includes late cancellations and voided ones)."""
    piscine = queries.get_piscine(piscine_id)
    query = db.select(Evaluation).where(Evaluation.piscine_id == piscine.id)
    status = args.get("status")
    if status:
        statuses = STATUS_FILTERS[status]
        query = query.where(
            Evaluation.to_staff.is_(True) if statuses is None else Evaluation.status.in_(statuses)
        )
    if args.get("day_id"):
        query = query.where(Evaluation.day_id == args["day_id"])
    query = query.order_by(Evaluation.starts_at.desc(), Evaluation.id.desc())
    page = paginate(query, args["page"], args["per_page"])
    now = utcnow()
    return page_json(page, [evaluation_json(g.api_user, e, now) for e in page.items])


@blp.post("/evaluations/<int:evaluation_id>/void")
@blp.doc(security=BEARER)
@token_required(*STAFF)
@blp.arguments(ReasonIn)
@blp.response(200, EvaluationOut)
@blp.alt_response(404, description="No such evaluation")
@blp.alt_response(409, description="Already closed (`closed`)")
@blp.alt_response(422, description="No reason given")
def void(data, evaluation_id: int):
    """Staff void an evaluation with a reason (audited); a point spent for nothing is refunded."""
    evaluation = evaluating.void(g.api_user, _mine(evaluation_id), data["reason"])
    db.session.commit()
    return evaluation_json(g.api_user, evaluation, utcnow())


@blp.post("/evaluations/<int:evaluation_id>/reopen")
@blp.doc(security=BEARER)
@token_required(*STAFF)
@blp.arguments(ReasonIn)
@blp.response(200, EvaluationOut)
@blp.alt_response(404, description="No such evaluation")
@blp.alt_response(409, description="Not finished or voided (`open`)")
@blp.alt_response(422, description="No reason given")
def reopen(data, evaluation_id: int):
    """Staff re-open an evaluation with a reason (audited): the evaluator fills it again."""
    evaluation = evaluating.reopen(g.api_user, _mine(evaluation_id), data["reason"])
    db.session.commit()
    return evaluation_json(g.api_user, evaluation, utcnow())


@blp.post("/piscines/<int:piscine_id>/points")
@blp.doc(security=BEARER)
@token_required(*STAFF)
@blp.arguments(GrantIn)
@blp.response(200, GrantOut)
@blp.alt_response(404, description="No such piscine")
@blp.alt_response(409, description="The balance would go below zero (`points_negative`)")
@blp.alt_response(422, description="No seat for `user_id`, a bad `amount`, no reason")
def grant(data, piscine_id: int):
    """Staff grant (or take back, with a negative amount) evaluation points, with a reason."""
    piscine = queries.get_piscine(piscine_id)
    balance = points.grant(
        piscine, data["user_id"], data["amount"], data["reason"], actor=g.api_user
    )
    db.session.commit()
    return {"user_id": data["user_id"], "balance": balance}


@blp.get("/scales/<day_id>")
@blp.doc(security=BEARER)
@token_required(*STAFF)
@blp.response(200, ScaleOut)
@blp.alt_response(404, description="The day has no correction scale")
def get_scale(day_id: str):
    """Staff: the correction scale in force for a day, project or rush (both languages)."""
    return {
        "day_id": day_id,
        "edited": db.session.scalars(db.select(CorrectionScale.id).filter_by(day_id=day_id)).first()
        is not None,
        "scale": scales.scale_for(day_id),
    }


@blp.put("/scales/<day_id>")
@blp.doc(security=BEARER)
@token_required(*STAFF)
@blp.arguments(ScaleIn)
@blp.response(200, ScaleOut)
@blp.alt_response(404, description="The day has no correction scale")
@blp.alt_response(422, description="The scale does not follow the format (each problem named)")
def put_scale(data, day_id: str):
    """Staff: replace a day's correction scale (audited); later evaluations use it."""
    scales.save_scale(day_id, data["scale"], actor=g.api_user)
    db.session.commit()
    return {"day_id": day_id, "edited": True, "scale": scales.scale_for(day_id)}


@blp.delete("/scales/<day_id>")
@blp.doc(security=BEARER)
@token_required(*STAFF)
@blp.response(200, ScaleOut)
@blp.alt_response(404, description="The scale has no staff edit, or the day has no scale")
@blp.alt_response(409, description="The day ships no scale: its edited scale is all there is")
def delete_scale(day_id: str):
    """Staff: drop the staff edit of a day's scale; the shipped scale.toml is in force again
    (audited)."""
    scales.reset_scale(day_id, g.api_user)
    db.session.commit()
    return {"day_id": day_id, "edited": False, "scale": scales.scale_for(day_id)}
