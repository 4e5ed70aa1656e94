// Where another pane can send the user in the Steps pane: a cluster, and optionally one of its
// steps (whose detail then opens). Declared into the shell's PaneTargets, so a sender such as the
// Executions pane is type-checked against it without importing this pane.
export interface StepsTarget {
  clusterId: string;
  stepId?: string;
}

declare module '../../shell/pane.js' {
  interface PaneTargets {
    steps: StepsTarget;
  }
}
