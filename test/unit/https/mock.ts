import { generatePki, type MockPki } from '../../harness/mockUcanpay/pki';
import { startMockUcanpay, type MockUcanpay } from '../../harness/mockUcanpay/server';

// One set of certificates per unit run: generating them is most of a mock's start-up time.
let pki: MockPki | undefined;

/** Starts a mock for the enclosing `describe` and returns its accessor. */
export function useMock(): () => MockUcanpay {
  let mock: MockUcanpay | undefined;
  before(async function () {
    this.timeout(60_000);
    pki ??= generatePki();
    mock = await startMockUcanpay({ pki });
  });
  after(async () => {
    await mock?.close();
  });
  return () => {
    if (!mock) throw new Error('the mock is not running');
    return mock;
  };
}

/** Expects `promise` to reject with an instance of `type`, and returns that error. */
export async function rejection<T extends Error>(promise: Promise<unknown>, type: abstract new (...args: never[]) => T): Promise<T> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof type) {
      return error;
    }
    throw new Error(`expected ${type.name}, got ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
  }
  throw new Error(`expected ${type.name}, but the call succeeded`);
}
