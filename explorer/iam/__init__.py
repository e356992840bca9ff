"""explorer/iam."""
