// The words around a listing: the position (in the pane's title line, it changes on every key)
// and the slower facts for the status bar (filter matches, paging, paused auto-refresh).
import { formatCount } from '../../format.js';

/** `row 881 of 1,000+` ('+' while more pages exist). */
export function positionText(cursor: number, shown: number, more: boolean): string {
  if (shown === 0) return 'no rows';
  return `row ${formatCount(cursor + 1)} of ${formatCount(shown)}${more ? '+' : ''}`;
}

export interface ListingFacts {
  atRoot: boolean;
  /** Background work on the lake (seeding), shown at the root where the zones fill up. */
  activity?: string;
  shown: number;
  loaded: number;
  more: boolean;
  filter: string;
  loadingMore: boolean;
  autoRefresh: boolean;
  /** End/G was pressed on a listing with more pages: they are loaded in the background. */
  goingToEnd?: boolean;
}

export function listingInfo(facts: ListingFacts): string {
  if (facts.atRoot && facts.activity) return `${facts.shown} zones · Enter opens what has landed so far`;
  if (facts.atRoot) return `${facts.shown} zones: raw lands data, trusted is cleaned, refined is analysed`;
  const parts: string[] = [];
  const filter = facts.filter.trim();
  if (filter)
    parts.push(`${formatCount(facts.shown)} of ${formatCount(facts.loaded)}${facts.more ? '+' : ''} loaded rows match "${filter}"`);
  if (facts.goingToEnd && facts.more) parts.push(`going to the end: ${formatCount(facts.loaded)} rows loaded so far (any move stops)`);
  else if (facts.loadingMore) parts.push('loading more…');
  if (!facts.autoRefresh) parts.push('auto-refresh paused for a long listing (r reloads)');
  return parts.join(' · ');
}
