#!/usr/bin/env bash
# Builds, starts throwaway RabbitMQ and Redis (unless RABBITMQ_URL and REDIS_URL are set), runs every
# test project, stops the deps, and ends with one summary line.
set -euo pipefail
cd "$(dirname "$0")/.."

dotnet build JourneyFeedback.sln -v quiet -nologo

# The dashboard's browser test drives Debian's Chromium with playwright-core; never downloads a browser.
if [ ! -d tests/browser/node_modules/playwright-core ]; then
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --prefix tests/browser --no-audit --no-fund
fi

if [ -z "${RABBITMQ_URL:-}" ] || [ -z "${REDIS_URL:-}" ]; then
  export JF_DEPS_DIR; JF_DEPS_DIR=$(mktemp -d "${TMPDIR:-/tmp}/jf-test-deps.XXXXXX")
  trap 'scripts/deps.sh stop' EXIT
  eval "$(scripts/deps.sh start)"
fi
echo "RabbitMQ: $RABBITMQ_URL  Redis: $REDIS_URL"

log=$(mktemp)
status=0
dotnet test JourneyFeedback.sln --no-build --filter "FullyQualifiedName!~JourneyFeedback.FaultTests" \
  --logger "console;verbosity=normal" 2>&1 | tee "$log" || status=$?
# The fault tests kill processes and stop brokers of their own: alone, so they neither steal CPU nor ports from the rest.
dotnet test tests/JourneyFeedback.FaultTests --no-build --logger "console;verbosity=normal" 2>&1 | tee -a "$log" || status=$?

count() { { grep -oE "^ +$1: +[0-9]+" "$log" || true; } | awk '{s+=$2} END {print s+0}'; }
passed=$(count Passed)
failed=$(count Failed)
skipped=$(count Skipped)
rm -f "$log"
echo "tests: $passed passed, $failed failed, $skipped skipped"
if [ "$passed" -eq 0 ] && [ "$status" -eq 0 ]; then echo "no test ran" >&2; exit 1; fi
exit "$status"
