import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { englishLabels, PLURAL_LABELS, TEXT_LABELS } from '../../../../src/data/labels/index.js';
import { labelsTable } from '../../../../src/data/labels/table.js';
import { repoRoot } from '../../../helpers/site.js';

describe('docs/labels.md', () => {
  it('is the table the word sets give (run `npm run schema` after changing a label)', async () => {
    expect(await readFile(join(repoRoot, 'docs', 'labels.md'), 'utf8')).toBe(labelsTable());
  });

  it('has a row for every key, with its English text', () => {
    const table = labelsTable();
    for (const key of TEXT_LABELS) expect(table).toContain(`| \`${key}\` | text | ${englishLabels[key]} |`);
    for (const key of PLURAL_LABELS) expect(table).toContain(`| \`${key}\` | plural | one: ${englishLabels[key].one}<br>other: ${englishLabels[key].other} |`);
  });
});
