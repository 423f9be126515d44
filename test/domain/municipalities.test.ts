import type { Cohort } from '../../src/domain/cohort';
import { addMunicipality } from '../../src/domain/cohort-rules';
import type { Instant } from '../../src/domain/local-time';
import { parseInstant, parseLocalDateTime } from '../../src/domain/local-time';
import { editParticipant, removeMunicipality, removeParticipant, replaceParticipants } from '../../src/domain/municipalities';
import { setPresentationStatus } from '../../src/domain/presentations';
import { attendance, recordRsvp } from '../../src/domain/rsvp';
import { meetingByKey, municipality, sampleCohort } from '../support/sample-cohort';

const at = parseInstant('2023-03-01T10:00:00Z');

/** Four municipalities, everyone answered for the kick-off, and Aalborg reported on its first presentation. */
function answeredCohort(): Cohort {
  let cohort = sampleCohort(['Aarhus Kommune', 'Odense Kommune', 'Vejle Kommune', 'Aalborg Kommune']);
  const opstart = meetingByKey(cohort, 'opstart').id;
  for (const participant of cohort.municipalities.flatMap((m) => m.participants)) {
    cohort = recordRsvp(cohort, { meetingId: opstart, participantId: participant.id, answer: 'in_person', dietaryNote: null, at, source: 'chat' }).cohort;
  }
  const withTalk = cohort.meetings.find((m) => m.kind === 'plenary' && m.presentations)!;
  return setPresentationStatus(cohort, { meetingId: withTalk.id, municipalityId: cohort.municipalities[3]!.id, status: 'ready', link: null, at });
}

function withEntraId(cohort: Cohort): Cohort {
  const [aarhus] = cohort.municipalities;
  const leader = aarhus!.participants[0]!;
  const known = { ...leader, person: { ...leader.person!, entraObjectId: '00000000-0000-0000-0000-0000000000b1' } };
  return { ...cohort, municipalities: cohort.municipalities.map((m) => (m === aarhus ? { ...m, participants: [known, ...m.participants.slice(1)] } : m)) };
}

