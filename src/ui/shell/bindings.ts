// Key bindings are data: the dispatcher, the `?` help screen, the `:` palette and the status-bar
// hints all read the same tables (lazygit style), so a key cannot do something the help omits.
// A table is built by a pure function of a state snapshot and the actions (see BindingsFor), so
// it is tested without rendering; a key that cannot act now says why instead of doing nothing.
import { fuzzyRank } from '../fuzzy.js';
import { keysLabel } from './keys.js';

export interface Binding {
  /** Key names as keyName() produces them; the first one is shown in hints. */
  keys: readonly string[];
  description: string;
  handler: () => void;
  /**
   * Why the key cannot act right now (greyed in help, shown on the status line when pressed);
   * absent when it can. A binding that makes no sense in this state is left out of the table.
   */
  disabledReason?: string;
  /** Short word for the status bar; bindings without one are not hinted there. */
  hint?: string;
  /** How the hint names the key, when not the first key's label (e.g. '←/→'). */
  hintKey?: string;
  /** Keys that only make sense pressed (scrolling) stay out of the palette. */
  palette?: boolean;
  /**
   * A command people look for by name (the Stack view) stays in the palette while disabled, greyed
   * with its reason, instead of silently missing.
   */
  paletteWhenDisabled?: boolean;
}

/** How a pane or the shell builds its table: pure, from what is true now. */
export type BindingsFor<State, Actions> = (state: State, actions: Actions) => Binding[];

export interface BindingGroup {
  title: string;
  bindings: readonly Binding[];
}

export function isEnabled(binding: Binding): boolean {
  return binding.disabledReason === undefined;
}

/**
 * The binding `key` means now: the first enabled one, searching the groups in order (earlier
 * groups win); failing that the first disabled one, so the caller can say why nothing happens.
 */
export function resolveKey(groups: readonly BindingGroup[], key: string): Binding | undefined {
  let disabled: Binding | undefined;
  for (const group of groups) {
    for (const binding of group.bindings) {
      if (!binding.keys.includes(key)) continue;
      if (isEnabled(binding)) return binding;
      disabled ??= binding;
    }
  }
  return disabled;
}

export interface HelpRow {
  keys: string;
  description: string;
  enabled: boolean;
  /** Why it is greyed out. */
  reason?: string;
}

export interface HelpSection {
  title: string;
  rows: HelpRow[];
}

export function helpSections(groups: readonly BindingGroup[]): HelpSection[] {
  return groups
    .filter((group) => group.bindings.length > 0)
    .map((group) => ({
      title: group.title,
      rows: group.bindings.map((binding) => ({
        keys: keysLabel(binding.keys),
        description: binding.description,
        enabled: isEnabled(binding),
        ...(binding.disabledReason !== undefined ? { reason: binding.disabledReason } : {}),
      })),
    }));
}

export interface PaletteEntry {
  group: string;
  keys: string;
  description: string;
  binding: Binding;
  /** Why it cannot run now (a paletteWhenDisabled binding); Enter then says so. */
  disabledReason?: string;
}

/** Enabled commands matching `query`, best first (the `:` palette), and the disabled ones asked to stay. */
export function paletteEntries(groups: readonly BindingGroup[], query: string): PaletteEntry[] {
  const entries: PaletteEntry[] = [];
  for (const group of groups) {
    for (const binding of group.bindings) {
      if (binding.palette === false || (!isEnabled(binding) && !binding.paletteWhenDisabled)) continue;
      entries.push({
        group: group.title,
        keys: keysLabel(binding.keys),
        description: binding.description,
        binding,
        ...(binding.disabledReason !== undefined ? { disabledReason: binding.disabledReason } : {}),
      });
    }
  }
  return fuzzyRank(entries, query, (entry) => `${entry.description} ${entry.group}`);
}

/** `key label` pairs for the status bar, enabled bindings with a hint only. */
export function hints(groups: readonly BindingGroup[]): { key: string; label: string }[] {
  const out: { key: string; label: string }[] = [];
  const seen = new Set<string>();
  for (const group of groups) {
    for (const binding of group.bindings) {
      if (!binding.hint || !isEnabled(binding) || seen.has(binding.hint)) continue;
      seen.add(binding.hint);
      out.push({ key: binding.hintKey ?? keysLabel(binding.keys.slice(0, 1)), label: binding.hint });
    }
  }
  return out;
}
