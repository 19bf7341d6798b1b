import { checkKey, keyPrefixes, type Environment } from './keyFormat';
import type { SecretBackend } from './secretBackend';

/**
 * What is known about a stored key without reading it: kept as its own keychain entry beside
 * the key, so the extension and the CLI see the same dates. Never the key itself.
 */
export interface KeyMetadata {
  readonly profile: string;
  readonly environment: Environment;
  readonly last4: string;
  /** ISO date-time the current key was stored. */
  readonly storedAt: string;
  /** ISO date-time of the last rotation, if the key was rotated. */
  readonly rotatedAt?: string;
}

export interface KeyStatus extends KeyMetadata {
  readonly masked: string;
  readonly ageDays: number;
  readonly store: string;
}

export class KeyFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KeyFormatError';
  }
}

export const defaultProfile = 'default';
const profilePattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export function checkProfileName(name: string): string | undefined {
  return profilePattern.test(name) ? undefined : 'A profile name has letters, digits, dots, dashes or underscores (at most 64).';
}

const indexAccount = '#index';
const secretAccount = (profile: string, environment: Environment) => `${profile}/${environment}`;
const metadataAccount = (profile: string, environment: Environment) => `${profile}/${environment}#meta`;

/**
 * API keys, one per profile and environment, in one secret backend. Used by the extension and
 * the CLI alike; it writes nothing anywhere else.
 */
export class KeyStore {
  constructor(
    readonly backend: SecretBackend,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async getKey(profile: string, environment: Environment): Promise<string | undefined> {
    return this.backend.get(secretAccount(profile, environment));
  }

  /** Checks the format, then stores the key and its metadata. The old key, if any, is replaced. */
  async setKey(profile: string, environment: Environment, input: string): Promise<KeyMetadata> {
    const checked = checkKey(environment, input);
    if (!checked.ok) {
      throw new KeyFormatError(checked.message);
    }
    const profileProblem = checkProfileName(profile);
    if (profileProblem) {
      throw new KeyFormatError(profileProblem);
    }
    const metadata: KeyMetadata = { profile, environment, last4: checked.key.slice(-4), storedAt: this.now().toISOString() };
    await this.backend.set(secretAccount(profile, environment), checked.key);
    await this.backend.set(metadataAccount(profile, environment), JSON.stringify(metadata));
    await this.updateIndex((accounts) => accounts.add(secretAccount(profile, environment)));
    return metadata;
  }

  /**
   * Replaces the key with a new one once `verify` accepts the new one (a live check against the
   * API, say). If verification fails, the old key stays and the error propagates.
   */
  async rotateKey(profile: string, environment: Environment, input: string, verify?: (key: string) => Promise<void>): Promise<KeyMetadata> {
    const checked = checkKey(environment, input);
    if (!checked.ok) {
      throw new KeyFormatError(checked.message);
    }
    const old = await this.getKey(profile, environment);
    if (old === checked.key) {
      throw new KeyFormatError('That is the key already stored. Generate a new key in the UCanPay dashboard first.');
    }
    await verify?.(checked.key);
    const stored = await this.setKey(profile, environment, checked.key);
    const rotated: KeyMetadata = { ...stored, rotatedAt: stored.storedAt };
    await this.backend.set(metadataAccount(profile, environment), JSON.stringify(rotated));
    return rotated;
  }

  async removeKey(profile: string, environment: Environment): Promise<boolean> {
    const removed = await this.backend.delete(secretAccount(profile, environment));
    await this.backend.delete(metadataAccount(profile, environment));
    await this.updateIndex((accounts) => accounts.delete(secretAccount(profile, environment)));
    return removed;
  }

  async metadata(profile: string, environment: Environment): Promise<KeyMetadata | undefined> {
    const raw = await this.backend.get(metadataAccount(profile, environment));
    if (!raw) {
      return undefined;
    }
    try {
      return JSON.parse(raw) as KeyMetadata;
    } catch {
      return undefined;
    }
  }

  async status(profile: string, environment: Environment): Promise<KeyStatus | undefined> {
    const metadata = await this.metadata(profile, environment);
    if (!metadata || !(await this.getKey(profile, environment))) {
      return undefined;
    }
    const ageDays = Math.floor((this.now().getTime() - Date.parse(metadata.storedAt)) / 86_400_000);
    return {
      ...metadata,
      masked: `${keyPrefixes[environment]}…${metadata.last4}`,
      ageDays: Math.max(0, ageDays),
      store: this.backend.label,
    };
  }

  /** Every stored key's status (profiles and environments that have one). */
  async list(): Promise<KeyStatus[]> {
    const statuses: KeyStatus[] = [];
    for (const account of await this.readIndex()) {
      const [profile, environment] = account.split('/') as [string, Environment];
      const status = await this.status(profile, environment);
      if (status) {
        statuses.push(status);
      }
    }
    return statuses.sort((a, b) => a.profile.localeCompare(b.profile) || a.environment.localeCompare(b.environment));
  }

  async profiles(): Promise<string[]> {
    return [...new Set((await this.readIndex()).map((account) => account.split('/')[0]))].sort();
  }

  private async readIndex(): Promise<string[]> {
    const raw = await this.backend.get(indexAccount);
    try {
      const parsed: unknown = raw ? JSON.parse(raw) : [];
      return Array.isArray(parsed) ? parsed.filter((a): a is string => typeof a === 'string') : [];
    } catch {
      return [];
    }
  }

  private async updateIndex(change: (accounts: Set<string>) => unknown): Promise<void> {
    const accounts = new Set(await this.readIndex());
    change(accounts);
    await this.backend.set(indexAccount, JSON.stringify([...accounts].sort()));
  }
}
