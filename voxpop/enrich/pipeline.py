"""Every enrichment step on one document, in order, without a database: normalise, clean, language,
spam, duplicates, sentiment. ``enrich_text`` is the public one-document form; ``Enricher`` keeps
the state that spans documents (the spam context, the duplicate index, a sentiment model adjusted
by corrections) and is what the enrichment stage uses.
"""

from __future__ import annotations

import base64
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from voxpop.enrich.clean import CleanResult, RemovedLine, clean_html, clean_text_lines
from voxpop.enrich.language import detect_language
from voxpop.enrich.normalise import normalise_text

#: Characters of a document that the language step reads (see voxpop/enrich/stage.py).
LANGUAGE_SAMPLE_CHARS = 160

#: (step, version) of every step whose result an Enriched carries
STEPS = {"normalise": "1.0.0", "clean": "1.0.0", "language": "1.0.0", "spam": "1.0.0", "duplicates": "1.0.0",
         "sentiment": "1.0.0"}


@dataclass(slots=True)
class Enriched:
    """What the pipeline made of one document. ``text`` is the cleaned text; ``removed`` lists
    the lines cleaning took out, each with its reason, so nothing is silently lost."""

    text: str
    removed: list[RemovedLine]
    lang: str
    lang_confidence: float
    spam_score: float
    spam_reasons: list[str]
    is_spam: bool
    sentiment: str
    sentiment_score: float
    sentiment_confidence: float
    sentiment_reasons: list[str]
    links: tuple[str, ...] = ()
    hashtags: tuple[str, ...] = ()
    mentions: tuple[str, ...] = ()
    emoji: tuple[str, ...] = ()
    fixed_mojibake: bool = False
    #: the duplicate cluster, when the Enricher keeps a duplicate index and got a document id
    duplicate: Any = None
    #: what the duplicate index needs to place this mention again after a restart
    duplicate_signature: bytes | None = None
    steps: dict[str, str] = field(default_factory=lambda: dict(STEPS))

    def results(self) -> dict[str, dict[str, Any]]:
        """Per step, the result the store keeps (table ``enrichments``)."""
        out: dict[str, dict[str, Any]] = {
            "language": {"code": self.lang, "confidence": round(self.lang_confidence, 4)},
            "spam": {"score": round(self.spam_score, 4), "is_spam": self.is_spam, "reasons": self.spam_reasons},
            "sentiment": {"label": self.sentiment, "score": round(self.sentiment_score, 4),
                          "confidence": round(self.sentiment_confidence, 4), "reasons": self.sentiment_reasons},
            "normalise": {"fixed_mojibake": self.fixed_mojibake, "emoji": list(self.emoji)},
        }
        if self.removed:
            out["clean"] = {"removed": [{"line": r.line, "reason": r.reason, "position": r.position,
                                         "detail": r.detail} for r in self.removed]}
        if self.duplicate is not None:
            out["duplicates"] = self.duplicate.as_dict()
            if self.duplicate_signature is not None:
                out["duplicates"]["signature"] = base64.b64encode(self.duplicate_signature).decode("ascii")
        return out


