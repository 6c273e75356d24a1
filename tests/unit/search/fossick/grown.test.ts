import { describe, expect, it } from 'vitest';
import { grown, grownSlots } from '../../../../src/search/fossick/grown.js';

describe('grown', () => {
  it.each([Int32Array.of(-1, 2, 3), Uint16Array.of(65535, 1), Uint8Array.of(255)])('keeps the type and elements of %o, and zeroes the rest', (array) => {
    const next = grown(array, 6);
    expect(next).toBeInstanceOf(array.constructor);
    expect(next).not.toBe(array);
    expect([...next]).toEqual([...array, ...Array(6 - array.length).fill(0)]);
  });
});

describe('grownSlots', () => {
  it('places every entry again in twice the slots, each where probing from its hash finds it', () => {
    // Four slots: entries 1 and 2 collide on hash 5 (slot 1), entry 3 has hash 2.
    const old = Int32Array.of(0, 0, 1, 5, 2, 5, 3, 2);
    const slots = grownSlots(old);
    expect(slots.length).toBe(16);
    const find = (entry: number, hash: number) => {
      for (let at = hash & 7, probes = 0; probes < 8 && slots[2 * at] !== 0; at = (at + 1) & 7, probes += 1) if (slots[2 * at] === entry) return slots[2 * at + 1];
      return undefined;
    };
    expect([find(1, 5), find(2, 5), find(3, 2)]).toEqual([5, 5, 2]);
    expect([...slots].filter((value, i) => i % 2 === 0 && value !== 0).sort()).toEqual([1, 2, 3]);
  });
});
