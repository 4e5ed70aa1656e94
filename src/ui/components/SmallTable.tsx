// A small bordered table (a run's details, a few facts) drawn by @alcalzone/ink-table, the ESM
// fork of ink-table. Long lists use WindowedTable instead: it windows, this draws every row.
// Rows are not separated by rules (n + 3 lines for n rows, not 2n + 3), and the caller keeps every
// value within its width: ink-table sizes columns to their longest value and never cuts one.
import { Table } from '@alcalzone/ink-table';
import { Fragment, type ReactNode } from 'react';
import { Text } from 'ink';
import { toneProps, useTheme } from '../theme.js';

type Row = Record<string, string>;
type RowProps = Parameters<Table<Row>['separator']>[0];

/** ink-table without the rule between rows. */
class CompactTable extends Table<Row> {
  override separator = (props: RowProps) => <Fragment key={props.key} />;
}

/** Lines a SmallTable of `rows` rows takes: top rule, heading, rule under it, rows, bottom rule. */
export function smallTableHeight(rows: number): number {
  return rows + 3;
}

/** Width the borders and cell padding add to the sum of the column contents. */
export function smallTableChrome(columns: number): number {
  return columns + 1 + 2 * columns;
}

export interface SmallTableProps {
  columns: readonly string[];
  rows: readonly Row[];
}

export function SmallTable({ columns, rows }: SmallTableProps) {
  const theme = useTheme();
  const header = ({ children }: { children?: ReactNode }) => <Text {...toneProps(theme, 'accent', { bold: true })}>{children}</Text>;
  const cell = ({ children }: { children?: ReactNode }) => <Text>{children}</Text>;
  const skeleton = ({ children }: { children?: ReactNode }) => <Text {...toneProps(theme, 'muted')}>{children}</Text>;
  return <CompactTable data={[...rows]} columns={[...columns]} padding={1} header={header} cell={cell} skeleton={skeleton} />;
}
