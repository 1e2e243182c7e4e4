"""Selection decisions: human, reasoned, audited, revisable; admitted people confirm their place.

The ranking only advises. Every decision is recorded by a person with a written reason; posting
again records a revision (the history is kept). An admission is an offer the person confirms or
declines before a deadline; a decline or an expired offer gives the place to the best-ranked
person on the waitlist of the round, as a revision that names why.

The confirmation clock starts when the person is told: an admission's `offer_deadline` is set
when its e-mail is sent (`notify`), and an offer nobody was told about never expires.
"""
from __future__ import annotations

import json
import logging
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from flask import current_app
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from jinja2.sandbox import SandboxedEnvironment

from ..extensions import db
from ..models import Decision, MailTemplate, Piscine, RoundPiscine, SelectionRound, User
from ..models._base import utcnow
from ..models.selection import DECISIONS
from . import audit, mail, ranking
from .errors import Conflict, Forbidden, NotFound, ValidationFailed

PARIS = ZoneInfo("Europe/Paris")
REASON_MAX = 2000
DEFAULT_CONFIRM_DAYS = 7
log = logging.getLogger(__name__)

# What staff see of an answer; keys are also the ranking page's filter values.
OFFER_STATES = {
    "not_notified": _l("not notified yet"),
    "pending": _l("awaiting the answer"),
    "confirmed": _l("confirmed"),
    "declined": _l("declined"),
    "expired": _l("expired"),
}


# ---------------------------------------------------------------- rounds

def create_round(*, name: str, piscine_ids: list[int], weights: dict, blind: bool = True,
                 confirm_days: int = 7, cohort_name: str = "", actor) -> SelectionRound:
    """A selection round over piscines with its weights; audited."""
    errors = {}
    name = (name or "").strip()
    if not name or len(name) > 120:
        errors["name"] = _l("Name is required (120 characters at most).")
    try:
        clean = ranking.validate_weights(weights)
    except ValidationFailed as exc:
        errors.update(exc.fields)
        clean = {}
    piscines = list(db.session.scalars(db.select(Piscine).where(Piscine.id.in_(piscine_ids or []))))
    if not piscines or len(piscines) != len(set(piscine_ids)):
        errors["piscine_ids"] = _l("Choose one or more existing piscines.")
    if not isinstance(confirm_days, int) or not 1 <= confirm_days <= 60:
        errors["confirm_days"] = _l("Must be between %(low)d and %(high)d.", low=1, high=60)
    if errors:
        raise ValidationFailed(_l("Some fields are not valid."), fields=errors)
    selection_round = SelectionRound(name=name, weights=json.dumps(clean), blind=bool(blind),
                                     confirm_days=confirm_days, cohort_name=(cohort_name or "").strip()[:60],
                                     created_by_id=actor.id)
    db.session.add(selection_round)
    db.session.flush()
    for p in piscines:
        db.session.add(RoundPiscine(round_id=selection_round.id, piscine_id=p.id))
    audit.record("selection.round_created", actor=actor, target=selection_round,
                 after={"weights": clean, "piscines": sorted(p.id for p in piscines), "blind": bool(blind)})
    return selection_round


def update_weights(selection_round: SelectionRound, weights: dict, *, actor, blind: bool | None = None):
    """Change a round's weights (and blind mode); audited before/after."""
    clean = ranking.validate_weights(weights)
    before = {"weights": json.loads(selection_round.weights), "blind": selection_round.blind}
    selection_round.weights = json.dumps(clean)
    if blind is not None:
        selection_round.blind = bool(blind)
    audit.record("selection.weights_changed", actor=actor, target=selection_round, before=before,
                 after={"weights": clean, "blind": selection_round.blind})


# ---------------------------------------------------------------- decisions

def current_decision(piscine_id: int, user_id: int) -> Decision | None:
    """The current (newest) decision about a candidate of a piscine."""
    return db.session.scalars(db.select(Decision).where(
        Decision.piscine_id == piscine_id, Decision.user_id == user_id, Decision.current.is_(True))).first()


def history(piscine_id: int, user_id: int) -> list[Decision]:
    """Every decision about a candidate of a piscine, oldest first."""
    return list(db.session.scalars(db.select(Decision).where(
        Decision.piscine_id == piscine_id, Decision.user_id == user_id).order_by(Decision.version)))


def admitted_user_ids() -> set[int]:
    """People whose current decision is admit (offer pending or confirmed), in any piscine."""
    return set(db.session.scalars(db.select(Decision.user_id).where(
        Decision.current.is_(True), Decision.decision == "admit",
        Decision.offer_status.in_(["", "pending", "confirmed"]))))


