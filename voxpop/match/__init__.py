"""4 match (running) — evaluate saved queries over stored mentions: new ones as they land, the
whole history when a query is added or edited. The language itself lives in voxpop/query/."""
