import { describe, expect, it } from 'vitest';
import { listingInfo, positionText } from '../../src/ui/panes/zones/listing-info.js';
import { breadcrumb } from '../../src/ui/panes/zones/location.js';
import {
  cellText,
  nameSegments,
  partitionOf,
  rootRow,
  rowType,
  rowZone,
  zoneColumns,
  type ZoneRow,
} from '../../src/ui/panes/zones/zone-rows.js';
import { canGoBack, INITIAL_NAV, zonesReducer, type ZonesNav } from '../../src/ui/panes/zones/zones-nav.js';

const modified = new Date(2024, 0, 15, 9, 30);
const prefix = (key: string): ZoneRow => ({ kind: 'prefix', key, name: key.split('/').filter(Boolean).at(-1)! });
const object = (key: string, size: number): ZoneRow => ({ kind: 'object', key, name: key.split('/').at(-1)!, size, modified });

describe('zone rows', () => {
  it.each([
    ['ingest_date=2024-01-15', { column: 'ingest_date', value: '2024-01-15' }],
    ['year=2020', { column: 'year', value: '2020' }],
    ['covid_csv', undefined],
    ['=x', undefined],
  ])('reads %j as a partition', (name, expected) => {
    expect(partitionOf(name)).toEqual(expected);
  });

  it.each([
    [rootRow('trusted'), 'zone'],
    [prefix('covid_csv/'), 'folder'],
    [prefix('covid_csv/ingest_date=2024-01-15/'), 'partition'],
    [object('a/b.csv', 1), 'csv'],
    [object('a/part-0000.snappy.parquet', 1), 'parquet'],
    [object('a/README', 1), 'object'],
  ])('types %o as %s', (row, type) => {
    expect(rowType(row)).toBe(type);
  });

  it('shows partitions as key=value with the key muted, folders with a slash', () => {
    expect(nameSegments(prefix('c/ingest_date=2024-01-15/'))).toEqual([{ text: 'ingest_date=', muted: true }, { text: '2024-01-15/' }]);
    expect(nameSegments(prefix('covid_csv/'))).toEqual([{ text: 'covid_csv/' }]);
    expect(nameSegments(rootRow('raw'))).toEqual([{ text: 'raw/' }]);
    expect(rowZone(rootRow('refined'), undefined)).toBe('refined');
    expect(rowZone(prefix('cases/'), 'trusted')).toBe('trusted');
  });

  it('fills object cells from the listing and prefix cells from the summary', () => {
    const file = object('covid_csv/x.csv', 123_456);
    expect(cellText(file, 'size', undefined)).toBe('121 KiB');
    expect(cellText(file, 'objects', undefined)).toBe('');
    expect(cellText(file, 'modified', undefined)).toBe('2024-01-15 09:30');
    const folder = prefix('covid_csv/');
    expect(cellText(folder, 'size', undefined)).toBe('');
    expect(cellText(folder, 'objects', { status: 'loading' })).toBe('…');
    expect(cellText(folder, 'objects', { status: 'error', message: 'Access denied' })).toBe('?');
    const summary = { status: 'ok' as const, summary: { objects: 100_000, bytes: 2048, lastModified: modified } };
    expect(cellText(folder, 'objects', summary)).toBe('100,000');
    expect(cellText(folder, 'size', summary)).toBe('2.0 KiB');
    expect(cellText(folder, 'modified', { status: 'ok', summary: { objects: 0, bytes: 0 } })).toBe('-');
  });

  it.each([
    [100, ['name', 'type', 'size', 'objects', 'modified'], 50],
    [80, ['name', 'type', 'size', 'objects', 'modified'], 30],
    [60, ['name', 'type', 'size', 'objects'], 27],
    [40, ['name', 'type', 'size'], 17],
  ])('lays out %i columns', (width, ids, nameWidth) => {
    const columns = zoneColumns(width);
    expect(columns.map((c) => c.id)).toEqual(ids);
    expect(columns[0].width).toBe(nameWidth);
    expect(2 + columns.reduce((sum, c) => sum + c.width, 0) + columns.length - 1).toBe(width);
  });

  it('builds the breadcrumb from the place', () => {
    expect(breadcrumb({ prefix: '' })).toEqual(['zones']);
    expect(breadcrumb({ zone: 'raw', prefix: 'covid_csv/ingest_date=2024-01-15/' })).toEqual([
      'zones',
      'raw',
      'covid_csv',
      'ingest_date=2024-01-15',
    ]);
  });
});

describe('zones navigation', () => {
  const moveTo = (nav: ZonesNav, delta: number): ZonesNav => zonesReducer(nav, { type: 'move', delta, height: 5, total: 50 });

  it('opens prefixes and restores the parent cursor on the way back', () => {
    let nav = moveTo(INITIAL_NAV, 2);
    expect(canGoBack(nav)).toBe(false);
    nav = zonesReducer(nav, { type: 'open', location: { zone: 'refined', prefix: '' } });
    nav = moveTo(nav, 12);
    nav = zonesReducer(nav, { type: 'open', location: { zone: 'refined', prefix: 'cases/' } });
    expect(nav.current).toEqual({ location: { zone: 'refined', prefix: 'cases/' }, window: { cursor: 0, offset: 0 } });
    nav = zonesReducer(nav, { type: 'back' });
    expect(nav.current).toEqual({ location: { zone: 'refined', prefix: '' }, window: { cursor: 12, offset: 8 } });
    nav = zonesReducer(nav, { type: 'back' });
    expect(nav.current.window.cursor).toBe(2);
    expect(zonesReducer(nav, { type: 'back' })).toBe(nav);
  });

  it('closes a preview before leaving the prefix', () => {
    let nav = zonesReducer(INITIAL_NAV, { type: 'open', location: { zone: 'raw', prefix: 'a/' } });
    nav = zonesReducer(nav, { type: 'preview', zone: 'raw', key: 'a/b.csv' });
    expect(canGoBack(nav)).toBe(true);
    nav = zonesReducer(nav, { type: 'back' });
    expect(nav.preview).toBeUndefined();
    expect(nav.current.location).toEqual({ zone: 'raw', prefix: 'a/' });
  });

  it('jumps to either end and keeps the state object when nothing moves', () => {
    const bottom = zonesReducer(INITIAL_NAV, { type: 'jump', to: 'bottom', height: 5, total: 50 });
    expect(bottom.current.window).toEqual({ cursor: 49, offset: 45 });
    expect(zonesReducer(bottom, { type: 'jump', to: 'top', height: 5, total: 50 }).current.window).toEqual({ cursor: 0, offset: 0 });
    expect(zonesReducer(INITIAL_NAV, { type: 'move', delta: -1, height: 5, total: 50 })).toBe(INITIAL_NAV);
  });
});

describe('listing words', () => {
  it('puts the position in the title and the slower facts in the status bar', () => {
    expect(positionText(880, 1000, true)).toBe('row 881 of 1,000+');
    expect(positionText(0, 3, false)).toBe('row 1 of 3');
    expect(positionText(0, 0, false)).toBe('no rows');
    const facts = { atRoot: false, shown: 12, loaded: 3000, more: true, filter: '', loadingMore: false, autoRefresh: true };
    expect(listingInfo(facts)).toBe('');
    expect(listingInfo({ ...facts, filter: ' 2024 ', loadingMore: true })).toBe('12 of 3,000+ loaded rows match "2024" · loading more…');
    expect(listingInfo({ ...facts, autoRefresh: false })).toBe('auto-refresh paused for a long listing (r reloads)');
    expect(listingInfo({ ...facts, atRoot: true, shown: 3 })).toMatch(/^3 zones: /);
  });
});
