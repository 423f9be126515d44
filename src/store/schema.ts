import type { Kysely, Transaction } from 'kysely';

/**
 * Table types, identical on SQLite and PostgreSQL: ids and timestamps are ISO text, booleans are
 * integer 0/1, nested values (titles, themes, schedules, history, settings) are JSON text.
 *
 * Child rows are keyed by (cohort_id, id): ids need only be unique within their cohort, so an upsert
 * can never reach into another cohort. `position` keeps each list in the order it was saved.
 */
export interface CohortsTable {
  id: string;
  name: string;
  edition: string;
  /** JSON: CohortSettings. */
  settings: string;
  revision: number;
  /** JSON: Booking; null until the series is booked. */
  booking: string | null;
  erased_at: string | null;
  created_at: string;
}

export interface AdvisorsTable {
  cohort_id: string;
  id: string;
  position: number;
  name: string;
  title: string;
  email: string;
  phone: string | null;
  entra_object_id: string | null;
}

export interface MeetingsTable {
  cohort_id: string;
  id: string;
  position: number;
  key: string;
  kind: string;
  form: string;
  /** JSON: Texts. */
  title: string;
  /** JSON: string[]. */
  themes: string;
  /** JSON: FixedTime for a plenary, SlotWindow for an individual meeting. */
  schedule: string;
  /** Null for individual meetings, which have no place. */
  place: string | null;
  /** 0/1; null for individual meetings. */
  presentations: number | null;
  version: number;
  /** JSON: EarlierTime[]. */
  history: string;
  /** 0/1; null for individual meetings. */
  cancelled: number | null;
  /** Null for individual meetings. */
  generation: number | null;
}

export interface MunicipalitiesTable {
  cohort_id: string;
  id: string;
  position: number;
  name: string;
  /**
   * Trimmed, lower-cased name: "Aarhus Kommune" and "aarhus kommune" collide on it. Null only
   * inside a save, between releasing the keys and writing them again.
   */
  name_key: string | null;
}

export interface ParticipantsTable {
  cohort_id: string;
  id: string;
  municipality_id: string;
  position: number;
  role: string;
  /** 0/1: a leader/tovholder contact. */
  contact: number;
  /** The person columns are all null once the cohort's personal data has been erased. */
  name: string | null;
  email: string | null;
  /** Trimmed, lower-cased e-mail, unique per cohort. */
  email_key: string | null;
  phone: string | null;
  entra_object_id: string | null;
}

export interface RegistrationsTable {
  cohort_id: string;
  municipality_id: string;
  preparatory_day: string;
  time_of_day: string;
  registered_at: string;
}

export interface RsvpsTable {
  cohort_id: string;
  meeting_id: string;
  participant_id: string;
  position: number;
  answer: string;
  dietary_note: string | null;
  for_start: string;
  answered_at: string;
  source: string;
}

export interface PresentationsTable {
  cohort_id: string;
  meeting_id: string;
  municipality_id: string;
  position: number;
  status: string;
  link: string | null;
  updated_at: string | null;
}

/**
 * A municipality's slot for an individual meeting; the row stays when the booking is cancelled.
 * At most one active (cancelled = 0) booking per slot: `slot_bookings_slot_unique`.
 */
export interface SlotBookingsTable {
  cohort_id: string;
  meeting_id: string;
  municipality_id: string;
  position: number;
  /** Copenhagen wall-clock time, YYYY-MM-DDTHH:MM. */
  start: string;
  /** The number to call for a phone meeting; null for a Teams meeting, and once erased. */
  phone: string | null;
  /** The id of the participant or advisor who booked it last. */
  booked_by: string;
  booked_at: string;
  version: number;
  generation: number;
  /** 0/1. */
  cancelled: number;
}

/**
 * One Microsoft 365 object (an Outlook event, a Teams message, a mail) as the product wants it and
 * as it was last sent. Work exists while desired_version > sent_version and the object has not failed.
 */
