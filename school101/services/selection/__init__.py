"""Selection: rounds, the explainable ranking, human decisions, offers and decision e-mails."""
