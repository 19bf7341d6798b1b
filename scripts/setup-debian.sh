#!/usr/bin/env bash
# Installs what a fresh Debian 12 machine lacks to build, start and test UCanPay Secure:
# apt packages (native builds, the keychain, code-server's needs, Chromium) and npm packages.
# Idempotent: skips what is already there. Needs root (or sudo) for apt.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  python3 make g++            # node-gyp builds keytar and code-server's native modules
  libsecret-1-dev             # keytar, against the OS keychain (libsecret)
  dbus gnome-keyring libsecret-tools  # a real Secret Service for tests; secret-tool to check it
  libkrb5-dev                 # code-server's kerberos module
  ripgrep                     # code-server's search, instead of a download from GitHub
  chromium                    # headless browser for the integration and UI tiers
  git unzip
)
missing=()
for package in "${packages[@]}"; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if [ "${#missing[@]}" -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  echo "Installing apt packages: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "Installing npm packages"
  # keytar has no reachable prebuilt binary: it builds from source against the local Node headers.
  npm_config_nodedir=/usr npm ci --no-audit --no-fund
fi
