"""Watch: per-minute rollups per saved query, the crisis-alert detector, its explanations (drivers),
and the backtest that replays stored history through it.

    rollup.py     counts per query per minute (volume, negatives, channels, languages)
    detector.py   Detector.observe(minute, counts) -> [AlertEvent]; Alert records and their states
    drivers.py    what rose most against the baseline: terms, authors, links, languages, channels
    backtest.py   the alerts stored history would have raised
    evaluation.py the labelled simulated evaluation behind bench/alerts_eval.py
"""

from voxpop.alerts.detector import (
    Alert,
    AlertEvent,
    Detector,
    DetectorSettings,
    InvalidTransition,
    acknowledge,
    resolve,
)
from voxpop.alerts.rollup import MinuteCounts, QueryRollup, Rollups, load_rollup

__all__ = [
    "Alert", "AlertEvent", "Detector", "DetectorSettings", "InvalidTransition", "MinuteCounts", "QueryRollup",
    "Rollups", "acknowledge", "load_rollup", "resolve",
]
