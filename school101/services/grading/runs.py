"""Grading through RQ: snapshot submissions, create a run row and enqueue it in one transaction.

The job (school101.jobs.grading.grade_run) loads the row, calls the grader's Python API and stores
the verdict. Infrastructure failures (Docker engine or image missing, or failing under a run)
are retried by RQ (RETRY); verdicts never are. After the last retry the failure callback marks
the row failed; lost jobs are reconciled by the sweeper (services.grading_recovery).
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import tarfile
import time
from datetime import timedelta

from flask_babel import lazy_gettext as _l
from redis.exceptions import RedisError
from rq import Callback, Retry

from school101.core.errors import NotFound
from school101.core.queues import grading_queue
from school101.extensions import db
from school101.models import GradingRun, Submission
from school101.models._base import utcnow

log = logging.getLogger(__name__)

#: what a candidate reads about a failed run (never the technical error, which staff see)
FAILED_MESSAGE = _l(
    "The grading could not run (an infrastructure problem, not your code). "
    "Staff have been told; you may submit again."
)
RETRY = Retry(max=3, interval=[10, 30, 60])
#: after every failed attempt; once no retry is left it marks the row failed
ON_FAILURE = Callback("school101.jobs.grading.on_grading_failure")


def snapshot(files: dict[str, bytes]) -> bytes:
    """A deterministic tar archive of flat file names -> contents."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as tar:
        for name in sorted(files):
            info = tarfile.TarInfo(name)
            info.size = len(files[name])
            info.mode = 0o644
            info.mtime = 0
            tar.addfile(info, io.BytesIO(files[name]))
    return buffer.getvalue()


def unpack(archive: bytes, directory: str) -> None:
    """Write a snapshot's regular files into `directory` (flat names only)."""
    with tarfile.open(fileobj=io.BytesIO(archive), mode="r") as tar:
        for member in tar.getmembers():
            if not member.isfile() or "/" in member.name or member.name in {"", ".", ".."}:
                continue
            data = tar.extractfile(member).read()
            with open(f"{directory}/{member.name}", "wb") as fh:
                fh.write(data)


def create_submission(*, user, exercise: str, files: dict[str, bytes], source: str) -> Submission:
    """Store a snapshot of turned-in files (the caller commits)."""
    archive = snapshot(files)
    submission = Submission(
        user_id=getattr(user, "id", None),
        exercise=exercise,
        source=source,
        archive=archive,
        sha256=hashlib.sha256(archive).hexdigest(),
        size=sum(len(v) for v in files.values()),
        file_count=len(files),
    )
    db.session.add(submission)
    db.session.flush()
    log.info(
        "submission received",
        extra={"submission_id": submission.id, "exercise": exercise, "source": source},
    )
    return submission


def enqueue_run(
    submission: Submission, *, reason: str = "submission", at_front: bool = False
) -> GradingRun:
    """Create a queued run row and enqueue its job; both stand or fall with the caller's commit.

    The job waits briefly for the row to become visible, and does nothing if it never does
    (the transaction was rolled back).
    """
    run = GradingRun(submission_id=submission.id, reason=reason)
    db.session.add(run)
    db.session.flush()
    try:
        run.job_id = enqueue_job(
            "school101.jobs.grading.grade_run",
            run.id,
            f"grading-run-{run.id}-{int(time.time() * 1000)}",
            at_front=at_front,
        ).id
    except RedisError as exc:  # the queue is down: the row waits, the sweeper enqueues it
        log.warning(
            "grading queue unavailable, run %s left for the sweeper: %s",
            run.id,
            type(exc).__name__,
        )
    log.info(
        "grading run enqueued",
        extra={"run_id": run.id, "submission_id": submission.id, "rq_job_id": run.job_id},
    )
    return run


def enqueue_job(func: str, row_id: int, job_id: str, *, at_front: bool = False, queue=None):
    """Enqueue a grading job (`grade_run` or `grade_day_job`) with the retry policy: RETRY for
    infrastructure failures, ON_FAILURE to mark the row failed once no retry is left."""
    return (queue or grading_queue()).enqueue(
        func,
        row_id,
        retry=RETRY,
        on_failure=ON_FAILURE,
        job_id=job_id,
        at_front=at_front,
        result_ttl=3600,
        failure_ttl=7 * 24 * 3600,
    )


