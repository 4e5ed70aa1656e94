// Where the Zones pane is: the root (the three zones), or a prefix inside one zone.
import type { Zone } from '../../../core/zones.js';

export interface ZoneLocation {
  /** Undefined at the root, where the rows are the zones themselves. */
  zone?: Zone;
  /** '' for a zone's top level, else a key ending in '/'. */
  prefix: string;
}

export const ROOT: ZoneLocation = { prefix: '' };

/** `zones › raw › covid_csv › ingest_date=2024-01-02` */
export function breadcrumb(location: ZoneLocation): string[] {
  if (!location.zone) return ['zones'];
  return ['zones', location.zone, ...location.prefix.split('/').filter(Boolean)];
}
