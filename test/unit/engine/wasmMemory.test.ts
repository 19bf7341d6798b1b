import * as assert from 'assert';
import { fastMemoryAccess } from '../../../src/core/parsing/treeSitter';
import { speedUpMemoryAccess } from '../../../src/core/parsing/wasmMemory';
import { treeSitter } from '../helpers';

/** A stand-in for an Emscripten module's memory, its generic accessors storing in the given byte order. */
function emscriptenLike(littleEndian: boolean): Record<string, unknown> {
  const view = new DataView(new ArrayBuffer(64));
  let next = 8;
  const module: Record<string, unknown> = {
    HEAP_DATA_VIEW: view,
    setValue: (pointer: number, value: number, type?: string) => {
      if (type !== 'i32') throw new Error(`unexpected type ${type}`);
      view.setInt32((pointer >> 2) * 4, value, littleEndian);
    },
    getValue: (pointer: number, type?: string) => {
      if (type !== 'i32') throw new Error(`unexpected type ${type}`);
      return view.getInt32((pointer >> 2) * 4, littleEndian);
    },
    _malloc: (bytes: number) => {
      const at = next;
      next += bytes;
      return at;
    },
    _free: () => undefined,
  };
  return module;
}

describe('WebAssembly memory access for tree-sitter nodes', () => {
  it('is installed in the real runtime, and nodes read through it are right', async () => {
    const text = 'const key = "k";\nfunction f() {\n  return crypto.createCipheriv("aes-256-gcm", key, iv);\n}\n';
    const { tree } = await treeSitter.parse('javascript', text);
    try {
      assert.ok(fastMemoryAccess(), 'the runtime kept its generic setValue/getValue: every node read is about 10% slower');
      const call = tree.rootNode.descendantsOfType('call_expression')[0];
      assert.ok(call);
      assert.strictEqual(call.type, 'call_expression');
      assert.strictEqual(call.text, 'crypto.createCipheriv("aes-256-gcm", key, iv)');
      assert.deepStrictEqual(call.startPosition, { row: 2, column: 9 });
      assert.strictEqual(call.endIndex, text.indexOf(');') + 1);
      assert.strictEqual(call.childForFieldName('function')?.text, 'crypto.createCipheriv');
      assert.strictEqual(call.parent?.type, 'return_statement');
    } finally {
      tree.delete();
    }
  });

  it('replaces the accessors of a module that stores as Emscripten does, and still hands other types on', () => {
    const module = emscriptenLike(true);
    const genericSet = module.setValue;
    assert.strictEqual(speedUpMemoryAccess(module), true);
    assert.notStrictEqual(module.setValue, genericSet);
    const set = module.setValue as (pointer: number, value: number, type?: string) => void;
    const get = module.getValue as (pointer: number, type?: string) => number;
    set(16, -123456, 'i32');
    assert.strictEqual(get(16, 'i32'), -123456);
    assert.throws(() => set(16, 1, 'i8'), /unexpected type i8/);
    assert.throws(() => get(16, 'double'), /unexpected type double/);
  });

  it('keeps the module’s own accessors when the fast ones would read memory differently', () => {
    const module = emscriptenLike(false);
    const genericSet = module.setValue;
    const genericGet = module.getValue;
    assert.strictEqual(speedUpMemoryAccess(module), false);
    assert.strictEqual(module.setValue, genericSet);
    assert.strictEqual(module.getValue, genericGet);
  });

  it('leaves alone a module that does not expose what it needs', () => {
    const module = emscriptenLike(true);
    delete module.HEAP_DATA_VIEW;
    const genericSet = module.setValue;
    assert.strictEqual(speedUpMemoryAccess(module), false);
    assert.strictEqual(module.setValue, genericSet);
  });
});
