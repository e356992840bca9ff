"""The synthetic AWS account: its records, how they are generated, and the canned-response
transport that serves them to the real crawler behind AWS-like rate limits.

Tests import it to make synthetic snapshots; the measurement modules of `benchmarks` import
it, never the other way round (an import-linter contract in pyproject.toml).
"""
