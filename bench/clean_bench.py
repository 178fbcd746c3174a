"""Cleaning benchmark (issue #4): article-body F1 of trafilatura alone and of clean_html on
../shared/data/extraction/article-extraction-benchmark, a junk-line benchmark built from
../shared/data/parallel/sib-200, and the per-post cost of the normalise, clean and spam steps.

    python bench/clean_bench.py [--part dev|held|both] [--skip-extraction] [--record]

Article-body F1 is computed as the benchmark's own evaluate.py does: texts are cut into \\w+ tokens,
compared as bags of 4-token shingles per page (true positives = shared shingles counting repeats),
each page's counts normalised to sum 1; precision and recall are the means over pages, F1 their
harmonic mean.

The junk-line benchmark makes articles of 3–7 consecutive sentences (by index_id) of one language,
one or two sentences a line, sometimes with a heading made from the next paragraph's first words,
and injects 1–4 junk lines from the bank below (SEO keyword strings, share widgets, comment-form
remnants, subscription and cookie lines, navigation, template tags). Templates and languages are
each split into a development part, used while building voxpop/enrich/clean.py, and a held-out
part, only scored. Line-level precision and recall of junk removal, and the share of real lines
removed, are reported per part.
"""

# ruff: noqa: E501  (the junk bank below is data: one language per line reads better than wrapped lists)
from __future__ import annotations

import argparse
import csv
import gzip
import json
import os
import random
import re
import statistics
import sys
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from voxpop.enrich.clean import clean_html, clean_text_lines  # noqa: E402

RESULTS = ROOT / "bench" / "RESULTS.md"
FOLDERS = {"da": "dan_Latn", "de": "deu_Latn", "en": "eng_Latn", "fi": "fin_Latn", "fr": "fra_Latn",
           "it": "ita_Latn", "nl": "nld_Latn", "nb": "nob_Latn", "pl": "pol_Latn", "pt": "por_Latn",
           "es": "spa_Latn", "sv": "swe_Latn"}

# --- the junk bank --------------------------------------------------------------------------
# Written by hand from what such lines look like on real sites, before the cleaner was tuned, and
# split once: in every list, even positions are the development part, odd positions held out.

DEV_LANGS = ("en", "da", "de", "fr", "es", "sv")
HELD_LANGS = ("nb", "fi", "it", "nl", "pl", "pt")

