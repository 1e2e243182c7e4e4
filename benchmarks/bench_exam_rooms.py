#!/usr/bin/env python3
"""What the exam room's checks cost the exam page's poll (issue 14).

A piscine whose exam00 is open now and open in a room on 127.0.0.1; N candidates (200) log in,
type the room's code and start, each in its own browser (a Flask test client, one process).
Then every candidate's page polls GET /exams/<id>/state R times (what static/js/exams.js does)
in three variants measured in the same run:
- baseline: the room and one-session checks switched off (presence.browser_may_stay and
  presence.enter replaced by no-ops), the poll as it was before rooms;
- checks: the guard before the request (one active connection) and the room's network and
  connection check in the view, the visit written at most every 20 s (no write here);
- checks + write: the same with the visit written on every poll (TOUCH_SECONDS = 0), the worst
  case of a poll landing right after the 20 seconds.
Prints p50/p95 per variant and their ratio to the baseline.
usage: benchmarks/bench_exam_rooms.py [--candidates 200] [--rounds 5] [--database-url URL]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
PASSWORD = "bench-password-101"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--candidates", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()

    from school101 import create_app
    from school101.extensions import db
    from school101.models import Booking, PiscineDay, User, UserRole
    from school101.models._base import utcnow
    from school101.services.exams import presence, rooms
    from school101.services.identity.security import hash_password
    from school101.services.piscine.sessions import create_piscine

    url = args.database_url or f"sqlite:///{tempfile.mkdtemp(prefix='bench-rooms-')}/bench.sqlite"
    app = create_app(
        {
            "DATABASE_URL": url,
            "SECRET_KEY": "bench",
            "REDIS_URL": "",
            "WTF_CSRF_ENABLED": False,
            "RATELIMIT_ENABLED": False,
            "REQUIRE_EMAIL_CONFIRMATION": False,
        }
    )
    now = utcnow()
    password_hash = hash_password(PASSWORD)
    with app.app_context():
        db.drop_all()
        db.create_all()
        staff = User(email="staff@bench.example", password_hash=password_hash, first_name="S")
        staff.role_rows.append(UserRole(role="staff"))
        db.session.add(staff)
        db.session.flush()
        piscine = create_piscine(
            {
                "name": "Bench",
                "starts_on": date.today(),
                "ends_on": date.today() + timedelta(days=27),
                "capacity": args.candidates,
                "feedback": "immediate",
            },
            actor=staff,
        )
        exam = db.session.scalars(
            db.select(PiscineDay).where(
                PiscineDay.piscine_id == piscine.id, PiscineDay.day_id == "exam00"
            )
        ).one()
        exam.opens_at, exam.closes_at = now - timedelta(hours=1), now + timedelta(hours=7)
        emails = []
        for i in range(args.candidates):
            user = User(
                email=f"c{i}@bench.example",
                password_hash=password_hash,
                first_name="C",
                last_name=str(i),
                email_confirmed_at=now,
            )
            user.role_rows.append(UserRole(role="candidate"))
            db.session.add(user)
            db.session.flush()
            db.session.add(Booking(piscine_id=piscine.id, user_id=user.id, status="booked"))
            emails.append(user.email)
        room = rooms.save_room("Bench", "127.0.0.0/8", actor=staff)
        session = rooms.open_session(room.id, exam.id, actor=staff)
        db.session.commit()
        exam_id, code = exam.id, session.code

    browsers = []
    for email in emails:
        client = app.test_client()
        r = client.post("/auth/login", data={"email": email, "password": PASSWORD})
        assert r.status_code == 302, r.status_code
        r = client.post(f"/exams/{exam_id}/start", data={"code": code})
        assert r.status_code == 302, r.status_code
        browsers.append(client)

    def polls() -> list[float]:
        latencies = []
        for _round in range(args.rounds):
            for client in browsers:
                started = time.perf_counter()
                r = client.get(f"/exams/{exam_id}/state")
                latencies.append(time.perf_counter() - started)
                assert r.status_code == 200, r.status_code
        return latencies

    polls()  # warm-up: caches, and every connection's visit recorded once
    real_stay, real_enter = presence.browser_may_stay, presence.enter
    presence.browser_may_stay = lambda *a, **k: True
    presence.enter = lambda *a, **k: None
    baseline = polls()
    presence.browser_may_stay, presence.enter = real_stay, real_enter
    checks = polls()
    presence.TOUCH_SECONDS = 0
    writes = polls()

    def ms(values: list[float], q: float) -> float:
        return 1000 * statistics.quantiles(values, n=100)[int(q) - 1]

    kind = url.split(":", 1)[0]
    print(f"{args.candidates} candidates x {args.rounds} polls of GET /exams/<id>/state ({kind})")
    base50, base95 = ms(baseline, 50), ms(baseline, 95)
    for name, values in (("baseline", baseline), ("checks", checks), ("checks+write", writes)):
        p50, p95 = ms(values, 50), ms(values, 95)
        print(
            f"  {name:13} p50 {p50:6.2f} ms  p95 {p95:6.2f} ms  "
            f"ratio p50 {p50 / base50:4.2f}  p95 {p95 / base95:4.2f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
