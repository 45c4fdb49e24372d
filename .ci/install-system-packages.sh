#!/usr/bin/env bash
# Debian packages the tests need: real PTYs (socat), a real broker (mosquitto), a real browser
# (chromium; never a downloaded one), CJK fonts for screenshots, gcc for the firmware core.
set -euo pipefail
need=()
command -v socat >/dev/null || need+=(socat)
command -v mosquitto >/dev/null || need+=(mosquitto)
command -v mosquitto_sub >/dev/null || need+=(mosquitto-clients)
[ -x /usr/bin/chromium ] || need+=(chromium)
command -v gcc >/dev/null || need+=(gcc libc6-dev)
command -v openssl >/dev/null || need+=(openssl)
fc-list 2>/dev/null | grep -qi "noto sans cjk" || need+=(fonts-noto-cjk)
if [ ${#need[@]} -eq 0 ]; then
  echo "system packages: all present"
  exit 0
fi
echo "system packages: installing ${need[*]}"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
# Debian enables a mosquitto service on install; tests start their own brokers on free ports.
$SUDO systemctl disable --now mosquitto >/dev/null 2>&1 || true
