import * as fs from 'fs';
import * as path from 'path';

/**
 * Every file under `roots` that contains one of `secrets` (as UTF-8, or UTF-16LE as some stores
 * write). Used after a run to prove no key value reached settings, storage, logs or the workspace.
 */
export function findLeaks(roots: readonly string[], secrets: readonly string[]): string[] {
  const needles = secrets.flatMap((secret) => [Buffer.from(secret, 'utf8'), Buffer.from(secret, 'utf16le')]);
  const hits: string[] = [];
  const visit = (target: string) => {
    let stat: fs.Stats;
    try {
      stat = fs.lstatSync(target);
    } catch {
      return;
    }
    if (stat.isSymbolicLink()) {
      return;
    }
    if (stat.isDirectory()) {
      for (const entry of fs.readdirSync(target)) {
        visit(path.join(target, entry));
      }
    } else if (stat.isFile()) {
      const content = fs.readFileSync(target);
      if (needles.some((needle) => content.includes(needle))) {
        hits.push(target);
      }
    }
  };
  for (const root of roots) {
    visit(root);
  }
  return hits;
}
