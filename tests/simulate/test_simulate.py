"""The demo-stream simulator: reproducible, realistic in shape, and accepted by the file importer."""

from __future__ import annotations

import io
import os
import re
import statistics
import string
import subprocess
import sys
import time
import tracemalloc
from collections import Counter, defaultdict
from datetime import UTC, datetime, timedelta

import orjson
import pytest

from voxpop.simulate import (
    Brand,
    Crisis,
    SimulationConfig,
    SimulationConfigError,
    simulate,
    simulate_with_truth,
    write_ndjson,
)
from voxpop.simulate.banks import SOCIAL, news
from voxpop.simulate.text import SeenTexts, finnish_forms
from voxpop.sources.file.parse import RecordParser

REQUIRED_LANGUAGES = ("da", "sv", "nb", "fi", "en", "de", "fr", "es", "it")
CHANNELS = {"rss", "web", "news", "blog", "forum", "mastodon", "bluesky", "reddit", "hackernews", "review"}
STAMP = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")
URLS = {
    "mastodon": re.compile(r"^https://[a-z0-9.\-]+/@[\w.\-]+/\d{15,}$"),
    "bluesky": re.compile(r"^https://bsky\.app/profile/[a-z0-9.\-]+/post/[2-7a-z]{13}$"),
    "reddit": re.compile(r"^https://www\.reddit\.com/r/\w+/comments/[0-9a-z]+/([a-z0-9\-]+|comment/[0-9a-z]+)/$"),
    "hackernews": re.compile(r"^https://news\.ycombinator\.com/item\?id=\d+$"),
    "forum": re.compile(r"^https://[a-z0-9.\-]+/t/[a-z0-9\-]+/\d+/\d+$"),
    "review": re.compile(r"^https://[a-z]{2}\.trustpilot\.com/reviews/[0-9a-f]{24}$"),
    "blog": re.compile(r"^https://[a-z0-9.\-]+/\d{4}/\d{2}/[a-z0-9\-]+/$"),
    "news": re.compile(r"^https://[a-z0-9.\-]+/[a-z]+/\d{4}/\d{2}/\d{2}/[a-z0-9\-]+$"),
    "web": re.compile(r"^https://[a-z0-9.\-]+/[a-z]+/[a-z0-9\-]+-\d+\.html$"),
}
URLS["rss"] = re.compile(f"{URLS['news'].pattern}|{URLS['blog'].pattern}")

CONFIG = SimulationConfig(count=20_000, seed=11)


@pytest.fixture(scope="module")
def stream():
    started = time.perf_counter()
    items = list(simulate_with_truth(CONFIG))
    elapsed = time.perf_counter() - started
    print(f"\nsimulated {len(items)} mentions in {elapsed:.2f} s ({len(items) / elapsed:,.0f}/s)")
    return items


@pytest.fixture(scope="module")
def manifest():
    return CONFIG.manifest()


def _at(stamp: str) -> datetime:
    return datetime.fromisoformat(stamp.replace("Z", "+00:00"))


def _hourly(items, keep) -> Counter[datetime]:
    counts: Counter[datetime] = Counter()
    for record, truth in items:
        if keep(record, truth):
            counts[_at(record["published_at"]).replace(minute=0, second=0)] += 1
    return counts


# -- reproducibility ---------------------------------------------------------------------------


def test_same_seed_writes_identical_bytes_and_another_seed_does_not():
    def written(seed: int) -> bytes:
        buffer = io.BytesIO()
        write_ndjson(SimulationConfig(count=2_000, seed=seed), buffer)
        return buffer.getvalue()

    first, again, other = written(5), written(5), written(6)
    assert first == again
    assert first != other
    assert first.count(b"\n") == other.count(b"\n") == 2_000


def test_output_does_not_depend_on_the_process_hash_seed():
    program = (
        "import hashlib, io\n"
        "from voxpop.simulate import SimulationConfig, write_ndjson\n"
        "buffer = io.BytesIO()\n"
        "write_ndjson(SimulationConfig(count=1_500, seed=5), buffer)\n"
        "print(hashlib.sha256(buffer.getvalue()).hexdigest())\n"
    )
    digests = {
        subprocess.run([sys.executable, "-c", program], env={**os.environ, "PYTHONHASHSEED": hash_seed},
                       capture_output=True, text=True, check=True).stdout
        for hash_seed in ("0", "4242")
    }
    assert len(digests) == 1


