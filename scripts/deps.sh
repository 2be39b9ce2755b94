#!/usr/bin/env bash
# Throwaway RabbitMQ and Redis from Debian's packages, on free loopback ports, data in a temp dir.
#   scripts/deps.sh start   start both, wait until ready, print export lines for RABBITMQ_URL / REDIS_URL
#   scripts/deps.sh stop    stop both and delete their data
#   scripts/deps.sh env     print the export lines of the running pair
#   scripts/deps.sh stop-rabbitmq|start-rabbitmq|stop-redis|start-redis
#                           stop or restart one of them on the same port with its data kept (outage tests)
# JF_DEPS_DIR chooses the state folder (default: $TMPDIR/jf-deps-$UID).
set -euo pipefail

dir="${JF_DEPS_DIR:-${TMPDIR:-/tmp}/jf-deps-$(id -u)}"
rabbit_sbin=$(ls -d /usr/lib/rabbitmq/lib/rabbitmq_server-*/sbin 2>/dev/null | sort -V | tail -n 1 || true)

die() { echo "deps: $*" >&2; exit 1; }

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

free_port() {
  local p
  for _ in $(seq 1 200); do
    # Below the kernel's ephemeral range (32768+), where outgoing connections would collide with a listener.
    p=$(( 20000 + RANDOM % 12000 ))
    if ! port_in_use "$p" && ! grep -qx "$p" "$dir/ports" 2>/dev/null; then
      echo "$p" >> "$dir/ports"; echo "$p"; return 0
    fi
  done
  die "no free loopback port found"
}

rabbit_env() {
  export HOME="$dir/rabbitmq/home"
  export RABBITMQ_NODENAME="jf$(cat "$dir/rabbitmq/port")@localhost"
  export RABBITMQ_NODE_IP_ADDRESS=127.0.0.1
  export RABBITMQ_NODE_PORT; RABBITMQ_NODE_PORT=$(cat "$dir/rabbitmq/port")
  export RABBITMQ_DIST_PORT; RABBITMQ_DIST_PORT=$(cat "$dir/rabbitmq/dist_port")
  export RABBITMQ_MNESIA_BASE="$dir/rabbitmq/mnesia"
  export RABBITMQ_LOG_BASE="$dir/rabbitmq/log"
  export RABBITMQ_CONFIG_FILE="$dir/rabbitmq/rabbitmq"
  export RABBITMQ_ENABLED_PLUGINS_FILE="$dir/rabbitmq/enabled_plugins"
  export RABBITMQ_PID_FILE="$dir/rabbitmq/pid"
  export ERL_CRASH_DUMP="$dir/rabbitmq/log/erl_crash.dump"
}

start_redis() {
  command -v redis-server >/dev/null || die "redis-server not found: apt-get install redis-server"
  mkdir -p "$dir/redis"
  [ -f "$dir/redis/port" ] || free_port > "$dir/redis/port"
  local port; port=$(cat "$dir/redis/port")
  # AOF with fsync every second: the persistence the Aggregator relies on in production too.
  redis-server --bind 127.0.0.1 --port "$port" --dir "$dir/redis" --daemonize yes \
    --pidfile "$dir/redis/pid" --logfile "$dir/redis/log" --save "" --appendonly yes \
    --appendfsync everysec >/dev/null
  for _ in $(seq 1 100); do
    redis-cli -p "$port" ping 2>/dev/null | grep -q PONG && return 0
    sleep 0.1
  done
  die "redis did not answer on port $port (log: $dir/redis/log)"
}

