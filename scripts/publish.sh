#!/usr/bin/env bash
# Builds the self-contained packages for a bureau's offline intranet (no .NET SDK, no internet on the server):
#   dist/matching-<rid>/        the program with its own .NET runtime, HeaderMaps/, rules.json, matching.json,
#                               answers.json, jobs/, sample-data/, the systemd unit (linux) or the service script
#                               (windows), the install script and README-INSTALL.md (Chinese)
#   dist/matching-<rid>.tar.gz  (linux) or dist/matching-<rid>.zip (windows): the same folder, to carry across
# The developers' tools (`matching bench`, `matching sample` and the generator's assembly) are left out (-p:DeveloperTools=false).
# Usage: scripts/publish.sh [linux-x64] [win-x64]   (default: both). dist/ is ignored by git.
# Nothing is downloaded at install time; building the package needs the runtime packs once (NuGet, or the machine's cache).
set -euo pipefail
cd "$(dirname "$0")/.."
rids=("$@")
[ ${#rids[@]} -gt 0 ] || rids=(linux-x64 win-x64)
version=$(git describe --always --dirty 2>/dev/null || echo unknown)
mkdir -p dist
for rid in "${rids[@]}"; do
  case "$rid" in linux-x64 | win-x64) ;; *) echo "publish.sh: $rid: only linux-x64 and win-x64 are packaged" >&2; exit 1 ;; esac
  out="dist/matching-$rid"
  echo "publishing $rid into $out (self-contained: the .NET runtime is inside)…" >&2
  rm -rf "$out" "$out.tar.gz" "$out.zip"
  dotnet publish src/Matching.Cli -c Release -r "$rid" --self-contained -o "$out" -v q -nologo -p:DebugType=none -p:GenerateDocumentationFile=false -p:DeveloperTools=false
  # The symbol-less package keeps no .xml docs of the libraries either: only what runs.
  find "$out" -maxdepth 1 -name '*.xml' -delete
  mkdir -p "$out/jobs"
  cp jobs/worker.json jobs/README.md "$out/jobs/"
  cp -r sample-data "$out/sample-data"
  cp scripts/install/README-INSTALL.md "$out/"
  if [ "$rid" = linux-x64 ]; then
    cp scripts/matching-worker.service "$out/"
    cp scripts/install/install.sh "$out/"
    chmod 755 "$out/install.sh" "$out/matching"
    echo "$version" > "$out/VERSION"
    tar -C dist -czf "$out.tar.gz" "matching-$rid"
    echo "$out.tar.gz: $(du -m "$out.tar.gz" | cut -f1) MB packed, $(du -sm "$out" | cut -f1) MB unpacked" >&2
  else
    cp scripts/install/install-service.ps1 "$out/"
    echo "$version" > "$out/VERSION"
    (cd dist && rm -f "matching-$rid.zip" && python3 -c "import shutil,sys; shutil.make_archive(sys.argv[1], 'zip', '.', sys.argv[2])" "matching-$rid" "matching-$rid")
    echo "$out.zip: $(du -m "$out.zip" | cut -f1) MB packed, $(du -sm "$out" | cut -f1) MB unpacked" >&2
  fi
done
