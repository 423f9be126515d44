import { eraseDueOn } from '../domain/erase';
import { toLocal } from '../domain/local-time';
import type { CohortStore } from '../store/cohort-store';
import type { Clock } from './clock';
import { eraseCohort } from './erase-cohort';

/** Erases every cohort whose erase date has passed; returns the ids it erased. */
export async function eraseDueCohorts(deps: { store: CohortStore; clock: Clock }): Promise<string[]> {
  const today = toLocal(deps.clock.now()).slice(0, 10);
  const due = (await deps.store.loadAll()).filter((c) => {
    const on = eraseDueOn(c);
    return !c.erasedAt && on !== null && on < today;
  });
  for (const cohort of due) await eraseCohort(deps, cohort.id);
  return due.map((c) => c.id);
}
