import type { Router } from 'express';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { demoUsers } from '../../app/demo-users';
import { newId } from '../../app/ids';
import { importCohort } from '../../app/import-cohort';
import { sendError } from '../http-errors';
import { PACKAGE_ROOT } from '../package-root';
import type { DemoExamplesResponse } from './response-schemas';
import type { TabApiDeps } from './tab-api-deps';

/** The demo cohort shipped with the product (`npm run examples` dates it anew). */
export const DEMO_COHORT_FILE = join(PACKAGE_ROOT, 'examples', 'demo.cohort.json');

/**
 * Local mode's user picker, and its one-click start: the bundled demo cohort loaded into an empty
 * installation. With a tenant there are no demo users and no examples: the addresses answer 404
 * before any sign-in, as if they were not there, so nobody is led to try one.
 */
export function demoRoutes(router: Router, deps: TabApiDeps): void {
  router.get('/demo-users', async (_req, res) => {
    if (deps.signIn.mode !== 'local') return sendError(res, 'not_found');
    res.json({ users: await demoUsers(deps.store) });
  });

  router.post('/demo/examples', async (req, res) => {
    if (deps.signIn.mode !== 'local') return sendError(res, 'not_found');
    // JSON only: a page elsewhere cannot send that to this machine without CORS, which is not offered.
    if (!req.is('application/json')) return sendError(res, 'unsupported_body');
    if ((await deps.store.loadAll()).length > 0) return sendError(res, 'not_empty');
    const imported = await importCohort({ store: deps.store, newId }, JSON.parse(await readFile(DEMO_COHORT_FILE, 'utf8')));
    // Two clicks at once: the second finds the id taken.
    if (!imported.ok) return sendError(res, 'not_empty');
    const { cohort } = imported.stored;
    deps.log.info(`Eksemplet er indlæst / the example is loaded: ${cohort.name} (${cohort.id})`);
    res.status(201).json({ cohortId: cohort.id, name: cohort.name } satisfies DemoExamplesResponse);
  });
}
