"""What a text says about its sentiment before any weight is applied: its tokens, the polarity cues
of its language's lexicon with negation, intensifiers and contrast applied, emoji, and the sparse
features the linear model scores. Shared by the run-time model and ``scripts/train_sentiment.py``,
so training and inference read texts the same way.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

LEXICON_DIR = Path(__file__).with_name("lexicons")
MAX_TEXT_CHARS = 1_000

#: Languages with a hand-written cue list; ``nn`` and ``no`` read the Bokmål one.
LEXICON_LANGUAGES = ("da", "sv", "nb", "fi", "nl", "de", "fr", "es", "it", "pt", "en")
LANGUAGE_ALIASES = {"nn": "nb", "no": "nb"}
#: Languages whose negator may close a clause after the word it negates ("ich mag es nicht").
NEGATION_AFTER = frozenset({"de", "nl", "da", "sv", "nb"})
NEGATION_SCOPE = 3
INTENSIFIER_REACH = 2
#: Cues before a contrast word count this much, those after it CONTRAST_AFTER (as VADER does with "but").
CONTRAST_BEFORE = 0.5
CONTRAST_AFTER = 1.5
CAPS_BOOST = 1.3
CONTRASTS: dict[str, frozenset[str]] = {
    "en": frozenset({"but", "however", "though"}),
    "da": frozenset({"men", "dog"}),
    "sv": frozenset({"men", "dock"}),
    "nb": frozenset({"men"}),
    "fi": frozenset({"mutta", "kuitenkin", "vaan"}),
    "nl": frozenset({"maar", "echter"}),
    "de": frozenset({"aber", "jedoch", "sondern"}),
    "fr": frozenset({"mais", "pourtant", "cependant"}),
    "es": frozenset({"pero", "sino", "aunque"}),
    "it": frozenset({"ma", "però", "tuttavia"}),
    "pt": frozenset({"mas", "porém", "contudo"}),
}
#: Negators that are ordinary words in some other language; left out when the language is unknown.
_AMBIGUOUS_NEGATORS = frozenset({"en", "et", "ei", "ne", "no", "non", "ni", "nem", "sin", "sem", "plus", "ej"})

# The standard library's re, not regex: it is several times faster on this simple pattern, and the
# tokenizer is most of the step's cost. Emoticons first, then words, then any other single character.
_TOKEN = re.compile(r"(?<!\w)(?:[:;=][-']?[)(\]\[dDpP/|*@]+|<3+|>:\(|xD+|XD+)(?!\w)|\w+(?:['’]\w+)*|[^\w\s]")
_NOISE = re.compile(r"(?:https?://|www\.)\S+|@\w+")
#: Characters that are not themselves emoji: zero-width joiner, presentation selectors, skin tones.
_EMOJI_PARTS = frozenset("\u200d\ufe0e\ufe0f\U0001f3fb\U0001f3fc\U0001f3fd\U0001f3fe\U0001f3ff")
_STOPS = frozenset(".,;:…")
_EMOJI_FROM = "\u2190"
_SEEN_LIMIT = 100_000
ROLE_PLAIN, ROLE_CUE, ROLE_NEGATOR, ROLE_CONTRAST, ROLE_INTENSIFIER, ROLE_INTENSIFIER_CUE = range(6)
_PLAIN = (ROLE_PLAIN, 0.0)  # arrows, symbols, dingbats and every emoji block lie above


@dataclass(frozen=True, slots=True)
class Lexicon:
    """One language's cues: exact words and two-word phrases, prefixes (``elsk*``), negators, intensifiers."""

    exact: dict[str, float]
    prefixes: dict[str, float]
    negators: frozenset[str]
    intensifiers: dict[str, float]
    contrasts: frozenset[str]
    max_prefix: int = 0
    phrase_starts: frozenset[str] = frozenset()
    #: word → its role, already looked up: the prefix search is the costly part of a lookup
    seen: dict[str, tuple[int, float]] = field(default_factory=dict, compare=False, repr=False)

    def polarity(self, word: str) -> float | None:
        found = self.exact.get(word)
        if found is None:
            for size in range(min(len(word), self.max_prefix), 2, -1):
                found = self.prefixes.get(word[:size])
                if found is not None:
                    break
        return found

    def role(self, word: str) -> tuple[int, float]:
        """(ROLE_*, value): a negator, a contrast word, an intensifier (value: its factor), a polarity
        cue (value: its polarity), both of the last two (value: the polarity), or a plain word."""
        try:
            return self.seen[word]
        except KeyError:
            pass
        found: tuple[int, float]
        if word in self.negators or (word.endswith("n't") and "n't" in self.negators):
            found = (ROLE_NEGATOR, 0.0)
        elif word in self.contrasts:
            found = (ROLE_CONTRAST, 0.0)
        else:
            value = self.polarity(word)
            if word in self.intensifiers:
                found = (ROLE_INTENSIFIER_CUE, value) if value is not None else (ROLE_INTENSIFIER, 0.0)
            else:
                found = (ROLE_CUE, value) if value is not None else _PLAIN
        if len(self.seen) >= _SEEN_LIMIT:
            self.seen.clear()
        self.seen[word] = found
        return found


