// Builds the production bundle and packages the .vsix with @vscode/vsce, then prints its size
// against the 10 MB budget. Usage: node scripts/package.js [--out FILE]
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..');
const { name, version } = require('../package.json');
const outIndex = process.argv.indexOf('--out');
const out = path.resolve(outIndex > 0 ? process.argv[outIndex + 1] : path.join(root, `${name}-${version}.vsix`));
const budget = 10 * 1024 * 1024;

fs.mkdirSync(path.dirname(out), { recursive: true });
execFileSync(process.execPath, [require.resolve('@vscode/vsce/vsce'), 'package', '--out', out], {
  cwd: root,
  stdio: ['ignore', 'inherit', 'inherit'],
});
const size = fs.statSync(out).size;
console.log(`VSIX: ${path.relative(process.cwd(), out)} ${(size / 1024 / 1024).toFixed(2)} MB (budget ${budget / 1024 / 1024} MB)`);
if (size > budget) {
  console.error('The .vsix is over its size budget.');
  process.exit(1);
}
