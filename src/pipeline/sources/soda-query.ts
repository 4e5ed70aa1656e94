// SoQL for the covid API: page in a stable order (`$order=:id`), always with an explicit
// `$limit` (without it SODA silently returns 1000 rows), and only rows reported after the last
// watermark. Report dates come as ISO floating timestamps; day-first text is compared correctly
// too, in case the portal changes the column type again.
export interface SodaPage {
  endpoint: string;
  limit: number;
  offset: number;
  watermarkField: string;
  after?: string;
}

export function sodaPageUrl(page: SodaPage): string {
  const url = new URL(page.endpoint);
  url.searchParams.set('$order', ':id');
  url.searchParams.set('$limit', String(page.limit));
  url.searchParams.set('$offset', String(page.offset));
  if (page.after !== undefined) url.searchParams.set('$where', sodaWhere(page.watermarkField, page.after));
  return url.href;
}

export function sodaWhere(field: string, after: string): string {
  return `${field} > '${after.replace(/'/g, "''")}'`;
}

/** A sortable form of a report date: ISO as is, `d/M/yyyy H:mm:ss` rearranged. */
export function sortableDate(value: string): string {
  const dayFirst = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?/.exec(value);
  if (!dayFirst) return value;
  const [, d, m, y, hh = '0', mm = '00', ss = '00'] = dayFirst;
  return `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}T${hh.padStart(2, '0')}:${mm}:${ss}`;
}

/** The later of two watermarks (either may be absent). */
export function laterOf(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return sortableDate(b) > sortableDate(a) ? b : a;
}
