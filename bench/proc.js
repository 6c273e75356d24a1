// Child processes for the benchmark: spawned in their own process group, timed, and measured as
// a whole tree (the child and everything it starts, e.g. Pagefind's binary) by polling /proc.
// Every group still running is killed when the benchmark exits or is interrupted.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** GNU time reports the CPU seconds of the child and every descendant it waited for. */
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

const live = new Set();

function killAll() {
  for (const child of live) {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
  live.clear();
}

const cleanups = [];
/** Runs `fn` (synchronously) when the benchmark exits, however it exits. */
export function onExit(fn) {
  cleanups.push(fn);
}

function runCleanups() {
  killAll();
  while (cleanups.length) {
    try {
      cleanups.pop()();
    } catch {
      // Best effort.
    }
  }
}

process.on('exit', runCleanups);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    runCleanups();
    process.exit(130);
  });
}

/** Parent pid of every process, read from /proc/<pid>/stat. */
function parents() {
  const map = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // The command name is in parentheses and may contain spaces: the ppid follows the last ")".
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      map.set(Number(name), ppid);
    } catch {
      // The process exited while we looked.
    }
  }
  return map;
}

/** `root` and all its descendants. */
export function processTree(root) {
  const byParent = new Map();
  for (const [pid, ppid] of parents()) {
    if (!byParent.has(ppid)) byParent.set(ppid, []);
    byParent.get(ppid).push(pid);
  }
  const tree = [root];
  for (let i = 0; i < tree.length; i += 1) tree.push(...(byParent.get(tree[i]) ?? []));
  return tree;
}

/** Resident set size of one process in bytes (0 if it is gone). */
function rss(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** The command name of a process (`node`, `pagefind_extended`, `hugo`). */
function comm(pid) {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return '?';
  }
}

/** Sum of VmRSS over the tree rooted at `root` (shared pages are counted once per process). */
export function treeRss(root) {
  return processTree(root).reduce((sum, pid) => sum + rss(pid), 0);
}

/**
 * Runs a command and measures it: wall time, CPU time (user + system, of the whole tree, when
 * GNU time is installed), the peak RSS of its whole process tree (polled every `pollMs`),
 * stdout and stderr.
 * `peakByCommand` is the peak of each command name's share (e.g. node, pagefind) on its own.
 * @returns {Promise<{ code, wallMs, cpuMs, peakRss, peakByCommand, maxProcesses, stdout, stderr }>}
 */
export function measure(command, args, { cwd, env, pollMs = 50, timeoutMs = 3 * 60 * 60_000 } = {}) {
  return new Promise((resolve, reject) => {
    const timeDir = TIME ? mkdtempSync(join(tmpdir(), 'ap-bench-time-')) : null;
    const timeFile = timeDir ? join(timeDir, 'time') : null;
    const argv = TIME ? ['-f', '%U %S', '-o', timeFile, command, ...args] : args;
    const start = performance.now();
    const child = spawn(TIME ?? command, argv, { cwd, env: env ?? process.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    live.add(child);
    let peakRss = 0;
    let maxProcesses = 0;
    const peakByCommand = {};
    const sample = () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const tree = processTree(child.pid);
      maxProcesses = Math.max(maxProcesses, tree.length);
      let total = 0;
      const byCommand = {};
      for (const pid of tree) {
        const bytes = rss(pid);
        total += bytes;
        const name = comm(pid);
        byCommand[name] = (byCommand[name] ?? 0) + bytes;
      }
      peakRss = Math.max(peakRss, total);
      for (const [name, bytes] of Object.entries(byCommand)) peakByCommand[name] = Math.max(peakByCommand[name] ?? 0, bytes);
    };
    const timer = setInterval(sample, pollMs);
    const timeout = setTimeout(() => {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // Gone.
      }
    }, timeoutMs);
    const out = [];
    const err = [];
    child.stdout.on('data', (chunk) => out.push(chunk));
    child.stderr.on('data', (chunk) => err.push(chunk));
    child.on('error', (error) => {
      if (timeDir) rmSync(timeDir, { recursive: true, force: true });
      clearInterval(timer);
      clearTimeout(timeout);
      live.delete(child);
      reject(error);
    });
    child.on('close', (code, signal) => {
      const wallMs = performance.now() - start;
      let cpuMs = null;
      if (timeDir) {
        try {
          const [user, system] = readFileSync(timeFile, 'utf8').trim().split('\n').pop().split(' ').map(Number);
          if (Number.isFinite(user) && Number.isFinite(system)) cpuMs = (user + system) * 1000;
        } catch {
          // No report: the command did not start.
        }
        rmSync(timeDir, { recursive: true, force: true });
      }
      clearInterval(timer);
      clearTimeout(timeout);
      live.delete(child);
      // Anything the child left behind in its group (it should leave nothing) goes too.
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // The group is empty: the usual case.
      }
      resolve({
        code: code ?? (signal ? 128 : 0),
        signal,
        wallMs,
        cpuMs,
        peakRss,
        peakByCommand,
        maxProcesses,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      });
    });
  });
}

/** Runs a command as `measure` does and throws with its stderr if it fails. */
export async function measureOk(command, args, options) {
  const result = await measure(command, args, options);
  if (result.code !== 0) {
    throw new Error(`${command} ${args.join(' ')} exited with ${result.signal ?? result.code}:\n${result.stderr.slice(-4000) || result.stdout.slice(-4000)}`);
  }
  return result;
}

/** The last line of `stdout` that parses as JSON. */
export function lastJson(stdout) {
  const lines = stdout.trim().split('\n').reverse();
  for (const line of lines) {
    try {
      return JSON.parse(line);
    } catch {
      // Not the result line.
    }
  }
  throw new Error(`no JSON result in output:\n${stdout.slice(-2000)}`);
}
