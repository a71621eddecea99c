#!/usr/bin/env bash
# Makes the cluster's topics, SCRAM users and ACLs match what helm/values.yaml declares. Run by the chart's hook Job
# (helm/templates/job-reconcile.yaml) after every install and upgrade, with Kafka's own tools from the image.
#
#   kafka-reconcile.sh                              observe the cluster, plan, apply the plan
#   kafka-reconcile.sh plan DECLARED OBSERVED MANAGED
#                                                   print the plan for a declared and an observed state, change nothing
#
# State files have one item per line, fields separated by TABs:
#   topic   <name> <partitions> <replication factor>
#   config  <topic> <key> <value>                 a topic-level config override
#   user    <name> [current|stale]                a SCRAM-SHA-512 user (observed: whether the declared password logs in)
#   acl     <principal> <ALLOW|DENY> <TOPIC|GROUP|CLUSTER|TRANSACTIONAL_ID> <resource name> <LITERAL|PREFIXED> <OPERATION>
# DECLARED is what the values say. MANAGED lists every item the values have declared so far (kept by the chart across
# upgrades): with RECONCILE_PRUNE=true, what is in MANAGED, no longer declared and still in the cluster is deleted.
# Nothing else is ever deleted, and without prune nothing at all.
#
# What it never does: shrink partitions or change a replication factor (both are reported: Kafka cannot shrink a
# topic, and a new replication factor needs kafka-reassign-partitions.sh), or print a password.
#
# Inputs of a run (environment, set by the chart):
#   RECONCILE_BOOTSTRAP        host:port of the client listener
#   RECONCILE_AUTH_MODE        scram, mtls or none (auth.mode)
#   RECONCILE_TLS_DIR          mounted TLS Secret (ca.crt; with mtls also tls.crt and tls.key); empty: plaintext
#   RECONCILE_ADMIN_USER / RECONCILE_ADMIN_PASSWORD   the admin SCRAM user (scram)
#   RECONCILE_DECLARED / RECONCILE_MANAGED            the state files above (from the chart's ConfigMap)
#   RECONCILE_PASSWORDS_DIR    one file per declared user, named after it, holding its password (scram, none)
#   RECONCILE_PRUNE            "true" deletes what MANAGED lists and DECLARED no longer does
#   RECONCILE_WORK_DIR         writable scratch folder (default /tmp/reconcile)
#   RECONCILE_WAIT_SECONDS     how long to wait for the cluster to answer (default 600)
set -Eeuo pipefail

KAFKA_HOME="${KAFKA_HOME:-/opt/kafka}"
TAB=$'\t'

