"""The hackernews connector: stories and comments matching search terms, polled from the HN Search API."""
