import type { EraseOutcome } from '../app/erase-cohort';
import type { Cohort } from '../domain/cohort';
import type { DomainError, Texts } from '../domain/errors';
import { toLocal, type Instant } from '../domain/local-time';
import type { CohortSummary } from '../store/cohort-store';
import { DELIVERY_TEXTS, type ObjectStatus } from '../outbox/outbox-status';
import type { MeetingDelivery } from '../app/series-status';
import type { CohortAnswers, MergeReport } from '../app/merge-outlook-answers';
import type { RsvpAnswer } from '../domain/cohort';
import type { ParticipantReach } from '../app/plan-reach';
import type { ReachState } from '../app/reach-states';
import type { InviteRecorded, MailsDelivered } from '../app/invite-by-mail';

/** Danish first, English on the next line, as everywhere in the product. */
const both = (t: Texts) => `${t.da}\n${t.en}\n`;

export function usageText(problem?: Texts): string {
  const lines = [
    'Brug / usage: npm run cohort -- <kommando / command>',
    '',
    '  import FIL               Importér et gruppeforløb fra et JSON-dokument.',
    '                           Import a cohort from a JSON document (FILE).',
    '  export ID [--out FIL]    Eksportér et gruppeforløb som JSON, til skærmen eller til FIL.',
    '                           Export a cohort as JSON, to the screen or to FILE.',
    '  list                     Vis alle gruppeforløb.',
    '                           List all cohorts.',
    '  erase ID                 Slet gruppeforløbets persondata nu; struktur og antal bevares.',
    "                           Erase the cohort's personal data now; structure and counts are kept.",
    '  outbox ID                Vis hvad der er sendt til Microsoft 365, hvad der venter, og hvad der fejlede.',
    '                           Show what was sent to Microsoft 365, what waits, and what failed.',
    '  retry ID                 Prøv det, der fejlede, igen.',
    '                           Try again what failed.',
    '  status ID                Vis hvert fællesmødes invitation i Outlook: planlagt, sendt (med link), fejlet.',
    "                           Show each plenary's Outlook invitation: planned, sent (with its link), failed.",
    '  answers ID               Hent deltagernes svar fra Outlook nu og vis, hvad der er registreret.',
    "                           Read the participants' answers from Outlook now and show what was recorded.",
    '  book ID [--organizer POSTKASSE]',
    '                           Book alle fællesmøder i Outlook fra arrangørens postkasse (ORGANIZER_MAILBOX).',
    "                           Book every plenary in Outlook from the organiser's mailbox (ORGANIZER_MAILBOX).",
    '  move ID MØDE START       Flyt et fællesmøde ("ny dato"), fx move demo refleksion-1 2027-01-12T09:00.',
    '                           Move a plenary ("ny dato"); calendars follow.',
    '  cancel ID MØDE           Aflys et fællesmøde; invitationen aflyses for alle.',
    '                           Call a plenary off; its invitation is cancelled for everyone.',
    '  rebook ID MØDE [START]   Book et aflyst fællesmøde igen, som en ny invitation.',
    '                           Book a cancelled plenary again, as a new invitation.',
    '  link ID EMAIL MØDE [--purpose rsvp|presentation|booking] [--days N]',
    '                           Lav et signeret link til én deltager og ét møde: tilmelding, oplæg eller (tovholdere) booking',
    '                           (gyldigt til mødet, for booking til sidste bookingdag, eller N dage).',
    '                           Make a signed link for one participant and one meeting: RSVP, presentation or (leaders) booking',
    '                           (valid until the meeting, for booking until the last booking day, or N days).',
    '  invite ID MØDE           Send tilmeldingsmails med et personligt link til dem, der kun nås via e-mail.',
    '                           Send RSVP mails with a personal link to those reached by e-mail only.',
    '  remind ID MØDE SLAGS     Send en påmindelse nu (presentation, rsvp, moved, headcount, practical, booking) til dem, den gælder.',
    '                           Send a reminder now to those it concerns; the server delivers it (Teams, else e-mail).',
    '  announce ID MØDE         Del mødets tilmeldingskort i gruppeforløbets team (kanalen General); hver ser sit eget svar.',
    "                           Share the meeting's RSVP card in the cohort team's General channel; each sees their own answer.",
    '  revoke LINK-ID           Spær et link, så det ikke længere kan bruges.',
    '                           Revoke a link so it can no longer be used.',
    '  reach ID [--install]     Vis hvordan hver deltager nås: Teams (personlig chat), afventer, kun e-mail.',
    '                           Show how each participant is reached: Teams (personal chat), pending, e-mail only.',
    '                           --install: installér appen i Teams for alle deltagere / install the app in Teams for every participant.',
    '  team ID TEAM-ID          Knyt et eksisterende Teams-team til gruppeforløbet, installér appen der, og læs medlemmerne.',
    '                           Link an existing Teams team to the cohort, install the app there, and read its members.',
    '  team ID --create [--name NAVN]',
    '                           Opret et Teams-team til gruppeforløbet med arrangøren som ejer, og knyt det som ovenfor (aldrig to).',
    '                           Create a Teams team for the cohort, owned by the organiser, and link it as above (never two).',
    '',
    'Dokumentet / the document: docs/cohort-document.md',
  ];
  return `${problem ? both(problem) + '\n' : ''}${lines.join('\n')}\n`;
}