log() { printf '%s [kafka-reconcile] %s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---- the plan: a pure function of three files ---------------------------------------------------------------------

# Prints one change per line (create-topic, add-partitions, set-config, create-user, set-password, add-acl, remove-acl,
# delete-config, delete-user, delete-topic) and "report" lines for what differs but is not changed.
compute_plan() {
  local declared="$1" observed="$2" managed="$3" prune="${RECONCILE_PRUNE:-false}"
  local -A d_topic=() o_topic=() d_config=() o_config=() d_user=() o_user=() d_acl=() o_acl=()
  local kind a b c rest line

  while IFS= read -r line || [[ -n "$line" ]]; do
    [[ -z "$line" || "$line" == \#* ]] && continue
    IFS="$TAB" read -r kind a b c <<< "$line"
    rest="${line#*"$TAB"}"
    case "$kind" in
      topic) d_topic["$a"]="$b$TAB$c" ;;
      config) d_config["$a$TAB$b"]="$c" ;;
      user) d_user["$a"]=1 ;;
      acl) d_acl["$rest"]=1 ;;
      *) die "unknown kind '${kind}' in ${declared}" ;;
    esac
  done < "$declared"

  while IFS= read -r line || [[ -n "$line" ]]; do
    [[ -z "$line" ]] && continue
    IFS="$TAB" read -r kind a b c <<< "$line"
    rest="${line#*"$TAB"}"
    case "$kind" in
      topic) o_topic["$a"]="$b$TAB$c" ;;
      config) o_config["$a$TAB$b"]="$c" ;;
      user) o_user["$a"]="${b:-current}" ;;
      acl) o_acl["$rest"]=1 ;;
    esac
  done < "$observed"

  local name partitions rf have_partitions have_rf key value configs
  # Topics in the order the values list them; a new topic gets its configs at creation.
  while IFS="$TAB" read -r kind name partitions rf; do
    [[ "$kind" == topic ]] || continue
    if [[ -z "${o_topic[$name]+set}" ]]; then
      configs=""
      while IFS="$TAB" read -r kind a key value; do
        [[ "$kind" == config && "$a" == "$name" ]] && configs+="$TAB$key=$value"
      done < "$declared"
      printf 'create-topic\t%s\t%s\t%s%s\n' "$name" "$partitions" "$rf" "$configs"
      continue
    fi
    IFS="$TAB" read -r have_partitions have_rf <<< "${o_topic[$name]}"
    if (( partitions > have_partitions )); then
      printf 'add-partitions\t%s\t%s\t%s\n' "$name" "$have_partitions" "$partitions"
    elif (( partitions < have_partitions )); then
      printf 'report\ttopic %s has %s partitions and the values say %s: Kafka cannot remove partitions; not changed\n' "$name" "$have_partitions" "$partitions"
    fi
    if (( rf != have_rf )); then
      printf 'report\ttopic %s has replication factor %s and the values say %s: that needs a partition reassignment (kafka-reassign-partitions.sh); not changed\n' "$name" "$have_rf" "$rf"
    fi
    while IFS="$TAB" read -r kind a key value; do
      [[ "$kind" == config && "$a" == "$name" ]] || continue
      if [[ "${o_config[$name$TAB$key]-<unset>}" != "$value" ]]; then
        printf 'set-config\t%s\t%s\t%s\n' "$name" "$key" "$value"
      fi
    done < "$declared"
  done < "$declared"

  while IFS="$TAB" read -r kind name; do
    [[ "$kind" == user ]] || continue
    if [[ -z "${o_user[$name]+set}" ]]; then
      printf 'create-user\t%s\n' "$name"
    elif [[ "${o_user[$name]}" == stale ]]; then
      printf 'set-password\t%s\n' "$name"
    fi
  done < "$declared"

  while IFS= read -r line; do
    [[ "$line" == acl"$TAB"* ]] || continue
    rest="${line#*"$TAB"}"
    [[ -n "${o_acl[$rest]+set}" ]] || printf 'add-acl\t%s\n' "$rest"
  done < "$declared"

  # Removals: only what the values once declared (MANAGED), no longer declare, and the cluster still has.
  local -A seen=()
  while IFS= read -r line || [[ -n "$line" ]]; do
    [[ -z "$line" || -n "${seen[$line]+set}" ]] && continue
    seen["$line"]=1
    IFS="$TAB" read -r kind a b c <<< "$line"
    rest="${line#*"$TAB"}"
    local change="" what=""
    case "$kind" in
      acl)
        [[ -z "${d_acl[$rest]+set}" && -n "${o_acl[$rest]+set}" ]] && change="remove-acl$TAB$rest" what="ACL ${rest//$TAB/ }"
        ;;
      config)
        [[ -n "${d_topic[$a]+set}" && -z "${d_config[$a$TAB$b]+set}" && -n "${o_config[$a$TAB$b]+set}" ]] \
          && change="delete-config$TAB$a$TAB$b" what="config ${b} of topic ${a}"
        ;;
      user)
        [[ -z "${d_user[$a]+set}" && -n "${o_user[$a]+set}" ]] && change="delete-user$TAB$a" what="user ${a}"
        ;;
      topic)
        [[ -z "${d_topic[$a]+set}" && -n "${o_topic[$a]+set}" ]] && change="delete-topic$TAB$a" what="topic ${a}"
        ;;
    esac
    [[ -n "$change" ]] || continue
    if [[ "$prune" == true ]]; then
      printf '%s\n' "$change"
    else
      printf 'report\t%s is no longer in the values; kept because prune is off\n' "$what"
    fi
  done < <(grep -E "^acl$TAB" "$managed" || true; grep -E "^config$TAB" "$managed" || true;
           grep -E "^user$TAB" "$managed" || true; grep -E "^topic$TAB" "$managed" || true)
}

