"""Admissions: campaigns, applications, staff review, notes, exports, exceptions, decisions."""
