// What the ingestion runner needs from a source: where it reads from, and a way to open its
// content as one byte stream (or to say there is nothing new). Sources retry their own requests;
// the runner owns hashing, duplicate check, publishing and the manifest.
import type { Readable } from 'node:stream';
import type { SourceInfo } from '../../core/ingestion.js';
import type { RetryPolicy } from '../retry.js';
import type { RowFormat } from '../row-counter.js';

export interface OpenContext {
  retry: RetryPolicy;
  signal?: AbortSignal;
  /** The watermark recorded by the last ingested run of this source. */
  lastWatermark?: string;
  /** Fetch from this URL instead of the configured one (URL-based sources only). */
  url?: string;
  onRetry?: (error: unknown, pauseMs: number) => void;
}

export interface OpenedContent {
  kind: 'content';
  /** URL (credentials removed) or query, recorded in the manifest. */
  origin: string;
  body: Readable;
  totalBytes?: number;
  /** Read after the body has ended: the watermark this content brings the source to. */
  watermark?: () => string | undefined;
}

export interface NothingNew {
  kind: 'nothing-new';
  origin: string;
  note: string;
}

export interface SourceAdapter {
  readonly info: SourceInfo;
  readonly rows: RowFormat;
  readonly contentType: string;
  /** Whether runs read the previous watermark (incremental sources). */
  readonly incremental: boolean;
  open(context: OpenContext): Promise<OpenedContent | NothingNew>;
}
