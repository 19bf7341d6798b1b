import * as assert from 'assert';
import { editorVariables, expandSnippet, tabStops } from './expand';

describe('snippet expansion (the test helper)', () => {
  it('replaces tab stops, placeholders (nested) and choices by their defaults', () => {
    assert.strictEqual(expandSnippet('const ${1:client} = create(${2:{ timeout: ${3:5000} \\}});$0'), 'const client = create({ timeout: 5000 });');
    assert.strictEqual(expandSnippet("sameSite: '${1|strict,lax,none|}'"), "sameSite: 'strict'");
    assert.strictEqual(expandSnippet('a$1b${2}c'), 'abc');
  });

  it('mirrors a tab stop with the value of its placeholder, wherever the placeholder is', () => {
    assert.strictEqual(expandSnippet('$1 = os.environ["${1:API_KEY}"]; print("$1")'), 'API_KEY = os.environ["API_KEY"]; print("API_KEY")');
    assert.strictEqual(expandSnippet(['${1|EUR,USD|} $1', '${1:ignored}']), 'EUR EUR\nEUR');
  });

  it('keeps escaped and stray characters literal, as VS Code does', () => {
    assert.strictEqual(expandSnippet('`${1:x}: \\${value\\}`'), '`x: ${value}`');
    assert.strictEqual(expandSnippet('/\\d+$/.test(s) && a \\\\ b'), '/\\d+$/.test(s) && a \\ b');
    assert.strictEqual(expandSnippet('cost: $ 5, ${ not a placeholder'), 'cost: $ 5, ${ not a placeholder');
    assert.strictEqual(expandSnippet('${1|a\\,b,c|}'), 'a,b');
    assert.strictEqual(expandSnippet('${1:a}}'), 'a}');
  });

  it('resolves variables with realistic values, and unknown ones to their name', () => {
    const now = new Date(2031, 2, 4, 5, 6, 7);
    const text = expandSnippet('$TM_FILENAME ${TM_FILENAME_BASE} $CURRENT_YEAR-${CURRENT_MONTH}-$CURRENT_DATE $UUID ${NOPE} ${TM_SELECTED_TEXT:fallback}', {
      file: '/workspace/src/checkout.ts',
      now,
    });
    const [file, base, date, uuid, unknown, fallback] = text.split(' ');
    assert.deepStrictEqual([file, base, date, unknown, fallback], ['checkout.ts', 'checkout', '2031-03-04', 'NOPE', 'fallback']);
    assert.match(uuid, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.match(editorVariables('/w/a.py').RANDOM_HEX, /^[0-9a-f]{6}$/);
    assert.strictEqual(editorVariables('/w/a.py').LINE_COMMENT, '#');
  });

  it('lists the tab stops of a body, and refuses transforms it cannot honour', () => {
    assert.deepStrictEqual(tabStops('${2:b} $1 ${3|x,y|} ${4:outer ${5:inner}} $0'), [0, 1, 2, 3, 4, 5]);
    assert.throws(() => expandSnippet('${1/(.*)/${1:/upcase}/}'), /transforms are not supported/);
  });
});
