// The Query pane's history: the queries run, newest last, one JSON file per backend kind in the
// user's state folder, so ↑ at the editor's first line brings back what ran last time.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { stateHome } from '../../../config/paths.js';

export const HISTORY_LIMIT = 200;

export function historyFile(backendKind: string, env: Record<string, string | undefined> = process.env): string {
  return path.join(stateHome(env), 'lakedeck', `query-history-${backendKind}.json`);
}

/** The saved queries; an absent or unreadable file is an empty history (never an error). */
export async function loadHistory(file: string): Promise<string[]> {
  try {
    const parsed: unknown = JSON.parse(await fs.readFile(file, 'utf8'));
    return Array.isArray(parsed) ? parsed.filter((q): q is string => typeof q === 'string').slice(-HISTORY_LIMIT) : [];
  } catch {
    return [];
  }
}

/** The history with `sql` last (a repeat moves to the end), at most HISTORY_LIMIT entries. */
export function withQuery(history: readonly string[], sql: string): string[] {
  const trimmed = sql.trim();
  if (trimmed === '') return [...history];
  return [...history.filter((q) => q !== trimmed), trimmed].slice(-HISTORY_LIMIT);
}

/** Written to a temporary file and renamed, so a crash never leaves half a history; user-only. */
export async function saveHistory(file: string, history: readonly string[]): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const temporary = `${file}.${process.pid}.tmp`;
  await fs.writeFile(temporary, JSON.stringify(history, null, 1), { mode: 0o600 });
  await fs.rename(temporary, file);
}
