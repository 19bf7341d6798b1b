import { execFileSync, spawn, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as path from 'path';
import { repoRoot } from './paths';

/**
 * code-server: VS Code 1.100 served to a browser, with the real Node extension host. It is how
 * the integration and UI tiers get a real VS Code here (see TESTING.md in the shared notes and
 * ARCHITECTURE.md). Installed once into .vscode-test/ by scripts/provision-code-server.sh.
 */
export function provisionCodeServer(): string {
  const output = execFileSync('bash', [path.join(repoRoot, 'scripts', 'provision-code-server.sh')], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return output.trim().split('\n').pop() ?? '';
}

export interface CodeServerOptions {
  /** Everything of this instance (user data, extensions, XDG folders, tmp) lives under here. */
  readonly runDir: string;
  /** Defaults to runDir/exts. */
  readonly extensionsDir?: string;
  /** Keep workspace trust on (restricted-mode tests); off by default so tests are not prompted. */
  readonly workspaceTrust?: boolean;
  readonly userSettings?: Readonly<Record<string, unknown>>;
  /** Extra environment, inherited by the extension host. */
  readonly env?: Readonly<Record<string, string>>;
  /** Fixed port (the demo); a free one otherwise. */
  readonly port?: number;
  /** Variables the instance must not inherit (no D-Bus session: a machine without a keychain). */
  readonly unsetEnv?: readonly string[];
}

export interface CodeServer {
  readonly url: string;
  readonly port: number;
  readonly extensionsDir: string;
  readonly output: string[];
  stop(): Promise<void>;
}

/** Settings that keep the workbench quiet and deterministic under automation. */
export const quietSettings: Readonly<Record<string, unknown>> = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'chat.commandCenter.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'git.openRepositoryInParentFolders': 'never',
};

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function sandboxEnv(runDir: string, extra: Readonly<Record<string, string>> | undefined, unset: readonly string[] = []): NodeJS.ProcessEnv {
  const dirs = {
    XDG_CONFIG_HOME: path.join(runDir, 'xdg-config'),
    XDG_DATA_HOME: path.join(runDir, 'xdg-data'),
    XDG_CACHE_HOME: path.join(runDir, 'xdg-cache'),
    TMPDIR: path.join(runDir, 'tmp'),
  };
  for (const dir of Object.values(dirs)) {
    fs.mkdirSync(dir, { recursive: true });
  }
  const env: NodeJS.ProcessEnv = { ...process.env, ...dirs, ...extra };
  // The host must not inherit the test runner's own Node options or a VS Code it runs inside.
  delete env.NODE_OPTIONS;
  delete env.VSCODE_IPC_HOOK_CLI;
  for (const name of unset) {
    delete env[name];
  }
  return env;
}

export function installExtension(bin: string, runDir: string, extensionsDir: string, vsix: string): void {
  execFileSync(bin, ['--extensions-dir', extensionsDir, '--user-data-dir', path.join(runDir, 'ud'), '--install-extension', vsix], {
    env: sandboxEnv(runDir, undefined),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

export async function startCodeServer(bin: string, options: CodeServerOptions): Promise<CodeServer> {
  const { runDir } = options;
  const port = options.port ?? (await freePort());
  const extensionsDir = options.extensionsDir ?? path.join(runDir, 'exts');
  const userDataDir = path.join(runDir, 'ud');
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.mkdirSync(extensionsDir, { recursive: true });
  fs.writeFileSync(
    path.join(userDataDir, 'User', 'settings.json'),
    JSON.stringify({ ...quietSettings, ...options.userSettings }, null, 2),
  );
  const config = path.join(runDir, 'config.yaml');
  fs.writeFileSync(config, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  const args = [
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    '--config', config,
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
  ];
  if (!options.workspaceTrust) {
    args.push('--disable-workspace-trust');
  }
  // Its own process group: a file watcher outlives SIGTERM of the main process, so stop() kills
  // the whole group.
  const child = spawn(bin, args, { detached: true, env: sandboxEnv(runDir, options.env, options.unsetEnv), stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  const logFile = fs.createWriteStream(path.join(runDir, 'code-server.log'));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`code-server did not start in 60 s:\n${output.join('')}`)), 60_000);
    const onData = (chunk: Buffer) => {
      const text = chunk.toString();
      output.push(text);
      logFile.write(text);
      if (text.includes('HTTP server listening on')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`code-server exited with ${code}:\n${output.join('')}`));
    });
  });
  child.removeAllListeners('exit');
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    extensionsDir,
    output,
    stop: () => stopGroup(child).finally(() => logFile.end()),
  };
}

async function stopGroup(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null) {
    return;
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const signal = (sig: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, sig);
    } catch {
      // The group is already gone.
    }
  };
  signal('SIGTERM');
  const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 5000).unref());
  if ((await Promise.race([exited, timeout])) === 'timeout') {
    signal('SIGKILL');
    await exited;
  }
  // Stragglers of the group (watchers) that ignored SIGTERM.
  signal('SIGKILL');
}
