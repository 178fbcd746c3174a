"""Reddit: subreddit listings and search over the OAuth API."""
