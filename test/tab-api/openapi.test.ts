import Ajv2020 from 'ajv/dist/2020';
import type { Express } from 'express';
import { loadConfig } from '../../src/config/config';
import { bookCohort } from '../../src/domain/booking';
import type { Cohort } from '../../src/domain/cohort';
import { parseInstant } from '../../src/domain/local-time';
import { buildApp } from '../../src/server/app';
import { createLog } from '../../src/server/log';
import type { SignIn } from '../../src/server/tab-auth/sign-in';
import { engines, useStore } from '../support/engines';
import { tempDir } from '../support/http';
import { meetingByKey, sampleCohort } from '../support/sample-cohort';
import { startTabServer, type TabServer } from '../support/tab-server';
import { testClock } from '../support/test-clock';
import { openApiDocument } from '../../src/server/tab-api/openapi';

const clock = testClock('2023-04-01T08:00:00.000Z');
const log = createLog('error', () => undefined, () => undefined);

interface Operation {
  responses: Record<string, { content?: Record<string, { schema?: { $ref?: string } }> }>;
}
type Document = { openapi: string; paths: Record<string, Record<string, Operation | unknown>>; components: { schemas: Record<string, object> } };
const document = openApiDocument() as Document;
const METHODS = ['get', 'put', 'post', 'patch', 'delete'];

/** "GET /api/cohorts/:id" for every operation the document describes. */
function documented(): string[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    METHODS.filter((m) => m in item).map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
  );
}

interface RouteLayer {
  rawPath?: unknown;
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: RouteLayer[] };
}

/** Every route express would answer, mounted routers included, as "METHOD /full/path". */
function registered(app: Express): string[] {
  const found: string[] = [];
  const walk = (stack: RouteLayer[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) {
        for (const method of Object.keys(layer.route.methods)) found.push(`${method.toUpperCase()} ${prefix}${layer.route.path}`);
      } else if (layer.handle?.stack) {
        walk(layer.handle.stack, prefix + (typeof layer.rawPath === 'string' && layer.rawPath !== '/' ? layer.rawPath : ''));
      }
    }
  };
  walk((app as unknown as { router: { stack: RouteLayer[] } }).router.stack, '');
  return found;
}

