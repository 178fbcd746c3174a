"""A seeded, reproducible, multilingual stream of simulated social mentions for demos and benchmarks.

    from voxpop.simulate import SimulationConfig, simulate, write_ndjson
    cfg = SimulationConfig(count=10_000, days=28, seed=7)
    for record in simulate(cfg): ...            # interchange-format dicts, in published_at order
    stats = write_ndjson(cfg, open("demo.ndjson", "wb"))
    truth = cfg.manifest()                      # brands, campaign and crisis windows, issue terms

``simulate_with_truth`` (and ``write_ndjson(..., truth=f)``) also give each mention's ground
truth: spam or not, which article a copy was made from, its true sentiment, its event. Layout:
``config`` (what), ``rhythm`` (when), ``people`` (who), ``text`` and ``banks`` (what is said),
``channels`` (where), ``stream`` (all of it, in order), ``write`` (to NDJSON).
"""

from voxpop.simulate.config import (
    DEFAULT_BRANDS,
    DEFAULT_CAMPAIGN,
    DEFAULT_CRISES,
    DEFAULT_END,
    Brand,
    Campaign,
    Crisis,
    SimulationConfig,
    SimulationConfigError,
)
from voxpop.simulate.stream import Truth, simulate, simulate_with_truth
from voxpop.simulate.write import SimulationStats, write_ndjson

__all__ = [
    "DEFAULT_BRANDS", "DEFAULT_CAMPAIGN", "DEFAULT_CRISES", "DEFAULT_END", "Brand", "Campaign",
    "Crisis", "SimulationConfig", "SimulationConfigError", "SimulationStats", "Truth", "simulate",
    "simulate_with_truth", "write_ndjson",
]
