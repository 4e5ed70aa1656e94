// The console shell: header, pane tabs, the active pane, overlays (help, palette) and the status
// bar, sized to stay one line short of the terminal (Ink clears the screen on taller frames).
// Boxes clip only vertically: every line is already cut to the width, and horizontal clipping
// would make Ink re-slice each line of every frame.
import { Box, Text, useApp, useInput, type Key } from 'ink';
import { memo, useCallback, useMemo, useRef, useState } from 'react';
import type { Backend } from '../../core/backend.js';
import { helpSections, hints, paletteEntries, type BindingGroup } from './bindings.js';
import { CommandPalette } from './CommandPalette.js';
import { Header } from './Header.js';
import { HelpOverlay, helpLines } from './HelpOverlay.js';
import { StatusBar } from './StatusBar.js';
import { Tabs } from './Tabs.js';
import { usePaneHosts } from './use-pane-hosts.js';
import { useTerminalSize } from './use-terminal-size.js';
import { lineOf, EMPTY_LINE } from './line-edit.js';
import { availablePanes, PANES } from '../panes/index.js';
import { PaneHostContext } from './pane-host.js';
import type { PaneDefinition, PaneHost, PaneProps } from './pane.js';
import { globalBindings, shellFirstBindings, type ShellActions, type ShellState } from './global-bindings.js';
import { NO_OVERLAY, routeKey, splitChunk, type Overlay, type ShellInput } from './shell-input.js';

export interface AppProps {
  backend: Backend;
  panes?: readonly PaneDefinition[];
  /** Called by `q`; defaults to unmounting the Ink app. */
  onQuit?: () => void;
}

export const MIN_COLUMNS = 40;
export const MIN_ROWS = 8;
/** Header, tabs and the two status lines. */
const CHROME = 4;

const PaneSlot = memo(function PaneSlot({ definition, host, ...props }: PaneProps & { definition: PaneDefinition; host: PaneHost }) {
  const Component = definition.component;
  return (
    <PaneHostContext.Provider value={host}>
      <Box display={props.visible ? 'flex' : 'none'} height={props.height} flexDirection="column" overflowY="hidden">
        <Component {...props} />
      </Box>
    </PaneHostContext.Provider>
  );
});

