#!/usr/bin/env bash
# Installs the build and test dependencies from Debian's archive. Idempotent: skips apt entirely
# when everything is already present. Uses sudo when not root.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config
  libboost-graph-dev nlohmann-json3-dev libeigen3-dev libcli11-dev catch2 libyaml-cpp-dev
  libre2-dev        # RE2: the regex language Prometheus label matchers use
  prometheus        # provides promtool, the test oracle
  prometheus-alertmanager  # provides amtool, the routing oracle (tests/alertmanager/)
  tzdata            # zoneinfo files for Alertmanager time intervals with a location
  chromium fonts-dejavu-core python3  # headless render test of the HTML report (tests/report/)
  clang libclang-rt-dev  # the sanitizer and libFuzzer builds (scripts/sanitize.sh, scripts/fuzz.sh)
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# The prometheus packages would try to start their servers; policy-rc.d keeps it from doing so.
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