# SEO keyword strings: {n} is a number, {x} a word from SLOTS of the same language.
# Per language the list alternates dev, held, dev, held, ...
SEO: dict[str, list[str]] = {
    "en": ["angel number {n} meaning", "numerology number {n}", "{n} biblical meaning", "best cheap {x} {y}",
           "{x} near me", "buy {x} online cheap", "dream meaning {x}", "{n} angel number twin flame",
           "free casino bonus no deposit {y}", "horoscope {x} today"],
    "da": ["numerologi nummer {n}", "{n} kristen betydning", "engletal {n} betydning", "billige {x} online",
           "drømmetydning {x}", "bedste {x} {y}", "casino uden rofus", "kviklån uden kreditvurdering {y}",
           "horoskop {x} i dag", "{x} tilbud københavn"],
    "de": ["engelszahl {n} bedeutung", "numerologie zahl {n}", "{x} günstig kaufen", "traumdeutung {x}",
           "beste {x} {y} test", "{n} biblische bedeutung", "online casino ohne limit", "kredit ohne schufa {y}",
           "horoskop {x} heute", "{x} in der nähe"],
    "fr": ["nombre angélique {n} signification", "numérologie chiffre {n}", "{x} pas cher en ligne",
           "interprétation rêve {x}", "meilleur {x} {y}", "{n} signification biblique", "casino en ligne bonus sans dépôt",
           "crédit rapide sans justificatif {y}", "horoscope {x} aujourd hui", "{x} près de chez moi"],
    "es": ["número angelical {n} significado", "numerología número {n}", "{x} barato online", "significado soñar con {x}",
           "mejor {x} {y}", "{n} significado bíblico", "casino online bono sin depósito", "préstamo rápido sin nómina {y}",
           "horóscopo {x} hoy", "{x} cerca de mí"],
    "sv": ["änglanummer {n} betydelse", "numerologi nummer {n}", "billiga {x} online", "drömtydning {x}",
           "bästa {x} {y}", "{n} biblisk betydelse", "casino utan svensk licens", "snabblån utan uc {y}",
           "horoskop {x} idag", "{x} nära mig"],
    "nb": ["englenummer {n} betydning", "numerologi tall {n}", "billige {x} på nett", "drømmetydning {x}",
           "beste {x} {y}", "{n} bibelsk betydning", "casino uten norsk lisens", "forbrukslån uten sikkerhet {y}",
           "horoskop {x} i dag", "{x} tilbud oslo"],
    "fi": ["enkelinumero {n} merkitys", "numerologia numero {n}", "halvat {x} netistä", "unien tulkinta {x}",
           "paras {x} {y}", "{n} raamatullinen merkitys", "nettikasino ilman rekisteröitymistä", "pikavippi heti tilille {y}",
           "horoskooppi {x} tänään", "{x} lähellä minua"],
    "it": ["numero angelico {n} significato", "numerologia numero {n}", "{x} economici online", "sognare {x} significato",
           "migliori {x} {y}", "{n} significato biblico", "casinò online bonus senza deposito", "prestiti veloci senza busta paga {y}",
           "oroscopo {x} oggi", "{x} vicino a me"],
    "nl": ["engelengetal {n} betekenis", "numerologie getal {n}", "goedkope {x} online", "droomuitleg {x}",
           "beste {x} {y}", "{n} bijbelse betekenis", "online casino zonder cruks", "snel geld lenen zonder bkr {y}",
           "horoscoop {x} vandaag", "{x} in de buurt"],
    "pl": ["anielska liczba {n} znaczenie", "numerologia liczba {n}", "tanie {x} online", "sennik {x}",
           "najlepsze {x} {y}", "{n} znaczenie biblijne", "kasyno online bez depozytu", "chwilówki bez bik {y}",
           "horoskop {x} dzisiaj", "{x} w pobliżu"],
    "pt": ["número angelical {n} significado", "numerologia número {n}", "{x} barato online", "sonhar com {x} significado",
           "melhor {x} {y}", "{n} significado bíblico", "cassino online bônus sem depósito", "empréstimo rápido sem consulta {y}",
           "horóscopo {x} hoje", "{x} perto de mim"],
}

# Slot words: products, zodiac signs, dream things — whatever the templates above put in {x}.
SLOTS: dict[str, list[str]] = {
    "en": ["sneakers", "sofa", "flights", "leo", "snakes", "dentist", "laptop", "pizza"],
    "da": ["sneakers", "sofaer", "flybilletter", "løven", "slanger", "tandlæge", "bærbar", "pizza"],
    "de": ["sneaker", "sofa", "flüge", "löwe", "schlangen", "zahnarzt", "laptop", "pizza"],
    "fr": ["baskets", "canapé", "vols", "lion", "serpents", "dentiste", "ordinateur", "pizza"],
    "es": ["zapatillas", "sofá", "vuelos", "leo", "serpientes", "dentista", "portátil", "pizza"],
    "sv": ["sneakers", "soffor", "flygbiljetter", "lejonet", "ormar", "tandläkare", "laptop", "pizza"],
    "nb": ["joggesko", "sofaer", "flybilletter", "løven", "slanger", "tannlege", "laptop", "pizza"],
    "fi": ["lenkkarit", "sohvat", "lennot", "leijona", "käärmeet", "hammaslääkäri", "kannettava", "pizza"],
    "it": ["scarpe", "divani", "voli", "leone", "serpenti", "dentista", "portatile", "pizza"],
    "nl": ["sneakers", "banken", "vliegtickets", "leeuw", "slangen", "tandarts", "laptop", "pizza"],
    "pl": ["buty", "sofy", "loty", "lew", "węże", "dentysta", "laptop", "pizza"],
    "pt": ["tênis", "sofá", "voos", "leão", "cobras", "dentista", "notebook", "pizza"],
}

