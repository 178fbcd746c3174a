"""The screens in a real browser (Debian's chromium driven by Playwright; no browser download)
against a real uvicorn server on 127.0.0.1 with a temporary SQLite workspace: sign in, the
dashboard, a query-language search with highlights, a query with a typo and its column hint, and
untrusted mention text that stays inert on every screen. Screenshots go to test-artifacts/."""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from web_helpers import PASSWORD, draft, seed_mentions

from voxpop.settings import Settings
from voxpop.store import Store, open_store
from voxpop.store.users import add_user
from voxpop.web.security import hash_password

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]
XSS_TEXT = ('Acme <script>alert("script")</script> and <img src=x onerror=alert("img")> '
            '<a href="javascript:alert(\'link\')">click</a> <svg onload=alert("svg")>')



def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Store]]:
    import uvicorn

    from voxpop.web import create_app

    settings = Settings(environment="test", data_dir=tmp_path_factory.mktemp("browser-ws"))
    store = open_store(settings, upgrade=True)
    from voxpop.store.routing import add_rule, save_team

    with store.write() as conn:
        add_user(conn, username="admin", password_hash=hash_password(PASSWORD), role="admin")
        care = save_team(conn, name="care <b>team</b>", intents=["complaint"], first_response_s=7200)
        add_rule(conn, name="english", team_ids=[care.id], query_id=None, conditions={"langs": ["en"]})
    seed_mentions(store, [
        draft(1, "Acme kettles overheat after the update", hours_ago=2),
        draft(2, "Globex launches a kettle", hours_ago=3, lang="de"),
        draft(3, "Why I returned my acme battery pack", hours_ago=30),
        draft(4, XSS_TEXT, hours_ago=1, url="javascript:alert('url')"),
    ])
    from voxpop.match.stage import backfill_query
    from voxpop.store.queries import add_query

    with store.write() as conn:
        acme = add_query(conn, name="acme <img src=x onerror=alert('name')>", text="acme")
    backfill_query(store, acme)
    from voxpop.store.alerts import insert_alert

    with store.write() as conn:
        xss_id = int(conn.exec_driver_sql("SELECT id FROM mentions WHERE external_id = 'm4'").scalar_one())
        started = datetime.now(UTC) - timedelta(minutes=30)
        insert_alert(conn, query_id=acme.id, kind="volume", severity="high", started_at=started, fired_at=started,
                     observed=40.0, expected=4.0, summary=XSS_TEXT, top_mention_ids=[xss_id], drivers={
                         "terms": [{"value": "<script>alert('term')</script>", "lift": 9.5, "count": 20,
                                    "share": 0.5, "baseline_share": 0.01}]})
    port = _free_port()
    config = uvicorn.Config(create_app(store), host="127.0.0.1", port=port, log_level="warning")
    uv = uvicorn.Server(config)
    thread = threading.Thread(target=uv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not uv.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}", store
    finally:
        uv.should_exit = True
        thread.join(timeout=10)
        store.dispose()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        message = "the browser tests need Debian's chromium (apt-get install chromium; scripts/test.sh does)"
        if os.environ.get("CI"):
            pytest.fail(message)  # in CI a missing browser is an error, not a silent skip
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture
def page(browser: Any, server: tuple[str, Store], request: pytest.FixtureRequest) -> Iterator[Any]:
    context = browser.new_context(base_url=server[0], viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.dialogs = []
    pg.csp_errors = []
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    pg.on("console", lambda m: pg.csp_errors.append(m.text) if "Content Security Policy" in m.text else None)
    try:
        yield pg
    finally:
        ARTIFACTS.mkdir(exist_ok=True)
        pg.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
        context.close()


def sign_in(page: Any, next_path: str = "/") -> None:
    page.goto(f"/login?next={next_path}")
    page.fill("input[name=username]", "admin")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")


def test_sign_in_and_see_the_dashboard(page: Any) -> None:
    page.goto("/")
    assert page.url.endswith("/login?next=/")
    sign_in(page)
    assert page.locator("h1").inner_text() == "Dashboard"
    assert page.locator("#volume svg polyline").count() == 1
    assert "acme" in page.locator("#share").inner_text()
    # the sentiment step ran in the stages after the store: one bar per label it gave
    assert page.locator("#sentiment svg rect").count() >= 1
    assert page.locator("#languages svg rect").count() >= 1
    assert page.csp_errors == []


def test_search_with_the_query_language_highlights_matches(page: Any) -> None:
    sign_in(page, "/mentions")
    page.fill("input[name=q]", "acme AND (kettle* OR battery)")
    page.click("form.explorer button[type=submit]")
    page.wait_for_selector("article.mention mark")
    texts = page.locator("article.mention .text").all_inner_texts()
    assert len(texts) == 2 and "Acme kettles overheat" in texts[0]
    marks = page.locator("article.mention mark").all_inner_texts()
    assert {"Acme", "kettles", "acme", "battery"} <= set(marks)
    link = page.locator("a.original").first
    assert link.get_attribute("rel") == "noopener noreferrer nofollow"
    assert page.csp_errors == []


def test_a_query_with_a_typo_shows_the_column_and_hint_as_you_type(page: Any) -> None:
    sign_in(page, "/queries")
    page.fill("#add-query input[name=name]", "broken")
    page.locator("#add-query input[name=query]").press_sequentially("acme AND (battery")
    problem = page.wait_for_selector("#add-problems .problem")
    assert "column 10" in problem.inner_text()
    assert page.locator("#add-query input[name=query]").get_attribute("aria-invalid") == "true"
    page.click("#add-query button[type=submit]")  # the server checks again and says the same
    page.wait_for_selector("#add-query .error")
    assert "column 10" in page.locator("#add-problems").inner_text()
    assert page.csp_errors == []


def test_untrusted_text_is_inert_on_every_screen(page: Any) -> None:
    sign_in(page)
    for path in ("/", "/mentions", "/mentions?q=acme", "/mentions?q=click", "/queries", "/sources", "/settings",
                 "/docs", "/inbox", *_case_paths(page), "/alerts", "/alerts/1"):
        page.goto(path)
        page.wait_for_load_state("networkidle")
        scripts = page.eval_on_selector_all("script", "els => els.map(e => e.getAttribute('src'))")
        assert scripts == ["/static/htmx.min.js", "/static/app.js"], path
        assert page.locator("img").count() == 0, path
        assert page.locator("[onerror], [onload]").count() == 0, path
        assert page.locator("a[href^='javascript:' i]").count() == 0, path
    page.goto("/mentions?q=click")
    assert "<script>" in page.locator("article.mention .text").inner_text()  # shown as text, not run
    assert page.locator("article.mention a.original").count() == 0  # a javascript: URL gets no link
    assert page.dialogs == []
    assert page.csp_errors == []


def _case_paths(page: Any) -> list[str]:
    page.goto("/inbox")
    paths = page.eval_on_selector_all("#cases a[href^='/inbox/']", "els => els.map(e => e.getAttribute('href'))")
    assert len(paths) >= 3, "the English mentions, the hostile one included, were routed to the team"
    return list(paths)


def test_correct_a_sentiment_in_the_explorer(page: Any) -> None:
    sign_in(page, "/mentions?q=kettles")
    article = page.locator("article.mention").first
    article.locator("form.correct select[name=label]").select_option("positive")
    article.locator("form.correct button[type=submit]").click()
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("/mentions?q=kettles")
    assert page.locator("article.mention").first.locator(".sentiment").inner_text() == "positive"
    page.locator("article.mention").first.locator("form.spam button").click()
    page.wait_for_load_state("networkidle")
    assert page.locator("article.mention").first.locator(".spam-flag").inner_text() == "spam"
    assert page.csp_errors == []


def test_assign_a_case_in_the_inbox(page: Any) -> None:
    sign_in(page, "/inbox")
    assert "due in" in page.locator("#cases").inner_text()
    page.locator("#cases a").first.click()
    page.wait_for_selector("#case-history")
    page.locator("#assign-form select[name=assignee]").select_option("admin")
    page.locator("#assign-form button[type=submit]").click()
    page.wait_for_load_state("networkidle")
    assert page.locator("#assignee").inner_text() == "admin"
    assert "assignee" in page.locator("#case-history").inner_text()
    page.fill("#note-form input[name=note]", "<b>called back</b>")
    page.locator("#note-form button[type=submit]").click()
    page.wait_for_load_state("networkidle")
    assert "<b>called back</b>" in page.locator("#case-history").inner_text()  # shown as text
    assert page.csp_errors == []


def test_open_an_alerts_explanation(page: Any) -> None:
    sign_in(page, "/alerts")
    page.locator("#alerts a").first.click()
    page.wait_for_selector("#alert-chart svg polyline.observed", state="attached")  # flat: no rollups here
    assert page.locator("#alert-chart rect.window").count() == 1
    assert "<script>alert('term')</script>" in page.locator("#drivers").inner_text()
    assert "×9.5" in page.locator("#drivers").inner_text()
    assert page.locator("#top-mentions article.mention").count() == 1
    page.locator("#ack-form button").click()
    page.wait_for_load_state("networkidle")
    assert "acknowledged" in page.locator("#alert-summary").inner_text()
    assert page.dialogs == [] and page.csp_errors == []
