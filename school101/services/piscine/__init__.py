"""The piscine: sessions, calendar, content, invitations, booking, read models, the staff board."""
