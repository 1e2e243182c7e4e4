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


#: How times and dates read in each page language (Babel/CLDR patterns): the readable form
#: ("23 décembre 2026 à 23 h 04", "Dec 23, 2026, 11:04 PM"), the short one for dense tables
#: ("23/12/2026 23 h 04", "12/23/26, 11:04 PM"), dates and times of day alone. Never seconds,
#: never a UTC offset: every time shown is Paris time, which the pages say once.
#: "23 h 04" with no-break spaces, so that a time never wraps in the middle
HOUR_FR = "H\u00a0'h'\u00a0mm"
PATTERNS = {
    "fr": {
        "long": "d MMMM y 'à' " + HOUR_FR,
        "short": "dd/MM/y " + HOUR_FR,
        "date": "d MMMM y",
        "short_date": "dd/MM/y",
        "time": HOUR_FR,
    },
    "en": {
        "long": "MMM d, y, h:mm a",
        "short": "M/d/yy, h:mm a",
        "date": "MMM d, y",
        "short_date": "M/d/yy",
        "time": "h:mm a",
    },
}
#: Babel's standard names map onto the two datetime forms (medium and full read as long)
FORM_ALIASES = {"medium": "long", "full": "long"}


def page_language(locale=None) -> str:
    """The page language, "fr" or "en", of `locale` ("fr_FR", "en-GB", a babel Locale; None: the page's locale,
    else French, the school's language)."""
    if locale is None:
        from flask_babel import get_locale

        try:
            locale = get_locale()
        except RuntimeError:  # outside any app context
            locale = None
    language = str(locale or "fr").replace("-", "_").split("_")[0].lower()
    return language if language in PATTERNS else "en"


def paris_text(value: datetime | None, form: str = "long", locale=None) -> str:
    """A stored (UTC) datetime as people read it, in Europe/Paris and the page's language
    (or `locale`): forms "long" (also "medium", "full"), "short", "date", "short_date",
    "time". "—" for None."""
    from babel.dates import format_datetime

    if value is None:
        return "—"
    language = page_language(locale)
    pattern = PATTERNS[language][FORM_ALIASES.get(form, form)]
    return format_datetime(as_aware(value), pattern, tzinfo=PARIS, locale=language)


def day_text(value: date | None, form: str = "date", locale=None) -> str:
    """A calendar date (a piscine's first day, a birth date) as people read it, in the page's
    language: "5 décembre 2026" / "Dec 5, 2026" ("short_date": "05/12/2026" / "12/5/26").
    A datetime gives its Paris date."""
    from babel.dates import format_date

    if value is None:
        return "—"
    if isinstance(value, datetime):
        return paris_text(value, form if form in ("date", "short_date") else "date", locale)
    language = page_language(locale)
    pattern = PATTERNS[language][form if form in ("date", "short_date") else "date"]
    return format_date(value, pattern, locale=language)
