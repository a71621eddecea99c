#!/usr/bin/env bash
# Runs every test. Installs what the tests need first (helm, kubectl, promtool, chromium), so it works on a
# fresh machine that has only the .NET SDK. Extra arguments go to `dotnet test` (for example --filter).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"

scripts/install-test-tools.sh
export PATH="$root/.tools/bin:$PATH"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

dotnet test KafkaTemplates.sln --configuration Release "$@"
