#!/usr/bin/env bash
# Container entry point for the Kafka image.
#
#   kafka-entrypoint kafka          Render server.properties, format the log dir once, exec the Kafka server.
#   kafka-entrypoint jmx-exporter   Run the standalone Prometheus JMX exporter (the sidecar mode of the chart).
#   kafka-entrypoint <cmd> [args]   Run any other command (e.g. kafka-topics.sh) as given.
#
# Inputs (environment, set by the Helm chart):
#   POD_NAME                   pod name; its "-<n>" suffix is the StatefulSet ordinal (falls back to HOSTNAME)
#   POD_NAMESPACE              pod namespace
#   KAFKA_ROLE                 "broker" (broker StatefulSet) or "controller" (dedicated controller StatefulSet)
#   KAFKA_COMBINED_CONTROLLERS broker StatefulSet only: the first N ordinals also act as KRaft controllers
#   KAFKA_NODE_ID_OFFSET       added to the ordinal to build node.id (dedicated controllers use e.g. 100)
#   KAFKA_HEADLESS_SERVICE     headless Service that gives every pod a stable DNS name
#   KAFKA_CLUSTER_DOMAIN       cluster DNS domain (default cluster.local)
#   KAFKA_CLUSTER_ID           KRaft cluster id (kept in a Secret by the chart so it survives restarts)
#   KAFKA_INITIAL_CONTROLLERS  "id@host:port:directoryId,..." used once, when a controller formats its log dir
#   KAFKA_CLIENT_PORT / KAFKA_INTERNAL_PORT / KAFKA_CONTROLLER_PORT
#   KAFKA_EXTERNAL_ENABLED     "true" adds an EXTERNAL listener on KAFKA_EXTERNAL_CONTAINER_PORT
#   KAFKA_EXTERNAL_HOSTS       comma-separated advertised host per ordinal (empty: use HOST_IP)
#   KAFKA_EXTERNAL_PORT        advertised external port (NodePort mode: base port, + ordinal)
#   KAFKA_EXTERNAL_PORT_PER_ORDINAL  "true" when every broker has its own port (NodePort)
#   KAFKA_SERVER_OPTS          extra JVM options for the server process only (e.g. the JMX exporter agent)
#   KAFKA_JMX_REMOTE_PORT      enable remote JMX on 127.0.0.1:<port> for the server process only (sidecar mode)
#   KAFKA_TLS_DIR              mounted TLS Secret (tls.crt, tls.key in PKCS#8, ca.crt); empty: no TLS
#   KAFKA_TLS_CHECK_SECONDS    how often the TLS Secret is checked for a renewed certificate (default 60)
#   KAFKA_TLS_RESTART_SPACING_SECONDS  node n restarts n times this long after a renewal (default 300)
#   KAFKA_SCRAM_INTER_BROKER_USER / _PASSWORD  SCRAM user of broker-to-broker traffic (auth.mode scram)
#   KAFKA_SCRAM_ADMIN_USER / _PASSWORD         the admin SCRAM user, created with the inter-broker one at format time
#   KAFKA_RACK                 broker.rack (the zone; the chart reads it from a pod label with the downward API)
#   KAFKA_RACK_BY_ORDINAL      comma-separated zones: broker n gets entry n mod count (when KAFKA_RACK is unset)
#   KAFKA_CFG_<NAME>           extra server properties: KAFKA_CFG_LOG_RETENTION_HOURS=72 -> log.retention.hours=72
#                              ("_" -> ".", "__" -> "_", "___" -> "-")
#   KAFKA_CONFIG_TEMPLATE      mounted cluster-wide properties (default /etc/kafka/template/server.properties)
#   KAFKA_RUNTIME_CONFIG_DIR   writable dir for the rendered file (default /etc/kafka/runtime)
set -Eeuo pipefail

