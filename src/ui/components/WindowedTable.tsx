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

type Cells = Segment[][];

function rowCells(columns: readonly TableColumn[], cell: WindowedTableProps['cell'], row: number): Cells {
  return columns.map((column, index) => {
    const value = cell(row, index);
    const segments = typeof value === 'string' ? [{ text: value }] : value;
    return trimSegments(fitSegments(segments, column.width, column.align), column.align);
  });
}

/** Padding is left to the cell boxes: Ink pays per character written, spaces included. */
function trimSegments(segments: Segment[], align: TableColumn['align']): Segment[] {
  if (align === 'right') return segments.filter((s, i) => i > 0 || s.text.trim() !== '');
  return segments.filter((s, i) => i < segments.length - 1 || s.text.trim() !== '');
}

const sameCells = (a: Cells, b: Cells): boolean =>
  a.length === b.length &&
  a.every((cell, i) => cell.length === b[i].length && cell.every((s, j) => s.text === b[i][j].text && s.muted === b[i][j].muted));

interface RowProps {
  columns: readonly TableColumn[];
  cells: Cells;
  selected: boolean;
}

// The cursor row is one padded line, so its highlight spans the whole width; the others are a box
// per cell (a third cheaper for Ink to draw than padded lines).
const Row = memo(
  function Row({ columns, cells, selected }: RowProps) {
    const theme = useTheme();
    const muted = toneProps(theme, 'muted');
    const styled = (segment: Segment, index: number) =>
      segment.muted && !selected ? (
        <Text key={index} {...muted}>
          {segment.text}
        </Text>
      ) : (
        segment.text
      );
    if (selected) {
      const line = cells.flatMap((cell, i) => [
        ...(i > 0 ? [{ text: ' ' }] : []),
        ...fitSegments(cell, columns[i].width, columns[i].align),
      ]);
      return (
        <Text wrap="truncate" {...toneProps(theme, 'plain', { inverse: true, bold: true })}>
          {MARKER}
          {line.map(styled)}
        </Text>
      );
    }
    return (
      <Box height={1} paddingLeft={NO_MARKER.length}>
        {columns.map((column, i) => (
          <Box
            key={i}
            width={column.width}
            marginLeft={i > 0 ? 1 : 0}
            justifyContent={column.align === 'right' ? 'flex-end' : 'flex-start'}
          >
            {cells[i].length > 0 ? <Text wrap="truncate">{cells[i].map(styled)}</Text> : null}
          </Box>
        ))}
      </Box>
    );
  },
  (a, b) => a.selected === b.selected && a.columns === b.columns && sameCells(a.cells, b.cells),
);

export function WindowedTable({ columns, total, window, height, cell, empty, focused = true }: WindowedTableProps) {
  const theme = useTheme();
  const { start, end } = visibleRange(window.offset, height - 1, total);
  const header = NO_MARKER + columns.map((c) => fit(c.title, c.width, c.align)).join(' ');
  const rows = [];
  for (let row = start; row < end; row++) {
    rows.push(<Row key={row - start} columns={columns} cells={rowCells(columns, cell, row)} selected={focused && row === window.cursor} />);
  }
  return (
    <Box flexDirection="column" height={height} overflowY="hidden">
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
