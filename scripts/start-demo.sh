#!/usr/bin/env bash
# `npm start`: builds and packages the extension, then serves it in code-server (VS Code in the
# browser) on 127.0.0.1 with a fresh copy of the demo workspace, and prints the URL.
set -euo pipefail
cd "$(dirname "$0")/.."
vsix=".vscode-test/ucanpay-secure.vsix"
mkdir -p .vscode-test
npx tsc -p .
node scripts/package.js --out "$vsix"
exec node out/test/harness/startDemo.js "$vsix"
