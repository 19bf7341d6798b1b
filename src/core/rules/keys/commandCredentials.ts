import type { ShellCommand, Word } from '../text/shellWords';
import { wordRange } from '../text/shellWords';
import { isCredentialName, looksLikePassword, looksLikeSecret } from './secrets';

/** A credential written into a command line, as a file range. */
export interface CommandCredential {
  readonly start: number;
  readonly end: number;
  /** What it is, for the message: "the password of curl -u". */
  readonly what: string;
}

/** The value of `flag` in `args` (`-u x`, `-ux`, `--user x`, `--user=x`), as a word and where its text starts. */
function flagValues(args: readonly Word[], short: string, long: string): Array<{ word: Word; from: number }> {
  const values: Array<{ word: Word; from: number }> = [];
  for (let i = 0; i < args.length; i++) {
    const text = args[i].text;
    if (text === short || text === long) {
      if (args[i + 1]) values.push({ word: args[i + 1], from: 0 });
      i++;
    } else if (text.startsWith(`${long}=`)) {
      values.push({ word: args[i], from: long.length + 1 });
    } else if (text.startsWith(short) && !text.startsWith('--') && text.length > short.length) {
      values.push({ word: args[i], from: short.length });
    }
  }
  return values;
}

/**
 * Credentials written into curl command lines: the password of `-u user:password` and a
 * credential header's value (`-H 'Authorization: Bearer …'`, `-H 'X-Api-Key: …'`). A shell
 * variable (`$TOKEN`), a placeholder or a value that does not look like one is left alone.
 */
export function curlCredentials(command: ShellCommand): CommandCredential[] {
  if (command.name !== 'curl') {
    return [];
  }
  const found: CommandCredential[] = [];
  for (const { word, from } of flagValues(command.args, '-u', '--user')) {
    const value = word.text.slice(from);
    const colon = value.indexOf(':');
    const password = colon < 0 ? '' : value.slice(colon + 1);
    if (password && !/[$`]/.test(password) && looksLikePassword(password, 'password')) {
      found.push({ ...wordRange(word, from + colon + 1, from + value.length), what: 'the password of curl -u' });
    }
  }
  for (const { word, from } of flagValues(command.args, '-H', '--header')) {
    const header = word.text.slice(from);
    const colon = header.indexOf(':');
    if (colon <= 0 || !isCredentialName(header.slice(0, colon).trim())) {
      continue;
    }
    const raw = header.slice(colon + 1);
    const scheme = /^\s*(?:(?:Bearer|Basic|Token|ApiKey)\s+)?/i.exec(raw)?.[0].length ?? 0;
    const value = raw.slice(scheme).trim();
    if (value && !/[$`]/.test(value) && looksLikeSecret(value)) {
      const at = from + colon + 1 + raw.indexOf(value, scheme);
      found.push({ ...wordRange(word, at, at + value.length), what: `the ${header.slice(0, colon).trim()} header of curl` });
    }
  }
  return found;
}
