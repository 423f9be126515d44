import {
  MAX_REFRESH_USERS,
  renderError,
  renderHeadcount,
  renderHelp,
  renderMeetings,
  renderNotInCohort,
  renderPractical,
  renderPresentation,
  renderRsvp,
  renderStatus,
  renderWelcome,
  type AdaptiveCardJson,
  type CardLanguage,
  type PresentationActionData,
  type RsvpActionData,
} from '../../bot/cards/render-card';
import { cardProblems, validateCard } from '../support/adaptive-card-validation';
import {
  ADVISORS,
  DIETARY_NOTES,
  JOIN_URL,
  TEAMS_IDS,
  buttons,
  describeEveryCard,
  executes,
  facts,
  headcountData,
  kickoff,
  meetingItem,
  nodes,
  ofType,
  presentationData,
  reflection,
  rsvpData,
  statusMeeting,
  visible,
} from './fixtures/card-fixtures';

// The booking cards and the bookings on the status card: booking-cards.test.ts.

/** Every card in realistic and edge-case variants, for one language. */
function allCards(lang: CardLanguage): [string, AdaptiveCardJson][] {
  const long = 'Meget lang tekst '.repeat(40).trim();
  return [
    ['welcome advisor', renderWelcome({ firstName: 'Mette', role: 'advisor' }, lang)],
    ['welcome participant', renderWelcome({ firstName: 'Sofie', role: 'participant' }, lang)],
    ['help leader', renderHelp({ role: 'leader' }, lang)],
    ['help advisor', renderHelp({ role: 'advisor' }, lang)],
    ['meetings', renderMeetings({ meetings: [meetingItem(lang, { myAnswer: { answer: 'in_person', forEarlierDate: false } }), meetingItem(lang, { meeting: reflection(lang) })] }, lang)],
    ['meetings empty', renderMeetings({ meetings: [] }, lang)],
    [
      'meetings two cohorts, moved, cancelled, no link',
      renderMeetings(
        {
          meetings: [
            meetingItem(lang, { myAnswer: { answer: 'in_person', forEarlierDate: true } }),
            meetingItem(lang, { meeting: { ...reflection(lang, null), cohortId: 'cohort-2024' }, cohortName: 'M-ACT efterår 2024' }),
            meetingItem(lang, { cancelled: true, meeting: { ...kickoff(lang), place: null, title: long } }),
          ],
        },
        lang,
      ),
    ],
    ['status', renderStatus({ cohortName: 'M-ACT forår 2023', meetings: [statusMeeting(lang), statusMeeting(lang, { meeting: reflection(lang), presentations: [] })], individual: [] }, lang)],
    ['status cancelled', renderStatus({ cohortName: 'M-ACT forår 2023', meetings: [statusMeeting(lang, { cancelled: true })], individual: [] }, lang)],
    ['status empty', renderStatus({ cohortName: 'M-ACT forår 2023', meetings: [], individual: [] }, lang)],
    ['rsvp physical', renderRsvp(rsvpData(lang), lang)],
    ['rsvp physical answered, shared', renderRsvp(rsvpData(lang, { myAnswer: { answer: 'in_person', forEarlierDate: false }, myDietaryNote: 'x'.repeat(500), confirmation: true, sharedChat: { userIds: TEAMS_IDS } }), lang)],
    ['rsvp moved', renderRsvp(rsvpData(lang, { moved: true, myAnswer: { answer: 'in_person', forEarlierDate: true } }), lang)],
    ['rsvp virtual', renderRsvp(rsvpData(lang, { meeting: reflection(lang), cateringDeadlineText: null, coming: 0 }), lang)],
    ['rsvp virtual no link', renderRsvp(rsvpData(lang, { meeting: reflection(lang, null), cateringDeadlineText: null }), lang)],
    ['rsvp cancelled', renderRsvp(rsvpData(lang, { cancelled: true, sharedChat: { userIds: TEAMS_IDS } }), lang)],
    ['rsvp long title, no place', renderRsvp(rsvpData(lang, { meeting: { ...kickoff(lang), title: long, place: null } }), lang)],
    ['presentation', renderPresentation(presentationData(lang), lang)],
    ['presentation ready, shared', renderPresentation(presentationData(lang, { status: 'ready', link: `https://example.dk/${'a'.repeat(1970)}`, confirmation: true, sharedChat: { userIds: TEAMS_IDS } }), lang)],
    ['presentation no themes, tomorrow', renderPresentation(presentationData(lang, { themes: [], preparation: '', daysLeft: 1 }), lang)],
    ['headcount', renderHeadcount(headcountData(lang), lang)],
    ['headcount no notes, changed', renderHeadcount(headcountData(lang, { dietaryNotes: [], changedAfterDeadline: true }), lang)],
    ['practical', renderPractical({ meeting: kickoff(lang), contacts: ADVISORS }, lang)],
    ['practical no address, no contacts', renderPractical({ meeting: { ...kickoff(lang), place: null }, contacts: [] }, lang)],
    ['error', renderError({ message: lang === 'da' ? 'Mødet er aflyst.' : 'The meeting is called off.', contacts: ADVISORS }, lang)],
    ['error no contacts', renderError({ message: long, contacts: [] }, lang)],
    ['notInCohort', renderNotInCohort({ contacts: ADVISORS }, lang)],
    ['notInCohort no contacts', renderNotInCohort({ contacts: [] }, lang)],
  ];
}

