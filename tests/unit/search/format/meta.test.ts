import { describe, expect, it } from 'vitest';
import { decodeMeta, encodeMeta, type MetaIndex } from '../../../../src/search/format/meta.js';
import { CborWriter } from '../../../../src/search/format/cbor.js';

const meta: MetaIndex = {
  version: '1.6.0',
  pages: [
    { name: 'en_1a2b3c4', wordCount: 120, group: '' },
    { name: 'en_5d6e7f8', wordCount: 3, group: 'en_group1' },
  ],
  chunks: [{ from: 'a', to: 'lz', name: 'en_0aa' }],
  filters: [{ name: 'topic', file: 'en_f00' }],
  sorts: [{ name: 'date', pages: [1, 0] }],
  fields: ['image', 'title'],
};

describe('the metadata layout', () => {
  it('reads back what it writes', () => {
    expect(decodeMeta(Buffer.from(encodeMeta(meta)), 'pagefind.en_x.pf_meta')).toEqual(meta);
  });

  it('writes the six fields in Pagefind’s order, as positional arrays', () => {
    const expected = new CborWriter().array(6).text('1.6.0');
    expected.array(2).array(3).text('en_1a2b3c4').int(120).text('').array(3).text('en_5d6e7f8').int(3).text('en_group1');
    expected.array(1).array(3).text('a').text('lz').text('en_0aa');
    expected.array(1).array(2).text('topic').text('en_f00');
    expected.array(1).array(2).text('date').array(2).int(1).int(0);
    expected.array(2).text('image').text('title');
    expect(Buffer.from(encodeMeta(meta))).toEqual(Buffer.from(expected.bytes()));
  });

  it('names the file whose layout it does not know', () => {
    const five = new CborWriter().array(5).text('1.5.0').bytes();
    expect(() => decodeMeta(Buffer.from(five), 'pagefind.en_x.pf_meta')).toThrow('pagefind.en_x.pf_meta has 5 fields, not the 6');
  });
});
