import { DomainError } from './errors';
import { addMinutes, dateOf, minutesOfDay, timeOf, type LocalDateTime } from './local-time';
import type { FixedTime, MeetingTemplate, SlotWindow } from './programme';

export function endOf(time: FixedTime): LocalDateTime {
  return addMinutes(time.start, time.durationMinutes);
}

function windowProblems(window: SlotWindow, path: string): DomainError[] {
  const sorted = window.days.every((day, i) => i === 0 || window.days[i - 1]! < day);
  const span = minutesOfDay(window.to) - minutesOfDay(window.from);
  if (window.days.length > 0 && sorted && window.slotMinutes > 0 && span >= window.slotMinutes) return [];
  return [
    new DomainError(
      'invalid_window',
      {
        da: 'De tilbudte dage skal være mindst én, stigende og uden gentagelser, og tidsrummet skal kunne rumme et møde.',
        en: 'Offered days must be at least one, ascending and without repeats, and the hours must fit one meeting.',
      },
      path,
    ),
  ];
}

/**
 * The programme's shape: preparatory meetings before the kick-off, plenaries in order and never
 * overlapping, the follow-up after the closing meeting. Returns every problem, not just the first,
 * so an advisor editing dates sees them all at once.
 */
export function scheduleProblems(meetings: readonly MeetingTemplate[]): DomainError[] {
  const problems: DomainError[] = [];
  const plenaries = meetings.flatMap((m, i) => (m.kind === 'plenary' ? [{ m, i }] : []));
  const first = plenaries[0];
  const last = plenaries[plenaries.length - 1];

  plenaries.forEach(({ m, i }, n) => {
    if (m.schedule.durationMinutes <= 0) {
      problems.push(
        new DomainError('invalid_window', { da: 'Et møde skal vare mindst ét minut.', en: 'A meeting must last at least one minute.' }, `meetings.${i}.schedule.durationMinutes`),
      );
    }
    const next = plenaries[n + 1];
    if (!next) return;
    if (next.m.schedule.start <= m.schedule.start) {
      problems.push(
        new DomainError(
          'meetings_out_of_order',
          { da: `"${next.m.title.da}" skal ligge efter "${m.title.da}".`, en: `"${next.m.title.en}" must come after "${m.title.en}".` },
          `meetings.${next.i}.schedule.start`,
        ),
      );
    } else if (next.m.schedule.start < endOf(m.schedule)) {
      problems.push(
        new DomainError(
          'plenaries_overlap',
          { da: `"${next.m.title.da}" begynder, før "${m.title.da}" slutter.`, en: `"${next.m.title.en}" starts before "${m.title.en}" ends.` },
          `meetings.${next.i}.schedule.start`,
        ),
      );
    }
  });

  meetings.forEach((m, i) => {
    if (m.kind === 'plenary') return;
    const path = `meetings.${i}.schedule`;
    problems.push(...windowProblems(m.schedule, `${path}.days`));
    const days = m.schedule.days;
    if (m.kind === 'preparatory' && first && days.some((day) => day >= dateOf(first.m.schedule.start))) {
      problems.push(
        new DomainError(
          'preparatory_after_kickoff',
          { da: 'Det forberedende møde skal ligge før opstartsmødet.', en: 'The preparatory meeting must come before the kick-off.' },
          `${path}.days`,
        ),
      );
    }
    if (m.kind === 'followup' && last && days.some((day) => day <= dateOf(endOf(last.m.schedule)))) {
      problems.push(
        new DomainError(
          'followup_before_closing',
          { da: 'Opfølgningen skal ligge efter afslutningsmødet.', en: 'The follow-up must come after the closing meeting.' },
          `${path}.days`,
        ),
      );
    }
  });
  return problems;
}

/** Whether a slot starting at `start` lies wholly inside the window's days and hours. */
export function isInsideWindow(window: SlotWindow, start: LocalDateTime): boolean {
  const from = minutesOfDay(window.from);
  const begins = minutesOfDay(timeOf(start));
  return (
    window.days.includes(dateOf(start)) && begins >= from && begins + window.slotMinutes <= minutesOfDay(window.to)
  );
}