describe('the OpenAPI document and the routes', () => {
  const fixture = useStore(engines()[0]!);

  it.each<[string, SignIn]>([
    ['local', { mode: 'local' }],
    ['tenant', { mode: 'tenant', verify: () => Promise.reject(new Error('not called')) }],
  ])('describe the same /api operations in %s mode', (_mode, signIn) => {
    const tab = { store: fixture.store.cohorts, db: fixture.store.db, signIn, connectedKinds: [] };
    const app = buildApp({ store: fixture.store, mode: signIn.mode, clock, log, tab, bot: (_req, res) => res.end() });
    // The Bot Framework's endpoint is Microsoft's protocol, not the tab's API.
    const routes = registered(app).filter((r) => / \/api\//.test(r) && r !== 'POST /api/messages');
    expect(routes.sort()).toEqual(documented().sort());
    expect(routes.length).toBeGreaterThanOrEqual(10);
  });

  it('is OpenAPI 3.1 with JSON Schema 2020-12 components that compile', () => {
    expect(document.openapi).toBe('3.1.0');
    const ajv = new Ajv2020({ strict: true });
    for (const [name, schema] of Object.entries(document.components.schemas)) expect(() => ajv.compile(schema)).not.toThrow(`${name} compiles`);
  });
});

describe.each(engines())('the answers on the $name store match the document', (engine) => {
  const fixture = useStore(engine);
  let tab: TabServer;
  let cohort: Cohort;
  const ajv = new Ajv2020({ strict: true });
  for (const [name, schema] of Object.entries(document.components.schemas)) ajv.addSchema(schema, name);
  const checked = new Set<string>();

  beforeAll(async () => {
    tab = await startTabServer(loadConfig({}, tempDir()), fixture.store, clock, { mode: 'local' });
    cohort = (await fixture.store.cohorts.create(bookCohort(sampleCohort(), 'moeder@agency.example.org', parseInstant('2023-03-01T10:00:00.000Z')))).cohort;
  });
  afterAll(() => tab.server.close());

  /** Calls the route and validates its answer against the schema the document gives for that status. */
  async function conforms(operation: string, email: string, url: string, options: { body?: unknown; headers?: Record<string, string> } = {}) {
    const [method, path] = operation.split(' ') as [string, string];
    const res = await tab.call(url, { method, body: options.body, headers: { 'x-demo-user': email, ...options.headers } });
    const item = document.paths[path.replace(/:(\w+)/g, '{$1}')] as Record<string, Operation>;
    const ref = item[method.toLowerCase()]!.responses[String(res.status)]?.content?.['application/json']?.schema?.$ref;
    if (ref === undefined) throw new Error(`${operation}: status ${res.status} is not documented (${res.text})`);
    const validate = ajv.getSchema(ref.split('/').pop()!)!;
    expect({ operation, status: res.status, valid: validate(res.json), errors: validate.errors ?? null }).toMatchObject({ valid: true });
    checked.add(`${operation} ${res.status}`);
    return res;
  }

  it('for every documented operation', async () => {
    const advisor = 'rikke@agency.example.org';
    const leader = 'leder@aarhuskommune.example.org';
    const opstart = meetingByKey(cohort, 'opstart').id;
    const aarhus = cohort.municipalities[0]!.id;
    await conforms('GET /api/demo-users', advisor, '/api/demo-users');
    await conforms('POST /api/demo/examples', advisor, '/api/demo/examples', { body: {} });
    await conforms('GET /api/me', leader, '/api/me');
    await conforms('GET /api/cohorts', leader, '/api/cohorts');
    await conforms('GET /api/cohorts/:id', advisor, `/api/cohorts/${cohort.id}`);
    await conforms('GET /api/cohorts/:id/rsvp-matrix', advisor, `/api/cohorts/${cohort.id}/rsvp-matrix`);
    await conforms('GET /api/my/meetings', leader, '/api/my/meetings');
    await conforms('PUT /api/cohorts/:id/meetings/:meetingId/rsvp', leader, `/api/cohorts/${cohort.id}/meetings/${opstart}/rsvp`, { body: { answer: 'in_person', dietaryNote: 'Vegetar' } });
    await conforms('PUT /api/cohorts/:id/presentations/:meetingId/:municipalityId', leader, `/api/cohorts/${cohort.id}/presentations/${meetingByKey(cohort, 'refleksion-1').id}/${aarhus}`, { body: { status: 'ready' } });
    await conforms('PUT /api/cohorts/:id/meetings/:meetingId', advisor, `/api/cohorts/${cohort.id}/meetings/${opstart}`, { body: { start: '2023-05-05T09:30' }, headers: { 'if-match': '"1"' } });
    await conforms('GET /api/cohorts/:id/rsvp-matrix', advisor, `/api/cohorts/${cohort.id}/rsvp-matrix`);
    // And the refusals, which share one shape.
    await conforms('PUT /api/cohorts/:id/meetings/:meetingId', advisor, `/api/cohorts/${cohort.id}/meetings/${opstart}`, { body: { start: '2023-05-06T09:30' }, headers: { 'if-match': '"1"' } });
    await conforms('PUT /api/cohorts/:id/meetings/:meetingId', advisor, `/api/cohorts/${cohort.id}/meetings/${opstart}`, { body: { start: 'soon' }, headers: { 'if-match': '"2"' } });
    await conforms('GET /api/cohorts/:id', leader, `/api/cohorts/${cohort.id}`);
    await conforms('GET /api/me', '', '/api/me');
    const operations = new Set([...checked].map((c) => c.split(' ').slice(0, 2).join(' ')));
    expect([...operations].sort()).toEqual(documented().filter((o) => o !== 'GET /api/openapi.json').sort());
    expect([...checked]).toEqual(expect.arrayContaining(['PUT /api/cohorts/:id/meetings/:meetingId 412', 'PUT /api/cohorts/:id/meetings/:meetingId 400', 'GET /api/cohorts/:id 403', 'GET /api/me 401']));
  });
});
