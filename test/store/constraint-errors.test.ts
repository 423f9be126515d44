import type { Cohort } from '../../src/domain/cohort';
import { parseLocalDateTime } from '../../src/domain/local-time';
import { engines, useStore } from '../support/engines';
import { refusal } from '../support/refusal';
import { fullCohort } from '../support/full-cohort';
import { municipality, participant, sampleCohort } from '../support/sample-cohort';

/*
 * The store is handed cohorts the domain rules would refuse, to show that the database itself
 * guards the invariants and that each refusal comes out as the domain error it means.
 */
describe.each(engines())('constraints on $name', (engine) => {
  const fixture = useStore(engine);
  const cohorts = () => fixture.store.cohorts;

  it('refuses two municipalities whose names differ only in case, and stores nothing', async () => {
    const cohort = sampleCohort(['Aarhus Kommune', 'aarhus kommune ', 'Vejle Kommune']);
    const error = await refusal(cohorts().create(cohort));
    expect(error).toMatchObject({ code: 'duplicate_municipality', path: 'municipalities.1.name' });
    expect(error.text.da).toBe('aarhus kommune  er allerede tilmeldt.');
    expect(await cohorts().load(cohort.id)).toBeNull();
  });

  it('refuses a save that repeats a municipality name, and keeps what was stored', async () => {
    const cohort = fullCohort();
    await cohorts().create(cohort);
    const error = await refusal(cohorts().save({ ...cohort, municipalities: [...cohort.municipalities, municipality('ODENSE KOMMUNE')] }, 1));
    expect(error).toMatchObject({ code: 'duplicate_municipality', path: 'municipalities.3.name' });
    expect(await cohorts().load(cohort.id)).toStrictEqual({ cohort, revision: 1 });
  });

  it('refuses one e-mail address for two participants, whatever its case', async () => {
    const cohort = sampleCohort();
    const [first, second] = cohort.municipalities;
    const copy = participant('Kopi', first!.participants[0]!.person!.email.toUpperCase());
    const withCopy: Cohort = {
      ...cohort,
      municipalities: [first!, { ...second!, participants: [...second!.participants, copy] }, ...cohort.municipalities.slice(2)],
    };
    const error = await refusal(cohorts().create(withCopy));
    expect(error).toMatchObject({ code: 'duplicate_email', path: 'municipalities.1.participants.2.email' });
    expect(await cohorts().load(cohort.id)).toBeNull();
  });

  it('refuses to create a cohort whose id exists, and keeps the stored one', async () => {
    const cohort = sampleCohort();
    await cohorts().create(cohort);
    const error = await refusal(cohorts().create({ ...cohort, name: 'En anden' }));
    expect(error).toMatchObject({ code: 'cohort_exists', path: 'id' });
    expect(error.text.da).toContain(cohort.id);
    expect((await cohorts().load(cohort.id))?.cohort.name).toBe(cohort.name);
  });

  it('refuses a second answer of one participant to one meeting', async () => {
    const cohort = fullCohort();
    const error = await refusal(cohorts().create({ ...cohort, rsvps: [...cohort.rsvps, { ...cohort.rsvps[0]!, answer: 'declined' }] }));
    expect(error).toMatchObject({ code: 'duplicate_id', path: `rsvps.${cohort.rsvps.length}` });
    expect(await cohorts().load(cohort.id)).toBeNull();
  });

  it('refuses a second presentation of one municipality at one meeting', async () => {
    const cohort = fullCohort();
    const error = await refusal(cohorts().create({ ...cohort, presentations: [...cohort.presentations, cohort.presentations[0]!] }));
    expect(error).toMatchObject({ code: 'duplicate_id', path: 'presentations.1' });
  });

  it('refuses two meetings with one key', async () => {
    const cohort = sampleCohort();
    const meetings = cohort.meetings.map((m, i) => (i === 2 ? { ...m, key: cohort.meetings[1]!.key } : m));
    const error = await refusal(cohorts().create({ ...cohort, meetings }));
    expect(error).toMatchObject({ code: 'duplicate_id', path: 'meetings.2.key' });
  });

  it('refuses two advisors with one id', async () => {
    const cohort = sampleCohort();
    const error = await refusal(cohorts().create({ ...cohort, advisors: [cohort.advisors[0]!, { ...cohort.advisors[0]!, email: 'x@agency.example.org' }] }));
    expect(error).toMatchObject({ code: 'duplicate_id', path: 'advisors.1.id' });
  });

  it('refuses two participants with one id before writing anything', async () => {
    const cohort = sampleCohort();
    const [first, second] = cohort.municipalities;
    const twin = { ...first!.participants[1]!, person: { ...first!.participants[1]!.person!, email: 'tvilling@example.org' } };
    const withTwin: Cohort = {
      ...cohort,
      municipalities: [first!, { ...second!, participants: [...second!.participants, twin] }, ...cohort.municipalities.slice(2)],
    };
    const error = await refusal(cohorts().create(withTwin));
    expect(error).toMatchObject({ code: 'duplicate_id', path: 'municipalities.1.participants.2.id' });
    expect(await cohorts().load(cohort.id)).toBeNull();
  });

  it('refuses an answer from a participant the cohort does not have', async () => {
    const cohort = fullCohort();
    await cohorts().create(cohort);
    const [removed, ...kept] = cohort.municipalities;
    // The answers of the removed municipality's people are left in: the references break.
    const error = await refusal(cohorts().save({ ...cohort, municipalities: kept, presentations: [] }, 1));
    expect(error).toMatchObject({ code: 'unknown_participant', path: 'rsvps.0.participantId' });
    expect(removed).toBeDefined();
    expect(await cohorts().load(cohort.id)).toStrictEqual({ cohort, revision: 1 });
  });

  it('refuses a presentation for a meeting or a municipality the cohort does not have', async () => {
    const cohort = fullCohort();
    const presentation = cohort.presentations[0]!;
    const noMeeting = await refusal(cohorts().create({ ...cohort, presentations: [{ ...presentation, meetingId: 'no-such-meeting' }] }));
    expect(noMeeting).toMatchObject({ code: 'unknown_meeting', path: 'presentations.0.meetingId' });
    const noMunicipality = await refusal(cohorts().create({ ...cohort, presentations: [{ ...presentation, municipalityId: 'nowhere' }] }));
    expect(noMunicipality).toMatchObject({ code: 'unknown_municipality', path: 'presentations.0.municipalityId' });
    expect(await cohorts().load(cohort.id)).toBeNull();
  });

  it('refuses a second slot booking of one municipality for one meeting', async () => {
    const cohort = fullCohort();
    const [followup] = cohort.slotBookings;
    const again = { ...followup!, start: parseLocalDateTime('2024-01-11T13:45'), cancelled: true };
    const error = await refusal(cohorts().create({ ...cohort, slotBookings: [...cohort.slotBookings, again] }));
    expect(error).toMatchObject({ code: 'duplicate_id', path: 'slotBookings.2' });
    expect(await cohorts().load(cohort.id)).toBeNull();
  });

  it('refuses a slot booking for a plenary, a meeting or a municipality the cohort does not have', async () => {
    const cohort = fullCohort();
    const [booking] = cohort.slotBookings;
    const plenary = cohort.meetings.find((m) => m.kind === 'plenary')!;
    const onPlenary = await refusal(cohorts().create({ ...cohort, slotBookings: [{ ...booking!, meetingId: plenary.id }] }));
    expect(onPlenary).toMatchObject({ code: 'not_an_individual_meeting', path: 'slotBookings.0.meetingId' });
    const noMeeting = await refusal(cohorts().create({ ...cohort, slotBookings: [{ ...booking!, meetingId: 'no-such-meeting' }] }));
    expect(noMeeting).toMatchObject({ code: 'unknown_meeting', path: 'slotBookings.0.meetingId' });
    const noMunicipality = await refusal(cohorts().create({ ...cohort, slotBookings: [{ ...booking!, municipalityId: 'nowhere' }] }));
    expect(noMunicipality).toMatchObject({ code: 'unknown_municipality', path: 'slotBookings.0.municipalityId' });
    expect(await cohorts().load(cohort.id)).toBeNull();
  });
});
