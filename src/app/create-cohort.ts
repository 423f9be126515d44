import { dateOf, toLocal, type LocalDateTime } from '../domain/local-time';
import { newCohort, type Founder } from '../domain/new-cohort';
import { founderOf, notPermitted } from '../domain/permissions';
import type { ProgrammeTemplate } from '../domain/programme';
import { withPlenaryStarts } from '../domain/programme-dates';
import type { CohortStore, StoredCohort } from '../store/cohort-store';
import type { Clock } from './clock';
import type { NewId } from './ids';
import { whoIs, type Caller, type Someone } from './who-is';

export interface CreateCohortDeps {
  store: CohortStore;
  clock: Clock;
  newId: NewId;
  /** ADVISORS: addresses that may create a cohort without advising one yet. */
  advisors: readonly string[];
}

/** The first advisor of a cohort this person would create; null when they may not create one. */
export function founderIn(someone: Someone, caller: Caller, advisors: readonly string[]): Founder | null {
  return founderOf(someone.cohorts, someone.memberships, caller.identity, caller.name, advisors);
}

/** As founderIn, refusing like any other role the caller does not have. */
export async function founderFor(deps: Pick<CreateCohortDeps, 'store' | 'advisors'>, caller: Caller): Promise<Founder> {
  const founder = founderIn(await whoIs(deps.store, caller.identity), caller, deps.advisors);
  if (founder === null) throw notPermitted();
  return founder;
}

export interface CohortToCreate {
  name: string;
  programme: ProgrammeTemplate;
  /** By meeting key; the individual meetings follow their plenaries. */
  plenaryStarts: ReadonlyMap<string, LocalDateTime>;
}

/** A new cohort from a programme, its founder its first advisor; municipalities are registered afterwards. */
export async function createCohort(deps: CreateCohortDeps, founder: Founder, given: CohortToCreate): Promise<StoredCohort> {
  const programme = withPlenaryStarts(given.programme, given.plenaryStarts);
  const today = dateOf(toLocal(deps.clock.now()));
  return deps.store.create(newCohort({ id: deps.newId(), name: given.name, programme, founder }, deps.newId, today));
}
