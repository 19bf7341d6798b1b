/**
 * web-tree-sitter passes every node to and from WebAssembly through the module's `setValue` and
 * `getValue`: five 32-bit values per node, and a 1,000-line file reads node types, ends and
 * fields some 16,000 times per analysis (about 80,000 `setValue` calls). Emscripten's versions
 * are generic: each call tests the type name as a string (`endsWith('*')`, then a `switch`) before
 * it stores. Measured on the benchmark's 1,000-line file, the generic calls cost about 1.2 ms of
 * an analysis of 12.
 *
 * `speedUpMemoryAccess` gives the module versions that go straight to the store for `'i32'`, the
 * only type the node transfer uses, and hand every other type to the original. The store is the
 * one Emscripten's own `'i32'` case makes (`HEAP_DATA_VIEW`, little-endian, at the address
 * rounded down to 4), read from the module on each call because Emscripten replaces the view
 * when the memory grows. Before keeping them, a round trip through a scratch cell checks that the
 * new and the original functions agree; if the module does not look as expected, or they
 * disagree, the module keeps its own.
 */

/** The parts of an Emscripten module this file uses. */
interface EmscriptenMemory {
  setValue: (pointer: number, value: number, type?: string) => void;
  getValue: (pointer: number, type?: string) => number;
  HEAP_DATA_VIEW: DataView;
  _malloc: (bytes: number) => number;
  _free: (pointer: number) => void;
}

function isEmscriptenMemory(module: Record<string, unknown>): module is Record<string, unknown> & EmscriptenMemory {
  return (
    typeof module.setValue === 'function' &&
    typeof module.getValue === 'function' &&
    module.HEAP_DATA_VIEW instanceof DataView &&
    typeof module._malloc === 'function' &&
    typeof module._free === 'function'
  );
}

/** @returns whether the fast versions were installed */
export function speedUpMemoryAccess(module: Record<string, unknown>): boolean {
  if (!isEmscriptenMemory(module)) {
    return false;
  }
  const genericSet = module.setValue;
  const genericGet = module.getValue;
  const setValue = (pointer: number, value: number, type?: string): void => {
    if (type === 'i32') {
      module.HEAP_DATA_VIEW.setInt32((pointer >> 2) * 4, value, true);
    } else {
      genericSet(pointer, value, type);
    }
  };
  const getValue = (pointer: number, type?: string): number =>
    type === 'i32' ? module.HEAP_DATA_VIEW.getInt32((pointer >> 2) * 4, true) : genericGet(pointer, type);
  if (!agree(module, { setValue, getValue }, { setValue: genericSet, getValue: genericGet })) {
    return false;
  }
  module.setValue = setValue;
  module.getValue = getValue;
  return true;
}

type Access = Pick<EmscriptenMemory, 'setValue' | 'getValue'>;

/** Each pair reads back, through the other, what it wrote: negative, positive and both halves set. */
function agree(module: EmscriptenMemory, fast: Access, generic: Access): boolean {
  const cell = module._malloc(4);
  if (!cell) {
    return false;
  }
  try {
    for (const value of [-2, 0x12345678, -0x7f00ff01]) {
      fast.setValue(cell, value, 'i32');
      if (generic.getValue(cell, 'i32') !== value) {
        return false;
      }
      generic.setValue(cell, ~value, 'i32');
      if (fast.getValue(cell, 'i32') !== ~value) {
        return false;
      }
    }
    return true;
  } finally {
    module._free(cell);
  }
}
