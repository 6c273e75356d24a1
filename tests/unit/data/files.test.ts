import { appendFile, mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadData } from '../../../src/data/load.js';
import { cleanup, copyData, fixturesDir, tempDir } from '../../helpers/site.js';
import { issuesOf } from '../../helpers/dataIssues.js';

const png = (width: number, height: number) => sharp({ create: { width, height, channels: 3, background: '#7a9' } }).png().toBuffer();

describe('files the data points to', () => {
  let root: string;
  let data: string;
  beforeEach(async () => {
    root = await tempDir();
    data = await copyData(join(fixturesDir, 'good'), root);
    await mkdir(join(data, 'photos'));
  });
  afterEach(() => cleanup(root));

  const photo = (expert: string, path: string) => appendFile(join(data, 'experts', `${expert}.yaml`), `photo: ${path}\n`);

  it('accepts a photos/ folder, a photo, a logo and a share image', async () => {
    await writeFile(join(data, 'photos', 'ada.png'), await png(64, 80));
    await writeFile(join(data, 'share.jpg'), await sharp(await png(120, 63)).jpeg().toBuffer());
    await writeFile(join(data, 'logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle cx="5" cy="5" r="4"/></svg>');
    await photo('ada-fenwick', 'photos/ada.png');
    await appendFile(join(data, 'site.yaml'), 'logo: logo.svg\nimage: share.jpg\n');
    const loaded = await loadData(data);
    expect(loaded.experts[0]?.data.photo).toBe('photos/ada.png');
    expect(loaded.site.data).toMatchObject({ logo: 'logo.svg', image: 'share.jpg' });
  });

  it('reports every missing, unreadable, oversized or unsafe file at once, at the field naming it', async () => {
    await writeFile(join(data, 'photos', 'wide.png'), await png(8001, 4));
    await writeFile(join(data, 'photos', 'notes.jpg'), 'not an image at all');
    await writeFile(join(data, 'photos', 'huge.jpg'), Buffer.alloc(21 * 1024 * 1024));
    await writeFile(join(data, 'logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    await photo('ada-fenwick', 'photos/wide.png');
    await photo('bram-oduya', 'photos/notes.jpg');
    await photo('cleo-tamsin', 'photos/huge.jpg');
    await appendFile(join(data, 'site.yaml'), 'logo: logo.svg\nimage: images/missing.png\n');
    const issues = await issuesOf(data);
    expect(issues.map((issue) => issue.file)).toEqual(['experts/ada-fenwick.yaml', 'experts/bram-oduya.yaml', 'experts/cleo-tamsin.yaml', 'site.yaml', 'site.yaml']);
    const messages = Object.fromEntries(issues.map((issue) => [issue.file + (issue.message.startsWith('logo') ? '#logo' : issue.message.startsWith('image') ? '#image' : ''), issue.message]));
    expect(messages['experts/ada-fenwick.yaml']).toBe('photo "photos/wide.png" is 8001 x 4 pixels, more than the 8000 pixels a side allowed: save a smaller version');
    expect(messages['experts/bram-oduya.yaml']).toMatch(/^photo "photos\/notes.jpg" cannot be read as an image/);
    expect(messages['experts/cleo-tamsin.yaml']).toMatch(/^photo "photos\/huge.jpg" is 21 MB, more than the 20 MB allowed/);
    expect(messages['site.yaml#logo']).toMatch(/^logo "logo.svg" holds <script>/);
    expect(messages['site.yaml#image']).toMatch(/^image "images\/missing.png" does not exist/);
  });

  it('points at the photo field itself', async () => {
    await photo('ada-fenwick', 'photos/nowhere.jpg');
    const [issue] = await issuesOf(data);
    const lines = (await readFile(join(data, 'experts', 'ada-fenwick.yaml'), 'utf8')).split('\n');
    expect(lines[(issue?.line ?? 0) - 1]?.slice((issue?.col ?? 0) - 1)).toBe('photos/nowhere.jpg');
  });

  it('refuses a path out of the data folder and a link that leads out of it', async () => {
    await writeFile(join(root, 'outside.png'), await png(10, 10));
    await symlink(join(root, 'outside.png'), join(data, 'photos', 'linked.png'));
    await photo('ada-fenwick', '../outside.png');
    await photo('bram-oduya', 'photos/linked.png');
    const issues = await issuesOf(data);
    expect(issues.map((issue) => [issue.file, issue.message])).toEqual([
      ['experts/ada-fenwick.yaml', expect.stringMatching(/^photo must be a path inside the data folder/)],
      ['experts/bram-oduya.yaml', 'photo "photos/linked.png" leads outside the data folder: copy the file into it'],
    ]);
  });

  it('refuses a share image in a format share cards do not show, and still flags a folder of YAML files', async () => {
    await writeFile(join(data, 'card.avif'), await sharp(await png(40, 20)).avif().toBuffer());
    await appendFile(join(data, 'site.yaml'), 'image: card.avif\n');
    await mkdir(join(data, 'expert'));
    await writeFile(join(data, 'expert', 'x.yaml'), 'name: X\n');
    const issues = await issuesOf(data);
    expect(issues.map((issue) => [issue.file, issue.message])).toEqual([
      ['expert/', expect.stringMatching(/^folder "expert" is not part of the data contract: did you mean "experts"\?/)],
      ['site.yaml', 'image must be a JPEG, PNG or WebP file (.jpg, .jpeg, .png, .webp) (found "card.avif")'],
    ]);
  });
});
