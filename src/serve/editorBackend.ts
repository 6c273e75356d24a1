/**
 * The web editor's local backend under `answerpress serve`: Decap CMS's proxy protocol (the
 * actions decap-server answers at `/api/v1`), served by our own server over the data folder.
 * What the editor saves is checked by our validator first: a save that would add a mistake to
 * the data is refused with the validator's messages, and nothing on disk changes. Only the
 * contract's files (and images under `photos/`) can be written, only inside the data folder,
 * and only by a page of this server on loopback.
 * https://github.com/decaporg/decap-cms/tree/main/packages/decap-server
 */
import { createHash, randomBytes } from 'node:crypto';
import { cp, lstat, mkdir, readdir, readFile, realpath, rm } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { basename, dirname, isAbsolute, join, relative, sep } from 'node:path';
import { loadData, type KnownFile, type LoadedData } from '../data/load.js';
import { ID_PATTERN } from '../data/schema.js';
import { DataError } from '../errors/DataError.js';
import { formatIssue } from '../errors/DataIssue.js';
import { linkTree } from '../output/linkTree.js';
import { cacheRoot } from '../output/packagePaths.js';
import { replaceFile } from '../output/replaceFile.js';

/** Largest request accepted: an entry or an image, as base64. */
const MAX_BODY = 16 * 1024 * 1024;

/** The files the editor may write: the contract's, and images the contract points to. */
const DATA_FILE = /^(site\.yaml|topics\.yaml|(experts|questions)\/[^/]+\.yaml)$/;
const MEDIA_FILE = /^photos\/[^/]+\.(jpe?g|png|webp|avif|svg)$/i;

/** A request the protocol refuses, with the status and the message the editor shows. */
export class Refused extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

interface DataFileParam {
  path: string;
  raw: string;
  newPath?: string;
}

interface Asset {
  path: string;
  content: string;
  encoding: string;
}

export class EditorBackend {
  readonly #dataDir: string;
  /** The files of the last valid load of the data folder, which the next loads need not parse again. */
  #known: ReadonlyMap<string, KnownFile> = new Map();
  /** Saves run one at a time: each is validated against what the one before it wrote. */
  #queue: Promise<unknown> = Promise.resolve();

  constructor(dataDir: string) {
    this.#dataDir = dataDir;
  }