# Boilerplate lines per language, by kind; each list alternates dev, held, dev, held, ...
BOILERPLATE: dict[str, dict[str, list[str]]] = {
    "share_widget": {
        "en": ["Share this:", "Share on Facebook", "Share this article", "Tweet Share Pin Email", "Share with your friends"],
        "da": ["Del med dine venner:", "Del på Facebook", "Del artiklen", "Del denne side", "Facebook Twitter LinkedIn E-mail"],
        "de": ["Teilen", "Auf Facebook teilen", "Artikel teilen:", "Diesen Beitrag teilen", "Teilen mit: Facebook WhatsApp"],
        "fr": ["Partager sur Facebook", "Partager cet article", "Partager :", "Partagez avec vos amis", "Facebook Twitter Email"],
        "es": ["Compartir en Facebook", "Compartir:", "Comparte este artículo", "Compartir en Twitter", "Facebook WhatsApp Email"],
        "sv": ["Dela på Facebook", "Dela artikeln", "Dela:", "Dela med dina vänner", "Facebook Twitter E-post"],
        "nb": ["Del på Facebook", "Del artikkelen", "Del:", "Del med vennene dine", "Facebook Twitter E-post"],
        "fi": ["Jaa Facebookissa", "Jaa artikkeli", "Jaa:", "Jaa kavereillesi", "Facebook Twitter Sähköposti"],
        "it": ["Condividi su Facebook", "Condividi:", "Condividi questo articolo", "Condividi con i tuoi amici", "Facebook Twitter Email"],
        "nl": ["Deel dit artikel", "Delen op Facebook", "Deel:", "Deel met je vrienden", "Facebook Twitter E-mail"],
        "pl": ["Udostępnij na Facebooku", "Udostępnij:", "Podziel się z znajomymi", "Udostępnij artykuł", "Facebook Twitter E-mail"],
        "pt": ["Compartilhe no Facebook", "Compartilhar:", "Partilhar este artigo", "Compartilhe com seus amigos", "Facebook WhatsApp Email"],
    },
    "comment_form": {
        "en": ["No comments: Post a Comment", "Leave a reply", "Leave a Comment", "3 comments", "Cancel reply"],
        "da": ["Skriv en kommentar", "Ingen kommentarer", "Kommentarer (2)", "Skriv et svar", "Annuller svar"],
        "de": ["Kommentar schreiben", "Keine Kommentare", "Antworten", "Schreibe einen Kommentar", "2 Kommentare"],
        "fr": ["Laisser un commentaire", "Aucun commentaire", "Répondre", "Laisser une réponse", "3 commentaires"],
        "es": ["Deja un comentario", "Sin comentarios", "Responder", "Deja una respuesta", "2 comentarios"],
        "sv": ["Lämna en kommentar", "Inga kommentarer", "Svara", "Skriv en kommentar", "3 kommentarer"],
        "nb": ["Legg igjen en kommentar", "Ingen kommentarer", "Svar", "Skriv en kommentar", "2 kommentarer"],
        "fi": ["Jätä kommentti", "Ei kommentteja", "Vastaa", "Kirjoita kommentti", "3 kommenttia"],
        "it": ["Lascia un commento", "Nessun commento", "Rispondi", "Lascia una risposta", "2 commenti"],
        "nl": ["Laat een reactie achter", "Geen reacties", "Reageer", "Plaats een reactie", "3 reacties"],
        "pl": ["Dodaj komentarz", "Brak komentarzy", "Odpowiedz", "Zostaw komentarz", "2 komentarze"],
        "pt": ["Deixe um comentário", "Sem comentários", "Responder", "Deixe uma resposta", "3 comentários"],
    },
    "subscribe": {
        "en": ["Sign up for our newsletter", "Subscribe", "We use cookies to improve your experience. Accept all cookies",
               "Subscribe to our newsletter for the latest news", "Accept cookies"],
        "da": ["Tilmeld dig vores nyhedsbrev", "Vi bruger cookies. Accepter alle", "Abonner", "Tilmeld nyhedsbrev",
               "Accepter cookies"],
        "de": ["Newsletter abonnieren", "Wir verwenden Cookies. Alle akzeptieren", "Jetzt abonnieren",
               "Melden Sie sich für unseren Newsletter an", "Cookies akzeptieren"],
        "fr": ["Inscrivez-vous à notre newsletter", "Nous utilisons des cookies. Tout accepter", "S'abonner",
               "Abonnez-vous à la newsletter", "Accepter les cookies"],
        "es": ["Suscríbete a nuestro boletín", "Usamos cookies. Aceptar todas", "Suscribirse",
               "Recibe nuestra newsletter", "Aceptar cookies"],
        "sv": ["Prenumerera på vårt nyhetsbrev", "Vi använder cookies. Godkänn alla", "Prenumerera",
               "Anmäl dig till nyhetsbrevet", "Acceptera cookies"],
        "nb": ["Meld deg på nyhetsbrevet", "Vi bruker informasjonskapsler. Godta alle", "Abonner",
               "Få vårt nyhetsbrev", "Godta cookies"],
        "fi": ["Tilaa uutiskirjeemme", "Käytämme evästeitä. Hyväksy kaikki", "Tilaa", "Liity postituslistalle",
               "Hyväksy evästeet"],
        "it": ["Iscriviti alla nostra newsletter", "Utilizziamo i cookie. Accetta tutti", "Iscriviti",
               "Ricevi la newsletter", "Accetta i cookie"],
        "nl": ["Schrijf je in voor onze nieuwsbrief", "Wij gebruiken cookies. Alles accepteren", "Abonneren",
               "Meld je aan voor de nieuwsbrief", "Cookies accepteren"],
        "pl": ["Zapisz się do newslettera", "Używamy plików cookie. Akceptuj wszystkie", "Subskrybuj",
               "Zapisz się na nasz newsletter", "Akceptuję cookies"],
        "pt": ["Assine nossa newsletter", "Usamos cookies. Aceitar todos", "Inscreva-se",
               "Subscreva a nossa newsletter", "Aceitar cookies"],
    },
    "navigation": {
        "en": ["Home > News > World", "Back to top", "Home / Travel / Europe", "Previous article", "Skip to content"],
        "da": ["Forside > Nyheder > Indland", "Til toppen", "Forside / Rejser / Europa", "Forrige artikel", "Næste artikel"],
        "de": ["Startseite > Nachrichten > Welt", "Nach oben", "Startseite » Reisen » Europa", "Vorheriger Artikel",
               "Zum Inhalt springen"],
        "fr": ["Accueil > Actualités > Monde", "Haut de page", "Accueil / Voyage / Europe", "Article précédent",
               "Aller au contenu"],
        "es": ["Inicio > Noticias > Mundo", "Volver arriba", "Inicio / Viajes / Europa", "Artículo anterior",
               "Ir al contenido"],
        "sv": ["Start > Nyheter > Världen", "Till toppen", "Hem / Resor / Europa", "Föregående artikel", "Nästa artikel"],
        "nb": ["Forside > Nyheter > Innenriks", "Til toppen", "Hjem / Reise / Europa", "Forrige artikkel", "Neste artikkel"],
        "fi": ["Etusivu > Uutiset > Ulkomaat", "Takaisin ylös", "Etusivu / Matkailu / Eurooppa", "Edellinen artikkeli",
               "Seuraava artikkeli"],
        "it": ["Home > Notizie > Mondo", "Torna su", "Home / Viaggi / Europa", "Articolo precedente", "Vai al contenuto"],
        "nl": ["Home > Nieuws > Buitenland", "Terug naar boven", "Home / Reizen / Europa", "Vorig artikel",
               "Volgend artikel"],
        "pl": ["Strona główna > Wiadomości > Świat", "Do góry", "Strona główna / Podróże / Europa", "Poprzedni artykuł",
               "Następny artykuł"],
        "pt": ["Início > Notícias > Mundo", "Voltar ao topo", "Início / Viagens / Europa", "Artigo anterior",
               "Próximo artigo"],
    },
}

