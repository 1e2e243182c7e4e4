"""Staff analytics pages: the intake funnel dashboard (/staff/analytics)."""
