/**
 * What each card is bound with: the contract between the bot code, which fills it from the domain,
 * and the card templates. Texts are already in the reader's language (dates formatted with
 * danishDate/englishDate); fixed vocabulary (answers, statuses, roles) comes as codes and the cards
 * word it. Ids are here only to go back into action data.
 */
import type { PresentationStatus, RsvpAnswer } from '../../src/domain/cohort';
import type { PlenaryForm } from '../../src/domain/programme';
import type { Attendance } from '../../src/domain/rsvp';

export type CardLanguage = 'da' | 'en';

/** Decides what the welcome and help cards offer; the status command is for advisors only. */
export type CardRole = 'advisor' | 'leader' | 'participant';

export interface ContactData {
  name: string;
  title: string;
  email: string;
  phone: string | null;
}

/** A plenary meeting as the cards name it. */
export interface MeetingData {
  cohortId: string;
  meetingId: string;
  /** Bumped by every move: an answer pressed on a card of an earlier date is not for this one. */
  version: number;
  title: string;
  /** "torsdag 4. maj 2023" / "Thursday 4 May 2023". */
  dateText: string;
  /** "9.30–15.30". */
  timeText: string;
  form: PlenaryForm;
  /** The address of a physical meeting; null while unknown. Not shown for virtual meetings. */
  place: string | null;
  /** The Teams join link, once the meeting is booked. */
  joinUrl: string | null;
}

/**
 * A card posted where several people see it (a group chat, a channel). Teams then asks the bot for
 * each listed user's own version of the card, so the posted card itself must carry nobody's answer.
 */
export interface SharedChatData {
  /** `8:orgid:<Entra object id>`; at most 60 (Teams' limit). */
  userIds: string[];
}

/** The reader's own answer. */
export interface MyAnswerData {
  answer: RsvpAnswer;
  /** Given before the meeting moved: kept, but it answered another date. */
  forEarlierDate: boolean;
}

export interface WelcomeCardData {
  firstName: string;
  role: CardRole;
}

export interface HelpCardData {
  role: CardRole;
}

export interface MeetingsCardItem {
  meeting: MeetingData;
  /** Shown only when the list spans more than one cohort. */
  cohortName: string;
  cancelled: boolean;
  myAnswer: MyAnswerData | null;
}

/** "Mine kommende møder": the reader's coming meetings, soonest first. */
export interface MeetingsCardData {
  meetings: MeetingsCardItem[];
}

export interface PresentationRowData {
  municipalityName: string;
  status: PresentationStatus;
  /** Shown when the status is ready. */
  link: string | null;
}

export interface StatusMeetingData {
  meeting: MeetingData;
  cancelled: boolean;
  /** Counts only answers for the current date (the domain's `attendance`). */
  attendance: Attendance;
  /** Empty when no presentations are given at this meeting. */
  presentations: PresentationRowData[];
}

/** A municipality's booking of an individual meeting, as the advisors see it. */
export interface BookingRowData {
  municipalityName: string;
  /** "tirsdag 25. april kl. 9.00"; null while the municipality has not booked. */
  bookedText: string | null;
}

/** An individual meeting on the status card: every municipality, booked or not. */
export interface StatusIndividualData {
  /** "Forberedende møde" / "Preparatory meeting". */
  title: string;
  rows: BookingRowData[];
}

/** For advisors: the cohort's coming meetings at a glance. Carries no dietary notes. */
export interface StatusCardData {
  cohortName: string;
  meetings: StatusMeetingData[];
  /** The individual meetings, each with every municipality's booking. */
  individual: StatusIndividualData[];
}

export interface RsvpCardData {
  meeting: MeetingData;
  /** Shows only the title and "Mødet er aflyst", without buttons. */
  cancelled: boolean;
  /** The meeting moved since the reader was asked: the card asks again. */
  moved: boolean;
  /** Physical meetings: when the catering head-count is final, e.g. "torsdag 27. april 2023 kl. 12.00". */
  cateringDeadlineText: string | null;
  /** Null on a shared card (see SharedChatData) and when the reader has not answered. */
  myAnswer: MyAnswerData | null;
  /** The reader's own note, prefilled so that answering again keeps it; null on a shared card. */
  myDietaryNote: string | null;
  /** How many come, in person or online, by answers for the current date. */
  coming: number;
  /** The reader has just answered from this card. */
  confirmation: boolean;
  sharedChat: SharedChatData | null;
}

