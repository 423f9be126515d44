import type { Cohort } from '../../src/domain/cohort';
import { parseInstant, parseLocalDate, parseLocalDateTime, type LocalDateTime } from '../../src/domain/local-time';
import { register } from '../../src/domain/registration';
import { bookerPhone, bookSlot, cancelSlot, offeredSlots, type BusyTime } from '../../src/domain/slots';
import { meetingByKey, sampleCohort } from '../support/sample-cohort';

const at = (local: string): LocalDateTime => parseLocalDateTime(local);
const NOW = at('2023-04-01T10:00');
const AT = parseInstant('2023-04-01T08:00:00Z');

function book(cohort: Cohort, key: string, municipality: number, start: string, busy: BusyTime[] = [], phone: string | null = null): Cohort {
  const m = cohort.municipalities[municipality]!;
  const leader = m.participants[0]!;
  return bookSlot(cohort, { meetingId: meetingByKey(cohort, key).id, municipalityId: m.id, start: at(start), phone, bookedBy: { id: leader.id, phone: null }, at: AT }, busy, NOW);
}

describe('slots of the individual meetings', () => {
  it('offers one-hour slots within 09:00–15:00 with a 15-minute break, on the offered days', () => {
    const cohort = sampleCohort();
    const slots = offeredSlots(cohort, meetingByKey(cohort, 'forberedende').id, cohort.municipalities[0]!.id, [], NOW);
    expect(slots.filter((s) => s.start.startsWith('2023-04-25')).map((s) => s.start.slice(11))).toEqual(['09:00', '10:15', '11:30', '12:45', '14:00']);
    expect(slots.every((s) => s.start.startsWith('2023-04-25') || s.start.startsWith('2023-04-26'))).toBe(true);
  });

  it("leaves out the advisors' busy time, other municipalities' bookings and slots already begun", () => {
    let cohort = sampleCohort();
    const meeting = meetingByKey(cohort, 'forberedende');
    cohort = book(cohort, 'forberedende', 1, '2023-04-25T10:15');
    const busy = [{ start: at('2023-04-25T11:45'), end: at('2023-04-25T12:15') }];
    const slots = offeredSlots(cohort, meeting.id, cohort.municipalities[0]!.id, busy, at('2023-04-25T09:00')).map((s) => s.start);
    expect(slots).not.toContain('2023-04-25T09:00');
    expect(slots).not.toContain('2023-04-25T10:15');
    expect(slots).not.toContain('2023-04-25T11:30');
    expect(slots).toContain('2023-04-25T12:45');
  });

  it('puts the registration wish first for the preparatory meeting', () => {
    let cohort = sampleCohort();
    const m = cohort.municipalities[0]!;
    cohort = register(cohort, m.id, { preparatoryDay: parseLocalDate('2023-04-26'), timeOfDay: 'afternoon' }, AT);
    const slots = offeredSlots(cohort, meetingByKey(cohort, 'forberedende').id, m.id, [], NOW).map((s) => s.start);
    expect(slots.slice(0, 4)).toEqual(['2023-04-26T12:45', '2023-04-26T14:00', '2023-04-26T09:00', '2023-04-26T10:15']);
    expect(slots.at(-1)).toBe('2023-04-25T14:00');
  });

  it('refuses a slot just taken by another municipality, and one no longer offered, with different words', () => {
    let cohort = sampleCohort();
    cohort = book(cohort, 'forberedende', 1, '2023-04-25T09:00');
    expect(() => book(cohort, 'forberedende', 0, '2023-04-25T09:00')).toThrow(expect.objectContaining({ code: 'slot_taken' }));
    expect(() => book(cohort, 'forberedende', 0, '2023-04-25T13:00')).toThrow(expect.objectContaining({ code: 'slot_not_offered' }));
    const busy = [{ start: at('2023-04-25T10:00'), end: at('2023-04-25T11:00') }];
    expect(() => book(cohort, 'forberedende', 0, '2023-04-25T10:15', busy)).toThrow(expect.objectContaining({ code: 'slot_not_offered' }));
  });

  it('needs a phone number for the follow-up call, and keeps it for a rebook', () => {
    let cohort = sampleCohort();
    expect(() => book(cohort, 'opfoelgning', 0, '2024-01-09T09:00')).toThrow(expect.objectContaining({ code: 'phone_required' }));
    expect(() => book(cohort, 'opfoelgning', 0, '2024-01-09T09:00', [], 'ring mig')).toThrow(expect.objectContaining({ code: 'phone_required' }));
    cohort = book(cohort, 'opfoelgning', 0, '2024-01-09T09:00', [], '+45 12 34 56 78');
    cohort = book(cohort, 'opfoelgning', 0, '2024-01-10T10:15');
    expect(cohort.slotBookings).toEqual([expect.objectContaining({ start: '2024-01-10T10:15', phone: '+45 12 34 56 78', version: 2, generation: 1 })]);
  });

  it('moves a booking on rebook, frees it on cancel, and makes a new generation when booked again', () => {
    let cohort = sampleCohort();
    const meetingId = meetingByKey(cohort, 'forberedende').id;
    const mine = cohort.municipalities[0]!.id;
    cohort = book(cohort, 'forberedende', 0, '2023-04-25T09:00');
    const again = book(cohort, 'forberedende', 0, '2023-04-25T09:00');
    expect(again).toBe(cohort);
    // The municipality's own slot stays offered although its event now makes the advisor busy.
    const ownEvent = [{ start: at('2023-04-25T09:00'), end: at('2023-04-25T10:00') }];
    expect(offeredSlots(cohort, meetingId, mine, ownEvent, NOW).map((s) => s.start)).toContain('2023-04-25T09:00');
    cohort = cancelSlot(cohort, meetingId, mine);
    expect(cohort.slotBookings[0]).toMatchObject({ cancelled: true, version: 2, generation: 1 });
    expect(() => book(cohort, 'forberedende', 1, '2023-04-25T09:00')).not.toThrow();
    cohort = book(cohort, 'forberedende', 0, '2023-04-26T09:00');
    expect(cohort.slotBookings[0]).toMatchObject({ cancelled: false, version: 3, generation: 2, start: '2023-04-26T09:00' });
  });

  it('keeps the wall-clock hours across the switch to summer time', () => {
    let cohort = sampleCohort();
    const meeting = meetingByKey(cohort, 'forberedende');
    cohort = { ...cohort, meetings: cohort.meetings.map((m) => (m.id === meeting.id && m.kind !== 'plenary' ? { ...m, schedule: { ...m.schedule, days: [parseLocalDate('2023-03-24'), parseLocalDate('2023-03-27')] } } : m)) };
    const slots = offeredSlots(cohort, meeting.id, cohort.municipalities[0]!.id, [], at('2023-03-01T09:00')).map((s) => s.start.slice(11));
    expect(slots).toEqual(['09:00', '10:15', '11:30', '12:45', '14:00', '09:00', '10:15', '11:30', '12:45', '14:00']);
  });

  it('calls a leader on their own number and, for an advisor booking on the municipality’s behalf, its first leader’s that has one', () => {
    const cohort = sampleCohort();
    const [aarhus] = cohort.municipalities;
    const [leader, colleague] = aarhus!.participants;
    const withPhones: Cohort = {
      ...cohort,
      municipalities: cohort.municipalities.map((m) =>
        m.id === aarhus!.id
          ? { ...m, participants: m.participants.map((p) => (p.id === leader!.id ? { ...p, contact: true, person: { ...p.person!, phone: null } } : p.id === colleague!.id ? { ...p, contact: true, person: { ...p.person!, phone: '+45 12 34 56 78' } } : p)) }
          : m,
      ),
    };
    // A leader with no number of their own is asked for one, though a colleague has one: the call is theirs.
    expect(bookerPhone(withPhones, { role: 'leader', personId: leader!.id }, aarhus!.id)).toBeNull();
    expect(bookerPhone(withPhones, { role: 'leader', personId: colleague!.id }, aarhus!.id)).toBe('+45 12 34 56 78');
    expect(bookerPhone(withPhones, { role: 'advisor', personId: cohort.advisors[0]!.id }, aarhus!.id)).toBe('+45 12 34 56 78');
  });
});