/** A problem with no path concerns the document as a whole (not JSON, not an object). */
const where = (path: string | undefined) => (path ? path : '(dokumentet / the document)');

export function problemsText(problems: readonly DomainError[]): string {
  const head = both({
    da: `Dokumentet blev ikke importeret; intet er gemt. ${problems.length} fejl:`,
    en: `The document was not imported; nothing was stored. ${problems.length} problem(s):`,
  });
  const lines = problems.map((p) => `  ${where(p.path)}: ${p.text.da}\n  ${' '.repeat(where(p.path).length)}  ${p.text.en}\n`);
  return head + lines.join('');
}

export function failureText(error: DomainError): string {
  return both(error.text);
}

const participants = (cohort: Cohort) => cohort.municipalities.reduce((n, m) => n + m.participants.length, 0);

export function importedText(cohort: Cohort): string {
  const counts = { m: cohort.municipalities.length, p: participants(cohort), n: cohort.meetings.length };
  return both({
    da: `Importeret: "${cohort.name}" (id ${cohort.id}) med ${counts.m} kommuner, ${counts.p} deltagere og ${counts.n} møder.`,
    en: `Imported: "${cohort.name}" (id ${cohort.id}) with ${counts.m} municipalities, ${counts.p} participants and ${counts.n} meetings.`,
  });
}

export function exportedText(id: string, file: string): string {
  return both({ da: `Eksporteret: ${id} til ${file}.`, en: `Exported: ${id} to ${file}.` });
}

const localStamp = (at: Instant) => toLocal(at).replace('T', ' ');

export function erasedText({ cohort, erasedNow, people, dietaryNotes, deliveries }: EraseOutcome): string {
  const name = `"${cohort.name}" (id ${cohort.id})`;
  const at = localStamp(cohort.erasedAt!);
  if (!erasedNow) {
    return both({ da: `${name} var allerede slettet ${at}; intet er ændret.`, en: `${name} was already erased at ${at}; nothing changed.` });
  }
  const kept = { m: cohort.municipalities.length, n: cohort.meetings.length, p: participants(cohort), r: cohort.rsvps.length };
  return both({
    da: `Persondata slettet i ${name} ${at}: navne, adresser og telefonnumre på ${people} deltagere, ${dietaryNotes} kostbemærkninger og ${deliveries} forsendelser til Microsoft 365. Bevaret: ${kept.m} kommuner, ${kept.n} møder, ${kept.p} deltagere uden navn og ${kept.r} svar.`,
    en: `Personal data erased in ${name} at ${at}: names, addresses and phone numbers of ${people} participants, ${dietaryNotes} dietary notes and ${deliveries} deliveries to Microsoft 365. Kept: ${kept.m} municipalities, ${kept.n} meetings, ${kept.p} participants without names and ${kept.r} answers.`,
  });
}

const HEADINGS: Texts[] = [
  { da: 'id', en: 'id' },
  { da: 'navn', en: 'name' },
  { da: 'kommuner', en: 'municipalities' },
  { da: 'deltagere', en: 'participants' },
  { da: 'slettet', en: 'erased' },
];

