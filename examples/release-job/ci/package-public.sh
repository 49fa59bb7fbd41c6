#!/usr/bin/env bash
# Packs the files that hold no secret, and only those, for publishing.
#
#   SOURCE_DATE_EPOCH=$(git log -1 --format=%ct) bash ci/package-public.sh ARTIFACTS OUT
#
# For each build folder ARTIFACTS/<profile>/, the files its manifest.json marks
# "containsSecrets": false (chosen by select-files.js, which refuses a folder it cannot vouch for)
# go into OUT/<profile>.tar.gz; OUT/SHA256SUMS lists the tarballs' checksums and
# OUT/RELEASE_NOTES.md is every DEPLOY.md. The tarballs are reproducible: the same files and the
# same SOURCE_DATE_EPOCH give the same bytes (fixed order, dates, owners and modes; gzip without
# name or time).
set -euo pipefail
if [ $# -ne 2 ]; then
  echo "usage: SOURCE_DATE_EPOCH=SECONDS bash $0 ARTIFACTS_DIR OUT_DIR" >&2
  exit 2
fi
artifacts=$1
out=$2
: "${SOURCE_DATE_EPOCH:?set SOURCE_DATE_EPOCH (e.g. \$(git log -1 --format=%ct)) so that the tarballs are reproducible}"
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

list=$(mktemp)
trap 'rm -f "$list"' EXIT
node "$here/select-files.js" --public "$artifacts" > "$list"

mkdir -p "$out"
: > "$out/RELEASE_NOTES.md"
# Profile names are letters, digits, '.', '_' and '-' (the build enforces it): safe to split on.
for name in $(cut -d/ -f1 "$list" | LC_ALL=C sort -u); do
  awk -v prefix="$name/" 'index($0, prefix) == 1' "$list" |
    tar --create --file=- --sort=name --format=gnu --mtime="@$SOURCE_DATE_EPOCH" --owner=0 --group=0 --numeric-owner \
      --mode=u=rw,go=r --no-recursion --directory="$artifacts" --verbatim-files-from --files-from=- |
    gzip -n -9 > "$out/$name.tar.gz"
  if grep -qxF "$name/DEPLOY.md" "$list"; then cat "$artifacts/$name/DEPLOY.md" >> "$out/RELEASE_NOTES.md"; fi
done
(cd "$out" && sha256sum -- *.tar.gz > SHA256SUMS)
