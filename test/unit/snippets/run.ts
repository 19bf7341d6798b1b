import * as path from 'path';
import * as ts from 'typescript';
import * as vm from 'vm';
import { expandProgram, loadSnippets, type Snippet } from './catalogue';

export const repoRoot = path.resolve(__dirname, '..', '..', '..', '..');

/** What a loaded snippet sees instead of the real thing (modules that are not installed, fetch, console). */
export interface Sandbox {
  readonly modules?: Readonly<Record<string, unknown>>;
  readonly fetch?: (url: string, init: RequestInit) => Promise<Response>;
  readonly console?: Pick<Console, 'info' | 'warn' | 'error' | 'log'>;
}

/**
 * Runs the expansion of a snippet (and the snippets it needs) as a CommonJS module and returns
 * the bindings named in `names`. TypeScript is transpiled first, as ts-node or a build would.
 */
export function loadSnippet(language: 'javascript' | 'typescript', prefix: string, names: readonly string[], sandbox: Sandbox = {}): Record<string, unknown> {
  const snippets = loadSnippets(repoRoot, language);
  const snippet = snippets.find((s: Snippet) => s.prefix === prefix);
  if (!snippet) {
    throw new Error(`no ${language} snippet ${prefix}`);
  }
  const file = `/workspace/src/${prefix}${language === 'typescript' ? '.ts' : '.js'}`;
  let code = expandProgram(snippets, snippet, file);
  if (language === 'typescript') {
    code = ts.transpileModule(code, {
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
      fileName: file,
    }).outputText;
  }
  // Exported TypeScript bindings live on `exports`; the rest are local names of the module.
  code += `\n;module.exports.__snippet = { ${names.map((name) => `${name}: typeof ${name} === 'undefined' ? exports.${name} : ${name}`).join(', ')} };`;
  const wrapper = vm.runInThisContext(`(function (exports, require, module, fetch, console) {\n${code}\n})`, { filename: file }) as (
    exports: unknown,
    require: (id: string) => unknown,
    module: { exports: Record<string, unknown> },
    fetch: unknown,
    console: unknown,
  ) => void;
  const module = { exports: {} as Record<string, unknown> };
  const requireFor = (id: string): unknown => {
    if (sandbox.modules && id in sandbox.modules) {
      return sandbox.modules[id];
    }
    return require(id);
  };
  wrapper(module.exports, requireFor, module, sandbox.fetch ?? globalThis.fetch, sandbox.console ?? console);
  const bindings = module.exports.__snippet as Record<string, unknown>;
  for (const name of names) {
    if (bindings[name] === undefined) {
      throw new Error(`${prefix} (${language}) defines no ${name}`);
    }
  }
  return bindings;
}

/** Sets environment variables for the length of `body`, then restores them. */
export async function withEnv<T>(values: Readonly<Record<string, string | undefined>>, body: () => T | Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(values).map((key) => [key, process.env[key]]));
  const apply = (entries: Record<string, string | undefined>): void => {
    for (const [key, value] of Object.entries(entries)) {
      if (value === undefined) {
        delete process.env[key];
      } else {
        process.env[key] = value;
      }
    }
  };
  apply({ ...values });
  try {
    return await body();
  } finally {
    apply(saved);
  }
}

/** A card number that passes the Luhn check, made at run time so no card number sits in the repository. */
export function luhnCardNumber(prefix: string, length = 16): string {
  const body = prefix.padEnd(length - 1, '0');
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let digit = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) {
      digit *= 2;
      if (digit > 9) {
        digit -= 9;
      }
    }
    sum += digit;
  }
  return body + String((10 - (sum % 10)) % 10);
}

/** Records calls made on a fake Express response. */
export class FakeResponse {
  statusCode = 200;
  headersSent = false;
  readonly headers: Record<string, string> = {};
  body: unknown;
  readonly cookies: Array<{ name: string; value?: string; options: Record<string, unknown>; cleared: boolean }> = [];

  status(code: number): this {
    this.statusCode = code;
    return this;
  }

  set(name: string, value: string): this {
    this.headers[name.toLowerCase()] = value;
    return this;
  }

  json(body: unknown): this {
    this.body = body;
    this.headersSent = true;
    return this;
  }

  cookie(name: string, value: string, options: Record<string, unknown>): this {
    this.cookies.push({ name, value, options, cleared: false });
    return this;
  }

  clearCookie(name: string, options: Record<string, unknown>): this {
    this.cookies.push({ name, options, cleared: true });
    return this;
  }
}
