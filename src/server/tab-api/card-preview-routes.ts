import type { Router } from 'express';
import { joinUrls } from '../../app/join-urls';
import { busyTimes } from '../../store/busy-times';
import { callerOf } from '../tab-auth/sign-in';
import { advisedBy } from './access';
import { input } from './request-input';
import { cardPreviewQuery, cohortParams } from './request-schemas';
import type { CardPreviewsResponse } from './response-schemas';
import type { TabApiDeps } from './tab-api-deps';

/**
 * Advisors see each card the bot sends, rendered from the cohort's data by the bot's own functions,
 * which main.ts gives. It only reads: a preview sends nothing and records no reminder as sent.
 */
export function cardPreviewRoutes(router: Router, deps: TabApiDeps): void {
  router.get('/cohorts/:id/card-previews', async (req, res) => {
    const { id } = input(cohortParams, req.params, 'params');
    const cohort = await advisedBy(deps.store, callerOf(res), id);
    const { lang } = input(cardPreviewQuery, req.query, 'query');
    const previews = deps.cardPreviews(cohort, lang, await joinUrls(deps.db, cohort), await busyTimes(deps.db, id), deps.clock.now());
    res.json({ cohortId: id, lang, previews } satisfies CardPreviewsResponse);
  });
}
