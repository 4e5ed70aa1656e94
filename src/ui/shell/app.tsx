// The console shell: header, pane tabs, the active pane, overlays (help, palette) and the status
// bar, sized to stay one line short of the terminal (Ink clears the screen on taller frames).
// Boxes clip only vertically: every line is already cut to the width, and horizontal clipping
// would make Ink re-slice each line of every frame.
import { Box, Text, useApp, useInput, type Key } from 'ink';
import { memo, useCallback, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { activityText } from '../../core/activity.js';
import type { Backend } from '../../core/backend.js';
import { useActivities } from '../hooks/use-activities.js';
import { helpSections, hints, paletteEntries, type BindingGroup } from './bindings.js';
import { CommandPalette } from './CommandPalette.js';
import { Header } from './Header.js';
import { HelpOverlay, helpLines } from './HelpOverlay.js';
import { StatusBar } from './StatusBar.js';
import { Tabs } from './Tabs.js';
import { CANCEL_ON_EXIT_MS, ConsoleLifecycle } from './lifecycle.js';
import { LifecycleContext } from './use-work-in-flight.js';
import { QuitQuestion } from './QuitQuestion.js';
import { usePaneHosts, type ShellServices } from './use-pane-hosts.js';
import { useFullScreen } from './use-full-screen.js';
import { useScreenRedraw } from './use-screen-redraw.js';
import { useTerminalSize } from './use-terminal-size.js';
import { lineOf, EMPTY_LINE } from './line-edit.js';
import { availablePanes, PANES } from '../panes/index.js';
import { PaneHostContext } from './pane-host.js';
import type { PaneDefinition, PaneHost, PaneProps } from './pane.js';
import { globalBindings, shellFirstBindings, type ShellActions, type ShellState } from './global-bindings.js';
import { NO_OVERLAY, routeChunk, routeKeys, type Overlay, type ShellInput } from './shell-input.js';
import { StackView, stackUnavailableReason, type StackViewControls } from '../views/stack/index.js';

export interface AppProps {
  backend: Backend;
  panes?: readonly PaneDefinition[];
  /** Called on quit with the exit status (after work in flight settled); defaults to unmounting the Ink app. */
  onQuit?: (code: number) => void;
  /** Work panes register to be cancelled on quit; the console passes its own so signals reach it. */
  lifecycle?: ConsoleLifecycle;
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

export function App({ backend, panes = PANES, onQuit, lifecycle: given }: AppProps) {
  const { exit } = useApp();
  const [own] = useState(() => new ConsoleLifecycle());
  const lifecycle = given ?? own;
  const { columns, rows } = useTerminalSize();
  const redraw = useScreenRedraw();
  const listed = useMemo(() => availablePanes(backend, panes), [backend, panes]);
  const [activeId, setActiveId] = useState(listed[0]?.id);
  const [overlay, setOverlay] = useState<Overlay>(NO_OVERLAY);
  const [notice, setNotice] = useState<string | undefined>(undefined);
  // A pane mounts the first time it is shown and then stays mounted (keeping its place), so
  // start-up renders one pane only.
  const [opened, setOpened] = useState<ReadonlySet<string>>(() => new Set(listed.slice(0, 1).map((p) => p.id)));
  const services = useRef<ShellServices>(null as unknown as ShellServices);
  const { hosts, records, latest, filters, setFilter, deliver } = usePaneHosts(listed, services);
  const handover = useFullScreen(redraw);
  const activities = useActivities(backend.activity);
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
  // A pane sends the user to another pane at a target (Executions → the step in Steps).
  services.current = {
    openPane: (id, target) => {
      if (!live.current.listed.some((pane) => pane.id === id)) {
        setNotice(`There is no ${id} pane on this backend`);
        return;
      }
      show(id);
      deliver(id, target);
    },
    runFullScreen: (work) => handover.run(work),
  };
  const recordNow = useCallback(() => (activeRef.current ? latest.current[activeRef.current] : undefined), [latest]);
  // The overlay as of the last key, ahead of `overlay` until React renders: the keys after '/' in
  // one chunk are filter text.
  const overlayNow = useRef(overlay);
  const setOverlayNow = useCallback((next: Overlay) => {
    overlayNow.current = next;
    setOverlay(next);
  }, []);
  const finishQuit = useCallback(
    (code: number) => {
      lifecycle.exitCode = code;
      setOverlayNow(NO_OVERLAY);
      const close = () => (onQuit ? onQuit(code) : exit());
      const work = lifecycle.inFlight();
      if (work.length === 0) return close();
      setNotice(`Cancelling ${work.map((w) => w.label).join(' and ')} before quitting…`);
      void lifecycle.cancelAll(CANCEL_ON_EXIT_MS).then(close);
    },
    [lifecycle, onQuit, exit, setOverlayNow],
  );
  const actions = useMemo<ShellActions>(
    () => ({
      toggleHelp: () => setOverlayNow(overlayNow.current.kind === 'help' ? NO_OVERLAY : { kind: 'help', top: 0 }),
      openPalette: () => setOverlayNow({ kind: 'palette', line: EMPTY_LINE, selected: 0 }),
      openFilter: () => setOverlayNow({ kind: 'filter', line: lineOf(live.current.filter) }),
      clearFilter: () => activeRef.current && setFilter(activeRef.current, ''),
      refresh: () => recordNow()?.controls?.refresh?.(),
      goTo: (id) => show(id),
      cycle: (step) => {
        const all = live.current.listed;
        const index = all.findIndex((p) => p.id === activeRef.current);
        show(all[(index + step + all.length) % all.length]?.id);
      },
      quit: (code) => {
        const work = lifecycle.inFlight();
        if (work.length > 0) setOverlayNow({ kind: 'quit', work: work.map((w) => w.label), code });
        else finishQuit(code);
      },
      redraw,
      openStack: () => setOverlayNow({ kind: 'stack' }),
    }),
    [setFilter, show, recordNow, setOverlayNow, lifecycle, finishQuit, redraw],
  );
  // The Stack view registers its key table here while it is open.
  const viewControls = useRef<StackViewControls | undefined>(undefined);
  const [, setViewVersion] = useState(0);
  const onViewControls = useCallback((controls: StackViewControls) => {
    viewControls.current = controls;
    setViewVersion((v) => v + 1);
  }, []);
  const closeView = useCallback(() => {
    viewControls.current = undefined;
    setOverlayNow(NO_OVERLAY);
  }, [setOverlayNow]);
  const stackUnavailable = useMemo(() => stackUnavailableReason(backend), [backend]);

  // The tables as of now: at key time from the refs (the keys of one chunk come before React
  // renders), when drawing from the same refs, which the render has just brought up to date.
  const groupsNow = (): { shellFirst: BindingGroup; pane: BindingGroup; globals: BindingGroup } => {
    const state: ShellState = {
      panes: live.current.listed,
      canRefresh: recordNow()?.controls?.refresh !== undefined,
      filterActive: live.current.filter !== '',
      stackUnavailable,
    };
    const pane = live.current.listed.find((p) => p.id === activeRef.current);
    return {
      shellFirst: { title: 'Filter', bindings: shellFirstBindings(state, actions) },
      pane: { title: pane ? `${pane.title} pane` : 'Pane', bindings: recordNow()?.controls?.bindings() ?? [] },
      globals: { title: 'Global', bindings: globalBindings(state, actions) },
    };
  };
  const { shellFirst, pane: paneGroup, globals } = groupsNow();
  const viewGroupNow = (): BindingGroup => ({ title: 'Stack view', bindings: viewControls.current?.bindings() ?? [] });
  const help = helpLines(helpSections([paneGroup, globals, shellFirst]), columns);

  const shell = useRef<ShellInput | null>(null);
  shell.current = {
    get overlay() {
      return overlayNow.current;
    },
    setOverlay: setOverlayNow,
    get groups() {
      const now = groupsNow();
      return [now.shellFirst, now.pane, now.globals];
    },
    paletteGroups: [paneGroup, globals, shellFirst],
    get viewGroups() {
      return overlayNow.current.kind === 'stack' ? [viewGroupNow()] : [];
    },
    helpLines: help.length,
    helpPage: Math.max(1, bodyHeight - 1),
    setFilter: (text) => activeRef.current && setFilter(activeRef.current, text),
    get capture() {
      return recordNow()?.controls?.captureInput;
    },
    quit: actions.quit,
    finishQuit,
    notify: setNotice,
    paneReady: () => recordNow()?.controls !== undefined,
    defer: (keys) => {
      deferred.current = keys;
    },
  };
  // Keys held for a pane that was mounting go on as soon as it registered its table.
  const deferred = useRef<[string, Key][]>([]);
  useLayoutEffect(() => {
    const keys = deferred.current;
    if (keys.length === 0 || !shell.current?.paneReady()) return;
    deferred.current = [];
    routeKeys(shell.current, keys);
  });
  const onInput = useCallback((input: string, key: Key) => {
    if (shell.current) routeChunk(shell.current, input, key);
  }, []);
  useInput(onInput);

  if (columns < MIN_COLUMNS || rows < MIN_ROWS) {
    return <Text wrap="truncate">{`Terminal too small: ${columns}×${rows}, lakedeck needs ${MIN_COLUMNS}×${MIN_ROWS}. q quits.`}</Text>;
  }
  const editing = overlay.kind === 'filter';
  return (
    <LifecycleContext.Provider value={lifecycle}>
      <Box flexDirection="column" width={columns} height={height} overflowY="hidden">
        <Header backend={backend} width={columns} />
        <Tabs panes={listed} activeId={active?.id} />
        <Box height={bodyHeight} flexDirection="column" overflowY="hidden">
          {overlay.kind === 'quit' ? <QuitQuestion work={overlay.work} width={columns} /> : null}
          {overlay.kind === 'stack' && backend.stack ? (
            <StackView service={backend.stack} width={columns} height={bodyHeight} onControls={onViewControls} onClose={closeView} />
          ) : null}
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
          {listed
            .filter((pane) => opened.has(pane.id))
            .map((pane) => (
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
          status={overlay.kind === 'stack' ? undefined : record?.status}
          notice={notice}
          activity={activities.map((a) => activityText(a, 'sources')).join(' · ') || undefined}
          hints={hints(overlay.kind === 'stack' ? [viewGroupNow()] : [shellFirst, paneGroup, globals])}
          calls={backend.calls}
          filter={{ text: editing ? overlay.line.text : filter, editing, cursor: editing ? overlay.line.cursor : filter.length }}
        />
      </Box>
    </LifecycleContext.Provider>
  );
}
