"""The domain: one package per bounded context, business rules testable without HTTP.
Views, the API, jobs and commands call these (see docs/architecture.md)."""


def connect_receivers() -> None:
    """Import the modules whose receivers react to another context's signals (core/signals.py);
    create_app calls it, so a signal never fires into the void."""
    from school101.services.exams import attempts  # noqa: F401  (grading_run_finished)
    from school101.services.integrity import index  # noqa: F401  (grading_run_finished)
    from school101.services.piscine import invitations  # noqa: F401  (application_invited_to_piscine)
