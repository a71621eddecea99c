#!/usr/bin/env bash
# Every figure of docs/benchmarks.md in one sitting, on one machine, printed at the end:
#   1. render and validate (BenchmarkDotNet: RenderBenchmarks, ValidationBenchmarks, UpgradeBenchmarks)
#   2. the 1,000-repo fleet (check + diff)
#   3. the portal under load (200 concurrent dry runs)
#   4. kafka-templates new against dotnet new, whole process, the tool installed as users install it
#
#   bench/run-all.sh [--quick]     (--quick: BenchmarkDotNet's short job and 5 runs of new; for iterating, not for the doc)
#
# Run it on a quiet machine: the load average is printed with every figure, and figures taken while other processes
# share the cores say little on their own (compare ratios from one run instead). Needs GNU time (apt-get install time).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
quick=false
[ "${1:-}" = "--quick" ] && quick=true
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
load() { cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown; }

echo "machine: $(nproc) cores, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n 1), $(free -g | awk '/Mem:/ {print $2}') GiB; $(dotnet --version) SDK"
echo "building the benchmarks (Release)..."
dotnet build bench/KafkaTemplates.Benchmarks -c Release --nologo -v quiet >/dev/null
dotnet build bench/KafkaTemplates.PortalLoad -c Release --nologo -v quiet >/dev/null

job=(--job default)
$quick && job=(--job short)
echo "[1/4] render, validate, diff (BenchmarkDotNet, load average $(load))..."
dotnet run -c Release --no-build --project bench/KafkaTemplates.Benchmarks -- --filter '*RenderBenchmarks*' '*ValidationBenchmarks*' '*UpgradeBenchmarks*' \
  "${job[@]}" --exporters markdown --artifacts "$out/bdn" >"$out/bdn.log" 2>&1 || { tail -n 40 "$out/bdn.log"; exit 1; }

echo "[2/4] fleet of 1,000 repos (load average $(load))..."
dotnet run -c Release --no-build --project bench/KafkaTemplates.Benchmarks -- fleet 1000 >"$out/fleet.log" 2>&1 || { cat "$out/fleet.log"; exit 1; }

echo "[3/4] portal, 200 concurrent dry runs (load average $(load))..."
dotnet run -c Release --no-build --project bench/KafkaTemplates.PortalLoad -- --requests 200 >"$out/portal.log" 2>&1 || { cat "$out/portal.log"; exit 1; }

echo "[4/4] kafka-templates new against dotnet new (load average $(load))..."
runs=15
$quick && runs=5
bench/compare-new.sh "$runs" >"$out/new.log" 2>&1 || { cat "$out/new.log"; exit 1; }

echo
echo "## Render, validate, diff (BenchmarkDotNet)"
for report in "$out"/bdn/results/*-report-github.md; do
  sed -n '/^| /p' "$report"
  echo
done
echo "## Fleet"
cat "$out/fleet.log"
echo
cat "$out/portal.log"
echo
echo "## new against dotnet new"
cat "$out/new.log"
