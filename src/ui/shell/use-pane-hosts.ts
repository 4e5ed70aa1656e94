// One PaneHost per listed pane: what each pane registered (bindings, refresh, status) and its
// filter text, kept by the shell so switching panes keeps them; and each pane's mailbox for the
// targets other panes send it (held until the pane mounts and listens).
import { useMemo, useRef, useState, type MutableRefObject } from 'react';
import type { PaneControls, PaneDefinition, PaneHost, PaneStatus } from './pane.js';

export interface PaneRecord {
  controls?: PaneControls;
  status?: PaneStatus;
}

function sameStatus(a: PaneStatus | undefined, b: PaneStatus): boolean {
  return (
    a !== undefined &&
    a.lastSuccess === b.lastSuccess &&
    a.staleAfterMs === b.staleAfterMs &&
    a.busy === b.busy &&
    a.error === b.error &&
    a.info === b.info
  );
}

/** What the shell does for every pane alike (pane switching, handing the terminal over). */
export interface ShellServices {
  openPane(paneId: string, target: unknown): void;
  runFullScreen<T>(work: () => Promise<T>): Promise<T>;
}

interface Mailbox {
  receive?: (target: unknown) => void;
  /** A target sent before the pane listened (it mounts when first shown); the latest wins. */
  pending?: { target: unknown };
}

export interface PaneHosts {
  hosts: Record<string, PaneHost>;
  records: Record<string, PaneRecord>;
  /** The records as of now, ahead of `records` until React renders (read them at key time). */
  latest: MutableRefObject<Record<string, PaneRecord>>;
  filters: Record<string, string>;
  setFilter(paneId: string, text: string): void;
  /** Hands a target to a pane now, or when it starts listening. */
  deliver(paneId: string, target: unknown): void;
}

export function usePaneHosts(panes: readonly PaneDefinition[], shell: MutableRefObject<ShellServices>): PaneHosts {
  const [records, setRecords] = useState<Record<string, PaneRecord>>({});
  const latest = useRef(records);
  const update = useMemo(
    () => (id: string, change: (record: PaneRecord | undefined) => PaneRecord | undefined) => {
      const next = change(latest.current[id]);
      if (next === latest.current[id]) return;
      latest.current = { ...latest.current, [id]: next as PaneRecord };
      setRecords(latest.current);
    },
    [],
  );
  const [filters, setFilters] = useState<Record<string, string>>({});
  const setFilter = useMemo(
    () => (paneId: string, text: string) => setFilters((f) => ((f[paneId] ?? '') === text ? f : { ...f, [paneId]: text })),
    [],
  );
  const mailboxes = useRef(new Map<string, Mailbox>());
  const deliver = useMemo(
    () => (paneId: string, target: unknown) => {
      const box = mailboxes.current.get(paneId) ?? {};
      mailboxes.current.set(paneId, box);
      if (box.receive) box.receive(target);
      else box.pending = { target };
    },
    [],
  );
  const listen = useMemo(
    () => (paneId: string, receive: (target: unknown) => void) => {
      const box = mailboxes.current.get(paneId) ?? {};
      mailboxes.current.set(paneId, box);
      box.receive = receive;
      const pending = box.pending;
      box.pending = undefined;
      if (pending) receive(pending.target);
      return () => {
        if (box.receive === receive) box.receive = undefined;
      };
    },
    [],
  );
  const hosts = useMemo(() => {
    const out: Record<string, PaneHost> = {};
    for (const { id } of panes) {
      out[id] = {
        setControls: (controls) => update(id, (record) => ({ ...record, controls })),
        setStatus: (status) => update(id, (record) => (sameStatus(record?.status, status) ? record : { ...record, status })),
        clearFilter: () => setFilter(id, ''),
        openPane: (pane, target) => shell.current.openPane(pane, target),
        onTarget: (receive) => listen(id, receive),
        runFullScreen: (work) => shell.current.runFullScreen(work),
      };
    }
    return out;
  }, [panes, setFilter, update, shell, listen]);
  return { hosts, records, latest, filters, setFilter, deliver };
}
