import * as assert from 'assert';
import type * as vscode from 'vscode';
import { CancellationTokenSource, onCancelled, type CancellationToken } from '../../../src/core/cancellation';

// Compile-time: VS Code's token (with its onCancellationRequested event) is a core token.
const fromVscode = (token: vscode.CancellationToken): CancellationToken => token;
void fromVscode;

describe('cancellation', () => {
  it('a source fires its listeners once, and late subscribers at once', () => {
    const source = new CancellationTokenSource();
    let calls = 0;
    const subscription = onCancelled(source.token, () => calls++);
    source.cancel();
    source.cancel();
    assert.strictEqual(calls, 1);
    assert.ok(source.token.isCancellationRequested);
    subscription.dispose();
    let late = 0;
    onCancelled(source.token, () => late++);
    assert.strictEqual(late, 1);
  });

  it('a disposed subscription does not fire', () => {
    const source = new CancellationTokenSource();
    let calls = 0;
    onCancelled(source.token, () => calls++).dispose();
    source.cancel();
    assert.strictEqual(calls, 0);
  });

  it('polls a token without an event', async () => {
    let cancelled = false;
    const token: CancellationToken = {
      get isCancellationRequested() {
        return cancelled;
      },
    };
    const fired = new Promise<void>((resolve) => onCancelled(token, resolve, 5));
    cancelled = true;
    await fired;
  });
});
