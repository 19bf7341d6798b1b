import * as path from 'path';
import type * as TreeSitter from '@vscode/tree-sitter-wasm';
import type { LanguageId } from '../languages';
import grammarFiles from './grammars.json';
import { editBetween, type PreviousParse } from './parseCache';
import { speedUpMemoryAccess } from './wasmMemory';

export type SyntaxTree = TreeSitter.Tree;
export type SyntaxNode = TreeSitter.Node;

type TreeSitterModule = typeof TreeSitter;

// web-tree-sitter keeps its WebAssembly instance in module scope, and a second `Parser.init`
// replaces it under the feet of languages loaded by the first. So the runtime is the one thing
// cached per process; everything else lives in a TreeSitterHost that its owner disposes.
let runtime: Promise<TreeSitterModule> | undefined;
/** Whether the runtime took the fast memory access (tests, benchmark). */
let runtimeAccelerated = false;

export function fastMemoryAccess(): boolean {
  return runtimeAccelerated;
}

function loadRuntime(wasmDir: string): Promise<TreeSitterModule> {
  runtime ??= (async () => {
    // A dynamic import keeps the 170 KB runtime out of extension activation: it is evaluated
    // when the first file is analysed.
    const module = (await import('@vscode/tree-sitter-wasm')) as TreeSitterModule & { default?: TreeSitterModule };
    const treeSitter = module.Parser ? module : (module.default as TreeSitterModule);
    // Emscripten makes the options object the module itself: it is the handle on its memory access.
    const emscripten: Record<string, unknown> & { locateFile: () => string } = { locateFile: () => path.join(wasmDir, grammarFiles.runtime) };
    await treeSitter.Parser.init(emscripten);
    runtimeAccelerated = speedUpMemoryAccess(emscripten);
    return treeSitter;
  })().catch((error: unknown) => {
    runtime = undefined;
    throw error;
  });
  return runtime;
}

interface LoadedLanguage {
  readonly parser: TreeSitter.Parser;
}

/**
 * Loads grammars lazily, once per language, and parses with them. Owned by the extension or the
 * CLI; `dispose` frees the WebAssembly memory of the parsers.
 */
export class TreeSitterHost {
  private readonly loaded = new Map<LanguageId, Promise<LoadedLanguage>>();

  /** @param wasmDir folder holding tree-sitter.wasm and the grammar .wasm files */
  constructor(private readonly wasmDir: string) {}

  private load(language: LanguageId): Promise<LoadedLanguage> {
    let pending = this.loaded.get(language);
    if (!pending) {
      pending = (async () => {
        const treeSitter = await loadRuntime(this.wasmDir);
        const file = (grammarFiles.grammars as Record<string, string>)[language];
        const grammar = await treeSitter.Language.load(path.join(this.wasmDir, file));
        const parser = new treeSitter.Parser();
        parser.setLanguage(grammar);
        return { parser };
      })();
      pending.catch(() => this.loaded.delete(language));
      this.loaded.set(language, pending);
    }
    return pending;
  }

  /**
   * Parses `text`; the caller owns the tree and must `delete()` it. Given the previous parse of
   * the same document, re-parses incrementally: `previous.tree` is edited in place (and still
   * the caller's to delete).
   */
  async parse(language: LanguageId, text: string, previous?: PreviousParse): Promise<SyntaxParse> {
    const loaded = await this.load(language);
    let oldTree: TreeSitter.Tree | null = null;
    if (previous && previous.language === language) {
      const edit = editBetween(previous.text, text);
      if (edit) {
        previous.tree.edit(edit);
      }
      oldTree = previous.tree;
    }
    const tree = loaded.parser.parse(text, oldTree);
    if (!tree) {
      throw new Error(`tree-sitter returned no tree for ${language}`);
    }
    return { tree };
  }

  dispose(): void {
    for (const pending of this.loaded.values()) {
      void pending.then(
        (loaded) => loaded.parser.delete(),
        () => undefined,
      );
    }
    this.loaded.clear();
  }
}

export interface SyntaxParse {
  readonly tree: SyntaxTree;
}