def test_write_ndjson_writes_what_simulate_yields_and_counts_it():
    cfg = SimulationConfig(count=3_000, seed=2)
    buffer = io.BytesIO()
    stats = write_ndjson(cfg, buffer)
    lines = buffer.getvalue().splitlines(keepends=True)
    assert [orjson.loads(line) for line in lines] == list(simulate(cfg))
    assert stats.count == len(lines) == 3_000
    assert stats.bytes == len(buffer.getvalue())
    assert stats.languages == Counter(orjson.loads(line)["lang"] for line in lines)
    assert stats.channels == Counter(orjson.loads(line)["channel"] for line in lines)
    assert stats.first_published_at == orjson.loads(lines[0])["published_at"]
    assert stats.last_published_at == orjson.loads(lines[-1])["published_at"]
    buffer.getvalue().decode("utf-8")  # UTF-8 throughout


def test_truth_file_lines_up_with_the_mentions():
    cfg = SimulationConfig(count=1_500, seed=4)
    mentions, truths = io.BytesIO(), io.BytesIO()
    write_ndjson(cfg, mentions, truth=truths)
    records = [orjson.loads(line) for line in mentions.getvalue().splitlines()]
    facts = [orjson.loads(line) for line in truths.getvalue().splitlines()]
    assert [fact["id"] for fact in facts] == [record["id"] for record in records]
    assert {fact["kind"] for fact in facts} >= {"organic", "article", "spam"}


def test_count_none_is_days_times_daily_rate_inside_the_window():
    end = datetime(2025, 3, 1, 12, 30, tzinfo=UTC)
    cfg = SimulationConfig(days=3, daily_rate=150, seed=3, end=end)
    records = list(simulate(cfg))
    assert len(records) == 450 == cfg.total()
    assert all(end - timedelta(days=3) <= _at(r["published_at"]) <= end for r in records)


# -- the interchange format --------------------------------------------------------------------


def test_every_record_has_the_interchange_fields_with_the_right_types(stream):
    start, end = CONFIG.start, CONFIG.end
    for record, _ in stream:
        assert isinstance(record["id"], str) and record["id"]
        assert isinstance(record["url"], str) and record["url"].startswith("https://")
        assert isinstance(record["author"], str) and record["author"]
        assert record["title"] is None or (isinstance(record["title"], str) and record["title"])
        assert isinstance(record["text"], str) and record["text"].strip()
        assert STAMP.match(record["published_at"])
        assert start <= _at(record["published_at"]) <= end
        assert record["lang"] in REQUIRED_LANGUAGES
        assert record["channel"] in CHANNELS
        for name in ("likes", "shares", "replies", "views", "author_followers"):
            if name in record:
                assert type(record[name]) is int and record[name] >= 0, (name, record)
        if "author_name" in record:
            assert isinstance(record["author_name"], str) and record["author_name"]
        if "country" in record:
            assert re.fullmatch(r"[A-Z]{2}", record["country"])
        if "sentiment" in record:
            assert record["sentiment"] in {"positive", "neutral", "negative"}


def test_long_forms_have_titles_and_short_posts_do_not(stream):
    for record, _ in stream:
        if record["channel"] in ("news", "blog", "web", "review"):
            assert record["title"], record
        if record["channel"] in ("mastodon", "bluesky", "hackernews"):
            assert record["title"] is None
        if record["channel"] == "bluesky":
            assert len(record["text"]) <= 300


def test_ids_are_unique(stream):
    ids = [record["id"] for record, _ in stream]
    assert len(set(ids)) == len(ids)


def test_records_come_in_published_at_order(stream):
    stamps = [record["published_at"] for record, _ in stream]
    assert stamps == sorted(stamps)


def test_urls_and_handles_look_like_the_channel_they_come_from(stream):
    handles = {
        "mastodon": re.compile(r"^\w+@[a-z0-9.\-]+$"),
        "bluesky": re.compile(r"^[a-z0-9\-]+\.bsky\.social$"),
        "reddit": re.compile(r"^[A-Za-z0-9_\-]+$"),
        "hackernews": re.compile(r"^[A-Za-z0-9_\-]+$"),
    }
    for record, _ in stream:
        assert URLS[record["channel"]].match(record["url"]), record["url"]
        if record["channel"] in handles:
            assert handles[record["channel"]].match(record["author"]), record["author"]


def test_output_is_accepted_by_the_file_importer(stream):
    parser = RecordParser(now=CONFIG.end)
    for record, _ in stream[::7]:
        draft = parser.parse(record, orjson.dumps(record))
        assert draft.channel == record["channel"]
        assert draft.external_id == record["id"]


# -- content -----------------------------------------------------------------------------------


