// Pipeline executions that run inside this console (the local backend's) end with it: registered
// as work in flight, so quitting asks first and stops them cleanly (ABORTED with the reason, the
// running step cancelled) rather than leaving them to be found dead by the next reader.
import { useMemo } from 'react';
import type { ExecutionsService } from '../../../core/executions.js';
import type { WorkInFlight } from '../../shell/lifecycle.js';
import { useWorkInFlight } from '../../shell/use-work-in-flight.js';

const QUIT_CAUSE = 'the lakedeck console quit';

export function useExecutionsInFlight(service: ExecutionsService): void {
  const work = useMemo<WorkInFlight | undefined>(() => {
    if (!service.runningHere) return undefined;
    const runningHere = () => service.runningHere?.() ?? [];
    return {
      get label() {
        const names = runningHere().map((run) => run.name);
        return names.length === 1 ? `the pipeline execution ${names[0]}` : `the pipeline executions ${names.join(', ')}`;
      },
      active: () => runningHere().length > 0,
      cancel: async () => {
        await Promise.all(runningHere().map((run) => service.stop(run.arn, QUIT_CAUSE).catch(() => {})));
      },
    };
  }, [service]);
  useWorkInFlight('pipeline-executions', work);
}
