import * as assert from 'assert';
import { mappedRange, parseShellLine } from '../../../src/core/rules/text/shellWords';
import { findingsFor } from '../helpers';

function parse(line: string) {
  return parseShellLine(mappedRange(line, 0, line.length));
}

describe('shell command reader (rules/text/shellWords)', () => {
  it('splits commands at operators and keeps each word where it was written', () => {
    const line = `A=1 sudo -E curl -sk "http://x/a b" | jq '.id' && echo done # curl -k`;
    const { commands } = parse(line);
    assert.deepStrictEqual(
      commands.map((c) => [c.name, c.args.map((a) => a.text), c.assignments.map((a) => a.name)]),
      [
        ['curl', ['-sk', 'http://x/a b'], ['A']],
        ['jq', ['.id'], []],
        ['echo', ['done'], []],
      ],
    );
    const url = commands[0].args[1];
    assert.strictEqual(line.slice(url.start, url.end), '"http://x/a b"');
    assert.strictEqual(line.slice(url.offsets[0], url.offsets[url.offsets.length - 1] + 1), 'http://x/a b');
  });

  it('reads export, env and bare assignments, and the values with their quotes', () => {
    const line = `export A="x y" B=2; env C=3 node app.js; D='4'`;
    const { commands } = parse(line);
    assert.deepStrictEqual(
      commands.map((c) => [c.name, c.assignmentStyle, c.assignments.map((a) => `${a.name}=${a.value.text}`)]),
      [
        ['', 'statement', ['A=x y', 'B=2']],
        ['node', 'prefix', ['C=3']],
        ['', 'statement', ['D=4']],
      ],
    );
    const a = commands[0].assignments[0].value;
    assert.strictEqual(line.slice(a.start, a.end), '"x y"');
  });

  it('skips redirection targets and notes here-documents', () => {
    const result = parse('cat > out.txt 2>&1 <<-"EOF"');
    assert.deepStrictEqual(result.commands.map((c) => [c.name, c.args.map((a) => a.text)]), [['cat', []]]);
    assert.strictEqual(result.heredoc, 'EOF');
  });

  it('starts a new command inside $( … )', () => {
    const { commands } = parse('TOKEN=$(curl -k https://x/token)');
    assert.ok(commands.some((c) => c.name === 'curl' && c.args[0].text === '-k'));
  });

  for (const [path, text] of [
    ['a.sh', ''],
    ['a.sh', '"'],
    ['a.sh', "curl -k 'unterminated"],
    ['a.sh', 'x=${'],
    ['a.sh', '$('],
    ['a.sh', '\\'],
    ['a.sh', 'curl \\'],
    ['a.sh', '<<'],
    ['a.sh', 'git config'],
    ['a.sh', 'npm config set'],
    ['a.sh', 'http --verify'],
    ['a.sh', 'curl --tls-max'],
    ['a.sh', 'wget --secure-protocol'],
    ['Dockerfile', 'RUN ['],
    ['Dockerfile', 'RUN ["'],
    ['Dockerfile', 'ENV'],
    ['Dockerfile', 'ENV NODE_TLS_REJECT_UNAUTHORIZED'],
    ['Dockerfile', 'HEALTHCHECK --interval=5s CMD'],
    ['Dockerfile', 'RUN <<EOF'],
    ['a.yml', 'a: |'],
    ['a.yml', '- - -'],
    ['a.yml', '"unterminated: key'],
    ['a.yml', 'env:\n  - name: NODE_TLS_REJECT_UNAUTHORIZED\n'],
    ['a.yml', ': :'],
    ['a.json', '{'],
    ['a.json', '[{"scripts": {"a": 1}}, "http://api.ucanpay.com", null]'],
    ['package.json', '{"scripts": {"x": "curl -k \\"http://api.ucanpay.com"}}'],
    ['a.conf', '[http'],
    ['a.conf', 'ssl_protocols'],
    ['a.conf', 'SSLProtocol'],
    ['a.conf', 'ssl-min-ver'],
    ['.env', 'NODE_TLS_REJECT_UNAUTHORIZED="'],
    ['README.md', '```'],
    ['README.md', '<!--'],
    ['README.md', '```sh\ncurl -k http://api.ucanpay.com'],
    ['a.js', "execSync(); spawn('curl'); spawn('sh', ['-c']); tls.connect({ checkServerIdentity });"],
    ['a.ts', "const o = { minVersion: `TLSv1${x}`, secureProtocol: 1, ['rejectUnauthorized']: false };"],
  ]) {
    it(`never throws on odd input: ${path} ${JSON.stringify(text)}`, async () => {
      // findingsFor fails when a rule throws.
      await findingsFor(path, text);
      await findingsFor(path, `${text}\n`.repeat(3));
    });
  }

  it('stays linear on long, pathological lines', async () => {
    const started = Date.now();
    for (const [path, line] of [
      ['a.sh', `curl ${'-'.repeat(20000)}k ${'\\'.repeat(20000)}`],
      ['a.sh', `x=${'${'.repeat(5000)}`],
      ['a.yml', `${'a'.repeat(20000)}: ${'"'.repeat(20000)}`],
      ['a.conf', `${'a:'.repeat(20000)}`],
      ['README.md', `${'`'.repeat(20000)}http://`],
      ['.env', `API_URL=${'http://'.repeat(5000)}`],
    ]) {
      await findingsFor(path, line);
    }
    assert.ok(Date.now() - started < 5000, `took ${Date.now() - started} ms`);
  });
});
