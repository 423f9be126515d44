import { addDays, addMinutes, daysBetween, parseInstant, parseLocalDate, parseLocalDateTime, parseLocalTime, toInstant, toLocal, weekday } from '../../src/domain/local-time';

describe('Copenhagen wall-clock time', () => {
  it('keeps 09:00 at 09:00 in summer and in winter: the instant follows the offset of the day', () => {
    expect(toInstant(parseLocalDateTime('2023-05-04T09:00'))).toBe('2023-05-04T07:00:00.000Z');
    expect(toInstant(parseLocalDateTime('2023-10-31T09:00'))).toBe('2023-10-31T08:00:00.000Z');
    expect(toLocal(parseInstant('2023-10-31T08:00:00Z'))).toBe('2023-10-31T09:00');
  });

  it('refuses the hour that does not exist when summer time starts', () => {
    expect(() => parseLocalDateTime('2024-03-31T02:30')).toThrow(/Invalid date and time/);
  });

  it('refuses impossible and malformed dates and times with a Danish message', () => {
    for (const bad of ['2023-02-30', '2023-13-01', '4. maj 2023', '']) {
      expect(() => parseLocalDate(bad)).toThrow(expect.objectContaining({ code: 'invalid_date' }));
    }
    expect(() => parseLocalTime('24:00')).toThrow(expect.objectContaining({ text: expect.objectContaining({ da: expect.stringMatching(/^Ugyldigt klokkeslæt/) }) }));
    expect(() => parseLocalDateTime('2023-05-04 09:00')).toThrow();
    expect(() => parseInstant('2023-05-04T09:00')).toThrow(/time zone/);
  });

  it('adds minutes across the autumn change by real elapsed time', () => {
    expect(addMinutes(parseLocalDateTime('2023-10-29T01:00'), 180)).toBe('2023-10-29T03:00');
    expect(addMinutes(parseLocalDateTime('2023-05-04T09:30'), 360)).toBe('2023-05-04T15:30');
  });
});

describe('calendar days', () => {
  const day = (value: string) => parseLocalDate(value);

  it('counts days across the change to and from summer time, month ends, leap days and new year', () => {
    expect(addDays(day('2023-03-25'), 2)).toBe('2023-03-27');
    expect(addDays(day('2023-10-30'), -2)).toBe('2023-10-28');
    expect(addDays(day('2024-02-28'), 1)).toBe('2024-02-29');
    expect(addDays(day('2023-02-28'), 1)).toBe('2023-03-01');
    expect(addDays(day('2023-12-31'), 1)).toBe('2024-01-01');
    expect(daysBetween(day('2023-03-20'), day('2023-04-03'))).toBe(14);
    expect(daysBetween(day('2023-11-01'), day('2023-10-01'))).toBe(-31);
  });

  it('names the weekday from Monday (1) to Sunday (7)', () => {
    expect(weekday(day('2023-03-26'))).toBe(7);
    expect(weekday(day('2023-03-27'))).toBe(1);
    expect(weekday(day('2024-02-29'))).toBe(4);
  });
});
