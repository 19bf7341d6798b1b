import * as path from 'path';
import { neverCancelled } from '../src/core/cancellation';
import { Analyzer } from '../src/core/engine/analyzer';
import { ParseCache } from '../src/core/parsing/parseCache';
import { TreeSitterHost } from '../src/core/parsing/treeSitter';
import { allRules } from '../src/core/rules/catalogue';
import { paymentModule, Rng } from './generate';
async function main() {
  const host = new TreeSitterHost(path.dirname(require.resolve('@vscode/tree-sitter-wasm/wasm/tree-sitter.wasm')));
  const analyzer = new Analyzer(host, allRules);
  const text = paymentModule(new Rng(10000 * 31 + 10), 10000, 'javascript', 0.02, true);
  const split = text.split('\n');
  const cache = new ParseCache();
  const times: number[] = [];
  for (let run = 0; run < Number(process.env.RUNS ?? 20); run++) {
    const edited = [...split];
    edited[5000 + (run % 20)] += ` // edit ${run}`;
    const s = performance.now();
    await analyzer.analyze({ path: 'src/a.js', text: edited.join('\n') }, { maxFileSize: 1e9, incremental: { cache, key: 'a' } }, neverCancelled);
    times.push(performance.now() - s);
  }
  times.sort((a, b) => a - b);
  console.log('p50', times[Math.floor(times.length / 2)].toFixed(1), 'min', times[0].toFixed(1));
}
void main();
