#!/usr/bin/env bash
# Install what the tests need and run the whole suite. This is the README's second quick-start command
# and what .ci/run runs, so a green CI means a fresh install works.
#   - Python: the package with its [test] extra (pip).
#   - Debian packages: PostgreSQL (store tests) and Chromium (browser tests), when running as root.
# Set KHABAR_SKIP_SYSTEM=1 to use what is already installed.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
echo "== installing khabar with test dependencies"
$PYTHON -m pip install --quiet --disable-pip-version-check -e ".[test]"

if [ "${KHABAR_SKIP_SYSTEM:-0}" != "1" ] && [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  need=()
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
  [ -x /usr/bin/chromium ] || need+=(chromium)
  if [ ${#need[@]} -gt 0 ]; then
    echo "== installing Debian packages: ${need[*]}"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  fi
fi

# A throw-away PostgreSQL server on a private port, stopped when the suite ends.
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -n "$pg_bin" ] && [ -z "${KHABAR_TEST_POSTGRES_URL:-}" ]; then
  pg_dir=$(mktemp -d /tmp/khabar-pg.XXXXXX)
  chown postgres "$pg_dir" 2>/dev/null || true
  run_pg() { if [ "$(id -u)" = "0" ]; then su postgres -s /bin/sh -c "cd / && $*"; else sh -c "$*"; fi; }
  run_pg "$pg_bin/initdb -D $pg_dir/data -A trust -U khabar -E UTF8 >/dev/null"
  run_pg "$pg_bin/pg_ctl -D $pg_dir/data -o '-p 55432 -k $pg_dir -c listen_addresses=127.0.0.1' -l $pg_dir/log -w start >/dev/null"
  trap 'run_pg "$pg_bin/pg_ctl -D $pg_dir/data -m fast stop >/dev/null" || true' EXIT
  run_pg "$pg_bin/createdb -h 127.0.0.1 -p 55432 -U khabar khabar_test"
  export KHABAR_TEST_POSTGRES_URL="postgresql://khabar@127.0.0.1:55432/khabar_test"
  echo "== PostgreSQL test server at $KHABAR_TEST_POSTGRES_URL"
fi

echo "== running the test suite"
$PYTHON -m pytest -q -ra "$@"
