"""The benchmark harness: realistic volumes on PostgreSQL, served by gunicorn, measured from outside.

Run it with ``make bench`` (or ``python bench/run.py --help``); ``bench/README.md`` explains
what it measures and how to read the figures.
"""
