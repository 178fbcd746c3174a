"""The ``name:value`` fields: which names exist, what their values may be, and the node each makes.

Names from other listening tools (Brandwatch, Talkwalker, Meltwater) are known too, so that a
pasted query gets an error naming the voxpop equivalent instead of a bare "unknown field".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from voxpop.query.document import host_of
from voxpop.query.lexer import Kind, Token
from voxpop.query.nodes import (
    AuthorField,
    CodeField,
    Field,
    LinksField,
    Node,
    Or,
    SiteField,
    TitleField,
    UrlField,
)
from voxpop.query.text import fold
from voxpop.query.vocabularies import (
    CHANNEL_NAMES,
    COUNTRIES,
    COUNTRY_SUGGESTIONS,
    LANGUAGE_INCLUDES,
    LANGUAGES,
    SENTIMENT_NAMES,
)
from voxpop.query.wildcard import Glob

#: The fields of the language (``language`` is another name for ``lang``).
FIELDS = frozenset({"author", "site", "url", "links", "title", "lang", "language", "country", "channel", "sentiment"})

_NO_FIELD = "voxpop searches the title and text without a field: write the term on its own"
#: Fields of other tools → (voxpop equivalent or None, a hint).
FOREIGN: dict[str, tuple[str | None, str]] = {
    "authorgroup": (None, "voxpop has no author groups: list the authors, author:(name OR name)"),
    "pagetype": ("channel:", "e.g. channel:reddit or channel:(news OR blog)"),
    "sourcetype": ("channel:", "e.g. channel:reddit or channel:(news OR blog)"),
    "source_type": ("channel:", "e.g. channel:reddit or channel:(news OR blog)"),
    "mediatype": ("channel:", "e.g. channel:news"),
    "contentsource": ("channel:", "e.g. channel:twitter"),
    "sitetype": ("channel:", "e.g. channel:forum"),
    "source": ("channel: or site:", "channel:reddit for a network, site:example.com for a website"),
    "network": ("channel:", "e.g. channel:mastodon"),
    "platform": ("channel:", "e.g. channel:bluesky"),
    "domain": ("site:", "e.g. site:example.com (subdomains included)"),
    "host": ("site:", "e.g. site:example.com (subdomains included)"),
    "hostname": ("site:", "e.g. site:example.com (subdomains included)"),
    "inurl": ("url:", 'e.g. url:"example.com/path"'),
    "link": ("links:", "e.g. links:example.com"),
    "linkurl": ("links:", "e.g. links:example.com"),
    "expandedurl": ("links:", "e.g. links:example.com"),
    "intitle": ("title:", 'e.g. title:apple or title:"apple juice"'),
    "headline": ("title:", 'e.g. title:apple or title:"apple juice"'),
    "authorname": ("author:", 'e.g. author:nike or author:"Nike Running"'),
    "username": ("author:", "e.g. author:nike"),
    "screenname": ("author:", "e.g. author:nike"),
    "from": ("author:", "e.g. author:nike"),
    "handle": ("author: or @handle", "author:nike for posts by it, @nike for posts mentioning it"),
    "hashtag": ("#tag", "write the tag itself, e.g. #blackfriday"),
    "hashtags": ("#tag", "write the tag itself, e.g. #blackfriday"),
    "mention": ("@handle", "write the handle itself, e.g. @nike"),
    "mentions": ("@handle", "write the handle itself, e.g. @nike"),
    "tone": ("sentiment:", "sentiment:positive, sentiment:neutral or sentiment:negative"),
    "tonality": ("sentiment:", "sentiment:positive, sentiment:neutral or sentiment:negative"),
    "location": ("country:", "voxpop knows the country only, e.g. country:dk"),
    "geolocation": ("country:", "voxpop knows the country only, e.g. country:dk"),
    "region": ("country:", "voxpop knows the country only, e.g. country:dk"),
    "city": ("country:", "voxpop knows the country only, e.g. country:dk"),
    "continent": ("country:", "list the countries, e.g. country:(dk OR se OR no)"),
    "sourcecountry": ("country:", "e.g. country:dk"),
    "authorcountry": ("country:", "e.g. country:dk"),
    "languages": ("lang:", "e.g. lang:da"),
    "body": (None, _NO_FIELD),
    "text": (None, _NO_FIELD),
    "content": (None, _NO_FIELD),
    "bodytext": (None, _NO_FIELD),
    "fulltext": (None, _NO_FIELD),
}
for _name in ("followers", "authorfollowers", "engagement", "impressions", "reach", "likes", "shares",
              "date", "published", "gender", "age", "interest", "interests", "profession", "verified",
              "authorverified", "subreddit", "parentpostid", "threadid", "rating", "category", "categories",
              "impact", "tweettype", "retweetsof", "replyto", "blogname", "pageid", "accounttype"):
    FOREIGN[_name] = (None, "remove it; filter on it in the mention list or an export instead")

_URL_NAMES = frozenset({"http", "https", "ftp", "www"})

Report = Callable[[int, str, str], None]
BuildTerm = Callable[[Token], Node]


@dataclass(frozen=True, slots=True)
class Value:
    """One value of a field as written: its text (quotes removed), where it is, and its token."""

    text: str
    pos: int
    token: Token


def field_node(name: str, pos: int, label: str, values: list[Value], build_term: BuildTerm, report: Report) -> Node:
    """The node for ``name:`` with its values; problems go to ``report`` (and a node that never
    matches stands in, so that parsing can go on and find the other problems)."""
    lowered = name.lower()
    if lowered not in FIELDS:
        _unknown(name, lowered, pos, label, report)
        return CodeField(pos, label, "channel", frozenset())
    if lowered == "title":
        terms = [build_term(v.token) for v in values]
        return TitleField(pos, label, terms[0] if len(terms) == 1 else Or(terms[0].pos, terms))
    if lowered == "author":
        return AuthorField(pos, label, [g for v in values if (g := _author_glob(v, report))])
    if lowered in ("site", "links"):
        globs = [g for v in values if (g := _host_glob(lowered, v, report))]
        return SiteField(pos, label, globs) if lowered == "site" else LinksField(pos, label, globs)
    if lowered == "url":
        return UrlField(pos, label, [g for v in values if (g := _url_glob(v, report))])
    attribute = "lang" if lowered == "language" else lowered
    codes: set[str] = set()
    for value in values:
        codes |= _codes(attribute, value, report)
    return CodeField(pos, label, attribute, frozenset(codes))


def _unknown(name: str, lowered: str, pos: int, label: str, report: Report) -> None:
    if lowered in FOREIGN:
        equivalent, hint = FOREIGN[lowered]
        if equivalent:
            report(pos, f"'{name}:' is a field of another tool; in voxpop use {equivalent}", hint)
        else:
            report(pos, f"'{name}:' is a field of another tool and voxpop has no equivalent", hint)
        return
    if lowered in _URL_NAMES:
        report(pos, f"'{label}' looks like a web address; addresses are not searched as words",
               'use links:example.com (mentions linking there), site:example.com or url:"example.com/page"')
        return
    quoted = label.replace('"', "")
    report(pos, f"unknown field '{name}:'",
           f'to search the text, put it in quotes: "{quoted}"; to match a web address use url:"…"; '
           f"fields are {', '.join(sorted(FIELDS - {'language'}))}")


def _leading_wildcard(value: Value, field: str, report: Report, hint: str = "", *, single: bool = True) -> bool:
    if value.text[:1] == "*" or (single and value.text[:1] == "?"):
        report(value.pos, f"{field}: a value cannot start with a wildcard", hint or "put at least one letter first")
        return True
    return False


def _author_glob(value: Value, report: Report) -> Glob | None:
    text = " ".join(value.text.strip().removeprefix("@").split())
    if not text:
        report(value.pos, "author: needs a handle or name", 'e.g. author:nike or author:"Nike Running"')
        return None
    if _leading_wildcard(Value(text, value.pos, value.token), "author", report):
        return None
    return Glob(fold(text))


def _host_glob(field: str, value: Value, report: Report) -> Glob | None:
    text = value.text.strip().lower()
    if "://" in text or "/" in text:
        host = host_of(text) or "example.com"
        report(value.pos, f"{field}: takes a host name, not a web address",
               f'write {field}:{host} for the whole site, or url:"{text}" for this address')
        return None
    if _leading_wildcard(Value(text, value.pos, value.token), field, report,
                         f"{field}: already includes subdomains: {field}:{text.lstrip('*.') or 'example.com'}",
                         single=False):
        return None
    host = text.strip(".")
    if not host or any(c.isspace() or c in "@:" for c in host):
        report(value.pos, f"{field}: '{value.text}' is not a host name", f"e.g. {field}:example.com")
        return None
    return Glob(host, single=None)


def _url_glob(value: Value, report: Report) -> Glob | None:
    text = value.text.strip().casefold()
    if not text:
        report(value.pos, "url: needs part of a web address", 'e.g. url:"example.com/blog"')
        return None
    if _leading_wildcard(Value(text, value.pos, value.token), "url", report,
                         "url: already matches anywhere in the address: remove the leading *", single=False):
        return None
    return Glob(text, single=None)


_VOCABULARIES: dict[str, tuple[frozenset[str], str, str]] = {
    "lang": (LANGUAGES, "language", "a two-letter ISO 639-1 code such as en, da, de, sv, no"),
    "country": (COUNTRIES, "country", "a two-letter ISO 3166 code such as dk, us, gb, de"),
    "channel": (CHANNEL_NAMES, "channel", "one of " + ", ".join(sorted(CHANNEL_NAMES))),
    "sentiment": (SENTIMENT_NAMES, "sentiment", "positive, neutral or negative"),
}


def _codes(attribute: str, value: Value, report: Report) -> set[str]:
    vocabulary, noun, hint = _VOCABULARIES[attribute]
    text = value.text.strip().lower()
    if _leading_wildcard(Value(text, value.pos, value.token), attribute, report, hint):
        return set()
    if "*" in text or "?" in text:
        glob = Glob(text)
        found = {code for code in vocabulary if glob.match(code)}
    else:
        found = {text} if text in vocabulary else set()
    if not found:
        suggestion = COUNTRY_SUGGESTIONS.get(text) if attribute == "country" else None
        report(value.pos, f"unknown {noun} '{value.text.strip()}' for {attribute}:",
               f"use {suggestion}" if suggestion and len(suggestion) == 2 else f"use {hint}")
        return set()
    if attribute == "lang":
        for code in list(found):
            found |= LANGUAGE_INCLUDES.get(code, frozenset())
    return found


def is_value_token(token: Token) -> bool:
    """Tokens that can be a field's value."""
    return token.kind in (Kind.TERM, Kind.QUOTED, Kind.EXACT)


__all__ = ["FIELDS", "FOREIGN", "Field", "Value", "field_node", "is_value_token"]
