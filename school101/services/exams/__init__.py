"""Exams: pools of exercises and timed attempts graded level by level."""