/** One row per cohort under a Danish and an English heading line, columns padded to line up. */
export function cohortTable(cohorts: readonly CohortSummary[]): string {
  if (cohorts.length === 0) return both({ da: 'Der er ingen gruppeforløb endnu.', en: 'There are no cohorts yet.' });
  const rows = cohorts.map((c) => [c.id, c.name, String(c.municipalities), String(c.participants), c.erasedAt ? localStamp(c.erasedAt) : '-']);
  const table = [HEADINGS.map((h) => h.da), HEADINGS.map((h) => h.en), HEADINGS.map(() => ''), ...rows];
  const widths = HEADINGS.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
  table[2] = widths.map((w) => '-'.repeat(w));
  return table.map((row) => row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd()).join('\n') + '\n';
}

/** One line per Microsoft 365 object: what it is, where it stands, and the service's reason when it has one. */
export function deliveryText(id: string, objects: readonly ObjectStatus[]): string {
  if (objects.length === 0) {
    return both({ da: `Intet at sende for ${id} endnu.`, en: `Nothing to send for ${id} yet.` });
  }
  return objects
    .map((o) => {
      const state = DELIVERY_TEXTS[o.state];
      const reason = o.reason ? ` (${o.reason})` : '';
      return `${o.label.da} / ${o.label.en}: ${state.da} / ${state.en}${reason}\n`;
    })
    .join('');
}

export function retriedText(id: string, retried: number): string {
  const one = retried === 1;
  return both({
    da: `${retried} ${one ? 'fejlet forsendelse' : 'fejlede forsendelser'} i ${id} prøves igen.`,
    en: `${retried} failed ${one ? 'delivery' : 'deliveries'} in ${id} will be tried again.`,
  });
}

const when = (start: string) => start.replace('T', ' kl. ');

/** What a calendar command did, and what follows in Outlook. */
export function calendarText(cohort: Cohort, done: { da: string; en: string }): string {
  const follows = cohort.booking
    ? { da: `Kalenderne i ${cohort.booking.organizer} følger med; se npm run cohort -- outbox ${cohort.id}.`, en: `The calendars of ${cohort.booking.organizer} follow; see npm run cohort -- outbox ${cohort.id}.` }
    : { da: 'Forløbet er ikke booket endnu; kalenderne får ændringen, når det bliver.', en: 'The series is not booked yet; calendars get the change when it is.' };
  return both({ da: `${done.da} ${follows.da}`, en: `${done.en} ${follows.en}` });
}

export function plenaryDone(cohort: Cohort, key: string, what: { da: string; en: string }): { da: string; en: string } {
  const meeting = cohort.meetings.find((m) => m.key === key);
  const at = meeting?.kind === 'plenary' ? when(meeting.schedule.start) : '';
  return { da: `${what.da}: ${meeting?.title.da ?? key} ${at}.`, en: `${what.en}: ${meeting?.title.en ?? key} ${at.replace(' kl.', '')}.` };
}

const NOT_BOOKED: Texts = { da: 'Ikke booket', en: 'Not booked' };
const CANCELLED: Texts = { da: 'aflyst', en: 'called off' };

/** One block per plenary: when, where its invitation stands, its links, and any reason or warning. */
export function seriesText(meetings: readonly MeetingDelivery[]): string {
  return meetings
    .map((m) => {
      const state = m.state === 'not_booked' ? NOT_BOOKED : DELIVERY_TEXTS[m.state];
      const off = m.cancelled ? ` (${CANCELLED.da} / ${CANCELLED.en})` : '';
      const lines = [`${m.key}  ${when(m.start)}  ${m.title.da} / ${m.title.en}${off}: ${state.da} / ${state.en}`];
      if (m.reason) lines.push(`    ${m.reason}`);
      if (m.webLink) lines.push(`    Outlook: ${m.webLink}`);
      if (m.joinUrl) lines.push(`    Teams: ${m.joinUrl}`);
      if (m.warning) lines.push(`    ${m.warning.da}`, `    ${m.warning.en}`);
      return lines.join('\n') + '\n';
    })
    .join('');
}

