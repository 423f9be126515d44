import { z } from 'zod';
import { DomainError, isDomainError, type ErrorCode, type Texts } from '../domain/errors';
import { formatTexts } from './document-formats';

type Issue = z.core.$ZodIssue;
type LocaleError = (issue: Issue) => { message: string } | string | undefined | null;

const LOCALES: Record<keyof Texts, LocaleError> = {
  da: z.locales.da().localeError as LocaleError,
  en: z.locales.en().localeError as LocaleError,
};

export function joinPath(path: readonly PropertyKey[]): string {
  return path.map(String).join('.');
}

function localeText(issue: Issue, language: keyof Texts): string {
  const found = LOCALES[language](issue);
  return (typeof found === 'string' ? found : found?.message) ?? issue.message;
}

/** A missing field reads better as "missing" than as zod's "expected string, received undefined". */
const MISSING: Texts = { da: 'Feltet mangler.', en: 'The field is missing.' };

function issueTexts(issue: Issue): Texts {
  if (issue.code === 'invalid_type' && issue.input === undefined) return MISSING;
  if (issue.code === 'invalid_format') {
    const format = formatTexts(issue);
    if (format) return { da: `Værdien ${format.da}.`, en: `The value ${format.en}.` };
  }
  return { da: localeText(issue, 'da'), en: localeText(issue, 'en') };
}

/** Zod's issues need `reportInput` so the locales can say what was received. */
export function fromZodIssues(issues: readonly Issue[]): DomainError[] {
  return issues.map((issue) => new DomainError('invalid_document', issueTexts(issue), joinPath(issue.path)));
}

/**
 * The domain's rules report paths into the Cohort; the document keeps a meeting's schedule fields
 * on the meeting itself, so `meetings.2.schedule.start` is `meetings.2.start` there.
 */
export function toDocumentPath(domainPath: string | undefined): string {
  return (domainPath ?? '').replace(/^(meetings\.\d+)\.schedule(?=\.|$)/, '$1');
}

export function atDocumentPath(problem: DomainError): DomainError {
  return new DomainError(problem.code, problem.text, toDocumentPath(problem.path));
}

/**
 * Parses one value with a domain parse function and records the problem instead of throwing, so the
 * whole document is checked in one go. The unparsed value is returned so checking can go on; the
 * cohort built from it is never stored, because its problems are not empty.
 */
export type Valid = <T extends string>(parse: (value: string, path?: string) => T, value: string, path: string) => T;

export function collector(problems: DomainError[]): Valid {
  return (parse, value, path) => {
    try {
      return parse(value, path);
    } catch (e) {
      if (!isDomainError(e)) throw e;
      problems.push(e);
      return value as ReturnType<typeof parse>;
    }
  };
}

export function problem(code: ErrorCode, path: string, text: Texts): DomainError {
  return new DomainError(code, text, path);
}

export const duplicate = (path: string, what: Texts) =>
  problem('invalid_document', path, { da: `${what.da} findes allerede tidligere i dokumentet.`, en: `${what.en} already appears earlier in the document.` });

export const unknownMeeting = (path: string, key: string) =>
  problem('unknown_meeting', path, { da: `Der er intet møde med nøglen "${key}".`, en: `There is no meeting with the key "${key}".` });

export const notPlenary = (path: string, key: string) =>
  problem('not_a_plenary', path, {
    da: `"${key}" er et individuelt møde; svar og oplæg hører til fællesmøderne.`,
    en: `"${key}" is an individual meeting; answers and presentations belong to the plenary meetings.`,
  });

export const notIndividual = (path: string, key: string) =>
  problem('not_an_individual_meeting', path, {
    da: `"${key}" er et fællesmøde; tider bookes kun til de individuelle møder.`,
    en: `"${key}" is a plenary meeting; slots are booked only for the individual meetings.`,
  });

export const slotTaken = (path: string, start: string) =>
  problem('slot_taken', path, {
    da: `Tiden ${start} er allerede booket af en anden kommune til samme møde.`,
    en: `The slot ${start} is already booked by another municipality for the same meeting.`,
  });

export const unknownParticipant = (path: string, who: string) =>
  problem('unknown_participant', path, { da: `Deltageren ${who} findes ikke i dokumentet.`, en: `The participant ${who} is not in the document.` });

export const unknownMunicipality = (path: string, name: string) =>
  problem('unknown_municipality', path, { da: `Der er ingen kommune ved navn "${name}".`, en: `There is no municipality named "${name}".` });

export const answerNotOffered = (path: string, answer: string, physical: boolean, offered: readonly string[]) =>
  problem('answer_not_offered', path, {
    da: `Svaret "${answer}" passer ikke til et ${physical ? 'fysisk' : 'virtuelt'} møde; mulige svar: ${offered.join(', ')}.`,
    en: `The answer "${answer}" does not fit a ${physical ? 'physical' : 'virtual'} meeting; possible answers: ${offered.join(', ')}.`,
  });

export const dietaryNoteNotOffered = (path: string) =>
  problem('dietary_note_not_offered', path, {
    da: 'En bemærkning om kost hører kun til et tilsagn til et fysisk møde.',
    en: 'A dietary note belongs only to an acceptance of a physical meeting.',
  });

export const noPresentations = (path: string, key: string) =>
  problem('no_presentation_task', path, { da: `Der holdes ikke oplæg på mødet "${key}".`, en: `No presentations are given at the meeting "${key}".` });

export const notOfferedDay = (path: string, day: string, offered: readonly string[]) =>
  problem('outside_window', path, {
    da: `${day} er ikke en af de tilbudte dage for det forberedende møde (${offered.join(', ') || 'ingen'}).`,
    en: `${day} is not one of the days offered for the preparatory meeting (${offered.join(', ') || 'none'}).`,
  });

export const personalDataAfterErase = (path: string) =>
  problem('invalid_document', path, {
    da: 'Gruppeforløbets persondata er slettet (erasedAt); her må ingen persondata stå.',
    en: "The cohort's personal data has been erased (erasedAt); no personal data may appear here.",
  });