# ---- observing the cluster -----------------------------------------------------------------------------------------

tool() { "${KAFKA_HOME}/bin/$1" --bootstrap-server "$RECONCILE_BOOTSTRAP" --command-config "$CLIENT_CONFIG" "${@:2}"; }

# Kafka's --topic takes a regular expression except with --create: escape the dots so "orders.v1" is only itself.
topic_pattern() { printf '%s' "${1//./\\.}"; }

# Writes the client settings for the admin connection (never logged; readable by this user only).
write_client_config() {
  local file="$1" protocol="PLAINTEXT"
  if [[ -n "${RECONCILE_TLS_DIR:-}" ]]; then
    [[ -r "${RECONCILE_TLS_DIR}/ca.crt" ]] || die "the TLS Secret mounted at ${RECONCILE_TLS_DIR} has no ca.crt"
    protocol="SSL"
  fi
  [[ "${RECONCILE_AUTH_MODE:-none}" == scram ]] && protocol="SASL_SSL"
  (
    umask 077
    {
      echo "security.protocol=${protocol}"
      if [[ -n "${RECONCILE_TLS_DIR:-}" ]]; then
        echo "ssl.truststore.type=PEM"
        echo "ssl.truststore.location=${RECONCILE_TLS_DIR}/ca.crt"
      fi
      case "${RECONCILE_AUTH_MODE:-none}" in
        scram)
          [[ -n "${RECONCILE_ADMIN_USER:-}" && -n "${RECONCILE_ADMIN_PASSWORD:-}" ]] || die "RECONCILE_ADMIN_USER and RECONCILE_ADMIN_PASSWORD must be set with auth.mode scram"
          echo "sasl.mechanism=SCRAM-SHA-512"
          echo "sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username=\"${RECONCILE_ADMIN_USER}\" password=\"${RECONCILE_ADMIN_PASSWORD}\";"
          ;;
        mtls)
          # The brokers' own certificate: its principal is a super user, like the admin's password in scram mode.
          cat "${RECONCILE_TLS_DIR}/tls.key" "${RECONCILE_TLS_DIR}/tls.crt" > "${WORK_DIR}/keystore.pem"
          echo "ssl.keystore.type=PEM"
          echo "ssl.keystore.location=${WORK_DIR}/keystore.pem"
          ;;
      esac
    } > "$file"
  )
}

wait_for_cluster() {
  local deadline=$(( SECONDS + ${RECONCILE_WAIT_SECONDS:-600} )) out="${WORK_DIR}/wait.out"
  until tool kafka-topics.sh --list > "$out" 2>&1; do
    (( SECONDS < deadline )) || { cat "$out" >&2; die "the cluster did not answer on ${RECONCILE_BOOTSTRAP} within ${RECONCILE_WAIT_SECONDS:-600}s"; }
    log "waiting for the cluster on ${RECONCILE_BOOTSTRAP}"
    sleep "${RECONCILE_RETRY_SECONDS:-10}"
  done
}

# Topic header lines of `kafka-topics.sh --describe`: "Topic: <name>\tTopicId: ...\tPartitionCount: n\tReplicationFactor: r\t...".
observe_topics() {
  local line name partitions rf
  tool kafka-topics.sh --describe --exclude-internal > "${WORK_DIR}/topics.out"
  while IFS= read -r line; do
    [[ "$line" =~ ^Topic:\ ([^$TAB]+)$TAB.*PartitionCount:\ ([0-9]+)$TAB.*ReplicationFactor:\ ([0-9]+) ]] || continue
    name="${BASH_REMATCH[1]}" partitions="${BASH_REMATCH[2]}" rf="${BASH_REMATCH[3]}"
    printf 'topic\t%s\t%s\t%s\n' "$name" "$partitions" "$rf"
  done < "${WORK_DIR}/topics.out"
}

# Topic-level overrides only ("Dynamic configs for topic <t> are:" then "  key=value sensitive=... synonyms={...}"):
# the Configs column of --describe mixes in broker-wide settings.
observe_topic_configs() {
  local topic="$1" line
  tool kafka-configs.sh --describe --entity-type topics --entity-name "$topic" > "${WORK_DIR}/configs.out"
  while IFS= read -r line; do
    [[ "$line" =~ ^[[:space:]]+([a-z0-9._-]+)=(.*)\ sensitive=(true|false) ]] || continue
    printf 'config\t%s\t%s\t%s\n' "$topic" "${BASH_REMATCH[1]}" "${BASH_REMATCH[2]}"
  done < "${WORK_DIR}/configs.out"
}

