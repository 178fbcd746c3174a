"""Language identification on sentences written for these tests (not from any evaluation set)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from voxpop.enrich import LanguageResult, detect_language, detect_language_in_context
from voxpop.enrich.language import (
    MODEL_PATH,
    STEP,
    SUPPORTED_LANGUAGES,
    VERSION,
    Detector,
    decode_model,
    default_detector,
    encode_model,
    explain_language,
)

ROOT = Path(__file__).resolve().parents[2]

# The same two posts in Danish, Bokmål, Nynorsk and Swedish: the hard neighbours.
SCANDINAVIAN = {
    "da": [
        "Vi har lige fået en ny kaffemaskine på kontoret, og den laver virkelig god kaffe.",
        "Kundeservice svarede hurtigt, men pakken er stadig ikke kommet frem efter to uger.",
    ],
    "nb": [
        "Vi har nettopp fått en ny kaffemaskin på kontoret, og den lager veldig god kaffe.",
        "Kundeservice svarte raskt, men pakken har fortsatt ikke kommet frem etter to uker.",
    ],
    "nn": [
        "Vi har nettopp fått ein ny kaffimaskin på kontoret, og han lagar verkeleg god kaffi.",
        "Kundeservice svarte raskt, men pakken har framleis ikkje kome fram etter to veker.",
    ],
    "sv": [
        "Vi har precis fått en ny kaffebryggare på kontoret, och den gör riktigt gott kaffe.",
        "Kundtjänst svarade snabbt, men paketet har fortfarande inte kommit fram efter två veckor.",
    ],
}

OTHERS = {
    "en": "The new update drained my battery overnight and the support team never answered.",
    "de": "Das neue Update hat meinen Akku über Nacht leer gesaugt, und der Support antwortet nicht.",
    "fi": "Uusi päivitys tyhjensi akkuni yön aikana, enkä ole saanut asiakaspalvelusta vastausta.",
    "fr": "La nouvelle mise à jour a vidé ma batterie pendant la nuit et le service client ne répond pas.",
    "es": "La nueva actualización me vació la batería durante la noche y nadie del soporte contesta.",
    "pl": "Nowa aktualizacja rozładowała mi baterię w nocy, a obsługa klienta w ogóle nie odpowiada.",
    "ru": "Новое обновление за ночь разрядило мне батарею, а поддержка так и не ответила.",
    "nl": "De nieuwe update heeft mijn batterij 's nachts leeggetrokken en de klantenservice reageert niet.",
    "it": "Il nuovo aggiornamento mi ha scaricato la batteria durante la notte e l'assistenza non risponde.",
    "pt": "A nova atualização descarregou a minha bateria durante a noite e o apoio ao cliente não responde.",
    "tr": "Yeni güncelleme gece boyunca pilimi bitirdi ve müşteri hizmetleri hâlâ cevap vermedi.",
    "is": "Nýja uppfærslan tæmdi rafhlöðuna mína yfir nóttina og þjónustuverið svarar ekki.",
}


@pytest.mark.parametrize(("code", "text"), [(c, t) for c, ts in SCANDINAVIAN.items() for t in ts])
def test_danish_bokmal_nynorsk_and_swedish_are_told_apart(code: str, text: str) -> None:
    result = detect_language(text)
    assert result.code == code
    assert result.confidence > 0.5


@pytest.mark.parametrize(("code", "text"), sorted(OTHERS.items()))
def test_clear_sentences_in_other_languages(code: str, text: str) -> None:
    assert detect_language(text).code == code


def test_result_is_a_code_and_a_confidence_between_0_and_1() -> None:
    code, confidence = detect_language(OTHERS["en"])
    assert (code, isinstance(confidence, float)) == ("en", True)
    assert 0.0 <= confidence <= 1.0
    assert isinstance(detect_language("hej"), LanguageResult)


NOTHING_TO_JUDGE = [
    "",
    "   \n\t",
    "😀🎉👍🔥",
    "https://example.com/product?id=42",
    "www.example.org",
    "12 345 67,89 %",
    "@voxpop #launch 2026",
    "kontakt@example.com",
    "这是中文",
    "ελληνικά γράμματα",
]


@pytest.mark.parametrize("text", NOTHING_TO_JUDGE)
def test_undetermined_when_there_is_nothing_to_judge(text: str) -> None:
    assert detect_language(text) == LanguageResult("und", 0.0)


def test_urls_and_emoji_are_ignored_around_real_words() -> None:
    text = "Endelig kom pakken 🎉 https://example.com/track/123 tusind tak for hjælpen"
    assert detect_language(text).code == "da"


def test_too_ambiguous_is_undetermined_unless_asked_for_a_forced_choice() -> None:
    ambiguous = "i dag"  # the same in Danish, Bokmål, Nynorsk and Swedish
    assert detect_language(ambiguous, min_confidence=0.99).code == "und"
    assert detect_language(ambiguous, min_confidence=0.0).code in {"da", "nb", "nn", "sv"}


def test_candidates_restrict_the_answer() -> None:
    nynorsk = SCANDINAVIAN["nn"][1]
    assert detect_language(nynorsk, candidates=["da", "sv"]).code in {"da", "sv"}
    assert detect_language(nynorsk, candidates=["nb", "nn"]).code == "nn"
    only = detect_language(OTHERS["de"], candidates=["de"])
    assert only == LanguageResult("de", 1.0)


def test_text_in_a_script_no_candidate_uses_is_undetermined() -> None:
    assert detect_language(OTHERS["ru"], candidates=["en", "de"]).code == "und"
    assert detect_language(OTHERS["en"], candidates=["ru"]).code == "und"


def test_an_unknown_candidate_is_refused() -> None:
    with pytest.raises(ValueError, match="unsupported language 'xx'"):
        detect_language("hello", candidates=["en", "xx"])


def test_default_candidates_are_every_supported_language() -> None:
    assert set(SUPPORTED_LANGUAGES) == set(default_detector().model.languages)
    assert len(SUPPORTED_LANGUAGES) == 20


def test_a_short_line_follows_its_document() -> None:
    line = "Takk for sist!"  # Bokmål and Nynorsk alike
    document = [
        "Eg var på konsert i går, og det var den beste kvelden eg har hatt på lenge.",
        line,
        "Vi snakkast i morgon, eg må heim og sova no.",
    ]
    alone = detect_language(line, min_confidence=0.0)
    in_context = detect_language_in_context(document)
    assert [r.code for r in in_context] == ["nn", "nn", "nn"]
    assert in_context[1].confidence > alone.confidence or alone.code != "nn"


def test_a_long_line_in_another_language_keeps_its_own_language() -> None:
    document = [SCANDINAVIAN["da"][0], OTHERS["en"], SCANDINAVIAN["da"][1], "😀"]
    codes = [r.code for r in detect_language_in_context(document)]
    assert codes == ["da", "en", "da", "und"]


def test_context_respects_candidates_and_a_single_line_is_judged_alone() -> None:
    [alone] = detect_language_in_context([SCANDINAVIAN["sv"][0]], candidates=["sv", "da"])
    assert alone == detect_language(SCANDINAVIAN["sv"][0], candidates=["sv", "da"])
    assert detect_language_in_context([]) == []


def test_explanation_names_the_features_that_decided() -> None:
    explained = explain_language(SCANDINAVIAN["nn"][1])
    assert explained["result"].code == "nn"  # type: ignore[attr-defined]
    features = explained["features"]
    assert isinstance(features, list) and features
    assert all(item["nats"] >= 0 for item in features)


def test_step_name_and_version_are_recorded_in_the_model() -> None:
    assert STEP == "language"
    assert default_detector().model.version == VERSION


def test_the_shipped_model_is_small() -> None:
    assert MODEL_PATH.stat().st_size < 4_000_000


def test_same_text_same_answer_across_processes() -> None:
    texts = [t for ts in SCANDINAVIAN.values() for t in ts] + ["i dag", "kva", "ok"]
    here = [list(detect_language(t)) for t in texts]
    assert here == [list(detect_language(t)) for t in texts]
    script = (
        "import json, sys; from voxpop.enrich import detect_language; "
        "print(json.dumps([list(detect_language(t)) for t in json.loads(sys.stdin.read())]))"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    out = subprocess.run(
        [sys.executable, "-c", script],
        input=json.dumps(texts),
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        check=True,
    )
    assert json.loads(out.stdout) == here


def test_model_file_round_trips_a_hand_made_model() -> None:
    # two made-up languages: "aa" likes the n-gram " xy", "bb" likes "zzz"
    costs = {b" xy": bytes([0, 200]), b"zzz": bytes([200, 0]), b"\x00xyxy": bytes([0, 50])}
    blob = encode_model(["aa", "bb"], costs, [0, 0], 10.0, "test", {"note": "hand-made"})
    model = decode_model(blob)
    assert model.languages == ("aa", "bb") and model.meta == {"note": "hand-made"}
    detector = Detector(model)
    assert detector.detect("xyxy", min_confidence=0.0).code == "aa"
    assert detector.detect("zzzz", min_confidence=0.0).code == "bb"
    assert detector.detect("qqq").code == "und"  # no known feature
