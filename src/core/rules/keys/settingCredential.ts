import { isCredentialName, isPasswordName, looksLikePassword, looksLikeSecret, namedSecretKind, notASecretValue } from './secrets';
import { credentialByFormat } from './tokenFormats';

/** Why a setting's value is a credential, and where in the value it is. */
export interface SettingCredential {
  readonly start: number;
  readonly end: number;
  /**
   * `format`: its shape says so (`label` names it); `password`: typed, under a password's name;
   * `named`: under a name that says it is a session/JWT secret or an encryption key; `generic`:
   * generated-looking under a credential name.
   */
  readonly why: 'format' | 'password' | 'named' | 'generic';
  readonly label?: string;
}

/**
 * The credential in a configuration setting (`name = value` of a dotenv, YAML, JSON, properties,
 * shell or Dockerfile file), if its value is one: what secret-in-code and key-in-tracked-file
 * both ask of every setting.
 */
export function credentialInSetting(name: string, value: string): SettingCredential | undefined {
  const byFormat = credentialByFormat(value);
  if (byFormat) {
    return { start: byFormat.start, end: byFormat.end, why: 'format', label: byFormat.label };
  }
  const whole = { start: 0, end: value.length };
  if (looksLikeSecret(value)) {
    return isCredentialName(name) ? { ...whole, why: 'generic' } : undefined;
  }
  if (isPasswordName(name) && looksLikePassword(value, name)) {
    return { ...whole, why: 'password' };
  }
  // `SESSION_SECRET=keyboard cat`, `"jwtSecret": "s3cret-jwt"`: the name says what it is.
  if (namedSecretKind(name) && value.length >= 6 && !notASecretValue(value, name) && looksLikePassword(value.replace(/\s+/g, '-'), name)) {
    return { ...whole, why: 'named' };
  }
  return undefined;
}
