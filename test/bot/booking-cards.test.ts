import { renderSlotBooked, renderSlots, renderStatus, type AdaptiveCardJson, type CardLanguage, type StatusIndividualData } from '../../bot/cards/render-card';
import { validateCard } from '../support/adaptive-card-validation';
import {
  AARHUS_SLOT,
  PHONE,
  PREPARATORY_WISH,
  bookedData,
  buttons,
  describeEveryCard,
  executes,
  facts,
  followup,
  followupChoices,
  individualStatus,
  nodes,
  ofType,
  preparatory,
  slotChoices,
  slotLabel,
  slotsData,
  statusMeeting,
  visible,
} from './fixtures/card-fixtures';

const FOLLOWUP_SLOT = { ...AARHUS_SLOT, meetingId: 'meeting-followup' };

const followupData = (lang: CardLanguage) => slotsData(lang, { meeting: followup(lang), choices: followupChoices(lang), askPhone: true });

/** The booking cards and the status card with bookings, in realistic and edge-case variants. */
function bookingCards(lang: CardLanguage): [string, AdaptiveCardJson][] {
  const current = slotLabel('2023-04-25T09:00', lang);
  return [
    ['slots preparatory with a wish', renderSlots(slotsData(lang), lang)],
    ['slots follow-up asking for a phone, 15 choices', renderSlots(followupData(lang), lang)],
    ['slots with a current booking', renderSlots(slotsData(lang, { currentText: current }), lang)],
    ['slots taken', renderSlots(slotsData(lang, { notice: 'taken' }), lang)],
    ['slots not offered, booked, asking for a phone', renderSlots({ ...followupData(lang), notice: 'not_offered', currentText: current }, lang)],
    ['slots empty', renderSlots(slotsData(lang, { choices: [], askPhone: true }), lang)],
    ['slots empty with a current booking', renderSlots(slotsData(lang, { choices: [], currentText: current }), lang)],
    ['slots one choice', renderSlots(slotsData(lang, { choices: slotChoices(lang, ['2023-04-25'], [9]) }), lang)],
    ['booked Teams meeting', renderSlotBooked(bookedData(lang), lang)],
    ['booked phone call, shown again', renderSlotBooked(bookedData(lang, { meeting: followup(lang), phone: PHONE, confirmation: false }), lang)],
    ['booked phone call without a number', renderSlotBooked(bookedData(lang, { meeting: followup(lang) }), lang)],
    ['booking cancelled', renderSlotBooked(bookedData(lang, { cancelled: true }), lang)],
    ['status with bookings', renderStatus({ cohortName: 'M-ACT forår 2023', meetings: [statusMeeting(lang)], individual: individualStatus(lang) }, lang)],
    ['status with bookings only', renderStatus({ cohortName: 'M-ACT forår 2023', meetings: [], individual: individualStatus(lang) }, lang)],
    ['status with a meeting nobody can book', renderStatus({ cohortName: 'M-ACT forår 2023', meetings: [], individual: [{ title: 'Opfølgning', rows: [] }] }, lang)],
  ];
}

const choiceSet = (card: AdaptiveCardJson) => ofType(card, 'Input.ChoiceSet')[0];

describeEveryCard(bookingCards);