def _has_started(piscine: Piscine, now: datetime) -> bool:
    return now.astimezone(PARIS).date() >= piscine.starts_on


def decide(*, piscine: Piscine, user_id, decision: str, reason: str, actor, now: datetime | None = None,
           selection_round: SelectionRound | None = None) -> Decision:
    """Record (or revise) a decision with its reason and the ranking breakdown at that moment."""
    from .booking import booking_of

    now = now or utcnow()
    errors = {}
    if decision not in DECISIONS:
        errors["decision"] = _l("Choose admit, waitlist or reject.")
    reason = reason.strip() if isinstance(reason, str) else ""
    if not reason:
        errors["reason"] = _l("A reason is required.")
    elif len(reason) > REASON_MAX:
        errors["reason"] = _l("%(n)d characters at most.", n=REASON_MAX)
    if errors:
        raise ValidationFailed(_l("Some fields are not valid."), fields=errors)
    if not _has_started(piscine, now):
        raise Conflict(_l("Decisions can be taken once the piscine has started."), code="not_started")
    user = db.session.get(User, user_id) if isinstance(user_id, int) else None
    booking = booking_of(user, piscine.id) if user else None
    if user is None or booking is None or booking.status != "booked":
        raise NotFound(_l("This person has no seat in this piscine."), code="not_a_candidate")
    weights, found_round = ranking.weights_for(piscine, selection_round.id if selection_round else None)
    computed = ranking.cached_rank(piscine, weights)  # computed once for a bulk decision
    index = computed.index_of(user.id)
    breakdown = computed.item(index) if index is not None else {}
    previous = current_decision(piscine.id, user.id)
    version = (previous.version + 1) if previous else 1
    if previous is not None:
        changed = db.session.execute(
            db.update(Decision).where(Decision.id == previous.id, Decision.current.is_(True))
            .values(current=False).execution_options(synchronize_session=False)).rowcount
        if not changed:
            raise Conflict(_l("This decision was changed meanwhile; reload and try again."))
    row = Decision(piscine_id=piscine.id, user_id=user.id, version=version, decision=decision, reason=reason,
                   decided_by_id=getattr(actor, "id", None), decided_at=now,
                   round_id=(selection_round or found_round).id if (selection_round or found_round) else None,
                   breakdown=json.dumps({"weights": weights, **breakdown}))
    if decision == "admit":
        # Re-admitting someone whose offer stands keeps that offer (its deadline, its answer, and
        # the fact that they were told); otherwise a new offer starts, its clock set by notify().
        keep = previous is not None and previous.decision == "admit" and previous.offer_status in ("pending", "confirmed")
        row.offer_status = previous.offer_status if keep else "pending"
        row.offer_deadline = previous.offer_deadline if keep else None
        row.notified_at = previous.notified_at if keep else None
    db.session.add(row)
    db.session.flush()
    audit.record("selection.decision" if previous is None else "selection.decision_revised", actor=actor,
                 target_type="users", target_id=user.id, reason=reason,
                 before={"decision": previous.decision, "version": previous.version} if previous else None,
                 after={"decision": decision, "version": version, "piscine_id": piscine.id})
    return row


def decide_bulk(*, piscine: Piscine, user_ids: list[int], decision: str, reason: str, actor,
                selection_round: SelectionRound | None = None) -> list[Decision]:
    """The same decision and reason for several people after review (all or nothing), ranked
    with the weights of `selection_round` (the round being viewed)."""
    if not user_ids:
        raise ValidationFailed(_l("Choose at least one person."), fields={"user_ids": _l("Choose at least one person.")})
    return [decide(piscine=piscine, user_id=u, decision=decision, reason=reason, actor=actor,
                   selection_round=selection_round) for u in user_ids]


def confirm_days_of(row: Decision) -> int:
    """Days an admitted person has to answer, from the round of the decision."""
    selection_round = db.session.get(SelectionRound, row.round_id) if row.round_id else None
    return selection_round.confirm_days if selection_round else DEFAULT_CONFIRM_DAYS


def offer_state(row: Decision | None) -> str:
    """'' (no decision), 'not_notified' (the person was not told yet), or for a notified
    admission its offer status: pending, confirmed, declined or expired ('' for other decisions)."""
    if row is None:
        return ""
    if row.notified_at is None:
        return "not_notified"
    return row.offer_status if row.decision == "admit" else ""


# ---------------------------------------------------------------- offers

