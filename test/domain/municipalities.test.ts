import type { Cohort } from '../../src/domain/cohort';
import { addMunicipality } from '../../src/domain/cohort-rules';
import type { Instant } from '../../src/domain/local-time';
import { parseInstant, parseLocalDateTime } from '../../src/domain/local-time';
import { editParticipant, removeMunicipality, replaceParticipants } from '../../src/domain/municipalities';
import { meetingByKey, municipality, sampleCohort } from '../support/sample-cohort';

const at = parseInstant('2023-03-01T10:00:00Z');

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