def test_all_required_languages_are_well_represented(stream):
    languages = Counter(record["lang"] for record, _ in stream)
    for lang in REQUIRED_LANGUAGES:
        assert languages[lang] >= 0.02 * len(stream), (lang, languages)


def test_mean_text_length_is_at_least_200_characters(stream):
    assert statistics.mean(len(record["text"]) for record, _ in stream) >= 200


def test_texts_are_distinct_except_deliberate_copies(stream):
    texts = Counter(
        record["text"] for record, truth in stream if truth.kind not in ("syndicated", "translated", "spam")
    )
    repeated = [text for text, count in texts.items() if count > 1]
    assert repeated == []


def test_every_mention_names_its_brand(stream):
    names = {brand.name: (brand.name, *brand.aliases, *brand.products) for brand in CONFIG.brands}
    for record, truth in stream:
        text = f"{record['title'] or ''} {record['text']}"
        assert any(name in text for name in names[truth.brand]), (truth, text)


def test_syndicated_copies_repeat_an_earlier_article_elsewhere(stream):
    by_id = {record["id"]: (record, truth) for record, truth in stream}
    copies = [(record, truth) for record, truth in stream if truth.kind == "syndicated"]
    assert len(copies) >= 50
    verbatim = 0
    for record, truth in copies:
        original, _ = by_id[truth.original_id]
        assert original["published_at"] <= record["published_at"]
        assert original["url"] != record["url"] and original["author"] != record["author"]
        assert original["lang"] == record["lang"] and original["title"] == record["title"]
        assert original["text"].split("\n\n")[0] == record["text"].split("\n\n")[0]
        verbatim += original["text"] == record["text"]
    assert 0.2 * len(copies) < verbatim < 0.9 * len(copies)


def test_translated_copies_say_the_same_in_other_languages(stream):
    by_id = {record["id"]: record for record, _ in stream}
    versions: dict[str, set[str]] = defaultdict(set)
    for record, truth in stream:
        if truth.kind == "translated":
            original = by_id[truth.original_id]
            assert record["lang"] != original["lang"]
            versions[truth.original_id] |= {original["lang"], record["lang"]}
            # A translation keeps the figures: the same numbers, in the same order.
            def numbers(text: str) -> list[str]:
                return re.findall(r"\d+", text.replace(".", "").replace(",", "").replace(" ", ""))

            original_lead = original["text"].split("\n\n")[0]
            lead = record["text"].split("\n\n")[0]
            assert sorted(numbers(original_lead)) == sorted(numbers(lead))
    assert len(versions) >= 30
    assert all(2 <= len(languages) <= 5 for languages in versions.values())
    assert any(len(languages) >= 3 for languages in versions.values())


def test_spam_is_three_to_five_percent_with_texts_shared_across_authors(stream):
    spam = [(record, truth) for record, truth in stream if truth.kind == "spam"]
    assert 0.03 <= len(spam) / len(stream) <= 0.05
    authors_by_text: dict[str, set[str]] = defaultdict(set)
    for record, _ in spam:
        authors_by_text[record["text"]].add(record["author"])
    assert max(len(authors) for authors in authors_by_text.values()) >= 5
    assert {truth.event for _, truth in spam} == {"giveaway", "crypto", "link_farm", "stuffing", "copypasta"}


def test_exported_sentiment_mostly_agrees_with_the_truth(stream):
    labelled = [(record["sentiment"], truth.sentiment) for record, truth in stream if "sentiment" in record]
    assert 0.2 * len(stream) < len(labelled) < 0.4 * len(stream)
    agreement = sum(label == truth for label, truth in labelled) / len(labelled)
    assert 0.7 < agreement < 0.95


def test_authors_are_zipf_like_with_some_big_accounts(stream):
    posts = Counter(record["author"] for record, truth in stream if truth.kind == "organic")
    ranked = [count for _, count in posts.most_common()]
    assert ranked[0] >= 10 * statistics.median(ranked)
    assert ranked[0] < 0.05 * sum(ranked)  # nobody dominates the conversation
    followers = [record["author_followers"] for record, _ in stream if "author_followers" in record]
    assert max(followers) > 20_000 and statistics.median(followers) < 500


# -- shape in time -----------------------------------------------------------------------------


