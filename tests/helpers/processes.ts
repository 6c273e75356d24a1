import { spawn } from 'node:child_process';

/** A process id that existed and has exited: what a killed build leaves in the names of its folders and locks. */
export async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  const pid = child.pid;
  await new Promise((resolve) => child.on('exit', resolve));
  if (pid === undefined) throw new Error('no pid');
  return pid;
}