def emoji_key(token: str) -> str:
    """An emoji's lookup key: its first character (the tokenizer reads ZWJ sequences, skin tones and
    presentation selectors as separate characters and drops the latter two)."""
    return token[0]


def read_lexicon_file(path: Path) -> list[tuple[str, str, float]]:
    entries = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 3 or parts[0] not in {"word", "neg", "int"}:
            raise ValueError(f"{path.name}:{number}: expected kind<TAB>term<TAB>value, got {line!r}")
        entries.append((parts[0], unicodedata.normalize("NFC", parts[1].lower()), float(parts[2])))
    return entries


def build_lexicon(entries: Iterable[tuple[str, str, float]], lang: str) -> Lexicon:
    exact: dict[str, float] = {}
    prefixes: dict[str, float] = {}
    negators: set[str] = set()
    intensifiers: dict[str, float] = {}
    for kind, term, value in entries:
        if kind == "neg":
            negators.add(term)
        elif kind == "int":
            intensifiers[term] = value
        elif term.endswith("*"):
            prefixes[term[:-1]] = value
        else:
            exact[term] = value
    return Lexicon(
        exact=exact,
        prefixes=prefixes,
        negators=frozenset(negators),
        intensifiers=intensifiers,
        contrasts=CONTRASTS.get(lang, frozenset()),
        max_prefix=max(map(len, prefixes), default=0),
        phrase_starts=frozenset(term.split(" ")[0] for term in exact if " " in term),
    )


def emoji_entries(entries: Iterable[tuple[str, str, float]]) -> dict[str, float]:
    """The emoji list keyed as the tokenizer sees emoji; emoticons keep their lower-cased text."""
    table: dict[str, float] = {}
    for _, term, value in entries:
        key = term if term[0].isascii() else emoji_key(term)
        table.setdefault(key, value)
    return table


def unknown_language_lexicon(lexicons: Mapping[str, Lexicon]) -> Lexicon:
    """For text in no known language: no polarity words (a word's sense depends on its language), and
    the negators that are negators wherever they occur, so negated words still read as negated."""
    negators = frozenset().union(*(lex.negators for lex in lexicons.values())) - _AMBIGUOUS_NEGATORS
    return Lexicon(exact={}, prefixes={}, negators=negators, intensifiers={}, contrasts=frozenset())


@dataclass(slots=True)
class Cue:
    """A polarity cue found in a text, after negation, intensifiers and contrast."""

    text: str
    value: float  # signed strength as written in the lexicon (-3 … 3), before negation
    position: int  # index among the text's words
    clause: int
    weight: float = 1.0  # intensifiers, capitals, contrast
    negated: bool = False
    emoji: bool = False

    @property
    def signed(self) -> float:
        return (-self.value if self.negated else self.value) * self.weight

    def describe(self) -> str:
        if self.emoji:
            return f"{self.text} ({'positive' if self.value > 0 else 'negative'} emoji)"
        polarity = "positive" if self.value > 0 else "negative"
        if self.negated:
            return f"'{self.text}' (negated {polarity})"
        if self.weight > 1.05:
            return f"'{self.text}' (intensified {polarity})"
        if self.weight < 0.95:
            return f"'{self.text}' (weakened {polarity})"
        return f"'{self.text}' ({polarity} word)"


@dataclass(slots=True)
class Reading:
    """A text as the model reads it: its sparse features (name → value) and the cues behind them."""

    features: dict[str, float]
    cues: list[Cue] = field(default_factory=list)
    words: list[str] = field(default_factory=list)


