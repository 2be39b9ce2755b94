#!/usr/bin/env bash
# The three services as separate processes against RabbitMQ and Redis from scripts/deps.sh.
#   scripts/up.sh start   start deps (unless RABBITMQ_URL/REDIS_URL are set) and the services
#   scripts/up.sh stop    stop the services and the deps this script started
# Logs and pids live in .jf/; the services must be built first (make up does it).
set -euo pipefail
cd "$(dirname "$0")/.."
state=.jf
export JF_DEPS_DIR="$PWD/$state/deps"

services=(
  "ingestion:services/Ingestion/bin/Debug/net10.0/JourneyFeedback.Ingestion.dll:5180:5181"
  "analysis:services/Analysis/bin/Debug/net10.0/JourneyFeedback.Analysis.dll:5280:5281"
  "aggregator:services/Aggregator/bin/Debug/net10.0/JourneyFeedback.Aggregator.dll:5380:5381"
)

start() {
  mkdir -p "$state/logs"
  if [ -z "${RABBITMQ_URL:-}" ] || [ -z "${REDIS_URL:-}" ]; then
    scripts/deps.sh start > "$state/deps.env"
    # shellcheck disable=SC1091
    source "$state/deps.env"
    touch "$state/started-deps"
  fi
  # Services on their own require API keys: one admin key per `make up`, kept in .jf/ for jf and curl.
  # Webhooks from sources without a secret are taken (and logged), as in make run.
  api_key="jf_local_$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
  echo "$api_key" > "$state/api-key"
  key_hash=$(printf %s "$api_key" | sha256sum | cut -d' ' -f1)
  for entry in "${services[@]}"; do
    IFS=: read -r name dll http grpc <<< "$entry"
    [ -f "$dll" ] || { echo "up: $dll is missing: run make build first" >&2; exit 1; }
    RABBITMQ_URL="$RABBITMQ_URL" REDIS_URL="$REDIS_URL" \
      nohup dotnet "$dll" --Endpoints:Http="http://localhost:$http" --Endpoints:Grpc="http://localhost:$grpc" \
      --Auth:Keys:local:Hash="$key_hash" --Auth:Keys:local:Scopes=admin --Ingestion:AllowUnsignedWebhooks=true \
      > "$state/logs/$name.log" 2>&1 &
    echo $! > "$state/$name.pid"
  done
  for entry in "${services[@]}"; do
    IFS=: read -r name _ http _ <<< "$entry"
    for _ in $(seq 1 100); do
      curl -fsS "http://localhost:$http/health" >/dev/null 2>&1 && break
      sleep 0.2
    done
    curl -fsS "http://localhost:$http/health" >/dev/null 2>&1 \
      || { echo "up: $name is not healthy, see $state/logs/$name.log" >&2; exit 1; }
  done
  cat <<MSG
JourneyFeedback is up (RabbitMQ $RABBITMQ_URL, Redis $REDIS_URL):
  ingestion   gRPC localhost:5181, webhooks http://localhost:5180/webhooks/{source}
  analysis    health http://localhost:5280/health
  aggregator  gRPC localhost:5381, feed http://localhost:5380/api/stages, dashboard http://localhost:5380/
  logs        $state/logs/
  API key     export JF_API_KEY=$api_key   (also in $state/api-key; HTTP: -H "x-api-key: \$JF_API_KEY")
Stop with: make down
MSG
}

stop() {
  for entry in "${services[@]}"; do
    IFS=: read -r name _ <<< "$entry"
    if [ -f "$state/$name.pid" ]; then
      kill "$(cat "$state/$name.pid")" 2>/dev/null || true
      rm -f "$state/$name.pid"
    fi
  done
  if [ -f "$state/started-deps" ]; then scripts/deps.sh stop; rm -f "$state/started-deps" "$state/deps.env"; fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
