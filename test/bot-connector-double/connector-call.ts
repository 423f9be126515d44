import { BotConnectorDouble, makeTeamsUser, type BotConnectorDoubleOptions, type TeamsUser } from '../support/bot-connector-double';

export interface CallResult {
  status: number;
  headers: Headers;
  /** The body as JSON; undefined when empty. */
  json: unknown;
}

export interface ConnectorFixture {
  double: BotConnectorDouble;
  /** A plain HTTP call to the double, as a bot without credentials makes it. */
  call(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<CallResult>;
  /** A user the double knows, with their 1:1 chat started. */
  user(name: string): { user: TeamsUser; conversationId: string };
}

/** A double per test file, started before its tests and closed after them. */
export function useConnectorDouble(options: BotConnectorDoubleOptions = {}): ConnectorFixture {
  const fixture: ConnectorFixture = {
    double: undefined as unknown as BotConnectorDouble,
    call: async (method, path, body, headers = {}) => {
      const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
      const res = await fetch(`${fixture.double.url}${path}`, { method, body: payload, headers: { 'content-type': 'application/json', ...headers } });
      const text = await res.text();
      return { status: res.status, headers: res.headers, json: text === '' ? undefined : JSON.parse(text) };
    },
    user: (name) => {
      const user = makeTeamsUser(name);
      fixture.double.addUser(user);
      return { user, conversationId: fixture.double.personalConversation(user.id) };
    },
  };
  beforeAll(async () => {
    fixture.double = await BotConnectorDouble.start(options);
  });
  afterAll(() => fixture.double.close());
  return fixture;
}

export const activitiesOf = (conversationId: string) => `/v3/conversations/${encodeURIComponent(conversationId)}/activities`;

export const errorOf = (result: CallResult) => (result.json as { error: { code: string; message: string } }).error;
