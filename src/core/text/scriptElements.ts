/** A `<script>` element of an HTML, Vue, Svelte or Astro file. */
export interface ScriptElement {
  /** The opening tag up to its `>`, lower-cased: `<script setup lang="ts"`. */
  readonly tag: string;
  /** Offsets of the element's text (between `>` and `</script`, or the end of the file). */
  readonly start: number;
  readonly end: number;
}

/**
 * The `<script>` elements of a markup file. A scan for tags rather than an HTML parser: what
 * matters is where each script's text starts and ends, and a `</script>` always ends it. Linear:
 * each step moves past the element it found.
 */
export function scriptElements(text: string): ScriptElement[] {
  const lower = text.toLowerCase();
  const elements: ScriptElement[] = [];
  let from = 0;
  for (;;) {
    const open = lower.indexOf('<script', from);
    const tagEnd = open < 0 ? -1 : lower.indexOf('>', open);
    if (open < 0 || tagEnd < 0) {
      break;
    }
    const next = lower.charAt(open + 7);
    if (next !== '>' && next !== '/' && !/\s/.test(next)) {
      // `<scripts>`, `<script-loader>`: another tag.
      from = open + 7;
      continue;
    }
    const close = lower.indexOf('</script', tagEnd);
    const end = close < 0 ? text.length : close;
    elements.push({ tag: lower.slice(open, tagEnd), start: tagEnd + 1, end });
    from = end;
  }
  return elements;
}
