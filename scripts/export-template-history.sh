#!/usr/bin/env bash
# Exports every released version of every template into <dest>/<id>/<version>/, so the tool can render the version
# a team's repo was generated from: `kafka-templates upgrade` needs it as the base of its three-way merge, and a tool
# that shipped only its newest templates could not upgrade the repos its older releases created.
#
# A released version is a tagged commit of <git-repo> (any tag name; hypertrace-kafka/v1.2.0 is the convention). The
# version is read from the template's `kafka-templates.dev/version` annotation at that tag. The version the working tree
# ships is skipped: the tool has it already. The list of executable files is written to
# <dest>/.kafka-templates-executables, because NuGet packages keep no file modes.
#   scripts/export-template-history.sh <git-repo> <dest>
set -euo pipefail
repo="$1"
dest="$2"
mkdir -p "$dest"
# A source archive has no tags and so no history to export.
git -C "$repo" rev-parse --git-dir >/dev/null 2>&1 || exit 0

version_of() { sed -n 's/^ *kafka-templates\.dev\/version: *["'\'']\{0,1\}\([^"'\'' ]*\).*$/\1/p' | head -n 1; }

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
git -C "$repo" tag --list --sort=version:refname | while IFS= read -r tag; do
  git -C "$repo" ls-tree -r --name-only "$tag" -- templates | grep -E '^templates/[^/]+/template\.yaml$' | while IFS= read -r file; do
    id="$(basename "$(dirname "$file")")"
    version="$(git -C "$repo" show "$tag:$file" | version_of)"
    [ -n "$version" ] || continue
    [ -d "$dest/$id/$version" ] && continue
    current="$repo/templates/$id/template.yaml"
    [ -f "$current" ] && [ "$(version_of < "$current")" = "$version" ] && continue
    rm -rf "${scratch:?}"/*
    git -C "$repo" archive --format=tar "$tag" "templates/$id" | tar -x -C "$scratch"
    mkdir -p "$dest/$id"
    mv "$scratch/templates/$id" "$dest/$id/$version"
    echo "template history: $id $version (from tag $tag)"
  done
done
(cd "$dest" && find . -type f -perm -u+x | sed 's|^\./||' | LC_ALL=C sort > .kafka-templates-executables)
