"""Peer evaluations and rushes: correction scales, points, availability, bookings, the
evaluation itself, rush teams (issue 13)."""