# Template tags left in a page by a broken template or CMS; language-neutral. Alternating dev/held.
TEMPLATE_TAGS = [
    "<%WritePageName%>", "{% block content %}", "{{title}}", "%%sitename%%", "[[Category:News]]",
    "<?php echo $title; ?>", "${article.author}", "{$smarty.now|date_format}", "<%= page.title %>",
    "#{user.name}", "{{ post.excerpt | truncate: 20 }}", "[% INCLUDE footer %]", "{{{body}}}", "__PAGE_TITLE__",
]


def split(items: list[str], part: str) -> list[str]:
    """The dev (even positions) or held (odd positions) half of a template list."""
    return items[0::2] if part == "dev" else items[1::2]


# --- data -----------------------------------------------------------------------------------


def shared_data() -> Path:
    return Path(os.environ.get("VOXPOP_SHARED_DATA", ROOT.parent / "shared" / "data"))


def sentences(lang: str) -> list[str]:
    folder = shared_data() / "parallel" / "sib-200" / FOLDERS[lang]
    rows = []
    for split_name in ("train", "dev"):
        with (folder / f"{split_name}.tsv").open(encoding="utf-8") as f:
            rows += [(int(r["index_id"]), r["text"]) for r in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)]
    return [text for _, text in sorted(rows)]


