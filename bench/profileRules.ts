import * as path from 'path';
import { TreeSitterHost } from '../src/core/parsing/treeSitter';
import { allRules } from '../src/core/rules/catalogue';
import { LineIndex } from '../src/core/text/lineIndex';
import { rulesForText } from '../src/core/engine/prefilter';
import { SyntaxIndex } from '../src/core/parsing/syntaxIndex';
import { paymentModule, Rng } from './generate';

/** Development aid: where one analysis of a generated file spends its time (parse, each rule). */
async function main(): Promise<void> {
  const lines = Number(process.argv[2] ?? 1000);
  const lang = (process.argv[3] ?? 'javascript') as 'javascript' | 'typescript';
  const host = new TreeSitterHost(path.dirname(require.resolve('@vscode/tree-sitter-wasm/wasm/tree-sitter.wasm')));
  const text = paymentModule(new Rng(lines * 31 + lang.length), lines, lang, 0.02, true);
  const rules = rulesForText(allRules.filter((r) => r.check && r.languages.includes(lang)), text);
  const totals = new Map<string, number>();
  const runs = Number(process.env.RUNS ?? 30);
  for (let run = 0; run < runs + 3; run++) {
    const t0 = performance.now();
    const parsed = await host.parse(lang, text);
    const t1 = performance.now();
    if (run >= 3) totals.set('(parse)', (totals.get('(parse)') ?? 0) + t1 - t0);
    const li = new LineIndex(text);
    const index = new SyntaxIndex(parsed.tree);
    const i0 = performance.now();
    index.nodes('string');
    if (run >= 3) totals.set('(index)', (totals.get('(index)') ?? 0) + performance.now() - i0);
    for (const rule of rules) {
      const s = performance.now();
      rule.check!({ text, path: 'src/a.js', options: { allowedHttpHosts: [] }, facts: {}, lines: li, report: () => undefined, language: lang, tree: parsed.tree, nodes: index.nodes.bind(index), shared: index.shared.bind(index) });
      if (run >= 3) totals.set(rule.id, (totals.get(rule.id) ?? 0) + performance.now() - s);
    }
    parsed.tree.delete();
  }
  console.log(`${lines} lines ${lang}, ${text.length} chars, ${rules.length} rules pass the prefilter`);
  for (const [id, ms] of [...totals].sort((a, b) => b[1] - a[1])) console.log(`${(ms / runs).toFixed(2).padStart(8)} ms  ${id}`);
  console.log(`${([...totals.values()].reduce((a, b) => a + b, 0) / runs).toFixed(2)} ms total`);
}
void main();