# "SCRAM credential configs for user-principal '<name>' are SCRAM-SHA-512=iterations=8192"
observe_users() {
  local line name
  tool kafka-configs.sh --describe --entity-type users > "${WORK_DIR}/users.out"
  while IFS= read -r line; do
    [[ "$line" =~ ^SCRAM\ credential\ configs\ for\ user-principal\ \'(.+)\'\ are\ (.*)$ ]] || continue
    [[ "${BASH_REMATCH[2]}" == *SCRAM-SHA-512=* ]] || continue
    name="${BASH_REMATCH[1]}"
    # Only SCRAM listeners can tell whether a password logs in; with auth.mode none a user is checked once scram is on.
    if [[ "${RECONCILE_AUTH_MODE:-none}" == scram && -r "${RECONCILE_PASSWORDS_DIR:-/nonexistent}/${name}" ]]; then
      printf 'user\t%s\t%s\n' "$name" "$(password_state "$name")"
    else
      printf 'user\t%s\n' "$name"
    fi
  done < "${WORK_DIR}/users.out"
}

# Whether a user's password in its Secret still logs in: a changed Secret (a rotation) does not, and gets set again.
password_state() {
  local name="$1" config="${WORK_DIR}/user.properties" out="${WORK_DIR}/login.out"
  (
    umask 077
    grep -v '^sasl.jaas.config=' "$CLIENT_CONFIG" > "$config"
    printf 'sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="%s" password="%s";\n' \
      "$name" "$(cat "${RECONCILE_PASSWORDS_DIR}/${name}")" >> "$config"
  )
  if "${KAFKA_HOME}/bin/kafka-topics.sh" --bootstrap-server "$RECONCILE_BOOTSTRAP" --command-config "$config" --list > "$out" 2>&1; then
    echo current
  elif grep -q -i 'authentication failed\|SaslAuthenticationException' "$out"; then
    echo stale
  else
    rm -f "$config"
    die "could not check the password of user ${name}: $(tail -n 3 "$out")"
  fi
  rm -f "$config"
}

# "Current ACLs for resource `ResourcePattern(resourceType=TOPIC, name=orders, patternType=LITERAL)`:" followed by
# "(principal=User:alice, host=*, operation=READ, permissionType=ALLOW)" lines. Only host * ACLs: the chart writes no others.
observe_acls() {
  local line type="" name="" pattern=""
  tool kafka-acls.sh --list > "${WORK_DIR}/acls.out"
  while IFS= read -r line; do
    if [[ "$line" =~ resourceType=([A-Z_]+),\ name=(.*),\ patternType=([A-Z_]+)\) ]]; then
      type="${BASH_REMATCH[1]}" name="${BASH_REMATCH[2]}" pattern="${BASH_REMATCH[3]}"
    elif [[ -n "$type" && "$line" =~ \(principal=(.+),\ host=\*,\ operation=([A-Z_]+),\ permissionType=([A-Z]+)\) ]]; then
      printf 'acl\t%s\t%s\t%s\t%s\t%s\t%s\n' "${BASH_REMATCH[1]}" "${BASH_REMATCH[3]}" "$type" "$name" "$pattern" "${BASH_REMATCH[2]}"
    fi
  done < "${WORK_DIR}/acls.out"
}

# ---- applying the plan ---------------------------------------------------------------------------------------------

# Kafka's --add-config takes a list value in brackets: cleanup.policy=[compact,delete].
config_argument() {
  local key="$1" value="$2"
  if [[ "$value" == *,* ]]; then printf '%s=[%s]' "$key" "$value"; else printf '%s=%s' "$key" "$value"; fi
}

# A tool's output on failure, with any password of this run cut out.
fail_with_output() {
  local what="$1" out="$2" text secret
  text="$(cat "$out")"
  for secret in "${@:3}"; do [[ -n "$secret" ]] && text="${text//"$secret"/<redacted>}"; done
  printf '%s\n' "$text" >&2
  die "$what failed"
}

principal_flag() { if [[ "$1" == DENY ]]; then echo --deny-principal; else echo --allow-principal; fi; }

# TOPIC -> --topic <name>; CLUSTER has no name on the command line.
resource_flags() {
  case "$1" in
    TOPIC) printf '%s\n' --topic "$2" ;;
    GROUP) printf '%s\n' --group "$2" ;;
    TRANSACTIONAL_ID) printf '%s\n' --transactional-id "$2" ;;
    CLUSTER) printf '%s\n' --cluster ;;
    *) die "unknown ACL resource type $1" ;;
  esac
}

