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

/**
 * Where another pane can send the user, by pane id: each pane that takes a target declares its
 * shape by augmenting this interface from its own folder (`declare module '…/shell/pane.js'`), so
 * the sender is type-checked against the receiver while the shell only carries an opaque value.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface PaneTargets {}

export type PaneTargetId = keyof PaneTargets & string;

export interface PaneHost {
  setControls(controls: PaneControls): void;
  setStatus(status: PaneStatus): void;
  clearFilter(): void;
  /**
   * Shows another pane at a target (the Steps pane at a step): the target pane receives it through
   * usePaneTarget, also when it mounts only now. Says on the status line when that pane is not
   * available on this backend.
   */
  openPane<Id extends PaneTargetId>(pane: Id, target: PaneTargets[Id]): void;
  /** How this pane takes the targets sent to it (usePaneTarget); returns the unsubscribe. */
  onTarget(receive: (target: unknown) => void): () => void;
  /**
   * Hands the terminal to an external program (a pager, an editor) for the length of `work`:
   * the console stops drawing and reading keys, leaves the alternate screen and raw mode, and
   * afterwards takes the screen back and redraws all of it. `work` spawns with stdio inherited.
   */
  runFullScreen<T>(work: () => Promise<T>): Promise<T>;
}
