// Where each key goes: an open overlay (filter line, palette, help) takes every key; otherwise a
// pane's raw capture, then the binding tables in order. Pure apart from the callbacks it is
// handed, so the routing is tested without rendering.
import type { Key } from 'ink';
import { paletteEntries, resolveKey, type BindingGroup } from './bindings.js';
import { keyName } from './keys.js';
import { editLine, type LineState } from './line-edit.js';
import { clamp } from '../windowing.js';

export type Overlay =
  | { kind: 'none' }
  | { kind: 'help'; top: number }
  | { kind: 'palette'; line: LineState; selected: number }
  | { kind: 'filter'; line: LineState };

export const NO_OVERLAY: Overlay = { kind: 'none' };

export interface ShellInput {
  overlay: Overlay;
  setOverlay(overlay: Overlay): void;
  /** Dispatch order: shell-first keys, the pane's, the global ones. */
  groups: readonly BindingGroup[];
  /** What the palette offers. */
  paletteGroups: readonly BindingGroup[];
  /** Lines in the help overlay and the rows it shows per page. */
  helpLines: number;
  helpPage: number;
  setFilter(text: string): void;
  capture?: (input: string, key: Key) => boolean;
  quit(): void;
  /** A word on the status line until the next key (why a key did nothing). */
  notify(message: string | undefined): void;
}

const SCROLL: Record<string, (page: number) => number> = {
  up: () => -1,
  k: () => -1,
  down: () => 1,
  j: () => 1,
  pgup: (page) => -page,
  pgdn: (page) => page,
  space: (page) => page,
  home: () => -Infinity,
  g: () => -Infinity,
  end: () => Infinity,
  G: () => Infinity,
};

function onFilter(shell: ShellInput, line: LineState, input: string, key: Key, name: string): void {
  if (name === 'enter') return shell.setOverlay(NO_OVERLAY);
  if (name === 'esc') {
    shell.setFilter('');
    return shell.setOverlay(NO_OVERLAY);
  }
  const next = editLine(line, input, key);
  if (!next) return;
  shell.setOverlay({ kind: 'filter', line: next });
  if (next.text !== line.text) shell.setFilter(next.text);
}

function onPalette(shell: ShellInput, overlay: Extract<Overlay, { kind: 'palette' }>, input: string, key: Key, name: string): void {
  const entries = paletteEntries(shell.paletteGroups, overlay.line.text);
  if (name === 'esc') return shell.setOverlay(NO_OVERLAY);
  if (name === 'enter') {
    shell.setOverlay(NO_OVERLAY);
    const chosen = entries[overlay.selected]?.binding;
    if (chosen?.disabledReason !== undefined) shell.notify(`${chosen.description}: ${chosen.disabledReason}`);
    else chosen?.handler();
    return;
  }
  const move = name === 'up' || name === 'ctrl-p' ? -1 : name === 'down' || name === 'ctrl-n' ? 1 : 0;
  if (move !== 0) {
    return shell.setOverlay({ ...overlay, selected: clamp(overlay.selected + move, 0, Math.max(0, entries.length - 1)) });
  }
  const line = editLine(overlay.line, input, key);
  if (line) shell.setOverlay({ kind: 'palette', line, selected: 0 });
}

function onHelp(shell: ShellInput, top: number, name: string): void {
  if (name === 'esc' || name === '?' || name === 'q') return shell.setOverlay(NO_OVERLAY);
  if (name === 'ctrl-c') return shell.quit();
  const scroll = SCROLL[name];
  if (!scroll) return;
  const last = Math.max(0, shell.helpLines - shell.helpPage);
  shell.setOverlay({ kind: 'help', top: clamp(top + scroll(shell.helpPage), 0, last) });
}

const NO_KEY: Key = {
  upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false,
  home: false, end: false, return: false, escape: false, ctrl: false, shift: false, tab: false,
  backspace: false, delete: false, meta: false, super: false, hyper: false, capsLock: false, numLock: false,
};

/**
 * Ink hands typed-ahead or pasted text over as one chunk ("abc\r"): split it so the text is typed
 * and the Enter still submits.
 */
export function splitChunk(input: string, key: Key): [string, Key][] {
  if (input.length < 2 || !/[\r\n]/.test(input) || key.ctrl || key.meta) return [[input, key]];
  return input
    .split(/([\r\n])/)
    .filter((part) => part !== '')
    .map((part): [string, Key] => (part === '\r' || part === '\n' ? ['', { ...NO_KEY, return: true }] : [part, NO_KEY]));
}

export function routeKey(shell: ShellInput, input: string, key: Key): void {
  const name = keyName(input, key);
  const { overlay } = shell;
  switch (overlay.kind) {
    case 'filter':
      return onFilter(shell, overlay.line, input, key, name);
    case 'palette':
      return onPalette(shell, overlay, input, key, name);
    case 'help':
      return onHelp(shell, overlay.top, name);
    case 'none': {
      shell.notify(undefined);
      if (shell.capture?.(input, key)) return;
      const binding = resolveKey(shell.groups, name);
      if (binding?.disabledReason !== undefined) shell.notify(`${binding.description}: ${binding.disabledReason}`);
      else binding?.handler();
    }
  }
}
