"""Identity: accounts, passwords and tokens, validation, consent, staff accounts and roles."""
