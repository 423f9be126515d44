import { createGraphClient } from '../../src/graph/graph-client';
import { freePort } from '../support/http';

describe('the Graph client', () => {
  it('says why a connection failed, where fetch says only "fetch failed"', async () => {
    const client = createGraphClient({ endpoint: `https://127.0.0.1:${await freePort()}`, auth: { getAccessToken: async () => 'token' } });
    await expect(client.api('/$batch').post({ requests: [] })).rejects.toThrow(/^fetch failed: ECONNREFUSED$/);
  });
});
