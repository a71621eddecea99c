#!/usr/bin/env bash
# Mutation testing (Stryker.NET, from the repo's tool manifest) of the code that must never lose a team's edit:
#   upgrades  the whole of src/KafkaTemplates.Upgrades (Merging, Applying, Planning, Sources)
#             against tests/KafkaTemplates.Upgrades.Tests
#   writer    src/KafkaTemplates.Engine/Writing/AtomicDirectoryWriter.cs against the Writing tests of
#             tests/KafkaTemplates.Engine.Tests
#   all       both (the default)
# Prints the mutation score per file; the HTML and JSON reports land in StrykerOutput/<target>/reports/.
# Too slow for every CI run (see docs/mutation-testing.md): run it when the upgrade core or the writer changes.
#
# Extra arguments go to dotnet-stryker, e.g. scope a run while iterating:
#   scripts/mutation-test.sh upgrades --mutate '**/Merging/**/*.cs'
# STRYKER_CONCURRENCY (default 2) sets the parallel test sessions; KT_MODEL_CASES (default 100 here, 2000 in a
# normal test run) the cases of the model-based merge check, which runs once per mutant it covers.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
export KT_MODEL_CASES="${KT_MODEL_CASES:-100}"
concurrency="${STRYKER_CONCURRENCY:-2}"
target="${1:-all}"
[ $# -gt 0 ] && shift
case "$target" in
  upgrades|writer|all) ;;
  *) echo "mutation-test.sh: unknown target '$target'; give upgrades, writer or all" >&2; exit 2 ;;
esac
command -v python3 >/dev/null || { echo "mutation-test.sh: python3 is needed to summarise the report; install it" >&2; exit 2; }
dotnet tool restore >/dev/null

stryker() {
  local name="$1" tests="$2"
  shift 2
  rm -rf "$root/StrykerOutput/$name"
  (cd "$root/tests/$tests" && dotnet dotnet-stryker --configuration Release --concurrency "$concurrency" \
    --skip-version-check --reporter json --reporter html --reporter progress --output "$root/StrykerOutput/$name" "$@")
  summarise "$root/StrykerOutput/$name/reports/mutation-report.json"
}

# Score per file: (killed + timeout) / (killed + timeout + survived + no coverage), as Stryker counts it.
summarise() {
  python3 - "$1" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
rows, total = [], {}
for path, data in sorted(report["files"].items()):
    counts = {}
    for m in data["mutants"]:
        counts[m["status"]] = counts.get(m["status"], 0) + 1
        total[m["status"]] = total.get(m["status"], 0) + 1
    rows.append((path, counts))
def line(name, c):
    detected = c.get("Killed", 0) + c.get("Timeout", 0)
    valid = detected + c.get("Survived", 0) + c.get("NoCoverage", 0)
    score = f"{100 * detected / valid:6.2f}%" if valid else "   n/a "
    print(f"{score}  killed {c.get('Killed', 0):4}  timeout {c.get('Timeout', 0):3}  survived {c.get('Survived', 0):3}  "
          f"no coverage {c.get('NoCoverage', 0):3}  ignored {c.get('Ignored', 0):3}  {name}")
for path, c in rows:
    line(path, c)
line("TOTAL", total)
PY
}

if [ "$target" = upgrades ] || [ "$target" = all ]; then
  stryker upgrades KafkaTemplates.Upgrades.Tests --project KafkaTemplates.Upgrades.csproj "$@"
fi
if [ "$target" = writer ] || [ "$target" = all ]; then
  stryker writer KafkaTemplates.Engine.Tests --project KafkaTemplates.Engine.csproj \
    --mutate '**/Writing/AtomicDirectoryWriter.cs' --test-case-filter 'FullyQualifiedName~Writing' "$@"
fi
