#!/usr/bin/env bash
# Install what the tests need and run every check: ruff, mypy and the whole test suite against
# SQLite and PostgreSQL. The same script is what CI runs (.ci/run).
#
# Needs: python3 (3.11+) with venv. PostgreSQL: uses the server on 127.0.0.1:5432 (trust auth for
# user postgres) — started if it is installed but stopped, installed with apt-get if missing (as
# root). VOXPOP_TEST_POSTGRES_URL points the tests elsewhere.
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '\033[1m== %s\033[0m\n' "$*"; }

PG_URL="${VOXPOP_TEST_POSTGRES_URL:-postgresql://postgres@127.0.0.1:5432/postgres}"
export VOXPOP_TEST_POSTGRES_URL="$PG_URL"
export VOXPOP_REQUIRE_POSTGRES=1

pg_ready() { pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; }

ensure_postgres() {
  if [[ "$PG_URL" != *"@127.0.0.1:5432/"* && "$PG_URL" != *"@localhost:5432/"* ]]; then
    log "PostgreSQL: using $PG_URL as given"; return
  fi
  if ! command -v pg_isready >/dev/null 2>&1 || ! ls /etc/postgresql/*/main >/dev/null 2>&1; then
    log "PostgreSQL is not installed: installing Debian's postgresql"
    if [ "$(id -u)" != 0 ]; then echo "need root (or sudo) to apt-get install postgresql" >&2; exit 1; fi
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    local conf; conf=$(ls -d /etc/postgresql/*/main | head -1)
    # trust local TCP connections for the tests' postgres user, as on the project's machines
    sed -i 's/^\(host\s\+all\s\+all\s\+127.0.0.1\/32\s\+\)\S\+/\1trust/' "$conf/pg_hba.conf"
  fi
  if ! pg_ready; then
    log "PostgreSQL is stopped: starting it"
    local version; version=$(ls /etc/postgresql | sort -V | tail -1)
    pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
    for _ in $(seq 1 30); do pg_ready && break; sleep 1; done
  fi
  if ! pg_ready; then
    echo "FATAL: PostgreSQL is not accepting connections on 127.0.0.1:5432; the PostgreSQL tests cannot run" >&2
    exit 1
  fi
  log "PostgreSQL is up on 127.0.0.1:5432"
}

ensure_postgres

# The browser tests (tests/web/test_web_browser.py) drive Debian's chromium through Playwright;
# Playwright's own browser download is never used.
ensure_chromium() {
  if [ -x /usr/bin/chromium ]; then return; fi
  log "chromium is not installed: installing Debian's chromium for the browser tests"
  if [ "$(id -u)" != 0 ]; then echo "need root (or sudo) to apt-get install chromium" >&2; exit 1; fi
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
}

ensure_chromium

if [ ! -x .venv/bin/python ]; then
  log "creating .venv"
  python3 -m venv .venv
fi
log "installing voxpop and its test tools"
.venv/bin/python -m pip install -q --upgrade pip >/dev/null
.venv/bin/python -m pip install -q -e '.[test,sentiment]'

log "ruff"
.venv/bin/ruff check voxpop tests bench
log "mypy"
.venv/bin/mypy voxpop
log "pytest (SQLite and PostgreSQL)"
.venv/bin/pytest -q -p no:cacheprovider "$@"
