// The Stack view's lines as plain data (pure, tested without rendering): the rows of each section
// fitted to the width — outputs and parameters as key → value with long values shortened in the
// middle, events as time, status, resource and reason — and the whole text of one row wrapped.
import type { StackEvent, StackOutput, StackParameter } from '../../../core/stack.js';
import { fit, shortenMiddle, truncate, displayWidth, sanitize } from '../../text.js';
import { statusMark, type StatusMark } from './stack-status.js';

export type StackSection = 'outputs' | 'parameters' | 'events';
export const SECTIONS: readonly StackSection[] = ['outputs', 'parameters', 'events'];
export const SECTION_TITLE: Record<StackSection, string> = { outputs: 'Outputs', parameters: 'Parameters', events: 'Events' };

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/** `MM-DD HH:MM:SS` in local time: events span days, and seconds matter while one runs. */
export function eventTime(at: Date): string {
  return `${pad2(at.getMonth() + 1)}-${pad2(at.getDate())} ${pad2(at.getHours())}:${pad2(at.getMinutes())}:${pad2(at.getSeconds())}`;
}

/** The key column: as wide as the longest key, within a third of the width. */
export function keyWidth(keys: readonly string[], width: number): number {
  const longest = keys.reduce((most, key) => Math.max(most, displayWidth(key)), 0);
  return Math.max(8, Math.min(longest, Math.floor(width / 3)));
}

/** `Key   value` with the value shortened in its middle (bucket names, ARNs and URLs keep both ends). */
export function pairLine(entry: StackOutput | StackParameter, keyCells: number, width: number): string {
  const room = Math.max(1, width - keyCells - 2);
  return `${fit(entry.key, keyCells)}  ${shortenMiddle(entry.value === '' ? '(empty)' : entry.value, room)}`;
}

export interface EventLine {
  text: string;
  mark: StatusMark;
  /** Where the mark sits in `text`, for the tone. */
  markAt: number;
}

const TIME = 14;

/** One event: time, mark + status word, resource (and its type when there is room), reason. */
export function eventLine(event: StackEvent, width: number): EventLine {
  const mark = statusMark(event.status);
  // The reason matters more than the resource type: the type shows only on wide terminals.
  const statusCells = width >= 110 ? 26 : 22;
  const resourceCells = width >= 110 ? 26 : 20;
  const typeCells = width >= 150 ? 28 : 0;
  let text = `${eventTime(event.at)} ${mark.symbol} ${fit(mark.word, statusCells)} ${fit(event.logicalId, resourceCells)}`;
  if (typeCells > 0) text += ` ${fit(event.resourceType, typeCells)}`;
  const room = width - displayWidth(text) - 1;
  if (event.reason && room > 3) text += ` ${truncate(event.reason, room)}`;
  return { text: truncate(text, width), mark, markAt: TIME + 1 };
}

/** Text cut into lines of at most `width` cells, at spaces where it can; long words are split. */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of sanitize(paragraph).split(' ')) {
      let rest = word;
      while (displayWidth(rest) > width) {
        if (line) {
          lines.push(line);
          line = '';
        }
        lines.push(rest.slice(0, width));
        rest = rest.slice(width);
      }
      if (!line) line = rest;
      else if (displayWidth(line) + 1 + displayWidth(rest) <= width) line += ` ${rest}`;
      else {
        lines.push(line);
        line = rest;
      }
    }
    lines.push(line);
  }
  return lines;
}

/** Everything one row holds, as label/value pairs (the detail strip and the whole-value view). */
export function rowDetail(section: StackSection, entry: StackOutput | StackParameter | StackEvent): { label: string; value: string }[] {
  if (section === 'events') {
    const event = entry as StackEvent;
    return [
      { label: 'Time', value: event.at.toISOString() },
      { label: 'Resource', value: `${event.logicalId} (${event.resourceType})` },
      { label: 'Status', value: `${statusMark(event.status).symbol} ${event.status}` },
      { label: 'Reason', value: event.reason ?? '(none given)' },
    ];
  }
  const pair = entry as StackOutput;
  return [
    { label: section === 'outputs' ? 'Output' : 'Parameter', value: pair.key },
    { label: 'Value', value: pair.value === '' ? '(empty)' : pair.value },
    ...(pair.description ? [{ label: 'Description', value: pair.description }] : []),
  ];
}
