/**
 * The slice of a cancellation token the engine needs. VS Code's `CancellationToken` satisfies it
 * structurally, so the extension passes its own token and the core never imports `vscode`.
 * `onCancellationRequested` is optional so that a plain `{ isCancellationRequested }` object stays
 * a token; code that must react at once (a socket to close) uses `onCancelled`, which polls when
 * the event is missing.
 */
export interface CancellationToken {
  readonly isCancellationRequested: boolean;
  readonly onCancellationRequested?: (listener: (e: unknown) => unknown) => { dispose(): unknown };
}

export interface Disposable {
  dispose(): void;
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

/** Calls `listener` once when `token` is cancelled (at once if it already is). */
export function onCancelled(token: CancellationToken, listener: () => void, pollMs = 50): Disposable {
  let done = false;
  const fire = () => {
    if (!done) {
      done = true;
      listener();
    }
  };
  if (token.isCancellationRequested) {
    fire();
    return { dispose: () => undefined };
  }
  if (token.onCancellationRequested) {
    const subscription = token.onCancellationRequested(fire);
    return {
      dispose: () => {
        done = true;
        subscription.dispose();
      },
    };
  }
  const timer = setInterval(() => {
    if (token.isCancellationRequested) {
      clearInterval(timer);
      fire();
    }
  }, pollMs);
  timer.unref();
  return {
    dispose: () => {
      done = true;
      clearInterval(timer);
    },
  };
}

/** A token its owner can cancel: for the CLI and for tests (the extension uses VS Code's). */
export class CancellationTokenSource implements Disposable {
  private cancelled = false;
  private readonly listeners = new Set<(e: unknown) => unknown>();
  readonly token: CancellationToken;

  constructor() {
    const listeners = this.listeners;
    const isCancelled = () => this.cancelled;
    this.token = {
      get isCancellationRequested() {
        return isCancelled();
      },
      onCancellationRequested(listener) {
        listeners.add(listener);
        return { dispose: () => listeners.delete(listener) };
      },
    };
  }

  cancel(): void {
    if (this.cancelled) {
      return;
    }
    this.cancelled = true;
    for (const listener of [...this.listeners]) {
      listener(undefined);
    }
    this.listeners.clear();
  }

  dispose(): void {
    this.listeners.clear();
  }
}
