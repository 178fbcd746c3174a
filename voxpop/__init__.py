"""voxpop: self-hosted social listening — sources → ingest → enrich → store → match → act."""

__version__ = "0.1.0"
