"""The mastodon connector: a hashtag, the public or local timeline, or one account, polled over the REST API."""
