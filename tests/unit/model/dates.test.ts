import { afterEach, describe, expect, it } from 'vitest';
import { formatDate } from '../../../src/model/dates.js';

const originalTz = process.env.TZ;

afterEach(() => {
  if (originalTz === undefined) delete process.env.TZ;
  else process.env.TZ = originalTz;
});

describe('formatDate', () => {
  it.each([
    ['2025-03-14', 'en', 'March 14, 2025'],
    ['2025-01-01', 'en', 'January 1, 2025'],
    ['2024-12-31', 'en', 'December 31, 2024'],
    ['2024-02-29', 'en', 'February 29, 2024'],
    ['2025-03-01', 'en-GB', '1 March 2025'],
    ['2025-03-01', 'de', '1. März 2025'],
    ['2025-03-01', 'ja', '2025年3月1日'],
  ])('%s in %s is %j', (date, language, text) => {
    expect(formatDate(date, language)).toBe(text);
  });

  // Node re-reads TZ when it changes; the formatter must ignore the machine's zone entirely.
  it.each(['Pacific/Kiritimati', 'Pacific/Pago_Pago', 'America/Los_Angeles', 'Asia/Tokyo', 'UTC'])(
    'never shifts a day in the %s time zone',
    (zone) => {
      process.env.TZ = zone;
      expect(formatDate('2025-01-01', 'en')).toBe('January 1, 2025');
      expect(formatDate('2024-12-31', 'en')).toBe('December 31, 2024');
      expect(formatDate('2025-03-30', 'en')).toBe('March 30, 2025');
    },
  );

  it('the same date gives the same text on every call (cached formatters)', () => {
    expect(formatDate('2025-07-04', 'en')).toBe(formatDate('2025-07-04', 'en'));
    expect(formatDate('2025-07-04', 'en')).not.toBe(formatDate('2025-07-04', 'de'));
  });
});
