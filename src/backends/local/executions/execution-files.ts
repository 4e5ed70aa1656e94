// Where local executions live with the lake (<lake>/.executions), so they survive a restart and
// every console on the same lake sees them: one folder per execution with its record
// (execution.json, replaced atomically) and its history (history.jsonl, one event per line,
// appended in order), plus the pipeline's notifications (notifications.jsonl).
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { LakeError } from '../../../core/errors.js';
import type { ExecutionStatus } from '../../../core/executions.js';

export interface ExecutionRecord {
  arn: string;
  name: string;
  status: ExecutionStatus;
  /** JSON text, as Step Functions keeps it. */
  input: string;
  output?: string;
  error?: string;
  cause?: string;
  startedAt: string;
  stoppedAt?: string;
  trigger?: string;
  redriveCount: number;
  /** The process that runs the interpreter and records what happens. */
  ownerPid: number;
  /** Set by any console; the owner aborts when it sees it. */
  stopRequested?: { cause: string; at: string };
}

/** One history line as stored: the port's HistoryEvent with an ISO timestamp. */
export interface StoredEvent {
  id: number;
  previousEventId?: number;
  type: string;
  timestamp: string;
  stateName?: string;
  input?: string;
  output?: string;
  error?: string;
  cause?: string;
  detail?: string;
}

export interface StoredNotification {
  at: string;
  executionArn?: string;
  topicArn: string;
  subject: string;
  message: string;
}

export class ExecutionFiles {
  readonly root: string;

  constructor(lake: string) {
    this.root = path.join(lake, '.executions');
  }

  dir(name: string): string {
    return path.join(this.root, 'runs', safeName(name));
  }

  newName(now: Date): string {
    const stamp = now
      .toISOString()
      .replace(/[-:]/g, '')
      .replace(/\.\d+Z$/, 'Z');
    return `run-${stamp}-${randomBytes(3).toString('hex')}`;
  }

  async names(): Promise<string[]> {
    try {
      return await fs.readdir(path.join(this.root, 'runs'));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
  }

  async read(name: string): Promise<ExecutionRecord | undefined> {
    try {
      return JSON.parse(await fs.readFile(path.join(this.dir(name), 'execution.json'), 'utf8')) as ExecutionRecord;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  /** Creates the folder; refuses a name that exists (execution names are unique, as on aws). */
  async create(record: ExecutionRecord): Promise<void> {
    await fs.mkdir(path.join(this.root, 'runs'), { recursive: true });
    try {
      await fs.mkdir(this.dir(record.name));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST')
        throw new LakeError('bad-input', `An execution named '${record.name}' exists already`);
      throw error;
    }
    await this.write(record);
  }

  async write(record: ExecutionRecord): Promise<void> {
    const file = path.join(this.dir(record.name), 'execution.json');
    const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    await fs.writeFile(temp, `${JSON.stringify(record, null, 1)}\n`);
    await fs.rename(temp, file);
  }

  async appendEvents(name: string, events: StoredEvent[]): Promise<void> {
    if (events.length === 0) return;
    await fs.appendFile(path.join(this.dir(name), 'history.jsonl'), events.map((event) => `${JSON.stringify(event)}\n`).join(''));
  }

  async events(name: string): Promise<StoredEvent[]> {
    let text: string;
    try {
      text = await fs.readFile(path.join(this.dir(name), 'history.jsonl'), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    // A line cut by a crash mid-append is the last one: everything before it stands.
    const events: StoredEvent[] = [];
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue;
      try {
        events.push(JSON.parse(line) as StoredEvent);
      } catch {
        break;
      }
    }
    return events;
  }

  async notify(notification: StoredNotification): Promise<void> {
    await fs.mkdir(this.root, { recursive: true });
    await fs.appendFile(path.join(this.root, 'notifications.jsonl'), `${JSON.stringify(notification)}\n`);
  }

  async notifications(): Promise<StoredNotification[]> {
    try {
      const text = await fs.readFile(path.join(this.root, 'notifications.jsonl'), 'utf8');
      return text
        .split('\n')
        .filter((line) => line.trim() !== '')
        .flatMap((line) => {
          try {
            return [JSON.parse(line) as StoredNotification];
          } catch {
            return [];
          }
        });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
  }
}

function safeName(name: string): string {
  if (!/^[A-Za-z0-9_-]{1,80}$/.test(name))
    throw new LakeError('bad-input', `Not an execution name: '${name}' (letters, digits, - and _, at most 80)`);
  return name;
}
