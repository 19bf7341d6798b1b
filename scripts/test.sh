#!/usr/bin/env bash
# `npm test`: build, type-check, lint, then every test tier (unit, package, integration, e2e).
# The tiers run inside a private D-Bus session with an unlocked gnome-keyring, so keychain tests
# use the real OS keychain and never touch the user's own. Pass tier names to run a subset:
#   npm test -- unit integration
set -euo pipefail
cd "$(dirname "$0")/.."

npm run --silent build
npx tsc -p .
npx eslint src test

if [ -z "${UCANPAY_IN_TEST_SESSION:-}" ] && command -v dbus-run-session >/dev/null && command -v gnome-keyring-daemon >/dev/null; then
  # The keyring's files go to a throw-away folder: never the developer's own login keyring.
  keyring_home="$PWD/.vscode-test/keyring-home"
  rm -rf "$keyring_home" && mkdir -p "$keyring_home"
  exec dbus-run-session -- env UCANPAY_IN_TEST_SESSION=1 XDG_DATA_HOME="$keyring_home" bash -c \
    'printf "ucanpay-test" | gnome-keyring-daemon --unlock --components=secrets >/dev/null && exec node out/test/run.js "$@"' _ "$@"
fi
echo "note: dbus-run-session or gnome-keyring-daemon missing; tests run without a keychain (apt-get install dbus gnome-keyring)" >&2
exec node out/test/run.js "$@"
