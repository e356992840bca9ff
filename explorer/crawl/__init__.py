"""explorer/crawl."""
