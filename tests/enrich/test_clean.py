"""The clean step: boilerplate and junk lines out, each with its reason; real text kept."""

from __future__ import annotations

from voxpop.enrich.clean import STEP, VERSION, CleanResult, clean_html, clean_text_lines

DANISH_PAGE = """Forside > Nyheder > Indland
Regeringen vil hæve afgiften på cigaretter fra næste år, oplyser skatteministeren.
numerologi nummer 4
Forslaget skal forhandles med partierne i næste uge, og flere har allerede sagt ja.
333 kristen betydning
<%WritePageName%>
Afgiften stiger med 10 kroner per pakke, viser regeringens udspil. {{title}}
Del med dine venner:
Facebook Twitter LinkedIn
No comments: Post a Comment
Vi bruger cookies til at forbedre din oplevelse. Accepter alle cookies
Tilmeld dig vores nyhedsbrev
Afgiften blev sidst hævet i 2020, og salget faldt dengang med en femtedel."""


def test_step_name_and_version() -> None:
    assert (STEP, VERSION) == ("clean", "1.0.0")


def test_a_page_with_every_kind_of_noise() -> None:
    result = clean_text_lines(DANISH_PAGE)
    assert result.text.split("\n") == [
        "Regeringen vil hæve afgiften på cigaretter fra næste år, oplyser skatteministeren.",
        "Forslaget skal forhandles med partierne i næste uge, og flere har allerede sagt ja.",
        "Afgiften stiger med 10 kroner per pakke, viser regeringens udspil.",
        "Afgiften blev sidst hævet i 2020, og salget faldt dengang med en femtedel.",
    ]
    reasons = {(r.line, r.reason, r.position) for r in result.removed}
    assert reasons == {
        ("Forside > Nyheder > Indland", "navigation", 0),
        ("numerologi nummer 4", "seo_keywords", 2),
        ("333 kristen betydning", "seo_keywords", 4),
        ("<%WritePageName%>", "template_tag", 5),
        ("{{title}}", "template_tag", 6),
        ("Del med dine venner:", "share_widget", 7),
        ("Facebook Twitter LinkedIn", "share_widget", 8),
        ("No comments: Post a Comment", "comment_form", 9),
        ("Vi bruger cookies til at forbedre din oplevelse. Accepter alle cookies", "cookie_notice", 10),
        ("Tilmeld dig vores nyhedsbrev", "subscribe", 11),
    }
    assert all(r.detail for r in result.removed)


def test_widgets_and_forms_in_other_languages() -> None:
    body = "Die Bahn erhöht im Dezember die Preise für Fernverkehrstickets um durchschnittlich fünf Prozent."
    for junk, reason in [
        ("Teilen", "share_widget"), ("Auf Facebook teilen", "share_widget"), ("Dela på Facebook", "share_widget"),
        ("Share this:", "share_widget"), ("Partager sur Facebook", "share_widget"), ("Leave a reply", "comment_form"),
        ("Lascia un commento", "comment_form"), ("Newsletter abonnieren", "subscribe"), ("Back to top", "navigation"),
        ("Artículo anterior", "navigation"), ("Lesen Sie auch: Die Bahn streicht Verbindungen", "related_link"),
    ]:
        result = clean_text_lines(f"{body}\n{junk}\n{body}")
        assert [(r.line, r.reason) for r in result.removed] == [(junk, reason)], junk


def test_template_tags_of_several_engines() -> None:
    for tag in ["{{title}}", "[[Kategori:Nyheder]]", "${article.author}", "{% block content %}", "%%sitename%%",
                "<?php echo $title; ?>"]:
        result = clean_text_lines(f"Første afsnit handler om vejret i dag.\n{tag}\nAndet afsnit handler om trafikken.")
        assert [r.reason for r in result.removed] == ["template_tag"], tag
        assert tag not in result.text


def test_seo_lines_are_judged_by_their_context_in_other_languages() -> None:
    swedish = ("Sveriges riksbank höjde styrräntan på torsdagen för att bromsa inflationen.\n"
               "änglanummer 777 betydelse\n"
               "Beslutet väntades av de flesta ekonomer, men kronan stärktes ändå något.")
    assert [r.line for r in clean_text_lines(swedish).removed] == ["änglanummer 777 betydelse"]
    # an English keyword string in a German article: also another language than the text
    german = ("Der Stadtrat hat am Montag den neuen Haushalt für das kommende Jahr beschlossen.\n"
              "cheap flights london paris\n"
              "Die Opposition kritisierte vor allem die geplanten Kürzungen bei den Schulen.")
    assert [r.reason for r in clean_text_lines(german).removed] == ["seo_keywords"]


def test_headings_lists_and_tables_are_real_text() -> None:
    article = """The city council approved the new budget on Monday after a long debate.
Budget details
The budget raises spending on schools by four percent and cuts road maintenance.
Ingredients
1 cup flour
2 eggs
1 tsp cinnamon
1 tsp nutmeg
Pos. Driver Points
1 Kyle Busch 5040
2 Martin Truex Jr. 5035
3 Kevin Harvick 5033
4 Denny Hamlin 5027
| Pos. | Driver | Points |
| 1 | Kyle Busch | 5040 |
Photo: Jane Doe
What happens next?
The council will vote again in March, when the final figures are known."""
    result = clean_text_lines(article)
    assert result.removed == []
    assert result.text == article


def test_short_posts_pass_through() -> None:
    post = "Har lige prøvet den nye havre latte hos Starbucks og den smager af pap #kaffe"
    assert clean_text_lines(post) == CleanResult(post, [])
    tagged = clean_text_lines("Velkommen til {{shop_name}} – vi har åbent i dag")
    assert tagged.text == "Velkommen til – vi har åbent i dag"
    assert [r.line for r in tagged.removed] == ["{{shop_name}}"]


def test_nothing_is_lost_silently() -> None:
    lines = DANISH_PAGE.split("\n")
    result = clean_text_lines(DANISH_PAGE)
    whole = {r.position for r in result.removed if r.line == lines[r.position]}
    kept = result.text.split("\n")
    # every input line is either kept (possibly without a template tag) or listed as removed
    for position, line in enumerate(lines):
        assert position in whole or any(k in line for k in kept), line


def test_clean_html_extracts_then_cleans() -> None:
    html = """<html><head><title>Afgift</title></head><body>
    <nav><a href="/">Forside</a> <a href="/nyheder">Nyheder</a></nav>
    <article><h1>Afgiften på cigaretter stiger</h1>
    <p>Regeringen vil hæve afgiften på cigaretter fra næste år, oplyser skatteministeren i en pressemeddelelse.</p>
    <p>numerologi nummer 4</p>
    <p>Forslaget skal forhandles med partierne i næste uge, og flere partier har allerede sagt ja til det.</p>
    <p>Del med dine venner:</p>
    <p>Afgiften blev sidst hævet i 2020, og salget af cigaretter faldt dengang med omkring en femtedel.</p>
    </article><footer>Kontakt os</footer></body></html>"""
    result = clean_html(html, url="https://example.dk/afgift")
    assert "Regeringen vil hæve afgiften" in result.text
    assert "salget af cigaretter faldt" in result.text
    assert {(r.line, r.reason) for r in result.removed} == {
        ("numerologi nummer 4", "seo_keywords"), ("Del med dine venner:", "share_widget")}