describe('the slots card', () => {
  test('of the preparatory meeting offers the free times in the given order, the wish first and marked', () => {
    const card = renderSlots(slotsData('da'), 'da');
    expect(visible(card)[0]).toBe('Book jeres forberedende møde');
    expect(facts(card)).toEqual([
      { title: 'Kommune', value: 'Aarhus Kommune' },
      { title: 'Varighed', value: '1 time' },
      { title: 'Form', value: 'Teams-møde' },
    ]);
    const slots = choiceSet(card);
    expect(slots).toMatchObject({ id: 'slot', label: 'Vælg en tid', isRequired: true, errorMessage: 'Vælg en af tiderne.', style: 'expanded' });
    const choices = slots?.choices as { title: string; value: string }[];
    expect(choices.map((c) => c.value)).toEqual(slotsData('da').choices.map((c) => c.start));
    expect(choices[0]).toEqual({ title: '★ torsdag 27. april 2023 kl. 10.00–11.00 (jeres ønske)', value: PREPARATORY_WISH });
    expect(choices[1]).toEqual({ title: 'tirsdag 25. april 2023 kl. 9.00–10.00', value: '2023-04-25T09:00' });
    expect(choices.filter((c) => c.title.includes('★'))).toHaveLength(1);
    expect(ofType(card, 'Input.')).toHaveLength(1);
    expect(buttons(card)).toEqual(['Book tiden']);
    expect(executes(card).map((a) => [a.verb, a.data, a.associatedInputs])).toEqual([['bookSlot', AARHUS_SLOT, undefined]]);
  });

  test('says it all in English on the English card', () => {
    const card = renderSlots(slotsData('en'), 'en');
    expect(visible(card)).toEqual(expect.arrayContaining(['Book your preparatory meeting', 'Municipality', 'Duration', '1 hour', 'Teams meeting', 'Book this time']));
    expect(choiceSet(card)).toMatchObject({ label: 'Pick a time', errorMessage: 'Please pick one of the times.' });
    expect((choiceSet(card)?.choices as { title: string }[])[0]?.title).toBe('★ Thursday 27 April 2023, 10.00–11.00 (your wish)');
    expect(visible(card).join('\n')).not.toMatch(/Vælg|Kommune:|Book tiden|ønske/);
  });

  test('of the follow-up asks for the number to call, and lists fifteen times in a drop-down', () => {
    const card = renderSlots(followupData('da'), 'da');
    expect(visible(card)).toEqual(expect.arrayContaining(['Book opfølgningen (telefon)', 'Telefonopkald']));
    expect(choiceSet(card)).toMatchObject({ style: 'compact', isRequired: true });
    expect(choiceSet(card)?.choices).toHaveLength(15);
    expect(JSON.stringify(choiceSet(card))).not.toContain('★');
    expect(ofType(card, 'Input.Text')).toEqual([
      expect.objectContaining({ id: 'phone', style: 'Tel', isRequired: true, maxLength: 30, label: 'Telefonnummer, vi skal ringe til', errorMessage: expect.any(String) }),
    ]);
    expect(ofType(renderSlots(followupData('en'), 'en'), 'Input.Text')[0]?.label).toBe('Phone number to call');
    expect(ofType(renderSlots({ ...followupData('da'), askPhone: false }, 'da'), 'Input.Text')).toEqual([]);
  });

  test('shows ten choices as radio buttons and eleven as a drop-down', () => {
    const ten = slotChoices('da', ['2024-01-09', '2024-01-10'], [9, 10, 11, 13, 14]);
    const eleven = [...ten, ...slotChoices('da', ['2024-01-11'], [9])];
    expect(choiceSet(renderSlots(slotsData('da', { choices: ten }), 'da'))?.style).toBe('expanded');
    expect(choiceSet(renderSlots(slotsData('da', { choices: eleven }), 'da'))?.style).toBe('compact');
  });

  test('with a current booking names it and offers to move or cancel it', () => {
    const when = slotLabel('2023-04-25T09:00', 'da');
    const card = renderSlots(slotsData('da', { currentText: when }), 'da');
    expect(visible(card)).toContain(`I har booket: ${when}`);
    expect(buttons(card)).toEqual(['Flyt til denne tid', 'Aflys']);
    expect(executes(card).map((a) => [a.verb, a.data, a.associatedInputs])).toEqual([
      ['bookSlot', AARHUS_SLOT, undefined],
      ['cancelSlot', AARHUS_SLOT, 'none'],
    ]);
    const english = renderSlots(slotsData('en', { currentText: slotLabel('2023-04-25T09:00', 'en') }), 'en');
    expect(visible(english)).toContain('Your booking: Tuesday 25 April 2023, 9.00–10.00');
    expect(buttons(english)).toEqual(['Move to this time', 'Cancel']);
    expect(visible(renderSlots(slotsData('da'), 'da')).join('\n')).not.toMatch(/I har booket|Aflys/);
  });

  test('says why it came back: the time was taken, or is no longer offered', () => {
    const notice = (card: AdaptiveCardJson) => ofType(card, 'TextBlock').filter((b) => b.color === 'Attention').map((b) => b.text);
    expect(notice(renderSlots(slotsData('da', { notice: 'taken' }), 'da'))).toEqual(['Tiden blev lige taget af en anden kommune – vælg en af de ledige tider herunder.']);
    expect(notice(renderSlots(slotsData('da', { notice: 'not_offered' }), 'da'))).toEqual(['Den tid kan ikke længere vælges – vælg en af de ledige tider herunder.']);
    expect(notice(renderSlots(slotsData('en', { notice: 'taken' }), 'en'))).toEqual(['The time was just taken by another municipality – please pick one of the free times below.']);
    expect(notice(renderSlots(slotsData('en', { notice: 'not_offered' }), 'en'))).toEqual(['That time can no longer be chosen – please pick one of the free times below.']);
    expect(notice(renderSlots(slotsData('da'), 'da'))).toEqual([]);
  });

  test('without free times says whom to contact and offers nothing to book', () => {
    const card = renderSlots(slotsData('da', { choices: [], askPhone: true }), 'da');
    expect(visible(card)).toContain('Der er ingen ledige tider lige nu. Kontakt rådgiverne.');
    expect(ofType(card, 'Input.')).toEqual([]);
    expect(ofType(card, 'Action.')).toEqual([]);
    expect(visible(renderSlots(slotsData('en', { choices: [] }), 'en'))).toContain('There are no free times right now. Please contact the advisors.');
    const booked = renderSlots(slotsData('da', { choices: [], currentText: slotLabel('2023-04-25T09:00', 'da') }), 'da');
    expect(executes(booked).map((a) => a.verb)).toEqual(['cancelSlot']);
    expect(visible(renderSlots(slotsData('da'), 'da'))).not.toContain('Der er ingen ledige tider lige nu. Kontakt rådgiverne.');
  });
});

