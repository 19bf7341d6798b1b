import type { SyntaxContext, SyntaxNode } from '../rule';

/** A string literal or template string with its content located once. */
export class StringSite {
  private substitutions: boolean | undefined;

  constructor(
    readonly node: SyntaxNode,
    readonly type: 'string' | 'template_string',
    /** The text between the delimiters (a template's `${…}` included, as written). */
    readonly value: string,
    /** Where `value` starts in the file. */
    readonly offset: number,
  ) {}

  /** A template string with `${…}` in it (read on first use). */
  get hasSubstitution(): boolean {
    if (this.substitutions === undefined) {
      this.substitutions = this.type === 'template_string' && this.node.namedChildren.some((child) => child?.type === 'template_substitution');
    }
    return this.substitutions;
  }
}

/**
 * Every string literal and template string of the file, in document order, with its content:
 * computed once per parse and shared by the rules that read strings (URLs, keys, cipher names).
 */
export function stringSites(context: SyntaxContext): readonly StringSite[] {
  return context.shared(stringSites, () =>
    context.nodes('string', 'template_string').map((node) => {
      const offset = node.startIndex + 1;
      const end = Math.max(offset, node.endIndex - 1);
      // The index knows the type without asking again: a template starts with a backtick.
      const type = context.text.charCodeAt(node.startIndex) === 96 ? 'template_string' : 'string';
      return new StringSite(node, type, context.text.slice(offset, end), offset);
    }),
  );
}
