import type { Router } from 'express';
import { createCohort, founderFor } from '../../app/create-cohort';
import { newId } from '../../app/ids';
import { dateOf, toLocal } from '../../domain/local-time';
import { programmeOf, PROGRAMMES } from '../../domain/new-cohort';
import { isPlenary, type ProgrammeTemplate } from '../../domain/programme';
import { proposedProgramme } from '../../domain/programme-dates';
import { endOf } from '../../domain/schedule-rules';
import { callerOf } from '../tab-auth/sign-in';
import { input } from './request-input';
import { newCohortBody, programmesQuery } from './request-schemas';
import type { CreatedCohortResponse, ProgrammesResponse } from './response-schemas';
import type { TabApiDeps } from './tab-api-deps';

function programmeView(programme: ProgrammeTemplate): ProgrammesResponse['programmes'][number] {
  return {
    edition: programme.edition,
    title: programme.title,
    plenaries: programme.meetings.filter(isPlenary).map((m) => ({ key: m.key, title: m.title, form: m.form, start: m.schedule.start, end: endOf(m.schedule) })),
  };
}

/**
 * A new cohort from the programme template, for those who advise a cohort already or whom ADVISORS
 * lists. Who may is checked before the input is read: anyone else learns nothing from a 400.
 */
export function cohortRoutes(router: Router, deps: TabApiDeps): void {
  const creating = { store: deps.store, clock: deps.clock, newId, advisors: deps.advisors ?? [] };

  router.get('/programmes', async (req, res) => {
    await founderFor(creating, callerOf(res));
    const { kickoff } = input(programmesQuery, req.query, 'query');
    const today = dateOf(toLocal(deps.clock.now()));
    res.json({ programmes: PROGRAMMES.map((p) => programmeView(proposedProgramme(p, kickoff ?? null, today))) } satisfies ProgrammesResponse);
  });

  router.post('/cohorts', async (req, res) => {
    const founder = await founderFor(creating, callerOf(res));
    const body = input(newCohortBody, req.body, 'body');
    const programme = programmeOf(body.edition);
    if (!programme) throw new Error(`newCohortBody let an unknown edition through: ${body.edition}`);
    const plenaryStarts = new Map(body.plenaries.map((p) => [p.key, p.start]));
    const { cohort } = await createCohort(creating, founder, { name: body.name, programme, plenaryStarts });
    deps.log.info(`Gruppeforløb oprettet / cohort created: ${cohort.name} (${cohort.id})`);
    res.status(201).location(`/api/cohorts/${encodeURIComponent(cohort.id)}`).json({ id: cohort.id, name: cohort.name } satisfies CreatedCohortResponse);
  });
}
