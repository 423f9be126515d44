import type { Clock } from '../../app/clock';
import type { CohortStore } from '../../store/cohort-store';
import type { Executor } from '../../store/schema';
import type { Log } from '../log';
import type { SignIn } from '../tab-auth/sign-in';

export interface TabApiDeps {
  store: CohortStore;
  db: Executor;
  clock: Clock;
  log: Log;
  signIn: SignIn;
  /** The kinds of Microsoft 365 object this configuration can send: what "planned" rather than "not connected" means. */
  connectedKinds: readonly string[];
}
