// What a pane is to the shell (the pane contract). A pane is a folder under ui/panes/ with a
// component and a definition listed in the registry (panes/index.ts); it talks back to the shell
// only through usePaneControls/usePaneStatus. See ui/panes/README.md.
import type { ComponentType } from 'react';
import type { Key } from 'ink';
import type { Backend } from '../../core/backend.js';
import type { Binding } from './bindings.js';

export interface PaneProps {
  backend: Backend;
  /** Shown and focused: poll and take keys only then. */
  visible: boolean;
  /** Body size in cells; render at most `height` lines. */
  width: number;
  height: number;
  /** The `/` filter text for this pane ('' for none). */
  filter: string;
}

export interface PaneDefinition {
  id: string;
  title: string;
  /** Its number key (1–9), fixed so that '3' always means the same pane. */
  slot: number;
  /**
   * Whether this backend offers the (optional) service the pane shows; unavailable panes are not
   * listed. Absent for a pane over a service every backend has.
   */
  available?(backend: Backend): boolean;
  component: ComponentType<PaneProps>;
}

export interface PaneStatus {
  /** clock.now() of the last successful refresh. */
  lastSuccess?: number;
  /** Age after which the data is flagged stale. */
  staleAfterMs?: number;
  /** A refresh or load is running. */
  busy?: boolean;
  /** The last error, in words a user can act on. */
  error?: string;
  /** One line of context (position, filter matches, auto-refresh paused…). */
  info?: string;
}

export interface PaneControls {
  /**
   * The pane's keys as of now; they take precedence over the global ones (except Esc clearing a
   * filter). Called when a key is pressed (so each key of a chunk sees the moves before it) and
   * when the shell draws; register new controls when what they show changes.
   */
  bindings(): readonly Binding[];
  /** What `r` does on this pane. */
  refresh?: () => void;
  /** Raw keys before any binding (a text editor); return true when the key was consumed. */
  captureInput?: (input: string, key: Key) => boolean;
}

export interface PaneHost {
  setControls(controls: PaneControls): void;
  setStatus(status: PaneStatus): void;
  clearFilter(): void;
}