/** A reminder to one municipality to prepare its short presentation (kort oplæg). */
export interface PresentationCardData {
  meeting: MeetingData;
  themes: string[];
  /** What to prepare, in the reader's language. */
  preparation: string;
  municipalityId: string;
  municipalityName: string;
  status: PresentationStatus;
  link: string | null;
  /** Whole days until the meeting; 0 is today. */
  daysLeft: number;
  /** The reader has just reported from this card. */
  confirmation: boolean;
  sharedChat: SharedChatData | null;
}

export interface DietaryNoteData {
  name: string;
  municipality: string;
  note: string;
}

/** To the advisors at the catering deadline: the only card that shows dietary notes. */
export interface HeadcountCardData {
  meeting: MeetingData;
  deadlineText: string;
  attendance: Attendance;
  /** Advisors eat too: they count towards the catering total. */
  advisors: number;
  dietaryNotes: DietaryNoteData[];
  /** Answers changed after the deadline: the kitchen must be told. */
  changedAfterDeadline: boolean;
}

/** The day before a physical meeting. */
export interface PracticalCardData {
  meeting: MeetingData;
  contacts: ContactData[];
}

export interface ErrorCardData {
  /** Already localised, e.g. a DomainError's text in the reader's language. */
  message: string;
  contacts: ContactData[];
}

/** To a Teams user the cohorts do not know. */
export interface NotInCohortCardData {
  contacts: ContactData[];
}

/** An individual meeting as the booking cards name it. */
export interface IndividualMeetingData {
  cohortId: string;
  meetingId: string;
  /** "Forberedende møde" / "Opfølgning". */
  title: string;
  kind: 'preparatory' | 'followup';
  /** A Teams meeting or a phone call. */
  form: 'virtual' | 'phone';
  /** "1 time" / "1 hour". */
  durationText: string;
}

export interface SlotChoiceData {
  /** The slot's start, `YYYY-MM-DDTHH:MM` Copenhagen time: the value the card sends back. */
  start: string;
  /** "tirsdag 25. april 2023 kl. 9.00–10.00". */
  label: string;
  /** Matches the municipality's registration wish (shown first, marked). */
  wished: boolean;
}

/** A leader picks (or changes) the municipality's slot; the choices come already ordered. */
export interface SlotsCardData {
  meeting: IndividualMeetingData;
  municipalityId: string;
  municipalityName: string;
  /** The municipality's current booking, e.g. "tirsdag 25. april 2023 kl. 9.00–10.00"; null when none. */
  currentText: string | null;
  choices: SlotChoiceData[];
  /** A phone call with no number known: the card asks for one (input `phone`). */
  askPhone: boolean;
  /** Why the card came back instead of a confirmation: the slot was just taken, or is no longer offered. */
  notice: 'taken' | 'not_offered' | null;
}

/** After booking: when, how, and the way to change or cancel. */
export interface SlotBookedCardData {
  meeting: IndividualMeetingData;
  municipalityId: string;
  municipalityName: string;
  /** "tirsdag 25. april 2023 kl. 9.00–10.00". */
  whenText: string;
  /** The number the advisor calls (follow-up); null for a Teams meeting. */
  phone: string | null;
  /** Just booked or moved from this card (a thank-you line), or shown again later. */
  confirmation: boolean;
  /** Cancelled from this card: the card says so and offers to book again. */
  cancelled: boolean;
}

/** Every verb a card sends; the bot registers one handler per verb. */
export const CARD_VERBS = ['rsvp', 'presentation', 'meetings', 'help', 'status', 'refresh', 'slots', 'bookSlot', 'cancelSlot'] as const;
export type CardVerb = (typeof CARD_VERBS)[number];

/** Ids of the inputs whose values Teams merges into the action data. */
export const CARD_INPUT_IDS = { dietaryNote: 'dietaryNote', presentationLink: 'presentationLink', slot: 'slot', phone: 'phone' } as const;

/** Action data carries ids only: the server reloads state and knows who clicked. */
export interface RsvpActionData {
  cohortId: string;
  meetingId: string;
  version: number;
  answer: RsvpAnswer;
}

export interface PresentationActionData {
  cohortId: string;
  meetingId: string;
  municipalityId: string;
  status: Exclude<PresentationStatus, 'not_started'>;
}

export interface RefreshActionData {
  card: 'rsvp' | 'presentation';
  cohortId: string;
  meetingId: string;
  municipalityId?: string;
}

/** `slots` (show the choices again), `bookSlot` (with inputs `slot` and `phone`) and `cancelSlot`. */
export interface SlotActionData {
  cohortId: string;
  meetingId: string;
  municipalityId: string;
}
