#!/usr/bin/env bash
# Installs the Debian packages InfoHarbor needs: `runtime` for the app (ICU to build PyICU, fonts
# and Pango for PDF badges in every script), `test` adds Chromium for browser tests and poppler to
# render PDFs back, `bench` adds nginx and Redis for benchmarks/bench_topology.py; npm installs
# the country flags (package.json). Without root, prints the command that installs what is missing.
set -euo pipefail
packages=(fonts-noto-core fonts-noto-cjk fonts-thai-tlwg libicu-dev pkg-config g++
          libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0)
# npm from Debian only where no npm is on the PATH (a Node.js install may bring its own).
command -v npm >/dev/null || packages+=(npm)
case "${1:-test}" in
  test) packages+=(chromium poppler-utils) ;;
  # benchmarks/bench_topology.py: nginx as the load balancer, Redis for cache, sessions, Celery.
  bench) packages+=(nginx redis-server) ;;
esac
command -v dpkg-query >/dev/null || { echo "system-deps: not Debian; install: ${packages[*]}"; exit 0; }
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "system-deps: missing Debian packages. Install them with:"
  echo "  sudo apt-get update && sudo apt-get install -y ${missing[*]}"
  exit 1
fi
echo "system-deps: installing ${missing[*]}"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
