"""explorer/analysis."""
