import { describe, expect, it } from 'vitest';
import { decodeFilter, filterItem } from '../../../../src/search/format/filter.js';

describe('the filter layout', () => {
  it('writes values in code point order, each with its pages as given, and reads them back', () => {
    const item = Buffer.from(filterItem('topic', new Map([['zebra', [3]], ['Ärger', [0, 2]], ['apple', [1]]])));
    const decoded = decodeFilter(item);
    expect(decoded.name).toBe('topic');
    expect([...decoded.values]).toEqual([
      ['apple', [1]],
      ['zebra', [3]],
      ['Ärger', [0, 2]],
    ]);
  });
});
