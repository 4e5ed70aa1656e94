// The zone store port: raw / trusted / refined as key spaces, on a folder tree (local) or an S3
// bucket (aws). Keys are always '/'-separated and relative to the zone (no leading slash).
import type { Readable } from 'node:stream';

export const ZONES = ['raw', 'trusted', 'refined'] as const;
export type Zone = (typeof ZONES)[number];

export function isZone(value: string): value is Zone {
  return (ZONES as readonly string[]).includes(value);
}

/** One row of a listing: a common prefix ("folder") or an object. */
export interface ZoneEntry {
  kind: 'prefix' | 'object';
  /** Full key inside the zone; prefixes end with '/'. */
  key: string;
  /** Last path segment, without the trailing '/'. */
  name: string;
  size?: number;
  modified?: Date;
}

export interface ListPage {
  entries: ZoneEntry[];
  /** Present when more entries follow; pass it back to get the next page. */
  nextToken?: string;
}

export interface ListOptions {
  token?: string;
  /** Maximum entries in this page (the store may return fewer). */
  limit?: number;
}

export interface ObjectInfo {
  key: string;
  size: number;
  modified: Date;
}

/** Totals under a prefix, computed by walking every object below it. */
export interface PrefixSummary {
  objects: number;
  bytes: number;
  lastModified?: Date;
}

export interface PutOptions {
  contentType?: string;
  /** Called with the bytes written so far, for progress bars. */
  onProgress?: (bytesWritten: number) => void;
  signal?: AbortSignal;
}

export interface ZoneStore {
  /** Where the lake lives, for the header: `s3://bucket` or a folder path. */
  readonly location: string;
  /** URI of a key, in the form the Spark jobs take (`s3://…` or `file://…`). */
  uri(zone: Zone, key?: string): string;
  /** One level below `prefix` ('' for the zone root): sub-prefixes first, then objects, by name. */
  list(zone: Zone, prefix: string, options?: ListOptions): Promise<ListPage>;
  summarize(zone: Zone, prefix: string, signal?: AbortSignal): Promise<PrefixSummary>;
  stat(zone: Zone, key: string): Promise<ObjectInfo | undefined>;
  /** Bytes [start, end) of an object; shorter at the end of the object. */
  readRange(zone: Zone, key: string, start: number, end: number): Promise<Uint8Array>;
  read(zone: Zone, key: string): Promise<Readable>;
  /**
   * Publishes an object atomically: readers see the whole object or nothing, and a failed or
   * aborted write leaves no partial object behind.
   */
  put(zone: Zone, key: string, body: Readable | Uint8Array | string, options?: PutOptions): Promise<ObjectInfo>;
  delete(zone: Zone, key: string): Promise<void>;
}
