"""The inbound webhook: other systems push mentions in the interchange format to voxpop."""