def respond_to_offer(user: User, decision_id: int, *, accept: bool, now: datetime | None = None) -> Decision:
    """The admitted person confirms or declines their place before the deadline."""
    now = now or utcnow()
    row = db.session.get(Decision, decision_id)
    if (row is None or row.user_id != user.id or not row.current or row.decision != "admit"
            or row.notified_at is None):
        raise NotFound(_l("No such offer."))
    if row.offer_status != "pending":
        raise Conflict(_l("You have already answered this offer."), code="already_answered")
    if row.offer_deadline is not None and now > row.offer_deadline:
        raise Conflict(_l("The deadline to confirm has passed."), code="offer_expired")
    status = "confirmed" if accept else "declined"
    done = db.session.execute(
        db.update(Decision).where(Decision.id == row.id, Decision.offer_status == "pending")
        .values(offer_status=status, responded_at=now).execution_options(synchronize_session=False)).rowcount
    if not done:
        raise Conflict(_l("You have already answered this offer."), code="already_answered")
    db.session.refresh(row)
    audit.record(f"selection.offer_{status}", actor=user, target_type="users", target_id=user.id,
                 after={"decision_id": row.id, "piscine_id": row.piscine_id})
    if accept:
        _enrol(user, row)
    else:
        promote_from_waitlist(row, now=now)
    return row


def _enrol(user: User, row: Decision) -> None:
    try:
        from .students import enrol
    except ImportError:  # the students module ships with the directory feature
        return
    cohort = ""
    if row.round_id:
        cohort = db.session.get(SelectionRound, row.round_id).cohort_name
    enrol(user, cohort_name=cohort or str(row.decided_at.year), actor=user)


def expire_offers(now: datetime | None = None) -> int:
    """Expire notified pending offers past their deadline and offer those places to the waitlist.
    An offer that was never notified has no deadline and never expires."""
    now = now or utcnow()
    expired = 0
    for row in db.session.scalars(db.select(Decision).where(
            Decision.current.is_(True), Decision.decision == "admit", Decision.offer_status == "pending",
            Decision.notified_at.is_not(None), Decision.offer_deadline.is_not(None),
            Decision.offer_deadline < now)).all():
        done = db.session.execute(
            db.update(Decision).where(Decision.id == row.id, Decision.offer_status == "pending")
            .values(offer_status="expired").execution_options(synchronize_session=False)).rowcount
        if done:
            expired += 1
            audit.record("selection.offer_expired", target_type="users", target_id=row.user_id,
                         after={"decision_id": row.id})
            promote_from_waitlist(row, now=now)
    return expired


def _round_piscine_ids(freed_by: Decision) -> list[int]:
    """The piscines whose waitlist may take a place freed by `freed_by`: every piscine of its round
    (the round admits one cohort), or only its own piscine when it was decided outside a round."""
    ids = []
    if freed_by.round_id is not None:
        ids = list(db.session.scalars(db.select(RoundPiscine.piscine_id).where(
            RoundPiscine.round_id == freed_by.round_id)))
    return ids if freed_by.piscine_id in ids else ids + [freed_by.piscine_id]


def _ineligibility(row: Decision, placed: set[int]) -> str | None:
    """Why a waitlisted person cannot be offered a place now (None when they can)."""
    from ..models import Booking

    user = db.session.get(User, row.user_id)
    if user is None or user.erased_at is not None or not user.active:
        return "account closed or erased"
    if row.user_id in placed:
        return "already holds a place"
    status = db.session.scalar(db.select(Booking.status).where(
        Booking.piscine_id == row.piscine_id, Booking.user_id == row.user_id))
    if status != "booked":
        return f"no seat in the piscine any more (booking: {status or 'none'})"
    return None


def waitlist_order(piscine_ids: list[int]) -> list[Decision]:
    """Current waitlist decisions of these piscines, best first: the score stored with the decision
    (normalised within its own piscine, so comparable across piscines), then the earliest decided,
    then the lowest user id."""
    waiting = db.session.scalars(db.select(Decision).where(
        Decision.piscine_id.in_(piscine_ids), Decision.current.is_(True), Decision.decision == "waitlist")).all()
    return sorted(waiting, key=lambda d: (-float(json.loads(d.breakdown or "{}").get("score") or 0),
                                          d.decided_at, d.user_id))


