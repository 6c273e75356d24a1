import { BuildError } from './BuildError.js';

/**
 * A disk that filled up during a build, as an error that says where: Node's own message for a
 * failed write names no file ("ENOSPC: no space left on device, write"). `where` lists the
 * folders the build was writing into (the output's parent, the cache). Other errors pass as they
 * are.
 */
export function namedNoSpace(error: unknown, where: readonly string[]): unknown {
  const { code, path } = (error ?? {}) as NodeJS.ErrnoException;
  if (code !== 'ENOSPC' && code !== 'EDQUOT') return error;
  const place = path ?? where.join(' or ');
  const what = code === 'ENOSPC' ? 'no space left on the device' : 'the disk quota is used up';
  return new BuildError('write', `${what} writing into ${place}. Free some space, or build to an --out (and --cache) on another disk.`, { cause: error });
}
