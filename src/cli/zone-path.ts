// Parses the "<zone>[/prefix]" paths the subcommands take, e.g. raw/covid_csv/ingest_date=2020-03-06/
import { LakeError } from '../core/errors.js';
import { isZone, ZONES, type Zone } from '../core/zones.js';

export interface ZonePath {
  zone: Zone;
  key: string;
}

export function parseZonePath(text: string): ZonePath {
  const trimmed = text.replace(/^\/+/, '');
  const slash = trimmed.indexOf('/');
  const zone = slash === -1 ? trimmed : trimmed.slice(0, slash);
  const key = slash === -1 ? '' : trimmed.slice(slash + 1);
  if (!isZone(zone)) {
    throw new LakeError('bad-input', `'${text}' does not start with a zone: use ${ZONES.map((z) => `${z}/…`).join(', ')}`);
  }
  return { zone, key };
}
