import { isWorkingDay } from '../../src/domain/catering';
import { PROGRAMME_2023 } from '../../src/domain/default-programme';
import { parseLocalDate, parseLocalDateTime } from '../../src/domain/local-time';
import type { IndividualTemplate, ProgrammeTemplate } from '../../src/domain/programme';
import { withPlenaryStarts } from '../../src/domain/programme-dates';

const daysOf = (programme: ProgrammeTemplate, key: string) => (programme.meetings.find((m) => m.key === key) as IndividualTemplate).schedule.days;
const moved = (key: string, start: string, template = PROGRAMME_2023) => withPlenaryStarts(template, new Map([[key, parseLocalDateTime(start)]]));

describe('the individual meetings of a new cohort follow their plenaries', () => {
  it('by whole weeks, so their offered days keep their weekdays', () => {
    expect(daysOf(moved('opstart', '2023-05-11T09:30'), 'forberedende')).toEqual(['2023-05-02', '2023-05-03']);
    expect(daysOf(moved('afslutning', '2023-11-07T09:30'), 'opfoelgning')).toEqual(['2024-01-16', '2024-01-17', '2024-01-18']);
  });

  it('moving a day that lands on a Danish holiday away from the plenary, to a working day not offered already', () => {
    // Two weeks earlier the follow-up would be offered on 26-28 December; the 26th is a holiday.
    expect(daysOf(moved('afslutning', '2023-10-17T09:30'), 'opfoelgning')).toEqual(['2023-12-27', '2023-12-28', '2023-12-29']);
    // A kick-off on 13 June 2024 would put the preparatory meeting on Grundlovsdag, 5 June.
    const preparatory = daysOf(moved('opstart', '2024-06-13T09:30'), 'forberedende');
    expect(preparatory).toEqual(['2024-06-03', '2024-06-04']);
    expect(preparatory.every(isWorkingDay)).toBe(true);
  });

  it('and off weekends, whatever the programme offers', () => {
    const onSaturday: ProgrammeTemplate = {
      ...PROGRAMME_2023,
      meetings: PROGRAMME_2023.meetings.map((m) =>
        m.key === 'forberedende' && m.kind !== 'plenary' ? { ...m, schedule: { ...m.schedule, days: [parseLocalDate('2023-04-28'), parseLocalDate('2023-04-29')] } } : m,
      ),
    };
    expect(daysOf(moved('opstart', '2023-05-04T09:30', onSaturday), 'forberedende')).toEqual(['2023-04-27', '2023-04-28']);
  });
});
