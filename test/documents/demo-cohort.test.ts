import { isWorkingDay } from '../../src/domain/catering';
import { cohortProblems } from '../../src/domain/cohort-rules';
import { PROGRAMME_2023 } from '../../src/domain/default-programme';
import { addDays, dateOf, parseLocalDate, parseLocalDateTime, timeOf, weekday, type LocalDate } from '../../src/domain/local-time';
import { isPlenary } from '../../src/domain/programme';
import { attendance } from '../../src/domain/rsvp';
import { demoCohort, demoProgramme } from '../../src/documents/demo-cohort';
import { toDocument } from '../../src/documents/cohort-document';
import { example, sequentialIds } from '../support/documents';

const TODAYS = ['2026-11-26', '2027-03-20', '2027-06-01', '2027-10-30', '2028-02-29'].map((d) => parseLocalDate(d));
const kickoff = (meetings: typeof PROGRAMME_2023.meetings) => meetings.find(isPlenary)!.schedule.start;

describe('the demo cohort, made relative to today', () => {
  it.each(TODAYS)('from %s starts about four weeks ahead, on the same weekday and at the same times', (today: LocalDate) => {
    const programme = demoProgramme(today);
    const start = kickoff(programme.meetings);
    expect(dateOf(start) > addDays(today, 13)).toBe(true);
    expect(dateOf(start) < addDays(today, 43)).toBe(true);
    programme.meetings.forEach((m, i) => {
      const original = PROGRAMME_2023.meetings[i]!;
      if (m.kind === 'plenary' && original.kind === 'plenary') {
        expect(weekday(dateOf(m.schedule.start))).toBe(weekday(dateOf(original.schedule.start)));
        expect(timeOf(m.schedule.start)).toBe(timeOf(original.schedule.start));
      }
    });
  });

  it.each(TODAYS)('from %s puts no meeting on a weekend or a Danish holiday', (today: LocalDate) => {
    const days = demoProgramme(today).meetings.flatMap((m) => (m.kind === 'plenary' ? [dateOf(m.schedule.start)] : m.schedule.days));
    expect(days.filter((d) => !isWorkingDay(d))).toEqual([]);
  });

  it.each(TODAYS)('from %s keeps every rule of a cohort and has things going on', (today: LocalDate) => {
    const cohort = demoCohort(today, sequentialIds());
    expect(cohortProblems(cohort)).toEqual([]);
    expect(cohort.municipalities).toHaveLength(5);
    expect(cohort.municipalities.filter((m) => m.registration)).not.toHaveLength(0);
    expect(cohort.presentations.map((p) => p.status)).toEqual(expect.arrayContaining(['in_preparation', 'ready']));
    const moved = cohort.meetings.find((m) => m.version > 1)!;
    expect(attendance(cohort, moved.id).answeredForEarlierDate).toBe(1);
    const answeredAt = cohort.rsvps.map((r) => r.answeredAt.slice(0, 10));
    expect(answeredAt.every((d) => d < today)).toBe(true);
  });

  it('is committed under examples/ exactly as the generator made it on some day', () => {
    const committed = example('demo.cohort.json');
    const start = (committed.meetings as { kind: string; start?: string }[]).find((m) => m.kind === 'plenary')!.start!;
    const candidates = Array.from({ length: 50 }, (_, n) => addDays(dateOf(parseLocalDateTime(start)), -(n + 5)));
    const regenerate = (today: LocalDate) => toDocument(demoCohort(today, sequentialIds()), { schema: committed.$schema as string });
    expect(candidates.some((today) => JSON.stringify(regenerate(today)) === JSON.stringify(committed))).toBe(true);
  });
});
