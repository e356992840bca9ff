"""explorer/store."""