KAFKA_HOME="${KAFKA_HOME:-/opt/kafka}"
CONFIG_TEMPLATE="${KAFKA_CONFIG_TEMPLATE:-/etc/kafka/template/server.properties}"
RUNTIME_DIR="${KAFKA_RUNTIME_CONFIG_DIR:-/etc/kafka/runtime}"
SERVER_PROPERTIES="${RUNTIME_DIR}/server.properties"

log() { printf '%s [kafka-entrypoint] %s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# Reads one key from a properties file (last occurrence wins, like java.util.Properties).
property() {
  local file="$1" key="$2"
  [[ -f "$file" ]] || return 0
  { grep -E "^[[:space:]]*${key//./\\.}[[:space:]]*=" "$file" || true; } | tail -n 1 | cut -d= -f2- | tr -d '[:space:]'
}

pod_ordinal() {
  local name="${POD_NAME:-${HOSTNAME:-}}"
  [[ "$name" =~ -([0-9]+)$ ]] || die "cannot derive the StatefulSet ordinal from pod name '${name}'"
  echo "$((10#${BASH_REMATCH[1]}))"
}

# KAFKA_CFG_FOO_BAR=x -> foo.bar=x
env_properties() {
  local var name value
  while IFS= read -r var; do
    name="${var#KAFKA_CFG_}"
    value="${!var}"
    name="$(echo "$name" | tr '[:upper:]' '[:lower:]' | sed -e 's/___/-/g' -e 's/__/@UNDERSCORE@/g' -e 's/_/./g' -e 's/@UNDERSCORE@/_/g')"
    printf '%s=%s\n' "$name" "$value"
  done < <(compgen -e | grep -E '^KAFKA_CFG_' | sort || true)
}

# Kafka reads the key and its certificate chain from one PEM file; the Secret keeps them apart.
prepare_tls() {
  [[ -n "${KAFKA_TLS_DIR:-}" ]] || return 0
  local file
  for file in tls.key tls.crt ca.crt; do
    [[ -r "${KAFKA_TLS_DIR}/${file}" ]] || die "the TLS Secret mounted at ${KAFKA_TLS_DIR} has no ${file} (it needs tls.crt, tls.key and ca.crt)"
  done
  grep -q -- '-----BEGIN PRIVATE KEY-----' "${KAFKA_TLS_DIR}/tls.key" \
    || die "tls.key in the TLS Secret is not a PKCS#8 key (BEGIN PRIVATE KEY): Kafka reads only PKCS#8 PEM keys; convert it with 'openssl pkcs8 -topk8 -nocrypt', or set privateKey.encoding: PKCS8 on the Certificate"
  mkdir -p "${RUNTIME_DIR}/tls"
  (umask 077 && cat "${KAFKA_TLS_DIR}/tls.key" "${KAFKA_TLS_DIR}/tls.crt" > "${RUNTIME_DIR}/tls/keystore.pem.tmp")
  mv "${RUNTIME_DIR}/tls/keystore.pem.tmp" "${RUNTIME_DIR}/tls/keystore.pem"
}

tls_fingerprint() { cat "${KAFKA_TLS_DIR}/tls.key" "${KAFKA_TLS_DIR}/tls.crt" "${KAFKA_TLS_DIR}/ca.crt" 2>/dev/null | sha256sum | cut -d' ' -f1; }

# Certificate rotation: when cert-manager (or the team) renews the Secret, the kubelet updates the mounted files. This
# node then stops gracefully (controlled shutdown) and the container restarts with the new key. Nodes wait
# ordinal x spacing first, so the cluster rolls one node at a time instead of all at once.
watch_certificates() {
  local server_pid="$1" seen
  seen="$(tls_fingerprint)"
  while sleep "${KAFKA_TLS_CHECK_SECONDS:-60}"; do
    kill -0 "$server_pid" 2>/dev/null || return 0
    [[ "$(tls_fingerprint)" == "$seen" ]] && continue
    local wait=$(( ORDINAL * ${KAFKA_TLS_RESTART_SPACING_SECONDS:-300} ))
    log "the TLS Secret was renewed; restarting node ${NODE_ID} in ${wait}s to load the new certificate"
    sleep "$wait"
    kill -TERM "$server_pid"
    return 0
  done
}

# SASL login of each SCRAM listener; only INTERNAL logs in (as the inter-broker user) to other brokers.
scram_properties() {
  [[ -n "${KAFKA_SCRAM_INTER_BROKER_USER:-}" ]] || return 0
  [[ -n "${KAFKA_SCRAM_INTER_BROKER_PASSWORD:-}" ]] || die "KAFKA_SCRAM_INTER_BROKER_PASSWORD is not set (the chart keeps it in a Secret)"
  local module="org.apache.kafka.common.security.scram.ScramLoginModule"
  echo "listener.name.internal.scram-sha-512.sasl.jaas.config=${module} required username=\"${KAFKA_SCRAM_INTER_BROKER_USER}\" password=\"${KAFKA_SCRAM_INTER_BROKER_PASSWORD}\";"
  echo "listener.name.client.scram-sha-512.sasl.jaas.config=${module} required;"
  echo "listener.name.external.scram-sha-512.sasl.jaas.config=${module} required;"
}

# broker.rack: the zone from the pod's label, else from the ordinal map. An empty pod label (the cluster does not
# copy the node's zone onto pods) is an error, not a silent rack-less broker.
rack_property() {
  local ordinal="$1" zones count
  if [[ -n "${KAFKA_RACK+set}" ]]; then
    [[ -n "$KAFKA_RACK" ]] || die "KAFKA_RACK is empty: the pod has no zone label (rack.mode podLabel needs the cluster to copy the node's topology labels onto pods); use rack.mode ordinalMap or none"
    echo "broker.rack=${KAFKA_RACK}"
  elif [[ -n "${KAFKA_RACK_BY_ORDINAL:-}" ]]; then
    IFS=',' read -r -a zones <<< "$KAFKA_RACK_BY_ORDINAL"
    count="$(printf '%s\n' "${zones[@]}" | wc -l)"
    echo "broker.rack=${zones[$(( ordinal % count ))]}"
  fi
}

render_config() {
  local ordinal node_id roles fqdn domain listeners advertised external_host external_port
  [[ -r "$CONFIG_TEMPLATE" ]] || die "config template ${CONFIG_TEMPLATE} is not readable (is the ConfigMap mounted?)"
  [[ -n "${KAFKA_HEADLESS_SERVICE:-}" ]] || die "KAFKA_HEADLESS_SERVICE is not set"
  [[ -n "${POD_NAMESPACE:-}" ]] || die "POD_NAMESPACE is not set"

  ordinal="$(pod_ordinal)"
  node_id=$(( ${KAFKA_NODE_ID_OFFSET:-0} + ordinal ))
  domain="${KAFKA_CLUSTER_DOMAIN:-cluster.local}"
  fqdn="${POD_NAME:-${HOSTNAME}}.${KAFKA_HEADLESS_SERVICE}.${POD_NAMESPACE}.svc.${domain}"

  case "${KAFKA_ROLE:-broker}" in
    controller) roles="controller" ;;
    broker)
      if (( ordinal < ${KAFKA_COMBINED_CONTROLLERS:-0} )); then roles="broker,controller"; else roles="broker"; fi ;;
    *) die "KAFKA_ROLE must be 'broker' or 'controller', got '${KAFKA_ROLE}'" ;;
  esac

  listeners=""
  advertised=""
  if [[ "$roles" == *broker* ]]; then
    listeners="CLIENT://:${KAFKA_CLIENT_PORT:-9092},INTERNAL://:${KAFKA_INTERNAL_PORT:-9094}"
    advertised="CLIENT://${fqdn}:${KAFKA_CLIENT_PORT:-9092},INTERNAL://${fqdn}:${KAFKA_INTERNAL_PORT:-9094}"
    if [[ "${KAFKA_EXTERNAL_ENABLED:-false}" == "true" ]]; then
      external_host=""
      if [[ -n "${KAFKA_EXTERNAL_HOSTS:-}" ]]; then
        IFS=',' read -r -a hosts <<< "${KAFKA_EXTERNAL_HOSTS}"
        external_host="${hosts[$ordinal]:-}"
      fi
      external_host="${external_host:-${HOST_IP:-}}"
      [[ -n "$external_host" ]] || die "external access is enabled but no advertised host is known for ordinal ${ordinal}"
      external_port="${KAFKA_EXTERNAL_PORT:?KAFKA_EXTERNAL_PORT is not set}"
      if [[ "${KAFKA_EXTERNAL_PORT_PER_ORDINAL:-false}" == "true" ]]; then
        external_port=$(( external_port + ordinal ))
      fi
      listeners="${listeners},EXTERNAL://:${KAFKA_EXTERNAL_CONTAINER_PORT:-9095}"
      advertised="${advertised},EXTERNAL://${external_host}:${external_port}"
    fi
  fi
  if [[ "$roles" == *controller* ]]; then
    listeners="${listeners:+${listeners},}CONTROLLER://:${KAFKA_CONTROLLER_PORT:-9093}"
    advertised="${advertised:+${advertised},}CONTROLLER://${fqdn}:${KAFKA_CONTROLLER_PORT:-9093}"
  fi

  mkdir -p "$RUNTIME_DIR"
  {
    cat "$CONFIG_TEMPLATE"
    echo
    echo "# ---- per-node settings written by kafka-entrypoint ----"
    echo "node.id=${node_id}"
    echo "process.roles=${roles}"
    echo "listeners=${listeners}"
    echo "advertised.listeners=${advertised}"
    if [[ "$roles" == *broker* ]]; then
      echo "inter.broker.listener.name=INTERNAL"
      scram_properties
      rack_property "$ordinal"
    fi
    echo "# ---- overrides from KAFKA_CFG_* environment variables ----"
    env_properties
  } > "${SERVER_PROPERTIES}.tmp"
  chmod 600 "${SERVER_PROPERTIES}.tmp"
  mv "${SERVER_PROPERTIES}.tmp" "$SERVER_PROPERTIES"

  ORDINAL="$ordinal"
  NODE_ID="$node_id"
  ROLES="$roles"
  log "node.id=${node_id} process.roles=${roles} advertised.listeners=${advertised}"
}

