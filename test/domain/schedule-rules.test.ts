import { PROGRAMME_2023 } from '../../src/domain/default-programme';
import { parseLocalDate, parseLocalDateTime, parseLocalTime } from '../../src/domain/local-time';
import type { MeetingTemplate, PlenaryTemplate, SlotWindow } from '../../src/domain/programme';
import { isInsideWindow, scheduleProblems } from '../../src/domain/schedule-rules';

const meetings = () => structuredClone(PROGRAMME_2023.meetings) as MeetingTemplate[];
const plenary = (list: MeetingTemplate[], key: string) => list.find((m) => m.key === key) as PlenaryTemplate;
const windowOf = (list: MeetingTemplate[], i: number) => list[i]!.schedule as SlotWindow;
const codes = (list: MeetingTemplate[]) => scheduleProblems(list).map((p) => [p.code, p.path]);

describe('the programme schedule', () => {
  it('accepts the 2023 edition as the agency ran it', () => {
    expect(scheduleProblems(PROGRAMME_2023.meetings)).toEqual([]);
  });

  it('refuses plenaries out of order and names the meeting that is misplaced', () => {
    const list = meetings();
    plenary(list, 'refleksion-2').schedule.start = parseLocalDateTime('2023-06-01T09:30');
    expect(codes(list)).toContainEqual(['meetings_out_of_order', 'meetings.3.schedule.start']);
  });

  it('refuses a plenary that starts before the previous one ends', () => {
    const list = meetings();
    plenary(list, 'refleksion-2').schedule.start = parseLocalDateTime('2023-06-06T13:00');
    const problems = scheduleProblems(list);
    expect(problems.map((p) => p.code)).toEqual(['plenaries_overlap']);
    expect(problems[0]!.text.da).toContain('begynder, før');
  });

  it('allows a plenary to start the minute the previous one ends', () => {
    const list = meetings();
    plenary(list, 'refleksion-2').schedule.start = parseLocalDateTime('2023-06-06T13:30');
    expect(scheduleProblems(list)).toEqual([]);
  });

  it('keeps the preparatory meetings before the kick-off and the follow-up after the closing meeting', () => {
    const list = meetings();
    windowOf(list, 0).days = [parseLocalDate('2023-05-04')];
    windowOf(list, 6).days = [parseLocalDate('2023-10-31')];
    expect(codes(list)).toEqual([
      ['preparatory_after_kickoff', 'meetings.0.schedule.days'],
      ['followup_before_closing', 'meetings.6.schedule.days'],
    ]);
  });

  it('refuses offered days out of order, repeated, or hours too short for one meeting', () => {
    const list = meetings();
    const window = windowOf(list, 6);
    window.days = [parseLocalDate('2024-01-10'), parseLocalDate('2024-01-09')];
    expect(codes(list)).toEqual([['invalid_window', 'meetings.6.schedule.days']]);
    window.days = [parseLocalDate('2024-01-09')];
    window.from = parseLocalTime('14:30');
    window.to = parseLocalTime('15:00');
    expect(codes(list)).toEqual([['invalid_window', 'meetings.6.schedule.days']]);
  });

  it('places a slot inside the window only on an offered day and within the hours', () => {
    const window = { days: [parseLocalDate('2024-01-09')], from: parseLocalTime('09:00'), to: parseLocalTime('15:00'), slotMinutes: 60 };
    expect(isInsideWindow(window, parseLocalDateTime('2024-01-09T09:00'))).toBe(true);
    expect(isInsideWindow(window, parseLocalDateTime('2024-01-09T14:00'))).toBe(true);
    expect(isInsideWindow(window, parseLocalDateTime('2024-01-09T14:15'))).toBe(false);
    expect(isInsideWindow(window, parseLocalDateTime('2024-01-09T08:45'))).toBe(false);
    expect(isInsideWindow(window, parseLocalDateTime('2024-01-12T10:00'))).toBe(false);
  });
});
