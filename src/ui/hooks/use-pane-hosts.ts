// One PaneHost per listed pane: what each pane registered (bindings, refresh, status) and its
// filter text, kept by the shell so switching panes keeps them.
import { useMemo, useState } from 'react';
import type { PaneControls, PaneDefinition, PaneHost, PaneStatus } from '../panes/pane.js';

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
  filters: Record<string, string>;
  setFilter(paneId: string, text: string): void;
}

export function usePaneHosts(panes: readonly PaneDefinition[]): PaneHosts {
  const [records, setRecords] = useState<Record<string, PaneRecord>>({});
  const [filters, setFilters] = useState<Record<string, string>>({});
  const setFilter = useMemo(
    () => (paneId: string, text: string) => setFilters((f) => ((f[paneId] ?? '') === text ? f : { ...f, [paneId]: text })),
    [],
  );
  const hosts = useMemo(() => {
    const out: Record<string, PaneHost> = {};
    for (const { id } of panes) {
      out[id] = {
        setControls: (controls) => setRecords((r) => ({ ...r, [id]: { ...r[id], controls } })),
        setStatus: (status) => setRecords((r) => (sameStatus(r[id]?.status, status) ? r : { ...r, [id]: { ...r[id], status } })),
        clearFilter: () => setFilter(id, ''),
      };
    }
    return out;
  }, [panes, setFilter]);
  return { hosts, records, filters, setFilter };
}
