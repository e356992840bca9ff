"""explorer/demo."""
