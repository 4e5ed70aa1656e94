// The deployed CloudFormation stack as the console's Stack view reads it: its status, outputs,
// parameters and recent events. Only the aws backend has one; the local lake has no stack, and
// the view says so instead of pretending.

export interface StackOutput {
  key: string;
  value: string;
  description?: string;
}

export interface StackParameter {
  key: string;
  value: string;
}

export interface StackSummary {
  name: string;
  id?: string;
  /** CloudFormation's status word: CREATE_COMPLETE, UPDATE_IN_PROGRESS, ROLLBACK_COMPLETE… */
  status: string;
  statusReason?: string;
  description?: string;
  createdAt?: Date;
  lastUpdatedAt?: Date;
  /** DRIFTED, IN_SYNC, NOT_CHECKED, UNKNOWN: what the last drift detection found (DescribeStacks carries it). */
  driftStatus?: string;
  driftCheckedAt?: Date;
  terminationProtection?: boolean;
  outputs: readonly StackOutput[];
  parameters: readonly StackParameter[];
}

export interface StackEvent {
  id: string;
  at: Date;
  logicalId: string;
  resourceType: string;
  status: string;
  reason?: string;
}

export interface StackEventsPage {
  /** Newest first, as CloudFormation returns them. */
  events: readonly StackEvent[];
  /** Present while older events exist. */
  nextToken?: string;
}

export interface StackService {
  readonly stackName: string;
  describe(signal?: AbortSignal): Promise<StackSummary>;
  /** One page of events, newest first; pass a page's nextToken for the older ones. */
  events(nextToken?: string, signal?: AbortSignal): Promise<StackEventsPage>;
}

/** The status still moving (CloudFormation is working on the stack). */
export function stackInProgress(status: string): boolean {
  return status.endsWith('_IN_PROGRESS');
}
