"""explorer/tui."""
