"""Least-privilege authorization: Cedar engine, schema, YAML front-end, grants, reviews."""
