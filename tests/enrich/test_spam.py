"""The spam step: per-mention signals and the cross-mention ones kept in a SpamContext."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from voxpop.enrich.spam import STEP, VERSION, SpamContext, SpamResult, spam_score

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)


def test_step_name_and_version() -> None:
    assert (STEP, VERSION) == ("spam", "1.0.0")


@pytest.mark.parametrize("text", [
    "🚀 Bitcoin GIVEAWAY! Send 0.1 BTC and get 0.2 BTC back. Limited time! https://btc-double.example",
    "Gratis bitcoin til alle! Send 0,05 BTC og vi fordobler det – kun i dag https://x.example",
    "Gewinnspiel: Sie haben gewonnen! Verdoppeln Sie Ihre Bitcoin, nur heute https://x.example",
    "Vous avez gagné un iPhone ! Cliquez ici pour votre airdrop crypto https://x.example",
    "¡Has ganado! Gana dinero con cripto hoy mismo, date prisa https://x.example",
    "Du har vunnit! Tjäna pengar på krypto, skynda https://x.example",
])
def test_crypto_giveaways_in_several_languages(text: str) -> None:
    result = spam_score(text)
    assert result.is_spam, result
    assert any("crypto" in reason for reason in result.reasons)


def test_pharma_and_adult_spam() -> None:
    assert spam_score("Buy viagra without prescription, cheap meds https://pharm.example").is_spam
    assert spam_score("Hot singles in your area, sex chat now https://x.example").is_spam


def test_link_farm() -> None:
    text = "Great deals https://a.example/1 https://b.example/2 https://c.example/3 https://d.example/4"
    result = spam_score(text)
    assert result.is_spam
    assert result.reasons[0].startswith("link farm")
    links = [f"https://site{i}.example/" for i in range(5)]
    assert spam_score("See these", links=links).is_spam


def test_keyword_and_hashtag_stuffing() -> None:
    assert "keyword stuffing" in spam_score("best shoes best shoes cheap shoes buy shoes shoes sale shoes").reasons[0]
    tags = spam_score("Sale #shoes #sneakers #nike #adidas #cheap #deal #sale #fashion")
    assert tags.is_spam and tags.reasons[0].startswith("hashtag stuffing")


def test_ordinary_posts_and_articles_are_not_spam() -> None:
    complaint = ("My order from @Zalando still hasn't arrived after two weeks and support won't answer. "
                 "https://zalando.dk/help")
    assert spam_score(complaint) == SpamResult(0.0, False, [])
    news = ("Nationalbanken hævede torsdag renten med 0,25 procentpoint. Beslutningen kommer efter, at inflationen "
            "i oktober steg til 4,1 procent. Samtidig faldt kursen på bitcoin med 3 procent, mens aktiemarkedet "
            "var stort set uændret. Økonomer havde ventet beslutningen.")
    result = spam_score(news)
    assert not result.is_spam and result.score < 0.5
    assert not spam_score("Min varmepumpe er gået i stykker igen, og montøren kan først komme om tre uger.").reasons


def test_the_same_text_from_ten_authors() -> None:
    context = SpamContext()
    text = "Wow this product changed my life, you have to check it out now"
    results = [spam_score(f"{text} @friend{i}", author=f"user{i}", published_at=NOW + timedelta(minutes=i),
                          context=context) for i in range(10)]
    assert not results[0].is_spam
    assert results[-1].is_spam
    assert results[-1].reasons == ["repeated text: the same text from 10 authors"]
    assert context.authors_of(text) == 10
    # one author repeating themself is not "many authors"
    solo = SpamContext()
    for i in range(10):
        last = spam_score(text, author="same", published_at=NOW + timedelta(hours=i * 7), context=solo)
    assert not any("repeated text" in r for r in last.reasons)


def test_copies_outside_the_window_start_a_new_count() -> None:
    context = SpamContext(window=timedelta(hours=1))
    text = "Exactly the same words posted again and again by different accounts"
    for i in range(5):
        context.observe(text, author=f"a{i}", published_at=NOW)
    assert context.authors_of(text) == 5
    later = spam_score(text, author="late", published_at=NOW + timedelta(days=1), context=context)
    assert context.authors_of(text) == 1
    assert not later.is_spam


def test_bot_cadence() -> None:
    context = SpamContext()
    result = SpamResult(0.0, False, [])
    for i in range(8):
        result = spam_score(f"Automatic weather update number {i} for the city", author="bot",
                            published_at=NOW + timedelta(seconds=300 * i), context=context)
    assert result.is_spam
    assert result.reasons[0].startswith("bot-like cadence")
    human = SpamContext()
    gaps = [0, 340, 2900, 3100, 9000, 9420, 20000, 26000]
    for i, gap in enumerate(gaps):
        result = spam_score(f"Just a normal post number {i}", author="human", published_at=NOW + timedelta(seconds=gap),
                            context=human)
    assert not result.reasons


def test_rebuilding_does_not_count_a_mention_twice() -> None:
    context = SpamContext()
    for i in range(6):
        context.observe("Scheduled post", author="bot", published_at=NOW + timedelta(seconds=60 * i))
        context.observe("Scheduled post", author="bot", published_at=NOW + timedelta(seconds=60 * i))
    again = spam_score("Scheduled post", author="bot", published_at=NOW + timedelta(seconds=300), context=context)
    assert again.reasons[0].startswith("bot-like cadence: 6 posts")


def test_context_memory_is_bounded() -> None:
    context = SpamContext(max_texts=100, max_authors=50)
    for i in range(1_000):
        context.observe(f"distinct text number {i} with enough words", author=f"user{i}",
                        published_at=NOW + timedelta(seconds=i))
    assert len(context) == 100
    assert len(context._times) == 50