def get_run(run_id: int) -> GradingRun:
    """A grading run by id or NotFound."""
    run = db.session.get(GradingRun, run_id)
    if run is None:
        raise NotFound(_l("No such grading run."))
    return run


def run_to_json(run: GradingRun) -> dict:
    """A run as the API shows it."""
    return {
        "id": run.id,
        "status": run.status,
        "exercise": run.submission.exercise,
        "queued_at": run.queued_at.isoformat(),
        "started_at": run.started_at.isoformat() if run.started_at else None,
        "finished_at": run.finished_at.isoformat() if run.finished_at else None,
        "verdict": json.loads(run.verdict) if run.verdict else None,
    }


def queue_stats() -> dict:
    """Waiting, running and failed counts, and throughput over the last 10 minutes."""
    since = utcnow() - timedelta(minutes=10)
    counts = dict(
        db.session.execute(
            db.select(GradingRun.status, db.func.count()).group_by(GradingRun.status)
        ).all()
    )
    done_recently = (
        db.session.scalar(
            db.select(db.func.count())
            .select_from(GradingRun)
            .where(GradingRun.finished_at >= since, GradingRun.status == "graded")
        )
        or 0
    )
    return {
        "queued": counts.get("queued", 0),
        "running": counts.get("running", 0),
        "graded": counts.get("graded", 0),
        "failed": counts.get("failed", 0),
        "per_minute_last_10": round(done_recently / 10, 2),
    }


def queue_overview() -> dict:
    """What staff watch: runs and day gradings by status, throughput, the RQ queue and workers,
    the latest failures, and e-mail delivery (outbox rows by status, the mail queue). Works
    (with `redis_error` set) when Redis is unreachable."""
    from school101.models import DayGrading, OutboxMail

    since = utcnow() - timedelta(minutes=10)
    days = dict(
        db.session.execute(
            db.select(DayGrading.status, db.func.count()).group_by(DayGrading.status)
        ).all()
    )
    days_recent = (
        db.session.scalar(
            db.select(db.func.count())
            .select_from(DayGrading)
            .where(DayGrading.finished_at >= since, DayGrading.status == "graded")
        )
        or 0
    )
    failed_runs = db.session.scalars(
        db.select(GradingRun)
        .where(GradingRun.status == "failed")
        .order_by(GradingRun.id.desc())
        .limit(20)
    ).all()
    overview = {
        "runs": queue_stats(),
        "days": {s: days.get(s, 0) for s in ("queued", "running", "graded", "failed")},
        "days_per_minute_last_10": round(days_recent / 10, 2),
        "failed_runs": [
            {
                "id": r.id,
                "exercise": r.submission.exercise,
                "error": r.error[:300],
                "verdict_status": r.verdict_status,
                "submission_id": r.submission_id,
                "attempts": r.attempts,
                "reason": r.reason,
                "finished_at": r.finished_at.isoformat() if r.finished_at else None,
            }
            for r in failed_runs
        ],
        "rq": None,
        "redis_error": "",
    }
    mails = dict(
        db.session.execute(
            db.select(OutboxMail.status, db.func.count())
            .where(OutboxMail.status.in_(("pending", "failed")))
            .group_by(OutboxMail.status)
        ).all()
    )
    overview["mail"] = {
        "pending": mails.get("pending", 0),
        "failed": mails.get("failed", 0),
        "waiting": None,
        "scheduled": None,
    }
    try:
        from rq import Worker

        from school101.core.queues import mail_queue

        queue = grading_queue()
        mq = mail_queue(queue.connection)
        overview["mail"].update(waiting=mq.count, scheduled=mq.scheduled_job_registry.count)
        overview["rq"] = {
            "waiting": queue.count,
            "started": queue.started_job_registry.count,
            "failed": queue.failed_job_registry.count,
            "scheduled": queue.scheduled_job_registry.count,
            "workers": [
                {
                    "name": w.name,
                    "state": str(w.get_state()),
                    "current_job": getattr(w.get_current_job(), "id", None),
                }
                for w in Worker.all(connection=queue.connection)
            ],
        }
    except Exception as exc:
        overview["redis_error"] = f"{type(exc).__name__}: {exc}"[:200]
    return overview
