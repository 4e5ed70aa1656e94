// One raw key on the query editor, as a pure buffer transition: text typed or pasted is inserted,
// arrows/Home/End/word jumps move, Backspace erases (terminals send DEL for it), Ctrl-D deletes
// forward, Ctrl-U / Ctrl-K / Ctrl-W kill as in readline, Ctrl-Z undoes. Keys that are not editing (run, complete, history at the edge, leave)
// are answered by the pane, not here.
import type { Key } from 'ink';
import { keyName, typedText } from '../../shell/keys.js';
import {
  backspace,
  deleteForward,
  kill,
  moveCursor,
  newline,
  undo,
  insertText,
  type Kill,
  type Move,
  type SqlBuffer,
} from './sql-buffer.js';

const MOVES: Record<string, Move> = {
  left: 'left',
  right: 'right',
  up: 'up',
  down: 'down',
  home: 'home',
  end: 'end',
  'ctrl-a': 'home',
  'ctrl-e': 'end',
  'alt-b': 'wordLeft',
  'alt-f': 'wordRight',
  'ctrl-left': 'wordLeft',
  'ctrl-right': 'wordRight',
  pgup: 'start',
  pgdn: 'finish',
};

const KILLS: Record<string, Kill> = { 'ctrl-u': 'toLineStart', 'ctrl-k': 'toLineEnd', 'ctrl-w': 'wordBack' };

/** The buffer after the key, or undefined when the key is not an editing key. */
export function editorKey(buffer: SqlBuffer, input: string, key: Key): SqlBuffer | undefined {
  const typed = typedText(input, key);
  if (typed !== undefined) return insertText(buffer, typed);
  const name = keyName(input, key);
  if ((name === 'left' || name === 'right') && key.ctrl) return moveCursor(buffer, name === 'left' ? 'wordLeft' : 'wordRight');
  const move = MOVES[name];
  if (move) return moveCursor(buffer, move);
  if (KILLS[name]) return kill(buffer, KILLS[name]);
  switch (name) {
    case 'enter':
      return newline(buffer);
    case 'backspace':
      return backspace(buffer);
    case 'ctrl-d':
      return deleteForward(buffer);
    case 'ctrl-z':
      return undo(buffer);
    default:
      return undefined;
  }
}
