// The last step of both composition points (aws/backend.ts, local/backend.ts): the services a
// backend built, read-only guarded when asked, closed together.
//
// Adding a service (the next panes): declare its port in core/, add it to BackendServices
// (core/backend.ts) and give it a guard in read-only.ts (the compiler asks for one); then build it
// in each backend's composition function from that backend's target (settings) and clients, and
// pass it in `services`. Nothing else wires it: the console and the CLI read `backend.<service>`.
import type { ApiCallCounter, Backend, BackendKind, BackendServices, BackendTarget } from '../core/backend.js';
import { readOnlyServices } from './read-only.js';

export interface BackendParts {
  kind: BackendKind;
  label: string;
  readOnly: boolean;
  calls: ApiCallCounter;
  target: BackendTarget;
  services: BackendServices;
  /** Releases what the backend itself holds (SDK clients), after every service closed. */
  release?: () => Promise<void> | void;
}

export function assembleBackend(parts: BackendParts): Backend {
  const { services } = parts;
  const offered = parts.readOnly ? readOnlyServices(services) : services;
  return {
    ...offered,
    kind: parts.kind,
    label: parts.label,
    readOnly: parts.readOnly,
    calls: parts.calls,
    target: parts.target,
    close: async () => {
      try {
        await services.ingestion?.close?.();
      } finally {
        await parts.release?.();
      }
    },
  };
}
