/**
 * Errors a user can meet: a stable code, a Danish message first, an English one second.
 * Edges render them (4xx body, error card, CLI line); nothing else invents wording.
 */
export type ErrorCode =
  | 'too_few_municipalities'
  | 'too_many_municipalities'
  | 'duplicate_municipality'
  | 'no_leader_contact'
  | 'no_advisor'
  | 'duplicate_email'
  /** A municipality that cannot leave the cohort yet: it holds booked slots, whose Outlook events must be cancelled first. */
  | 'municipality_in_use'
  | 'unknown_cohort'
  | 'unknown_meeting'
  | 'unknown_municipality'
  | 'unknown_participant'
  | 'meetings_out_of_order'
  | 'plenaries_overlap'
  | 'invalid_window'
  | 'outside_window'
  | 'followup_before_closing'
  | 'preparatory_after_kickoff'
  | 'invalid_date'
  | 'not_a_plenary'
  | 'not_an_individual_meeting'
  | 'answer_not_offered'
  | 'dietary_note_not_offered'
  | 'text_too_long'
  /** A physical plenary without an address, or a virtual one with one. */
  | 'invalid_place'
  /** A plenary's theme empty, listed twice, or one too many. */
  | 'invalid_theme'
  | 'no_presentation_task'
  | 'invalid_link'
  | 'invalid_mailbox'
  | 'not_booked'
  | 'meeting_cancelled'
  | 'meeting_not_cancelled'
  | 'future_meetings_booked'
  | 'cohort_erased'
  | 'cohort_exists'
  | 'concurrent_change'
  /** A change asked for against a version of a meeting (or a municipality's tag) that another change has replaced meanwhile. */
  | 'stale_version'
  /** Slot booking: just taken by another municipality, not (or no longer) offered, a phone call without a number. */
  | 'slot_taken'
  | 'slot_not_offered'
  | 'phone_required'
  /** No team linked to the cohort, or the bot is not installed in it. */
  | 'no_team_channel'
  /** The person is in the cohort, but not in a role that may do this. */
  | 'not_permitted'
  /** Two items of one kind share an id (or a meeting key) within a cohort. */
  | 'duplicate_id'
  | 'invalid_document';

export interface Texts {
  da: string;
  en: string;
}

/** One language of a set of names kept in both, for a view that shows one language only. */
export function inLanguage<K extends string>(names: Readonly<Record<K, Texts>>, lang: keyof Texts): Record<K, string> {
  return Object.fromEntries(Object.entries<Texts>(names).map(([key, texts]) => [key, texts[lang]])) as Record<K, string>;
}

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly text: Texts,
    /** Where in the input the problem is, e.g. `municipalities.2.participants.0.email`. */
    readonly path?: string,
  ) {
    super(text.en);
    this.name = 'DomainError';
  }
}

export function isDomainError(e: unknown): e is DomainError {
  return e instanceof DomainError;
}
