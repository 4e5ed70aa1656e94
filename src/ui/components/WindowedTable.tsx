// A table that renders only the rows in view, whatever the total: one header line plus at most
// `height - 1` rows, each a single pre-fitted line (cheap for Ink to lay out), keyed by screen
// position so scrolling reuses the same nodes.
import { Box, Text } from 'ink';
import { memo } from 'react';
import { toneProps, useTheme } from '../theme.js';
import { fit, fitSegments, type Segment } from '../text.js';
import { visibleRange, type ListWindow } from '../windowing.js';

export interface TableColumn {
  title: string;
  width: number;
  align?: 'left' | 'right';
}

export type CellValue = string | readonly Segment[];

export interface WindowedTableProps {
  columns: readonly TableColumn[];
  total: number;
  window: ListWindow;
  /** Lines available, header included. */
  height: number;
  cell: (row: number, column: number) => CellValue;
  /** Shown instead of rows when there are none. */
  empty?: string;
  /** Whether the cursor row is highlighted (off while another view has the keys). */
  focused?: boolean;
}

const MARKER = '› ';
const NO_MARKER = '  ';

function rowSegments(columns: readonly TableColumn[], cell: WindowedTableProps['cell'], row: number): Segment[] {
  const out: Segment[] = [];
  columns.forEach((column, index) => {
    if (index > 0) out.push({ text: ' ' });
    const value = cell(row, index);
    const segments = typeof value === 'string' ? [{ text: value }] : value;
    out.push(...fitSegments(segments, column.width, column.align));
  });
  return out;
}

const Row = memo(function Row({ segments, selected }: { segments: Segment[]; selected: boolean }) {
  const theme = useTheme();
  const muted = toneProps(theme, 'muted');
  return (
    <Text wrap="truncate" {...toneProps(theme, 'plain', { inverse: selected, bold: selected })}>
      {selected ? MARKER : NO_MARKER}
      {segments.map((segment, index) =>
        segment.muted && !selected ? (
          <Text key={index} {...muted}>
            {segment.text}
          </Text>
        ) : (
          segment.text
        ),
      )}
    </Text>
  );
});

export function WindowedTable({ columns, total, window, height, cell, empty, focused = true }: WindowedTableProps) {
  const theme = useTheme();
  const { start, end } = visibleRange(window.offset, height - 1, total);
  const header = NO_MARKER + columns.map((c) => fit(c.title, c.width, c.align)).join(' ');
  const rows = [];
  for (let row = start; row < end; row++) {
    rows.push(<Row key={row - start} segments={rowSegments(columns, cell, row)} selected={focused && row === window.cursor} />);
  }
  return (
    <Box flexDirection="column" height={height} overflow="hidden">
      <Text wrap="truncate" {...toneProps(theme, 'muted', { bold: true })}>
        {header}
      </Text>
      {total === 0 && empty ? (
        <Text wrap="truncate" {...toneProps(theme, 'muted')}>
          {NO_MARKER + empty}
        </Text>
      ) : (
        rows
      )}
    </Box>
  );
}
