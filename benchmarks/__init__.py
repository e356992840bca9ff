"""Benchmarks: a synthetic account crawled by the real crawler, and the figures of DESIGN §11."""