def read(
    text: str, lexicon: Lexicon, emoji: Mapping[str, float], *, lang: str | None = None, negation_after: bool = False
) -> Reading:
    """Tokens, cues and features of one text, read with one language's lexicon.

    Word features carry the language (``wfr:bon``): the same spelling means different things in
    different languages ("bad" is a bath in German, "gift" poison in Danish). Emoji, punctuation and
    the cue sums are shared by all languages."""
    text = unicodedata.normalize("NFC", text[:MAX_TEXT_CHARS])
    words: list[str] = []
    clause_of: list[int] = []
    caps: list[bool] = []
    negator_at: list[int] = []
    clause_end_after: set[int] = set()  # word positions followed by a clause break (or the end)
    cues: list[Cue] = []
    intensity: list[tuple[int, float]] = []
    contrast_at: list[tuple[int, int]] = []  # (clause, word position)
    clause = 0
    bangs = asks = 0
    features: dict[str, float] = {}
    role = lexicon.role
    if "http" in text or "www." in text or "@" in text:
        text = _NOISE.sub(" ", text)
    for token in _TOKEN.findall(text):
        first = token[0]
        if first.isalnum() or first == "_":
            lower = token.lower()
            position = len(words)
            words.append(lower)
            clause_of.append(clause)
            caps.append(len(token) > 2 and token.isupper())
            kind, value = role(lower)
            if kind:
                if kind == ROLE_CUE:
                    cues.append(Cue(token, value, position, clause))
                elif kind == ROLE_NEGATOR:
                    negator_at.append(position)
                elif kind == ROLE_CONTRAST:
                    contrast_at.append((clause, position))
                else:
                    intensity.append((position, lexicon.intensifiers[lower]))
                    if kind == ROLE_INTENSIFIER_CUE:
                        cues.append(Cue(token, value, position, clause))
        elif first == "!":
            bangs += 1
            clause_end_after.add(len(words) - 1)
            clause += 1
        elif first == "?":
            asks += 1
            clause_end_after.add(len(words) - 1)
            clause += 1
        elif first in _STOPS:
            clause_end_after.add(len(words) - 1)
            clause += 1
        elif len(token) > 1 or (first >= _EMOJI_FROM and first not in _EMOJI_PARTS):
            key = token.lower()
            features["t" + key] = features.get("t" + key, 0.0) + 1.0
            emoji_value = emoji.get(key)
            if emoji_value:
                cues.append(Cue(token, emoji_value, len(words), clause, emoji=True))
    clause_end_after.add(len(words) - 1)

    # two-word phrases of the lexicon ("ked af", "me gusta") replace the single-word cues they cover
    if lexicon.phrase_starts and len(words) > 1:
        for i in range(len(words) - 1):
            if words[i] not in lexicon.phrase_starts:
                continue
            phrase = words[i] + " " + words[i + 1]
            phrase_value = lexicon.exact.get(phrase)
            if phrase_value is not None and clause_of[i] == clause_of[i + 1]:
                cues = [c for c in cues if c.emoji or c.position not in (i, i + 1)]
                cues.append(Cue(phrase, phrase_value, i + 1, clause_of[i]))
        cues.sort(key=lambda c: (c.position, c.emoji))

    negated_words: set[int] = set()
    if negator_at:
        word_cues = [c for c in cues if not c.emoji]
        for n in negator_at:
            scope = [p for p in range(n + 1, min(n + 1 + NEGATION_SCOPE, len(words))) if clause_of[p] == clause_of[n]]
            negated_words.update(scope)
            ahead = [c for c in word_cues if c.position in scope and not c.negated]
            if ahead:
                ahead[0].negated = True
            elif negation_after and n in clause_end_after:
                behind = [
                    c
                    for c in word_cues
                    if n - NEGATION_SCOPE <= c.position < n and c.clause == clause_of[n] and not c.negated
                ]
                if behind:
                    behind[-1].negated = True
                    negated_words.add(behind[-1].position)
    for position, factor in intensity:
        for c in cues:
            if (
                not c.emoji
                and position < c.position <= position + INTENSIFIER_REACH
                and clause_of[position] == c.clause
            ):
                c.weight *= factor
                # a word that is both ("terribly", "verschrikkelijk") is an intensifier when it modifies a cue
                cues = [d for d in cues if d.emoji or d.position != position]
                break
    for c in cues:
        if not c.emoji and caps[c.position if c.position < len(caps) else -1]:
            c.weight *= CAPS_BOOST
    for contrast_clause, position in contrast_at:
        for c in cues:
            if c.position <= position and c.clause <= contrast_clause:
                c.weight *= CONTRAST_BEFORE
            elif c.position > position:
                c.weight *= CONTRAST_AFTER

    tag = "w" + (lang or "") + ":"
    for i, word in enumerate(words):
        name = ("~" + tag if i in negated_words else tag) + word
        features[name] = features.get(name, 0.0) + 1.0
    for c in cues:
        if c.emoji:
            name = "EP" if c.value > 0 else "EN"
            amount = abs(c.value) / 3
        else:
            name = ("n" if c.negated else "") + ("P" if c.value > 0 else "N")
            amount = abs(c.value) * c.weight / 3
        features[name] = features.get(name, 0.0) + amount
    if bangs:
        features["!"] = 1.0
    if asks:
        features["?"] = 1.0
    if words and sum(caps) * 2 > len(words):
        features["CAPS"] = 1.0
    features["bias"] = 1.0
    return Reading(features=features, cues=cues, words=words)