const ANSWERS: Record<RsvpAnswer, Texts> = {
  in_person: { da: 'Jeg kommer', en: 'Coming in person' },
  online: { da: 'Jeg deltager online', en: 'Joining online' },
  declined: { da: 'Jeg kommer ikke', en: 'Not coming' },
};

export function noTenantText(): string {
  return both({
    da: 'Der er ingen tenant at læse svar fra: produktet kører lokalt uden forbindelse til Microsoft 365 (AAD_APP_TENANT_ID er ikke sat).',
    en: 'There is no tenant to read answers from: the product runs locally, not connected to Microsoft 365 (AAD_APP_TENANT_ID is not set).',
  });
}

/** What else the read met, in one sentence per language; nothing when there was nothing else. */
function besides(c: CohortAnswers): string {
  const parts: Texts[] = [];
  if (c.keptNewer > 0) parts.push({ da: `${c.keptNewer} nyere svar fra chat, fanen eller link er beholdt`, en: `${c.keptNewer} newer answer(s) from chat, the tab or a link kept` });
  if (c.alreadyKnown > 0) parts.push({ da: `${c.alreadyKnown} svar var allerede registreret`, en: `${c.alreadyKnown} answer(s) already recorded` });
  if (c.forEarlierTime > 0) parts.push({ da: `${c.forEarlierTime} svar gjaldt mødets tidligere tidspunkt og tæller ikke`, en: `${c.forEarlierTime} answer(s) were for the meeting's earlier time and do not count` });
  if (c.unknownAddresses > 0) parts.push({ da: `${c.unknownAddresses} adresse(r) i Outlook hører ikke til forløbet`, en: `${c.unknownAddresses} address(es) in Outlook are not in the cohort` });
  if (c.goneEvents > 0) parts.push({ da: `${c.goneEvents} begivenhed(er) er slettet i Outlook`, en: `${c.goneEvents} event(s) were deleted in Outlook` });
  if (parts.length === 0) return '';
  return both({ da: `${parts.map((p) => p.da).join('; ')}.`, en: `${parts.map((p) => p.en).join('; ')}.` });
}

/** Per cohort: each answer recorded from Outlook, then what was left as it was and why; then what could not be read. */
export function answersText(report: MergeReport): string {
  const cohorts = report.merged.map((c) => {
    const head = both({ da: `Svar fra Outlook i "${c.name}" (${c.cohortId}):`, en: `Answers from Outlook in "${c.name}" (${c.cohortId}):` });
    const lines = c.recorded.map((r) => `  ${r.meetingKey}  ${r.person}: ${ANSWERS[r.answer].da} / ${ANSWERS[r.answer].en} (${localStamp(r.at)})\n`);
    const none = c.recorded.length === 0 ? both({ da: 'Ingen nye svar.', en: 'No new answers.' }) : '';
    return head + lines.join('') + none + besides(c);
  });
  // The reason is Graph's or the sender's own, already in Danish and English.
  const unread = report.unread.map(
    (u) => both({ da: `Kalenderen for ${u.mailbox} kunne ikke læses nu; prøv igen senere:`, en: `The calendar of ${u.mailbox} could not be read now; try again later:` }) + `  ${u.reason}\n`,
  );
  const meanwhile = report.changedMeanwhile.map((id) =>
    both({ da: `${id} blev ændret samtidig; svarene registreres ved næste kørsel.`, en: `${id} was changed at the same time; the answers are recorded on the next run.` }),
  );
  return [...cohorts, ...unread, ...meanwhile].join('');
}

const REACH: Record<ReachState, Texts> = {
  teams: { da: 'Teams (personlig chat)', en: 'Teams (personal chat)' },
  team: { da: 'Teams via gruppeforløbets team', en: 'Teams via the cohort team' },
  pending: { da: 'afventer', en: 'pending' },
  email: { da: 'kun e-mail', en: 'e-mail only' },
  not_connected: { da: 'ikke forbundet til Microsoft 365', en: 'not connected to Microsoft 365' },
  unreachable: { da: 'ikke nåelig: persondata slettet', en: 'not reachable: personal data erased' },
};

