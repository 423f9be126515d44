import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate } from 'selfsigned';

export interface TlsMaterial {
  key: string;
  cert: string;
  /** The certificate in a file of its own, for a child process's NODE_EXTRA_CA_CERTS. */
  caFile: string;
  remove(): void;
}

/**
 * A throw-away self-signed certificate for 127.0.0.1 and localhost. It is its own issuer, so it is
 * marked as a CA that may sign certificates: OpenSSL then accepts it as a trust anchor when a
 * process trusts it through NODE_EXTRA_CA_CERTS or the `ca` option. Its subject is unique: OpenSSL
 * finds a trust anchor by subject name and tries only the first it finds, so a process trusting
 * two doubles' certificates under one name would refuse one of them ("self-signed certificate").
 */
export async function makeTlsMaterial(): Promise<TlsMaterial> {
  const pems = await generate([{ name: 'commonName', value: '127.0.0.1' }, { name: 'organizationName', value: `test-double-${randomUUID()}` }], {
    keySize: 2048,
    algorithm: 'sha256',
    notAfterDate: new Date(Date.now() + 24 * 3600 * 1000),
    extensions: [
      { name: 'basicConstraints', cA: true },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, keyCertSign: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }, { type: 2, value: 'localhost' }] },
    ],
  });
  const dir = mkdtempSync(join(tmpdir(), 'graph-double-'));
  const caFile = join(dir, 'ca.pem');
  writeFileSync(caFile, pems.cert);
  return { key: pems.private, cert: pems.cert, caFile, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
