import type { Cohort, Meeting, Participant, Person } from '../domain/cohort';
import type { Texts } from '../domain/errors';
import { toLocal } from '../domain/local-time';
import { erased } from '../domain/cohort-rules';
import { dueReminders, remindersNow, type Reminder, type ReminderKind } from '../domain/reminders';
import type { SignDeps } from '../links/issue-link';
import { recordOnce, type DesiredObject } from '../outbox/record-desired';
import { findConversation } from '../reach/conversation-references';
import { MAIL_KIND } from '../reach/rsvp-mail';
import { destinationTarget, reminderObjectKey, TEAMS_MESSAGE_KIND, type TeamsDestination, type TeamsMessageState } from '../reach/teams-message';
import { teamChannel, type TeamChannel } from '../reach/team-channels';
import type { CohortStore } from '../store/cohort-store';
import type { Executor } from '../store/schema';
import { inTransaction } from '../store/transaction';
import { meetingByKey } from './calendar-commands';
import type { Clock } from './clock';
import { loadCohort } from './load-cohort';
import { reminderMail } from './reminder-mail';
import { cohortTeamRoster, memberObjectId, type CohortTeamRoster } from './team-roster';

export interface ReminderDeps {
  store: CohortStore;
  db: Executor;
  clock: Clock;
  /** Signs the answer links of reminders that go by e-mail; null, nobody is reminded by e-mail. */
  links: Omit<SignDeps, 'clock'> | null;
  /** ORGANIZER_MAILBOX: the mailbox for a cohort booked without one. */
  organizer: string | null;
}

const KIND_WORDS: Record<Reminder['kind'], Texts> = {
  presentation: { da: 'Påmindelse om oplæg', en: 'Presentation reminder' },
  rsvp: { da: 'Påmindelse om tilmelding', en: 'RSVP reminder' },
  moved: { da: 'Mødet er flyttet', en: 'Meeting moved' },
  headcount: { da: 'Endeligt antal til forplejning', en: 'Final catering head-count' },
  practical: { da: 'Praktisk information', en: 'Practical information' },
  booking: { da: 'Påmindelse om at booke', en: 'Booking reminder' },
};

interface Addressee {
  person: Person;
  participant: Participant | null;
}

function addresseeOf(cohort: Cohort, reminder: Reminder): Addressee | null {
  const recipient = reminder.recipient;
  if (recipient.role === 'advisor') {
    const advisor = cohort.advisors.find((a) => a.id === recipient.advisorId);
    return advisor ? { person: advisor, participant: null } : null;
  }
  const participant = cohort.municipalities.flatMap((m) => m.participants).find((p) => p.id === recipient.participantId);
  return participant?.person ? { person: participant.person, participant } : null;
}

function label(reminder: Reminder, meeting: Meeting, person: Person): Texts {
  const kind = KIND_WORDS[reminder.kind];
  return { da: `${kind.da} til ${person.name}: ${meeting.title.da}`, en: `${kind.en} to ${person.name}: ${meeting.title.en}` };
}

/** The cohort's team where the bot is installed, with its roster: the way to people with no chat of their own. */
interface TeamRoute {
  roster: CohortTeamRoster;
  team: TeamChannel;
}

async function teamRoute(db: Executor, cohortId: string): Promise<TeamRoute | null> {
  const roster = await cohortTeamRoster(db, cohortId);
  const team = roster === null ? null : await teamChannel(db, roster.teamId);
  return roster === null || team === null ? null : { roster, team };
}

/**
 * The person's 1:1 chat with the bot when there is one; else a chat to open through the cohort's
 * team, when the bot is installed there and the person is a member; else none.
 */
async function teamsDestination(db: Executor, route: TeamRoute | null, person: Person): Promise<TeamsDestination | null> {
  const known = await findConversation(db, person);
  if (known !== null) return { kind: 'chat', conversation: known.reference };
  const aadObjectId = route === null ? null : memberObjectId(route.roster, person);
  return route === null || aadObjectId === null ? null : { kind: 'new_chat', team: route.team, aadObjectId, locale: null };
}

/**
 * Teams when the bot has or can open a 1:1 chat with the person; else an e-mail with a signed link
 * when the reminder asks for something a link answers (an RSVP, a presentation's status, a
 * booking); else nothing yet: the reminder stays due, and goes out once the person installs the
 * app, if that is still in time.
 */
async function objectFor(deps: ReminderDeps, cohort: Cohort, route: TeamRoute | null, reminder: Reminder): Promise<DesiredObject | null> {
  const addressee = addresseeOf(cohort, reminder);
  const meeting = cohort.meetings.find((m) => m.id === reminder.meetingId);
  if (addressee === null || meeting === undefined) return null;
  const objectKey = reminderObjectKey(reminder);
  const base = { objectKey, cohortId: cohort.id, label: label(reminder, meeting, addressee.person) };
  const to = await teamsDestination(deps.db, route, addressee.person);
  if (to !== null) {
    const state: TeamsMessageState = { content: { kind: 'reminder', reminder }, to };
    return { ...base, kind: TEAMS_MESSAGE_KIND, target: destinationTarget(to), state };
  }
  const organizer = cohort.booking?.organizer ?? deps.organizer;
  const { participant, person } = addressee;
  if (participant === null || deps.links === null || organizer === null) return null;
  const state = reminderMail({ ...deps.links, clock: deps.clock }, cohort, reminder, meeting, { participant, person }, objectKey);
  return state === null ? null : { ...base, kind: MAIL_KIND, target: organizer, state };
}

/**
 * Records every reminder now due that was never recorded, cohort by cohort, each in the outbox
 * exactly once by its key: run it as often as you like, on as many instances as you like.
 */
export async function planReminders(deps: ReminderDeps): Promise<{ recorded: number }> {
  const local = toLocal(deps.clock.now());
  let recorded = 0;
  for (const cohort of await deps.store.loadAll()) recorded += await recordReminders(deps, cohort, dueReminders(cohort, local));
  return { recorded };
}

/**
 * An advisor's "send it now" for one meeting and kind, to whom it concerns today; pressed twice in
 * a day, it sends nothing the second time. Returns how many reminders were recorded.
 */
export async function remindNow(deps: ReminderDeps, cohortId: string, meetingKey: string, kind: ReminderKind): Promise<{ recorded: number; recipients: number }> {
  const { cohort } = await loadCohort(deps.store, cohortId);
  if (cohort.erasedAt) throw erased();
  const meeting = meetingByKey(cohort, meetingKey);
  const reminders = remindersNow(cohort, meeting.id, kind, toLocal(deps.clock.now()));
  return { recorded: await recordReminders(deps, cohort, reminders), recipients: reminders.length };
}

async function recordReminders(deps: ReminderDeps, cohort: Cohort, due: readonly Reminder[]): Promise<number> {
  if (due.length === 0) return 0;
  const now = deps.clock.now();
  const keys = due.map(reminderObjectKey);
  const known = new Set((await deps.db.selectFrom('outbox_objects').select('object_key').where('object_key', 'in', keys).execute()).map((r) => r.object_key));
  const fresh = due.filter((r) => !known.has(reminderObjectKey(r)));
  if (fresh.length === 0) return 0;
  return inTransaction(deps.db, async (trx) => {
    // Read once per cohort, not once per reminder: the team and its roster are the same for all.
    const route = await teamRoute(trx, cohort.id);
    let count = 0;
    for (const reminder of fresh) {
      const object = await objectFor({ ...deps, db: trx }, cohort, route, reminder);
      if (object !== null && (await recordOnce(trx, object, now))) count += 1;
    }
    return count;
  });
}
