/**
 * The images the data points to, made for the web with @11ty/eleventy-img: an expert's photo in
 * AVIF and WebP at the widths bylines and profiles show it (one and two device pixels per CSS
 * pixel) and as a JPEG for share cards; the share image as a JPEG; the logo as it is. Each source
 * is made once: what is made is kept in the cache folder under a hash of the source's bytes and
 * of these settings, and a later build that finds it there only links it.
 * https://www.11ty.dev/docs/plugins/image/
 */
import { createHash } from 'node:crypto';
import { copyFile, link, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import Image from '@11ty/eleventy-img';
import sharp from 'sharp';
import type { LoadedData } from '../data/load.js';
import type { Logo, Picture, Portrait, ShareImage, SiteImages } from '../model/types.js';

/** Where published images go, under the site's base path. */
export const IMAGE_FOLDER = 'img';

/** CSS pixels wide of a photo in a byline and on a profile (layouts/assets/style.css). */
const BYLINE_WIDTH = 48;
const PROFILE_WIDTH = 160;
/** Wide enough for every share card layout; https://developers.facebook.com/docs/sharing/webmasters/images/ */
const SHARE_WIDTH = 1200;
const PHOTO_SHARE_WIDTH = 600;

/**
 * Settings of every image made; part of the cache key, so changing one remakes them. AVIF at
 * effort 2 encodes several times faster than the default 4 for files a few percent larger.
 */
const PHOTO = { widths: [BYLINE_WIDTH, BYLINE_WIDTH * 2, PROFILE_WIDTH, PROFILE_WIDTH * 2], formats: ['avif', 'webp'], sharpAvifOptions: { effort: 2 }, sharpWebpOptions: { quality: 80 } };
const PHOTO_SHARE = { widths: [PHOTO_SHARE_WIDTH], formats: ['jpeg'], sharpJpegOptions: { quality: 82, mozjpeg: true } };
const SHARE = { widths: [SHARE_WIDTH], formats: ['jpeg'], sharpJpegOptions: { quality: 82, mozjpeg: true } };
const SETTINGS = JSON.stringify({ PHOTO, PHOTO_SHARE, SHARE, sharp: sharp.versions });

const MIME: Record<string, string> = { avif: 'image/avif', webp: 'image/webp', jpeg: 'image/jpeg', png: 'image/png', svg: 'image/svg+xml' };

export interface ImageOptions {
  dataDir: string;
  /** Where made images are kept from one build to the next. */
  cacheDir: string;
  /** The site's base path (`''` or `/docs`) and absolute URL, for image URLs. */
  basePath: string;
  siteUrl: string;
}

/** One file made, as the cache holds it. */
interface Made {
  name: string;
  width: number;
  height: number;
  format: string;
}

export interface MadeImages {
  images: SiteImages;
  /** Every published file: its name under `img/` and where the cache holds it. */
  files: Map<string, string>;
  /** Sources made in this build, as opposed to found in the cache. */
  made: number;
  /** The cache entries this build used. */
  keys: Set<string>;
}

export async function makeImages(data: LoadedData, options: ImageOptions): Promise<MadeImages> {
  const files = new Map<string, string>();
  const counter = { made: 0, keys: new Set<string>() };
  const url = (name: string) => `${options.basePath}/${IMAGE_FOLDER}/${name}`;
  const photos = new Map<string, Portrait>();
  const paths = [...new Set(data.experts.flatMap(({ data: expert }) => (expert.photo ? [expert.photo] : [])))].sort();
  // One at a time: sharp already spreads one image over every core.
  for (const path of paths) {
    const entry = await made(options, path, 'photo', counter, async (source, into) => [...(await resize(source, into, PHOTO)), ...(await resize(source, into, PHOTO_SHARE))]);
    for (const file of entry.files) files.set(file.name, join(entry.dir, file.name));
    const share = entry.files.find((file) => file.format === 'jpeg') as Made;
    photos.set(path, {
      small: picture(entry.files, BYLINE_WIDTH, url),
      large: picture(entry.files, PROFILE_WIDTH, url),
      share: { url: `${options.siteUrl}/${IMAGE_FOLDER}/${share.name}`, width: share.width, height: share.height, type: MIME.jpeg as string },
    });
  }
  let image: ShareImage | null = null;
  if (data.site.data.image) {
    const entry = await made(options, data.site.data.image, 'share', counter, (source, into) => resize(source, into, SHARE));
    const [file] = entry.files as [Made];
    files.set(file.name, join(entry.dir, file.name));
    image = { url: `${options.siteUrl}/${IMAGE_FOLDER}/${file.name}`, width: file.width, height: file.height, type: MIME.jpeg as string };
  }
  let logo: Logo | null = null;
  if (data.site.data.logo) {
    const entry = await made(options, data.site.data.logo, 'logo', counter, copyLogo);
    const [file] = entry.files as [Made];
    files.set(file.name, join(entry.dir, file.name));
    logo = { url: url(file.name), width: file.width, height: file.height };
  }
  return { images: { photos, logo, image }, files, made: counter.made, keys: counter.keys };
}

/** Removes what the cache holds for sources no longer used (`keys` from the last good build). */
export async function pruneImages(cacheDir: string, keys: ReadonlySet<string>): Promise<void> {
  let names: string[];
  try {
    names = await readdir(cacheDir);
  } catch {
    return;
  }
  await Promise.all(names.filter((name) => !keys.has(name)).map((name) => rm(join(cacheDir, name), { recursive: true, force: true })));
}

/** Links (or copies, across file systems) every published image into `<siteDir>/img/`. */
export async function publishImages(files: ReadonlyMap<string, string>, siteDir: string): Promise<void> {
  if (files.size === 0) return;
  const dir = join(siteDir, IMAGE_FOLDER);
  await mkdir(dir, { recursive: true });
  for (const [name, source] of [...files].sort()) {
    try {
      await link(source, join(dir, name));
    } catch {
      await copyFile(source, join(dir, name));
    }
  }
}

/**
 * The files made of one source, from the cache when it holds them: a folder named by the hash
 * of the source's bytes and the settings, with a list of what it holds written last, so a
 * build interrupted while making them leaves no entry that looks complete.
 */
async function made(
  options: ImageOptions,
  path: string,
  kind: string,
  counter: { made: number; keys: Set<string> },
  make: (source: string, into: string) => Promise<Made[]>,
): Promise<{ dir: string; files: Made[] }> {
  const source = join(options.dataDir, path);
  const key = createHash('sha256').update(kind).update('\0').update(SETTINGS).update('\0').update(await readFile(source)).digest('hex').slice(0, 32);
  const dir = join(options.cacheDir, key);
  counter.keys.add(key);
  try {
    return { dir, files: JSON.parse(await readFile(join(dir, 'made.json'), 'utf8')) as Made[] };
  } catch {
    // Not made yet, or left incomplete: made again below.
  }
  const scratch = `${dir}.${process.pid}.tmp`;
  await rm(scratch, { recursive: true, force: true });
  await mkdir(scratch, { recursive: true });
  const files = await make(source, scratch);
  await writeFile(join(scratch, 'made.json'), JSON.stringify(files));
  await rm(dir, { recursive: true, force: true });
  await rename(scratch, dir);
  counter.made += 1;
  return { dir, files };
}

interface EleventyImageStat {
  filename: string;
  width: number;
  height: number;
  format: string;
}

async function resize(source: string, into: string, settings: Record<string, unknown>): Promise<Made[]> {
  // Its own caches are off: ours is keyed by content, and its memory cache would answer for
  // files a test or an earlier build in this process removed.
  // fixOrientation: a phone's photo stored sideways or upside down, with its EXIF orientation, is turned upright.
  const stats = (await Image(source, { ...settings, outputDir: into, urlPath: '/', useCache: false, fixOrientation: true })) as Record<string, EleventyImageStat[]>;
  return Object.values(stats)
    .flat()
    .map((stat) => ({ name: stat.filename, width: stat.width, height: stat.height, format: stat.format }))
    .sort((a, b) => (a.name < b.name ? -1 : 1));
}

/** The logo as it is (an SVG keeps its shapes), named by its content, with its size for `width` and `height`. */
async function copyLogo(source: string, into: string): Promise<Made[]> {
  const bytes = await readFile(source);
  const ext = extname(source).toLowerCase();
  const name = `logo-${createHash('sha256').update(bytes).digest('hex').slice(0, 10)}${ext === '.jpeg' ? '.jpg' : ext}`;
  await writeFile(join(into, name), bytes);
  const { width, height } = ext === '.svg' ? svgSize(bytes.toString('utf8')) : await sharp(bytes).metadata();
  return [{ name, width: width ?? 1, height: height ?? 1, format: ext === '.svg' ? 'svg' : basename(ext).slice(1) }];
}

/** An SVG's size from its `viewBox`, or its `width` and `height`; a square when it gives neither. */
function svgSize(source: string): { width: number; height: number } {
  const root = /<svg\b[^>]*>/i.exec(source)?.[0] ?? '';
  const viewBox = /\bviewBox\s*=\s*["']\s*[-\d.]+[\s,]+[-\d.]+[\s,]+([\d.]+)[\s,]+([\d.]+)/i.exec(root);
  if (viewBox) return { width: Number(viewBox[1]), height: Number(viewBox[2]) };
  const width = Number(/\bwidth\s*=\s*["']([\d.]+)/i.exec(root)?.[1]);
  const height = Number(/\bheight\s*=\s*["']([\d.]+)/i.exec(root)?.[1]);
  return width > 0 && height > 0 ? { width, height } : { width: 1, height: 1 };
}

/**
 * The `<picture>` of a photo shown `width` CSS pixels wide: one and two device pixels per CSS
 * pixel, in each format, as far as the source is wide enough.
 */
function picture(files: readonly Made[], width: number, url: (name: string) => string): Picture {
  const byFormat = (format: string) => files.filter((file) => file.format === format).sort((a, b) => a.width - b.width);
  const pick = (format: string) => {
    const list = byFormat(format);
    const one = list.find((file) => file.width >= width) ?? (list[list.length - 1] as Made);
    const two = list.find((file) => file.width >= width * 2 && file !== one);
    return { one, two };
  };
  const avif = pick('avif');
  const webp = pick('webp');
  const shown = Math.min(width, webp.one.width);
  return {
    sources: [{ type: MIME.avif as string, srcset: avif.two ? `${url(avif.one.name)}, ${url(avif.two.name)} 2x` : url(avif.one.name) }],
    src: url(webp.one.name),
    // The `<img>`'s own source is its 1x.
    srcset: webp.two ? `${url(webp.two.name)} 2x` : '',
    width: shown,
    height: Math.round((webp.one.height * shown) / webp.one.width),
  };
}
