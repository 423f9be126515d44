import { parseLocalDateTime } from '../../src/domain/local-time';
import { dayChunks, groupsOf, MAX_DAYS } from '../../src/graph/schedule-limits';

const at = (value: string) => parseLocalDateTime(value);

describe("getSchedule's limits", () => {
  it('cuts a period into wall-clock days, whatever the clocks do in between', () => {
    expect(MAX_DAYS).toBe(61);
    expect(dayChunks({ start: at('2027-09-01T00:00'), end: at('2027-12-15T00:00') })).toEqual([
      // 61 days across the October change: 61 days and an hour of real time, under Graph's 62.
      { start: '2027-09-01T00:00', end: '2027-11-01T00:00' },
      { start: '2027-11-01T00:00', end: '2027-12-15T00:00' },
    ]);
    expect(dayChunks({ start: at('2027-03-01T00:00'), end: at('2027-03-02T00:00') })).toEqual([{ start: '2027-03-01T00:00', end: '2027-03-02T00:00' }]);
  });

  it('groups schedules in order, the last group with the rest', () => {
    expect(groupsOf([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(groupsOf([], 20)).toEqual([]);
  });
});
