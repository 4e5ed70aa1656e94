// A one-line text field (filter, command palette) as pure state transitions.
import type { Key } from 'ink';
import { keyName, typedText } from './keys.js';

export interface LineState {
  text: string;
  cursor: number;
}

export const EMPTY_LINE: LineState = { text: '', cursor: 0 };

export function lineOf(text: string): LineState {
  return { text, cursor: text.length };
}

/** The field after one key, or undefined when the key is not an editing key. */
export function editLine(state: LineState, input: string, key: Key): LineState | undefined {
  const typed = typedText(input, key);
  const { text, cursor } = state;
  if (typed !== undefined) {
    return { text: text.slice(0, cursor) + typed + text.slice(cursor), cursor: cursor + typed.length };
  }
  switch (keyName(input, key)) {
    case 'backspace':
      if (cursor === 0) return state;
      return { text: text.slice(0, cursor - 1) + text.slice(cursor), cursor: cursor - 1 };
    case 'left':
      return { text, cursor: Math.max(0, cursor - 1) };
    case 'right':
      return { text, cursor: Math.min(text.length, cursor + 1) };
    case 'home':
    case 'ctrl-a':
      return { text, cursor: 0 };
    case 'end':
    case 'ctrl-e':
      return { text, cursor: text.length };
    case 'ctrl-u':
      return { text: text.slice(cursor), cursor: 0 };
    case 'ctrl-w': {
      const start = text.slice(0, cursor).replace(/\S+\s*$/, '').length;
      return { text: text.slice(0, start) + text.slice(cursor), cursor: start };
    }
    default:
      return undefined;
  }
}