def test_nights_are_quieter_than_days_and_weekends_quieter_than_weekdays(stream):
    nordic = {"da", "sv", "nb", "de"}  # one time zone, UTC+1/+2
    by_hour = Counter(
        _at(r["published_at"]).hour for r, t in stream if t.kind == "organic" and r["lang"] in nordic
    )
    night = sum(by_hour[h] for h in (0, 1, 2, 3))
    day = sum(by_hour[h] for h in (9, 10, 11, 12))
    assert night < 0.35 * day
    by_date = Counter(_at(r["published_at"]).date() for r, t in stream if t.kind == "organic")
    weekend = [n for d, n in by_date.items() if d.weekday() >= 5]
    weekday = [n for d, n in by_date.items() if d.weekday() < 5]
    assert statistics.mean(weekend) < 0.85 * statistics.mean(weekday)


def test_crises_are_bursts_of_negative_mentions_about_one_issue(stream, manifest):
    assert len(manifest["crises"]) >= 1
    for crisis in manifest["crises"]:
        brand, start = crisis["brand"], _at(crisis["start"])
        window = (start, start + timedelta(hours=24))
        before = (start - timedelta(days=7), start)

        def inside(record, span):
            return span[0] <= _at(record["published_at"]) < span[1]

        during = [(r, t) for r, t in stream if t.brand == brand and inside(r, window)]
        baseline = [(r, t) for r, t in stream if t.brand == brand and inside(r, before)]
        assert len(during) / 24 > 4 * len(baseline) / (7 * 24), brand
        negative_during = sum(t.sentiment == "negative" for _, t in during) / len(during)
        negative_before = sum(t.sentiment == "negative" for _, t in baseline) / len(baseline)
        assert negative_during > 0.75 and negative_before < 0.45, (brand, negative_during, negative_before)

        posts = [(r, t) for r, t in during if t.kind == "crisis"]
        languages = {r["lang"] for r, _ in posts}
        assert len(languages) >= 4
        for record, _ in posts:
            terms = crisis["terms"][record["lang"]]
            assert any(term in record["text"].lower() for term in terms), record["text"]
        authors = Counter(r["author"] for r, _ in posts)
        assert authors.most_common(1)[0][1] >= 3
        assert sum(crisis["news_url"] in r["text"] for r, _ in posts) >= 0.15 * len(posts)
        lead = [r for r, _ in stream if r["url"] == crisis["news_url"]]
        assert len(lead) == 1 and _at(lead[0]["published_at"]) >= start


def test_campaign_hashtag_rises_then_falls(stream, manifest):
    campaign = manifest["campaign"]
    tag = campaign["hashtag"]
    start, end = _at(campaign["start"]), _at(campaign["end"])
    tagged = [(r, t) for r, t in stream if tag in r["text"]]
    assert len(tagged) > 200
    assert all(start <= _at(r["published_at"]) <= end for r, _ in tagged)
    by_day = Counter((_at(r["published_at"]) - start).days for r, _ in tagged)
    days = [by_day[day] for day in range(7)]
    peak = max(days)
    assert days.index(peak) in (2, 3, 4)
    assert days[0] < peak / 2 and days[-1] < peak / 2
    negative = sum(t.sentiment == "negative" for _, t in tagged) / len(tagged)
    assert negative < 0.2


# -- the manifest and the knobs --------------------------------------------------------------


def test_manifest_is_json_and_matches_the_config():
    cfg = SimulationConfig(count=1_000, seed=9)
    manifest = cfg.manifest()
    assert orjson.loads(orjson.dumps(manifest)) == manifest
    assert manifest == cfg.manifest()
    assert [brand["name"] for brand in manifest["brands"]] == [brand.name for brand in cfg.brands]
    assert all(brand["products"] and brand["handles"] for brand in manifest["brands"])
    assert manifest["count"] == 1_000 and manifest["spam_share"] == cfg.spam_share
    assert manifest["campaign"]["hashtag"].startswith("#")
    for crisis in manifest["crises"]:
        assert manifest["start"] <= crisis["start"] < crisis["peak"] < crisis["end"]
        assert set(crisis["terms"]) == set(crisis["languages"])
        assert all(crisis["terms"].values())


def test_invalid_configs_are_refused_with_a_reason():
    with pytest.raises(SimulationConfigError, match="language"):
        SimulationConfig(languages=("en", "xx"))
    with pytest.raises(SimulationConfigError, match="crisis brand"):
        SimulationConfig(crises=(Crisis(brand="Nobody", issue="battery_fire"),))
    with pytest.raises(SimulationConfigError, match="timezone"):
        SimulationConfig(end=datetime(2026, 1, 1))  # noqa: DTZ001 - the point of the test
    with pytest.raises(SimulationConfigError, match="industry"):
        SimulationConfig(brands=(Brand(name="X", industry="mining", products=("Y",)),), campaign=None, crises=())


