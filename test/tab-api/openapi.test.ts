import Ajv2020 from 'ajv/dist/2020';
import type { Express } from 'express';
import { cardPreviews } from '../../bot/card-previews';
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
    const tab = { store: fixture.store.cohorts, db: fixture.store.db, signIn, connectedKinds: [], organizer: null, cardPreviews };
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
    const refleksion = meetingByKey(cohort, 'refleksion-1').id;
    await conforms('PUT /api/cohorts/:id/meetings/:meetingId/details', advisor, `/api/cohorts/${cohort.id}/meetings/${refleksion}/details`, { body: { form: 'physical', place: 'Vejle Rådhus', themes: ['Ledelse'] }, headers: { 'if-match': '"1"' } });
    await conforms('GET /api/cohorts/:id/meetings/:meetingId/notice', advisor, `/api/cohorts/${cohort.id}/meetings/${refleksion}/notice`);
    await conforms('POST /api/cohorts/:id/booking', advisor, `/api/cohorts/${cohort.id}/booking`);
    await conforms('POST /api/cohorts/:id/delivery/retry', advisor, `/api/cohorts/${cohort.id}/delivery/retry`);
    await conforms('GET /api/cohorts/:id/rsvp-matrix', advisor, `/api/cohorts/${cohort.id}/rsvp-matrix`);
    const slot = (municipality: string) => `/api/cohorts/${cohort.id}/municipalities/${municipality}/slots/${meetingByKey(cohort, 'forberedende').id}`;
    await conforms('GET /api/my/slots', leader, '/api/my/slots');
    await conforms('GET /api/cohorts/:id/municipalities/:municipalityId/slots/:meetingId', leader, slot(aarhus));
    await conforms('PUT /api/cohorts/:id/municipalities/:municipalityId/slots/:meetingId', leader, slot(aarhus), { body: { start: '2023-04-25T09:00' } });
    await conforms('PUT /api/cohorts/:id/municipalities/:municipalityId/slots/:meetingId', advisor, slot(cohort.municipalities[1]!.id), { body: { start: '2023-04-25T09:00' } });
    await conforms('DELETE /api/cohorts/:id/municipalities/:municipalityId/slots/:meetingId', leader, slot(aarhus));
    await conforms('GET /api/cohorts/:id/card-previews', advisor, `/api/cohorts/${cohort.id}/card-previews?lang=en`);
    const programmes = await conforms('GET /api/programmes', advisor, '/api/programmes');
    const { edition, plenaries } = (programmes.json as { programmes: { edition: string; plenaries: { key: string; start: string }[] }[] }).programmes[0]!;
    const created = await conforms('POST /api/cohorts', advisor, '/api/cohorts', { body: { name: 'Nyt forløb', edition, plenaries: plenaries.map(({ key, start }) => ({ key, start })) } });
    await conforms('GET /api/cohorts/:id/reach', advisor, `/api/cohorts/${cohort.id}/reach`);
    await conforms('POST /api/cohorts/:id/meetings/:meetingId/reminders', advisor, `/api/cohorts/${cohort.id}/meetings/${opstart}/reminders`, { body: { kind: 'rsvp' } });
    // The file itself is CSV, checked in outreach-routes.test.ts; its refusals are the API's JSON.
    await conforms('GET /api/cohorts/:id/participants.csv', leader, `/api/cohorts/${cohort.id}/participants.csv`);
    await conforms('DELETE /api/cohorts/:id/personal-data', advisor, `/api/cohorts/${cohort.id}/personal-data`);
    await conforms('DELETE /api/cohorts/:id/personal-data', advisor, `/api/cohorts/${(created.json as { id: string }).id}/personal-data`);
    const added = await conforms('POST /api/cohorts/:id/municipalities', advisor, `/api/cohorts/${cohort.id}/municipalities`, {
      body: { name: 'Randers Kommune', participants: [{ name: 'Rie Leder', email: 'rie@randers.example.org', role: 'line_leader', contact: true }] },
    });
    const randers = `/api/cohorts/${cohort.id}/municipalities/${(added.json as { id: string }).id}`;
    // Each change answers with the municipality's ETag, which the next one sends back.
    const ifMatch = (res: { headers: Headers }) => ({ 'if-match': res.headers.get('etag')! });
    const renamed = await conforms('PUT /api/cohorts/:id/municipalities/:municipalityId', advisor, randers, { body: { name: 'Randers Kommune (Social)' }, headers: ifMatch(added) });
    await conforms('PUT /api/cohorts/:id/municipalities/:municipalityId', advisor, randers, { body: { name: 'Randers' }, headers: ifMatch(added) });
    const withPer = await conforms('POST /api/cohorts/:id/municipalities/:municipalityId/participants', advisor, `${randers}/participants`, {
      body: { name: 'Per', email: 'per@randers.example.org', role: 'consultant', contact: false },
    });
    const per = `${randers}/participants/${(withPer.json as { participants: { id: string; name: string }[] }).participants.find((p) => p.name === 'Per')!.id}`;
    const changed = await conforms('PUT /api/cohorts/:id/municipalities/:municipalityId/participants/:participantId', advisor, per, {
      body: { name: 'Per Hansen', email: 'per@randers.example.org', phone: '+45 12 34 56 78', role: 'partner', contact: false },
      headers: ifMatch(withPer),
    });
    await conforms('DELETE /api/cohorts/:id/municipalities/:municipalityId/participants/:participantId', advisor, per, { headers: ifMatch(renamed) });
    await conforms('DELETE /api/cohorts/:id/municipalities/:municipalityId/participants/:participantId', advisor, per, { headers: ifMatch(changed) });
    const registration = await conforms('GET /api/cohorts/:id/municipalities/:municipalityId/registration', 'rie@randers.example.org', `${randers}/registration`);
    const [rie] = (registration.json as { municipality: { participants: object[] } }).municipality.participants;
    await conforms('PUT /api/cohorts/:id/municipalities/:municipalityId/registration', 'rie@randers.example.org', `${randers}/registration`, {
      body: { participants: [rie], preparatoryDay: '2023-04-26', timeOfDay: 'morning' },
    });
    const registered = await conforms('PUT /api/cohorts/:id/municipalities/:municipalityId/registration', 'rie@randers.example.org', `${randers}/registration`, {
      body: { participants: [rie], preparatoryDay: '2023-04-26', timeOfDay: 'morning' },
      headers: ifMatch(registration),
    });
    await conforms('DELETE /api/cohorts/:id/municipalities/:municipalityId', advisor, randers);
    await conforms('DELETE /api/cohorts/:id/municipalities/:municipalityId', advisor, randers, { headers: ifMatch(added) });
    await conforms('DELETE /api/cohorts/:id/municipalities/:municipalityId', advisor, randers, { headers: ifMatch(registered) });
    // And the refusals, which share one shape.
    await conforms('PUT /api/cohorts/:id/meetings/:meetingId', advisor, `/api/cohorts/${cohort.id}/meetings/${opstart}`, { body: { start: '2023-05-06T09:30' }, headers: { 'if-match': '"1"' } });
    await conforms('PUT /api/cohorts/:id/meetings/:meetingId', advisor, `/api/cohorts/${cohort.id}/meetings/${opstart}`, { body: { start: 'soon' }, headers: { 'if-match': '"2"' } });
    await conforms('GET /api/cohorts/:id', leader, `/api/cohorts/${cohort.id}`);
    await conforms('GET /api/me', '', '/api/me');
    const operations = new Set([...checked].map((c) => c.split(' ').slice(0, 2).join(' ')));
    expect([...operations].sort()).toEqual(documented().filter((o) => o !== 'GET /api/openapi.json').sort());
    expect([...checked]).toEqual(expect.arrayContaining([
      'PUT /api/cohorts/:id/municipalities/:municipalityId 412',
      'DELETE /api/cohorts/:id/municipalities/:municipalityId/participants/:participantId 412',
      'PUT /api/cohorts/:id/municipalities/:municipalityId/registration 428',
      'PUT /api/cohorts/:id/municipalities/:municipalityId/registration 200',
    ]));
    expect([...checked]).toEqual(expect.arrayContaining(['PUT /api/cohorts/:id/meetings/:meetingId 412', 'PUT /api/cohorts/:id/meetings/:meetingId 400', 'GET /api/cohorts/:id 403', 'GET /api/me 401', 'PUT /api/cohorts/:id/municipalities/:municipalityId/slots/:meetingId 409']));
  });
});
