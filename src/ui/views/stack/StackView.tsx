// The Stack view (`s`, or `:` → Stack): the deployed CloudFormation stack's name, status with its
// reason, last update and drift, then its outputs, parameters and newest events (one section at a
// time, windowed), the selected row's whole text below the list, and Enter/y to show a row whole
// for reading or selecting with the mouse. It polls only while open; deploy and destroy stay CLI
// commands, so the view has nothing to write.
import { Box, Text } from 'ink';
import { memo, useEffect, useLayoutEffect, useMemo, useReducer, useRef } from 'react';
import type { StackEvent, StackOutput, StackParameter, StackService } from '../../../core/stack.js';
import { errorMessage } from '../../../core/errors.js';
import { formatAge, formatDateTime } from '../../format.js';
import { useNow } from '../../hooks/use-now.js';
import { STATUS_CLOCK_MS } from '../../refresh-settings.js';
import type { Binding } from '../../shell/bindings.js';
import { toneProps, useTheme, type Tone } from '../../theme.js';
import { truncate } from '../../text.js';
import { visibleRange, wantsMore } from '../../windowing.js';
import { stackViewBindings, type StackViewActions } from './stack-bindings.js';
import { INITIAL_STACK_NAV, stackNavReducer } from './stack-nav.js';
import { eventLine, keyWidth, pairLine, rowDetail, SECTION_TITLE, SECTIONS, wrap, type StackSection } from './stack-rows.js';
import { driftText, statusMark } from './stack-status.js';
import { useStack, type StackData } from './use-stack.js';

export interface StackViewControls {
  bindings(): readonly Binding[];
  refresh(): void;
}

export interface StackViewProps {
  service: StackService;
  width: number;
  height: number;
  /** The view's key table for the shell to dispatch, help and hint from. */
  onControls(controls: StackViewControls): void;
  onClose(): void;
}

type Row = StackOutput | StackParameter | StackEvent;

function sectionRows(data: StackData | undefined, section: StackSection): readonly Row[] {
  if (!data) return [];
  if (section === 'outputs') return data.summary.outputs;
  if (section === 'parameters') return data.summary.parameters;
  return data.events;
}

const ago = (now: number, date: Date): string => {
  const age = formatAge(now - date.getTime());
  return age === 'now' ? 'just now' : `${age} ago`;
};

/** What the strip under the list shows of the selected row: an event's reason, a value whole. */
function detailOf(section: StackSection, row: Row): string {
  if (section === 'events') return `${(row as StackEvent).logicalId}: ${(row as StackEvent).reason ?? 'no reason given'}`;
  return `${(row as StackOutput).key} = ${(row as StackOutput).value}`;
}

/** `── label ─────` across the width. */
function rule(label: string, width: number): string {
  const head = label ? `── ${label} ` : '';
  return (head + '─'.repeat(Math.max(0, width - head.length))).slice(0, width);
}

const Line = memo(function Line({ text, tone = 'plain', bold, inverse }: { text: string; tone?: Tone; bold?: boolean; inverse?: boolean }) {
  const theme = useTheme();
  return (
    <Text wrap="truncate" {...toneProps(theme, tone, { bold, inverse })}>
      {text}
    </Text>
  );
});

