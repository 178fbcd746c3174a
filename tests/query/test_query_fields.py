"""Every row of the fields table, the value forms, vocabularies, and other tools' field names."""

from __future__ import annotations

import pytest

from voxpop.query import parse, validate
from voxpop.records import CHANNELS


def matches(query: str, **mention: object) -> bool:
    return parse(query).matches(mention)


def first_problem(query: str):  # type: ignore[no-untyped-def]
    problems = validate(query).problems
    assert problems, f"{query!r} should be refused"
    return problems[0]


# ---- author: -------------------------------------------------------------------------------------


def test_author_matches_handle_or_display_name_as_a_whole() -> None:
    mention = {"author": "@NikeRunning", "author_name": "Nike Running Café"}
    assert matches("author:nikerunning", **mention)
    assert matches("author:@NIKERUNNING", **mention)
    assert matches('author:"nike running cafe"', **mention)
    assert not matches("author:nike", **mention)
    assert not matches("author:running", **mention)


def test_author_takes_wildcards() -> None:
    mention = {"author": "nike.bsky.social", "author_name": "Nike"}
    assert matches("author:nike.*", **mention)
    assert matches("author:nik?", **mention)
    assert not matches("author:nik?", author="nikes")
    assert matches('author:"nike run*"', author_name="Nike Running")


def test_author_unknown_is_false() -> None:
    assert not matches("author:nike", text="nike")


# ---- site: ---------------------------------------------------------------------------------------


def test_site_is_the_host_or_a_subdomain() -> None:
    assert matches("site:example.com", url="https://example.com/a")
    assert matches("site:example.com", url="https://blog.EXAMPLE.com:8080/a")
    assert matches("site:Example.COM", url="http://www.example.com")
    assert not matches("site:example.com", url="https://notexample.com/")
    assert not matches("site:example.com", url="https://example.com.evil.org/")
    assert not matches("site:blog.example.com", url="https://example.com/")
    assert not matches("site:example.com", text="https://example.com")  # the mention's own URL only


def test_site_takes_an_or_list_and_wildcards() -> None:
    query = "site:(example.com OR example.org)"
    assert matches(query, url="https://example.org/x")
    assert not matches(query, url="https://example.net/x")
    assert matches("site:example.*", url="https://www.example.net/x")


def test_site_refuses_an_address_with_a_hint() -> None:
    problem = first_problem("site:https://example.com/page")
    assert problem.column == 6
    assert "site:example.com" in problem.hint and "url:" in problem.hint
    assert "subdomains" in first_problem("site:*.example.com").hint


# ---- url: ----------------------------------------------------------------------------------------


def test_url_contains_the_value_case_insensitively() -> None:
    assert matches('url:"example.com/Blog"', url="https://EXAMPLE.com/blog/post-1")
    assert matches("url:blog/post", url="https://example.com/blog/post-1")
    assert not matches('url:"example.com/shop"', url="https://example.com/blog")
    assert matches('url:"example.com/*/post"', url="https://example.com/2024/05/post")
    assert matches('url:"?id=3"', url="https://example.com/p?id=3")  # ? is literal in url:
    assert not matches('url:"?id=3"', url="https://example.com/p&id=3")


# ---- links: --------------------------------------------------------------------------------------


def test_links_is_the_host_of_any_link() -> None:
    assert matches("links:shop.example", links=["https://www.shop.example/deal"])
    assert matches("links:shop.example", text="buy at https://shop.example/x now")
    assert matches("links:shop.example", title="see www.shop.example/x")
    assert not matches("links:shop.example", url="https://shop.example/x")
    assert not matches("links:shop.example", links=["https://shop.example.net/"])
    assert matches("links:(a.org OR shop.example)", links=["https://a.org"])


# ---- title: --------------------------------------------------------------------------------------


def test_title_restricts_a_term_to_the_title() -> None:
    mention = {"title": "Apple juice recall", "text": "orange soda"}
    assert matches("title:apple", **mention)
    assert matches('title:"juice recall"', **mention)
    assert not matches("title:orange", **mention)
    assert matches("orange", **mention)
    assert matches("title:(orange OR recall)", **mention)
    assert matches("title:appl*", **mention)
    assert matches("title:{Apple}", **mention)
    assert not matches("title:{apple}", **mention)
    assert matches('title:"recall apple"~1', **mention)


def test_title_with_tags_and_handles() -> None:
    assert matches("title:#launch", title="Big #Launch", text="")
    assert not matches("title:#launch", title="", text="#launch")


# ---- lang: and language: -------------------------------------------------------------------------


