"""The web connector's pure parts: decoding pages, canonical URLs, sitemap order."""

from __future__ import annotations

import lxml.html

from voxpop.sources.web.parse import canonical_url, decode_html, newest_first


def test_decode_html_follows_bom_then_header_then_meta_then_utf8():
    assert decode_html("<p>æ</p>".encode(), None) == "<p>æ</p>"
    assert decode_html("<p>æ</p>".encode("latin-1"), "iso-8859-1") == "<p>æ</p>"
    meta = '<meta charset="windows-1252"><p>€</p>'.encode("cp1252")
    assert decode_html(meta, None).endswith("<p>€</p>")
    assert decode_html(b"\xef\xbb\xbf<p>x</p>", "latin-1") == "<p>x</p>"
    assert decode_html("<p>ø</p>".encode("latin-1"), None) == "<p>ø</p>"  # not UTF-8: cp1252
    assert decode_html(b'<?xml version="1.0" encoding="utf-8"?><html/>', None) == "<html/>"
    assert decode_html("<p>æ</p>".encode(), "no-such-charset") == "<p>æ</p>"


def test_canonical_url_only_on_the_same_site():
    def page(href: str):
        return lxml.html.document_fromstring(f'<html><head><link rel="canonical" href="{href}"></head></html>')

    final = "https://www.e.org/a?utm=1#top"
    assert canonical_url(page("/a"), final) == "https://www.e.org/a"
    assert canonical_url(page("https://e.org/a"), final) == "https://e.org/a"
    assert canonical_url(page("https://other.org/a"), final) == "https://www.e.org/a?utm=1"
    assert canonical_url(page("javascript:x"), final) == "https://www.e.org/a?utm=1"


def test_newest_first_puts_undated_and_unreadable_last_in_order():
    entries = [
        ("a", None),
        ("b", "2024-01-01"),
        ("c", "2024-03-01T10:00:00+01:00"),
        ("d", "yesterday"),
        ("e", None),
    ]
    assert [loc for loc, _ in newest_first(entries)] == ["c", "b", "d", "a", "e"]
