import { markdownRegions } from '../../engine/regions';
import { fileKindForPath } from '../../files/fileKinds';
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

/**
 * In Markdown, the bodies of the fenced blocks the engine analyses again as their own kind. A
 * rule that reads both skips them at the Markdown level, so each span is judged once, by the
 * rules of its own kind.
 */
export function analysedFences(context: Pick<TextContext, 'kind' | 'text'>): Array<{ start: number; end: number }> {
  return context.kind === 'markdown' ? markdownRegions(context.text).map(({ start, end }) => ({ start, end })) : [];
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
