"""Duplicates and syndication: exact, near and translated copies grouped; different articles and
short posts kept apart; the window bounded; signatures round-trip."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from voxpop.enrich.duplicates import BANDS, STEP, VERSION, ClusterAssignment, DuplicateIndex

ARTICLE = (
    "Nordic brewer NordBrew will close its plant in Aarhus by March 2027, the company said on Tuesday. "
    "About 340 of the 1,150 employees will lose their jobs, according to chief executive Mette Lindqvist. "
    "Production moves to the newer plant in Malmö, which opened in 2019 and was extended last year. "
    "The union 3F called the decision a betrayal of a town that has brewed coffee for a century.\n\n"
    "NordBrew's shares rose 4.2 percent in Copenhagen after the announcement. Analysts at Danske Bank "
    "expect savings of 120 million kroner a year from 2028 onward."
)
# The same news article, translated (Danish and Italian), with its numbers and names.
DANISH = (
    "Den nordiske kaffeproducent NordBrew lukker sin fabrik i Aarhus inden marts 2027, oplyste selskabet tirsdag. "
    "Omkring 340 af de 1.150 ansatte mister deres job, siger administrerende direktør Mette Lindqvist. "
    "Produktionen flyttes til den nyere fabrik i Malmö, som åbnede i 2019 og blev udvidet sidste år. "
    "Fagforbundet 3F kalder beslutningen et svigt over for en by, der har brygget kaffe i hundrede år.\n\n"
    "NordBrews aktie steg 4,2 procent i København efter meddelelsen. Analytikere i Danske Bank "
    "forventer besparelser på 120 millioner kroner om året fra 2028."
)
ITALIAN = (
    "Il produttore nordico NordBrew chiuderà lo stabilimento di Aarhus entro marzo 2027, ha comunicato martedì "
    "l'azienda. Circa 340 dei 1.150 dipendenti perderanno il lavoro, secondo l'amministratrice delegata Mette "
    "Lindqvist. La produzione si sposta nel più recente stabilimento di Malmö, aperto nel 2019 e ampliato l'anno "
    "scorso. Il sindacato 3F ha definito la decisione un tradimento verso una città che produce caffè da un secolo."
    "\n\nLe azioni di NordBrew sono salite del 4,2 per cento a Copenaghen dopo l'annuncio. Gli analisti di Danske "
    "Bank prevedono risparmi di 120 milioni di corone all'anno dal 2028."
)
# A different article on the same topic (a plant closing), sharing the brand but not the story.
OTHER_SAME_TOPIC = (
    "NordBrew opens a new roastery in Tampere in September, creating 85 jobs, the company announced. "
    "Plant manager Jukka Virtanen said the site will roast beans for Finland and the Baltic states. "
    "The investment of 40 million euros is the largest in the group's history in Finland.\n\n"
    "Local officials in Pirkanmaa welcomed the plan, which was approved by the city council in May."
)
ITALIAN_OTHER = (
    "NordBrew apre una nuova torrefazione a Tampere a settembre, creando 85 posti di lavoro, ha annunciato "
    "l'azienda. Il direttore Jukka Virtanen ha detto che il sito tosterà caffè per la Finlandia e i paesi baltici. "
    "L'investimento di 40 milioni di euro è il più grande nella storia del gruppo in Finlandia.\n\n"
    "Le autorità locali del Pirkanmaa hanno accolto il piano, approvato dal consiglio comunale a maggio."
)

T0 = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)


def test_step_and_version_are_named() -> None:
    assert STEP == "duplicates" and VERSION == "1.0.0"


def test_first_mention_is_an_original_and_its_own_canonical() -> None:
    index = DuplicateIndex()
    found = index.add(10, ARTICLE, lang="en", published_at=T0)
    assert found == ClusterAssignment(10, 10, "original", 1.0, [])


def test_exact_duplicate_ignores_case_spacing_punctuation_and_links() -> None:
    index = DuplicateIndex()
    index.add(1, "Win a FREE year of coffee!! Enter now at https://nordbrew.example/win", lang="en")
    found = index.add(2, "win a free year   of coffee. enter now at https://other.example/?utm=x", lang="en")
    assert (found.kind, found.cluster_id, found.canonical_id, found.similarity) == ("exact", 1, 1, 1.0)
    assert found.reasons


def test_near_duplicate_with_a_sentence_changed() -> None:
    index = DuplicateIndex()
    index.add(1, ARTICLE, lang="en")
    changed = "The union 3F called the decision a betrayal of a town that has brewed coffee for a century."
    edited = ARTICLE.replace(changed, "Local politicians said they had not been warned before the announcement.")
    found = index.add(2, edited, lang="en")
    assert found.kind == "near" and found.cluster_id == 1
    assert 0.5 <= found.similarity < 1.0
    assert "shingles" in found.reasons[0]


def test_danish_and_italian_translations_of_one_article_are_grouped() -> None:
    index = DuplicateIndex()
    index.add(1, DANISH, lang="da", published_at=T0)
    found = index.add(2, ITALIAN, lang="it", published_at=T0 + timedelta(hours=2))
    assert found.kind == "translation" and found.cluster_id == 1 and found.canonical_id == 1
    assert "1150" not in found.reasons[0] and "2027" in found.reasons[0] and "lindq" in found.reasons[0]
    assert "da → it" in found.reasons[0]


def test_a_translation_needs_known_languages() -> None:
    index = DuplicateIndex()
    index.add(1, DANISH, lang="und")
    assert index.add(2, ITALIAN, lang="it").kind == "original"
    assert index.add(3, DANISH.replace("tirsdag", "onsdag"), lang=None).kind == "near"  # near needs no language


def test_different_articles_on_the_same_topic_are_not_grouped() -> None:
    index = DuplicateIndex()
    index.add(1, ARTICLE, lang="en")
    index.add(2, DANISH, lang="da")
    assert index.add(3, OTHER_SAME_TOPIC, lang="en").kind == "original"
    assert index.add(4, ITALIAN_OTHER, lang="it").cluster_id == 3  # its own translation, not the closing story


def test_short_posts_are_only_grouped_when_exactly_equal() -> None:
    index = DuplicateIndex()
    index.add(1, "NordBrew coffee is great today", lang="en")
    assert index.add(2, "NordBrew coffee is great again", lang="en").kind == "original"
    assert index.add(3, "nordbrew coffee is GREAT today!", lang="en").kind == "exact"


def test_eviction_keeps_the_window_bounded_by_count() -> None:
    rnd = random.Random(1)
    vocabulary = [f"w{n}" for n in range(2_000)]
    texts = [" ".join(rnd.sample(vocabulary, 12)) for _ in range(500)]
    index = DuplicateIndex(max_docs=50)
    for i, text in enumerate(texts):
        assert index.add(i, text, lang="en").kind == "original"
    assert len(index) == 50
    assert 0 not in index and 499 in index
    assert sum(1 if isinstance(b, int) else len(b) for b in index._buckets.values()) <= 50 * BANDS
    assert len(index._exact) == 50
    # an evicted text is new again
    assert index.add(1000, texts[0], lang="en").kind == "original"
    assert index.add(1001, texts[499], lang="en").kind == "exact"


def test_eviction_by_age_drops_mentions_older_than_the_window() -> None:
    index = DuplicateIndex(max_age=timedelta(days=2))
    index.add(1, ARTICLE, lang="en", published_at=T0)
    index.add(2, OTHER_SAME_TOPIC, lang="en", published_at=T0 + timedelta(days=3))
    assert 1 not in index and 2 in index
    assert index.add(3, ARTICLE, lang="en", published_at=T0 + timedelta(days=3)).kind == "original"


def test_signature_round_trip_places_a_mention_as_its_text_would() -> None:
    direct, rebuilt = DuplicateIndex(), DuplicateIndex()
    docs = [(1, ARTICLE, "en"), (2, DANISH, "da"), (3, ITALIAN, "it"), (4, OTHER_SAME_TOPIC, "en"),
            (5, "short post here", "en"), (6, "Short post here!", "en")]
    for doc_id, text, lang in docs:
        expected = direct.add(doc_id, text, lang=lang, published_at=T0)
        signature = direct.signature(text, lang=lang, published_at=T0)
        assert isinstance(signature, bytes)
        assert rebuilt.add_signature(doc_id, signature) == expected


def test_a_stored_assignment_is_restored_as_it_was() -> None:
    index = DuplicateIndex()
    signature = index.signature(ITALIAN, lang="it")
    kept = ClusterAssignment(77, 70, "translation", 0.4, ["stored"])
    assert index.add_signature(78, signature, assignment=kept) == kept
    assert index.add(79, ITALIAN, lang="it").cluster_id == 77  # later copies join the restored cluster


def test_an_edited_mention_is_placed_again() -> None:
    index = DuplicateIndex()
    index.add(1, ARTICLE, lang="en")
    index.add(2, OTHER_SAME_TOPIC, lang="en")
    assert index.add(2, ARTICLE, lang="en").kind == "exact"
    assert len(index) == 2
