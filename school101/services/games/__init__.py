"""The selection games: sessions and answers (sessions.py), the memory and logic engines."""
