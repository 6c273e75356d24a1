import { describe, expect, it } from 'vitest';
import { compareCodePoints } from '../../../../src/search/format/codePointOrder.js';

describe('compareCodePoints', () => {
  it('orders as UTF-8 bytes do, not as UTF-16 units: characters above U+FFFF after U+E000–U+FFFF', () => {
    const words = ['😀', '＿', 'z', 'a', 'ab', '', '東京', '\ue000'];
    const byBytes = [...words].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
    expect([...words].sort(compareCodePoints)).toEqual(byBytes);
    expect(['😀', '＿'].sort()).toEqual(['😀', '＿']);
    expect(['😀', '＿'].sort(compareCodePoints)).toEqual(['＿', '😀']);
  });
});
