import { aesKeyTooShort } from './aesKeyTooShort';
import { cardDataStoredUnencrypted } from './cardDataStoredUnencrypted';
import { deprecatedCreateCipher } from './deprecatedCreateCipher';
import { ecbMode } from './ecbMode';
import { hardCodedEncryptionKey } from './hardCodedEncryptionKey';
import { sensitiveDataByEmail } from './sensitiveDataByEmail';
import { staticIv } from './staticIv';
import { weakAsymmetricKey } from './weakAsymmetricKey';
import { weakCipher } from './weakCipher';
import { weakHashOnCardData } from './weakHashOnCardData';
import { weakPasswordHash } from './weakPasswordHash';
import type { Rule } from '../rule';

/** Data Encryption: weak ciphers and modes, short keys (AES, RSA, curves), static IVs, keys in code, weak hashes of card data and passwords, card data at rest and by e-mail. */
export const cryptoRules: readonly Rule[] = [
  weakCipher,
  ecbMode,
  aesKeyTooShort,
  weakAsymmetricKey,
  deprecatedCreateCipher,
  staticIv,
  hardCodedEncryptionKey,
  weakHashOnCardData,
  weakPasswordHash,
  cardDataStoredUnencrypted,
  sensitiveDataByEmail,
];
