import type { DataIssue } from '../errors/DataIssue.js';
import type { ParsedFile as LoadedFile } from './load.js';
import { closest } from './suggest.js';
import { locate } from './yaml.js';

/** What the checks read of a parsed file. */
type ParsedFile = Pick<LoadedFile, 'id' | 'file' | 'source' | 'value'>;

/**
 * Cross-file checks: every answer's author is an expert file, every question topic is in
 * topics.yaml. Runs on whatever parsed, so reference mistakes are reported alongside schema ones.
 */
export function checkReferences(files: {
  topics: ParsedFile | undefined;
  experts: readonly ParsedFile[];
  questions: readonly ParsedFile[];
}): DataIssue[] {
  const issues: DataIssue[] = [];
  const expertIds = new Set(files.experts.map((expert) => expert.id));
  const topicIds = files.topics && isRecord(files.topics.value) ? new Set(Object.keys(files.topics.value)) : undefined;

  for (const question of files.questions) {
    if (!isRecord(question.value)) continue;
    const { topics, answers } = question.value;
    if (topicIds && Array.isArray(topics)) {
      topics.forEach((topic, i) => {
        if (typeof topic !== 'string' || topicIds.has(topic)) return;
        const guess = closest(topic, topicIds);
        issues.push(issueAt(question, ['topics', i], `unknown topic "${topic}" in topics[${i}]: ${guess ? `did you mean "${guess}"? ` : ''}topics must be ids defined in topics.yaml`));
      });
    }
    if (Array.isArray(answers)) {
      answers.forEach((answer, i) => {
        if (!isRecord(answer) || typeof answer.author !== 'string' || expertIds.has(answer.author)) return;
        const guess = closest(answer.author, expertIds);
        issues.push(issueAt(question, ['answers', i, 'author'], `unknown expert "${answer.author}" in answers[${i}].author: ${guess ? `did you mean "${guess}"? ` : ''}there is no file experts/${answer.author}.yaml`));
      });
    }
  }
  return issues;
}

function issueAt(file: ParsedFile, path: (string | number)[], message: string): DataIssue {
  const { line, col } = locate(file.source, path);
  return { file: file.file, line, col, message };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
