import { fileKindForPath, type FileKind } from '../../files/fileKinds';
import type { TextContext } from '../rule';

/**
 * What a dotenv file is for, which decides who reports a key in it:
 * - `tracked`: git tracks it, so the key is in the repository (key-in-tracked-file);
 * - `template`: `.env.example` and friends, committed by design (reported like any source file);
 * - `local`: an untracked `.env`, the place a developer keeps local settings (only live keys, as warnings).
 * Undefined for everything that is not a dotenv file itself (a dotenv fence in a README, say).
 */
export type DotenvRole = 'tracked' | 'template' | 'local';

const templateName = /(?:^|[._-])(?:example|sample|template|dist|defaults|tmpl|tpl)(?:[._-]|$)/;

export function dotenvRole(context: Pick<TextContext, 'kind' | 'path' | 'facts'>): DotenvRole | undefined {
  if (context.kind !== 'dotenv' || fileKindForPath(context.path) !== 'dotenv') {
    return undefined;
  }
  if (context.facts.gitTracked === true) {
    return 'tracked';
  }
  const base = context.path.slice(context.path.lastIndexOf('/') + 1).toLowerCase();
  return templateName.test(base) ? 'template' : 'local';
}

// Fence info strings the engine analyses as another kind (engine/regions.ts); any other info
// string is tried as a file extension, as the engine does.
const fenceAliases: Record<string, FileKind> = {
  js: 'javascript', javascript: 'javascript', jsx: 'javascript', node: 'javascript', mjs: 'javascript',
  ts: 'typescript', typescript: 'typescript', tsx: 'tsx',
  sh: 'shell', bash: 'shell', shell: 'shell', zsh: 'shell', console: 'shell',
  json: 'json', jsonc: 'json', yaml: 'yaml', yml: 'yaml', env: 'dotenv', dotenv: 'dotenv',
  dockerfile: 'dockerfile', docker: 'dockerfile', properties: 'properties', ini: 'properties', toml: 'properties', html: 'html',
};

function fenceKind(info: string): FileKind | undefined {
  const lower = info.toLowerCase();
  const kind = fenceAliases[lower] ?? fileKindForPath(`x.${lower}`);
  return kind === 'markdown' ? undefined : kind;
}

const fenceOpener = /^([ \t]*)(`{3,}|~{3,})/;
const bareFence = /^([ \t]*)(`{3,}|~{3,})[ \t]*$/;

/**
 * In Markdown, the bodies of the fenced blocks the engine analyses again as their own kind (as
 * engine/regions.ts finds them: a closing fence is the opening one, at its indent or none). A rule
 * that reads both skips them at the Markdown level, so each span is judged once, by the rules of
 * its own kind. One pass over the lines, whatever the number of fences.
 */
export function analysedFences(context: Pick<TextContext, 'kind' | 'text'>): Array<{ start: number; end: number }> {
  if (context.kind !== 'markdown') {
    return [];
  }
  const text = context.text;
  const lines: Array<{ start: number; text: string }> = [];
  for (let start = 0; start <= text.length; ) {
    const newline = text.indexOf('\n', start);
    const end = newline < 0 ? text.length : newline;
    lines.push({ start, text: text.slice(start, end).replace(/\r$/, '') });
    if (newline < 0) {
      break;
    }
    start = newline + 1;
  }
  // Closing-fence candidates by fence string, in line order.
  const closers = new Map<string, Array<{ line: number; indent: string }>>();
  lines.forEach((line, index) => {
    const bare = bareFence.exec(line.text);
    if (bare) {
      const list = closers.get(bare[2]) ?? [];
      list.push({ line: index, indent: bare[1] });
      closers.set(bare[2], list);
    }
  });
  const next = new Map<string, number>();
  // The first closing fence after `index` for `fence` at `indent` (or none).
  const closerOf = (index: number, fence: string, indent: string): number | undefined => {
    const candidates = closers.get(fence) ?? [];
    let at = next.get(fence) ?? 0;
    while (at < candidates.length && candidates[at].line <= index) {
      at++;
    }
    next.set(fence, at);
    for (let c = at; c < candidates.length; c++) {
      if (candidates[c].indent === '' || candidates[c].indent === indent) {
        return candidates[c].line;
      }
    }
    return undefined;
  };
  const ranges: Array<{ start: number; end: number }> = [];
  for (let index = 0; index < lines.length - 1; index++) {
    const opener = fenceOpener.exec(lines[index].text);
    if (!opener) {
      continue;
    }
    const [, indent, run] = opener;
    // As the engine's regex backtracks: the whole run of fence characters first, then shorter ones
    // (whose info string then starts with the characters left over).
    for (let length = run.length; length >= 3; length--) {
      const fence = run.slice(0, length);
      const closer = closerOf(index, fence, indent);
      if (closer === undefined) {
        continue;
      }
      const info = /^[ \t]*([^\s`]*)/.exec(lines[index].text.slice(indent.length + length))?.[1] ?? '';
      if (fenceKind(info)) {
        ranges.push({ start: lines[index + 1].start, end: lines[closer].start });
      }
      index = closer;
      break;
    }
  }
  return ranges;
}

/** Lockfiles hold integrity hashes by the thousand; none of them is a secret. */
export function isLockfile(path: string): boolean {
  const base = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  return (
    base === 'package-lock.json' ||
    base === 'npm-shrinkwrap.json' ||
    base === 'yarn.lock' ||
    base === 'pnpm-lock.yaml' ||
    base === 'bun.lock' ||
    base === 'composer.lock' ||
    base === 'deno.lock' ||
    base.endsWith('.lock.json')
  );
}
