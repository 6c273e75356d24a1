import { describe, expect, it } from 'vitest';
import { grown } from '../../../../src/search/fossick/grown.js';

describe('grown', () => {
  it.each([Int32Array.of(-1, 2, 3), Uint16Array.of(65535, 1), Uint8Array.of(255)])('keeps the type and elements of %o, and zeroes the rest', (array) => {
    const next = grown(array, 6);
    expect(next).toBeInstanceOf(array.constructor);
    expect(next).not.toBe(array);
    expect([...next]).toEqual([...array, ...Array(6 - array.length).fill(0)]);
  });
});
