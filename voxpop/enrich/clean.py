"""Enrichment step 2, clean: take boilerplate and junk lines out of article text, keeping every
removed line with the reason, so nothing is lost silently.

What goes: share widgets ("Del med dine venner:", "Share this"), comment-form remnants ("No
comments: Post a Comment", "Leave a reply"), cookie / newsletter / subscribe lines, navigation
(breadcrumbs, "Back to top", "Next article"), "Read more" links, template tags left by a broken
CMS (``<%WritePageName%>``, ``{{title}}``, ``[[...]]``, ``${...}`` and their kin), and SEO keyword
lines injected between paragraphs ("numerologi nummer 4", "333 kristen betydning").

Boilerplate is recognised by what the line says (multilingual word lists of share verbs,
platforms, comment and subscription words) and only on short lines. SEO keyword lines are
recognised by how the line relates to its document, not by a list of known spam: short, no
sentence punctuation, no function words, numbers used as keywords, starting in lower case,
sharing no content word with the rest of the document, or in another language than it. The
weights were set on a development part of a constructed benchmark (bench/clean_bench.py) and
checked on held-out languages and templates (docs/cleaning.md).

HTML goes through trafilatura first (:func:`clean_html`). A text without a line break is a short
post: only template tags are looked for, so it passes nearly free.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

STEP = "clean"
VERSION = "1.0.0"

#: Lines longer than this (in words) are never taken out whole, only their template tags.
MAX_JUNK_WORDS = 30
#: An SEO keyword line has at most this many words.
MAX_KEYWORD_WORDS = 9
#: A short line is taken for an SEO keyword line when its score reaches this (see _keyword_score).
KEYWORD_THRESHOLD = 2.8


@dataclass(frozen=True, slots=True)
class RemovedLine:
    """A line (or a template tag inside a kept line) that cleaning took out, and why.

    ``position`` is the line's index (0-based) among the lines of the input text; ``reason`` is
    one of share_widget, comment_form, subscribe, cookie_notice, navigation, related_link,
    template_tag, seo_keywords; ``detail`` says which cues decided.
    """

    line: str
    reason: str
    position: int
    detail: str = ""


@dataclass(frozen=True, slots=True)
class CleanResult:
    text: str
    removed: list[RemovedLine] = field(default_factory=list)


# --- template tags ---------------------------------------------------------------------------

# Placeholders of template languages (ASP/JSP/ERB, Mustache/Handlebars/Jinja/Liquid, Django/Jinja
# blocks, MediaWiki links, JS/shell interpolation, Yoast %%var%%, PHP, Smarty, Ruby, Template
# Toolkit, __MACRO__ placeholders) that a broken page prints instead of their value.
_TEMPLATE = re.compile(
    r"<%.*?%>|\{\{\{?.*?\}?\}\}|\{%.*?%\}|\[\[.*?\]\]|\$\{[^}\n]*\}|%%[A-Za-z_][\w-]*%%|<\?(?:php|=).*?\?>"
    r"|\{\$[^}\n]*\}|#\{[^}\n]*\}|\[%.*?%\]|(?<!\w)__[A-Z][A-Z0-9_]*__(?!\w)"
)
_TEMPLATE_HINT = ("<%", "{{", "{%", "[[", "${", "%%", "<?", "{$", "#{", "[%", "__")

# --- words -----------------------------------------------------------------------------------

_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
_LETTER = re.compile(r"[^\W\d_]")
_SENTENCE_END = (".", "!", "?", "…", '"', "”", "»", ")", ";")


def _words(source: str) -> set[str]:
    return set(source.split())


#: Function words (articles, pronouns, prepositions, conjunctions, auxiliaries) of the languages
#: voxpop supports; prose has them, keyword strings do not.
FUNCTION_WORDS: frozenset[str] = frozenset().union(*(_words(s) for s in (
    # en
    "a an the of to in on at for with by from as and or but not no is are was were be been has have had do does did "
    "it its this that these those i you he she we they me my your his her our their there here what which who how "
    "why when where will would can could should may might must if than then so also about into over after before "
    "up out just more most all any some very",
    # da nb nn sv
    "og i på at en et den det de der som er var har have til af for med om fra men ikke jeg du han hun vi jer dem "
    "sig sin sit sine min mit mine din dit dine vores jeres hans hendes deres hvad hvor hvem hvordan hvorfor når "
    "så også kan skal vil må bliver blev blive være været efter før over under ud op ind mod ved hos meget mere "
    "ikkje eg ho dei me vart vere korleis kva kvar og ein eit av då også uden uten utan "
    "och på är att ett som inte jag hon vi ni de dem sig sin sitt sina min mitt mina din ditt dina vår vårt våra "
    "deras vad var vem hur varför när så också kan ska vill måste blir blev vara varit efter före över under ut "
    "upp in mot vid hos mycket mer med till från för om men av den det det har hade "
    "jeg ikke hun dere deres hva hvem hvordan hvorfor når blir ble vært etter før mot ved hos mye mer fra av",
    # de nl
    "der die das den dem des ein eine einen einem einer und oder aber nicht kein keine ist sind war waren sein "
    "hat haben hatte wird werden wurde ich du er sie es wir ihr mich mir dich dir sich mein dein sein unser euer "
    "was wer wie wo warum wann auch noch nur schon sehr mehr in im an am auf aus bei mit nach von vor zu zum zur "
    "für über unter durch gegen um als wenn dass ob so ohne zonder "
    "de het een en of maar niet geen is zijn was waren heeft hebben had wordt worden werd ik jij je hij zij ze "
    "wij we jullie mij mijn jouw zijn haar ons onze hun wat wie hoe waar waarom wanneer ook nog al zeer meer "
    "in op aan bij met naar van voor uit over onder door tegen om als dat dit die deze er te",
    # fr es it pt
    "le la les l un une des du de d et ou mais ne pas est sont était été être a ont avait je tu il elle nous vous "
    "ils elles me te se mon ma mes ton ta tes son sa ses notre nos votre vos leur leurs que qui quoi comment où "
    "pourquoi quand aussi très plus dans sur sous avec pour par sans chez en au aux ce cette ces "
    "el la los las lo un una unos unas y o pero no es son era fue ser está están ha han había yo tú él ella "
    "nosotros vosotros ellos ellas me te se mi mis tu tus su sus nuestro nuestra que quien qué cómo dónde cuándo "
    "por para con sin sobre entre desde hasta en del al también muy más este esta estos estas ese esa "
    "il lo gli i un uno una e ed o ma non è sono era erano essere ha hanno aveva io tu lui lei noi voi loro mi ti "
    "si ci mio mia miei tuo tua suo sua nostro che chi cosa come dove perché quando anche molto più di da in con "
    "su per tra fra del della dei degli delle al alla ai agli nel nella questo questa "
    "o a os as um uma uns umas e ou mas não é são era foi ser está estão tem têm tinha eu tu ele ela nós vós eles "
    "elas me te se meu minha seu sua nosso nossa que quem como onde porque quando também muito mais de do da dos "
    "das em no na nos nas por pelo pela com sem sobre entre até para ao aos este esta isso",
    # fi pl et lt lv
    "ja tai mutta ei ole on oli olla olen olet olemme ovat minä sinä hän me te he se ne tämä tuo nämä mikä kuka "
    "miten missä miksi milloin myös hyvin kuin että jos niin kun sen sitä siitä sekä vain jo vielä",
    "i w na z do że się nie jest są był była było być to ten ta te jak co kto gdzie dlaczego kiedy także też "
    "bardzo więcej a ale lub czy od po przez przy dla o ze we ja ty on ona my wy oni mój twój jego jej nasz ich",
    "ja ning ei on oli olema see et kui aga või mis kes kus miks millal ka väga veel ma sa ta me te nad",
    "ir bet ne yra buvo būti tai kad kaip kur kas kodėl kada taip pat labai aš tu jis ji mes jūs jie į iš su be",
    "un bet ne ir bija būt tas ka kā kur kas kāpēc kad arī ļoti es tu viņš viņa mēs jūs viņi uz no ar par",
    # ro tr is ru
    "și sau dar nu este sunt era fi în pe la cu de din pentru că ce cine cum unde când foarte mai eu tu el ea noi",
    "ve veya ama değil bir bu şu o ne kim nasıl nerede neden ne zaman da de çok daha ile için gibi ben sen biz",
    "og eða en ekki er eru var vera í á að af til með um frá fyrir sem það hann hún við þeir ég þú",
    "и в во не на я что он с как а то все она так его но да ты к у же вы за бы по только её мне было вот от меня "
    "ещё нет о из ему теперь когда даже ну вдруг ли если уже или ни быть был него до вас нибудь опять уж вам",
)))

_SHARE_VERBS = _words(
    "share sharing teilen partager partagez partage compartir comparte compartilhe compartilhar partilhar partilhe "
    "condividi condividere udostępnij podziel tweet tweeten tweete deila")
#: Share verbs that are also ordinary words ("Del 2", "Dela upp"): a share widget only when the line
#: is tiny, ends with a colon or names a platform.
_AMBIGUOUS_SHARE = _words("del dela deel delen jaa pin dele")
_PLATFORMS = _words(
    "facebook twitter x linkedin pinterest whatsapp email e-mail mail e-post epost sähköposti correo print reddit "
    "telegram messenger tumblr xing vk threads bluesky mastodon pocket flipboard sms copy link instagram tiktok "
    "pin share tweet skriv ut drucken imprimer imprimir stampa afdrukken drukuj tulosta")
_SHARE_OBJECTS = _words(
    "this article artikel artiklen artikkelen artikeln beitrag post page side sida friends venner vänner vennene "
    "freunden amis amigos amici vrienden znajomymi kavereillesi amigos dit dette denne diesen cet ce este questo "
    "deze artikkeli artykuł articolo artículo artigo with med mit avec con com z kanssa")
_COMMENT_WORDS = ("comment", "kommentar", "kommentt", "commentaire", "comentario", "comentário", "commento",
                  "commenti", "reactie", "komentarz", "reacties")
_REPLY_WORDS = _words(
    "reply svar svara antworten antwort répondre réponse responder respuesta resposta rispondi risposta reageer "
    "odpowiedz vastaa")
_SUBSCRIBE_STEMS = ("newsletter", "nyhedsbrev", "nyhetsbrev", "nieuwsbrief", "uutiskirje", "boletín", "boletim",
                    "subscri", "abonn", "suscr", "iscriv", "inscri", "prenumer", "tilmeld", "tilaa", "assin",
                    "zapisz", "subskryb", "postituslista")
_COOKIE_STEMS = ("cookie", "eväste", "informasjonskaps")
_CONSENT_WORDS = ("accept", "akzept", "godkänn", "godta", "hyväks", "akceptuj", "aceit", "acept", "accett",
                  "consent", "samtyk", "privacy", "privatliv", "datenschutz", "confidentialit", "privacidad", "use",
                  "bruge", "bruger", "bruker", "använd", "verwend", "utilis", "usamos", "usa", "utilizziamo",
                  "gebruik", "używ", "käytä")
_PREVIOUS_NEXT = _words(
    "previous next older newer forrige næste neste vorheriger nächster vorherige nächste précédent suivant anterior "
    "siguiente próximo precedente successivo vorige volgende poprzedni następny edellinen seuraava föregående nästa")
_PAGE_WORDS = _words(
    "article post page story artikel artikkel beitrag seite side sida artículo artigo articolo artikkeli artykuł "
    "pagina página strona sivu indlæg inlägg innlegg bericht entry")
_NAV_LINES = frozenset({
    "back to top", "to top", "top", "til toppen", "till toppen", "nach oben", "haut de page", "volver arriba",
    "torna su", "torna all'inizio", "terug naar boven", "do góry", "voltar ao topo", "takaisin ylös", "skip to content",
    "skip to main content", "zum inhalt springen", "aller au contenu", "ir al contenido", "vai al contenuto",
    "hoppa till innehåll", "gå til innhold", "gå til indhold", "spring til indhold", "siirry sisältöön",
    "przejdź do treści", "ir para o conteúdo", "naar inhoud", "menu", "menü", "home", "search", "søg", "søk", "sök",
    "suche", "rechercher", "buscar", "cerca", "zoeken", "haku", "szukaj", "pesquisar", "print", "login", "log in",
    "log ind", "logga in", "logg inn", "anmelden", "connexion", "accedi", "inloggen", "zaloguj", "kirjaudu", "entrar",
})
_HOME_WORDS = _words("home forside startseite start accueil inicio início hem hjem etusivu strona etusivulle")
_CRUMB_SEPARATOR = re.compile(r"\s(?:>|»|›|/|\||·|•|→|>>)\s")
_RELATED = re.compile(
    r"^(?:read more|read also|see also|related|læs (?:mere|også)|les (?:mer|også)|läs (?:mer|också)|lesen sie auch"
    r"|mehr zum thema|weiterlesen|lire aussi|lire la suite|à lire aussi|leer más|lea también|leggi anche|leggi tutto"
    r"|lees (?:meer|ook)|czytaj (?:więcej|też|także)|lue (?:lisää|myös)|leia (?:mais|também)|saiba mais)\b",
    re.IGNORECASE,
)
#: A list item, numbered step or bracketed reference: part of a list, not an injected line.
_LIST_ITEM = re.compile(r"^(?:[-•*–—·▪►✓✔]|\d{1,3}[.)]\s|[(\[])")
_NUMBER = re.compile(r"^\d+(?:[.,]\d+)?$")
#: Close languages whose short lines are often read as each other: no "other language" cue between them.
_LANGUAGE_GROUP = {"da": "nordic", "nb": "nordic", "nn": "nordic", "sv": "nordic"}


def clean_text_lines(text: str | None) -> CleanResult:
    """The text without its boilerplate and junk lines, and every removed line with its reason."""
    if not text:
        return CleanResult("")
    if "\n" not in text:  # a short post: no lines to judge, only template tags to drop
        if not any(hint in text for hint in _TEMPLATE_HINT):
            return CleanResult(text)
        kept, removed = _strip_templates(text, 0)
        return CleanResult(kept.strip(), removed)
    return _clean_lines(text.split("\n"))


def clean_html(html: str | bytes, url: str | None = None) -> CleanResult:
    """The main text of an HTML page (trafilatura), then cleaned line by line."""
    import trafilatura  # heavy import: only pages need it

    extracted = trafilatura.extract(html, url=url, include_comments=False, include_tables=True)
    return clean_text_lines(extracted or "")


@dataclass(slots=True)
class _Line:
    position: int
    text: str
    words: list[str]
    lowered: list[str]


def _clean_lines(raw_lines: list[str]) -> CleanResult:
    removed: list[RemovedLine] = []
    lines: list[_Line] = []
    for position, raw in enumerate(raw_lines):
        stripped = raw.strip()
        if stripped and any(hint in stripped for hint in _TEMPLATE_HINT):
            untagged, tags = _strip_templates(stripped, position)
            if tags and not _LETTER.search(untagged):
                removed.append(RemovedLine(stripped, "template_tag", position, "the line is only template tags"))
                continue
            removed.extend(tags)
            stripped = untagged.strip()
        words = _WORD.findall(stripped)
        lines.append(_Line(position, stripped, words, [w.lower() for w in words]))
    kept: list[_Line] = []
    candidates: list[_Line] = []
    for line in lines:
        if not line.text:
            kept.append(line)
            continue
        verdict = _boilerplate(line)
        if verdict:
            removed.append(RemovedLine(line.text, verdict[0], line.position, verdict[1]))
        else:
            kept.append(line)
            if _may_be_keywords(line):
                candidates.append(line)
    if candidates:
        dropped = _keyword_lines(kept, candidates)
        if dropped:
            for line, detail in dropped.values():
                removed.append(RemovedLine(line.text, "seo_keywords", line.position, detail))
            kept = [line for line in kept if line.position not in dropped]
    removed.sort(key=lambda r: r.position)
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(line.text for line in kept)).strip()
    return CleanResult(text, removed)


def _strip_templates(line: str, position: int) -> tuple[str, list[RemovedLine]]:
    tags = [RemovedLine(m.group(0), "template_tag", position, "template tag inside the line")
            for m in _TEMPLATE.finditer(line)]
    if not tags:
        return line, []
    return re.sub(r"[ \t]{2,}", " ", _TEMPLATE.sub(" ", line)), tags


def _boilerplate(line: _Line) -> tuple[str, str] | None:
    """(reason, detail) when a line is a widget, form, notice or navigation; else None."""
    words = line.lowered
    count = len(words)
    if count == 0 or count > MAX_JUNK_WORDS:
        return None
    text = line.text
    if any(stem in w for w in words for stem in _COOKIE_STEMS) and any(
        w.startswith(_CONSENT_WORDS) for w in words
    ):
        return "cookie_notice", "cookie consent wording"
    if count > 12:
        return None
    ends_sentence = text.endswith(_SENTENCE_END)
    first = words[0]
    if count >= 2 and all(w in _PLATFORMS or w in _SHARE_VERBS for w in words):
        return "share_widget", "only share buttons and platform names"
    if first in _SHARE_VERBS or first in _AMBIGUOUS_SHARE:
        ambiguous = first in _AMBIGUOUS_SHARE and first not in _SHARE_VERBS
        names_platform = any(w in _PLATFORMS for w in words[1:])
        if count <= 7 and not ends_sentence and (
            text.endswith(":") or names_platform or count == 1
            or (not ambiguous and not _NUMBER.match(words[1] if count > 1 else ""))
            or (ambiguous and any(w in _SHARE_OBJECTS for w in words[1:3]) and not _NUMBER.match(words[1]))
        ):
            return "share_widget", f"starts with the share verb {words[0]!r}"
    if count <= 4 and text.endswith(":") and any(w in _SHARE_VERBS for w in words):
        return "share_widget", "a share label"
    if 2 <= count <= 4 and words[-1] in _SHARE_VERBS and any(w in _PLATFORMS or w in _SHARE_OBJECTS for w in words):
        return "share_widget", f"ends with the share verb {words[-1]!r}"  # verb-final: "Auf Facebook teilen"
    if count <= 8 and not text.endswith((".", "!", "?", "…")):
        if any(w.startswith(_COMMENT_WORDS) for w in words):
            return "comment_form", "a comment count or comment-form label"
        if count <= 3 and any(w in _REPLY_WORDS for w in words):
            return "comment_form", "a reply button"
        if not ends_sentence and any(stem in w for w in words for stem in _SUBSCRIBE_STEMS):
            return "subscribe", "a subscription or newsletter call"
    if _RELATED.match(text) and count <= 12:
        return "related_link", "a 'read more' link"
    if count <= 3 and any(w in _PREVIOUS_NEXT for w in words) and any(w in _PAGE_WORDS for w in words):
        return "navigation", "previous/next link"
    if " ".join(words) in _NAV_LINES:
        return "navigation", "a navigation label"
    if not ends_sentence and not text.startswith("|"):  # "| a | b |" is a table row (trafilatura's tables)
        parts = _CRUMB_SEPARATOR.split(text)
        if len(parts) >= 2 and all(1 <= len(_WORD.findall(p)) <= 4 for p in parts) and (
            len(parts) >= 3 or words[0] in _HOME_WORDS
        ):
            return "navigation", "a breadcrumb trail"
    return None


def _may_be_keywords(line: _Line) -> bool:
    """Short, no sentence punctuation, not a list item, reference, link or table row."""
    count = len(line.words)
    text = line.text
    return (
        1 <= count <= MAX_KEYWORD_WORDS
        and not text.endswith(_SENTENCE_END)
        and "," not in text
        and not _LIST_ITEM.match(text)
        and "://" not in text and "www." not in text
        and sum(w.isdigit() for w in line.words) < 3
    )


def _stem(word: str) -> str:
    return word[:5]


def _keyword_lines(kept: list[_Line], candidates: list[_Line]) -> dict[int, tuple[_Line, str]]:
    """The candidate lines judged SEO keyword strings, by position, with the cues that decided."""
    document_language: tuple[str, float] | None = None
    prose = [line for line in kept if line.text and not _may_be_keywords(line)]
    if not prose:
        return {}  # a list of short lines (a menu, a list, a poem): nothing to judge them against
    # The vocabulary of the document's prose (the other short lines may be junk themselves).
    vocabulary = {_stem(w) for line in prose for w in _content_words(line)}
    in_run = _runs_of_short_lines(kept)
    seen = Counter(line.text for line in kept)
    dropped: dict[int, tuple[_Line, str]] = {}
    for line in candidates:
        if line.position in in_run or seen[line.text] > 1:
            continue  # lists, tables and lines a page repeats (section labels) are structure, not injected junk
        own = {_stem(w) for w in _content_words(line)}
        overlap = len(own & vocabulary) / len(own) if own else 1.0
        near = _neighbour_vocabulary(line, prose)
        near_overlap = len(own & near) / len(own) if own else 1.0
        score, cues = _keyword_score(line, overlap, near_overlap)
        if score >= KEYWORD_THRESHOLD - 1.0:
            # only a near miss pays for language identification
            if document_language is None:
                document_language = _language(" ".join(p.text for p in prose)[:400])
            line_language = _language(line.text)
            if _other_language(line_language, document_language):
                score += 1.0
                cues.append(f"in {line_language[0]}, the text in {document_language[0]}")
        if score >= KEYWORD_THRESHOLD:
            dropped[line.position] = (line, "; ".join(cues))
    return dropped


def _runs_of_short_lines(kept: list[_Line]) -> set[int]:
    """Positions of lines in runs of four or more consecutive short lines (blank lines skipped)."""
    found: set[int] = set()
    run: list[int] = []
    for line in [*kept, None]:
        if line is not None and not line.text:
            continue
        if line is not None and len(line.words) <= MAX_KEYWORD_WORDS + 3:
            run.append(line.position)
            continue
        if len(run) >= 4:
            found.update(run)
        run = []
    return found


def _neighbour_vocabulary(line: _Line, prose: list[_Line]) -> set[str]:
    """Content-word stems of the two prose lines before and the two after ``line``."""
    after = next((i for i, p in enumerate(prose) if p.position > line.position), len(prose))
    return {_stem(w) for p in prose[max(0, after - 2):after + 2] for w in _content_words(p)}


def _content_words(line: _Line) -> list[str]:
    return [w for w in line.lowered if len(w) > 2 and w not in FUNCTION_WORDS and not w.isdigit()]


def _keyword_score(line: _Line, overlap: float, near_overlap: float) -> tuple[float, list[str]]:
    words = line.lowered
    count = len(words)
    score = 0.0
    cues: list[str] = []
    if overlap == 0.0:
        score += 1.5
        cues.append("shares no word with the rest of the text")
    elif near_overlap == 0.0:
        score += 1.0
        cues.append("shares no word with the paragraphs around it")
    elif overlap <= 0.5:
        score += 0.5
        cues.append(f"shares few words with the rest ({overlap:.0%})")
    function_words = sum(w in FUNCTION_WORDS for w in words)
    if count >= 2 and function_words == 0:
        score += 1.0
        cues.append("no function words")
    elif count >= 3 and function_words / count <= 0.34:
        score += 0.6
        cues.append("few function words")
    elif count >= 4 and function_words / count <= 0.5:
        score += 0.3
    if any(w.isdigit() for w in words) and count >= 2:
        score += 0.8
        cues.append("numbers used as keywords")
    first_letter = _LETTER.search(line.text)
    if first_letter and first_letter.group(0).islower():
        score += 1.0
        cues.append("starts in lower case")
    if count == 1:
        score -= 1.0  # one-word lines are mostly headings ("Background", "Fakta")
    if any(w[:1].isupper() for w in line.words[1:]):
        score -= 0.8  # names or Title Case: a caption, credit or heading more often than a keyword string
    return score, cues


def _language(text: str) -> tuple[str, float]:
    from voxpop.enrich.language import detect_language

    return detect_language(text)


def _other_language(line: tuple[str, float], document: tuple[str, float]) -> bool:
    (code, confidence), (doc_code, doc_confidence) = line, document
    if "und" in (code, doc_code) or confidence < 0.6 or doc_confidence < 0.6:
        return False
    return _LANGUAGE_GROUP.get(code, code) != _LANGUAGE_GROUP.get(doc_code, doc_code)
