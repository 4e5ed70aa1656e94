// CloudFormation's Stack and StackEvent shapes turned into the core's (core/stack.ts): the one
// place that knows the SDK's field names for the Stack view.
import type { Stack, StackEvent as SdkStackEvent } from '@aws-sdk/client-cloudformation';
import type { StackEvent, StackSummary } from '../../../core/stack.js';

export function toStackSummary(stack: Stack, fallbackName: string): StackSummary {
  return {
    name: stack.StackName ?? fallbackName,
    id: stack.StackId,
    status: stack.StackStatus ?? 'UNKNOWN',
    statusReason: stack.StackStatusReason || undefined,
    description: stack.Description || undefined,
    createdAt: stack.CreationTime,
    lastUpdatedAt: stack.LastUpdatedTime,
    driftStatus: stack.DriftInformation?.StackDriftStatus,
    driftCheckedAt: stack.DriftInformation?.LastCheckTimestamp,
    terminationProtection: stack.EnableTerminationProtection,
    outputs: (stack.Outputs ?? [])
      .filter((o) => o.OutputKey && o.OutputValue !== undefined)
      .map((o) => ({ key: o.OutputKey!, value: o.OutputValue!, ...(o.Description ? { description: o.Description } : {}) })),
    parameters: (stack.Parameters ?? [])
      .filter((p) => p.ParameterKey)
      .map((p) => ({ key: p.ParameterKey!, value: p.ParameterValue ?? '' })),
  };
}

export function toStackEvent(event: SdkStackEvent): StackEvent {
  return {
    id: event.EventId ?? `${event.LogicalResourceId}-${event.Timestamp?.toISOString()}-${event.ResourceStatus}`,
    at: event.Timestamp ?? new Date(0),
    logicalId: event.LogicalResourceId ?? '?',
    resourceType: event.ResourceType ?? '?',
    status: event.ResourceStatus ?? '?',
    ...(event.ResourceStatusReason ? { reason: event.ResourceStatusReason } : {}),
  };
}
