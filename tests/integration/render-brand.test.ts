/**
 * Builds tests/fixtures/branded: two experts with photos (a JPEG and a PNG), one without, a logo,
 * a share image and an accent colour.
 */
import { readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { HTMLElement } from 'node-html-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { htmlPages, parsePage } from '../helpers/pages.js';
import sharp from 'sharp';
import { buildSite, cleanup, copyData, fixturesDir, snapshot, tempDir } from '../helpers/site.js';

const SITE = 'https://example.org';
let root = '';
let out = '';
let imagesMade = 0;

beforeAll(async () => {
  const built = await buildSite(join(fixturesDir, 'branded'));
  root = built.root;
  out = built.outDir;
  imagesMade = built.work.imagesMade;
}, 120_000);

afterAll(async () => {
  if (root) await cleanup(root);
});

const exists = (url: string) => stat(join(out, new URL(url, `${SITE}/`).pathname)).then(() => true, () => false);
const urlsOf = (srcset: string) => srcset.split(',').map((part) => part.trim().split(/\s+/)[0] as string);
const position = (page: HTMLElement, el: HTMLElement | null) => (el ? page.toString().indexOf(el.toString()) : -1);

describe('expert photos in bylines', () => {
  let page: HTMLElement;
  let answers: HTMLElement[];
  beforeAll(async () => {
    page = await parsePage(out, 'questions/why-are-tomato-leaves-yellow/index.html');
    answers = page.querySelectorAll('article.answer');
  });

  it('gives every expert with a photo a picture with AVIF and WebP sources, width, height and an alt naming them', async () => {
    for (const [i, name] of [[0, 'Ada Fenwick'], [1, 'Bram Oduya']] as const) {
      const card = answers[i]?.querySelector('.expert-card') as HTMLElement;
      const source = card.querySelector('picture source');
      const img = card.querySelector('picture img') as HTMLElement;
      expect(source?.getAttribute('type')).toBe('image/avif');
      expect(urlsOf(source?.getAttribute('srcset') ?? '').every((url) => url.endsWith('.avif'))).toBe(true);
      expect(img.getAttribute('src')).toMatch(/\.webp$/);
      expect(img.getAttribute('srcset')).toMatch(/\.webp 2x$/);
      expect(img.getAttribute('width')).toBe('48');
      expect(Number(img.getAttribute('height'))).toBeGreaterThan(0);
      expect(img.getAttribute('alt')).toBe(`Photo of ${name}`);
      for (const url of [...urlsOf(source?.getAttribute('srcset') ?? ''), img.getAttribute('src') as string, ...urlsOf(img.getAttribute('srcset') ?? '')]) {
        expect(await exists(url), url).toBe(true);
      }
    }
  });

  it('puts the byline before the answer\'s text', () => {
    for (const article of answers) {
      const byline = article.querySelector('.expert-card');
      expect(position(page, byline)).toBeGreaterThan(position(page, article.querySelector('h3')));
      expect(position(page, byline)).toBeLessThan(position(page, article.querySelector('.prose')));
      expect(position(page, article.querySelector('.expert-card img, .expert-card .avatar'))).toBeLessThan(position(page, article.querySelector('.prose')));
    }
  });

  it('loads the first byline\'s photo at once and the others when they scroll near', () => {
    expect(answers[0]?.querySelector('img')?.getAttribute('loading')).toBeUndefined();
    expect(answers[1]?.querySelector('img')?.getAttribute('loading')).toBe('lazy');
    for (const img of page.querySelectorAll('main img')) expect(img.getAttribute('decoding')).toBe('async');
  });

  it('gives an expert without a photo an avatar of their initials, with no image request', () => {
    const card = answers[2]?.querySelector('.expert-card') as HTMLElement;
    expect(card.querySelector('img, picture')).toBeNull();
    const avatar = card.querySelector('.avatar');
    expect(avatar?.text).toBe('CT');
    expect(avatar?.getAttribute('aria-hidden')).toBe('true');
  });

  it('shows the photo large on the profile', async () => {
    const profile = await parsePage(out, 'experts/ada-fenwick/index.html');
    const img = profile.querySelector('.profile picture.portrait-large img');
    expect(img?.getAttribute('width')).toBe('160');
    expect(img?.getAttribute('alt')).toBe('Photo of Ada Fenwick');
    expect(img?.getAttribute('loading')).toBeUndefined();
    const person = JSON.parse(profile.querySelector('script[type="application/ld+json"]')?.text ?? '{}') as { mainEntity?: { image?: string } };
    expect(person.mainEntity?.image).toMatch(/^https:\/\/example\.org\/img\/.+-600\.jpeg$/);
  });

  it('makes the images once: a second build finds them in the cache', async () => {
    expect(imagesMade).toBe(4);
    const again = await build({ dataDir: join(fixturesDir, 'branded'), outDir: out, cacheDir: join(root, 'cache') });
    expect(again.work.imagesMade).toBe(0);
    const img = (await parsePage(out, 'questions/why-are-tomato-leaves-yellow/index.html')).querySelector('picture img');
    expect(await exists(img?.getAttribute('src') as string)).toBe(true);
  }, 60_000);
});

describe('brand', () => {
  it('shows the logo in the header, with the site title as its text alternative', async () => {
    for (const { path } of await htmlPages(out)) {
      const logo = (await parsePage(out, path)).querySelector('header .site-title img.logo');
      expect(logo?.getAttribute('alt'), path).toBe('Ask the Gardeners');
      expect(logo?.getAttribute('width'), path).toBe('300');
      expect(logo?.getAttribute('height'), path).toBe('48');
      expect(await exists(logo?.getAttribute('src') as string), path).toBe(true);
    }
  });

  it('uses the accent for links and buttons, and a lighter shade in the dark scheme, and for theme-color', async () => {
    const page = await parsePage(out, 'index.html');
    const style = page.querySelector('head style')?.text ?? '';
    expect(style).toContain('--link:#0f6b5c');
    expect(style).toMatch(/prefers-color-scheme:dark\)\{:root\{--link:#169d87/);
    expect(page.querySelectorAll('meta[name=theme-color]').map((meta) => meta.getAttribute('content'))).toEqual(['#0f6b5c', '#169d87']);
    const manifest = JSON.parse(await readFile(join(out, 'manifest.webmanifest'), 'utf8')) as { theme_color: string };
    expect(manifest.theme_color).toBe('#0f6b5c');
  });
});

describe('share cards', () => {
  it('gives every page an absolute og:image and a large card', async () => {
    const pages = await htmlPages(out);
    expect(pages.length).toBeGreaterThan(10);
    for (const { path } of pages) {
      const page = await parsePage(out, path);
      const image = page.querySelector('meta[property="og:image"]')?.getAttribute('content') ?? '';
      expect(image, path).toMatch(/^https:\/\/example\.org\/img\/.+\.jpeg$/);
      expect(await exists(image), path).toBe(true);
      expect(page.querySelector('meta[name="twitter:card"]')?.getAttribute('content'), path).toBe('summary_large_image');
    }
  });

  it('uses the site image by default and the expert\'s photo on their profile', async () => {
    const home = (await parsePage(out, 'index.html')).querySelector('meta[property="og:image"]')?.getAttribute('content');
    const ada = (await parsePage(out, 'experts/ada-fenwick/index.html')).querySelector('meta[property="og:image"]')?.getAttribute('content');
    const cleo = (await parsePage(out, 'experts/cleo-tamsin/index.html')).querySelector('meta[property="og:image"]')?.getAttribute('content');
    expect(home).toMatch(/-1200\.jpeg$/);
    expect(ada).toMatch(/-600\.jpeg$/);
    expect(cleo).toBe(home);
  });
});

describe('incremental builds with photos', () => {
  it('replaces a changed photo and drops a removed one, as a cold build of the same data', async () => {
    const dir = await tempDir();
    try {
      const data = await copyData(join(fixturesDir, 'branded'), dir);
      const options = { dataDir: data, outDir: join(dir, 'out'), cacheDir: join(dir, 'cache') };
      const cold = async () => {
        await build({ ...options, outDir: join(dir, 'cold'), cacheDir: false });
        const files = await snapshot(join(dir, 'cold'));
        await rm(join(dir, 'cold'), { recursive: true, force: true });
        return files;
      };
      await build(options);
      const version = async () => (JSON.parse(await readFile(join(options.outDir, 'offline', 'summary.json'), 'utf8')) as { version: string }).version;
      const before = await version();
      await writeFile(join(data, 'photos', 'ada-fenwick.jpg'), await sharp({ create: { width: 300, height: 300, channels: 3, background: '#c84' } }).jpeg().toBuffer());
      const replaced = await build(options);
      expect(replaced.work).toMatchObject({ incremental: true, imagesMade: 1 });
      // Readers' saved copies are replaced too: the offline version names the photos' bytes.
      expect(await version()).not.toBe(before);
      expect(await snapshot(options.outDir)).toEqual(await cold());

      const expert = join(data, 'experts', 'bram-oduya.yaml');
      await writeFile(expert, (await readFile(expert, 'utf8')).replace(/^photo: .*\n/m, ''));
      const removed = await build(options);
      expect(removed.work).toMatchObject({ incremental: true, imagesMade: 0 });
      expect(await snapshot(options.outDir)).toEqual(await cold());
    } finally {
      await cleanup(dir);
    }
  }, 180_000);
});
