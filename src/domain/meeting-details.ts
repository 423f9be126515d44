import type { Cohort, PlenaryMeeting } from './cohort';
import { erased, findPlenary, replaceMeeting } from './cohort-rules';
import { DomainError } from './errors';
import type { PlenaryForm } from './programme';
import { answerOptions } from './rsvp';

/** What an advisor changes about a plenary besides its time: how it is held, where, and what it is about. */
export interface PlenaryDetails {
  form: PlenaryForm;
  /** The address of a physical meeting; empty for a virtual one, whose Teams link is the place. */
  place: string;
  themes: string[];
}

export const PLACE_MAX = 300;
export const THEME_MAX = 200;
export const THEMES_MAX = 10;

function checkedPlace(form: PlenaryForm, place: string): string {
  const trimmed = place.trim();
  if (form === 'physical' && trimmed === '') {
    throw new DomainError(
      'invalid_place',
      { da: 'Et fysisk møde skal have et sted (adresse).', en: 'A physical meeting needs a place (address).' },
      'place',
    );
  }
  if (form === 'virtual' && trimmed !== '') {
    throw new DomainError(
      'invalid_place',
      { da: 'Et virtuelt møde har intet sted: Teams-linket er stedet.', en: 'A virtual meeting has no place: the Teams link is the place.' },
      'place',
    );
  }
  if (trimmed.length > PLACE_MAX) {
    throw new DomainError('text_too_long', { da: `Stedet må højst være ${PLACE_MAX} tegn.`, en: `The place may be at most ${PLACE_MAX} characters.` }, 'place');
  }
  return trimmed;
}

function checkedThemes(themes: readonly string[]): string[] {
  const trimmed = themes.map((theme) => theme.trim());
  if (trimmed.length > THEMES_MAX) {
    throw new DomainError('invalid_theme', { da: `Et møde har højst ${THEMES_MAX} temaer.`, en: `A meeting has at most ${THEMES_MAX} themes.` }, 'themes');
  }
  const seen = new Set<string>();
  trimmed.forEach((theme, i) => {
    const path = `themes.${i}`;
    if (theme === '') throw new DomainError('invalid_theme', { da: 'Et tema må ikke være tomt.', en: 'A theme may not be empty.' }, path);
    if (theme.length > THEME_MAX) {
      throw new DomainError('text_too_long', { da: `Et tema må højst være ${THEME_MAX} tegn.`, en: `A theme may be at most ${THEME_MAX} characters.` }, path);
    }
    const key = theme.toLowerCase();
    if (seen.has(key)) throw new DomainError('invalid_theme', { da: `Temaet "${theme}" står der to gange.`, en: `The theme "${theme}" is listed twice.` }, path);
    seen.add(key);
  });
  return trimmed;
}

const sameDetails = (meeting: PlenaryMeeting, details: PlenaryDetails) =>
  meeting.form === details.form && meeting.place === details.place && meeting.themes.join('\n') === details.themes.join('\n');

/**
 * Form, place and themes of a plenary. Like a move, a change keeps the meeting's id (its Outlook
 * event is updated, never duplicated) and bumps its version, so the invitation follows and a
 * colleague's edit of the older version is refused. An answer the new form does not offer
 * ("Jeg kommer" to a meeting now online) no longer says what the person will do: it is dropped,
 * and the new event asks everyone again; a decline fits every form and stays. The same details
 * again change nothing.
 */
export function changePlenaryDetails(cohort: Cohort, meetingId: string, details: PlenaryDetails): Cohort {
  if (cohort.erasedAt) throw erased();
  const meeting = findPlenary(cohort, meetingId, { da: 'Kun fællesmøder har form og sted her.', en: 'Only plenary meetings have a form and place here.' });
  if (meeting.cancelled) {
    throw new DomainError('meeting_cancelled', { da: 'Mødet er aflyst; book det igen, før det ændres.', en: 'The meeting is called off; book it again before changing it.' });
  }
  const checked: PlenaryDetails = { form: details.form, place: checkedPlace(details.form, details.place), themes: checkedThemes(details.themes) };
  if (sameDetails(meeting, checked)) return cohort;
  const offered = answerOptions(checked.form);
  const rsvps = cohort.rsvps.filter((r) => r.meetingId !== meeting.id || offered.includes(r.answer));
  // Outlook keeps a Teams meeting on an event once it has one and ignores a later "not online", so
  // in a booked series a change of form is a new event (a new generation), the old one cancelled.
  const generation = cohort.booking && checked.form !== meeting.form ? meeting.generation + 1 : meeting.generation;
  return replaceMeeting({ ...cohort, rsvps }, { ...meeting, ...checked, generation, version: meeting.version + 1 });
}
