"""Sentiment on posts written for these tests (not from any evaluation set), in several languages:
negation, intensifiers, emoji, neutral news, explanations, corrections and the shipped model file."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from voxpop.enrich.sentiment import STEP, VERSION, SentimentModel, SentimentResult, analyse_sentiment
from voxpop.enrich.sentiment.cues import LEXICON_DIR, LEXICON_LANGUAGES, read_lexicon_file
from voxpop.enrich.sentiment.model import MODEL_PATH, decode_model

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("This phone is not good.", "en"),
        ("Maden var ikke god.", "da"),
        ("Servicen var inte bra.", "sv"),
        ("Filmen var ikke god.", "nb"),
        ("Das Essen war nicht gut.", "de"),
        ("Le repas n'était pas bon.", "fr"),
        ("El servicio no es bueno.", "es"),
        ("Il servizio non è buono.", "it"),
        ("O serviço não é bom.", "pt"),
        ("Het eten was niet lekker en niet goed.", "nl"),
        ("Palvelu ei ollut hyvä.", "fi"),
    ],
)
def test_a_negated_positive_word_is_negative(text: str, lang: str) -> None:
    result = analyse_sentiment(text, lang)
    assert result.label == "negative", result
    assert any("negated positive" in reason for reason in result.reasons), result.reasons


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("I absolutely love the new update, great work!", "en"),
        ("Fantastisk service, tusind tak!", "da"),
        ("Jättebra app, jag älskar den!", "sv"),
        ("Utrolig god mat og hyggelig betjening.", "nb"),
        ("Ihana päivä, kiitos kaikille!", "fi"),
        ("Geweldig concert, echt genoten!", "nl"),
        ("Wirklich großartig, vielen Dank!", "de"),
        ("Vraiment génial, merci beaucoup !", "fr"),
        ("¡Me encanta, es increíble!", "es"),
        ("Bellissimo concerto, grazie mille!", "it"),
        ("Adorei o show, foi incrível!", "pt"),
    ],
)
def test_clear_praise_is_positive(text: str, lang: str) -> None:
    result = analyse_sentiment(text, lang)
    assert result.label == "positive", result
    assert result.score > 0.3 and result.reasons


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("The worst customer service I have ever had. Terrible.", "en"),
        ("Elendig kundeservice, jeg er så skuffet.", "da"),
        ("Usel kundtjänst, helt värdelös.", "sv"),
        ("Forferdelig dårlig opplevelse.", "nb"),
        ("Todella huono ja surkea palvelu.", "fi"),
        ("Waardeloze service, echt verschrikkelijk.", "nl"),
        ("Schrecklicher Service, total enttäuscht.", "de"),
        ("Service nul, je suis très déçu.", "fr"),
        ("Servicio pésimo, una estafa.", "es"),
        ("Servizio pessimo, che schifo.", "it"),
        ("Atendimento péssimo, que vergonha.", "pt"),
    ],
)
def test_clear_complaints_are_negative(text: str, lang: str) -> None:
    result = analyse_sentiment(text, lang)
    assert result.label == "negative", result
    assert result.score < -0.3 and result.reasons


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("The city council will meet on Tuesday at 10:00 to discuss the 2025 budget.", "en"),
        ("Kommunalbestyrelsen mødes tirsdag kl. 10 for at drøfte budgettet for 2025.", "da"),
        ("Kommunfullmäktige sammanträder på tisdag klockan 10 för att diskutera budgeten.", "sv"),
        ("Kommunestyret møtes tirsdag klokken 10 for å behandle budsjettet for 2025.", "nb"),
        ("Der Stadtrat tagt am Dienstag um 10 Uhr, um den Haushalt 2025 zu beraten.", "de"),
        ("Le conseil municipal se réunira mardi à 10 heures pour examiner le budget 2025.", "fr"),
        ("De gemeenteraad vergadert dinsdag om 10 uur over de begroting voor 2025.", "nl"),
    ],
)
def test_factual_news_is_neutral(text: str, lang: str) -> None:
    assert analyse_sentiment(text, lang).label == "neutral"


def test_an_intensifier_strengthens_and_a_diminisher_weakens() -> None:
    plain = analyse_sentiment("The food was good.", "en").score
    assert analyse_sentiment("The food was extremely good.", "en").score > plain
    assert analyse_sentiment("Maden var meget god.", "da").score > analyse_sentiment("Maden var god.", "da").score
    assert (
        analyse_sentiment("Das Essen war etwas gut.", "de").score < analyse_sentiment("Das Essen war gut.", "de").score
    )
    reasons = analyse_sentiment("The food was extremely good.", "en").reasons
    assert any("intensified positive" in r for r in reasons), reasons


def test_a_negator_after_the_verb_negates_it_in_german() -> None:
    result = analyse_sentiment("Ich mag es nicht.", "de")
    assert result.label == "negative" and "'mag' (negated positive)" in result.reasons


@pytest.mark.parametrize("lang", [None, "und", "ja"])
def test_emoji_only_posts_in_any_language(lang: str | None) -> None:
    angry = analyse_sentiment("😡😡", lang)
    happy = analyse_sentiment("😍🥰", lang)
    assert angry.label == "negative" and "😡 (negative emoji)" in angry.reasons
    assert happy.label == "positive" and any("positive emoji" in r for r in happy.reasons)


def test_emoticons_and_emoji_with_modifiers_are_read() -> None:
    assert analyse_sentiment("great day :)", "en").label == "positive"
    assert analyse_sentiment("👍🏽👍🏽", None).label == "positive"  # skin tone
    assert analyse_sentiment("❤️❤️", None).label == "positive"  # presentation selector


def test_unknown_language_ignores_polarity_words_but_keeps_punctuation_and_emoji() -> None:
    # "gift" is poison in Danish and a present in English: with no language, no word lexicon applies
    result = analyse_sentiment("gift gift gift", None)
    assert not any("word)" in r for r in result.reasons)
    assert analyse_sentiment("gift 🎉", None).label == "positive"


def test_result_shape() -> None:
    result = analyse_sentiment("Not bad, but the battery life is really terrible.", "en")
    assert isinstance(result, SentimentResult)
    assert result.label in {"positive", "neutral", "negative"}
    assert -1.0 <= result.score <= 1.0 and 0.0 <= result.confidence <= 1.0
    assert result.label == "negative"
    assert any("terrible" in r for r in result.reasons)
    assert STEP == "sentiment" and VERSION == "1.0.0"


def test_neutral_result_says_why() -> None:
    result = analyse_sentiment("Kommunestyret møtes tirsdag.", "nb")
    assert result.label == "neutral" and result.reasons


def test_analyse_many_matches_analyse_one_by_one() -> None:
    model = SentimentModel.default()
    items: list[tuple[str, str | None]] = [("love it", "en"), ("ikke god", "da"), ("😡", None), ("", None)]
    assert model.analyse_many(items) == [model.analyse(t, lang) for t, lang in items]
    assert model.analyse("", None).label == "neutral"


def test_same_text_same_answer_across_processes() -> None:
    items = [["Ce n'est pas bon du tout 😡", "fr"], ["Riktigt bra!", "sv"], ["meh", None]]
    here = [list(map(str, [r.label, r.score, r.reasons])) for r in (analyse_sentiment(t, lg) for t, lg in items)]
    script = (
        "import json, sys; from voxpop.enrich.sentiment import analyse_sentiment as a; "
        "print(json.dumps([list(map(str, [r.label, r.score, r.reasons])) "
        "for r in (a(t, l) for t, l in json.loads(sys.stdin.read()))]))"
    )
    out = subprocess.run(
        [sys.executable, "-c", script],
        input=json.dumps(items),
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONHASHSEED": "4321"},
        cwd=ROOT,
        check=True,
    )
    assert json.loads(out.stdout) == here


def test_a_correction_changes_an_unseen_mention_with_the_same_cue() -> None:
    base = SentimentModel.default()
    unseen = "That new Fjordlys jacket is sick, everyone wants one."
    assert base.analyse(unseen, "en").label == "negative"  # VADER's "sick" is negative

    corrected = base.with_corrections([("Honestly the Fjordlys drop this week is sick", "en", "positive")])
    after = corrected.analyse(unseen, "en")
    assert after.label == "positive", after
    assert "'sick' (learned from corrections)" in after.reasons
    # the base model is untouched, and an unrelated complaint stays negative
    assert base.analyse(unseen, "en").label == "negative"
    assert corrected.analyse("The delivery was late and the box was broken.", "en").label == "negative"


def test_corrections_work_in_a_language_with_no_training_data() -> None:
    base = SentimentModel.default()
    unseen = "Kundeservicen hos Fjordlys er helt vild, de ringede tilbage på fem minutter."
    before = base.analyse(unseen, "da")
    corrected = base.with_corrections([("Fjordlys er helt vild med nye priser", "da", "positive")])
    assert corrected.analyse(unseen, "da").score > before.score
    assert corrected.analyse(unseen, "da").label == "positive"


def test_corrections_reject_unknown_labels_and_scale_to_thousands() -> None:
    model = SentimentModel.default()
    with pytest.raises(ValueError, match="unknown sentiment label"):
        model.with_corrections([("text", "en", "angry")])
    many = [
        (f"post number {i} about product{i % 50} is meh", "en", ("positive", "negative")[i % 2]) for i in range(3000)
    ]
    corrected = model.with_corrections(many)
    assert corrected.analyse("completely unrelated praise: wonderful!", "en").label == "positive"


def test_the_shipped_model_is_small_and_versioned() -> None:
    assert MODEL_PATH.stat().st_size < 2_000_000
    assert SentimentModel.default().version == VERSION


def test_the_shipped_model_holds_the_committed_lexicons() -> None:
    """The lexicon files are training inputs: a model built before they were edited is stale."""
    document = decode_model(MODEL_PATH.read_bytes())
    compiled = document["lexicons"]
    assert isinstance(compiled, dict)
    for lang in LEXICON_LANGUAGES:
        written = [list(e) for e in read_lexicon_file(LEXICON_DIR / f"{lang}.tsv")]
        if lang == "en":  # English adds VADER's words after its own entries
            assert compiled[lang][: len(written)] == written
        else:
            assert compiled[lang] == written, f"{lang}.tsv changed since the model was built"


def _shared_sentiment_data() -> Path | None:
    base = Path(os.environ.get("VOXPOP_SHARED_DATA") or ROOT.parent / "shared" / "data")
    return base / "sentiment" if (base / "sentiment" / "xlm-t").is_dir() else None


def test_training_script_reproduces_the_shipped_model() -> None:
    if _shared_sentiment_data() is None:
        pytest.skip("XLM-T training data not found at ../shared/data/sentiment")
    for module in ("numpy", "vaderSentiment"):
        if importlib.util.find_spec(module) is None:
            pytest.skip(f"{module} not installed (pip install -e '.[sentiment]')")
    out = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "train_sentiment.py"), "--check"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert out.returncode == 0, out.stdout + out.stderr
    assert "byte for byte" in out.stdout
