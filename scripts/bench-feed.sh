#!/usr/bin/env bash
# make bench: ListPainPoints p99 for one stage with ITEMS (default one million) feedback items aggregated in Redis.
# Uses REDIS_URL when set, else starts throwaway deps; runs the all-in-one host on that Redis and times it with jf.
set -euo pipefail
cd "$(dirname "$0")/.."
items=${ITEMS:-1000000}

if [ -z "${REDIS_URL:-}" ]; then
  export JF_DEPS_DIR; JF_DEPS_DIR=$(mktemp -d "${TMPDIR:-/tmp}/jf-bench-deps.XXXXXX")
  trap 'scripts/deps.sh stop' EXIT
  eval "$(scripts/deps.sh start)"
fi
prefix="bench$(date +%s):"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
http=$(free_port); grpc=$(free_port)

dotnet run --project services/Host --no-build -- --Store:Provider=Redis --Store:RedisUrl="$REDIS_URL" \
  --Store:KeyPrefix="$prefix" --Endpoints:Http="http://127.0.0.1:$http" --Endpoints:Grpc="http://127.0.0.1:$grpc" \
  --Logging:LogLevel:Default=Warning >/dev/null 2>&1 &
host=$!
trap 'kill $host 2>/dev/null || true; [ -n "${JF_DEPS_DIR:-}" ] && scripts/deps.sh stop || true' EXIT
for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$http/alive" >/dev/null && break; sleep 1; done

dotnet run --project services/Cli --no-build -- bench feed --items "$items" --redis "$REDIS_URL" --prefix "$prefix" \
  --server "http://127.0.0.1:$grpc"
