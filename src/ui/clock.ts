// The clock as React context: panes and hooks read it with useClock(), tests provide a fake one.
import { createContext, useContext } from 'react';
import { systemClock, type Clock } from '../core/clock.js';

export type { Clock, TimerHandle } from '../core/clock.js';
export { systemClock } from '../core/clock.js';

export const ClockContext = createContext<Clock>(systemClock);

export function useClock(): Clock {
  return useContext(ClockContext);
}