# DESCRIBE_CONFIGS -> DescribeConfigs, the spelling kafka-acls.sh documents.
operation_name() {
  local word tail out="" IFS=_
  for word in $1; do tail="${word:1}"; out+="${word:0:1}${tail,,}"; done
  printf '%s' "$out"
}

apply_change() {
  local change="$1" kind name out="${WORK_DIR}/apply.out" password=""
  local -a args=() fields=()
  IFS="$TAB" read -r -a fields <<< "$change"
  kind="${fields[0]}" name="${fields[1]:-}"
  case "$kind" in
    create-topic)
      log "creating topic ${name} (${fields[2]} partitions, replication factor ${fields[3]})"
      args=(kafka-topics.sh --create --topic "$name" --partitions "${fields[2]}" --replication-factor "${fields[3]}")
      local config
      for config in "${fields[@]:4}"; do args+=(--config "$config"); done
      ;;
    add-partitions)
      log "growing topic ${name} from ${fields[2]} to ${fields[3]} partitions"
      args=(kafka-topics.sh --alter --topic "$(topic_pattern "$name")" --partitions "${fields[3]}")
      ;;
    set-config)
      log "setting ${fields[2]}=${fields[3]} on topic ${name}"
      args=(kafka-configs.sh --alter --entity-type topics --entity-name "$name" --add-config "$(config_argument "${fields[2]}" "${fields[3]}")")
      ;;
    delete-config)
      log "removing the override ${fields[2]} of topic ${name} (prune)"
      args=(kafka-configs.sh --alter --entity-type topics --entity-name "$name" --delete-config "${fields[2]}")
      ;;
    create-user | set-password)
      [[ -r "${RECONCILE_PASSWORDS_DIR:-/nonexistent}/${name}" ]] || die "no password for user ${name} in ${RECONCILE_PASSWORDS_DIR:-RECONCILE_PASSWORDS_DIR}"
      password="$(cat "${RECONCILE_PASSWORDS_DIR}/${name}")"
      [[ -n "$password" ]] || die "the password of user ${name} is empty"
      log "$([[ "$kind" == create-user ]] && echo "creating SCRAM-SHA-512 user ${name}" || echo "setting the new password of user ${name}")"
      args=(kafka-configs.sh --alter --entity-type users --entity-name "$name" --add-config "SCRAM-SHA-512=[password=${password}]")
      ;;
    delete-user)
      log "deleting the SCRAM-SHA-512 credential of user ${name} (prune)"
      args=(kafka-configs.sh --alter --entity-type users --entity-name "$name" --delete-config SCRAM-SHA-512)
      ;;
    delete-topic)
      log "deleting topic ${name} (prune)"
      args=(kafka-topics.sh --delete --topic "$(topic_pattern "$name")")
      ;;
    add-acl | remove-acl)
      # principal permission type resource pattern operation
      local principal="${fields[1]}" permission="${fields[2]}" type="${fields[3]}" resource="${fields[4]}" pattern="${fields[5]}" operation="${fields[6]}"
      log "$([[ "$kind" == add-acl ]] && echo adding || echo "removing (prune)") ACL: ${permission} ${principal} $(operation_name "$operation") on ${type} ${resource} (${pattern})"
      args=(kafka-acls.sh "$([[ "$kind" == add-acl ]] && echo --add || echo --remove)")
      [[ "$kind" == remove-acl ]] && args+=(--force)
      args+=("$(principal_flag "$permission")" "$principal" --operation "$(operation_name "$operation")")
      mapfile -t -O "${#args[@]}" args < <(resource_flags "$type" "$resource")
      args+=(--resource-pattern-type "${pattern,,}")
      ;;
    *) die "unknown change ${kind}" ;;
  esac
  tool "${args[@]}" > "$out" 2>&1 || fail_with_output "$kind $name" "$out" "$password" "${RECONCILE_ADMIN_PASSWORD:-}"
}

