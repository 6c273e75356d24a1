import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from './site.js';

/** A process id that existed and has exited: what a killed build leaves in the names of its folders and locks. */
export async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  const pid = child.pid;
  await new Promise((resolve) => child.on('exit', resolve));
  if (pid === undefined) throw new Error('no pid');
  return pid;
}

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `command` in `cwd` and collects its exit code and output, with colour and npm's update notice off. */
export function runCommand(command: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, NO_COLOR: '1', npm_config_update_notifier: 'false', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Runs this repository's CLI (`bin/answerpress.js`, running the compiled `dist/`) in `cwd`. */
export function runCli(args: readonly string[], cwd: string): Promise<Run> {
  return runCommand(process.execPath, [join(repoRoot, 'bin', 'answerpress.js'), ...args], cwd);
}
