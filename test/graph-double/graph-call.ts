import { GraphDouble, rawRequest, type GraphDoubleOptions, type RawResponse } from '../support/graph-double';

export interface GraphFixture {
  double: GraphDouble;
  /** A request to Graph with the first app's token; `path` is relative to /v1.0. */
  call(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<RawResponse>;
  /** The same, with a token of the caller's choosing (or none). */
  callAs(token: string | null, method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<RawResponse>;
}

/** A double per test file, started before its tests and closed after them. */
export function useGraphDouble(options: GraphDoubleOptions = {}): GraphFixture {
  let token = '';
  const fixture = {
    double: undefined as unknown as GraphDouble,
    callAs: (bearer: string | null, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
      rawRequest(`${fixture.double.graphUrl}/v1.0${path}`, fixture.double.ca, {
        method,
        body,
        headers: { ...(bearer === null ? {} : { authorization: `Bearer ${bearer}` }), ...headers },
      }),
    call: (method: string, path: string, body?: unknown, headers?: Record<string, string>) => fixture.callAs(token, method, path, body, headers),
  };
  beforeAll(async () => {
    fixture.double = await GraphDouble.start(options);
    token = await fixture.double.token();
  });
  afterAll(() => fixture.double.close());
  return fixture;
}

/** A meeting as the product books it, in Copenhagen time; `extra` replaces or adds properties. */
export function meeting(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    subject: 'Gruppeforløb forår 2023: Opstartsmøde',
    body: { contentType: 'html', content: '<p>Tema: ledelse af den organisatoriske ramme.</p>' },
    start: { dateTime: '2023-05-04T09:30:00', timeZone: 'Romance Standard Time' },
    end: { dateTime: '2023-05-04T15:30:00', timeZone: 'Romance Standard Time' },
    location: { displayName: 'Odense', address: { street: 'Eksempelvej 1', postalCode: '5000', city: 'Odense C', countryOrRegion: 'Danmark' } },
    attendees: [
      { emailAddress: { address: 'leder@kommune-a.example', name: 'Leder A' }, type: 'required' },
      { emailAddress: { address: 'koordinator@kommune-b.example', name: 'Koordinator B' }, type: 'required' },
    ],
    categories: ['Gruppeforløb forår 2023'],
    ...extra,
  };
}

export const errorOf = (res: RawResponse) => (res.json as { error: { code: string; message: string } }).error;
