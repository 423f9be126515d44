import { createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ConfigError } from '../config/config';
import type { Texts } from '../domain/errors';

/** What msal-node signs its client assertion with. */
export interface ClientCertificate {
  /** Hex SHA-256 of the certificate's DER: the `x5t#S256` Entra ID matches the uploaded certificate by. */
  thumbprintSha256: string;
  /** PKCS#8 PEM. */
  privateKey: string;
  /** The certificate chain as PEM, sent as `x5c` so Entra ID can match it by subject name and issuer too. */
  x5c: string;
}

const VARIABLE = 'AAD_APP_CERTIFICATE_PATH';
const CERTIFICATES = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;
const PRIVATE_KEY = /-----BEGIN (?:RSA |EC |ENCRYPTED )?PRIVATE KEY-----[\s\S]+?-----END (?:RSA |EC |ENCRYPTED )?PRIVATE KEY-----/;

function refuse(path: string, text: Texts): never {
  throw new ConfigError(VARIABLE, text, path);
}

function privateKeyOf(pem: string, path: string): KeyObject {
  const block = PRIVATE_KEY.exec(pem)?.[0];
  if (block === undefined) refuse(path, { da: 'filen indeholder ingen privat nøgle (PEM)', en: 'the file holds no private key (PEM)' });
  if (block.includes('ENCRYPTED')) refuse(path, { da: 'den private nøgle må ikke være krypteret', en: 'the private key must not be encrypted' });
  try {
    return createPrivateKey(block);
  } catch {
    return refuse(path, { da: 'den private nøgle kan ikke læses', en: 'the private key cannot be read' });
  }
}

/**
 * Reads the app's certificate and private key from one PEM file (the first certificate is the
 * app's own; any after it are its chain) and checks that they belong together, so a mismatched
 * pair fails at start, not as an opaque AADSTS error at the first booking.
 */
export function readClientCertificate(path: string): ClientCertificate {
  let pem: string;
  try {
    pem = readFileSync(path, 'utf8');
  } catch (error) {
    const reason = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : String(error);
    return refuse(path, { da: `filen kan ikke læses (${reason})`, en: `the file cannot be read (${reason})` });
  }
  const chain = pem.match(CERTIFICATES) ?? [];
  if (chain.length === 0) refuse(path, { da: 'filen indeholder intet certifikat (PEM)', en: 'the file holds no certificate (PEM)' });
  const key = privateKeyOf(pem, path);
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(chain[0]!);
  } catch {
    return refuse(path, { da: 'certifikatet kan ikke læses', en: 'the certificate cannot be read' });
  }
  if (!certificate.checkPrivateKey(key)) {
    refuse(path, { da: 'den private nøgle hører ikke til certifikatet', en: 'the private key does not belong to the certificate' });
  }
  return {
    thumbprintSha256: certificate.fingerprint256.replace(/:/g, ''),
    privateKey: key.export({ format: 'pem', type: 'pkcs8' }).toString(),
    x5c: chain.join('\n'),
  };
}
