// Holds the window of rows a paged preview shows and reads what the view needs next (reading on
// through the object as the view nears the rows known so far); End reads on to the end counting
// rows, with progress, and any other move stops it. The pager keeps every reading position.
import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import type { RowPager } from '../../../preview/row-pager.js';
import { mergeRows, rowsToRead, type RowRange, type RowWindow } from './row-window.js';

export interface RowWindowState {
  window: RowWindow;
  /** Rows known so far, and the total once known. */
  known: number;
  total: number | undefined;
  /** A read for the view is under way. */
  reading: boolean;
  /** Reading on to the end (End): the share of the object read through, 0–1. */
  ending: number | undefined;
  error: unknown;
  goToEnd(then: () => void): void;
  stopEnding(): void;
}

interface Held extends RowWindow {
  pager: RowPager | undefined;
}

export function useRowWindow(pager: RowPager | undefined, first: string[][], view: RowRange): RowWindowState {
  const [held, setHeld] = useState<Held>({ pager, start: 0, rows: first });
  // A reload (new pager) starts again from its first rows.
  const window: RowWindow = held.pager === pager ? held : { start: 0, rows: first };
  const [, progressed] = useReducer((n: number) => n + 1, 0);
  const [reading, setReading] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const [ending, setEnding] = useState<AbortController | undefined>(undefined);
  const viewRef = useRef(view);
  viewRef.current = view;

  const wanted = pager && !ending && error === undefined ? rowsToRead(view, window, pager.total) : undefined;
  const wantedStart = wanted?.start;
  const wantedEnd = wanted?.end;
  // One read at a time; when it lands, what the view wants then is read next.
  const alive = useRef(true);
  const current = useRef(pager);
  current.current = pager;
  useEffect(() => {
    if (!pager || reading || wantedStart === undefined || wantedEnd === undefined) return;
    setReading(true);
    pager.rows(wantedStart, wantedEnd).then(
      (rows) => {
        if (!alive.current) return;
        setReading(false);
        if (current.current !== pager) return;
        setHeld((h) => ({
          pager,
          ...mergeRows(h.pager === pager ? h : { start: 0, rows: first }, { start: wantedStart, rows }, viewRef.current),
        }));
      },
      (failure: unknown) => {
        if (!alive.current) return;
        setReading(false);
        if (current.current === pager) setError(failure);
      },
    );
  }, [pager, first, reading, wantedStart, wantedEnd]);
  useEffect(
    () => () => {
      alive.current = false;
    },
    [],
  );

  useEffect(() => {
    setError(undefined);
  }, [pager]);
  useEffect(() => () => ending?.abort(), [ending]);

  const goToEnd = useCallback(
    (then: () => void) => {
      if (!pager) return;
      if (pager.total !== undefined) return then();
      const controller = new AbortController();
      setEnding(controller);
      pager.scanToEnd(controller.signal, progressed).then(
        () => {
          if (controller.signal.aborted) return;
          setEnding(undefined);
          then();
        },
        (failure: unknown) => {
          if (controller.signal.aborted) return;
          setEnding(undefined);
          setError(failure);
        },
      );
    },
    [pager],
  );
  const stopEnding = useCallback(() => setEnding((current) => (current?.abort(), undefined)), []);

  return {
    window,
    known: pager?.known ?? first.length,
    total: pager ? pager.total : first.length,
    reading: reading || (wanted !== undefined && error === undefined),
    ending: ending ? (pager && pager.size > 0 ? pager.scanned / pager.size : 0) : undefined,
    error,
    goToEnd,
    stopEnding,
  };
}
