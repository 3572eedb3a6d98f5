/**
 * CPU time and resident memory of another process, read from Linux /proc.
 *
 * The benchmark runs each server in its own child process so that its cost can be told apart
 * from the clients'. `process.cpuUsage()` only sees the calling process, so we read
 * /proc/<pid>/stat (utime + stime, in clock ticks) and /proc/<pid>/status (VmRSS). A server may
 * be a wrapper with children (e.g. the `tsx` CLI), so both are summed over the process tree.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

/** Clock ticks per second used by /proc/<pid>/stat; 100 on every Linux we run on. */
const CLOCK_TICKS_PER_SECOND = (() => {
  try {
    const value = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
    return Number.isFinite(value) && value > 0 ? value : 100;
  } catch {
    return 100;
  }
})();

/** Fields of /proc/<pid>/stat after the command name: state is [0], ppid [1], utime [11], stime [12]. */
function statFields(pid: number): string[] | undefined {
  try {
    const text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may itself contain spaces or parentheses.
    return text.slice(text.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

/** The pid and all its live descendants. */
export function processTree(pid: number): number[] {
  const parentOf = new Map<number, number>();
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const fields = statFields(Number(name));
    if (fields?.[1] !== undefined) parentOf.set(Number(name), Number(fields[1]));
  }
  const tree = [pid];
  for (let i = 0; i < tree.length; i++) {
    for (const [child, parent] of parentOf) if (parent === tree[i]) tree.push(child);
  }
  return tree;
}

/** CPU seconds (user + system) used so far by the process tree rooted at pid. */
export function cpuSeconds(pid: number): number {
  let ticks = 0;
  for (const p of processTree(pid)) {
    const fields = statFields(p);
    if (fields) ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks / CLOCK_TICKS_PER_SECOND;
}

function statusKiB(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(
      fs.readFileSync(`/proc/${pid}/status`, 'utf8')
    );
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

/** Resident set size of the process tree, in MiB. */
export function rssMiB(pid: number): number {
  return processTree(pid).reduce((sum, p) => sum + statusKiB(p, 'VmRSS'), 0) / 1024;
}

/**
 * Samples a process tree's RSS at a fixed interval and measures CPU between marks.
 * `mark()` starts a window; `window()` reads CPU % of one core and the RSS peak since the mark.
 */
export class ProcessSampler {
  private timer: NodeJS.Timeout;
  private peak = 0;
  private markCpu = 0;
  private markTime = 0;

  constructor(
    readonly pid: number,
    intervalMs = 200
  ) {
    this.mark();
    this.timer = setInterval(() => this.sample(), intervalMs);
    this.timer.unref();
  }

  private sample(): number {
    const rss = rssMiB(this.pid);
    this.peak = Math.max(this.peak, rss);
    return rss;
  }

  /** Starts a new measuring window. */
  mark(): void {
    this.peak = this.sample();
    this.markCpu = cpuSeconds(this.pid);
    this.markTime = performance.now();
  }

  /** CPU as % of one core, current and peak RSS (MiB) since the last mark. */
  window(): { cpuPercent: number; cpuSeconds: number; rssMiB: number; peakRssMiB: number; seconds: number } {
    const rss = this.sample();
    const seconds = (performance.now() - this.markTime) / 1000;
    const cpu = cpuSeconds(this.pid) - this.markCpu;
    return {
      cpuPercent: (100 * cpu) / seconds,
      cpuSeconds: cpu,
      rssMiB: rss,
      peakRssMiB: this.peak,
      seconds
    };
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
