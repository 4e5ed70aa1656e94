// The ingestion port: sources that land data in the raw zone, and the run history (manifests).

export const SOURCE_NAMES = ['covid_csv', 'covid_api', 'divipola', 'departments'] as const;
export type SourceName = (typeof SOURCE_NAMES)[number];

/** Only `ingested` published data; `cancelled` is a run stopped on purpose (quit, Ctrl-C, SIGTERM, x). */
export type IngestOutcome = 'ingested' | 'duplicate' | 'failed' | 'cancelled';

export interface SourceInfo {
  name: SourceName;
  /** What it fetches from: a URL, an API endpoint or a SQL query. */
  origin: string;
  description: string;
}

/** One manifest record: everything known about one ingestion run of one source. */
export interface IngestRun {
  runId: string;
  source: SourceName;
  origin: string;
  outcome: IngestOutcome;
  /** Raw key of the published object; absent for duplicates and failures. */
  key?: string;
  bytes: number;
  rows: number;
  sha256?: string;
  /** For a duplicate: the run whose content was identical. */
  duplicateOf?: string;
  /** Incremental sources: the watermark after this run. */
  watermark?: string;
  startedAt: string;
  endedAt: string;
  error?: string;
  /** Why a run brought nothing new without a hash match (e.g. no rows after the watermark). */
  note?: string;
}

export interface IngestProgress {
  source: SourceName;
  /** Hashing happens while downloading; 'retrying' is a pause before another try. */
  phase: 'connecting' | 'downloading' | 'retrying' | 'publishing' | 'done';
  bytes: number;
  /** Known only when the origin says how large the content is. */
  totalBytes?: number;
  rows?: number;
  /** For 'retrying': what failed and how long the pause is. */
  detail?: string;
}

export interface IngestOptions {
  onProgress?: (progress: IngestProgress) => void;
  signal?: AbortSignal;
  /** URL-based sources: fetch from this URL instead of the configured one. */
  url?: string;
}

export interface IngestionService {
  sources(): SourceInfo[];
  /** Newest first; of one source when `source` is given. */
  history(limit?: number, source?: SourceName): Promise<IngestRun[]>;
  run(source: SourceName, options?: IngestOptions): Promise<IngestRun>;
  /** Releases what runs opened (an embedded database); the service stays usable. */
  close?(): Promise<void>;
}