// ---- tests ----

describeEveryCard(allCards);

describe('the RSVP card', () => {
  test('of a physical meeting offers "Jeg kommer" / "Jeg kommer ikke" and a dietary note', () => {
    const card = renderRsvp(rsvpData('da'), 'da');
    expect(buttons(card)).toEqual(['Jeg kommer', 'Jeg kommer ikke']);
    const [note] = ofType(card, 'Input.');
    expect(note).toMatchObject({ type: 'Input.Text', id: 'dietaryNote', maxLength: 500, isRequired: false, label: 'Bemærkning om kost (valgfri)' });
    expect(visible(card)).toEqual(expect.arrayContaining(['Opstartsmøde', 'torsdag 4. maj 2023', 'Social- og Boligstyrelsen, Edisonsvej 18, 5000 Odense C']));
    expect(visible(card)).toContain('Svarfrist for forplejning: torsdag 27. april 2023 kl. 12.00');
    expect(visible(card)).toContain('12 kommer');
  });

  test('of a virtual meeting offers "Jeg deltager online" / "Jeg kommer ikke", the join link, and no dietary note', () => {
    const card = renderRsvp(rsvpData('da', { meeting: reflection('da'), cateringDeadlineText: null }), 'da');
    expect(buttons(card)).toEqual(['Jeg deltager online', 'Jeg kommer ikke', 'Deltag i mødet']);
    expect(ofType(card, 'Input.')).toEqual([]);
    expect(ofType(card, 'Action.OpenUrl')[0]?.url).toBe(JOIN_URL);
    expect(visible(card)).toContain('online (Teams)');
    expect(visible(card).join('\n')).not.toMatch(/kost|forplejning/i);
    const noLink = renderRsvp(rsvpData('da', { meeting: reflection('da', null) }), 'da');
    expect(ofType(noLink, 'Action.OpenUrl')).toEqual([]);
  });

  test('answers carry the meeting, its version and the answer; declining does not send the note', () => {
    const card = renderRsvp(rsvpData('da'), 'da');
    const answer = (a: RsvpActionData['answer']): RsvpActionData => ({ cohortId: 'cohort-2023', meetingId: 'meeting-kickoff', version: 1, answer: a });
    expect(executes(card).map((a) => [a.verb, a.data, a.associatedInputs])).toEqual([
      ['rsvp', answer('in_person'), undefined],
      ['rsvp', answer('declined'), 'none'],
    ]);
  });

  test("shows the person's current answer, or that they have not answered", () => {
    const answered = renderRsvp(rsvpData('da', { myAnswer: { answer: 'in_person', forEarlierDate: false }, myDietaryNote: 'Glutenfri' }), 'da');
    expect(visible(answered)).toContain('Dit svar: Jeg kommer');
    expect(ofType(answered, 'Input.Text')[0]?.value).toBe('Glutenfri');
    expect(visible(renderRsvp(rsvpData('da'), 'da'))).toContain('Du har ikke svaret endnu.');
  });

  test('asks again when the meeting moved', () => {
    const card = renderRsvp(rsvpData('da', { moved: true, myAnswer: { answer: 'in_person', forEarlierDate: true } }), 'da');
    expect(visible(card)).toContain('Mødet er flyttet til torsdag 4. maj 2023 – kan du stadig komme?');
    expect(visible(card)).toContain('Du svarede «Jeg kommer» til den tidligere dato.');
    expect(buttons(card)).toEqual(['Jeg kommer', 'Jeg kommer ikke']);
  });

  test('thanks after answering', () => {
    expect(visible(renderRsvp(rsvpData('da', { confirmation: true }), 'da'))).toContain('Tak – dit svar er registreret.');
    expect(visible(renderRsvp(rsvpData('da'), 'da'))).not.toContain('Tak – dit svar er registreret.');
  });

  test('of a cancelled meeting says so and offers nothing to press', () => {
    const card = renderRsvp(rsvpData('da', { cancelled: true, myAnswer: { answer: 'in_person', forEarlierDate: false } }), 'da');
    expect(visible(card)).toEqual(expect.arrayContaining(['Opstartsmøde', 'Mødet er aflyst.']));
    expect(ofType(card, 'Action.')).toEqual([]);
    expect(ofType(card, 'Input.')).toEqual([]);
    expect(visible(card).join('\n')).not.toMatch(/Dit svar|kommer/);
  });

  test('says it all in English on the English card', () => {
    const card = renderRsvp(rsvpData('en', { myAnswer: { answer: 'in_person', forEarlierDate: false } }), 'en');
    expect(buttons(card)).toEqual(["I'm coming", "I'm not coming"]);
    expect(ofType(card, 'Input.Text')[0]?.label).toBe('Dietary note (optional)');
    expect(visible(card)).toEqual(expect.arrayContaining(["Your answer: I'm coming", '12 are coming', 'Thursday 4 May 2023', 'Kick-off meeting']));
    expect(visible(card).join('\n')).not.toMatch(/Jeg |Dit svar|kommer|Dato|Sted/);
    expect(buttons(renderRsvp(rsvpData('en', { meeting: reflection('en') }), 'en'))).toEqual(["I'll join online", "I'm not coming", 'Join the meeting']);
  });

  test('in a shared chat refreshes per listed user with ids only; in a personal chat it does not', () => {
    const shared = renderRsvp(rsvpData('da', { sharedChat: { userIds: TEAMS_IDS } }), 'da');
    expect(shared.refresh).toEqual({
      action: { type: 'Action.Execute', verb: 'refresh', data: { card: 'rsvp', cohortId: 'cohort-2023', meetingId: 'meeting-kickoff' } },
      userIds: TEAMS_IDS,
    });
    expect(renderRsvp(rsvpData('da'), 'da')).not.toHaveProperty('refresh');
  });

  test('refuses more refresh users than Teams allows, and ids that are not Teams user ids', () => {
    const many = Array.from({ length: MAX_REFRESH_USERS + 1 }, (_, i) => `8:orgid:00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
    expect(() => renderRsvp(rsvpData('da', { sharedChat: { userIds: many.slice(0, MAX_REFRESH_USERS) } }), 'da')).not.toThrow();
    expect(() => renderRsvp(rsvpData('da', { sharedChat: { userIds: many } }), 'da')).toThrow(RangeError);
    expect(() => renderRsvp(rsvpData('da', { sharedChat: { userIds: ['mette.soerensen@example.dk'] } }), 'da')).toThrow(/8:orgid/);
  });
});

describe('the presentation reminder', () => {
  test('names the meeting, the municipality and what to prepare, and offers both reports', () => {
    const card = renderPresentation(presentationData('da'), 'da');
    expect(visible(card)).toEqual(
      expect.arrayContaining(['Om 14 dage', 'Refleksionsmøde', 'Aarhus Kommune', 'Ikke startet', 'Ledelse af den organisatoriske ramme, Lokale styrings- og ledelsesprocesser']),
    );
    expect(buttons(card)).toEqual(['Vi er i gang', 'Oplægget er klar']);
    const report = (status: PresentationActionData['status']): PresentationActionData => ({
      cohortId: 'cohort-2023',
      meetingId: 'meeting-reflection-1',
      municipalityId: 'municipality-aarhus',
      status,
    });
    expect(executes(card).map((a) => [a.verb, a.data, a.associatedInputs])).toEqual([
      ['presentation', report('in_preparation'), 'none'],
      ['presentation', report('ready'), undefined],
    ]);
    expect(ofType(card, 'Input.')).toEqual([expect.objectContaining({ id: 'presentationLink', style: 'Url', maxLength: 2000, isRequired: false })]);
  });

  test('shows the link once ready, and thanks after a report', () => {
    const link = 'https://example.sharepoint.com/oplaeg/aarhus.pptx';
    const card = renderPresentation(presentationData('da', { status: 'ready', link, confirmation: true }), 'da');
    expect(ofType(card, 'Action.OpenUrl')).toEqual([expect.objectContaining({ title: 'Åbn oplægget', url: link })]);
    expect(visible(card)).toEqual(expect.arrayContaining(['Klar', 'Tak – status for oplægget er opdateret.']));
  });

  test('counts the days in either language and refuses a past meeting', () => {
    expect(visible(renderPresentation(presentationData('en'), 'en'))).toContain('In 14 days');
    expect(visible(renderPresentation(presentationData('da', { daysLeft: 1 }), 'da'))).toContain('I morgen');
    expect(visible(renderPresentation(presentationData('en', { daysLeft: 0 }), 'en'))).toContain('Today');
    expect(() => renderPresentation(presentationData('da', { daysLeft: -1 }), 'da')).toThrow(RangeError);
  });

  test('in a shared chat refreshes with the municipality too', () => {
    const card = renderPresentation(presentationData('da', { sharedChat: { userIds: TEAMS_IDS } }), 'da');
    expect(card.refresh?.action.data).toEqual({ card: 'presentation', cohortId: 'cohort-2023', meetingId: 'meeting-reflection-1', municipalityId: 'municipality-aarhus' });
  });
});

describe('my coming meetings', () => {
  test('lists each meeting with date, place or join link, and my answer', () => {
    const card = renderMeetings({ meetings: [meetingItem('da', { myAnswer: { answer: 'in_person', forEarlierDate: false } }), meetingItem('da', { meeting: reflection('da') })] }, 'da');
    expect(card.msteams).toEqual({ width: 'Full' });
    expect(visible(card)).toEqual(
      expect.arrayContaining(['Mine kommende møder', 'torsdag 4. maj 2023 kl. 9.30–15.30', 'Dit svar: Jeg kommer', 'online (Teams)', 'Dit svar: Ikke besvaret']),
    );
    expect(ofType(card, 'Action.OpenUrl')).toEqual([expect.objectContaining({ title: 'Deltag i mødet', url: JOIN_URL })]);
    expect(visible(card)).not.toContain('M-ACT forår 2023');
  });

  test('says when nothing is coming', () => {
    expect(visible(renderMeetings({ meetings: [] }, 'da'))).toContain('Du har ingen kommende møder.');
    expect(visible(renderMeetings({ meetings: [] }, 'en'))).toContain('You have no coming meetings.');
  });

  test('hints that a moved meeting needs a new answer, marks a cancelled one, and names cohorts when there are several', () => {
    const card = renderMeetings(
      {
        meetings: [
          meetingItem('da', { myAnswer: { answer: 'in_person', forEarlierDate: true } }),
          meetingItem('da', { meeting: { ...reflection('da'), cohortId: 'cohort-2024' }, cohortName: 'M-ACT efterår 2024', cancelled: true }),
        ],
      },
      'da',
    );
    expect(visible(card)).toEqual(
      expect.arrayContaining(['Dit svar: Ikke besvaret', 'Mødet er flyttet – dit svar gjaldt den tidligere dato.', 'Mødet er aflyst.', 'M-ACT forår 2023', 'M-ACT efterår 2024']),
    );
    expect(ofType(card, 'Action.OpenUrl')).toEqual([]);
  });
});

describe("the advisors' status", () => {
  test('counts answers and shows each municipality’s presentation, with the link when ready', () => {
    const card = renderStatus({ cohortName: 'M-ACT forår 2023', meetings: [statusMeeting('da')], individual: [] }, 'da');
    expect(card.msteams).toEqual({ width: 'Full' });
    expect(facts(card)).toEqual([
      { title: 'Kommer', value: '14' },
      { title: 'Kommer ikke', value: '3' },
      { title: 'Ikke svaret', value: '4' },
      { title: 'Svarede til tidligere dato', value: '2' },
    ]);
    expect(visible(card)).toEqual(expect.arrayContaining(['Status: M-ACT forår 2023', 'Klar · åbn', 'I gang', 'Ikke startet', 'Vejle Kommune']));
    expect(ofType(card, 'Action.OpenUrl').map((a) => a.url)).toEqual(['https://example.sharepoint.com/oplaeg/aarhus.pptx']);
    expect(executes(card).map((a) => a.verb)).toEqual(['status', 'meetings']);
  });

  // A full cohort's status, bookings included, stays within Teams' size: booking-cards.test.ts.
});

describe('the catering head-count', () => {
  test('gives counts, total and the dietary notes as plain text', () => {
    const card = renderHeadcount(headcountData('da'), 'da');
    expect(card.msteams).toEqual({ width: 'Full' });
    expect(visible(card)).toEqual(expect.arrayContaining(['Forplejning: endelig optælling', 'Kommer', '14', 'Rådgivere', 'I alt til forplejning: 16', 'Sofie Lund', ' (Vejle Kommune): ', 'Ingen svinekød']));
    expect(ofType(card, 'TextRun').length).toBe(6);
    expect(visible(card)).not.toContain('Ændret efter fristen – giv køkkenet besked.');
  });

  test('says when there are no notes and when answers changed after the deadline', () => {
    const card = renderHeadcount(headcountData('en', { dietaryNotes: [], changedAfterDeadline: true }), 'en');
    expect(visible(card)).toEqual(expect.arrayContaining(['No dietary notes.', 'Changed after the deadline – please tell the kitchen.']));
    expect(visible(renderHeadcount(headcountData('da', { changedAfterDeadline: true }), 'da'))).toContain('Ændret efter fristen – giv køkkenet besked.');
  });
});

describe('the practical card', () => {
  test('gives address, a journey planner for it and the advisors to contact', () => {
    const card = renderPractical({ meeting: kickoff('da'), contacts: ADVISORS }, 'da');
    expect(visible(card)).toEqual(
      expect.arrayContaining(['Adresse', 'Social- og Boligstyrelsen, Edisonsvej 18, 5000 Odense C', 'Mette Sørensen', 'Specialkonsulent · +45 33 12 34 56 · mette.soerensen@example.dk', 'Rådgiver · jonas.holm@example.dk']),
    );
    const [planner] = ofType(card, 'Action.OpenUrl');
    expect(planner?.title).toBe('Find vej');
    expect(new URL(planner?.url as string).searchParams.get('destination')).toBe('Social- og Boligstyrelsen, Edisonsvej 18, 5000 Odense C');
  });

  test('without a known address offers no planner', () => {
    const card = renderPractical({ meeting: { ...kickoff('en'), place: null }, contacts: [] }, 'en');
    expect(visible(card)).toContain('to be announced');
    expect(ofType(card, 'Action.')).toEqual([]);
  });
});

describe('commands and refusals', () => {
  test('welcome greets by first name and offers status to advisors only', () => {
    const advisor = renderWelcome({ firstName: 'Mette', role: 'advisor' }, 'da');
    expect(visible(advisor)[0]).toBe('Hej Mette');
    expect(buttons(advisor)).toEqual(['Mine møder', 'Status', 'Hjælp']);
    expect(executes(advisor).map((a) => [a.verb, a.data])).toEqual([
      ['meetings', {}],
      ['status', {}],
      ['help', {}],
    ]);
    expect(buttons(renderWelcome({ firstName: 'Sofie', role: 'participant' }, 'en'))).toEqual(['My meetings', 'Help']);
  });

  test('help lists the commands for the role', () => {
    const advisor = renderHelp({ role: 'advisor' }, 'da');
    expect(ofType(advisor, 'FactSet')[0]?.facts).toEqual([
      { title: 'møder', value: 'dine kommende møder og dine svar' },
      { title: 'status', value: 'tilmeldinger og oplæg for gruppeforløbet' },
      { title: 'hjælp', value: 'denne oversigt' },
    ]);
    const participant = renderHelp({ role: 'participant' }, 'en');
    expect((ofType(participant, 'FactSet')[0]?.facts as { title: string }[]).map((f) => f.title)).toEqual(['meetings', 'help']);
    expect(visible(participant).join('\n')).not.toMatch(/book/);
    expect(visible(renderHelp({ role: 'leader' }, 'da'))).toEqual(expect.arrayContaining(['forberedelse', 'opfølgning']));
  });

  test('error shows the message and whom to contact', () => {
    const card = renderError({ message: 'Linket til oplægget skal være en https-adresse.', contacts: ADVISORS.slice(0, 1) }, 'da');
    expect(visible(card)).toEqual(expect.arrayContaining(['Det gik ikke', 'Linket til oplægget skal være en https-adresse.', 'Mette Sørensen']));
  });

  test('a stranger is told politely, with advisors when known', () => {
    const known = renderNotInCohort({ contacts: ADVISORS }, 'da');
    expect(visible(known)).toEqual(expect.arrayContaining(['Jeg kan ikke finde dig i et gruppeforløb', 'Jonas Holm', 'Rådgiver · jonas.holm@example.dk']));
    expect(visible(renderNotInCohort({ contacts: [] }, 'da'))).toContain('Mener du, at du burde være med, så kontakt den rådgiver, der har inviteret dig.');
  });
});

describe('user text is bound as text', () => {
  const tricky = 'Anne ${foo} ${$root.t.common.help} {{DATE(2023-05-04T10:00:00Z, SHORT)}} `x`';

  test('a name or municipality with template syntax appears verbatim and adds no structure', () => {
    const plain = renderHeadcount(headcountData('da'), 'da');
    const card = renderHeadcount(headcountData('da', { dietaryNotes: [{ name: tricky, municipality: tricky, note: tricky }, DIETARY_NOTES[1]!] }), 'da');
    validateCard(card);
    expect(visible(card)).toEqual(expect.arrayContaining([tricky, ` (${tricky}): `]));
    expect(nodes(card).length).toBe(nodes(plain).length);

    const status = renderStatus({ cohortName: tricky, meetings: [statusMeeting('da', { presentations: [{ municipalityName: tricky, status: 'not_started', link: null }] })], individual: [] }, 'da');
    expect(visible(status)).toEqual(expect.arrayContaining([`Status: ${tricky}`, tricky]));
    const contact = renderNotInCohort({ contacts: [{ ...ADVISORS[0]!, name: tricky }] }, 'da');
    expect(visible(contact)).toContain(tricky);
    expect(visible(renderWelcome({ firstName: tricky, role: 'participant' }, 'da'))).toContain(`Hej ${tricky}`);
  });
});

test('the validator reports what is wrong and where', () => {
  const broken = { ...renderWelcome({ firstName: 'Mette', role: 'advisor' }, 'da'), body: [{ type: 'TextBlock', text: 'x', colour: 'Good', size: 'Huge' }] };
  expect(cardProblems(broken)).toEqual([
    'adaptivecards: InvalidPropertyValue: Invalid value "Huge" for property "size".',
    'schema: /body/0 (TextBlock): must NOT have additional properties {"additionalProperty":"colour"}',
    expect.stringMatching(/^schema: \/body\/0\/size \(TextBlock\): must be equal to one of the allowed values/),
  ]);
  expect(() => validateCard(broken)).toThrow(/Invalid Adaptive Card:\n {2}adaptivecards: InvalidPropertyValue/);
  expect(cardProblems({ ...broken, body: [], msteams: { width: 'Full' } })).toEqual([]);
  expect(cardProblems({ ...broken, body: [], msteams: { wide: true } })).not.toEqual([]);
});
