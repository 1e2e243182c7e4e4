"""Privacy (RGPD): export and erasure for a person, and data retention."""
