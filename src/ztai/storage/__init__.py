"""Persistence: SQLite or PostgreSQL behind one small interface, plus Redis counters."""
