import { createHash, X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate } from 'selfsigned';
import { readClientCertificate } from '../../src/graph/certificate';

describe('the app certificate file', () => {
  let dir: string;
  let pems: { private: string; cert: string };
  let other: { private: string; cert: string };
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'app-cert-'));
    const make = () => generate([{ name: 'commonName', value: 'gruppeforloeb' }], { keySize: 2048, algorithm: 'sha256' });
    [pems, other] = [await make(), await make()];
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('gives msal the SHA-256 thumbprint, the key as PKCS#8 and the certificate for x5c', () => {
    const certificate = readClientCertificate(file('app.pem', `${pems.private}\n${pems.cert}`));
    const der = new X509Certificate(pems.cert).raw;
    expect(certificate.thumbprintSha256).toBe(createHash('sha256').update(der).digest('hex').toUpperCase());
    expect(certificate.privateKey).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(certificate.x5c).toBe(pems.cert.trim());
  });

  it.each([
    ['no key', () => pems.cert, /ingen privat nøgle.*no private key/],
    ['no certificate', () => pems.private, /intet certifikat.*no certificate/],
    ['a key of another certificate', () => `${other.private}\n${pems.cert}`, /hører ikke til certifikatet.*does not belong/],
  ])('refuses a file with %s, naming AAD_APP_CERTIFICATE_PATH', (_name, text, message) => {
    expect(() => readClientCertificate(file('bad.pem', text()))).toThrow(expect.objectContaining({ variable: 'AAD_APP_CERTIFICATE_PATH', message: expect.stringMatching(message) }));
  });

  it('refuses a file that is not there', () => {
    expect(() => readClientCertificate(join(dir, 'missing.pem'))).toThrow(/AAD_APP_CERTIFICATE_PATH: filen kan ikke læses \(ENOENT\)/);
  });
});
