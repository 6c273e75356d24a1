/**
 * Checks the files the data points to (an expert's photo, the site's logo and share image):
 * each must be a file inside the data folder that opens as an image of its kind and is not too
 * large to make pages of. Runs on whatever parsed, beside the reference checks, so every
 * mistake is reported at once, at the field that names the file.
 */
import { realpath, readFile, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { DomUtils, parseDocument } from 'htmlparser2';
import sharp from 'sharp';
import type { DataIssue } from '../errors/DataIssue.js';
import type { ParsedFile as LoadedFile } from './load.js';
import { locate, type PathSegment } from './yaml.js';

type ParsedFile = Pick<LoadedFile, 'file' | 'source' | 'value'>;

/** Larger files are refused: a portrait or a logo never needs this many bytes. */
export const MAX_IMAGE_BYTES = 20 * 1024 * 1024;
/** Longest side, in pixels, of an image the build resizes. */
export const MAX_IMAGE_SIDE = 8000;

/** sharp's names for the raster formats each field accepts. */
const RASTER_FORMATS = {
  photo: ['jpeg', 'png', 'webp', 'heif'],
  image: ['jpeg', 'png', 'webp'],
  logo: ['jpeg', 'png', 'webp', 'heif'],
} as const;

type Field = keyof typeof RASTER_FORMATS;

/** SVG elements and attributes that run code or fetch from elsewhere when the file is opened. */
const SVG_ACTIVE_ELEMENTS = new Set(['script', 'foreignobject', 'iframe', 'embed', 'object', 'audio', 'video']);

/** Every file `site.yaml` and the experts point to, checked. */
export async function checkDataFiles(dataDir: string, files: { site: ParsedFile | undefined; experts: readonly ParsedFile[] }): Promise<DataIssue[]> {
  const checks: Promise<DataIssue | undefined>[] = [];
  const site = files.site && isRecord(files.site.value) ? files.site.value : undefined;
  if (site && files.site) {
    if (typeof site.logo === 'string') checks.push(checkImage(dataDir, files.site, ['logo'], site.logo, 'logo'));
    if (typeof site.image === 'string') checks.push(checkImage(dataDir, files.site, ['image'], site.image, 'image'));
  }
  for (const expert of files.experts) {
    if (isRecord(expert.value) && typeof expert.value.photo === 'string') checks.push(checkImage(dataDir, expert, ['photo'], expert.value.photo, 'photo'));
  }
  return (await Promise.all(checks)).filter((issue): issue is DataIssue => issue !== undefined);
}

async function checkImage(dataDir: string, owner: ParsedFile, path: PathSegment[], name: string, field: Field): Promise<DataIssue | undefined> {
  const problem = await problemOf(dataDir, name, field);
  if (!problem) return undefined;
  return { file: owner.file, ...locate(owner.source, path), message: `${path.join('.')} "${name}" ${problem}` };
}

/** What is wrong with one file, or nothing. */
async function problemOf(dataDir: string, name: string, field: Field): Promise<string | undefined> {
  const full = join(dataDir, name);
  let info;
  try {
    info = await stat(full);
  } catch {
    return `does not exist: put the file at ${name} inside the data folder, or correct the path`;
  }
  if (!info.isFile()) return 'is not a file: point to an image file';
  // A link may lead out of the data folder, which the published site must never copy from.
  const [root, real] = await Promise.all([realpath(dataDir), realpath(full)]);
  if (relative(root, real).startsWith(`..${sep}`) || relative(root, real) === '..') return 'leads outside the data folder: copy the file into it';
  if (info.size > MAX_IMAGE_BYTES) return `is ${megabytes(info.size)} MB, more than the ${megabytes(MAX_IMAGE_BYTES)} MB allowed: save a smaller version (a portrait needs no more than 2000 pixels a side)`;
  if (name.toLowerCase().endsWith('.svg')) return svgProblem(await readFile(full, 'utf8'));
  let metadata;
  try {
    metadata = await sharp(full).metadata();
  } catch {
    return 'cannot be read as an image: it is damaged or not an image; export it again as JPEG, PNG or WebP';
  }
  const format = metadata.format ?? 'unknown';
  if (!(RASTER_FORMATS[field] as readonly string[]).includes(format)) return `holds ${format === 'heif' ? 'AVIF or HEIF' : format.toUpperCase()} data, which is not accepted here: save it as ${field === 'image' ? 'JPEG, PNG or WebP' : 'JPEG, PNG, WebP or AVIF'}`;
  const width = metadata.width ?? 0;
  const height = metadata.height ?? 0;
  if (width > MAX_IMAGE_SIDE || height > MAX_IMAGE_SIDE) return `is ${width} x ${height} pixels, more than the ${MAX_IMAGE_SIDE} pixels a side allowed: save a smaller version`;
  if (width === 0 || height === 0) return 'has no size: export it again';
  return undefined;
}

/** An SVG shown as an image never runs scripts, but one opened by its address would, on the site's own origin. */
function svgProblem(source: string): string | undefined {
  const doc = parseDocument(source, { xmlMode: true });
  const root = DomUtils.findOne((el) => el.name.toLowerCase() === 'svg', doc.children);
  if (!root) return 'is not an SVG image (no <svg> element): export it again as SVG';
  const active = DomUtils.findOne(
    (el) =>
      SVG_ACTIVE_ELEMENTS.has(el.name.toLowerCase()) ||
      Object.entries(el.attribs).some(([attr, value]) => /^on/i.test(attr) || (/href$/i.test(attr) && !/^(#|data:image\/(png|jpeg|gif|webp);)/i.test(value.trim()))),
    doc.children,
  );
  if (active) return `holds <${active.name}> with scripts, event handlers or links to other files: remove them (a logo needs only shapes)`;
  return undefined;
}

function megabytes(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(bytes < 1024 * 1024 * 10 ? 1 : 0);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
