// How sizes, counts and times read in the console: short, fixed-ish widths, no locale surprises.

export { formatBytes } from '../format/bytes.js';

export function formatCount(count: number): string {
  return count.toLocaleString('en-US');
}

function pad2(value: number): string {
  return String(value).padStart(2, '0');
}

/** Local wall time as `YYYY-MM-DD HH:MM` (what listings show). */
export function formatDateTime(date: Date): string {
  return (
    `${date.getFullYear()}-${pad2(date.getMonth() + 1)}-${pad2(date.getDate())} ` + `${pad2(date.getHours())}:${pad2(date.getMinutes())}`
  );
}

/** Local clock time as `HH:MM:SS` (last refresh in the status bar). */
export function formatClock(date: Date): string {
  return `${pad2(date.getHours())}:${pad2(date.getMinutes())}:${pad2(date.getSeconds())}`;
}

/** Elapsed time as the largest whole unit: `now`, `12s`, `4m`, `3h`, `2d`. */
export function formatAge(ms: number): string {
  if (ms < 1000) return 'now';
  const seconds = Math.floor(ms / 1000);
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours}h`;
  return `${Math.floor(hours / 24)}d`;
}