export function App({ backend, panes = PANES, onQuit }: AppProps) {
  const { exit } = useApp();
  const { columns, rows } = useTerminalSize();
  const listed = useMemo(() => availablePanes(backend, panes), [backend, panes]);
  const [activeId, setActiveId] = useState(listed[0]?.id);
  const [overlay, setOverlay] = useState<Overlay>(NO_OVERLAY);
  // A pane mounts the first time it is shown and then stays mounted (keeping its place), so
  // start-up renders one pane only.
  const [opened, setOpened] = useState<ReadonlySet<string>>(() => new Set(listed.slice(0, 1).map((p) => p.id)));
  const { hosts, records, latest, filters, setFilter } = usePaneHosts(listed);
  const active = listed.find((p) => p.id === activeId) ?? listed[0];
  const record = active ? records[active.id] : undefined;
  const filter = active ? (filters[active.id] ?? '') : '';
  const height = Math.max(1, rows - 1);
  const bodyHeight = Math.max(1, height - CHROME);

  // Keys are routed from refs: the keys of one input chunk arrive before React renders.
  const activeRef = useRef(active?.id);
  activeRef.current = active?.id;
  const show = useCallback((id: string | undefined) => {
    if (id === undefined) return;
    activeRef.current = id;
    setActiveId(id);
    setOpened((set) => (set.has(id) ? set : new Set([...set, id])));
  }, []);
  const live = useRef({ filter, listed });
  live.current = { filter, listed };
  const [notice, setNotice] = useState<string | undefined>(undefined);
  const recordNow = useCallback(() => (activeRef.current ? latest.current[activeRef.current] : undefined), [latest]);
  const actions = useMemo<ShellActions>(
    () => ({
      toggleHelp: () => setOverlay((o) => (o.kind === 'help' ? NO_OVERLAY : { kind: 'help', top: 0 })),
      openPalette: () => setOverlay({ kind: 'palette', line: EMPTY_LINE, selected: 0 }),
      openFilter: () => setOverlay({ kind: 'filter', line: lineOf(live.current.filter) }),
      clearFilter: () => activeRef.current && setFilter(activeRef.current, ''),
      refresh: () => recordNow()?.controls?.refresh?.(),
      goTo: (id) => show(id),
      cycle: (step) => {
        const all = live.current.listed;
        const index = all.findIndex((p) => p.id === activeRef.current);
        show(all[(index + step + all.length) % all.length]?.id);
      },
      quit: () => (onQuit ? onQuit() : exit()),
    }),
    [exit, onQuit, setFilter, show, recordNow],
  );

  // The tables as of now: at key time from the refs (the keys of one chunk come before React
  // renders), when drawing from the same refs, which the render has just brought up to date.
  const groupsNow = (): { shellFirst: BindingGroup; pane: BindingGroup; globals: BindingGroup } => {
    const state: ShellState = {
      panes: live.current.listed,
      canRefresh: recordNow()?.controls?.refresh !== undefined,
      filterActive: live.current.filter !== '',
    };
    const pane = live.current.listed.find((p) => p.id === activeRef.current);
    return {
      shellFirst: { title: 'Filter', bindings: shellFirstBindings(state, actions) },
      pane: { title: pane ? `${pane.title} pane` : 'Pane', bindings: recordNow()?.controls?.bindings() ?? [] },
      globals: { title: 'Global', bindings: globalBindings(state, actions) },
    };
  };
  const { shellFirst, pane: paneGroup, globals } = groupsNow();
  const help = helpLines(helpSections([paneGroup, globals, shellFirst]), columns);

  const shell = useRef<ShellInput | null>(null);
  shell.current = {
    overlay,
    // Also updated in place: the pieces of one input chunk are routed before React re-renders.
    setOverlay: (next) => {
      if (shell.current) shell.current.overlay = next;
      setOverlay(next);
    },
    get groups() {
      const now = groupsNow();
      return [now.shellFirst, now.pane, now.globals];
    },
    paletteGroups: [paneGroup, globals, shellFirst],
    helpLines: help.length,
    helpPage: Math.max(1, bodyHeight - 1),
    setFilter: (text) => activeRef.current && setFilter(activeRef.current, text),
    get capture() {
      return recordNow()?.controls?.captureInput;
    },
    quit: actions.quit,
    notify: setNotice,
  };
  const onInput = useCallback((input: string, key: Key) => {
    for (const [text, flags] of splitChunk(input, key)) if (shell.current) routeKey(shell.current, text, flags);
  }, []);
  useInput(onInput);

  if (columns < MIN_COLUMNS || rows < MIN_ROWS) {
    return <Text wrap="truncate">{`Terminal too small: ${columns}×${rows}, lakedeck needs ${MIN_COLUMNS}×${MIN_ROWS}. q quits.`}</Text>;
  }
  const editing = overlay.kind === 'filter';
  return (
    <Box flexDirection="column" width={columns} height={height} overflowY="hidden">
      <Header backend={backend} width={columns} />
      <Tabs panes={listed} activeId={active?.id} />
      <Box height={bodyHeight} flexDirection="column" overflowY="hidden">
        {overlay.kind === 'help' ? <HelpOverlay lines={help} top={overlay.top} width={columns} height={bodyHeight} /> : null}
        {overlay.kind === 'palette' ? (
          <CommandPalette
            line={overlay.line}
            entries={paletteEntries(shell.current.paletteGroups, overlay.line.text)}
            selected={overlay.selected}
            width={columns}
            height={bodyHeight}
          />
        ) : null}
        {listed.filter((pane) => opened.has(pane.id)).map((pane) => (
          <PaneSlot
            key={pane.id}
            definition={pane}
            host={hosts[pane.id]}
            backend={backend}
            visible={pane.id === active?.id && (overlay.kind === 'none' || editing)}
            width={columns}
            height={bodyHeight}
            filter={filters[pane.id] ?? ''}
          />
        ))}
      </Box>
      <StatusBar
        width={columns}
        status={record?.status}
        notice={notice}
        hints={hints([shellFirst, paneGroup, globals])}
        calls={backend.calls}
        filter={{ text: editing ? overlay.line.text : filter, editing, cursor: editing ? overlay.line.cursor : filter.length }}
      />
    </Box>
  );
}