def test_lang_is_the_detected_language() -> None:
    assert matches("lang:da", lang="da")
    assert matches("language:DA", lang="da")
    assert matches("lang:en", lang="en-GB")
    assert not matches("lang:da", lang="sv")
    assert not matches("lang:da")


def test_lang_no_matches_bokmal_and_nynorsk() -> None:
    assert matches("lang:no", lang="nb")
    assert matches("lang:no", lang="nn")
    assert matches("lang:no", lang="no")
    assert not matches("lang:nb", lang="nn")


def test_lang_values_are_checked() -> None:
    problem = first_problem("apple AND lang:xx")
    assert problem.column == 16
    assert "language" in problem.message
    assert validate("lang:(da OR sv OR no)").ok
    assert not validate("lang:eng").ok


# ---- country: ------------------------------------------------------------------------------------


def test_country_is_iso_3166_alpha_2() -> None:
    assert matches("country:dk", country="DK")
    assert matches("country:DK", country="dk")
    assert not matches("country:dk", country="SE")
    assert not matches("country:dk")
    problem = first_problem("country:uk")
    assert problem.column == 9 and "gb" in problem.hint
    assert not validate("country:xx").ok


# ---- channel: ------------------------------------------------------------------------------------


@pytest.mark.parametrize("channel", sorted(CHANNELS))
def test_every_channel_of_the_vocabulary_is_accepted(channel: str) -> None:
    assert matches(f"channel:{channel}", channel=channel)


def test_channel_values_are_checked() -> None:
    assert not matches("channel:reddit", channel="mastodon")
    problem = first_problem("channel:myspace")
    assert problem.column == 9 and "reddit" in problem.hint
    assert matches("channel:(reddit OR hackernews)", channel="hackernews")
    assert matches("channel:file", channel="file")


# ---- sentiment: ----------------------------------------------------------------------------------


def test_sentiment_as_enriched() -> None:
    assert matches("sentiment:negative", sentiment="negative")
    assert not matches("sentiment:negative", sentiment="neutral")
    assert not matches("sentiment:negative")  # not enriched yet: unknown
    assert matches("sentiment:(positive OR neutral)", sentiment="neutral")
    assert not validate("sentiment:angry").ok


# ---- values ----------------------------------------------------------------------------------------


def test_star_in_vocabulary_values_matches_any_characters() -> None:
    assert matches("channel:hacker*", channel="hackernews")
    assert matches("lang:n*", lang="nb")
    assert not matches("lang:n*", lang="da")
    assert not validate("channel:zz*").ok  # matches nothing in the vocabulary


def test_value_must_follow_the_colon_directly() -> None:
    problem = first_problem("site: example.com")
    assert problem.column == 1
    assert "site:example.com" in problem.hint


def test_or_list_takes_only_or() -> None:
    assert first_problem("site:(a.com AND b.com)").column == 13
    assert first_problem("site:()").column == 6
    assert first_problem("site:(a.com OR )").column == 16


def test_field_names_are_case_insensitive() -> None:
    assert matches("Site:example.com", url="https://example.com")
    assert matches("TITLE:apple", title="apple")


# ---- unknown names ---------------------------------------------------------------------------------


def test_unknown_field_hint_says_quote_it_or_use_url() -> None:
    problem = first_problem("aws AND re:invent")
    assert problem.column == 9
    assert '"re:invent"' in problem.hint
    assert "url:" in problem.hint
    assert matches('"re:invent"', text="AWS re:Invent")


def test_pasted_url_gets_a_helpful_message() -> None:
    problem = first_problem("https://example.com/page")
    assert problem.column == 1
    assert "links:" in problem.hint and "url:" in problem.hint


@pytest.mark.parametrize(
    ("query", "equivalent"),
    [("authorGroup:competitors", "author:"), ("pageType:forum", "channel:"), ("domain:example.com", "site:"),
     ("sourcetype:news", "channel:"), ("inurl:blog", "url:"), ("headline:apple", "title:"),
     ("tonality:negative", "sentiment:")],
)
def test_other_tools_fields_name_the_voxpop_equivalent(query: str, equivalent: str) -> None:
    problem = first_problem(query)
    assert problem.column == 1
    assert equivalent in problem.message + problem.hint


def test_other_tools_fields_without_equivalent_say_so() -> None:
    problem = first_problem("apple AND followers:1000")
    assert problem.column == 11
    assert "no equivalent" in problem.message


def test_www_address_as_a_term_warns() -> None:
    result = validate("www.example.com")
    assert result.ok
    assert "links:example.com" in result.warnings[0].hint
