import type { Clock } from '../../app/clock';
import type { Cohort } from '../../domain/cohort';
import type { Instant } from '../../domain/local-time';
import type { BusyTime } from '../../domain/slots';
import type { CohortStore } from '../../store/cohort-store';
import type { Executor } from '../../store/schema';
import type { Log } from '../log';
import type { SignIn } from '../tab-auth/sign-in';
import type { CardPreviewsResponse } from './response-schemas';

/** Each card the bot would send now from the cohort as it is, rendered by the bot itself; it sends and records nothing. */
export type CardPreviewer = (
  cohort: Cohort,
  lang: CardPreviewsResponse['lang'],
  joinUrls: ReadonlyMap<string, string>,
  busy: readonly BusyTime[],
  now: Instant,
) => CardPreviewsResponse['previews'];

export interface TabApiDeps {
  store: CohortStore;
  db: Executor;
  clock: Clock;
  log: Log;
  signIn: SignIn;
  /** The kinds of Microsoft 365 object this configuration can send: what "planned" rather than "not connected" means. */
  connectedKinds: readonly string[];
  /** ORGANIZER_MAILBOX: whose calendar a series booked from the tab is in; null (local mode) books from the advisor's own. */
  organizer: string | null;
  /** ADVISORS: who may create cohorts without advising one yet; absent, only those who advise one may. */
  advisors?: readonly string[];
  /** LINK_SECRET and PUBLIC_URL, for reminders an advisor sends by e-mail; absent, they go to Teams chats only. */
  links?: { secret: string; publicUrl: string };
  /** The bot's preview renderer, given by whoever wires the bot, so the previews are the very cards it sends. */
  cardPreviews: CardPreviewer;
}