  /** Answers one POST of the protocol. */
  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      checkCaller(req);
      const body = JSON.parse(await readBody(req)) as { action?: unknown; params?: Record<string, unknown> };
      const result = await this.#act(String(body.action), body.params ?? {});
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
      res.end(JSON.stringify(result));
    } catch (error) {
      const status = error instanceof Refused ? error.status : error instanceof SyntaxError ? 400 : 500;
      const message = error instanceof Error ? error.message : String(error);
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
      res.end(JSON.stringify({ error: message }));
    }
  }

  /**
   * Answers a preview request, `{ slug, raw }`: the question page `render` makes of the data with
   * that question's file holding `raw`, or the mistakes it would add, as a save reports them.
   */
  async preview(req: IncomingMessage, res: ServerResponse, render: (data: LoadedData, slug: string) => Promise<string>): Promise<void> {
    try {
      checkCaller(req);
      const body = JSON.parse(await readBody(req)) as Record<string, unknown>;
      const slug = stringParam(body, 'slug');
      const { added, data } = await this.tryQuestion(slug, stringParam(body, 'raw'));
      const reply = added.length > 0 || !data ? { issues: added } : { html: await render(data, slug) };
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
      res.end(JSON.stringify(reply));
    } catch (error) {
      res.writeHead(error instanceof Refused ? error.status : 500, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify({ error: error instanceof Error ? error.message : String(error) }));
    }
  }

  async #act(action: string, params: Record<string, unknown>): Promise<unknown> {
    switch (action) {
      case 'info':
        return { repo: basename(this.#dataDir), publish_modes: ['simple'], type: 'local_fs' };
      case 'entriesByFolder': {
        const folder = await this.#inside(stringParam(params, 'folder'));
        const extension = stringParam(params, 'extension');
        const names = await readdir(folder.absolute, { withFileTypes: true }).catch(() => []);
        const files = names.filter((entry) => entry.isFile() && entry.name.endsWith(extension)).map((entry) => join(folder.relative, entry.name).split(sep).join('/'));
        return Promise.all(files.sort().map((path) => this.#entry(path)));
      }
      case 'entriesByFiles': {
        const files = params.files;
        if (!Array.isArray(files)) throw new Refused(422, 'files must be a list');
        return Promise.all(files.map((file: unknown) => this.#entry(stringParam(file as Record<string, unknown>, 'path'), (file as { label?: string }).label)));
      }
      case 'getEntry':
        return this.#entry(stringParam(params, 'path'));
      case 'persistEntry':
        return this.#serial(() => this.#persistEntry(params));
      case 'getMedia': {
        const folder = await this.#inside(stringParam(params, 'mediaFolder'));
        const names = await readdir(folder.absolute, { withFileTypes: true }).catch(() => []);
        return Promise.all(names.filter((entry) => entry.isFile()).map((entry) => this.#media(join(folder.relative, entry.name).split(sep).join('/'))));
      }
      case 'getMediaFile': {
        // Decap looks a field's image up in its media folder (photos/); the contract's paths are
        // inside the data folder, where a logo or share image may sit outside photos/.
        const path = stringParam(params, 'path');
        return this.#media(path).catch((error: unknown) => {
          const outsidePhotos = path.replace(/^(.*\/)?photos\//, '$1');
          if (!(error instanceof Refused) || outsidePhotos === path) throw error;
          return this.#media(outsidePhotos);
        });
      }
      case 'persistMedia':
        return this.#serial(async () => {
          const asset = params.asset as Asset | undefined;
          if (!asset || asset.encoding !== 'base64' || typeof asset.content !== 'string') throw new Refused(422, 'asset must be base64 content with a path');
          const target = await this.#writable(stringParam(asset as unknown as Record<string, unknown>, 'path'), MEDIA_FILE);
          await mkdir(dirname(target.absolute), { recursive: true });
          await replaceFile(target.absolute, Buffer.from(asset.content, 'base64'));
          return this.#media(target.relative);
        });
      case 'deleteFile':
      case 'deleteFiles': {
        const paths = action === 'deleteFile' ? [stringParam(params, 'path')] : params.paths;
        if (!Array.isArray(paths) || paths.some((path) => typeof path !== 'string')) throw new Refused(422, 'paths must be a list of file paths');
        return this.#serial(() => this.#change(paths.map((path: string) => ({ path, remove: true }))));
      }
      case 'getDeployPreview':
        return null;
      case 'unpublishedEntries':
        return [];
      default:
        throw new Refused(422, `Unknown action ${action}`);
    }
  }

  #serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.#queue.then(work, work);
    this.#queue = next.catch(() => undefined);
    return next;
  }

  async #persistEntry(params: Record<string, unknown>): Promise<unknown> {
    const files = (Array.isArray(params.dataFiles) ? params.dataFiles : params.entry ? [params.entry] : []) as DataFileParam[];
    if (files.length === 0 || files.some((file) => typeof file?.path !== 'string' || typeof file.raw !== 'string')) throw new Refused(422, 'an entry needs dataFiles with a path and raw content');
    if (Array.isArray(params.assets) && params.assets.length > 0) throw new Refused(422, 'upload images from the media library, then choose them in the entry');
    const changes: Change[] = [];
    for (const file of files) {
      if (file.newPath && file.newPath !== file.path) changes.push({ path: file.path, remove: true }, { path: file.newPath, content: file.raw });
      else changes.push({ path: file.path, content: file.raw });
    }
    await this.#change(changes);
    return { message: 'entry persisted' };
  }

  /**
   * Applies changes to the data folder if, applied to a copy of it, they add no mistake the
   * validator reports (mistakes already there, in other files, do not block an unrelated save).
   */
  async #change(changes: Change[]): Promise<{ message: string }> {
    const targets = await Promise.all(changes.map(async (change) => ({ ...change, ...(await this.#writable(change.path, DATA_FILE)) })));
    const { added } = await this.#tryOn(targets);
    if (added.length > 0) throw new Refused(422, `Not saved: ${added.length === 1 ? 'this is' : 'these are'} not valid data.\n${added.join('\n')}`);
    await apply(this.#dataDir, targets);
    return { message: `saved ${targets.map((target) => target.relative).join(', ')}` };
  }

  /**
   * The data folder as it would be with a question's file holding `raw`, for a preview: the
   * mistakes that adds, or the data, valid.
   */
  async tryQuestion(slug: string, raw: string): Promise<{ added: string[]; data?: LoadedData }> {
    if (!ID_PATTERN.test(slug)) throw new Refused(422, `"${slug}" is not a slug`);
    return this.#serial(async () => this.#tryOn([{ path: `questions/${slug}.yaml`, content: raw, ...(await this.#writable(`questions/${slug}.yaml`, DATA_FILE)) }]));
  }

  /** Loads a linked copy of the data folder with the changes applied, and the mistakes they add. */
  async #tryOn(targets: (Change & Target)[]): Promise<{ added: string[]; data?: LoadedData }> {
    const before = await loaded(this.#dataDir, this.#known);
    // The copy's unchanged files are links to these, with the same stamps: they are not parsed again.
    if (before.data?.files) this.#known = before.data.files;
    const copy = await this.#copy();
    try {
      await apply(copy, targets);
      const after = await loaded(copy, this.#known);
      const added = after.issues.filter((line) => !before.issues.includes(line));
      return { added, ...(after.data ? { data: after.data } : {}) };
    } finally {
      await rm(copy, { recursive: true, force: true });
    }
  }

  /** A copy of the data folder among answerpress's caches, of hard links where it can be. */
  async #copy(): Promise<string> {
    await mkdir(cacheRoot(), { recursive: true });
    const copy = join(cacheRoot(), `editor-check-${randomBytes(4).toString('hex')}`);
    try {
      await linkTree(this.#dataDir, copy);
    } catch {
      await rm(copy, { recursive: true, force: true });
      await cp(this.#dataDir, copy, { recursive: true });
    }
    return copy;
  }

  async #entry(path: string, label?: string): Promise<unknown> {
    const file = await this.#inside(path);
    try {
      const bytes = await readFile(file.absolute);
      return { data: bytes.toString('utf8'), file: { path: file.relative, label, id: sha256(bytes) } };
    } catch {
      return { data: null, file: { path: file.relative, label, id: null } };
    }
  }

  async #media(path: string): Promise<unknown> {
    const file = await this.#inside(path);
    const bytes = await readFile(file.absolute).catch(() => {
      throw new Refused(404, `no file ${file.relative}`);
    });
    return { id: sha256(bytes), content: bytes.toString('base64'), encoding: 'base64', path: file.relative, name: basename(file.relative) };
  }

  /** A path the editor may write: one of the contract's files, inside the data folder. */
  async #writable(path: string, allowed: RegExp): Promise<Target> {
    const target = await this.#inside(path);
    if (!allowed.test(target.relative)) throw new Refused(403, `the editor may not write ${target.relative}: only site.yaml, topics.yaml, experts/*.yaml, questions/*.yaml and images in photos/`);
    return target;
  }

  /**
   * A path given by the editor, relative to the data folder, refused unless it stays inside it:
   * no absolute paths, no `..`, no way out through a symbolic link.
   */
  async #inside(path: string): Promise<Target> {
    if (path.includes('\0') || path.includes('\\') || isAbsolute(path) || path.split('/').some((part) => part === '..')) throw new Refused(403, `${JSON.stringify(path)} is not a path inside the data folder`);
    const root = await realpath(this.#dataDir);
    const absolute = join(root, path);
    const inside = relative(root, absolute);
    if (inside.startsWith('..') || isAbsolute(inside)) throw new Refused(403, `${JSON.stringify(path)} is not a path inside the data folder`);
    // Every part that exists must be a real folder or file of the data folder, not a link out of it.
    let at = root;
    for (const part of inside.split(sep).filter(Boolean)) {
      at = join(at, part);
      const info = await lstat(at).catch(() => null);
      if (!info) break;
      if (info.isSymbolicLink()) throw new Refused(403, `${JSON.stringify(path)} goes through a symbolic link`);
    }
    return { absolute, relative: inside.split(sep).join('/') };
  }
}

interface Target {
  absolute: string;
  relative: string;
}

type Change = { path: string; remove: true } | { path: string; content: string };

async function apply(dir: string, targets: (Change & Target)[]): Promise<void> {
  for (const target of targets) {
    const file = join(dir, target.relative);
    if ('remove' in target) await rm(file, { force: true });
    else {
      await mkdir(dirname(file), { recursive: true });
      // Replaced, never written into: in the copy, the file is a link to the data folder's.
      await replaceFile(file, target.content);
    }
  }
}

/** A data folder loaded by our validator: its data, or every mistake it reports as `path:line:col: message`. */
async function loaded(dir: string, known: ReadonlyMap<string, KnownFile>): Promise<{ issues: string[]; data?: LoadedData }> {
  try {
    return { issues: [], data: await loadData(dir, { threads: 0, known }) };
  } catch (error) {
    if (error instanceof DataError) return { issues: error.issues.map((issue) => formatIssue(issue)) };
    throw error;
  }
}

/**
 * Only pages of this server may call: from a loopback address, to a loopback host name (no DNS
 * rebinding), as JSON (which a page of another site cannot send without our consent) and, when
 * the browser says where from, from this origin.
 */
function checkCaller(req: IncomingMessage): void {
  const address = req.socket.remoteAddress ?? '';
  const loopback = /^(127\.|::1$|::ffff:127\.)/.test(address);
  const host = req.headers.host ?? '';
  const hostName = host.replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
  if (!loopback || !['127.0.0.1', 'localhost', '::1'].includes(hostName)) throw new Refused(403, 'the editor\'s backend answers only on loopback (127.0.0.1)');
  if (!(req.headers['content-type'] ?? '').startsWith('application/json')) throw new Refused(415, 'send JSON');
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== `http://${host}`) throw new Refused(403, `requests from ${origin} are refused`);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new Refused(413, 'the request is too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function stringParam(params: Record<string, unknown>, name: string): string {
  const value = params?.[name];
  if (typeof value !== 'string') throw new Refused(422, `${name} must be a string`);
  return value;
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