/** One line per participant, municipality by municipality: how they are reached, and why e-mail only. */
export function reachText(id: string, participants: readonly ParticipantReach[], recorded: number | null): string {
  const head = recorded === null ? '' : both({ da: `${recorded} installation(er) i Teams bestilt i ${id}.`, en: `${recorded} Teams installation(s) requested in ${id}.` });
  if (participants.length === 0) return head + both({ da: `${id} har ingen deltagere.`, en: `${id} has no participants.` });
  const lines = participants.map((p) => {
    const state = REACH[p.state];
    const who = p.name === null ? p.participantId : `${p.name} <${p.email}>`;
    const lines = [`${p.municipality}  ${who}: ${state.da} / ${state.en}`];
    if (p.reason) lines.push(`    ${p.reason}`);
    return lines.join('\n') + '\n';
  });
  return head + lines.join('');
}

/**
 * What `team` did: the team linked, and with a tenant whether the app is installed there (with the
 * number of members read) or why not; in local mode, that nothing reaches Teams.
 */
export function teamText(id: string, teamId: string, status: ObjectStatus | null, connected: boolean, replaced: string | null): string {
  const head = both({ da: `Teamet ${teamId} er knyttet til ${id}.`, en: `Team ${teamId} is linked to ${id}.` });
  const before = replaced === null ? '' : both({ da: `Det erstatter teamet ${replaced}.`, en: `It replaces team ${replaced}.` });
  if (!connected || status === null || status.state === 'not_connected') {
    return head + before + both({ da: 'Appen installeres ikke: ikke forbundet til Microsoft 365, eller TEAMS_APP_CATALOG_ID er ikke sat.', en: 'The app is not installed: not connected to Microsoft 365, or TEAMS_APP_CATALOG_ID is not set.' });
  }
  if (status.state === 'failed') return head + before + both({ da: 'Appen kunne ikke installeres i teamet:', en: 'The app could not be installed in the team:' }) + `    ${status.reason ?? ''}\n`;
  if (status.state === 'planned') return head + before + both({ da: 'Installationen venter; serveren gør den færdig.', en: 'The installation waits; the server completes it.' }) + (status.reason ? `    ${status.reason}\n` : '');
  const members = (JSON.parse(status.details?.fields.members ?? '[]') as unknown[]).length;
  return head + before + both({ da: `Appen er installeret i teamet; ${members} medlem(mer) læst.`, en: `The app is installed in the team; ${members} member(s) read.` });
}

export function noTenantTeamText(): string {
  return both({
    da: 'Et team kan kun oprettes forbundet til Microsoft 365 (AAD_APP_TENANT_ID er ikke sat); intet er bestilt.',
    en: 'A team can only be created when connected to Microsoft 365 (AAD_APP_TENANT_ID is not set); nothing was requested.',
  });
}

/** How `team --create` went so far: the one team asked for, and what Teams said; the link and the app follow in teamText. */
export interface TeamCreated {
  state: { displayName: string; owner: string };
  /** The cohort had asked for its team before: the name first asked for stays. */
  again: boolean;
  /** A team was made for the cohort before this run. */
  existed: boolean;
  /** `--name` as given this time. */
  askedName: string | null;
  status: ObjectStatus | null;
}

/** The created team: made, being made (the command links it when run again), or refused and why; nothing linked unless made. */
export function createdTeamText(id: string, created: TeamCreated): string {
  const { state, status } = created;
  const name = `"${state.displayName}"`;
  const kept = created.again && created.askedName !== null && created.askedName !== state.displayName
    ? both({ da: `Teamet beholder navnet ${name}, som det først blev bestilt med.`, en: `The team keeps the name ${name} it was first requested with.` })
    : '';
  if (status?.state === 'failed') {
    return kept + both({ da: `Teamet ${name} kunne ikke oprettes; intet er knyttet til ${id}:`, en: `The team ${name} could not be created; nothing is linked to ${id}:` }) + `    ${status.reason ?? ''}\n`;
  }
  if (status?.state !== 'sent') {
    const reason = status?.reason ? `    ${status.reason}\n` : '';
    return kept + both({
      da: `Teamet ${name} er ved at blive oprettet i Microsoft Teams; kør kommandoen igen om lidt for at knytte det til ${id}.`,
      en: `The team ${name} is being set up in Microsoft Teams; run the command again shortly to link it to ${id}.`,
    }) + reason;
  }
  const head = created.existed
    ? both({ da: `${id} har allerede sit team ${name}; der er ikke oprettet et nyt.`, en: `${id} already has its team ${name}; no new one was created.` })
    : both({ da: `Teamet ${name} er oprettet i Microsoft Teams med ${state.owner} som ejer.`, en: `The team ${name} is created in Microsoft Teams with ${state.owner} as owner.` });
  const link = status.details?.fields.webUrl ? `    Teams: ${status.details.fields.webUrl}\n` : '';
  return kept + head + link;
}