format_storage() {
  local log_dirs metadata_dir first_dir existing
  [[ -n "${KAFKA_CLUSTER_ID:-}" ]] || die "KAFKA_CLUSTER_ID is not set (the chart stores it in a Secret)"
  log_dirs="$(property "$SERVER_PROPERTIES" log.dirs)"
  [[ -n "$log_dirs" ]] || die "log.dirs is not set in ${SERVER_PROPERTIES}"
  metadata_dir="$(property "$SERVER_PROPERTIES" metadata.log.dir)"
  first_dir="${metadata_dir:-${log_dirs%%,*}}"

  if [[ -f "${first_dir}/meta.properties" ]]; then
    existing="$(property "${first_dir}/meta.properties" cluster.id)"
    if [[ -n "$existing" && "$existing" != "$KAFKA_CLUSTER_ID" ]]; then
      die "log dir ${first_dir} belongs to cluster ${existing}, but KAFKA_CLUSTER_ID is ${KAFKA_CLUSTER_ID}; refusing to start (see docs/runbooks.md#cluster-id-mismatch)"
    fi
    log "log dir ${first_dir} is already formatted for cluster ${existing}; skipping format"
    return 0
  fi

  local args=(format --cluster-id "$KAFKA_CLUSTER_ID" --config "$SERVER_PROPERTIES" --ignore-formatted)
  if [[ "$ROLES" == *controller* ]]; then
    [[ -n "${KAFKA_INITIAL_CONTROLLERS:-}" ]] || die "KAFKA_INITIAL_CONTROLLERS is not set for controller node ${NODE_ID}"
    args+=(--initial-controllers "$KAFKA_INITIAL_CONTROLLERS")
  fi
  # In KRaft the brokers' SCRAM user must exist before the first broker starts: it goes into the bootstrap metadata.
  if [[ -n "${KAFKA_SCRAM_INTER_BROKER_USER:-}" ]]; then
    [[ -n "${KAFKA_SCRAM_ADMIN_USER:-}" && -n "${KAFKA_SCRAM_ADMIN_PASSWORD:-}" ]] || die "KAFKA_SCRAM_ADMIN_USER and KAFKA_SCRAM_ADMIN_PASSWORD must be set with auth.mode scram"
    args+=(--add-scram "SCRAM-SHA-512=[name=${KAFKA_SCRAM_INTER_BROKER_USER},password=${KAFKA_SCRAM_INTER_BROKER_PASSWORD}]")
    args+=(--add-scram "SCRAM-SHA-512=[name=${KAFKA_SCRAM_ADMIN_USER},password=${KAFKA_SCRAM_ADMIN_PASSWORD}]")
  fi
  log "formatting ${log_dirs} for cluster ${KAFKA_CLUSTER_ID}"
  "${KAFKA_HOME}/bin/kafka-storage.sh" "${args[@]}"
}

