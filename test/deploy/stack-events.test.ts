// Following a stack's events: new events printed once, oldest first, until the stack settles;
// on a rollback the first failed resource's reason, not the cascade of cancellations after it.
// moto's CloudFormation never fails or rolls back a resource, so the events here are what
// CloudFormation returns for a failed create (newest first, as DescribeStackEvents pages them).
import { describe, expect, it } from 'vitest';
import type { CloudFormationClient, StackEvent } from '@aws-sdk/client-cloudformation';
import { firstFailure, followStack, isSettled } from '../../src/deploy/stack-events.js';

const STACK = 'lakedeck-dev';
let clock = 0;
function event(logicalId: string, resourceType: string, status: string, reason?: string): StackEvent {
  clock += 1;
  return {
    StackId: STACK,
    EventId: `e${clock}`,
    StackName: STACK,
    LogicalResourceId: logicalId,
    ResourceType: resourceType,
    ResourceStatus: status as StackEvent['ResourceStatus'],
    ResourceStatusReason: reason,
    Timestamp: new Date(Date.UTC(2026, 10, 29, 20, 0, clock)),
  };
}

/** A CloudFormation client answering from a script: each poll reveals the next batch of events. */
function scripted(batches: { events: StackEvent[]; status: string }[]): CloudFormationClient {
  let poll = 0;
  const shown: StackEvent[] = [];
  return {
    send: async (command: { constructor: { name: string } }) => {
      if (command.constructor.name === 'DescribeStackEventsCommand') {
        const batch = batches[Math.min(poll, batches.length - 1)]!;
        for (const e of batch.events) if (!shown.includes(e)) shown.unshift(e);
        return { StackEvents: [...shown] };
      }
      const status = batches[Math.min(poll, batches.length - 1)]!.status;
      poll += 1;
      return { Stacks: [{ StackName: STACK, StackStatus: status }] };
    },
  } as unknown as CloudFormationClient;
}

describe('followStack', () => {
  it('prints each event once, oldest first, and names the first failure of a rollback', async () => {
    const started = event(STACK, 'AWS::CloudFormation::Stack', 'CREATE_IN_PROGRESS', 'User Initiated');
    const bucket = event('LakeBucket', 'AWS::S3::Bucket', 'CREATE_IN_PROGRESS');
    const failed = event(
      'IngestFunction',
      'AWS::Lambda::Function',
      'CREATE_FAILED',
      'Resource handler returned message: "Error occurred while GetObject. S3 Error Code: NoSuchKey"',
    );
    const cancelled = event('LakeBucket', 'AWS::S3::Bucket', 'CREATE_FAILED', 'Resource creation cancelled');
    const rolling = event(
      STACK,
      'AWS::CloudFormation::Stack',
      'ROLLBACK_IN_PROGRESS',
      'The following resource(s) failed to create: [IngestFunction, LakeBucket].',
    );
    const rolledBack = event(STACK, 'AWS::CloudFormation::Stack', 'ROLLBACK_COMPLETE');
    const cf = scripted([
      { events: [started, bucket], status: 'CREATE_IN_PROGRESS' },
      { events: [failed, cancelled, rolling], status: 'ROLLBACK_IN_PROGRESS' },
      { events: [rolledBack], status: 'ROLLBACK_COMPLETE' },
    ]);
    const lines: string[] = [];
    let sleeps = 0;
    const settled = await followStack(cf, {
      stackId: STACK,
      stackName: STACK,
      seen: new Set(),
      print: (l) => lines.push(l),
      sleep: async () => {
        sleeps += 1;
      },
      pollMs: 0,
    });
    expect(settled.ok).toBe(false);
    expect(settled.status).toBe('ROLLBACK_COMPLETE');
    expect(settled.firstFailure).toEqual({
      logicalId: 'IngestFunction',
      resourceType: 'AWS::Lambda::Function',
      reason: failed.ResourceStatusReason,
    });
    expect(lines.map((l) => l.split(/\s+/).slice(1, 3).join(' '))).toEqual([
      'CREATE_IN_PROGRESS lakedeck-dev',
      'CREATE_IN_PROGRESS LakeBucket',
      'CREATE_FAILED IngestFunction',
      'CREATE_FAILED LakeBucket',
      'ROLLBACK_IN_PROGRESS lakedeck-dev',
      'ROLLBACK_COMPLETE lakedeck-dev',
    ]);
    expect(sleeps).toBe(2);
  });

  it('skips events seen before the change set ran', async () => {
    const old = event(STACK, 'AWS::CloudFormation::Stack', 'CREATE_COMPLETE');
    const update = event(STACK, 'AWS::CloudFormation::Stack', 'UPDATE_COMPLETE');
    const cf = scripted([{ events: [old, update], status: 'UPDATE_COMPLETE' }]);
    const lines: string[] = [];
    const settled = await followStack(cf, {
      stackId: STACK,
      stackName: STACK,
      seen: new Set([old.EventId!]),
      print: (l) => lines.push(l),
      sleep: async () => {},
      pollMs: 0,
    });
    expect(settled).toEqual({ status: 'UPDATE_COMPLETE', ok: true, firstFailure: undefined });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('UPDATE_COMPLETE');
  });
});

describe('firstFailure and isSettled', () => {
  it('falls back to the stack event when no resource says why', () => {
    const only = event(STACK, 'AWS::CloudFormation::Stack', 'UPDATE_FAILED', 'Parameter validation failed');
    expect(firstFailure([only], STACK)?.reason).toBe('Parameter validation failed');
    expect(firstFailure([], STACK)).toBeUndefined();
  });

  it('treats cleanup and review states as not settled', () => {
    expect(isSettled('UPDATE_COMPLETE_CLEANUP_IN_PROGRESS')).toBe(false);
    expect(isSettled('ROLLBACK_COMPLETE')).toBe(true);
    expect(isSettled('DELETE_FAILED')).toBe(true);
  });
});