export function StackView({ service, width, height, onControls, onClose }: StackViewProps) {
  const theme = useTheme();
  const now = useNow(STATUS_CLOCK_MS);
  const stack = useStack(service);
  const [nav, dispatch] = useReducer(stackNavReducer, INITIAL_STACK_NAV);
  const { data } = stack;
  const summary = data?.summary;

  // Heights: two header lines, the status reason (≤ 2 lines), an error line, the section line,
  // the list, and the selected row's text below it.
  const reasonLines = summary?.statusReason ? wrap(`Reason: ${summary.statusReason}`, width).slice(0, 2) : [];
  const errorLine = stack.error !== undefined ? 1 : 0;
  const rows = sectionRows(data, nav.section);
  const window = nav.windows[nav.section];
  const selected = rows[window.cursor];
  const detail = selected ? wrap(detailOf(nav.section, selected), width) : [];
  // The strip under the list grows for a long reason (a failed resource's), up to a third of the view.
  const detailHeight = 1 + Math.max(3, Math.min(detail.length, Math.floor(height / 3)));
  const listHeight = Math.max(2, height - 3 - reasonLines.length - errorLine - detailHeight);
  const totals = useMemo(
    () => ({
      outputs: sectionRows(data, 'outputs').length,
      parameters: sectionRows(data, 'parameters').length,
      events: sectionRows(data, 'events').length,
    }),
    [data],
  );
  useEffect(() => dispatch({ type: 'refit', height: listHeight, totals }), [listHeight, totals]);

  // Older events load as the cursor comes within a screen of the last one loaded.
  const { loadOlder } = stack;
  useEffect(() => {
    if (nav.section === 'events' && wantsMore(window.cursor, totals.events, data?.nextToken !== undefined, listHeight)) loadOlder();
  }, [nav.section, window.cursor, totals.events, data?.nextToken, listHeight, loadOlder]);

  const live = useRef({ rows: rows.length, listHeight });
  live.current = { rows: rows.length, listHeight };
  const actions = useMemo<StackViewActions>(
    () => ({
      move: (delta) => dispatch({ type: 'move', delta, height: live.current.listHeight, total: live.current.rows }),
      page: (direction) =>
        dispatch({ type: 'move', delta: direction * live.current.listHeight, height: live.current.listHeight, total: live.current.rows }),
      edge: (end) =>
        dispatch({ type: 'move', delta: end ? Infinity : -Infinity, height: live.current.listHeight, total: live.current.rows }),
      section: (delta) => dispatch({ type: 'section', delta }),
      whole: (open) => dispatch({ type: 'whole', open }),
      refresh: () => stack.refresh(),
      close: onClose,
    }),
    // stack.refresh is stable (usePolling's run); stack itself is a new object each render.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- see above
    [onClose, stack.refresh],
  );
  const viewState = {
    section: nav.section,
    whole: nav.whole,
    rows: rows.length,
    refreshing: stack.inFlight,
    moreEvents: data?.nextToken !== undefined,
  };
  const stateRef = useRef(viewState);
  stateRef.current = viewState;
  // Registered again when what the keys depend on changes (not on cursor moves), so the shell's
  // hints follow; at key time the table is built from the latest state.
  const { section, whole, rows: rowCount, refreshing, moreEvents } = viewState;
  const noRows = rowCount === 0;
  useLayoutEffect(
    () => onControls({ bindings: () => stackViewBindings(stateRef.current, actions), refresh: actions.refresh }),
    [onControls, actions, section, whole, noRows, refreshing, moreEvents],
  );

  if (!summary) {
    const text = stack.error !== undefined ? `✖ ${errorMessage(stack.error)}` : `Loading stack ${service.stackName}…`;
    return (
      <Box flexDirection="column" height={height} overflowY="hidden">
        <Line text={truncate(`Stack ${service.stackName}`, width)} tone="accent" bold />
        {wrap(text, width)
          .slice(0, Math.max(1, height - 1))
          .map((line, i) => (
            <Line key={i} text={line} tone={stack.error !== undefined ? 'error' : 'muted'} />
          ))}
      </Box>
    );
  }

  const mark = statusMark(summary.status);
  const updated = summary.lastUpdatedAt ?? summary.createdAt;
  const when = (date: Date) => `${formatDateTime(date)} (${ago(now, date)})`;
  const pace = stack.inProgress ? 'every 3s (in progress)' : 'every 30s';
  const fresh =
    stack.lastSuccess !== undefined ? `${stack.inFlight ? 'refreshing…' : `read ${ago(now, new Date(stack.lastSuccess))}`}, ${pace}` : '';
  const second = [
    driftText(summary.driftStatus, summary.driftCheckedAt, (d) => ago(now, d)),
    summary.lastUpdatedAt && summary.createdAt && width >= 100 ? `created ${formatDateTime(summary.createdAt)}` : undefined,
    fresh,
  ]
    .filter(Boolean)
    .join(' · ');

  const header = (
    <>
      <Text wrap="truncate">
        <Text {...toneProps(theme, 'accent', { bold: true })}>{`Stack ${summary.name} `}</Text>
        <Text {...toneProps(theme, mark.tone, { bold: true })}>{`${mark.symbol} ${mark.word}`}</Text>
        <Text>
          {truncate(
            updated ? ` · ${summary.lastUpdatedAt ? 'updated' : 'created'} ${when(updated)}` : '',
            Math.max(0, width - summary.name.length - mark.word.length - 9),
          )}
        </Text>
      </Text>
      <Line text={truncate(second, width)} tone="muted" />
      {reasonLines.map((line, i) => (
        <Line key={`reason-${i}`} text={line} tone={mark.tone === 'error' ? 'error' : 'plain'} />
      ))}
      {errorLine ? (
        <Line text={truncate(`✖ refresh failed: ${errorMessage(stack.error)} (showing what was read before)`, width)} tone="error" />
      ) : null}
    </>
  );

  if (nav.whole && selected) {
    const lines: { text: string; tone: Tone; bold?: boolean }[] = [];
    for (const { label, value } of rowDetail(nav.section, selected)) {
      lines.push({ text: `${label}:`, tone: 'muted', bold: true });
      // The value starts in the first column, so a mouse selection copies nothing else.
      for (const line of wrap(value, width)) lines.push({ text: line, tone: 'plain' });
    }
    const room = Math.max(1, height - 3 - reasonLines.length - errorLine);
    const cut = lines.length > room;
    const shown = cut ? lines.slice(0, room - 1) : lines;
    return (
      <Box flexDirection="column" height={height} overflowY="hidden">
        {header}
        <Line
          text={truncate(`${SECTION_TITLE[nav.section]} · the whole row (select it with the mouse) · Esc or Enter: back`, width)}
          tone="key"
          bold
        />
        {shown.map((line, i) => (
          <Line key={i} text={line.text} tone={line.tone} bold={line.bold} />
        ))}
        {cut ? (
          <Line text={truncate(`… ${lines.length - shown.length} more lines: a taller terminal shows them`, width)} tone="muted" />
        ) : null}
      </Box>
    );
  }

  const sectionLine = SECTIONS.map((section) => {
    const count = section === 'events' && data?.nextToken ? `${totals[section]}+` : String(totals[section]);
    const label = `${SECTION_TITLE[section]} ${count}`;
    return section === nav.section ? `[${label}]` : ` ${label} `;
  }).join(' ');
  const keyCells = keyWidth(
    rows.map((r) => ('key' in r ? r.key : '')),
    width - 2,
  );
  const { start, end } = visibleRange(window.offset, listHeight, rows.length);
  const empty =
    rows.length === 0 ? (nav.section === 'outputs' ? 'This stack declares no outputs.' : `This stack has no ${nav.section}.`) : undefined;
  const detailRoom = detailHeight - 1;
  const detailShown =
    detail.length > detailRoom
      ? [...detail.slice(0, detailRoom - 1), truncate(`${detail[detailRoom - 1]} … (Enter shows it whole)`, width)]
      : detail;
  const position = rows.length > 0 ? `${window.cursor + 1}/${rows.length}` : '';
  const olderNote = stack.loadingOlder
    ? ' · loading older events…'
    : stack.olderError !== undefined
      ? ` · older events: ${errorMessage(stack.olderError)}`
      : '';

  return (
    <Box flexDirection="column" height={height} overflowY="hidden">
      {header}
      <Text wrap="truncate">
        <Text {...toneProps(theme, 'accent', { bold: true })}>{sectionLine}</Text>
        <Text {...toneProps(theme, 'muted')}>{truncate(`  ${position}${olderNote}`, Math.max(0, width - sectionLine.length))}</Text>
      </Text>
      <Box flexDirection="column" height={listHeight} overflowY="hidden">
        {empty ? <Line text={truncate(`  ${empty}`, width)} tone="muted" /> : null}
        {rows.slice(start, end).map((row, index) => {
          const isSelected = start + index === window.cursor;
          const prefix = isSelected ? '› ' : '  ';
          if (nav.section !== 'events') {
            return (
              <Line key={index} text={prefix + pairLine(row as StackOutput, keyCells, width - 2)} inverse={isSelected} bold={isSelected} />
            );
          }
          const line = eventLine(row as StackEvent, width - 2);
          const before = line.text.slice(0, line.markAt);
          const markText = line.text.slice(line.markAt);
          return (
            <Text key={index} wrap="truncate" {...toneProps(theme, 'plain', { inverse: isSelected, bold: isSelected })}>
              {prefix}
              {before}
              <Text {...toneProps(theme, line.mark.tone, { inverse: isSelected, bold: isSelected })}>
                {markText.slice(0, 2 + line.mark.word.length)}
              </Text>
              {markText.slice(2 + line.mark.word.length)}
            </Text>
          );
        })}
      </Box>
      <Line text={rule(selected ? (nav.section === 'events' ? 'reason' : 'value') : '', width)} tone="muted" />
      {detailShown.map((line, i) => (
        <Line key={i} text={line} />
      ))}
    </Box>
  );
}
