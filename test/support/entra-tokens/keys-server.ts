import { generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { makeTlsMaterial, type TlsMaterial } from '../graph-double/tls';

export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

export function newSigningKey(): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { kid: randomBytes(12).toString('base64url'), privateKey, publicKey };
}

/**
 * Entra ID's discovery for one tenant, as the tab's token check reads it: the v2 OpenID metadata
 * (`{authority}/{tenant}/v2.0/.well-known/openid-configuration`) and the key set its `jwks_uri`
 * names, over HTTPS with a throw-away certificate (`ca`). Keys can be rolled over as Entra ID does.
 */
export class EntraKeysServer {
  /** Published keys, newest last; tokens are signed with the newest. */
  private published: SigningKey[];
  readonly fetches = { metadata: 0, keys: 0 };

  private constructor(
    readonly tenantId: string,
    private readonly server: Server,
    private readonly tls: TlsMaterial,
    first: SigningKey,
  ) {
    this.published = [first];
  }

  static async start(tenantId: string): Promise<EntraKeysServer> {
    const tls = await makeTlsMaterial();
    let handle: (req: IncomingMessage, res: ServerResponse) => void = () => undefined;
    const server = createServer({ key: tls.key, cert: tls.cert }, (req, res) => handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const double = new EntraKeysServer(tenantId, server, tls, newSigningKey());
    handle = (req, res) => double.handle(req, res);
    return double;
  }

  /** `AAD_APP_OAUTH_AUTHORITY_HOST` for the server under test. */
  get authorityHost(): string {
    return `https://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  get ca(): string {
    return this.tls.cert;
  }

  get current(): SigningKey {
    return this.published[this.published.length - 1]!;
  }

  /** Publishes a new key and signs with it from now on; the old one stays published unless `retire`. */
  rotate(retire = false): SigningKey {
    const next = newSigningKey();
    this.published = retire ? [next] : [...this.published, next];
    return next;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => {
      this.tls.remove();
      resolve();
    }));
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const base = `${this.authorityHost}/${this.tenantId}`;
    if (req.method === 'GET' && req.url === `/${this.tenantId}/v2.0/.well-known/openid-configuration`) {
      this.fetches.metadata++;
      return json(res, 200, { issuer: `${base}/v2.0`, jwks_uri: `${base}/discovery/v2.0/keys`, id_token_signing_alg_values_supported: ['RS256'] });
    }
    if (req.method === 'GET' && req.url === `/${this.tenantId}/discovery/v2.0/keys`) {
      this.fetches.keys++;
      const keys = this.published.map(({ kid, publicKey }) => {
        const { n, e } = publicKey.export({ format: 'jwk' });
        return { kty: 'RSA', use: 'sig', kid, x5t: kid, n, e, issuer: `${base}/v2.0` };
      });
      return json(res, 200, { keys });
    }
    json(res, 404, { error: 'not_found' });
  }
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
}