def test_a_custom_world_with_fewer_languages_and_brands():
    brand = Brand(name="Kettlebell Bank", industry="bank", products=("Kettle Save",))
    cfg = SimulationConfig(count=800, seed=1, languages=("fi", "sv"), brands=(brand,), campaign=None,
                           crises=(Crisis(brand="Kettlebell Bank", issue="flight_cancellations", peak=0.5),))
    items = list(simulate_with_truth(cfg))
    assert {record["lang"] for record, _ in items} <= {"fi", "sv", "en"}  # English spam is allowed
    assert {truth.brand for _, truth in items} == {"Kettlebell Bank"}
    assert any("Kettlebell Bankin" in record["text"] for record, _ in items)  # Finnish genitive


def test_memory_stays_flat_while_streaming():
    records = simulate(SimulationConfig(count=60_000, seed=8))
    tracemalloc.start()
    try:
        next(records)
        settled, _ = tracemalloc.get_traced_memory()
        tracemalloc.reset_peak()
        for _ in records:
            pass
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak - settled < 8_000_000


# -- phrase banks ------------------------------------------------------------------------------


class _AnySlot(dict):
    def __missing__(self, key: str) -> str:
        return "X"


def _lines(bank) -> list[str]:
    lines = list(bank.OPEN)
    for group in (bank.CLOSE, bank.TITLES, bank.CAMPAIGN, bank.CRISIS):
        for value in group.values():
            lines += value
    for by_sentiment in bank.ASPECTS.values():
        for value in by_sentiment.values():
            lines += value
    return lines


@pytest.mark.parametrize("lang", REQUIRED_LANGUAGES)
def test_phrase_banks_are_complete_and_render(lang):
    bank = SOCIAL[lang]
    english = SOCIAL["en"]
    assert set(bank.ASPECTS) == set(english.ASPECTS)
    for aspect, by_sentiment in bank.ASPECTS.items():
        assert set(by_sentiment) == {"positive", "neutral", "negative"}
        assert all(len(lines) >= 2 for lines in by_sentiment.values()), aspect
    slot_names = {name for line in _lines(english) for _, name, _, _ in string.Formatter().parse(line) if name}
    for line in _lines(bank):
        used = {name for _, name, _, _ in string.Formatter().parse(line) if name}
        assert used <= slot_names | {"brand_gen", "brand_ela", "brand_ade", "brand_abl", "brand_all",
                                     "brand_c", "product_c", "competitor_c", "city_in", "city_to",
                                     "city_from"}, (lang, line)
        line.format_map(_AnySlot())
    for lines in (*bank.CAMPAIGN.values(), *bank.CRISIS.values()):
        assert all("{brand" in line for line in lines)
    for issue, lines in bank.CRISIS.items():
        for line in lines:
            assert any(term in line.lower() for term in bank.CRISIS_TERMS[issue]), (lang, line)


def test_news_sentences_exist_in_every_language():
    entries = []
    for stories in news.STORIES.values():
        for story in stories:
            entries += [story["title"], story["lead"]]
    for group in (*news.BODY.values(), *news.QUOTES.values()):
        entries += group
    entries += [*news.SHARES.values(), *news.CLOSINGS, news.CREDITS, news.UPDATED]
    for entry in entries:
        assert set(REQUIRED_LANGUAGES) <= set(entry), entry
        slots = {lang: {n for _, n, _, _ in string.Formatter().parse(entry[lang]) if n} for lang in REQUIRED_LANGUAGES}
        # A translation carries the same facts: the same numbers and names (Finnish may inflect them).
        core = {name for name in slots["en"] if name in {"n", "nn", "pct", "pct2", "money", "money2", "jobs", "people",
                                                            "spokesperson", "time", "outlet", "flight"}}
        for lang in REQUIRED_LANGUAGES:
            assert core <= slots[lang], (lang, entry["en"])


def test_seen_texts_never_forget_and_rarely_imagine():
    seen = SeenTexts(bits=1 << 20)
    texts = [f"Mention number {number} about Lumora" for number in range(20_000)]
    imagined = sum(seen.add(text) for text in texts)
    assert all(seen.add(text) for text in texts)
    assert imagined < 200


def test_finnish_inflects_foreign_names():
    assert finnish_forms("Lumora")["gen"] == "Lumoran"
    assert finnish_forms("Lumora")["ade"] == "Lumoralla"
    assert finnish_forms("Voltik")["abl"] == "Voltikilta"
    assert finnish_forms("Solvik Bank")["ela"] == "Solvik Bankista"
