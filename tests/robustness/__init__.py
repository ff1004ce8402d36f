"""Hostile inputs and how newscli must answer them: the catalogue, its tests and RELIABILITY.md."""
