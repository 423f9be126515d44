import { busyRanges } from '../../src/calendar/busy-ranges';
import { parseLocalDate } from '../../src/domain/local-time';
import { cohortWithWindows } from '../support/busy-cohort';

const day = (value: string) => parseLocalDate(value);
const withWindows = (preparatory: string[], followup: string[]) => cohortWithWindows(['rikke@agency.example.org'], preparatory, followup);

describe('the days whose busy time slot booking needs', () => {
  it("reads each window's days from 00:00 of the first to 24:00 of the last, not the months between", () => {
    const cohort = withWindows(['2027-03-23', '2027-03-25'], ['2028-01-11', '2028-01-10']);
    expect(busyRanges(cohort, day('2027-02-01'))).toEqual([
      { start: '2027-03-23T00:00', end: '2027-03-26T00:00' },
      { start: '2028-01-10T00:00', end: '2028-01-12T00:00' },
    ]);
  });

  it('leaves out the days gone by, and a window wholly past', () => {
    const cohort = withWindows(['2027-03-23', '2027-03-25'], ['2028-01-10']);
    expect(busyRanges(cohort, day('2027-03-24'))).toEqual([
      { start: '2027-03-25T00:00', end: '2027-03-26T00:00' },
      { start: '2028-01-10T00:00', end: '2028-01-11T00:00' },
    ]);
    expect(busyRanges(cohort, day('2028-01-11'))).toEqual([]);
  });

  it('joins windows that overlap or touch', () => {
    const cohort = withWindows(['2027-03-23', '2027-03-24'], ['2027-03-25', '2027-03-26']);
    expect(busyRanges(cohort, day('2027-03-01'))).toEqual([{ start: '2027-03-23T00:00', end: '2027-03-27T00:00' }]);
  });
});