/**
 * What `invite` did: with a tenant, how many mails went and which failed and why; in local mode,
 * how many were recorded with a link, and that nothing is sent.
 */
export function inviteText(id: string, meetingKey: string, recorded: InviteRecorded, delivered: MailsDelivered | null): string {
  const count = recorded.objectKeys.length;
  const before = recorded.alreadyRecorded === 0 ? '' : both({
    da: `${recorded.alreadyRecorded} tilmeldingsmail(s) til "${meetingKey}" var sendt eller bestilt før og sendes ikke igen.`,
    en: `${recorded.alreadyRecorded} RSVP mail(s) for "${meetingKey}" were sent or requested before and are not sent again.`,
  });
  if (delivered === null) {
    return both({
      da: `${count} tilmeldingsmail(s) med link bestilt til "${meetingKey}" i ${id} fra ${recorded.organizer}; ikke forbundet til Microsoft 365, så intet sendes.`,
      en: `${count} RSVP mail(s) with a link recorded for "${meetingKey}" in ${id} from ${recorded.organizer}; not connected to Microsoft 365, so nothing is sent.`,
    }) + before;
  }
  const head = both({
    da: `${delivered.sent} tilmeldingsmail(s) sendt til "${meetingKey}" i ${id} fra ${recorded.organizer}.`,
    en: `${delivered.sent} RSVP mail(s) sent for "${meetingKey}" in ${id} from ${recorded.organizer}.`,
  });
  const waiting = delivered.waiting === 0 ? '' : both({ da: `${delivered.waiting} venter; serveren sender dem.`, en: `${delivered.waiting} waiting; the server sends them.` });
  const failed = delivered.failed.map((f) => `Fejlet / failed: ${f.objectKey}\n    ${f.reason}\n`).join('');
  return head + before + waiting + failed;
}

/** What `remind` recorded: the server sends it, in Teams where the bot has a chat, else by e-mail. */
export function remindText(id: string, meetingKey: string, outcome: { recorded: number; recipients: number }): string {
  if (outcome.recipients === 0) {
    return both({ da: `Ingen at minde om ${meetingKey} i ${id} lige nu.`, en: `Nobody to remind about ${meetingKey} in ${id} now.` }) + '\n';
  }
  const left = outcome.recipients - outcome.recorded;
  return both({
    da: `${outcome.recorded} påmindelser om ${meetingKey} er lagt i udbakken; serveren sender dem.${left > 0 ? ` ${left} er allerede sendt i dag eller kan ikke nås endnu.` : ''}`,
    en: `${outcome.recorded} reminders about ${meetingKey} are in the outbox; the server sends them.${left > 0 ? ` ${left} were sent today already or cannot be reached yet.` : ''}`,
  }) + '\n';
}

/** What `announce` recorded: the server posts it in the team's channel. */
export function announceText(id: string, meetingKey: string, outcome: { recorded: boolean; members: number }): string {
  return both(
    outcome.recorded
      ? { da: `Opslaget om ${meetingKey} i ${id} er lagt i udbakken; serveren poster det i teamets kanal, hvor ${outcome.members} medlemmer ser deres eget svar.`, en: `The post about ${meetingKey} in ${id} is in the outbox; the server posts it in the team's channel, where ${outcome.members} members see their own answer.` }
      : { da: `${meetingKey} er allerede slået op for denne dato; intet er sendt igen.`, en: `${meetingKey} was already announced for this date; nothing was sent again.` },
  ) + '\n';
}
