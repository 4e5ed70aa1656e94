// A reducer whose latest state is readable right after dispatch. Ink hands the keys of one input
// chunk (fast typing, or keys batched over a slow SSH link: "↓↓⏎") to the handlers one after the
// other before React renders; a handler that reads state (which row Enter opens) must see the
// moves dispatched just before it.
import { useCallback, useRef, useState, type MutableRefObject } from 'react';

export function useSyncedReducer<S, A>(reducer: (state: S, action: A) => S, initial: S): [S, (action: A) => void, MutableRefObject<S>] {
  const [state, setState] = useState(initial);
  const latest = useRef(state);
  const dispatch = useCallback(
    (action: A) => {
      latest.current = reducer(latest.current, action);
      setState(latest.current);
    },
    [reducer],
  );
  return [state, dispatch, latest];
}
