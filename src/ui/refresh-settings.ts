// Every refresh interval of the console, named in one place: panes and hooks take their policy
// from here rather than writing their own numbers, so the load they put on a backend is read at a
// glance and tuned once.
import { refreshMsFor, type RangeKey } from '../core/metric-range.js';
import { pollPolicy, type PollPolicy } from './polling.js';

/** The Ingestion pane's run history (manifests). */
export const INGESTION_HISTORY_POLL: PollPolicy = pollPolicy(10_000);
/** The first pages of a zone listing; longer listings pause (each refresh re-reads every page). */
export const LISTING_POLL: PollPolicy = pollPolicy(15_000);
/** An object preview: loaded once, reloaded with `r`. */
export const PREVIEW_POLL: PollPolicy = pollPolicy(60_000);
/** Prefix summaries on the local lake (a walk of folders on this disk; none on S3, where it costs requests). */
export const LOCAL_SUMMARY_POLL: PollPolicy = pollPolicy(5_000);
/** How often ages ("12s ago") and staleness move on the status bar. */
export const STATUS_CLOCK_MS = 1_000;
/** Live run progress is redrawn at most this often (a phase change is drawn at once). */
export const RUN_PROGRESS_FRAME_MS = 100;
/** The Steps pane while a step runs (live stage progress). */
export const STEPS_ACTIVE_POLL: PollPolicy = pollPolicy(2_000);
/** The Steps pane when nothing runs: at most a few calls a minute on EMR. */
export const STEPS_IDLE_POLL: PollPolicy = pollPolicy(20_000);
/** The Metrics pane: once a period of the range shown, at least a minute apart (≤ 2 AWS calls a minute). */
export const metricsPoll = (range: RangeKey): PollPolicy => pollPolicy(refreshMsFor(range));
/**
 * On aws the Metrics pane reads the alarms' states at most this often (the stack's alarms evaluate
 * 5-minute periods), not with every refresh of the series: an idle pane stays within 2 calls a
 * minute with the EMR cluster listing. `r` reads them at once.
 */
export const AWS_ALARMS_HOLD_MS = 120_000;
/** The Executions pane while an execution shown runs (its states move on). */
export const EXECUTIONS_ACTIVE_POLL: PollPolicy = pollPolicy(2_000);
/** The Executions pane when nothing runs (the schedule may start one). */
export const EXECUTIONS_IDLE_POLL: PollPolicy = pollPolicy(15_000);
/** The Stack view while CloudFormation works on the stack (events arrive every few seconds). */
export const STACK_ACTIVE_POLL: PollPolicy = pollPolicy(3_000);
/** The Stack view of a settled stack: two CloudFormation calls per refresh, twice a minute. */
export const STACK_IDLE_POLL: PollPolicy = pollPolicy(30_000);