describe('the booked card', () => {
  test('of a Teams meeting confirms the time and that the invitation comes in Outlook', () => {
    const card = renderSlotBooked(bookedData('da'), 'da');
    expect(ofType(card, 'TextBlock')[0]).toMatchObject({ text: 'Booket!', color: 'Default' });
    expect(facts(card)).toEqual([
      { title: 'Møde', value: 'Forberedende møde' },
      { title: 'Kommune', value: 'Aarhus Kommune' },
      { title: 'Tid', value: 'torsdag 27. april 2023 kl. 10.00–11.00' },
    ]);
    expect(visible(card)).toContain('Invitationen med Teams-linket kommer i Outlook.');
    expect(buttons(card)).toEqual(['Vælg en anden tid', 'Aflys tiden']);
    expect(executes(card).map((a) => [a.verb, a.data])).toEqual([
      ['slots', AARHUS_SLOT],
      ['cancelSlot', AARHUS_SLOT],
    ]);
    const english = renderSlotBooked(bookedData('en'), 'en');
    expect(visible(english)).toEqual(expect.arrayContaining(['Booked!', 'The invitation with the Teams link will arrive in Outlook.', 'Pick another time', 'Cancel the booking']));
  });

  test('of a phone call says whom the advisor calls; shown again later it reads "Jeres tid"', () => {
    const card = renderSlotBooked(bookedData('da', { meeting: followup('da'), phone: PHONE, confirmation: false }), 'da');
    expect(visible(card)).toEqual(expect.arrayContaining(['Jeres tid', 'Opfølgning (telefonsamtale)', `Rådgiveren ringer til ${PHONE}.`]));
    expect(visible(card)).not.toContain('Booket!');
    expect(visible(card).join('\n')).not.toMatch(/Outlook/);
    expect(executes(card).map((a) => a.data)).toEqual([FOLLOWUP_SLOT, FOLLOWUP_SLOT]);
    const english = renderSlotBooked(bookedData('en', { meeting: followup('en'), phone: PHONE, confirmation: false }), 'en');
    expect(visible(english)).toEqual(expect.arrayContaining(['Your booking', `The advisor will call ${PHONE}.`]));
    expect(visible(renderSlotBooked(bookedData('da', { meeting: followup('da') }), 'da'))).toContain('Rådgiveren ringer til jer.');
  });

  test('cancelled says so and offers only to book a new time', () => {
    const card = renderSlotBooked(bookedData('da', { cancelled: true }), 'da');
    expect(ofType(card, 'TextBlock')[0]).toMatchObject({ text: 'Tiden er aflyst.', color: 'Attention' });
    expect(facts(card).map((f) => f.title)).toEqual(['Møde', 'Kommune']);
    expect(visible(card).join('\n')).not.toMatch(/Booket|Outlook|torsdag/);
    expect(buttons(card)).toEqual(['Book en ny tid']);
    expect(executes(card).map((a) => [a.verb, a.data])).toEqual([['slots', AARHUS_SLOT]]);
    expect(buttons(renderSlotBooked(bookedData('en', { cancelled: true }), 'en'))).toEqual(['Book a new time']);
    expect(visible(renderSlotBooked(bookedData('en', { cancelled: true }), 'en'))).toContain('The booking is cancelled.');
  });
});

