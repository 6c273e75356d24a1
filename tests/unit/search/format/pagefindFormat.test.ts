import { describe, expect, it } from 'vitest';
import { CborReader, CborWriter } from '../../../../src/search/format/cbor.js';
import { decodeFile, encodeFile, plainFile } from '../../../../src/search/format/pagefindFormat.js';

describe('CborWriter and CborReader', () => {
  it('round-trip arrays, integers of every width and text, as CBOR encodes them', () => {
    const ints = [0, 23, 24, 255, 256, 65535, 65536, 2 ** 32 - 1, 2 ** 32, -1, -24, -25, -256, -257, -241];
    const writer = new CborWriter().array(3).text('héllo 東京 😀').array(ints.length);
    for (const n of ints) writer.int(n);
    writer.array(0);
    const bytes = writer.bytes();
    // Known encodings from RFC 8949, appendix A.
    expect(new CborWriter().int(24).bytes()).toEqual(Buffer.from([0x18, 0x18]));
    expect(new CborWriter().int(-257).bytes()).toEqual(Buffer.from([0x39, 0x01, 0x00]));
    expect(new CborWriter().int(1000000).bytes()).toEqual(Buffer.from([0x1a, 0x00, 0x0f, 0x42, 0x40]));
    expect(new CborWriter().text('a').bytes()).toEqual(Buffer.from([0x61, 0x61]));

    const reader = new CborReader(bytes);
    expect(reader.array()).toBe(3);
    expect(reader.text()).toBe('héllo 東京 😀');
    expect(reader.array()).toBe(ints.length);
    expect(ints.map(() => reader.int())).toEqual(ints);
    expect(reader.array()).toBe(0);
    expect(reader.done).toBe(true);
  });

  it('skips nested arrays and counts integer arrays without reading them', () => {
    const bytes = new CborWriter().array(2).array(3).int(-25).int(70000).int(3).array(2).text('x').array(1).int(5).bytes();
    const reader = new CborReader(bytes);
    reader.array();
    expect(reader.intArrayLength()).toBe(3);
    reader.skip();
    expect(reader.done).toBe(true);
  });

  it('copies a range of encoded items into a buffer that grows', () => {
    const source = new CborWriter().array(1).text('z'.repeat(100_000)).bytes();
    const copy = new CborWriter().range(source, 0, source.length).bytes();
    expect(copy.equals(source)).toBe(true);
  });

  it('refuses items Pagefind never writes, naming the byte', () => {
    expect(() => new CborReader(Buffer.from([0xbf])).array()).toThrow(/unsupported CBOR item \(initial byte 191\) at 0/);
    expect(() => new CborReader(Buffer.from([0x61, 0x61])).array()).toThrow(/expected a CBOR array/);
    expect(() => new CborReader(Buffer.from([0xf5])).skip()).toThrow(/unsupported CBOR item/);
  });
});

describe('Pagefind data files', () => {
  it('are gzip around the signature and one CBOR item', async () => {
    const item = new CborWriter().array(1).text('pagefind').bytes();
    const file = await encodeFile(item);
    expect(file.subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
    expect(await decodeFile(file, 'x.pf_meta')).toEqual(item);
    expect(await decodeFile(plainFile(item), 'x.pf_meta')).toEqual(item);
  });

  it('are refused without the signature', async () => {
    const { gzipSync } = await import('node:zlib');
    await expect(decodeFile(gzipSync(Buffer.from('not pagefind data')), 'x.pf_index')).rejects.toThrow('x.pf_index is not a Pagefind data file');
  });
});
