/**
 * Writes a file by replacing it: the new content goes to a temporary name beside it and is
 * renamed over the old name. A file that is a hard link to the live site's copy (incremental
 * builds link unchanged files) is never written through.
 */
import { randomBytes } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';

export async function replaceFile(file: string, content: string | Uint8Array): Promise<void> {
  const temporary = `${file}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(temporary, content);
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
