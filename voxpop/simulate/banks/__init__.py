"""Phrase banks: per-language social phrases, parallel news sentences, and spam.

``SOCIAL[lang]`` is the language's module (OPEN, CLOSE, ASPECTS, TITLES, CAMPAIGN, CRISIS,
CRISIS_TERMS); ``news`` holds sentences that exist in every language; ``spam`` the spam.
"""

from __future__ import annotations

from types import ModuleType

from voxpop.simulate.banks import da, de, en, es, fi, fr, it, nb, news, spam, sv

SOCIAL: dict[str, ModuleType] = {
    "en": en, "de": de, "fr": fr, "es": es, "it": it, "da": da, "sv": sv, "nb": nb, "fi": fi,
}

#: The aspects people talk about for each industry (besides price and service).
INDUSTRY_ASPECTS: dict[str, tuple[str, str]] = {
    "electronics": ("product", "delivery"),
    "airline": ("flight", "crew"),
    "coffee": ("drinks", "store"),
    "bank": ("app", "account"),
}
GENERIC_ASPECTS: tuple[str, str] = ("price", "service")
INDUSTRIES: tuple[str, ...] = tuple(INDUSTRY_ASPECTS)
ISSUES: tuple[str, ...] = tuple(en.CRISIS)
SENTIMENTS: tuple[str, str, str] = ("positive", "neutral", "negative")

__all__ = [
    "GENERIC_ASPECTS", "INDUSTRIES", "INDUSTRY_ASPECTS", "ISSUES", "SENTIMENTS", "SOCIAL",
    "news", "spam",
]
