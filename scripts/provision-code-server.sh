#!/usr/bin/env bash
# Installs code-server (VS Code 1.100 served to a browser, with the real Node extension host)
# into the git-ignored cache .vscode-test/, once. It is how the integration and UI tiers get a
# real VS Code on machines that cannot reach Microsoft's update servers (see ARCHITECTURE.md).
# Prints the path of the code-server executable.
set -euo pipefail

VERSION="${UCANPAY_CODE_SERVER_VERSION:-4.100.3}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
CACHE="$ROOT/.vscode-test"
DEST="$CACHE/code-server-$VERSION"
BIN="$DEST/node_modules/.bin/code-server"

if [ -x "$BIN" ] && [ -f "$DEST/.complete" ]; then
  echo "$BIN"
  exit 0
fi

command -v rg >/dev/null || { echo "ripgrep is missing: apt-get install ripgrep" >&2; exit 2; }

# @vscode/ripgrep (pinned by code-server) downloads ripgrep from GitHub unless it finds this
# tarball in $TMPDIR; we hand it Debian's rg instead.
TMP="$CACHE/tmp"
RG_CACHE="$TMP/vscode-ripgrep-cache-1.15.11"
mkdir -p "$RG_CACHE" "$DEST"
tar -czf "$RG_CACHE/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" -C "$(dirname "$(command -v rg)")" rg

echo "Installing code-server $VERSION into $DEST (about a minute, once)..." >&2
[ -f "$DEST/package.json" ] || echo '{"name":"ucanpay-test-code-server","private":true}' > "$DEST/package.json"
(
  cd "$DEST"
  # node-pty's postinstall runs `npx node-gyp` (needs yes); node-gyp must use the local Node
  # headers (nodedir) instead of downloading them; code-server refuses root without unsafe_perm.
  TMPDIR="$TMP" npm_config_yes=true npm_config_nodedir=/usr npm_config_unsafe_perm=true \
    npm install --no-save --no-audit --no-fund --loglevel=error "code-server@$VERSION" >&2
)
touch "$DEST/.complete"
echo "$BIN"
