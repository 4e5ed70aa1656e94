// `?` help, generated from the same binding tables the keys are dispatched from.
import { Box, Text } from 'ink';
import type { HelpSection } from './bindings.js';
import { toneProps, useTheme, type Tone } from '../theme.js';
import { fit, truncate } from '../text.js';

export interface HelpLine {
  text: string;
  tone: Tone;
  bold?: boolean;
}

const KEY_WIDTH = 22;

/** Help as lines, so the overlay can scroll them like any other list. */
export function helpLines(sections: readonly HelpSection[], width: number): HelpLine[] {
  const lines: HelpLine[] = [];
  for (const section of sections) {
    // A blank line needs a space: Ink gives an empty <Text> no height.
    if (lines.length > 0) lines.push({ text: ' ', tone: 'plain' });
    lines.push({ text: section.title, tone: 'accent', bold: true });
    for (const row of section.rows) {
      const note = row.enabled ? '' : ` (${row.reason ?? 'not available here'})`;
      lines.push({
        text: truncate(`  ${fit(row.keys, KEY_WIDTH)} ${row.description}${note}`, width),
        tone: row.enabled ? 'plain' : 'muted',
      });
    }
  }
  return lines;
}

export interface HelpOverlayProps {
  lines: readonly HelpLine[];
  top: number;
  width: number;
  height: number;
}

export function HelpOverlay({ lines, top, width, height }: HelpOverlayProps) {
  const theme = useTheme();
  const page = Math.max(1, height - 1);
  const shown = lines.slice(top, top + page);
  const more = lines.length > page ? ` · lines ${top + 1}–${top + shown.length} of ${lines.length} (↑/↓ scroll)` : '';
  return (
    <Box flexDirection="column" height={height} overflowY="hidden">
      <Text wrap="truncate" {...toneProps(theme, 'key', { bold: true })}>
        {truncate(`Help: keys for this pane and everywhere. Esc or ? closes${more}`, width)}
      </Text>
      {shown.map((line, index) => (
        <Text key={index} wrap="truncate" {...toneProps(theme, line.tone, { bold: line.bold })}>
          {line.text}
        </Text>
      ))}
    </Box>
  );
}
