#!/usr/bin/env bash
# The portal as an organisation runs it, under load: two `kafka-templates serve` replicas (the CLI built in Release) on
# loopback, sign-in on and PostgreSQL as the store, then N dry runs at once sent to the replicas in turn, each with a
# bearer token (bench/KafkaTemplates.PortalLoad --targets ... --token-file ...). Everything runs on this machine:
#   - PostgreSQL 15 (Debian's postgresql-15): initdb and pg_ctl into a temporary folder, as the tests' harness does
#     (tests/KafkaTemplates.Testing/Hosts/PostgresServer.cs); initdb refuses root, so as root it runs as `nobody`.
#   - the OpenID provider the sign-in tests use: node with tests/KafkaTemplates.Testing/Hosts/oidc-provider.mjs and the
#     npm package oidc-provider in .tools/oidc (scripts/install-test-tools.sh installs it); the token comes from its
#     client_credentials grant.
# Everything it started is stopped and its folders deleted when it ends, however it ends.
#
#   bench/portal-replicas.sh [REQUESTS] [--tasks]     (default 200 dry runs; --tasks: tasks, each followed until it ends)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
requests="${1:-200}"
mode=()
what="dry runs"
if [ "${2:-}" = "--tasks" ]; then mode=(--tasks); what=tasks; fi
[[ "$requests" =~ ^[1-9][0-9]*$ ]] || { echo "REQUESTS must be a positive number, got '$requests'" >&2; exit 2; }

pg_bin=/usr/lib/postgresql/15/bin
oidc_module="$root/.tools/oidc/node_modules/oidc-provider/lib/index.js"
[ -x "$pg_bin/initdb" ] || { echo "PostgreSQL 15 is not installed ($pg_bin/initdb is missing): run scripts/install-test-tools.sh" >&2; exit 2; }
[ -f "$oidc_module" ] || { echo "oidc-provider is not installed in .tools/oidc: run scripts/install-test-tools.sh" >&2; exit 2; }
command -v node >/dev/null || { echo "node is not installed: run scripts/install-test-tools.sh" >&2; exit 2; }
command -v curl >/dev/null || { echo "curl is not installed (apt-get install curl)" >&2; exit 2; }

work="$(mktemp -d)"
pg="$(mktemp -d)" # a folder of its own: as root it is handed to `nobody`, who cannot enter $work
pids=()
mkdir -p "$pg/socket"
run_pg() { "$@"; }
if [ "$(id -u)" = 0 ]; then
  chown -R "$(id -u nobody):$(id -g nobody)" "$pg"
  run_pg() { setpriv --reuid "$(id -u nobody)" --regid "$(id -g nobody)" --clear-groups -- "$@"; }
fi
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  [ -f "$pg/data/postmaster.pid" ] && (cd "$pg" && run_pg "$pg_bin/pg_ctl" -D "$pg/data" -w -t 30 -m immediate stop >/dev/null 2>&1 || true)
  rm -rf "$work" "$pg"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() { node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }
wait_for() { # URL LOG: until URL answers 200, or say why not
  for _ in $(seq 1 600); do
    curl -fs -o /dev/null "$1" && return 0
    sleep 0.1
  done
  echo "$1 did not answer within 60 s; its log:" >&2
  tail -n 40 "$2" >&2
  exit 1
}

echo "building the CLI and the load client (Release)..."
dotnet build src/KafkaTemplates.Cli -c Release --nologo -v quiet >/dev/null
dotnet build bench/KafkaTemplates.PortalLoad -c Release --nologo -v quiet >/dev/null
cli="$root/src/KafkaTemplates.Cli/bin/Release/net10.0/kafka-templates.dll"

echo "starting PostgreSQL 15..."
pg_port="$(free_port)"
(cd "$pg" && run_pg "$pg_bin/initdb" -D "$pg/data" -A trust -U postgres --no-sync -E UTF8 --locale=C >"$work/initdb.log" 2>&1) \
  || { cat "$work/initdb.log" >&2; exit 1; }
(cd "$pg" && run_pg "$pg_bin/pg_ctl" -D "$pg/data" -l "$pg/server.log" -w -t 60 \
  -o "-p $pg_port -k $pg/socket -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null) \
  || { cat "$pg/server.log" >&2; exit 1; }
database="postgres://postgres@127.0.0.1:$pg_port/postgres"

echo "starting the OpenID provider..."
oidc_port="$(free_port)"
issuer="http://127.0.0.1:$oidc_port"
audience="urn:kafka-templates:portal"
client_secret="$(node -e "console.log(require('crypto').randomBytes(24).toString('hex'))")"
cat >"$work/oidc.json" <<EOF
{ "modulePath": "$oidc_module", "port": $oidc_port, "issuer": "$issuer", "keysFile": "$work/oidc-keys.json",
  "webClientId": "portal-web", "accounts": {},
  "apiClients": [{ "id": "load-client", "secret": "$client_secret", "groups": ["load"], "ttlSeconds": 3600 }] }
EOF
node tests/KafkaTemplates.Testing/Hosts/oidc-provider.mjs "$work/oidc.json" >"$work/oidc.log" 2>&1 &
pids+=($!)
wait_for "$issuer/.well-known/openid-configuration" "$work/oidc.log"
# The token goes to a file only readable by this user, never to the terminal or a command line.
(umask 077 && curl -fsS -u "load-client:$client_secret" -d grant_type=client_credentials --data-urlencode "resource=$audience" "$issuer/token" \
  | node -e "let s='';process.stdin.on('data',d=>s+=d).on('end',()=>process.stdout.write(JSON.parse(s).access_token))" >"$work/token")

targets=()
for replica in 1 2; do
  port="$(free_port)"
  mkdir -p "$work/replica-$replica"
  echo "starting replica $replica of kafka-templates serve..."
  # A home folder of its own per replica, as each pod has: what the replicas share goes through the database.
  HOME="$work/replica-$replica" CI=true dotnet "$cli" serve --urls "http://127.0.0.1:$port" --data "$work/replica-$replica" \
    --templates "$root/templates" --database "$database" --oidc-issuer "$issuer" --oidc-audience "$audience" \
    >"$work/replica-$replica.log" 2>&1 &
  pids+=($!)
  # One after the other, so the second meets migrated tables (starting together is tested elsewhere, not measured here).
  wait_for "http://127.0.0.1:$port/readyz" "$work/replica-$replica.log"
  targets+=("http://127.0.0.1:$port")
done

# Sign-in must really be on: without the token a replica answers 401, so the figures below are for checked tokens.
anonymous="$(curl -s -o /dev/null -w '%{http_code}' "${targets[0]}/api/catalog/entities/by-name/template/default/hypertrace-kafka")"
[ "$anonymous" = 401 ] || { echo "a call without a token got $anonymous, not 401: sign-in is not on" >&2; exit 1; }

echo "running $requests $what at once across ${#targets[@]} replicas (load average $(cut -d' ' -f1-3 /proc/loadavg))..."
status=0
dotnet run -c Release --no-build --project bench/KafkaTemplates.PortalLoad -- --requests "$requests" \
  --targets "$(IFS=,; echo "${targets[*]}")" --token-file "$work/token" "${mode[@]}" || status=$?
for replica in 1 2; do
  if ! kill -0 "${pids[$replica]}" 2>/dev/null; then
    echo "replica $replica ended during the run; its log:" >&2
    tail -n 40 "$work/replica-$replica.log" >&2
    status=1
  fi
done
echo "- store: PostgreSQL 15 on loopback, shared by both replicas; sign-in: bearer tokens from oidc-provider, checked by each replica"
exit "$status"
