import * as assert from 'assert';
import { markdownRegions, scriptRegions } from '../../../src/core/engine/regions';
import { scanSuppressions } from '../../../src/core/engine/suppressions';

describe('markdown regions', () => {
  it('finds a fenced block\'s body, CRLF line breaks included', () => {
    const text = 'Intro\r\n```js\r\nfetch(x)\r\n```\r\nOutro';
    const regions = markdownRegions(text);
    assert.deepStrictEqual(regions.map((r) => r.kind), ['javascript']);
    assert.strictEqual(text.slice(regions[0].start, regions[0].end), 'fetch(x)\r\n');
  });

  it('ignores unclosed fences and unknown info strings, and reads indented and tilde fences', () => {
    assert.deepStrictEqual(markdownRegions('```js\nfetch(x)\n'), []);
    assert.deepStrictEqual(markdownRegions('```text\nx\n```\n'), []);
    assert.deepStrictEqual(markdownRegions('  ~~~sh\ncurl -k x\n  ~~~\n').map((r) => r.kind), ['shell']);
  });

  it('closes a fence only with a run at least as long as the opening one (CommonMark)', () => {
    assert.deepStrictEqual(markdownRegions('``````js\n```js\n```\n'), []);
    assert.deepStrictEqual(markdownRegions('````js\nx\n```\n````\n').map((r) => r.kind), ['javascript']);
  });

  it('stays linear on thousands of fences and unclosed openings', () => {
    const many = '```js\nfetch("http://x")\n```\n'.repeat(20_000);
    let started = Date.now();
    const regions = markdownRegions(many);
    assert.strictEqual(regions.length, 20_000);
    assert.ok(Date.now() - started < 1000, `took ${Date.now() - started} ms`);
    started = Date.now();
    assert.deepStrictEqual(markdownRegions('~~~js\n'.repeat(100_000)), []);
    assert.deepStrictEqual(markdownRegions(Array.from({ length: 1000 }, (_, i) => `${'`'.repeat(3 + i)}js\n`).join('')), []);
    assert.ok(Date.now() - started < 1000, `took ${Date.now() - started} ms`);
  });
});

describe('suppression scan', () => {
  const known = new Set(['plain-http-url']);
  const scan = (text: string) => scanSuppressions(text, () => 0, known, '2026-01-01');

  it('reads an expiry after a comma or semicolon, and a reason before it', () => {
    assert.strictEqual(scan('// ucanpay-ignore-line plain-http-url -- CI mock, until 2027-03-01').suppressions.length, 1);
    assert.strictEqual(scan('// ucanpay-ignore-line plain-http-url -- CI mock; until 2025-03-01').problems.length, 1);
    assert.match(scan('// ucanpay-ignore-line plain-http-url -- , until 2027-03-01').problems[0]?.message ?? '', /needs a reason/);
    assert.strictEqual(scan('/* ucanpay-ignore-line plain-http-url -- CI mock */').suppressions.length, 1);
    assert.strictEqual(scan('<!-- ucanpay-ignore-line plain-http-url -- CI mock  -->  ').suppressions.length, 1);
  });

  it('stays linear on long runs of blanks', () => {
    const started = Date.now();
    scan(`// ucanpay-ignore-line plain-http-url -- a${'\t'.repeat(200_000)}b`);
    scan(`/* ucanpay-ignore-line plain-http-url -- a${'\t'.repeat(200_000)}b */`);
    assert.ok(Date.now() - started < 500, `took ${Date.now() - started} ms`);
  });
});

describe('script regions (HTML, Vue, Svelte)', () => {
  const bodies = (text: string) => scriptRegions(text).map((r) => [r.kind, text.slice(r.start, r.end)]);

  it('reads inline scripts as JavaScript, and as TypeScript with lang="ts"', () => {
    assert.deepStrictEqual(bodies('<script>a()</script><p/><script setup lang="ts">let b: number</script>'), [
      ['javascript', 'a()'],
      ['typescript', 'let b: number'],
    ]);
    assert.deepStrictEqual(bodies('<SCRIPT type="module">c()</SCRIPT>'), [['javascript', 'c()']]);
  });

  it('leaves data blocks, empty and external scripts, and look-alike tags', () => {
    assert.deepStrictEqual(bodies('<script type="application/ld+json">{"u":"http://x"}</script>'), []);
    assert.deepStrictEqual(bodies('<script src="https://cdn.example.org/a.js"></script><script>  </script>'), []);
    assert.deepStrictEqual(bodies('<scripts>x()</scripts>'), []);
  });

  it('runs an unclosed script to the end of the file', () => {
    assert.deepStrictEqual(bodies('<script>\nfetch(u)\n'), [['javascript', '\nfetch(u)\n']]);
  });
});
