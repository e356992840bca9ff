"""Serverless Chain Explorer: crawl an AWS serverless estate, then walk its chains offline."""

__version__ = "0.1.0"
