"""Understand each mention: one module per enrichment step, each recording its name and version."""

from voxpop.enrich.language import LanguageResult, detect_language, detect_language_in_context

__all__ = ["LanguageResult", "detect_language", "detect_language_in_context"]
