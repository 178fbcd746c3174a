"""The web connector: pages listed by URL or found in a sitemap, their main text extracted."""
