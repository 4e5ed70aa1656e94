// Bottom two lines. The first carries the pane's message: the filter being typed, an error, or
// position info. The second: key hints, last refresh with staleness, API calls made so far.
import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import type { ApiCallCounter } from '../../core/backend.js';
import { useNow } from '../hooks/use-now.js';
import { STATUS_CLOCK_MS } from '../refresh-settings.js';
import type { PaneStatus } from './pane.js';
import { callsText, freshness } from './status-line.js';
import { toneProps, useTheme } from '../theme.js';
import { displayWidth, truncate } from '../text.js';

export interface StatusBarProps {
  width: number;
  status?: PaneStatus;
  /** Why the last key did nothing; shown until the next key. */
  notice?: string;
  /** Background work of the backend (seeding), said before the pane's info. */
  activity?: string;
  hints: readonly { key: string; label: string }[];
  calls: ApiCallCounter;
  /** The `/` filter: being edited (with its text) or applied. */
  filter: { text: string; editing: boolean; cursor: number };
}

function FilterLine({ filter, width, info }: { filter: StatusBarProps['filter']; width: number; info?: string }) {
  const theme = useTheme();
  const before = filter.text.slice(0, filter.cursor);
  const after = filter.text.slice(filter.cursor);
  const help = filter.editing ? '   Enter keeps · Esc clears' : `  (Esc clears)${info ? ` · ${info}` : ''}`;
  return (
    <Text wrap="truncate">
      <Text {...toneProps(theme, 'key', { bold: true })}>/ </Text>
      <Text>{truncate(before, Math.max(1, width - 30))}</Text>
      {filter.editing ? <Text {...toneProps(theme, 'plain', { inverse: true })}>{after.slice(0, 1) || '_'}</Text> : null}
      <Text>{filter.editing ? after.slice(1) : after}</Text>
      <Text {...toneProps(theme, 'muted')}>{help}</Text>
    </Text>
  );
}

export function StatusBar({ width, status, notice, activity, hints, calls, filter }: StatusBarProps) {
  const theme = useTheme();
  const now = useNow(STATUS_CLOCK_MS);
  const fresh = freshness(status, now, width < 100);
  const right = [fresh.text, callsText(calls.count)].filter(Boolean).join(' · ');
  const room = Math.max(0, width - displayWidth(right) - 2);
  let used = 0;
  const shown: (typeof hints)[number][] = [];
  for (const hint of hints) {
    const cost = hint.key.length + hint.label.length + 3;
    if (used + cost > room) break;
    shown.push(hint);
    used += cost;
  }
  // One cell short of the width: a line that fills the terminal exactly can wrap on some terminals.
  const pad = ' '.repeat(Math.max(1, width - 1 - used - displayWidth(right)));
  let message: ReactNode;
  if (filter.editing) {
    message = <FilterLine filter={filter} width={width} />;
  } else if (notice) {
    message = (
      <Text wrap="truncate" {...toneProps(theme, 'warn', { bold: true })}>
        {truncate(notice, width)}
      </Text>
    );
  } else if (status?.error) {
    message = (
      <Text wrap="truncate" {...toneProps(theme, 'error', { bold: true })}>
        {truncate(`ERROR ${status.error}`, width)}
      </Text>
    );
  } else if (filter.text) {
    message = <FilterLine filter={filter} width={width} info={status?.info} />;
  } else if (activity) {
    message = (
      <Text wrap="truncate">
        <Text {...toneProps(theme, 'accent', { bold: true })}>{truncate(activity, width)}</Text>
        {status?.info ? truncate(` · ${status.info}`, Math.max(0, width - displayWidth(activity))) : ''}
      </Text>
    );
  } else {
    message = <Text wrap="truncate">{truncate(status?.info ?? '', width) || ' '}</Text>;
  }
  return (
    <Box flexDirection="column" width={width} height={2}>
      {message}
      <Text wrap="truncate">
        {shown.map((hint) => (
          <Text key={hint.key + hint.label}>
            <Text {...toneProps(theme, 'key', { bold: true })}>{hint.key}</Text>
            <Text {...toneProps(theme, 'muted')}>{` ${hint.label}  `}</Text>
          </Text>
        ))}
        <Text>{pad}</Text>
        <Text {...toneProps(theme, fresh.stale ? 'warn' : 'muted', { bold: fresh.stale })}>{right}</Text>
      </Text>
    </Box>
  );
}