start_rabbitmq() {
  [ -n "$rabbit_sbin" ] || die "rabbitmq-server not found: apt-get install rabbitmq-server"
  mkdir -p "$dir/rabbitmq/home" "$dir/rabbitmq/mnesia" "$dir/rabbitmq/log"
  [ -f "$dir/rabbitmq/port" ] || free_port > "$dir/rabbitmq/port"
  [ -f "$dir/rabbitmq/dist_port" ] || free_port > "$dir/rabbitmq/dist_port"
  echo "[]." > "$dir/rabbitmq/enabled_plugins"
  printf 'loopback_users = none\nlisteners.tcp.default = 127.0.0.1:%s\n' "$(cat "$dir/rabbitmq/port")" \
    > "$dir/rabbitmq/rabbitmq.conf"
  (
    rabbit_env
    nohup "$rabbit_sbin/rabbitmq-server" > "$dir/rabbitmq/log/console.log" 2>&1 &
    "$rabbit_sbin/rabbitmqctl" wait --timeout 60 "$RABBITMQ_PID_FILE" >/dev/null 2>&1 \
      || die "rabbitmq did not start (log: $dir/rabbitmq/log)"
    "$rabbit_sbin/rabbitmqctl" await_startup --timeout 60 >/dev/null 2>&1 \
      || die "rabbitmq did not finish booting (log: $dir/rabbitmq/log)"
  )
}

print_env() {
  [ -f "$dir/env" ] || die "not running (start with: scripts/deps.sh start)"
  cat "$dir/env"
}

# Redis writes its AOF on shutdown; RabbitMQ keeps its queues in mnesia: both come back with their data.
stop_redis() {
  [ -f "$dir/redis/port" ] || die "not running (start with: scripts/deps.sh start)"
  redis-cli -p "$(cat "$dir/redis/port")" shutdown >/dev/null 2>&1 || true
  for _ in $(seq 1 100); do
    port_in_use "$(cat "$dir/redis/port")" || return 0
    sleep 0.1
  done
  die "redis did not stop"
}

stop_rabbitmq() {
  [ -f "$dir/rabbitmq/port" ] || die "not running (start with: scripts/deps.sh start)"
  ( rabbit_env; "$rabbit_sbin/rabbitmqctl" stop "$RABBITMQ_PID_FILE" >/dev/null 2>&1 ) || die "rabbitmq did not stop"
}

stop_all() {
  if [ -f "$dir/redis/port" ]; then
    redis-cli -p "$(cat "$dir/redis/port")" shutdown nosave >/dev/null 2>&1 || true
  fi
  if [ -f "$dir/rabbitmq/port" ] && [ -n "$rabbit_sbin" ]; then
    ( rabbit_env; "$rabbit_sbin/rabbitmqctl" stop "$RABBITMQ_PID_FILE" >/dev/null 2>&1 ) || true
  fi
  for pidfile in "$dir/redis/pid" "$dir/rabbitmq/pid"; do
    [ -f "$pidfile" ] && kill -9 "$(cat "$pidfile")" 2>/dev/null || true
  done
  rm -rf "$dir"
}

case "${1:-}" in
  start)
    [ -f "$dir/env" ] && { echo "deps: already running, stop first (scripts/deps.sh stop)" >&2; print_env; exit 0; }
    rm -rf "$dir"; mkdir -p "$dir"
    trap 'stop_all' ERR
    start_redis
    start_rabbitmq
    {
      echo "export RABBITMQ_URL=amqp://guest:guest@127.0.0.1:$(cat "$dir/rabbitmq/port")/"
      echo "export REDIS_URL=redis://127.0.0.1:$(cat "$dir/redis/port")"
    } > "$dir/env"
    print_env
    ;;
  stop) stop_all ;;
  env) print_env ;;
  stop-redis) stop_redis ;;
  start-redis) [ -f "$dir/redis/port" ] || die "not started"; start_redis ;;
  stop-rabbitmq) stop_rabbitmq ;;
  start-rabbitmq) [ -f "$dir/rabbitmq/port" ] || die "not started"; start_rabbitmq ;;
  *) echo "usage: $0 start|stop|env|stop-rabbitmq|start-rabbitmq|stop-redis|start-redis" >&2; exit 2 ;;
esac
