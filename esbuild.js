// Bundles the extension and the CLI, and copies the WebAssembly grammars they load.
// `--production` minifies and drops source maps (what goes into the .vsix); `--watch` rebuilds.
const esbuild = require('esbuild');
const fs = require('fs');
const path = require('path');
const grammarFiles = require('./src/core/parsing/grammars.json');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const dist = path.join(__dirname, 'dist');

function copyGrammars() {
  const from = path.dirname(require.resolve('@vscode/tree-sitter-wasm/wasm/tree-sitter.wasm'));
  const to = path.join(dist, 'grammars');
  fs.rmSync(to, { recursive: true, force: true });
  fs.mkdirSync(to, { recursive: true });
  for (const file of [grammarFiles.runtime, ...Object.values(grammarFiles.grammars)]) {
    fs.copyFileSync(path.join(from, file), path.join(to, file));
  }
}

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  // jsonc-parser's default (UMD) build loads its parts with require() calls esbuild cannot
  // follow; its ESM build bundles cleanly.
  mainFields: ['module', 'main'],
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  // vscode is provided by the host; keytar is a native addon shipped in node_modules.
  external: ['vscode', 'keytar'],
  logLevel: 'warning',
};

async function main() {
  fs.rmSync(dist, { recursive: true, force: true });
  const contexts = await Promise.all([
    esbuild.context({ ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js' }),
    esbuild.context({
      ...common,
      entryPoints: ['src/cli/main.ts'],
      outfile: 'dist/cli.js',
      banner: { js: '#!/usr/bin/env node' },
    }),
    // The worker threads of `ucanpay scan --jobs N`, loaded by the CLI from beside it.
    esbuild.context({ ...common, entryPoints: ['src/cli/scanWorker.ts'], outfile: 'dist/scanWorker.js' }),
  ]);
  copyGrammars();
  if (watch) {
    await Promise.all(contexts.map((context) => context.watch()));
    console.log('esbuild: watching for changes');
    return;
  }
  await Promise.all(contexts.map((context) => context.rebuild()));
  await Promise.all(contexts.map((context) => context.dispose()));
  fs.chmodSync(path.join(dist, 'cli.js'), 0o755);
  for (const file of ['extension.js', 'cli.js', 'scanWorker.js']) {
    const size = fs.statSync(path.join(dist, file)).size;
    console.log(`esbuild: dist/${file} ${(size / 1024).toFixed(0)} KiB${production ? ' (production)' : ''}`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
