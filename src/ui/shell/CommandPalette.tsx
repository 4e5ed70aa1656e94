// `:` command palette: fuzzy search over the same bindings, Enter runs the highlighted one.
import { Box, Text } from 'ink';
import type { PaletteEntry } from './bindings.js';
import type { LineState } from './line-edit.js';
import { toneProps, useTheme } from '../theme.js';
import { fit, truncate } from '../text.js';
import { followCursor } from '../windowing.js';

export interface CommandPaletteProps {
  line: LineState;
  entries: readonly PaletteEntry[];
  selected: number;
  width: number;
  height: number;
}

export function CommandPalette({ line, entries, selected, width, height }: CommandPaletteProps) {
  const theme = useTheme();
  const page = Math.max(1, height - 2);
  const offset = followCursor(0, selected, page, entries.length);
  const keysWidth = 16;
  const descWidth = Math.max(10, width - keysWidth - 16);
  return (
    <Box flexDirection="column" height={height} overflowY="hidden">
      <Text wrap="truncate">
        <Text {...toneProps(theme, 'key', { bold: true })}>: </Text>
        <Text>{line.text.slice(0, line.cursor)}</Text>
        <Text {...toneProps(theme, 'plain', { inverse: true })}>{line.text.slice(line.cursor, line.cursor + 1) || '_'}</Text>
        <Text>{line.text.slice(line.cursor + 1)}</Text>
      </Text>
      <Text wrap="truncate" {...toneProps(theme, 'muted')}>
        {truncate(`${entries.length} command${entries.length === 1 ? '' : 's'} · ↑/↓ choose · Enter runs · Esc closes`, width)}
      </Text>
      {entries.length === 0 ? <Text {...toneProps(theme, 'muted')}> no command matches</Text> : null}
      {entries.slice(offset, offset + page).map((entry, index) => {
        const isSelected = offset + index === selected;
        if (entry.disabledReason !== undefined) {
          // Greyed, and when highlighted its reason in full on the line below.
          return (
            <Box key={index} flexDirection="column">
              <Text wrap="truncate" {...toneProps(theme, 'muted', { inverse: isSelected, bold: isSelected })}>
                {isSelected ? '› ' : '  '}
                {fit(`${entry.description} (unavailable)`, descWidth)} {fit(entry.keys, keysWidth)} {entry.group}
              </Text>
              {isSelected ? (
                <Text wrap="truncate" {...toneProps(theme, 'muted')}>
                  {truncate(`    ${entry.disabledReason}`, width)}
                </Text>
              ) : null}
            </Box>
          );
        }
        return (
          <Text key={index} wrap="truncate" {...toneProps(theme, 'plain', { inverse: isSelected, bold: isSelected })}>
            {isSelected ? '› ' : '  '}
            {fit(entry.description, descWidth)} {fit(entry.keys, keysWidth)} {entry.group}
          </Text>
        );
      })}
    </Box>
  );
}
