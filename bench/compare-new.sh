#!/usr/bin/env bash
# Whole-process comparison of `kafka-templates new` and `dotnet new hypertrace-kafka` on the same answers:
# wall time, CPU time (user + system) and peak memory, runs alternating so both see the same machine. Wall time is
# the goal's measure; CPU time changes less with what else the machine runs, so it compares builds on a busy one.
# The tool is packed as releases ship it (README, "The CLI"): native (-p:NativeTool=true in the CLI project: the
# top-level package, then this platform's native package with -r), installed with `dotnet tool install`, which
# picks the native package, and run through the tool's own command, as a user runs it. The native compile takes
# several minutes.
#   bench/compare-new.sh [runs]      (needs GNU time: apt-get install time)
#   KT_PACK_PROPERTIES='-p:Name=value ...' tries another packaged form (the same properties go to dotnet pack).
#   KT_TOOL_PACKAGES=<folder> measures packages already packed the same way (both of them), skipping the compile.
set -euo pipefail
runs="${1:-10}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
[ -x /usr/bin/time ] || { echo "needs GNU time (/usr/bin/time): apt-get install time" >&2; exit 2; }

rid="$(dotnet --info | sed -n 's/^ *RID: *//p' | head -n 1)"
echo "machine: $(nproc) cores, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n 1), $(free -g | awk '/Mem:/ {print $2}') GiB, RID ${rid}"
echo "packing kafka-templates native, as releases ship it (Release, -p:NativeTool=true, native for ${rid}${KT_TOOL_PACKAGES:+: already packed in $KT_TOOL_PACKAGES}) and installing it with dotnet tool install..."
# A private artifacts folder and package cache: incremental output can go stale against rebuilt dependencies, and
# the user's cache may hold an older build under the same id and version.
packages="${KT_TOOL_PACKAGES:-$work/nupkg}"
[ -n "${KT_TOOL_PACKAGES:-}" ] || for target in "" "-r $rid"; do
  # shellcheck disable=SC2086 # $target and KT_PACK_PROPERTIES are lists of arguments
  nice -n 5 dotnet pack "$root/src/KafkaTemplates.Cli" -c Release -p:NativeTool=true $target \
    ${KT_PACK_PROPERTIES:-} --artifacts-path "$work/artifacts" -o "$work/nupkg" --nologo -v quiet >"$work/pack.log" 2>&1 \
    || { echo "dotnet pack ${target} failed:" >&2; cat "$work/pack.log" >&2; exit 1; }
done
NUGET_PACKAGES="$work/nuget-packages" dotnet tool install KafkaTemplates.Cli --tool-path "$work/tool" --add-source "$packages" --ignore-failed-sources >"$work/install.log" 2>&1 \
  || { echo "dotnet tool install failed:" >&2; cat "$work/install.log" >&2; exit 1; }
find "$work/tool/.store" -maxdepth 3 -type d -name "kafkatemplates.cli.$rid" | grep -q . || { echo "dotnet tool install did not pick the native package for $rid:" >&2; ls "$work/tool/.store" >&2; exit 1; }
echo "installing the dotnet new template into a private hive..."
dotnet new install "$root" --debug:custom-hive "$work/hive" >/dev/null

answers=(-n payments-kafka --owner payments --brokers 3 --storageSize 50Gi)
sets=(--set name=payments-kafka --set owner=payments --set brokers=3 --set storageSize=50Gi)
# GNU time writes "Command exited with non-zero status N" ahead of its figures when the command fails, and
# `dotnet new` exits 105 when it skips its post-action; so the figures carry a marker and only that line is read.
# A run whose figures are missing, or that failed for any other reason, stops the script instead of counting as 0 s.
measure() {
  local status=0
  /usr/bin/time -f "figures: %e %M %U %S" -o "$work/time" "$@" >"$work/out" 2>&1 </dev/null || status=$?
  if [ "$status" -ne 0 ] && [ "$status" -ne 105 ]; then
    echo "'$*' failed with exit code $status:" >&2; cat "$work/out" >&2; exit 1
  fi
  sed -n 's/^figures: //p' "$work/time" | grep -E '^[0-9.]+ [0-9]+ [0-9.]+ [0-9.]+$' || { echo "no figures from GNU time for '$*'" >&2; cat "$work/time" >&2; exit 1; }
}

# One warm-up each: the first run of anything pays for the disk cache.
(cd "$work" && measure "$work/tool/kafka-templates" new hypertrace-kafka -o warm-kt --no-validate "${sets[@]}" >/dev/null)
(cd "$work" && measure dotnet new hypertrace-kafka --debug:custom-hive "$work/hive" -o warm-dn --allow-scripts no "${answers[@]}" >/dev/null)

: > "$work/kt"; : > "$work/dn"
for i in $(seq 1 "$runs"); do
  (cd "$work" && measure "$work/tool/kafka-templates" new hypertrace-kafka -o "kt-$i" --no-validate "${sets[@]}") >> "$work/kt"
  (cd "$work" && measure dotnet new hypertrace-kafka --debug:custom-hive "$work/hive" -o "dn-$i" --allow-scripts no "${answers[@]}") >> "$work/dn"
done
diff -r "$work/kt-1" "$work/dn-1" >/dev/null && echo "outputs: identical" || echo "outputs: DIFFER"

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
kt_time=$(cut -d' ' -f1 "$work/kt" | median); dn_time=$(cut -d' ' -f1 "$work/dn" | median)
kt_mem=$(cut -d' ' -f2 "$work/kt" | median); dn_mem=$(cut -d' ' -f2 "$work/dn" | median)
kt_cpu=$(awk '{print $3 + $4}' "$work/kt" | median); dn_cpu=$(awk '{print $3 + $4}' "$work/dn" | median)
awk -v kt="$kt_time" -v dn="$dn_time" -v ktm="$kt_mem" -v dnm="$dn_mem" -v ktc="$kt_cpu" -v dnc="$dn_cpu" -v runs="$runs" 'BEGIN {
  printf "%-28s %10s %16s %14s\n", "", "wall (s)", "user+sys (s)", "peak RSS (MB)"
  printf "%-28s %10.3f %16.3f %14.1f\n", "kafka-templates new", kt, ktc, ktm / 1024
  printf "%-28s %10.3f %16.3f %14.1f\n", "dotnet new hypertrace-kafka", dn, dnc, dnm / 1024
  printf "ratio (kafka-templates / dotnet new): time %.2f, CPU %.2f, memory %.2f (%d runs each, medians)\n", kt / dn, ktc / dnc, ktm / dnm, runs
}'
