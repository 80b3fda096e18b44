"""Reads in land policy, scoped by the reader: one module per entity."""
