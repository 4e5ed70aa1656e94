// Ink reports a key as (input, flags); bindings name keys as plain strings ('q', 'ctrl-c',
// 'down', 'shift-tab') so the binding tables stay data that tests and the help screen can read.
import type { Key } from 'ink';

export function keyName(input: string, key: Key): string {
  if (key.upArrow) return 'up';
  if (key.downArrow) return 'down';
  if (key.leftArrow) return 'left';
  if (key.rightArrow) return 'right';
  if (key.pageUp) return 'pgup';
  if (key.pageDown) return 'pgdn';
  if (key.home) return 'home';
  if (key.end) return 'end';
  if (key.return) return 'enter';
  if (key.escape) return 'esc';
  if (key.tab) return key.shift ? 'shift-tab' : 'tab';
  // Terminals send DEL (0x7f) for the Backspace key, which Ink names 'delete'.
  if (key.backspace || key.delete) return 'backspace';
  if (key.ctrl && input.length === 1) return `ctrl-${input.toLowerCase()}`;
  if (key.meta && input.length === 1) return `alt-${input}`;
  if (input === ' ') return 'space';
  return input;
}

/** A printable character typed into a text field, or undefined for a control key. */
export function typedText(input: string, key: Key): string | undefined {
  if (key.ctrl || key.meta || key.escape || key.return || key.tab) return undefined;
  if (key.upArrow || key.downArrow || key.leftArrow || key.rightArrow) return undefined;
  if (key.pageUp || key.pageDown || key.home || key.end || key.backspace || key.delete) return undefined;
  const text = input.replace(/[\u0000-\u001f\u007f]/g, '');
  return text === '' ? undefined : text;
}

const KEY_LABELS: Record<string, string> = {
  up: '↑',
  down: '↓',
  left: '←',
  right: '→',
  pgup: 'PgUp',
  pgdn: 'PgDn',
  home: 'Home',
  end: 'End',
  enter: 'Enter',
  esc: 'Esc',
  tab: 'Tab',
  'shift-tab': 'S-Tab',
  backspace: 'Bksp',
  space: 'Space',
};

export function keyLabel(name: string): string {
  const label = KEY_LABELS[name];
  if (label) return label;
  if (name.startsWith('ctrl-')) return `Ctrl-${name.slice(5).toUpperCase()}`;
  if (name.startsWith('alt-')) return `Alt-${name.slice(4)}`;
  return name;
}

export function keysLabel(names: readonly string[]): string {
  return names.map(keyLabel).join('/');
}
