"""Exam pages: candidates take timed exams (grademe), staff read the results."""
