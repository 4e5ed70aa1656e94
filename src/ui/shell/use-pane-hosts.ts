// One PaneHost per listed pane: what each pane registered (bindings, refresh, status) and its
// filter text, kept by the shell so switching panes keeps them.
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

export interface PaneHosts {
  hosts: Record<string, PaneHost>;
  records: Record<string, PaneRecord>;
  /** The records as of now, ahead of `records` until React renders (read them at key time). */
  latest: MutableRefObject<Record<string, PaneRecord>>;
  filters: Record<string, string>;
  setFilter(paneId: string, text: string): void;
}

export function usePaneHosts(panes: readonly PaneDefinition[]): PaneHosts {
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
  const hosts = useMemo(() => {
    const out: Record<string, PaneHost> = {};
    for (const { id } of panes) {
      out[id] = {
        setControls: (controls) => update(id, (record) => ({ ...record, controls })),
        setStatus: (status) => update(id, (record) => (sameStatus(record?.status, status) ? record : { ...record, status })),
        clearFilter: () => setFilter(id, ''),
      };
    }
    return out;
  }, [panes, setFilter, update]);
  return { hosts, records, latest, filters, setFilter };
}
