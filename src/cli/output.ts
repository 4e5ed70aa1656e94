// Plain-text rendering for the non-interactive subcommands (pipes, scripts, CI logs).
import type { Zone, ZoneEntry } from '../core/zones.js';
import type { Preview } from '../preview/index.js';
import { formatBytes } from '../format/bytes.js';

export function entryLine(entry: ZoneEntry): string {
  if (entry.kind === 'prefix') return `${'PRE'.padStart(10)}  ${''.padEnd(19)}  ${entry.name}/`;
  const when = entry.modified ? entry.modified.toISOString().slice(0, 19).replace('T', ' ') : '';
  return `${formatBytes(entry.size ?? 0).padStart(10)}  ${when.padEnd(19)}  ${entry.name}`;
}

/** An entry for scripts: `key` carries the zone (`raw/covid_csv/…`), so it can be passed to `preview` or `zones ls`. */
export function entryJson(zone: Zone, entry: ZoneEntry): Record<string, unknown> {
  return {
    kind: entry.kind,
    zone,
    key: `${zone}/${entry.key}`,
    name: entry.name,
    ...(entry.size !== undefined ? { size: entry.size } : {}),
    ...(entry.modified ? { modified: entry.modified.toISOString() } : {}),
  };
}

export function previewText(preview: Preview): string {
  const out: string[] = [`${preview.key}  (${preview.format}, ${formatBytes(preview.size)})`];
  for (const section of preview.sections) {
    out.push('', `== ${section.title}`);
    if (section.kind === 'lines') {
      out.push(...section.lines);
      continue;
    }
    const widths = section.columns.map((c, i) => Math.min(40, Math.max(c.length, ...section.rows.map((r) => (r[i] ?? '').length))));
    const line = (cells: string[]) =>
      cells
        .map((cell, i) => clip(cell ?? '', widths[i]).padEnd(widths[i]))
        .join('  ')
        .trimEnd();
    out.push(line(section.columns), widths.map((w) => '-'.repeat(w)).join('  '));
    for (const row of section.rows) out.push(line(row));
  }
  if (preview.notes.length > 0) out.push('', `(${preview.notes.join('; ')})`);
  return out.join('\n');
}

function clip(text: string, width: number): string {
  return text.length > width ? `${text.slice(0, width - 1)}…` : text;
}
