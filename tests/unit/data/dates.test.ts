import { describe, expect, it } from 'vitest';
import { DATE_PATTERN, isCalendarDate } from '../../../src/data/dates.js';

describe('isCalendarDate', () => {
  it.each([
    ['2024-02-29', true, 'leap day in a leap year'],
    ['2000-02-29', true, 'leap day in a year divisible by 400'],
    ['2023-02-29', false, 'leap day in a common year'],
    ['1900-02-29', false, 'leap day in a century that is not a leap year'],
    ['2024-02-30', false, 'February 30'],
    ['2024-13-01', false, 'month 13'],
    ['2024-13-45', false, 'month 13, day 45'],
    ['2024-00-10', false, 'month 0'],
    ['2024-04-31', false, 'April 31'],
    ['2024-04-30', true, 'April 30'],
    ['2024-12-31', true, 'the last day of the year'],
    ['2024-01-01', true, 'the first day of the year'],
    ['2024-01-00', false, 'day 0'],
    ['2024-1-5', false, 'month and day without leading zeros'],
    ['24-01-05', false, 'a two-digit year'],
    ['2024/01/05', false, 'slashes'],
    ['2024-01-05T10:00', false, 'a time after the date'],
    [' 2024-01-05', false, 'a leading space'],
    ['2024-01-05\n', false, 'a trailing newline'],
    ['', false, 'an empty string'],
  ])('%j is %s (%s)', (text, expected) => {
    expect(isCalendarDate(text)).toBe(expected);
  });
});

describe('DATE_PATTERN', () => {
  it('matches the shape YYYY-MM-DD only', () => {
    const pattern = new RegExp(DATE_PATTERN);
    expect(pattern.test('2024-02-30')).toBe(true);
    expect(pattern.test('2024-2-30')).toBe(false);
    expect(pattern.test('x2024-02-30')).toBe(false);
  });
});
