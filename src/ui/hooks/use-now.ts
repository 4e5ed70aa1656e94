// The current time, re-read every `everyMs` so ages ("12s ago") and staleness move on screen.
import { useEffect, useState } from 'react';
import { useClock } from '../clock.js';

export function useNow(everyMs: number): number {
  const clock = useClock();
  const [now, setNow] = useState(() => clock.now());
  useEffect(() => {
    let handle = clock.setTimeout(function tick() {
      setNow(clock.now());
      handle = clock.setTimeout(tick, everyMs);
    }, everyMs);
    return () => clock.clearTimeout(handle);
  }, [clock, everyMs]);
  return now;
}
