// The query editor's pure parts: the text buffer (cursor moves, word jumps, multi-line paste,
// undo, Enter-after-`;`) and completion from the catalog, tested without rendering.
import { describe, expect, it } from 'vitest';
import type { CatalogTable } from '../../src/core/query.js';
import {
  backspace,
  bufferFrom,
  bufferText,
  cursorOffset,
  deleteForward,
  emptyBuffer,
  endsStatement,
  insertText,
  moveCursor,
  newline,
  undo,
  type Move,
  type SqlBuffer,
} from '../../src/ui/panes/query/sql-buffer.js';
import { complete, tableAliases } from '../../src/ui/panes/query/sql-completion.js';

function type(buffer: SqlBuffer, text: string): SqlBuffer {
  return [...text].reduce((b, ch) => (ch === '\n' ? newline(b) : insertText(b, ch)), buffer);
}

function moves(buffer: SqlBuffer, ...list: Move[]): SqlBuffer {
  return list.reduce(moveCursor, buffer);
}

describe('SQL buffer', () => {
  it('types over several lines and keeps the cursor at the end', () => {
    const b = type(emptyBuffer(), 'SELECT 1\nFROM t');
    expect(b.lines).toEqual(['SELECT 1', 'FROM t']);
    expect([b.row, b.col]).toEqual([1, 6]);
  });

  it('moves by character across line ends, and up/down keep the column within the line', () => {
    const b = bufferFrom('SELECT *\nFROM covid_cases');
    expect(moves(b, 'home', 'left')).toMatchObject({ row: 0, col: 8 });
    expect(moves(b, 'up')).toMatchObject({ row: 0, col: 8 });
    expect(moves(b, 'start', 'end', 'right')).toMatchObject({ row: 1, col: 0 });
    expect(moves(b, 'start', 'left')).toMatchObject({ row: 0, col: 0 });
    expect(moves(b, 'finish', 'right')).toMatchObject({ row: 1, col: 16 });
  });

  it('jumps by word over punctuation and across lines', () => {
    const b = bufferFrom('SELECT t.case_id, sex\nFROM covid_cases t');
    expect(moves(b, 'wordLeft')).toMatchObject({ row: 1, col: 17 });
    expect(moves(b, 'wordLeft', 'wordLeft')).toMatchObject({ row: 1, col: 5 });
    expect(moves(b, 'start', 'wordRight')).toMatchObject({ col: 6 });
    expect(moves(b, 'start', 'wordRight', 'wordRight', 'wordRight')).toMatchObject({ col: 16 });
    expect(moves(b, 'start', 'end', 'wordRight')).toMatchObject({ row: 1, col: 0 });
  });

  it('pastes many lines at once (any newline convention) in the middle of a line', () => {
    const b = moves(bufferFrom('SELECT  FROM t'), 'home', 'wordRight', 'right');
    const pasted = insertText(b, 'a,\r\nb,\rc\n');
    expect(bufferText(pasted)).toBe('SELECT a,\nb,\nc\n FROM t');
    expect([pasted.row, pasted.col]).toEqual([3, 0]);
    expect(bufferText(undo(pasted))).toBe('SELECT  FROM t');
  });

  it('joins lines on backspace at a line start and delete at a line end', () => {
    const b = moves(bufferFrom('SELECT 1\nFROM t'), 'home');
    expect(backspace(b)).toMatchObject({ lines: ['SELECT 1FROM t'], row: 0, col: 8 });
    expect(deleteForward(moves(b, 'up', 'end'))).toMatchObject({ lines: ['SELECT 1FROM t'] });
    const atStart = moves(b, 'start');
    expect(backspace(atStart)).toBe(atStart);
  });

  it('undoes a typed word as one step, and other edits one by one', () => {
    let b = type(emptyBuffer(), 'SELECT count');
    b = backspace(b);
    expect(bufferText(b)).toBe('SELECT coun');
    b = undo(b);
    expect(bufferText(b)).toBe('SELECT count');
    b = undo(b);
    expect(bufferText(b)).toBe('SELECT ');
    b = undo(b);
    expect(bufferText(b)).toBe('SELECT');
    expect(bufferText(undo(undo(b)))).toBe('');
  });

  it('Enter runs only after a closing ; with the cursor at the end', () => {
    expect(endsStatement(bufferFrom('SELECT 1;'))).toBe(true);
    expect(endsStatement(bufferFrom('SELECT 1'))).toBe(false);
    expect(endsStatement(moves(bufferFrom('SELECT 1;'), 'left'))).toBe(false);
    expect(cursorOffset(bufferFrom('ab\ncd'))).toBe(5);
  });
});

const TABLES: CatalogTable[] = [
  {
    name: 'covid_cases',
    columns: [
      { name: 'case_id', type: 'bigint' },
      { name: 'sex', type: 'string' },
      { name: 'report_date', type: 'date' },
    ],
    partitionKeys: ['report_date'],
  },
  { name: 'cases_daily_by_department', columns: [{ name: 'new_cases', type: 'bigint' }], partitionKeys: [] },
  {
    name: 'departments',
    columns: [
      { name: 'department_code', type: 'string' },
      { name: 'population', type: 'bigint' },
    ],
    partitionKeys: [],
  },
];

describe('SQL completion', () => {
  it('offers tables after FROM and JOIN', () => {
    expect(complete('SELECT * FROM ca', 16, TABLES)).toEqual({ prefix: 'ca', items: ['cases_daily_by_department'] });
    expect(complete('SELECT * FROM covid_cases c JOIN ', 33, TABLES).items).toEqual([
      'covid_cases',
      'cases_daily_by_department',
      'departments',
    ]);
  });

  it('offers the columns of an aliased table after `alias.`', () => {
    const text = 'SELECT c. FROM covid_cases c JOIN departments d ON d.department_code = c.sex';
    expect(complete(text, 9, TABLES)).toEqual({ prefix: '', items: ['case_id', 'sex', 'report_date'] });
    expect(complete('SELECT d.po FROM departments AS d', 11, TABLES)).toEqual({ prefix: 'po', items: ['population'] });
    expect(tableAliases('FROM covid_cases WHERE x', TABLES).has('where')).toBe(false);
  });

  it('offers columns of the tables read, keywords and functions elsewhere', () => {
    expect(complete('SELECT re FROM covid_cases', 9, TABLES).items).toEqual(['report_date', 'regexp_like']);
    expect(complete('SELECT * FROM covid_cases WHERE se', 34, TABLES).items).toEqual(['sex', 'SELECT']);
    expect(complete('SELECT ', 7, TABLES).items).toEqual([]);
  });
});
