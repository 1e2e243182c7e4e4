"""Operations: backups of an installation (the database, the git repositories, the instance
secrets) and their restore into an empty installation (docs/backups.md)."""