describe('who is in a cohort', () => {
  it("keeps a person's Entra id while their address stays, and drops it with a new address, so the old account no longer signs in as them", () => {
    const cohort = withEntraId(sampleCohort());
    const aarhus = cohort.municipalities[0]!;
    const leader = aarhus.participants[0]!;
    const details = { name: 'Ny leder', email: leader.person!.email.toUpperCase(), phone: ' ', role: 'line_leader' as const, contact: true };
    const renamed = editParticipant(cohort, aarhus.id, leader.id, details).municipalities[0]!.participants[0]!;
    expect(renamed.person).toEqual({ name: 'Ny leder', email: leader.person!.email.toUpperCase(), phone: null, entraObjectId: '00000000-0000-0000-0000-0000000000b1' });
    const moved = editParticipant(cohort, aarhus.id, leader.id, { ...details, email: 'ny@aarhuskommune.example.org' }).municipalities[0]!.participants[0]!;
    expect(moved.person?.entraObjectId).toBeNull();
  });

  it('removes a municipality with a cancelled booking along with that booking, whose event is already cancelled', () => {
    const cohort = sampleCohort(['Aarhus Kommune', 'Odense Kommune', 'Vejle Kommune', 'Aalborg Kommune']);
    const aalborg = cohort.municipalities[3]!;
    const booking = {
      meetingId: meetingByKey(cohort, 'forberedende').id, municipalityId: aalborg.id, start: parseLocalDateTime('2023-04-25T09:00'), phone: null,
      bookedBy: aalborg.participants[0]!.id, bookedAt: at, version: 2, generation: 1, cancelled: true,
    };
    const removed = removeMunicipality({ ...cohort, slotBookings: [booking] }, aalborg.id);
    expect(removed.municipalities.map((m) => m.name)).toEqual(['Aarhus Kommune', 'Odense Kommune', 'Vejle Kommune']);
    expect(removed.slotBookings).toEqual([]);
  });

  describe('one rule, however people leave: their answers leave with them, and the head-count is of those still in the cohort', () => {
    const opstartOf = (cohort: Cohort) => meetingByKey(cohort, 'opstart').id;
    const answersOf = (cohort: Cohort, ids: readonly string[]) => cohort.rsvps.filter((r) => ids.includes(r.participantId));

    it('one person removed', () => {
      const cohort = answeredCohort();
      const aarhus = cohort.municipalities[0]!;
      const consultant = aarhus.participants[1]!;
      const after = removeParticipant(cohort, aarhus.id, consultant.id);
      expect(answersOf(after, [consultant.id])).toEqual([]);
      expect(attendance(after, opstartOf(after))).toMatchObject({ inPerson: 7, notAnswered: 0 });
    });

    it('people left off a registration', () => {
      const cohort = answeredCohort();
      const odense = cohort.municipalities[1]!;
      const [leader, consultant] = odense.participants;
      const listed = { id: leader!.id, name: leader!.person!.name, email: leader!.person!.email, phone: null, role: leader!.role, contact: true };
      const after = replaceParticipants(cohort, odense.id, [listed], () => 'new');
      expect(answersOf(after, [consultant!.id])).toEqual([]);
      expect(answersOf(after, [leader!.id])).toHaveLength(1);
      expect(attendance(after, opstartOf(after))).toMatchObject({ inPerson: 7, notAnswered: 0 });
    });

    it('a whole municipality, with its presentation status, though it has answered and reported', () => {
      const cohort = answeredCohort();
      const aalborg = cohort.municipalities[3]!;
      const after = removeMunicipality(cohort, aalborg.id);
      expect(after.municipalities.map((m) => m.name)).toEqual(['Aarhus Kommune', 'Odense Kommune', 'Vejle Kommune']);
      expect(answersOf(after, aalborg.participants.map((p) => p.id))).toEqual([]);
      expect(after.rsvps).toHaveLength(6);
      expect(after.presentations.filter((p) => p.municipalityId === aalborg.id)).toEqual([]);
      expect(attendance(after, opstartOf(after))).toMatchObject({ inPerson: 6, notAnswered: 0 });
    });

    it('but not a municipality holding a booked slot, whose Outlook event would stay in the calendars', () => {
      const cohort = answeredCohort();
      const aalborg = cohort.municipalities[3]!;
      const booking = {
        meetingId: meetingByKey(cohort, 'forberedende').id, municipalityId: aalborg.id, start: parseLocalDateTime('2023-04-25T09:00'), phone: null,
        bookedBy: aalborg.participants[0]!.id, bookedAt: at, version: 1, generation: 1, cancelled: false,
      };
      expect(() => removeMunicipality({ ...cohort, slotBookings: [booking] }, aalborg.id)).toThrow(
        expect.objectContaining({ code: 'municipality_in_use', text: expect.objectContaining({ da: expect.stringContaining('Aalborg Kommune har booket individuelle møder. Aflys bookingerne først') }) }),
      );
    });
  });

  it('refuses a registration listing one person twice, and any change once the personal data is erased', () => {
    const cohort = sampleCohort();
    const aarhus = cohort.municipalities[0]!;
    const leader = aarhus.participants[0]!;
    const listed = { id: leader.id, name: 'Leder', email: leader.person!.email, phone: null, role: leader.role, contact: true };
    expect(() => replaceParticipants(cohort, aarhus.id, [listed, { ...listed, email: 'other@aarhuskommune.example.org' }], () => 'new')).toThrow(
      expect.objectContaining({ code: 'duplicate_id', text: expect.objectContaining({ da: 'Den samme deltager står to gange på listen.' }) }),
    );
    const erased = { ...cohort, erasedAt: '2024-08-01T00:00:00.000Z' as Instant };
    expect(() => replaceParticipants(erased, aarhus.id, [listed], () => 'new')).toThrow(expect.objectContaining({ code: 'cohort_erased' }));
    expect(() => removeMunicipality(erased, aarhus.id)).toThrow(expect.objectContaining({ code: 'cohort_erased' }));
    expect(() => addMunicipality(erased, municipality('Randers Kommune'))).toThrow(expect.objectContaining({ code: 'cohort_erased' }));
  });
});