def seo_line(rnd: random.Random, lang: str, part: str) -> str:
    template = rnd.choice(split(SEO[lang], part))
    slots = SLOTS[lang]
    return template.format(n=rnd.choice([4, 7, 11, 22, 111, 333, 444, 777, 1111, 1212]), x=rnd.choice(slots),
                           y=rnd.choice([2024, 2025, *slots]))


def junk_line(rnd: random.Random, lang: str, langs: tuple[str, ...], part: str) -> tuple[str, str]:
    kind = rnd.choices(["seo", "share_widget", "comment_form", "subscribe", "navigation", "template_tag"],
                       weights=[50, 15, 10, 10, 5, 10])[0]
    if kind == "seo":
        other = rnd.random() < 0.25
        return "seo", seo_line(rnd, rnd.choice([x for x in langs if x != lang]) if other else lang, part)
    if kind == "template_tag":
        return kind, rnd.choice(split(TEMPLATE_TAGS, part))
    return kind, rnd.choice(split(BOILERPLATE[kind][lang], part))


def make_articles(part: str, seed: int = 7) -> list[list[tuple[str, str]]]:
    """Articles as lists of (label, line); label 'real', 'heading' or a junk kind."""
    langs = DEV_LANGS if part == "dev" else HELD_LANGS
    rnd = random.Random(seed)
    articles = []
    for lang in langs:
        pool = sentences(lang)
        i = 0
        while i < len(pool):
            size = rnd.randint(3, 7)
            chunk = pool[i:i + size]
            i += size
            lines: list[tuple[str, str]] = []
            j = 0
            while j < len(chunk):
                take = rnd.choice([1, 1, 2])
                paragraph = " ".join(chunk[j:j + take])
                j += take
                if lines and rnd.random() < 0.15:
                    words = re.findall(r"\w+", paragraph)[: rnd.randint(2, 5)]
                    lines.append(("heading", " ".join(words)))
                lines.append(("real", paragraph))
            for _ in range(rnd.randint(1, 4)):
                lines.insert(rnd.randint(0, len(lines)), junk_line(rnd, lang, langs, part))
            articles.append(lines)
    return articles


def junk_benchmark(part: str) -> dict[str, float]:
    articles = make_articles(part)
    tp = fp = fn = 0
    real = real_removed = headings = headings_removed = 0
    per_kind: Counter[str] = Counter()
    per_kind_found: Counter[str] = Counter()
    misses: list[str] = []
    false_alarms: list[str] = []
    for lines in articles:
        result = clean_text_lines("\n".join(line for _, line in lines))
        gone = {r.position for r in result.removed if r.reason != "template_tag" or r.line == lines[r.position][1]}
        for position, (label, line) in enumerate(lines):
            junk = label not in ("real", "heading")
            if junk:
                per_kind[label] += 1
                if position in gone:
                    tp += 1
                    per_kind_found[label] += 1
                else:
                    fn += 1
                    misses.append(f"{label}: {line}")
            else:
                real += label == "real"
                headings += label == "heading"
                if position in gone:
                    fp += 1
                    real_removed += label == "real"
                    headings_removed += label == "heading"
                    false_alarms.append(f"{label}: {line}")
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    print(f"junk lines, {part} part ({', '.join(DEV_LANGS if part == 'dev' else HELD_LANGS)}): "
          f"{len(articles)} articles, {tp + fn} junk lines, {real} real lines, {headings} headings")
    print(f"  precision {precision:.3f}  recall {recall:.3f}  real lines removed {real_removed / real:.2%}  "
          f"headings removed {headings_removed / max(headings, 1):.2%}")
    print("  recall per kind: " + ", ".join(f"{k} {per_kind_found[k] / n:.2f} ({n})" for k, n in sorted(per_kind.items())))
    if os.environ.get("SHOW_ERRORS") and part == "dev":
        for line in Counter(misses).most_common(40):
            print("  MISS", line)
        for line in Counter(false_alarms).most_common(40):
            print("  FALSE", line)
    return {"precision": precision, "recall": recall, "real_removed": real_removed / real,
            "headings_removed": headings_removed / max(headings, 1), "junk": tp + fn, "real": real}


