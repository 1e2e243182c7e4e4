"""Selection: rounds, the explainable ranking, human decisions, offers and decision e-mails."""

# Registers the peer-evaluation criteria in ranking.CRITERIA whenever the ranking is used.
from school101.services.selection import peer_criteria  # noqa: F401
