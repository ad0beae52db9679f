#!/usr/bin/env bash
# Builds Apicurio Registry 2.4.2 (in-memory storage) as a runnable Quarkus application for
# ApicurioInteropIT, which is skipped until this has run. Everything comes from Maven Central: see
# pom.xml beside this script. Idempotent: does nothing when the runner for this pom is already there.
#
#   registry/src/test/apicurio/install.sh [extra Maven arguments, e.g. -Dmaven.repo.local=/tmp/repo]
#
# The runner goes to $NEWSLINE_APICURIO_HOME, by default ${XDG_CACHE_HOME:-~/.cache}/newsline/apicurio-2.4.2
# (outside target/, so `mvn clean` keeps it): apicurio-registry-runner-2.4.2-runner.jar, lib/, and READY.
# The build runs in a scratch copy of pom.xml; it installs nothing into the local Maven repository
# (it only downloads Apicurio's and Quarkus' artifacts into it).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../../.." && pwd)"
dest="${NEWSLINE_APICURIO_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/newsline/apicurio-2.4.2}"
runner="apicurio-registry-runner-2.4.2-runner.jar"
# the READY stamp names the build inputs, so a changed pom.xml rebuilds
stamp="$(cat "$here/pom.xml" "$here/settings.xml" | sha256sum | cut -c1-16)"

if [ -f "$dest/READY" ] && [ "$(cat "$dest/READY")" = "$stamp" ] && [ -f "$dest/$runner" ]; then
  echo "apicurio: runner already built in $dest"
  exit 0
fi

started=$(date +%s)
mkdir -p "$(dirname "$dest")"
work="$(mktemp -d "$(dirname "$dest")/.apicurio-build.XXXXXX")"
trap 'rm -rf "$work"' EXIT
cp "$here/pom.xml" "$work/"
echo "apicurio: building Apicurio Registry 2.4.2 from Maven Central in $work (log: build.log there)"
echo "apicurio: about 3 minutes on an empty Maven repository (~230 MB of Apicurio's and Quarkus' artifacts)"

# Maven's own progress, trimmed to the steps; the full log is printed if the build fails. Maven is
# silent while it resolves the dependencies, so a heartbeat says that it is still working.
(
  while [ ! -e "$work/.done" ]; do
    for _ in 1 2 3 4 5 6; do
      sleep 5
      [ -e "$work/.done" ] && exit 0
    done
    echo "apicurio: still building ($(( $(date +%s) - started )) s)"
  done
) &
beat_pid=$!
set +e
"$root/mvnw" -B -ntp -s "$here/settings.xml" -f "$work/pom.xml" package -DskipTests "$@" </dev/null 2>&1 \
  | tee "$work/build.log" \
  | grep --line-buffered -E '^\[INFO\] --- |BUILD|Total time|^\[ERROR\]|augmentation completed' \
  | sed -u 's/^/apicurio: /'
status=${PIPESTATUS[0]}
set -e
touch "$work/.done"
wait "$beat_pid" || true
if [ "$status" -ne 0 ] || [ ! -f "$work/target/$runner" ]; then
  echo "apicurio: build FAILED (exit $status); last lines of the Maven log:" >&2
  tail -n 80 "$work/build.log" >&2
  exit 1
fi

rm -rf "$dest.new"
mkdir -p "$dest.new"
mv "$work/target/$runner" "$work/target/lib" "$dest.new/"
echo "$stamp" >"$dest.new/READY"
rm -rf "$dest"
mv "$dest.new" "$dest"
echo "apicurio: runner ready in $dest ($(du -sh "$dest" | cut -f1), $(find "$dest/lib" -name '*.jar' | wc -l) jars)" \
  "after $(( $(date +%s) - started )) s"
