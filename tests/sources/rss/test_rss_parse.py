"""The rss connector's pure parts: HTML to text, advertised feeds, entry keys."""

from __future__ import annotations

from voxpop.sources.html import html_to_text
from voxpop.sources.rss.parse import entry_key, feed_alternates, looks_like_html


def test_html_to_text_keeps_paragraphs_and_drops_markup_scripts_and_comments():
    markup = (
        "<h2>Head</h2><!-- a comment --><p>One &amp; <b>two</b></p>"
        "<script>alert(1)</script><style>p{}</style><ul><li>a</li><li>b</li></ul>"
        "<p>Line<br/>break   and\n  spaces</p>tail"
    )
    assert html_to_text(markup) == "Head\n\nOne & two\n\na\n\nb\n\nLine\nbreak and spaces\n\ntail"


def test_html_to_text_of_plain_text_and_nothing():
    assert html_to_text("just  text") == "just text"
    assert html_to_text("") == "" and html_to_text(None) == ""
    assert html_to_text("<p></p>") == ""


def test_html_to_text_keeps_line_breaks_inside_pre_only():
    assert html_to_text("<p>a\n b</p><pre>x = 1\ny = 2</pre>") == "a b\n\nx = 1\ny = 2"


def test_html_to_text_is_bounded_on_deep_nesting():
    assert html_to_text("<div>" * 200 + "deep" + "</div>" * 200) == "deep"
    # libxml2 stops nesting at 256 levels; what lies deeper is dropped, nothing overflows
    assert html_to_text("<div>" * 5000 + "deep" + "</div>" * 5000) == ""


def test_feed_alternates_are_absolute_and_only_feeds():
    page = b"""<html><head>
      <link rel="alternate" type="application/rss+xml" href="/rss">
      <link rel="alternate" hreflang="de" href="/de/">
      <link rel="alternate" type="application/atom+xml" href="javascript:alert(1)">
      <link rel="Alternate" type="application/atom+xml" href="atom.xml"></head></html>"""
    assert feed_alternates(page, base_url="https://e.org/blog/") == [
        "https://e.org/rss",
        "https://e.org/blog/atom.xml",
    ]


def test_looks_like_html():
    assert looks_like_html(b"\xef\xbb\xbf  <!-- x -->\n<!DOCTYPE html><html>")
    assert looks_like_html(b"<html lang=en>")
    assert not looks_like_html(b'<?xml version="1.0"?><rss version="2.0">')


def test_entry_key_prefers_id_then_link_then_content():
    assert entry_key({"id": " g1 ", "link": "https://e.org/1"}, title="t", summary="s") == "g1"
    assert entry_key({"link": "https://e.org/1"}, title="t", summary="s") == "https://e.org/1"
    keyed = entry_key({}, title="t", summary="s")
    assert keyed == entry_key({}, title="t", summary="s") != entry_key({}, title="t", summary="x")
    assert entry_key({"id": "x" * 600}, title=None, summary=None).startswith("sha:")