def language_sample(title: str | None, text: str) -> str:
    """Title and text, cut at a word boundary after LANGUAGE_SAMPLE_CHARS characters: the cost of
    the language step grows with length while its accuracy is already ~99 % at this size."""
    whole = f"{title}\n{text}" if title else text
    if len(whole) <= LANGUAGE_SAMPLE_CHARS:
        return whole
    cut = whole.rfind(" ", 0, LANGUAGE_SAMPLE_CHARS)
    return whole[: cut if cut > LANGUAGE_SAMPLE_CHARS // 2 else LANGUAGE_SAMPLE_CHARS]


class Enricher:
    """The enrichment steps with the state that spans documents. Not thread-safe: one per worker."""

    def __init__(self, *, candidates: Iterable[str] | None = None, spam_context: Any = None,
                 duplicates: Any = None, sentiment_model: Any = None) -> None:
        from voxpop.enrich.sentiment import SentimentModel

        self.candidates = tuple(candidates) if candidates is not None else None
        self.spam_context = spam_context
        self.duplicates = duplicates
        self.sentiment_model = sentiment_model or SentimentModel.default()
        #: authors and texts (``spam.text_key``) users marked as spam, and those they marked as not
        self.spam_authors: set[str] = set()
        self.spam_texts: set[str] = set()
        self.ham_texts: set[str] = set()

    def learn_spam_markings(self, markings: Iterable[Any]) -> None:
        """Users' spam markings (oldest first; a later one wins): an author marked as a spammer
        and any copy of a text marked as spam are spam from now on; a text marked as not spam is
        not, whatever the other signals say."""
        from voxpop.enrich.spam import text_key

        for marking in markings:
            key = text_key(marking.text)
            if marking.is_spam:
                self.spam_texts.add(key)
                self.ham_texts.discard(key)
                if marking.author:
                    self.spam_authors.add(marking.author)
            else:
                self.ham_texts.add(key)
                self.spam_texts.discard(key)
                if marking.author:
                    self.spam_authors.discard(marking.author)

    @classmethod
    def for_stream(cls, *, candidates: Iterable[str] | None = None, corrections: Sequence[tuple[str, str | None, str]]
                   = ()) -> Enricher:
        """An Enricher for a stream of mentions: spam context and duplicate index included, the
        sentiment model adjusted by the workspace's corrections."""
        from voxpop.enrich.duplicates import DuplicateIndex
        from voxpop.enrich.sentiment import SentimentModel
        from voxpop.enrich.spam import SpamContext

        model = SentimentModel.default()
        if corrections:
            model = model.with_corrections(corrections)
        return cls(candidates=candidates, spam_context=SpamContext(), duplicates=DuplicateIndex(),
                   sentiment_model=model)

    def enrich(self, text: str | None, title: str | None = None, html: str | bytes | None = None, *,
               doc_id: int | None = None, author: str | None = None, published_at: datetime | None = None,
               links: Sequence[str] = (), lang: str | None = None) -> Enriched:
        """Run every step on one document. ``lang`` (a language the source gave) is used for
        sentiment and duplicates when given; the detected one is still reported."""
        from voxpop.enrich.spam import spam_score

        cleaned: CleanResult
        if html is not None:
            cleaned = clean_html(html)
            if not text:
                text = cleaned.text
        normalised = normalise_text(text or "")
        body = normalised.text
        if html is None:
            cleaned = clean_text_lines(body) if "\n" in body else CleanResult(body)
        clean = cleaned.text
        code, confidence = detect_language(language_sample(title, clean), candidates=self.candidates)
        language = (lang or "").split("-")[0].lower() or (code if code != "und" else None)
        all_links = tuple(dict.fromkeys([*links, *normalised.links]))
        spam = spam_score(clean, links=all_links, author=author, published_at=published_at,
                          context=self.spam_context)
        spam_value, spam_reasons = spam.score, list(spam.reasons)
        if self.spam_texts or self.ham_texts or self.spam_authors:
            from voxpop.enrich.spam import SPAM_THRESHOLD, text_key

            key = text_key(clean)
            if key in self.ham_texts:
                spam_value, spam_reasons = 0.0, ["marked as not spam by a user"]
            elif key in self.spam_texts:
                spam_value, spam_reasons = 1.0, [*spam_reasons, "same text as a post a user marked as spam"]
            elif author and author in self.spam_authors:
                spam_value = max(spam_value, SPAM_THRESHOLD + 0.3)
                spam_reasons = [*spam_reasons, "author's posts were marked as spam by a user"]
        is_spam = spam_value >= 0.5
        duplicate = signature = None
        if self.duplicates is not None and doc_id is not None:
            duplicate, signature = self.duplicates.add_with_signature(
                doc_id, clean, lang=language, title=title, links=all_links, published_at=published_at)
        opinion = self.sentiment_model.analyse(f"{title}\n{clean}" if title else clean, language)
        return Enriched(
            text=clean, removed=list(cleaned.removed), lang=code, lang_confidence=float(confidence),
            spam_score=spam_value, spam_reasons=spam_reasons, is_spam=is_spam,
            sentiment=opinion.label, sentiment_score=opinion.score, sentiment_confidence=opinion.confidence,
            sentiment_reasons=list(opinion.reasons), links=all_links, hashtags=normalised.hashtags,
            mentions=normalised.mentions, emoji=normalised.emoji, fixed_mojibake=normalised.fixed_mojibake,
            duplicate=duplicate, duplicate_signature=signature,
        )

    def enrich_many(self, documents: Iterable[str | Mapping[str, Any]]) -> list[Enriched]:
        """The batch form: each document is a text or a dict with ``text`` and optionally
        ``title``, ``html``, ``doc_id``, ``author``, ``published_at``, ``links``, ``lang``."""
        out = []
        for document in documents:
            if isinstance(document, str):
                out.append(self.enrich(document))
            else:
                out.append(self.enrich(**dict(document)))
        return out


_default: Enricher | None = None


def _default_enricher() -> Enricher:
    global _default
    if _default is None:
        _default = Enricher()
    return _default


def enrich_text(text: str | None, title: str | None = None, html: str | bytes | None = None) -> Enriched:
    """The whole pipeline on one document, without a database (no cross-document state)."""
    return _default_enricher().enrich(text, title, html)


def enrich_texts(documents: Iterable[str | Mapping[str, Any]]) -> list[Enriched]:
    """``enrich_text`` for many documents at once (texts, or dicts with ``text``, ``title``, ``html``)."""
    return _default_enricher().enrich_many(documents)