run_kafka() {
  prepare_tls
  render_config
  format_storage
  if [[ -n "${KAFKA_TLS_DIR:-}" ]]; then
    # $$ becomes the Kafka server below (exec keeps the process id).
    watch_certificates "$$" &
  fi

  # Server-only JVM options: kept out of the container environment so that CLI tools started with
  # "kubectl exec" (kafka-topics.sh, ...) do not try to bind the agent or JMX ports a second time.
  local opts="${KAFKA_OPTS:-}"
  if [[ -n "${KAFKA_SERVER_OPTS:-}" ]]; then
    opts="${opts:+${opts} }${KAFKA_SERVER_OPTS}"
  fi
  export KAFKA_OPTS="$opts"
  if [[ -n "${KAFKA_JMX_REMOTE_PORT:-}" ]]; then
    export JMX_PORT="$KAFKA_JMX_REMOTE_PORT"
    export KAFKA_JMX_OPTS="-Dcom.sun.management.jmxremote -Dcom.sun.management.jmxremote.authenticate=false -Dcom.sun.management.jmxremote.ssl=false -Dcom.sun.management.jmxremote.host=127.0.0.1 -Djava.rmi.server.hostname=127.0.0.1"
  fi
  # No GC log file: the root filesystem is read-only and logs go to stdout.
  export EXTRA_ARGS="${EXTRA_ARGS:--name kafkaServer}"
  log "starting the Kafka server (node.id=${NODE_ID}, process.roles=${ROLES})"
  exec "${KAFKA_HOME}/bin/kafka-server-start.sh" "$SERVER_PROPERTIES"
}

run_jmx_exporter() {
  local port="${JMX_EXPORTER_PORT:-9404}"
  local config="${JMX_EXPORTER_CONFIG:-/etc/jmx-exporter/config.yaml}"
  [[ -r "$config" ]] || die "JMX exporter config ${config} is not readable"
  # shellcheck disable=SC2086 # JMX_EXPORTER_JAVA_OPTS is a list of JVM flags
  exec java ${JMX_EXPORTER_JAVA_OPTS:--Xmx64m -XX:+UseSerialGC} -jar "${JMX_EXPORTER_HOME:-/opt/jmx-exporter}/jmx_prometheus_standalone.jar" "$port" "$config"
}

case "${1:-kafka}" in
  kafka) run_kafka ;;
  jmx-exporter) run_jmx_exporter ;;
  *) exec "$@" ;;
esac
