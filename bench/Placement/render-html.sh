#!/usr/bin/env bash
# Renders the placement HTML of the sample inventory to a PNG with headless Chromium, so a person can look at it.
# Usage: bench/Placement/render-html.sh [OUT_DIR]   (default: a new temp folder). Needs chromium (apt-get install -y chromium).
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
out="${1:-$(mktemp -d)}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
browser="$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)"
if [ -z "$browser" ]; then
  echo "render-html.sh: chromium not found (apt-get install -y chromium)" >&2
  exit 2
fi

cd "$repo"
dotnet run --project src/Cli -v q -- place --nodes bench/Placement/sample/nodes.yaml --format html --output "$out/placement.html" bench/Placement/sample/daemonsets.yaml || [ $? -eq 1 ]

profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
"$browser" --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update \
  --disable-sync --no-first-run --user-data-dir="$profile" \
  --screenshot="$out/placement.png" --window-size=1200,800 "file://$out/placement.html" >/dev/null 2>&1
test -s "$out/placement.png"
echo "$out/placement.html"
echo "$out/placement.png"
