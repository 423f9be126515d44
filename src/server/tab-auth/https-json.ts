import { request } from 'node:https';

/** Reads a JSON document; rejects on anything but a 200 with JSON in time. */
export type FetchJson = (url: string) => Promise<unknown>;

export interface HttpsJsonOptions {
  /**
   * Extra certificate authorities to trust, for tests whose sign-in double has a throw-away
   * certificate (Node reads NODE_EXTRA_CA_CERTS only at start). Production leaves it unset.
   */
  ca?: string;
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 5000;
/** Entra ID's metadata and key set are a few kilobytes; anything far bigger is not them. */
const MAX_BYTES = 1_000_000;

export function httpsJson(options: HttpsJsonOptions = {}): FetchJson {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return (url) =>
    new Promise((resolve, reject) => {
      if (!url.startsWith('https://')) return reject(new Error(`not an https URL: ${url}`));
      const req = request(url, { method: 'GET', headers: { accept: 'application/json' }, ...(options.ca ? { ca: options.ca } : {}) }, (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_BYTES) req.destroy(new Error(`${url}: answer larger than ${MAX_BYTES} bytes`));
          else chunks.push(chunk);
        });
        res.once('error', reject);
        res.once('end', () => {
          if (res.statusCode !== 200) return reject(new Error(`${url}: HTTP ${res.statusCode ?? '?'}`));
          try {
            resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
          } catch {
            reject(new Error(`${url}: answer is not JSON`));
          }
        });
      });
      req.once('error', reject);
      req.setTimeout(timeoutMs, () => req.destroy(new Error(`${url}: no answer within ${timeoutMs} ms`)));
      req.end();
    });
}
