// The lifecycle as React context: a pane registers its work in flight with useWorkInFlight, and
// the shell asks before quitting while there is some. (Kept apart from lifecycle.ts so the
// console start-up path does not load React before it has to.)
import { createContext, useContext, useEffect } from 'react';
import { ConsoleLifecycle, type WorkInFlight } from './lifecycle.js';

export const LifecycleContext = createContext<ConsoleLifecycle>(new ConsoleLifecycle());

/** Registers the pane's work in flight (undefined when none) under `owner`. */
export function useWorkInFlight(owner: string, work: WorkInFlight | undefined): void {
  const lifecycle = useContext(LifecycleContext);
  useEffect(() => {
    lifecycle.set(owner, work);
    return () => lifecycle.set(owner, undefined);
  }, [lifecycle, owner, work]);
}
