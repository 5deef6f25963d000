/**
 * The benchmarks' clock: wall time by default; with BENCH_CLOCK=cpu, CPU time (user + system,
 * all threads). On a machine shared with other work, wall time says as much about the
 * neighbours as about the code, while CPU time stays with the code (it leaves out waiting on
 * disk, which a wall-time run shows).
 */
import { readFileSync } from 'node:fs';

export const CPU_CLOCK = process.env.BENCH_CLOCK === 'cpu';

/** What a rate on this clock is per: "s" or "CPU-s". */
export const PER = CPU_CLOCK ? 'CPU-s' : 's';

/** Milliseconds on this process's clock (wall, or this process's CPU time with BENCH_CLOCK=cpu). */
export function clockMs(): number {
  if (!CPU_CLOCK) return performance.now();
  const used = process.cpuUsage();
  return (used.user + used.system) / 1000;
}

/** Linux's clock ticks per second for /proc/PID/stat (USER_HZ, 100 on every common build). */
const TICKS_PER_SECOND = 100;

/**
 * CPU time another process has used so far, in ms (user + system, from /proc/PID/stat, in
 * 10 ms ticks: sum it over many requests, not one).
 */
export function processCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces) start at state, field 3.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}
