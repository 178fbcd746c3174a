"""Topics: stop words in several languages, keywords, themes and emerging terms."""

from __future__ import annotations

import random

from voxpop.enrich.language import SUPPORTED_LANGUAGES
from voxpop.enrich.topics import binomial_upper_log10, emerging_terms, keywords, stop_words, terms, themes


def test_every_supported_language_has_stop_words() -> None:
    for lang in SUPPORTED_LANGUAGES:
        assert len(stop_words(lang)) >= 30, lang
    assert {"og", "ikkje", "eg"} <= stop_words("nn")
    assert {"og", "að", "ekki"} <= stop_words("is")
    assert stop_words("no") == stop_words("nb")
    assert stop_words(None) >= stop_words("fi") | stop_words("pt")


def test_stop_words_are_removed_in_several_languages() -> None:
    assert terms("Jeg har det ikke godt med kaffen fra NordBrew", lang="da", phrases=False) == {"kaffen", "nordbrew"}
    german = terms("Ich habe den Kaffee von NordBrew nicht gemocht", lang="de")
    assert "nordbrew" in german and not {"ich", "habe", "den", "von", "nicht"} & german
    assert not {"je", "le", "de", "pas"} & terms("Je ne bois pas le café de NordBrew", lang="fr")
    assert not {"och", "det", "inte"} & terms("Kaffet och det var inte gott", lang="sv")


def test_terms_keep_hashtags_and_phrases_and_drop_links_and_numbers() -> None:
    found = terms("Cold brew launch #NordBrew 2026 https://nordbrew.example/launch @press", lang="en")
    assert "#nordbrew" in found and "cold brew" in found
    assert not any("http" in t or "2026" in t or "press" in t for t in found)


def test_keywords_rank_by_mentions_not_by_repetition() -> None:
    texts = ["NordBrew cold brew is great", "cold brew from NordBrew again", "spam spam spam spam spam",
             "NordBrew delivery was late"]
    found = keywords(texts, lang="en", top=5)
    assert found[0].term == "nordbrew" and found[0].count == 3
    assert "spam" not in [k.term for k in found]  # one mention, however often it repeats the word
    assert "cold brew" in [k.term for k in found] and "cold" not in [k.term for k in found]


def test_keywords_against_a_background_sink_words_common_everywhere() -> None:
    from voxpop.enrich.topics import document_frequencies
    background = document_frequencies([f"coffee shop number {i} opens" for i in range(200)], lang="en")
    texts = [["coffee recall at NordBrew", "NordBrew announces a recall", "recall: is my coffee safe? NordBrew"][i % 3]
             for i in range(21)]
    found = [k.term for k in keywords(texts, lang="en", background=background)]
    assert "recall" in found and "nordbrew" in found
    assert "coffee" not in found


def test_themes_group_terms_that_occur_together() -> None:
    texts = ["NordBrew delivery late again"] * 6 + ["NordBrew cold brew tastes great"] * 5
    found = themes(texts, lang="en")
    delivery = next(t for t in found if "delivery" in t.terms or "delivery late" in t.terms)
    assert delivery.count == 6
    assert not {"tastes", "tastes great", "cold brew"} & set(delivery.terms)


def test_emerging_term_is_found_in_a_rising_series_and_a_stable_term_is_not() -> None:
    rnd = random.Random(4)
    filler = ["coffee", "morning", "office", "weekend", "music", "train"]

    def day(n: int, extra: str | None, share: float) -> list[str]:
        return [" ".join(rnd.sample(filler, 3)) + (f" {extra}" if extra and rnd.random() < share else "")
                + " nordbrew" * (rnd.random() < 0.2) for _ in range(n)]

    baseline = day(600, "outage", 0.005)
    recent = day(100, "outage", 0.15)
    found = {e.term: e for e in emerging_terms(recent, baseline, lang="en")}
    assert "outage" in found
    assert found["outage"].lift > 5 and found["outage"].score >= 3
    assert "nordbrew" not in found and "coffee" not in found  # stable at about 20 % and 50 %


def test_small_counts_are_not_called_emerging() -> None:
    recent = ["new flavour launch"] * 2 + ["plain post"] * 8
    baseline = ["plain post"] * 10
    assert emerging_terms(recent, baseline, lang="en") == []  # 2 mentions: below min_recent
    assert emerging_terms(recent, baseline, lang="en", min_recent=2, min_score=3.0) == []  # p ≈ 0.25


def test_binomial_tail_matches_a_direct_sum() -> None:
    from math import comb, log10
    for y, k, p in [(3, 3, 0.5), (5, 20, 0.1), (40, 60, 0.3)]:
        direct = sum(comb(k, i) * p**i * (1 - p) ** (k - i) for i in range(y, k + 1))
        assert abs(binomial_upper_log10(y, k, p) - log10(direct)) < 1e-9
    assert binomial_upper_log10(900, 1000, 0.1) < -300  # far below float range, still finite
