// The one line between the two tables: the question before a run, the live progress bar during
// it, and what the last run did (or why it could not start) after.
import { Text } from 'ink';
import type { SourceInfo } from '../../../core/ingestion.js';
import { progressText, runOutcomeText } from '../../../format/ingest.js';
import { displayWidth, shortenMiddle, truncate } from '../../text.js';
import { toneProps, useTheme, type Tone } from '../../theme.js';
import type { RunView } from './use-ingest-run.js';

export interface RunLineProps {
  view: RunView;
  confirming?: SourceInfo;
  readOnly: boolean;
  width: number;
}

function line(props: RunLineProps): { text: string; tone: Tone } {
  const { view, confirming, readOnly } = props;
  if (confirming) {
    // The question and its keys first; the origin (a long URL) gives up its middle to fit.
    const question = `Ingest ${confirming.name} into raw/? y: yes · n: no · from `;
    return { text: question + shortenMiddle(confirming.origin, Math.max(12, props.width - displayWidth(question))), tone: 'warn' };
  }
  if (view.active) {
    const { progress, rate, cancelling } = view.active;
    const text = progressText(progress, rate, props.width - (cancelling ? 14 : 0));
    return { text: cancelling ? `${text} cancelling…` : text, tone: progress.phase === 'retrying' ? 'warn' : 'accent' };
  }
  if (view.refusal) return { text: `Not run: ${view.refusal}`, tone: 'error' };
  if (view.last) {
    const run = view.last;
    const tone: Tone = run.outcome === 'failed' ? 'error' : run.outcome === 'ingested' ? 'ok' : 'muted';
    return { text: `${run.source} ${run.outcome}: ${runOutcomeText(run)}`, tone };
  }
  if (readOnly) return { text: 'Read-only mode: runs are refused', tone: 'muted' };
  return { text: 'i ingests the selected source · ←/→ switch between sources and history', tone: 'muted' };
}

export function RunLine(props: RunLineProps) {
  const theme = useTheme();
  const { text, tone } = line(props);
  return (
    <Text wrap="truncate" {...toneProps(theme, tone, { bold: tone === 'warn' || tone === 'error' })}>
      {truncate(text, props.width)}
    </Text>
  );
}
