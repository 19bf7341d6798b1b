/**
 * The slice of a cancellation token the engine needs. VS Code's `CancellationToken` satisfies it
 * structurally, so the extension passes its own token and the core never imports `vscode`.
 */
export interface CancellationToken {
  readonly isCancellationRequested: boolean;
}

export const neverCancelled: CancellationToken = Object.freeze({ isCancellationRequested: false });

export class CancelledError extends Error {
  constructor() {
    super('The operation was cancelled.');
    this.name = 'CancelledError';
  }
}

export function throwIfCancelled(token: CancellationToken): void {
  if (token.isCancellationRequested) {
    throw new CancelledError();
  }
}
