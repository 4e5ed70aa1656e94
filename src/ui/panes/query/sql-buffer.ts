// The query editor's text as a pure value: lines, a cursor, and an undo history. Every edit
// returns a new buffer, so the editor is tested without rendering and React re-renders on
// identity. Typing a run of word characters is one undo step; every other edit is its own.

export interface SqlBuffer {
  readonly lines: readonly string[];
  readonly row: number;
  readonly col: number;
  readonly undo: readonly Snapshot[];
  /** True while the last edit was typing inside a word (the next character joins its undo step). */
  readonly typing: boolean;
}

interface Snapshot {
  lines: readonly string[];
  row: number;
  col: number;
}

const UNDO_LIMIT = 200;

export function emptyBuffer(): SqlBuffer {
  return { lines: [''], row: 0, col: 0, undo: [], typing: false };
}

export function bufferFrom(text: string): SqlBuffer {
  const lines = text.split(/\r\n|\r|\n/);
  const row = lines.length - 1;
  return { lines, row, col: lines[row].length, undo: [], typing: false };
}

export function bufferText(buffer: SqlBuffer): string {
  return buffer.lines.join('\n');
}

function edited(buffer: SqlBuffer, lines: string[], row: number, col: number, typing = false): SqlBuffer {
  const joins = typing && buffer.typing;
  const undo = joins ? buffer.undo : [...buffer.undo, { lines: buffer.lines, row: buffer.row, col: buffer.col }].slice(-UNDO_LIMIT);
  return { lines, row, col, undo, typing };
}

/** Inserts typed or pasted text at the cursor; pasted newlines (any convention) split lines. */
export function insertText(buffer: SqlBuffer, text: string): SqlBuffer {
  if (text === '') return buffer;
  const pieces = text.replace(/\t/g, '  ').split(/\r\n|\r|\n/);
  const line = buffer.lines[buffer.row];
  const before = line.slice(0, buffer.col);
  const after = line.slice(buffer.col);
  const inserted =
    pieces.length === 1 ? [before + pieces[0] + after] : [before + pieces[0], ...pieces.slice(1, -1), pieces[pieces.length - 1] + after];
  const lines = [...buffer.lines.slice(0, buffer.row), ...inserted, ...buffer.lines.slice(buffer.row + 1)];
  const row = buffer.row + pieces.length - 1;
  const col = pieces.length === 1 ? buffer.col + pieces[0].length : pieces[pieces.length - 1].length;
  return edited(buffer, lines, row, col, /^\w$/.test(text));
}

export function newline(buffer: SqlBuffer): SqlBuffer {
  return insertText(buffer, '\n');
}

export function backspace(buffer: SqlBuffer): SqlBuffer {
  const { row, col } = buffer;
  if (col > 0) {
    const line = buffer.lines[row];
    return edited(
      buffer,
      [...buffer.lines.slice(0, row), line.slice(0, col - 1) + line.slice(col), ...buffer.lines.slice(row + 1)],
      row,
      col - 1,
    );
  }
  if (row === 0) return buffer;
  const previous = buffer.lines[row - 1];
  return edited(
    buffer,
    [...buffer.lines.slice(0, row - 1), previous + buffer.lines[row], ...buffer.lines.slice(row + 1)],
    row - 1,
    previous.length,
  );
}

export function deleteForward(buffer: SqlBuffer): SqlBuffer {
  const { row, col } = buffer;
  const line = buffer.lines[row];
  if (col < line.length)
    return edited(
      buffer,
      [...buffer.lines.slice(0, row), line.slice(0, col) + line.slice(col + 1), ...buffer.lines.slice(row + 1)],
      row,
      col,
    );
  if (row === buffer.lines.length - 1) return buffer;
  return edited(buffer, [...buffer.lines.slice(0, row), line + buffer.lines[row + 1], ...buffer.lines.slice(row + 2)], row, col);
}

