#!/bin/sh
# Lockerwall kiosk: Chromium full screen on the kiosk UI, restarted if it ever exits.
# Runs in the desktop session of the unprivileged kiosk user (not the lockerwall service user), e.g.
#   ~/.config/autostart/lockerwall-kiosk.desktop  (X11 / LXDE)   Exec=/opt/lockerwall/docs/deploy/kiosk-autostart.sh
#   ~/.config/labwc/autostart                     (Wayland/labwc) /opt/lockerwall/docs/deploy/kiosk-autostart.sh &
set -u

URL="${LOCKERWALL_KIOSK_URL:-http://127.0.0.1:8080/}"
HEALTH="${URL%/}/api/health"
BROWSER="$(command -v chromium || command -v chromium-browser || true)"
if [ -z "$BROWSER" ]; then
  echo "lockerwall-kiosk: Chromium is not installed (sudo apt install chromium)" >&2
  exit 1
fi

# No screen saver or blanking: the kiosk must always show the keypad.
if [ -n "${DISPLAY:-}" ] && command -v xset >/dev/null 2>&1; then
  xset s off
  xset s noblank
  xset -dpms
fi

# Wait for the controller, so the first screen is the kiosk and not a browser error page.
until curl --silent --fail --max-time 2 "$HEALTH" >/dev/null 2>&1; do
  sleep 2
done

PROFILE="${XDG_RUNTIME_DIR:-/tmp}/lockerwall-kiosk-profile"
while :; do
  # A fresh profile each start: no "restore pages?" bubble after a power cut, nothing cached between users.
  rm -rf "$PROFILE"
  "$BROWSER" \
    --kiosk "$URL" \
    --user-data-dir="$PROFILE" \
    --incognito \
    --noerrdialogs \
    --disable-infobars \
    --no-first-run \
    --disable-session-crashed-bubble \
    --disable-translate \
    --disable-features=Translate,TouchpadOverscrollHistoryNavigation \
    --overscroll-history-navigation=0 \
    --disable-pinch \
    --check-for-update-interval=31536000 \
    --password-store=basic \
    --autoplay-policy=no-user-gesture-required
  sleep 2
done