def promote_from_waitlist(freed_by: Decision, *, now: datetime) -> Decision | None:
    """Offer the place freed by `freed_by` (declined or expired) to the best waitlisted person of its
    round who can still take it, and notify them (their deadline starts now). People who have left
    (seat cancelled, account closed, already placed) are skipped and logged, never decided about."""
    placed = admitted_user_ids()
    for candidate in waitlist_order(_round_piscine_ids(freed_by)):
        why = _ineligibility(candidate, placed)
        if why is not None:
            log.info("waitlist promotion for decision #%s skips user #%s (piscine #%s): %s",
                     freed_by.id, candidate.user_id, candidate.piscine_id, why)
            continue
        piscine = db.session.get(Piscine, candidate.piscine_id)
        selection_round = db.session.get(SelectionRound, candidate.round_id) if candidate.round_id else None
        reason = (f"Place freed (decision #{freed_by.id} {freed_by.offer_status}); promoted from the waitlist "
                  f"decided on {candidate.decided_at.date().isoformat()}: {candidate.reason}")[:REASON_MAX]
        row = decide(piscine=piscine, user_id=candidate.user_id, decision="admit", reason=reason, actor=None,
                     now=now, selection_round=selection_round)
        notify(row, now=now)
        return row
    log.info("waitlist promotion for decision #%s: nobody eligible is waiting", freed_by.id)
    return None


# ---------------------------------------------------------------- notifications

DEFAULT_TEMPLATES = {
    ("admit", "fr"): ("101 : vous êtes admis·e !",
                      ("Bonjour {{ first_name }},\n\nBonne nouvelle : après la piscine « {{ piscine }} », "
                      "l'équipe a décidé de vous admettre à l'école 101.\n\nConfirmez votre place avant le "
                      "{{ deadline }} :\n{{ link }}\n\nVous pouvez y voir les critères utilisés et votre "
                      "résultat détaillé.\n\nL'équipe 101, Campus Numérique")),
    ("admit", "en"): ("101: you are admitted!",
                      ("Hello {{ first_name }},\n\nGood news: after the piscine \"{{ piscine }}\", the team "
                      "decided to admit you to the 101 school.\n\nConfirm your place before {{ deadline }}:\n"
                      "{{ link }}\n\nYou can see there the criteria used and your detailed result.\n\n"
                      "The 101 team, Campus Numérique")),
    ("waitlist", "fr"): ("101 : vous êtes sur liste d'attente",
                         ("Bonjour {{ first_name }},\n\nAprès la piscine « {{ piscine }} », vous êtes sur la "
                         "liste d'attente de l'école 101. Si une place se libère, nous vous la proposerons "
                         "par e-mail.\n\nDétails : {{ link }}\n\nL'équipe 101, Campus Numérique")),
    ("waitlist", "en"): ("101: you are on the waitlist",
                         ("Hello {{ first_name }},\n\nAfter the piscine \"{{ piscine }}\", you are on the "
                         "waitlist of the 101 school. If a place frees up, we will offer it to you by e-mail."
                         "\n\nDetails: {{ link }}\n\nThe 101 team, Campus Numérique")),
    ("reject", "fr"): ("101 : la réponse à votre candidature",
                       ("Bonjour {{ first_name }},\n\nMerci pour votre engagement pendant la piscine "
                       "« {{ piscine }} ». L'équipe n'a pas retenu votre candidature cette fois-ci.\n\n"
                       "Vous pouvez consulter les critères et votre résultat : {{ link }}\n\n"
                       "L'équipe 101, Campus Numérique")),
    ("reject", "en"): ("101: the answer to your application",
                       ("Hello {{ first_name }},\n\nThank you for your commitment during the piscine "
                       "\"{{ piscine }}\". The team did not select you this time.\n\nYou can see the criteria "
                       "and your result: {{ link }}\n\nThe 101 team, Campus Numérique")),
}
TEMPLATE_VARIABLES = ("first_name", "last_name", "piscine", "deadline", "link")
_sandbox = SandboxedEnvironment(autoescape=False)


def template_for(decision: str, locale: str) -> tuple[str, str]:
    """(subject, body) of a decision e-mail: staff's edited version or the default."""
    row = db.session.scalars(db.select(MailTemplate).where(
        MailTemplate.kind == f"decision_{decision}", MailTemplate.locale == locale)).first()
    if row is not None:
        return row.subject, row.body
    return DEFAULT_TEMPLATES[(decision, locale)]