/** Readline's kills on the cursor's line: to its start (Ctrl-U), to its end (Ctrl-K), the word before (Ctrl-W). */
export type Kill = 'toLineStart' | 'toLineEnd' | 'wordBack';

export function kill(buffer: SqlBuffer, what: Kill): SqlBuffer {
  const { row, col } = buffer;
  const line = buffer.lines[row];
  const start = what === 'toLineStart' ? 0 : what === 'wordBack' ? line.slice(0, col).replace(/\w*\W*$/, '').length : col;
  const end = what === 'toLineEnd' ? line.length : col;
  if (start === end) return buffer;
  return edited(
    buffer,
    [...buffer.lines.slice(0, row), line.slice(0, start) + line.slice(end), ...buffer.lines.slice(row + 1)],
    row,
    start,
  );
}

export function undo(buffer: SqlBuffer): SqlBuffer {
  const last = buffer.undo[buffer.undo.length - 1];
  if (!last) return buffer;
  return { ...last, undo: buffer.undo.slice(0, -1), typing: false };
}

export type Move = 'left' | 'right' | 'up' | 'down' | 'home' | 'end' | 'wordLeft' | 'wordRight' | 'start' | 'finish';

function moved(buffer: SqlBuffer, row: number, col: number): SqlBuffer {
  return { ...buffer, row, col, typing: false };
}

export function moveCursor(buffer: SqlBuffer, move: Move): SqlBuffer {
  const { lines, row, col } = buffer;
  const line = lines[row];
  switch (move) {
    case 'left':
      return col > 0 ? moved(buffer, row, col - 1) : row > 0 ? moved(buffer, row - 1, lines[row - 1].length) : buffer;
    case 'right':
      return col < line.length ? moved(buffer, row, col + 1) : row < lines.length - 1 ? moved(buffer, row + 1, 0) : buffer;
    case 'up':
      return row > 0 ? moved(buffer, row - 1, Math.min(col, lines[row - 1].length)) : buffer;
    case 'down':
      return row < lines.length - 1 ? moved(buffer, row + 1, Math.min(col, lines[row + 1].length)) : buffer;
    case 'home':
      return moved(buffer, row, 0);
    case 'end':
      return moved(buffer, row, line.length);
    case 'start':
      return moved(buffer, 0, 0);
    case 'finish':
      return moved(buffer, lines.length - 1, lines[lines.length - 1].length);
    case 'wordLeft': {
      if (col === 0) return row > 0 ? moved(buffer, row - 1, lines[row - 1].length) : buffer;
      let c = col;
      while (c > 0 && !/\w/.test(line[c - 1])) c--;
      while (c > 0 && /\w/.test(line[c - 1])) c--;
      return moved(buffer, row, c);
    }
    case 'wordRight': {
      if (col === line.length) return row < lines.length - 1 ? moved(buffer, row + 1, 0) : buffer;
      let c = col;
      while (c < line.length && !/\w/.test(line[c])) c++;
      while (c < line.length && /\w/.test(line[c])) c++;
      return moved(buffer, row, c);
    }
  }
}

/** ↑ on the first line and ↓ on the last go to the history instead. */
export function atFirstLine(buffer: SqlBuffer): boolean {
  return buffer.row === 0;
}

export function atLastLine(buffer: SqlBuffer): boolean {
  return buffer.row === buffer.lines.length - 1;
}

/** Enter runs the query when the text ends with `;` and the cursor is at the end (psql's habit). */
export function endsStatement(buffer: SqlBuffer): boolean {
  const atEnd = atLastLine(buffer) && buffer.col === buffer.lines[buffer.row].length;
  return atEnd && /;\s*$/.test(bufferText(buffer));
}

/** Offset of the cursor in the text (for completion). */
export function cursorOffset(buffer: SqlBuffer): number {
  return buffer.lines.slice(0, buffer.row).reduce((n, line) => n + line.length + 1, 0) + buffer.col;
}
