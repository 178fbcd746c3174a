"""Understand each mention: one module per enrichment step, each recording its name and version;
``pipeline`` runs them all on one document (``enrich_text``) or on many (``enrich_texts``)."""

from voxpop.enrich.language import LanguageResult, detect_language, detect_language_in_context
from voxpop.enrich.pipeline import Enriched, Enricher, enrich_text, enrich_texts

__all__ = ["Enriched", "Enricher", "LanguageResult", "detect_language", "detect_language_in_context", "enrich_text",
           "enrich_texts"]
