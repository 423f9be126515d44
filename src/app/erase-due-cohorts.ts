import { eraseDueOn } from '../domain/erase';
import { toLocal } from '../domain/local-time';
import { cohortRepository } from '../store/cohort-repository';
import type { Executor } from '../store/schema';
import type { Clock } from './clock';
import { eraseCohort } from './erase-cohort';

/** Erases every cohort whose erase date has passed; returns the ids it erased. */
export async function eraseDueCohorts(deps: { db: Executor; clock: Clock }): Promise<string[]> {
  const today = toLocal(deps.clock.now()).slice(0, 10);
  const due = (await cohortRepository(deps.db, deps.clock).loadAll()).filter((c) => {
    const on = eraseDueOn(c);
    return !c.erasedAt && on !== null && on < today;
  });
  for (const cohort of due) await eraseCohort(deps, cohort.id);
  return due.map((c) => c.id);
}
