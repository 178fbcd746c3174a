"""The intent classifier: one post per intent in every enrichment language (sentences written for this
test, not taken from the check set), the cues it gives as reasons, phrases over words, and what
corrections teach it."""

from __future__ import annotations

import pytest

from voxpop.route.intent import LANGUAGES, IntentError, IntentModel, check_label, classify, lexicon, tokens

# (language, intent, text): one clear post per intent and language
POSTS = [
    ("en", "complaint", "Still waiting for my refund, the app is broken again"),
    ("en", "hr", "Great news, we're hiring two warehouse workers, apply by Friday"),
    ("da", "complaint", "Min vaskemaskine virker ikke og kundeservice svarer ikke"),
    ("da", "sales", "Hvad koster jeres erhvervsabonnement for ti brugere?"),
    ("sv", "hr", "Facket varslar strejk på lagret i Göteborg"),
    ("sv", "feedback", "Önskar att appen hade mörkt läge, vore bra"),
    ("nb", "press", "Journalist i VG her, vi søker berørte kunder som vil snakke med oss"),
    ("nb", "complaint", "Pakken er fortsatt ikke mottatt, kundeservice svarer ikke"),
    ("fi", "complaint", "Tilaus on myöhässä ja asiakaspalvelu ei vastaa"),
    ("fi", "sales", "Paljonko maksaa vuoden lisenssi yritykselle?"),
    ("de", "press", "Laut Pressemitteilung steigt der Umsatz im dritten Quartal"),
    ("de", "hr", "Wir suchen neue Mitarbeiter, jetzt bewerben"),
    ("fr", "feedback", "Ce serait bien d'ajouter un mode sombre dans la nouvelle version"),
    ("fr", "sales", "Bonjour, je voudrais un devis pour vingt licences"),
    ("es", "complaint", "Mi pedido no ha llegado y nadie responde en atención al cliente"),
    ("es", "hr", "Huelga de los trabajadores por las condiciones laborales"),
    ("it", "sales", "Quanto costa l'abbonamento premium per la mia azienda?"),
    ("it", "press", "Comunicato stampa: fatturato in crescita nel trimestre"),
    ("nl", "complaint", "Mijn bestelling is nog steeds niet aangekomen, klantenservice reageert niet"),
    ("nl", "hr", "Vacature: wij zoeken een nieuwe collega voor ons magazijn"),
    ("pt", "feedback", "Seria ótimo se adicionassem modo escuro, sugestão para a nova versão"),
    ("pt", "complaint", "Não recebi minha encomenda e ninguém responde no atendimento"),
]


@pytest.mark.parametrize(("lang", "intent", "text"), POSTS, ids=[f"{p[0]}-{p[1]}" for p in POSTS])
def test_a_clear_post_gets_its_intent_with_the_cues_that_decided(lang: str, intent: str, text: str) -> None:
    result = classify(text, lang)
    assert result.label == intent, result.reasons
    assert f"({intent})" in result.reasons[0]  # the first reason is a cue of the chosen intent


def test_plain_chatter_goes_nowhere_and_says_so() -> None:
    for text, lang in [("What a lovely sunny morning in the park", "en"), ("God weekend allesammen", "da"),
                       ("Ich gehe heute Abend ins Kino", "de")]:
        result = classify(text, lang)
        assert result.label == "none" and result.reasons == ["no intent cue"]


def test_every_language_has_cues_for_every_intent_and_they_parse() -> None:
    for lang in LANGUAGES:
        found = lexicon(lang)
        labels = {cue.label for cues in (*found.exact.values(), *found.prefixes.values()) for cue in cues}
        assert labels == {"complaint", "feedback", "hr", "sales", "press"}, lang


def test_a_phrase_replaces_the_words_inside_it() -> None:
    # 'job interview' (hr) covers 'interview' (press); 'rappelez-moi' (sales) is not 'rappel' (press)
    assert classify("Got a job interview at the Lumora office tomorrow", "en").label == "hr"
    assert classify("Rappelez-moi pour un devis", "fr").label == "sales"
    assert tokens("It’s BROKEN — can't log-in") == ["it's", "broken", "can't", "log", "in"]


def test_an_unknown_language_reads_every_cue_list() -> None:
    assert classify("Min pakke er aldrig kommet, kundeservice svarer ikke", None).label == "complaint"
    assert classify("Min pakke er aldrig kommet, kundeservice svarer ikke", "und").label == "complaint"


def test_a_corrected_cue_moves_unseen_posts_from_the_first_correction() -> None:
    unseen = "The price went up again, third time this year"
    assert classify(unseen, "en").label == "sales"
    model = IntentModel(corrections=[("Why did the price of my plan double overnight", "en", "complaint")])
    result = model.classify(unseen, "en")
    assert result.label == "complaint"
    assert any(r.startswith("learned 'price") and "→ complaint (1 correction)" in r for r in result.reasons)


def test_a_new_word_needs_two_corrections_before_it_routes_on_its_own() -> None:
    unseen = "Anyone else with a grillpakke from the summer sale?"
    first = [("Where do I return the grillpakke I got yesterday", "en", "complaint")]
    assert IntentModel(corrections=first).classify("Grillpakke arrived today", "en").label == "none"
    both = [*first, ("The grillpakke lid came off on day one", "en", "complaint")]
    assert IntentModel(corrections=both).classify("Grillpakke arrived today", "en").label == "complaint"
    assert IntentModel(corrections=both).classify(unseen, "en").label == "complaint"  # over the weak cue "sale"


def test_the_exact_corrected_text_gets_its_label_and_none_is_learned_too() -> None:
    text = "How much does the premium plan cost?"
    model = IntentModel(corrections=[(text, "en", "none")])
    result = model.classify(text, "en")
    assert result.label == "none" and result.reasons[0] == "this text was corrected to none"
    assert classify(text, "en").label == "sales"


def test_common_words_are_never_learned() -> None:
    model = IntentModel(corrections=[("this would have been really nice", "en", "feedback")] * 3)
    assert not [f for f in model.learned if f.startswith("w:en:") and f[5:] in {"this", "would", "have", "been",
                                                                                 "really"}]


def test_unknown_labels_are_refused() -> None:
    assert check_label(" Sales ") == "sales"
    with pytest.raises(IntentError, match="unknown intent"):
        check_label("gossip")
    with pytest.raises(IntentError):
        IntentModel(corrections=[("text", "en", "gossip")])