def save_template(decision: str, locale: str, subject: str, body: str, *, actor) -> MailTemplate:
    """Edit a decision e-mail template after checking it renders; audited."""
    errors = {}
    if decision not in DECISIONS or locale not in ("fr", "en"):
        raise NotFound(_l("No such template."))
    subject, body = (subject or "").strip(), (body or "").strip()
    if not subject or len(subject) > 200:
        errors["subject"] = _l("A subject is required (200 characters at most).")
    if not body or len(body) > 10000:
        errors["body"] = _l("A body is required (10000 characters at most).")
    if not errors:
        try:
            _render(subject, body, _sample_context())
        except Exception as exc:  # noqa: BLE001 -- a template syntax error or a forbidden construct
            errors["body"] = _l("The template cannot be rendered: %(error)s", error=str(exc)[:200])
    if errors:
        raise ValidationFailed(_l("Some fields are not valid."), fields=errors)
    row = db.session.scalars(db.select(MailTemplate).where(
        MailTemplate.kind == f"decision_{decision}", MailTemplate.locale == locale)).first()
    before = {"subject": row.subject, "body": row.body} if row else None
    if row is None:
        row = MailTemplate(kind=f"decision_{decision}", locale=locale, subject=subject, body=body)
        db.session.add(row)
    row.subject, row.body, row.updated_by_id = subject, body, actor.id
    db.session.flush()
    audit.record("selection.template_changed", actor=actor, target=row, before=before,
                 after={"subject": subject, "body": body})
    return row


def _render(subject: str, body: str, context: dict) -> tuple[str, str]:
    return _sandbox.from_string(subject).render(context), _sandbox.from_string(body).render(context)


def _sample_context() -> dict:
    return {"first_name": "Camille", "last_name": "Martin", "piscine": "Piscine juillet",
            "deadline": "2026-09-01 18:00", "link": "https://101.example/me/selection"}


def _context(row: Decision) -> dict:
    user = db.session.get(User, row.user_id)
    piscine = db.session.get(Piscine, row.piscine_id)
    deadline = row.offer_deadline.astimezone(PARIS).strftime("%Y-%m-%d %H:%M") if row.offer_deadline else ""
    return {"first_name": user.first_name, "last_name": user.last_name, "piscine": piscine.name,
            "deadline": deadline,
            "link": current_app.config["PUBLIC_URL"].rstrip("/") + "/me/selection"}


def preview(row: Decision, locale: str | None = None) -> tuple[str, str]:
    """The decision e-mail exactly as it would be sent."""
    user = db.session.get(User, row.user_id)
    subject, body = template_for(row.decision, locale or user.locale or "fr")
    return _render(subject, body, _context(row))


def notify(row: Decision, *, now: datetime | None = None):
    """Send the decision e-mail (outbox/SMTP) and record when. For an admission not notified before,
    this starts the confirmation clock: the deadline is `confirm_days` from now, whatever was set
    before (rows decided before this rule carry a deadline from their decision time); sending again
    keeps it."""
    now = now or utcnow()
    if row.decision == "admit" and row.offer_status == "pending" and row.notified_at is None:
        row.offer_deadline = now + timedelta(days=confirm_days_of(row))
    user = db.session.get(User, row.user_id)
    locale = user.locale if user.locale in ("fr", "en") else "fr"
    subject, body = preview(row, locale)
    with force_locale(locale):
        sent = mail.send(to=user.email, kind=f"decision_{row.decision}", subject=subject, body=body,
                         user=user, locale=locale)
    if row.notified_at is None:
        row.notified_at = now
    audit.record("selection.notified", target_type="users", target_id=user.id,
                 after={"decision_id": row.id, "mail_id": sent.id if sent.id else None})
    return sent


def notified_decisions(user: User) -> list[Decision]:
    """The person's current decisions they were told about, newest first."""
    return list(db.session.scalars(db.select(Decision).where(
        Decision.user_id == user.id, Decision.current.is_(True), Decision.notified_at.is_not(None))
        .order_by(Decision.id.desc())))


def candidate_notice(user) -> dict | None:
    """For the menu and the dashboard: the newest decision the person was told about, and whether
    it awaits their answer (with its deadline). None when there is nothing to show."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    rows = notified_decisions(user)
    if not rows:
        return None
    pending = next((r for r in rows if r.decision == "admit" and r.offer_status == "pending"), None)
    return {"decision": pending or rows[0], "awaiting_answer": pending is not None,
            "deadline": pending.offer_deadline if pending else None}


def candidate_view(user: User) -> list[dict]:
    """What a person may see after a decision they were told about: the criteria, weights and their
    own breakdown (a decision not notified yet stays with staff)."""
    rows = notified_decisions(user)
    views = []
    for row in rows:
        data = json.loads(row.breakdown or "{}")
        views.append({"decision": row, "piscine": db.session.get(Piscine, row.piscine_id),
                      "score": data.get("score"), "rank": data.get("rank"),
                      "weights": data.get("weights", {}), "breakdown": data.get("breakdown", []),
                      "criteria": {k: ranking.CRITERIA[k] for k in data.get("weights", {}) if k in ranking.CRITERIA}})
    return views


def ensure_staff(user) -> None:
    """Staff only."""
    if user is None or not user.is_staff:
        raise Forbidden(_l("Your role does not allow this."))