# --- article-body F1 --------------------------------------------------------------------------

_TOKEN = re.compile(r"\w+")


def _shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text or "")
    return Counter(tuple(tokens[i:i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens[i:i + n])


def shingle_counts(true: str, predicted: str) -> tuple[float, float, float]:
    expected, found = _shingles(true), _shingles(predicted)
    tp = sum((expected & found).values())
    fp = sum((found - expected).values())
    fn = sum((expected - found).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def prf(counts: list[tuple[float, float, float]]) -> tuple[float, float, float]:
    def score(a: float, b: float, c: float, other: float) -> float:
        if b == c == 0:
            return 1.0
        return 0.0 if a == other == 0 else a / (a + other)

    precision = statistics.mean(score(tp, fp, fn, fp) for tp, fp, fn in counts if tp + fp > 0)
    recall = statistics.mean(score(tp, fp, fn, fn) for tp, fp, fn in counts if tp + fn > 0)
    return precision, recall, 2 * precision * recall / (precision + recall)


def extraction_benchmark() -> dict[str, tuple[float, float, float]] | None:
    import trafilatura

    folder = shared_data() / "extraction" / "article-extraction-benchmark"
    if not folder.is_dir():
        print(f"skipped article-body F1: {folder} not found (set VOXPOP_SHARED_DATA)")
        return None
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    plain, cleaned, removed_real = [], [], []
    lines_total = lines_removed = 0
    removed_examples: list[str] = []
    started = time.perf_counter()
    for key, item in sorted(truth.items()):
        with gzip.open(folder / "html" / f"{key}.html.gz", "rt", encoding="utf-8") as f:
            html = f.read()
        body = item.get("articleBody") or ""
        plain.append(shingle_counts(body, trafilatura.extract(html, include_comments=False) or ""))
        cleaned.append(shingle_counts(body, clean_html(html).text))
        # every line of a true article body is real text: what the line cleaner takes from it is a mistake
        check = clean_text_lines(body)
        whole = [r for r in check.removed if r.reason != "template_tag" or r.line in body.split("\n")]
        lines_total += sum(1 for line in body.split("\n") if line.strip())
        lines_removed += len(whole)
        removed_real.append(len(whole))
        removed_examples += [f"{r.reason}: {r.line[:80]}" for r in whole]
    seconds = time.perf_counter() - started
    figures = {"trafilatura": prf(plain), "clean_html": prf(cleaned)}
    for name, (p, r, f1) in figures.items():
        print(f"article body, {name:<12} precision {p:.3f}  recall {r:.3f}  F1 {f1:.3f}  ({len(truth)} pages)")
    print(f"  true article bodies: {lines_removed} of {lines_total} lines removed by the line cleaner "
          f"({lines_removed / lines_total:.2%}); both extractions took {seconds:.1f} s")
    for example in removed_examples[:25]:
        print("   -", example)
    figures["true_lines_removed"] = (lines_removed / lines_total, float(lines_removed), float(lines_total))
    return figures


# --- speed ------------------------------------------------------------------------------------


def speed(count: int = 3000) -> dict[str, float]:
    from voxpop.enrich.normalise import normalise_text
    from voxpop.enrich.spam import SpamContext, spam_score

    rnd = random.Random(3)
    posts = []
    for lang in FOLDERS:
        for text in sentences(lang)[: count // len(FOLDERS)]:
            extra = rnd.choice(["", "", " #tag", " @someone", " https://example.com/a/b", " 😀"])
            posts.append(text + extra)
    context = SpamContext()
    now = datetime.now(UTC)
    timings = {}
    for name, run in (
        ("normalise", lambda p: normalise_text(p)),
        ("clean", lambda p: clean_text_lines(p)),
        ("spam", lambda p: spam_score(p, author="a", published_at=now, context=context)),
    ):
        for post in posts[:200]:
            run(post)  # warm up
        started = time.perf_counter()
        for post in posts:
            run(post)
        timings[name] = (time.perf_counter() - started) / len(posts) * 1e6
    words = statistics.mean(len(p.split()) for p in posts)
    print(f"per short post ({len(posts)} sib-200 sentences, mean {words:.0f} words, a sixth each with a tag, "
          f"handle, link or emoji): " + ", ".join(f"{k} {v:.1f} µs" for k, v in timings.items())
          + f", together {sum(timings.values()):.1f} µs")
    try:
        import emoji  # only to compare with: voxpop uses its own regex
    except ImportError:
        return timings
    from voxpop.enrich.normalise import extract_emoji

    samples = [p + " " + e for p in posts[:500] for e in ["😀", "👍🏽", "👨‍👩‍👧", "🇩🇰", "❤️"][:1 + len(p) % 5]]
    started = time.perf_counter()
    ours = [extract_emoji(s) for s in samples]
    ours_us = (time.perf_counter() - started) / len(samples) * 1e6
    started = time.perf_counter()
    theirs = [list(dict.fromkeys(e["emoji"] for e in emoji.emoji_list(s))) for s in samples]
    theirs_us = (time.perf_counter() - started) / len(samples) * 1e6
    same = sum([x.replace("\ufe0f", "") for x in a] == [x.replace("\ufe0f", "") for x in b]
               for a, b in zip(ours, theirs, strict=True))
    print(f"emoji: regex {ours_us:.1f} µs, emoji package {theirs_us:.1f} µs per text; "
          f"same sequences (ignoring U+FE0F) on {same}/{len(samples)} texts")
    timings["emoji_regex"], timings["emoji_package"] = ours_us, theirs_us
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--part", choices=["dev", "held", "both"], default="both")
    parser.add_argument("--skip-extraction", action="store_true")
    parser.add_argument("--skip-speed", action="store_true")
    parser.add_argument("--record", action="store_true", help="append the figures to bench/RESULTS.md")
    args = parser.parse_args()
    if not (shared_data() / "parallel" / "sib-200").is_dir():
        sys.exit(f"skipped: {shared_data()} has no parallel/sib-200 (set VOXPOP_SHARED_DATA)")
    junk = {part: junk_benchmark(part) for part in (["dev", "held"] if args.part == "both" else [args.part])}
    extraction = None if args.skip_extraction else extraction_benchmark()
    timings = {} if args.skip_speed else speed()
    if args.record:
        commit = os.popen("git rev-parse --short HEAD").read().strip()  # noqa: S605
        machine = f"{os.uname().machine}, {os.cpu_count()} cores (shared)"
        stamp = f"{datetime.now(UTC):%Y-%m-%d %H:%M}"
        with RESULTS.open("a", encoding="utf-8") as f:
            for part, m in junk.items():
                verdict = ("meets target" if m["precision"] >= 0.9 and m["recall"] >= 0.9 and m["real_removed"] <= 0.01
                           else "MISSES target") if part == "held" else "dev part (tuned on)"
                f.write(f"| {stamp} | junk lines, {part} part (sib-200) | {commit} | {m['junk']:,} junk + "
                        f"{m['real']:,} real lines | — | — | — | P {m['precision']:.3f}, R {m['recall']:.3f}, "
                        f"real removed {m['real_removed']:.2%} | {verdict} | {machine} |\n")
            if extraction:
                (tp, tr, tf), (cp, cr, cf) = extraction["trafilatura"], extraction["clean_html"]
                f.write(f"| {stamp} | article body F1 (extraction benchmark) | {commit} | 181 pages | — | — | — | "
                        f"trafilatura P {tp:.3f} R {tr:.3f} F1 {tf:.3f}; clean_html P {cp:.3f} R {cr:.3f} "
                        f"F1 {cf:.3f}; true body lines removed {extraction['true_lines_removed'][0]:.2%} | — | "
                        f"{machine} |\n")
            if timings:
                total = timings["normalise"] + timings["clean"] + timings["spam"]
                f.write(f"| {stamp} | normalise + clean + spam, short posts | {commit} | 3,000 | — | "
                        f"{1e6 / total:,.0f}/s | — | normalise {timings['normalise']:.1f} µs, clean "
                        f"{timings['clean']:.1f} µs, spam {timings['spam']:.1f} µs | "
                        f"{'meets' if total <= 60 else 'MISSES'} 60 µs budget | {machine} |\n")
        print(f"appended to {RESULTS}")


if __name__ == "__main__":
    main()
