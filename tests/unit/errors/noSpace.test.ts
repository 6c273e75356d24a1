import { writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { BuildError } from '../../../src/errors/BuildError.js';
import { namedNoSpace } from '../../../src/errors/noSpace.js';

describe('a full disk', () => {
  it('is reported with the folders being written, where Node names none', async () => {
    // /dev/full fails every write with ENOSPC, as a full disk does.
    const error = await writeFile('/dev/full', 'x').then(() => null, (caught: unknown) => caught);
    expect(String(error)).not.toContain('/srv');
    const named = namedNoSpace(error, ['/srv/site', '/srv/cache']);
    expect(named).toBeInstanceOf(BuildError);
    expect(String(named)).toContain('no space left on the device writing into /srv/site or /srv/cache. Free some space');
  });

  it('names the file when Node knows it', () => {
    const error = Object.assign(new Error('ENOSPC: no space left on device, open'), { code: 'ENOSPC', path: '/srv/site/a.html' });
    expect(String(namedNoSpace(error, ['/srv']))).toContain('writing into /srv/site/a.html.');
  });

  it('passes any other error as it is', () => {
    const error = new Error('other');
    expect(namedNoSpace(error, ['/srv'])).toBe(error);
  });
});
