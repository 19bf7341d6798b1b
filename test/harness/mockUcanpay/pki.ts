import { constants, generateKeyPairSync, privateEncrypt, randomBytes } from 'crypto';
import forge from 'node-forge';

/**
 * Certificates generated for one test run: nothing on disk in the repository, nothing that
 * outlives the run. RSA keys come from node:crypto (native, fast); node-forge builds and signs
 * the X.509 certificates.
 */
export interface KeyPair {
  readonly privateKeyPem: string;
  readonly publicKeyPem: string;
}

export interface Issued {
  readonly certPem: string;
  readonly key: KeyPair;
}

export interface MockPki {
  /** The CA the tests trust through the extra-CA option. */
  readonly ca: Issued;
  /** A CA nobody trusts. */
  readonly unknownCa: Issued;
  readonly good: Issued;
  readonly expiringSoon: Issued;
  readonly expired: Issued;
  readonly notYetValid: Issued;
  readonly wrongHost: Issued;
  readonly selfSigned: Issued;
  readonly signedByUnknownCa: Issued;
}

const dayMs = 24 * 60 * 60 * 1000;

export function newKeyPair(): KeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

interface CertificateSpec {
  readonly commonName: string;
  readonly key: KeyPair;
  /** Absent: self-signed. */
  readonly issuer?: Issued;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly isCA?: boolean;
  readonly dnsNames?: readonly string[];
  readonly ipAddresses?: readonly string[];
}

export function issueCertificate(spec: CertificateSpec): Issued {
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(spec.key.publicKeyPem);
  // A positive serial: the first byte's top bit cleared.
  const serial = randomBytes(16);
  serial[0] &= 0x7f;
  cert.serialNumber = serial.toString('hex');
  cert.validity.notBefore = spec.notBefore;
  cert.validity.notAfter = spec.notAfter;
  const subject = [
    { name: 'commonName', value: spec.commonName },
    { name: 'organizationName', value: 'UCanPay Secure tests' },
  ];
  cert.setSubject(subject);
  const issuerCert = spec.issuer ? forge.pki.certificateFromPem(spec.issuer.certPem) : undefined;
  cert.setIssuer(issuerCert ? issuerCert.subject.attributes : subject);
  const extensions: object[] = spec.isCA
    ? [
        { name: 'basicConstraints', cA: true, critical: true },
        { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
      ]
    : [
        { name: 'basicConstraints', cA: false },
        { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
        { name: 'extKeyUsage', serverAuth: true },
      ];
  const altNames = [...(spec.dnsNames ?? []).map((value) => ({ type: 2, value })), ...(spec.ipAddresses ?? []).map((ip) => ({ type: 7, ip }))];
  if (altNames.length) {
    extensions.push({ name: 'subjectAltName', altNames });
  }
  extensions.push({ name: 'subjectKeyIdentifier' });
  if (issuerCert) {
    extensions.push({ name: 'authorityKeyIdentifier', keyIdentifier: issuerCert.generateSubjectKeyIdentifier().getBytes() });
  }
  cert.setExtensions(extensions);
  const signingKey = spec.issuer?.key ?? spec.key;
  cert.sign(nativeSigner(signingKey), forge.md.sha256.create());
  return { certPem: forge.pki.certificateToPem(cert), key: spec.key };
}

// DER DigestInfo header for SHA-256 (RFC 8017, section 9.2, note 1).
const sha256DigestInfo = Buffer.from('3031300d060960864801650304020105000420', 'hex');

/**
 * forge signs with its pure-JavaScript RSA, which is slow on a busy machine; it only calls
 * `key.sign(md)`, so sign the digest natively: RSASSA-PKCS1-v1_5 is the DigestInfo encrypted
 * with the private key under PKCS#1 type-1 padding.
 */
function nativeSigner(key: KeyPair): forge.pki.rsa.PrivateKey {
  const signer = {
    sign: (md: forge.md.MessageDigest) => {
      const digest = Buffer.from(md.digest().getBytes(), 'binary');
      return privateEncrypt({ key: key.privateKeyPem, padding: constants.RSA_PKCS1_PADDING }, Buffer.concat([sha256DigestInfo, digest])).toString('binary');
    },
  };
  return signer as unknown as forge.pki.rsa.PrivateKey;
}

/** The whole set for one run: three RSA keys, nine certificates. */
export function generatePki(now = Date.now()): MockPki {
  const caKey = newKeyPair();
  const unknownCaKey = newKeyPair();
  const serverKey = newKeyPair();
  const at = (days: number) => new Date(now + days * dayMs);
  const ca = issueCertificate({ commonName: 'UCanPay Mock Test CA', key: caKey, notBefore: at(-1), notAfter: at(3650), isCA: true });
  const unknownCa = issueCertificate({ commonName: 'Unknown Test CA', key: unknownCaKey, notBefore: at(-1), notAfter: at(3650), isCA: true });
  const local = { dnsNames: ['localhost'], ipAddresses: ['127.0.0.1'] };
  const leaf = (issuer: Issued | undefined, notBefore: number, notAfter: number, key = serverKey, names: Partial<CertificateSpec> = local) =>
    issueCertificate({ commonName: names.dnsNames?.[0] ?? 'localhost', key, issuer, notBefore: at(notBefore), notAfter: at(notAfter), ...names });
  return {
    ca,
    unknownCa,
    good: leaf(ca, -1, 90),
    expiringSoon: leaf(ca, -80, 10),
    expired: leaf(ca, -30, -1),
    notYetValid: leaf(ca, 1, 90),
    wrongHost: leaf(ca, -1, 90, serverKey, { dnsNames: ['wrong-host.example'], ipAddresses: [] }),
    selfSigned: leaf(undefined, -1, 90, unknownCaKey),
    signedByUnknownCa: leaf(unknownCa, -1, 90),
  };
}
