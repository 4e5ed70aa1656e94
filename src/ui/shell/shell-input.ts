// Where each key goes: an open overlay (filter line, palette, help) takes every key; otherwise a
// pane's raw capture, then the binding tables in order. Pure apart from the callbacks it is
// handed, so the routing is tested without rendering.
import type { Key } from 'ink';
import { paletteEntries, resolveKey, type BindingGroup } from './bindings.js';
import { keyName, typedText } from './keys.js';
import { editLine, type LineState } from './line-edit.js';
import { clamp } from '../windowing.js';

export type Overlay =
  | { kind: 'none' }
  | { kind: 'help'; top: number }
  | { kind: 'palette'; line: LineState; selected: number }
  | { kind: 'filter'; line: LineState }
  /** Quitting with work in flight: what would be cancelled, and the exit status asked for. */
  | { kind: 'quit'; work: readonly string[]; code: number }
  /** The Stack view (ui/views/stack): its own key table until it closes. */
  | { kind: 'stack' };

export const NO_OVERLAY: Overlay = { kind: 'none' };

export interface ShellInput {
  overlay: Overlay;
  setOverlay(overlay: Overlay): void;
  /** Dispatch order: shell-first keys, the pane's, the global ones. */
  groups: readonly BindingGroup[];
  /** What the palette offers. */
  paletteGroups: readonly BindingGroup[];
  /** The keys of the open view (the Stack view), when one is open. */
  viewGroups: readonly BindingGroup[];
  /** Lines in the help overlay and the rows it shows per page. */
  helpLines: number;
  helpPage: number;
  setFilter(text: string): void;
  capture?: (input: string, key: Key) => boolean;
  quit(code: number): void;
  /** Cancels the work in flight, waits for it, and closes with `code`. */
  finishQuit(code: number): void;
  /** A word on the status line until the next key (why a key did nothing). */
  notify(message: string | undefined): void;
  /** The shown pane has registered its keys (false for a moment after it is first shown). */
  paneReady(): boolean;
  /** Keeps keys until the shown pane is ready. */
  defer(keys: [string, Key][]): void;
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

function onQuitQuestion(shell: ShellInput, overlay: Extract<Overlay, { kind: 'quit' }>, name: string): void {
  if (name === 'y' || name === 'Y' || name === 'enter' || name === 'ctrl-c')
    return shell.finishQuit(name === 'ctrl-c' ? 130 : overlay.code);
  if (name === 'n' || name === 'N' || name === 'esc' || name === 'q') shell.setOverlay(NO_OVERLAY);
}

function onHelp(shell: ShellInput, top: number, name: string): void {
  if (name === 'esc' || name === '?' || name === 'q') return shell.setOverlay(NO_OVERLAY);
  if (name === 'ctrl-c') return shell.quit(130);
  const scroll = SCROLL[name];
  if (!scroll) return;
  const last = Math.max(0, shell.helpLines - shell.helpPage);
  shell.setOverlay({ kind: 'help', top: clamp(top + scroll(shell.helpPage), 0, last) });
}

function onView(shell: ShellInput, name: string): void {
  shell.notify(undefined);
  if (name === 'ctrl-c') return shell.quit(130);
  const binding = resolveKey(shell.viewGroups, name);
  // A view that has not registered its keys yet (the key came in the chunk that opened it) still closes.
  if (!binding && (name === 'esc' || name === 'q')) return shell.setOverlay(NO_OVERLAY);
  if (binding?.disabledReason !== undefined) shell.notify(`${binding.description}: ${binding.disabledReason}`);
  else binding?.handler();
}

/** A key with no flag set: what Ink reports for a plain character. */
export const NO_KEY: Key = {
  upArrow: false,
  downArrow: false,
  leftArrow: false,
  rightArrow: false,
  pageDown: false,
  pageUp: false,
  home: false,
  end: false,
  return: false,
  escape: false,
  ctrl: false,
  shift: false,
  tab: false,
  backspace: false,
  delete: false,
  meta: false,
  super: false,
  hyper: false,
  capsLock: false,
  numLock: false,
};

/** One key of a plain-text chunk as Ink would report it alone. */
function keyOfChar(char: string): [string, Key] {
  const code = char.codePointAt(0) ?? 0;
  if (char === '\r' || char === '\n') return ['', { ...NO_KEY, return: true }];
  if (char === '\t') return ['', { ...NO_KEY, tab: true }];
  if (char === '\u007f' || char === '\b') return ['', { ...NO_KEY, backspace: true }];
  if (code < 0x20) return [String.fromCharCode(code + 0x60), { ...NO_KEY, ctrl: true }];
  return [char, NO_KEY];
}

/**
 * The keys of one input event. Ink already cuts a chunk at escape sequences (each arrow or Esc
 * comes whole), but hands a run of plain characters over as one input: "jj" (tmux send-keys,
 * a slow SSH link, typing ahead on a busy event loop) or "abc\r". Each character is a key.
 */
export function splitChunk(input: string, key: Key): [string, Key][] {
  if (input.length < 2 || input.startsWith('\u001b') || key.meta) return [[input, key]];
  // Ink reports a lone control character (Ctrl-C) with the letter as input; a longer chunk is text.
  return Array.from(input).map(keyOfChar);
}

const isText = ([text, key]: [string, Key]): boolean => typedText(text, key) === text;

/**
 * Routes every key of one input event in order. While a text field is open (the `/` filter, the
 * `:` palette) a run of printable characters is typed as one piece of text.
 */
export function routeChunk(shell: ShellInput, input: string, key: Key): void {
  routeKeys(shell, splitChunk(input, key));
}

/**
 * Routes keys in order. A key that reaches a pane still mounting (the `i` of "2i", after `2`
 * switched to a pane shown for the first time) waits with the rest for the pane's table.
 */
export function routeKeys(shell: ShellInput, keys: readonly [string, Key][]): void {
  for (let i = 0; i < keys.length; i++) {
    if (shell.overlay.kind === 'none' && !shell.paneReady()) return shell.defer(keys.slice(i));
    const [text, flags] = keys[i];
    const typing = shell.overlay.kind === 'filter' || shell.overlay.kind === 'palette';
    if (typing && isText(keys[i])) {
      let run = text;
      while (i + 1 < keys.length && isText(keys[i + 1])) run += keys[++i][0];
      routeKey(shell, run, NO_KEY);
    } else {
      routeKey(shell, text, flags);
    }
  }
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
    case 'quit':
      return onQuitQuestion(shell, overlay, name);
    case 'stack':
      return onView(shell, name);
    case 'none': {
      shell.notify(undefined);
      if (shell.capture?.(input, key)) return;
      const binding = resolveKey(shell.groups, name);
      if (binding?.disabledReason !== undefined) shell.notify(`${binding.description}: ${binding.disabledReason}`);
      else binding?.handler();
    }
  }
}