run() {
  WORK_DIR="${RECONCILE_WORK_DIR:-/tmp/reconcile}"
  mkdir -p "$WORK_DIR"
  chmod 700 "$WORK_DIR"
  CLIENT_CONFIG="${WORK_DIR}/admin.properties"
  local declared="${RECONCILE_DECLARED:?RECONCILE_DECLARED is not set}" managed="${RECONCILE_MANAGED:?RECONCILE_MANAGED is not set}"
  [[ -r "$declared" ]] || die "declared state ${declared} is not readable (is the ConfigMap mounted?)"
  [[ -r "$managed" ]] || die "managed state ${managed} is not readable (is the ConfigMap mounted?)"
  [[ -n "${RECONCILE_BOOTSTRAP:-}" ]] || die "RECONCILE_BOOTSTRAP is not set"

  write_client_config "$CLIENT_CONFIG"
  wait_for_cluster
  log "reading the cluster's topics, users and ACLs on ${RECONCILE_BOOTSTRAP} (auth.mode ${RECONCILE_AUTH_MODE:-none}, prune ${RECONCILE_PRUNE:-false})"
  observe_topics > "${WORK_DIR}/observed-topics.tsv"
  {
    cat "${WORK_DIR}/observed-topics.tsv"
    local topic
    while IFS= read -r topic; do observe_topic_configs "$topic"; done < <(
      { grep -E "^topic$TAB" "$declared" || true; grep -E "^topic$TAB" "$managed" || true; } | cut -f2 | sort -u \
        | while IFS= read -r topic; do grep -q -F -x -e "$topic" <(cut -f2 "${WORK_DIR}/observed-topics.tsv") && echo "$topic"; done)
    if [[ "${RECONCILE_AUTH_MODE:-none}" != mtls ]]; then observe_users; fi
    if [[ "${RECONCILE_AUTH_MODE:-none}" != none ]]; then observe_acls; fi
  } > "${WORK_DIR}/observed.tsv"

  # Only what this auth.mode can hold: SCRAM users unless mtls, ACLs with an authorizer (scram or mtls).
  local kinds="topic|config"
  [[ "${RECONCILE_AUTH_MODE:-none}" != mtls ]] && kinds+="|user"
  [[ "${RECONCILE_AUTH_MODE:-none}" != none ]] && kinds+="|acl"
  { grep -E "^(${kinds})${TAB}" "$declared" || true; } > "${WORK_DIR}/declared.tsv"
  { grep -E "^(${kinds})${TAB}" "$managed" || true; } > "${WORK_DIR}/managed.tsv"
  compute_plan "${WORK_DIR}/declared.tsv" "${WORK_DIR}/observed.tsv" "${WORK_DIR}/managed.tsv" > "${WORK_DIR}/plan.tsv"
  local line changes=0
  while IFS= read -r line; do
    if [[ "$line" == report"$TAB"* ]]; then log "NOTE: ${line#report"$TAB"}"; else changes=$(( changes + 1 )); fi
  done < "${WORK_DIR}/plan.tsv"
  if (( changes == 0 )); then
    log "the cluster matches the values: nothing to change"
    return 0
  fi
  log "${changes} change(s) to make"
  while IFS= read -r line; do
    [[ "$line" == report"$TAB"* ]] && continue
    apply_change "$line"
  done < "${WORK_DIR}/plan.tsv"
  rm -f "${WORK_DIR}/keystore.pem"
  log "done: ${changes} change(s) made"
}

case "${1:-run}" in
  plan)
    [[ $# -eq 4 ]] || die "usage: kafka-reconcile.sh plan DECLARED OBSERVED MANAGED"
    compute_plan "$2" "$3" "$4"
    ;;
  run) run ;;
  *) die "usage: kafka-reconcile.sh [run | plan DECLARED OBSERVED MANAGED]" ;;
esac
