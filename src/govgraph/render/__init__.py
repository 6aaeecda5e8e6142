"""Renderers: each turns model objects or query answers into `str` or `bytes` and writes nothing."""
