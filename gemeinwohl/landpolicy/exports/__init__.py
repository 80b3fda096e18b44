"""Exports of land policy."""
