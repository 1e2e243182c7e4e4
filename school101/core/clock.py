"""The school's clock: times are stored in UTC and shown in Europe/Paris, and the school's
"today" is the Paris date (between 22:00 and 24:00 UTC Paris is already on the next day)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

PARIS = ZoneInfo("Europe/Paris")


def paris_today() -> date:
    """Today's date at the school (Europe/Paris), whatever the server's time zone."""
    return datetime.now(PARIS).date()


def as_aware(value: datetime) -> datetime:
    """A datetime with a time zone; naive values are taken as UTC."""
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def paris_to_utc(value: datetime | None) -> datetime | None:
    """A naive Europe/Paris wall-clock time (from a datetime-local input) as aware UTC."""
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=PARIS)
    return value.astimezone(UTC)


def utc_to_paris_naive(value: datetime | None) -> datetime | None:
    """An aware datetime (naive: UTC) as naive Paris local time (to fill a datetime-local input)."""
    if value is None:
        return None
    return as_aware(value).astimezone(PARIS).replace(tzinfo=None)


def paris_datetime(day: date, at: time) -> datetime:
    """A Europe/Paris wall-clock time as an aware datetime."""
    return datetime.combine(day, at, tzinfo=PARIS)


def paris_day_bounds(now: datetime) -> tuple[datetime, datetime]:
    """Start and end (UTC) of the Paris calendar day containing `now`."""
    local = as_aware(now).astimezone(PARIS).date()
    start = datetime.combine(local, time(0, 0), tzinfo=PARIS)
    end = datetime.combine(local + timedelta(days=1), time(0, 0), tzinfo=PARIS)
    return start.astimezone(UTC), end.astimezone(UTC)


def iso(value: datetime | date | None) -> str | None:
    """ISO 8601 (datetimes always with their UTC offset); None stays None."""
    if value is None:
        return None
    if isinstance(value, datetime) and value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.isoformat()


def iso_utc(value: datetime | None) -> str:
    """ISO 8601 in UTC to the second (for data- attributes read by JavaScript); "" for None."""
    if value is None:
        return ""
    return as_aware(value).astimezone(UTC).isoformat(timespec="seconds")
