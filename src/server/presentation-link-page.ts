import type { Presentation, PresentationStatus } from '../domain/cohort';
import type { Texts } from '../domain/errors';
import { PRESENTATION_LINK_MAX, presentationTasks } from '../domain/presentations';
import type { PresentationLink } from '../links/open-link';
import { both, buttonText, escapeHtml, fact, factRow, greeting, heading, label, MEETING_CANCELLED, meetingFacts, notice, page } from './link-pages';

const STATUS_TEXTS: Record<PresentationStatus, Texts> = {
  not_started: { da: 'Ikke startet', en: 'Not started' },
  in_preparation: { da: 'I gang', en: 'In progress' },
  ready: { da: 'Klar', en: 'Ready' },
};

/** What the buttons report; the status they set is the one they show pressed. */
const REPORTS: { status: Exclude<PresentationStatus, 'not_started'>; text: Texts }[] = [
  { status: 'in_preparation', text: { da: 'Vi er i gang', en: "We're working on it" } },
  { status: 'ready', text: { da: 'Oplægget er klar', en: 'The presentation is ready' } },
];

export const PRESENTATION_REPORTED: Texts = { da: 'Tak – status for oplægget er opdateret.', en: 'Thank you – the presentation status is updated.' };

/** The municipality's task for this meeting, also when nobody has reported on it yet. */
function taskOf({ cohort, meeting, municipality }: PresentationLink): Presentation | undefined {
  return presentationTasks(cohort).find((p) => p.meetingId === meeting.id && p.municipalityId === municipality.id);
}

/** The link the municipality gave, once the presentation is ready: https only, as the domain checked it. */
function readyLink(task: Presentation): string {
  if (task.status !== 'ready' || task.link === null) return '';
  const href = escapeHtml(task.link);
  return fact({ da: 'Oplægget', en: 'The presentation' }, `<a href="${href}" rel="noopener noreferrer">${href}</a>`);
}

function taskFacts(link: PresentationLink, task: Presentation): string {
  const themes = link.meeting.themes.join('; ');
  return '<dl>' +
    factRow({ da: 'Kommune', en: 'Municipality' }, { da: link.municipality.name, en: link.municipality.name }) +
    (themes === '' ? '' : factRow({ da: 'Tema', en: 'Theme' }, { da: themes, en: themes })) +
    factRow({ da: 'Status', en: 'Status' }, STATUS_TEXTS[task.status]) +
    readyLink(task) +
    '</dl>';
}

function reportForm(task: Presentation): string {
  const buttons = REPORTS.map((r) => `<button type="submit" name="status" value="${r.status}" aria-pressed="${r.status === task.status}">${buttonText(r.text)}</button>`).join('');
  return '<form method="post">' +
    `<p><label for="link">${label({ da: 'Link til oplægget (valgfrit, https://…)', en: 'Link to the presentation (optional, https://…)' })}</label>` +
    `<input type="url" id="link" name="link" maxlength="${PRESENTATION_LINK_MAX}" pattern="https://.+" value="${escapeHtml(task.link ?? '')}"></p>` +
    `<p>${buttons}</p></form>`;
}

/**
 * The municipality's short presentation at the plenary the link names: its status (and link when
 * ready), and the buttons that report it for the whole municipality. Nothing of other municipalities.
 */
export function presentationPage(link: PresentationLink, said: Texts | null): string {
  const task = taskOf(link);
  const body = task === undefined
    ? both({ da: 'Der skal ikke holdes oplæg på dette møde.', en: 'No presentations are given at this meeting.' })
    : heading(2, { da: 'Jeres oplæg', en: 'Your presentation' }) + taskFacts(link, task) + (link.meeting.cancelled ? both(MEETING_CANCELLED) : reportForm(task));
  return page('Oplæg / Presentation', `${greeting(link.participant.person)}${said === null ? '' : notice(said)}${meetingFacts(link.meeting)}${body}`);
}
