import { spawn } from 'child_process';
import * as os from 'os';
import { environments, isEnvironment, maskKey, type Environment } from '../core/keys/keyFormat';
import { openKeytarBackend } from '../core/keys/keytarBackend';
import { checkProfileName, defaultProfile, KeyFormatError, KeyStore } from '../core/keys/keyStore';
import type { CliIo } from './run';

export const keysUsage = `Usage:
  ucanpay keys set [--env sandbox|live] [--profile NAME]   read a key from a hidden prompt or stdin
  ucanpay keys status [--env sandbox|live] [--profile NAME]
  ucanpay keys list
  ucanpay keys remove [--env sandbox|live] [--profile NAME]
  ucanpay exec [--env sandbox|live] [--profile NAME] -- command [args...]

Keys live in the OS keychain, in the same entries the VS Code extension uses. A key is never
taken from the command line (shell history and process lists would keep it).
`;

interface KeyArgs {
  readonly env: Environment;
  readonly profile: string;
  readonly rest: string[];
}

function parseKeyArgs(args: readonly string[], io: CliIo): KeyArgs | string {
  const environment = io.env?.UCANPAY_ENV;
  let env: Environment = isEnvironment(environment) ? environment : 'sandbox';
  let profile = io.env?.UCANPAY_PROFILE || defaultProfile;
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--') {
      rest.push(...args.slice(i + 1));
      break;
    } else if (arg === '--env' || arg.startsWith('--env=')) {
      const value = arg.includes('=') ? arg.slice(6) : args[++i];
      if (!isEnvironment(value)) return `--env must be ${environments.join(' or ')}`;
      env = value;
    } else if (arg === '--profile' || arg.startsWith('--profile=')) {
      const value = arg.includes('=') ? arg.slice(10) : (args[++i] ?? '');
      const problem = checkProfileName(value);
      if (problem) return problem;
      profile = value;
    } else if (arg.startsWith('ucp_')) {
      return 'never pass a key as an argument (shell history keeps it): run "ucanpay keys set" and paste it at the prompt, or pipe it on stdin';
    } else {
      rest.push(arg);
    }
  }
  return { env, profile, rest };
}

async function openStore(io: CliIo): Promise<KeyStore | undefined> {
  const opened = await openKeytarBackend();
  if ('unavailable' in opened) {
    io.stderr.write(
      `ucanpay: no OS keychain is available: ${opened.unavailable}.\n` +
        'On Linux, a Secret Service (gnome-keyring or KeePassXC) must run in your session. The VS Code extension falls back to its own secret storage; the CLI does not store keys anywhere else.\n',
    );
    return undefined;
  }
  return new KeyStore(opened.backend);
}

/** Reads one line without echo on a terminal; all of standard input otherwise (a pipe). */
function readSecret(io: CliIo, prompt: string): Promise<string> {
  const stdin = process.stdin;
  if (!stdin.isTTY) {
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      stdin.on('data', (chunk: Buffer) => chunks.push(chunk));
      stdin.on('end', () => resolve(Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '')));
      stdin.on('error', reject);
    });
  }
  return new Promise((resolve) => {
    io.stderr.write(prompt);
    stdin.setRawMode(true);
    stdin.resume();
    let value = '';
    const onData = (chunk: Buffer) => {
      for (const char of chunk.toString('utf8')) {
        if (char === '\r' || char === '\n' || char === '\u0004') {
          finish(value);
          return;
        } else if (char === '\u0003') {
          finish('');
          return;
        } else if (char === '\u007f' || char === '\b') {
          value = value.slice(0, -1);
        } else {
          value += char;
        }
      }
    };
    const finish = (result: string) => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      io.stderr.write('\n');
      resolve(result);
    };
    stdin.on('data', onData);
  });
}

export async function keys(argv: readonly string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = argv;
  const args = parseKeyArgs(rest, io);
  if (typeof args === 'string') {
    io.stderr.write(`ucanpay keys: ${args}\n`);
    return 2;
  }
  if (!['set', 'status', 'list', 'remove'].includes(sub ?? '') || args.rest.length) {
    (sub === undefined || sub === '--help' ? io.stdout : io.stderr).write(keysUsage);
    return sub === undefined || sub === '--help' ? 0 : 2;
  }
  const store = await openStore(io);
  if (!store) {
    return 2;
  }
  const where = `${args.profile}/${args.env}`;
  switch (sub) {
    case 'set': {
      const input = await readSecret(io, `UCanPay ${args.env} API key for profile ${args.profile} (input hidden): `);
      try {
        const metadata = await store.setKey(args.profile, args.env, input);
        io.stdout.write(`Stored ${maskKey(input)} for ${where} in ${store.backend.label} (${metadata.storedAt.slice(0, 10)}).\n`);
        return 0;
      } catch (error) {
        io.stderr.write(`ucanpay keys set: ${error instanceof KeyFormatError ? error.message : 'the keychain refused to store the key.'} Nothing was changed.\n`);
        return 2;
      }
    }
    case 'status': {
      const status = await store.status(args.profile, args.env);
      if (!status) {
        io.stdout.write(`No key stored for ${where}. Run: ucanpay keys set --env ${args.env}${args.profile === defaultProfile ? '' : ` --profile ${args.profile}`}\n`);
        return 1;
      }
      io.stdout.write(`${where}: ${status.masked}, stored ${status.ageDays} day(s) ago${status.rotatedAt ? ' (rotated)' : ''}, in ${status.store}\n`);
      return 0;
    }
    case 'list': {
      const all = await store.list();
      for (const status of all) {
        io.stdout.write(`${status.profile}/${status.environment}: ${status.masked}, ${status.ageDays} day(s) old\n`);
      }
      if (all.length === 0) {
        io.stdout.write('No keys stored.\n');
      }
      return 0;
    }
    default: {
      const removed = await store.removeKey(args.profile, args.env);
      io.stdout.write(removed ? `Removed the key for ${where} from ${store.backend.label}.\n` : `No key was stored for ${where}.\n`);
      return removed ? 0 : 1;
    }
  }
}

/**
 * `ucanpay exec -- cmd args`: runs a command with UCANPAY_API_KEY and UCANPAY_ENV in its
 * environment, so the user's code reads the key from process.env and it never touches disk.
 */
export async function exec(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseKeyArgs(argv, io);
  if (typeof args === 'string' || args.rest.length === 0) {
    io.stderr.write(`ucanpay exec: ${typeof args === 'string' ? args : 'name a command after --'}\n\n${keysUsage}`);
    return 2;
  }
  const store = await openStore(io);
  const key = await store?.getKey(args.profile, args.env);
  if (!store) {
    return 2;
  }
  if (!key) {
    io.stderr.write(`ucanpay exec: no key stored for ${args.profile}/${args.env}. Run: ucanpay keys set --env ${args.env}\n`);
    return 2;
  }
  const [command, ...commandArgs] = args.rest;
  return new Promise((resolve) => {
    const child = spawn(command, commandArgs, {
      stdio: 'inherit',
      env: { ...(io.env ?? process.env), UCANPAY_API_KEY: key, UCANPAY_ENV: args.env, UCANPAY_PROFILE: args.profile },
    });
    child.on('error', (error: NodeJS.ErrnoException) => {
      io.stderr.write(`ucanpay exec: cannot run ${command}: ${error.code ?? error.message}\n`);
      resolve(127);
    });
    child.on('exit', (code, signal) => resolve(code ?? 128 + (signal ? (os.constants.signals[signal] ?? 0) : 0)));
  });
}
