"""Intake analytics: funnel figures per campaign with small-group suppression."""
