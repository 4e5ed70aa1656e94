// A pane's one-line message and the action it runs after a confirmed question (start, cancel,
// stop…): "Doing X…" while it runs (the pane reports busy), the action's own words when done
// (then the pane refreshes), "Not done: <reason>" when it fails. Shared by the Steps and
// Executions panes, which ask and act the same way.
import { useCallback, useState } from 'react';
import { errorMessage } from '../../core/errors.js';
import type { Tone } from '../theme.js';

export interface PaneMessage {
  text: string;
  tone: Tone;
}

export interface PaneAction {
  message: PaneMessage | undefined;
  busy: boolean;
  /** Runs `action`; its resolved text becomes the message. */
  perform(what: string, action: () => Promise<string>): void;
}

export function usePaneAction(refresh: () => void): PaneAction {
  const [message, setMessage] = useState<PaneMessage | undefined>();
  const [busy, setBusy] = useState(false);
  const perform = useCallback(
    (what: string, action: () => Promise<string>) => {
      setBusy(true);
      setMessage({ text: `${what}…`, tone: 'accent' });
      action().then(
        (done) => {
          setBusy(false);
          setMessage({ text: done, tone: 'ok' });
          refresh();
        },
        (error: unknown) => {
          setBusy(false);
          setMessage({ text: `Not done: ${errorMessage(error)}`, tone: 'error' });
        },
      );
    },
    [refresh],
  );
  return { message, busy, perform };
}