describe("the advisors' status with bookings", () => {
  const bookingRows = (card: AdaptiveCardJson) =>
    ofType(card, 'ColumnSet')
      .map((set) => ofType(set, 'TextBlock'))
      .filter((blocks) => blocks.length === 2)
      .map(([name, booked]) => [name?.text, booked?.text, booked?.color]);

  test('lists every municipality per individual meeting with its time, or "Ikke booket" in attention colour', () => {
    const card = renderStatus({ cohortName: 'M-ACT forår 2023', meetings: [], individual: individualStatus('da') }, 'da');
    expect(visible(card)).toEqual(expect.arrayContaining(['Forberedende møde', '2 af 3 har booket', 'Opfølgning (telefonsamtale)', '0 af 3 har booket']));
    expect(visible(card)).not.toContain('Der er ingen kommende møder.');
    expect(bookingRows(card)).toEqual([
      ['Aarhus Kommune', 'torsdag 27. april kl. 10.00', 'Default'],
      ['Vejle Kommune', 'Ikke booket', 'Attention'],
      ['Esbjerg Kommune', 'tirsdag 25. april kl. 9.00', 'Default'],
      ['Aarhus Kommune', 'Ikke booket', 'Attention'],
      ['Vejle Kommune', 'Ikke booket', 'Attention'],
      ['Esbjerg Kommune', 'Ikke booket', 'Attention'],
    ]);
    const english = renderStatus({ cohortName: 'M-ACT forår 2023', meetings: [], individual: individualStatus('en') }, 'en');
    expect(visible(english)).toEqual(expect.arrayContaining(['Preparatory meeting', '2 of 3 booked', 'Not booked', 'Thursday 27 April, 10.00']));
  });

  test('shows the bookings after the plenaries', () => {
    const card = renderStatus({ cohortName: 'M-ACT forår 2023', meetings: [statusMeeting('da')], individual: individualStatus('da') }, 'da');
    const titles = visible(card);
    expect(titles.indexOf('Opstartsmøde')).toBeLessThan(titles.indexOf('Forberedende møde'));
  });

  // Six municipalities, six plenaries (one more than the programme has) and both individual meetings: about 22 KB.
  test('of a full cohort stays within the size Teams accepts for a message', () => {
    const names = Array.from({ length: 6 }, (_, i) => `Kommune nummer ${i + 1}`);
    const presentations = names.map((municipalityName, i) => ({ municipalityName, status: 'ready' as const, link: `https://example.sharepoint.com/sites/m-act/oplaeg/kommune-${i + 1}.pptx` }));
    const individual: StatusIndividualData[] = [preparatory('da'), followup('da')].map((m) => ({
      title: m.title,
      rows: names.map((municipalityName) => ({ municipalityName, bookedText: 'onsdag 10. januar kl. 13.00' })),
    }));
    const meetings = Array.from({ length: 6 }, () => statusMeeting('da', { presentations }));
    const card = renderStatus({ cohortName: 'M-ACT forår 2023', meetings, individual }, 'da');
    validateCard(card);
    expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThan(28 * 1024);
  });
});

describe('user text on the booking cards is bound as text', () => {
  const tricky = 'Kommune ${foo} ${$root.t.slots.book} {{DATE(2023-05-04T10:00:00Z, SHORT)}} `x`';

  test('a municipality name or phone number with template syntax appears verbatim and adds no structure', () => {
    const slots = renderSlots(slotsData('da', { municipalityName: tricky, currentText: tricky }), 'da');
    validateCard(slots);
    expect(visible(slots)).toEqual(expect.arrayContaining([tricky, `I har booket: ${tricky}`]));
    expect(nodes(slots).length).toBe(nodes(renderSlots(slotsData('da', { currentText: 'x' }), 'da')).length);

    const booked = renderSlotBooked(bookedData('da', { meeting: followup('da'), municipalityName: tricky, phone: tricky }), 'da');
    validateCard(booked);
    expect(visible(booked)).toEqual(expect.arrayContaining([tricky, `Rådgiveren ringer til ${tricky}.`]));
    expect(nodes(booked).length).toBe(nodes(renderSlotBooked(bookedData('da', { meeting: followup('da'), phone: PHONE }), 'da')).length);

    const individual = [{ title: tricky, rows: [{ municipalityName: tricky, bookedText: tricky }] }];
    const status = renderStatus({ cohortName: 'M-ACT forår 2023', meetings: [], individual }, 'da');
    expect(visible(status).filter((text) => text === tricky)).toHaveLength(3);
  });
});
