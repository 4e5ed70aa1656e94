// Errors the console shows as-is: each carries a plain message a user can act on.

export type LakeErrorCode =
  | 'not-found'
  | 'no-bucket'
  | 'access-denied'
  | 'expired-credentials'
  | 'no-credentials'
  | 'unreachable'
  | 'throttled'
  | 'bad-input'
  | 'read-only'
  | 'config';

export class LakeError extends Error {
  constructor(
    readonly code: LakeErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'LakeError';
  }
}

/**
 * A write refused because the backend was opened read-only. Thrown by the services themselves
 * (src/backends/read-only.ts), before anything is written; the UI and CLI only show the message.
 */
export class ReadOnlyError extends LakeError {
  constructor(readonly action: string) {
    super('read-only', `Read-only mode: ${action} refused (start lakedeck without --read-only to allow it)`);
    this.name = 'ReadOnlyError';
  }
}

/** True for errors worth retrying later with a longer pause (polling backs off on them). */
export function isThrottle(error: unknown): boolean {
  return error instanceof LakeError && error.code === 'throttled';
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

/** The process exit code for an error that ends a command: 2 for configuration, 1 for the rest. */
export function exitCodeFor(error: unknown): number {
  return error instanceof LakeError && error.code === 'config' ? 2 : 1;
}
