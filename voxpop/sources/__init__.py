"""1 listen — connectors that collect items from the outside world, one folder each."""
