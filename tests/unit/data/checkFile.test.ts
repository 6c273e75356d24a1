import { describe, expect, it } from 'vitest';
import { checkFile, firstInvalidUtf8 } from '../../../src/data/checkFile.js';

describe('a file that is not UTF-8', () => {
  it.each([
    ['a Latin-1 byte on the third line', Buffer.concat([Buffer.from('a: 1\nb: 2\nname: L'), Buffer.from([0xe9]), Buffer.from('gumes\n')]), 3, 8],
    ['after characters of several bytes, counted as characters', Buffer.concat([Buffer.from('x: 1\nnom: Élodie ünd '), Buffer.from([0xff])]), 2, 17],
    ['a sequence cut short at the end of a line', Buffer.concat([Buffer.from('a: é\nb: '), Buffer.from([0xc3]), Buffer.from('\n')]), 2, 4],
    ['on the first line', Buffer.from([0x80]), 1, 1],
  ])('is reported where the bad byte is: %s', (_, bytes, line, col) => {
    expect(firstInvalidUtf8(bytes)).toEqual({ line, col });
    expect(checkFile('topics.yaml', bytes, 'topics').issues).toEqual([{ file: 'topics.yaml', line, col, message: 'the file is not valid UTF-8: save it with UTF-8 encoding' }]);
  });
});
