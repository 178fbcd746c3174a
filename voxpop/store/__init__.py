"""5 keep — tables, migrations and repositories: the only code that writes SQL."""

from voxpop.store.db import Store, StoreError, open_store

__all__ = ["Store", "StoreError", "open_store"]