export interface OutboxObjectsTable {
  object_key: string;
  /** The cohort it belongs to, for the advisors' status view; the outbox itself never reads cohorts. */
  cohort_id: string;
  /** Which sender delivers it, e.g. `graph.event`. */
  kind: string;
  /** What it is paced and batched by, e.g. the organiser's mailbox; fixed for the object's life. */
  target: string;
  /** Danish and English words for the advisors: which meeting, which person. JSON: Texts. */
  label: string;
  desired_version: number;
  /** JSON of the sender's own state; null when the object should not exist (cancelled, deleted). */
  desired_state: string | null;
  sent_version: number;
  sent_state: string | null;
  remote_id: string | null;
  /**
   * JSON of the state a create was sent with, written just before the call and cleared once an
   * outcome is recorded: set, the create may have been made though its answer was lost.
   */
  unconfirmed_state: string | null;
  /** JSON: RemoteDetails of the last successful call that reported any; null before, and once cancelled. */
  remote_details: string | null;
  attempts: number;
  next_attempt_at: string;
  failed_at: string | null;
  last_error: string | null;
  updated_at: string;
}

/** A pacing and batching unit: at most one worker holds it, so one call per mailbox is in flight. */
export interface OutboxTargetsTable {
  target: string;
  lease_owner: string | null;
  lease_until: string | null;
  /** Earliest next call: the service's Retry-After, or the sender's pacing. */
  not_before: string | null;
}

/** A signed link an advisor revoked; the link itself is never stored. */
export interface LinkRevocationsTable {
  link_id: string;
  revoked_at: string;
}

/** A secret the server generated for itself, e.g. the link secret in local mode. */
export interface ServerSecretsTable {
  name: string;
  value: string;
  created_at: string;
}

/** The Teams team linked to a cohort: at most one per cohort. */
export interface CohortTeamsTable {
  cohort_id: string;
  team_id: string;
  linked_at: string;
}

/** A Teams user's 1:1 conversation with the bot, for proactive messages. */
export interface TeamsConversationsTable {
  /** `aad:<object id>` (lower case), or `teams:<user id>` when Teams sent no object id. */
  user_key: string;
  aad_object_id: string | null;
  /** The Teams user id (`29:…`). */
  user_id: string;
  /** Lower case, as Teams reports it for the user (TeamsInfo.getMember); null while unknown. */
  email: string | null;
  conversation_id: string;
  service_url: string;
  tenant_id: string | null;
  /** The bot's own id in the conversation (`28:<app id>`). */
  bot_id: string;
  locale: string | null;
  updated_at: string;
}

/** The bot's installation in a team: its General channel, for announcements and for 1:1 chats with members. */
export interface TeamChannelsTable {
  /** The team's Microsoft 365 group id (lower case): what cohort_teams links a cohort to. */
  group_id: string;
  /** The General channel's conversation id, which is the team's thread id (`19:…@thread.tacv2`). */
  channel_id: string;
  service_url: string;
  tenant_id: string | null;
  bot_id: string;
  updated_at: string;
}

/** A busy block in an advisor's calendar, as last read from Outlook for a cohort's slot booking. */
export interface BusyTimesTable {
  cohort_id: string;
  /** The advisor's address, lower case. */
  mailbox: string;
  /** Copenhagen wall-clock time, YYYY-MM-DDTHH:MM; a mailbox's blocks never overlap. */
  start: string;
  end: string;
}

/** How the last reads of an advisor's busy time for a cohort went. */
export interface BusyReadsTable {
  cohort_id: string;
  mailbox: string;
  /** The last read that succeeded, whose blocks busy_times holds; null while none has. */
  fetched_at: string | null;
  attempted_at: string;
  /** Why the last try failed; null when it succeeded. */
  error: string | null;
}

export interface Database {
  outbox_objects: OutboxObjectsTable;
  outbox_targets: OutboxTargetsTable;
  cohorts: CohortsTable;
  advisors: AdvisorsTable;
  meetings: MeetingsTable;
  municipalities: MunicipalitiesTable;
  participants: ParticipantsTable;
  registrations: RegistrationsTable;
  rsvps: RsvpsTable;
  presentations: PresentationsTable;
  slot_bookings: SlotBookingsTable;
  link_revocations: LinkRevocationsTable;
  server_secrets: ServerSecretsTable;
  cohort_teams: CohortTeamsTable;
  teams_conversations: TeamsConversationsTable;
  team_channels: TeamChannelsTable;
  busy_times: BusyTimesTable;
  busy_reads: BusyReadsTable;
}

/** The root database or a transaction a caller opened, so other writes can share the cohort's transaction. */
export type Executor = Kysely<Database> | Transaction<Database>;
