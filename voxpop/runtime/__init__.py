"""Running continuously: the embedded scheduler that `voxpop run` starts (one process)."""
