"""Grading: submissions, uploads and git repositories, runs through RQ, recovery, the deadline, results."""
