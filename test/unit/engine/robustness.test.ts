import * as assert from 'assert';
import { neverCancelled } from '../../../src/core/cancellation';
import { Analyzer } from '../../../src/core/engine/analyzer';
import type { Rule } from '../../../src/core/rules/rule';
import { analyzer, treeSitter } from '../helpers';

describe('analyzer robustness', () => {
  it('gives JSON rules no tree, rather than an error, when the JSON nests too deep to parse', async () => {
    const trees: unknown[] = [];
    const probe: Rule = {
      id: 'probe',
      title: 'probe',
      section: 'HTTPS Usage',
      defaultSeverity: 'info',
      languages: [],
      textKinds: ['json'],
      literals: [],
      mappings: { cwe: [], owasp: [], pciDss: [] },
      description: '',
      checkText: (context) => void trees.push(context.jsonTree()),
    };
    const analyzer = new Analyzer(treeSitter, [probe, { ...probe, id: 'probe-2' }]);
    const result = await analyzer.analyze({ path: 'a.json', text: '['.repeat(50_000) }, {}, neverCancelled);
    assert.deepStrictEqual(result.ruleErrors ?? [], []);
    assert.deepStrictEqual(trees, [undefined, undefined]);
  });
});

describe('robustness of the text rules on huge lines', () => {
  it('reads a 200 KB shell line without a stack overflow in any rule', async () => {
    const text = `curl https://x ${'a'.repeat(200_000)}\n`;
    const result = await analyzer.analyze({ path: 'deploy.sh', text }, {}, { isCancellationRequested: false });
    assert.deepStrictEqual(result.ruleErrors ?? [], []);
  });
});
