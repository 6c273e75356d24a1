import { describe, expect, it } from 'vitest';
import { chunkFolder } from '../../../../src/search/format/chunkNames.js';

describe('chunk folders', () => {
  it('names the folder by every chunk’s content and their order', () => {
    const folder = chunkFolder(['aa', 'bb']);
    expect(folder).toMatch(/^[0-9a-f]{10}$/);
    expect(chunkFolder(['aa', 'bb'])).toBe(folder);
    expect(chunkFolder(['aa', 'bc'])).not.toBe(folder);
    expect(chunkFolder(['bb', 'aa'])).not.toBe(folder);
    expect(chunkFolder(['aa', 'bb', ''])).not.toBe(folder);
  });
});
