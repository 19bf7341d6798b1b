import * as path from 'path';
import { TreeSitterHost } from '../src/core/parsing/treeSitter';
import { paymentModule, Rng } from './generate';
async function main() {
  const host = new TreeSitterHost(path.dirname(require.resolve('@vscode/tree-sitter-wasm/wasm/tree-sitter.wasm')));
  const text = paymentModule(new Rng(10000 * 31 + 10), 10000, 'javascript', 0.02, true);
  const parsed = await host.parse('javascript', text);
  const root = parsed.tree.rootNode;
  const time = (label: string, f: () => number) => { f(); const s = performance.now(); let n = 0; for (let i = 0; i < 10; i++) n = f(); console.log(label, ((performance.now() - s) / 10).toFixed(3), 'ms', n); };
  for (const t of ['import_statement', 'string', 'template_string', 'call_expression', 'new_expression', 'pair', 'object', 'assignment_expression', 'variable_declarator', 'member_expression', 'subscript_expression', 'method_definition', 'identifier'])
    time(t, () => root.descendantsOfType(t).length);
  time('typeId x all', () => { let n = 0; for (const x of root.descendantsOfType('member_expression')) n += x!.typeId; return n; });
}
void main();
