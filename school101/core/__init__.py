"""Leaf helpers every context shares: errors, audit, permissions, clock, paging, spreadsheet,
queues and signals. Core imports only models and extensions, never a service or a blueprint."""
