"""Sentiment of a mention: positive, neutral or negative, with a score, a confidence and the cues that
decided it (lexicon words after negation and intensifiers, emoji, learned words), for en da sv nb fi
de fr es it nl pt and a language-independent fallback; users' corrections adjust a copy of the model.
docs/sentiment.md explains the method, its figures and the licences of what it is built from.
"""

from voxpop.enrich.sentiment.model import (
    STEP,
    VERSION,
    SentimentModel,
    SentimentResult,
    analyse_sentiment,
)

__all__ = ["STEP", "VERSION", "SentimentModel", "SentimentResult", "analyse_sentiment"]
