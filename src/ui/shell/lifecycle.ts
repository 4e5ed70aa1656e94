// Work that must not be dropped when the console closes (an ingestion run uploading): panes
// register it here; quitting asks first while there is some, and quitting or a signal cancels it
// and waits for it to settle (run recorded, temp file removed) before the process exits.
export interface WorkInFlight {
  /** What is running, for the question asked before quitting ("covid_csv ingestion"). */
  label: string;
  /** Cancels it; resolves once it has settled. */
  cancel(): Promise<void>;
  /** Whether it still runs (read when quitting); registered work without it runs until unregistered. */
  active?(): boolean;
}

export class ConsoleLifecycle {
  /** The process exit status once the console closes (130 after Ctrl-C, as shells expect). */
  exitCode = 0;
  private readonly work = new Map<string, WorkInFlight>();

  set(owner: string, work: WorkInFlight | undefined): void {
    if (work) this.work.set(owner, work);
    else this.work.delete(owner);
  }

  inFlight(): WorkInFlight[] {
    return [...this.work.values()].filter((work) => work.active?.() ?? true);
  }

  /** Cancels every piece of work and waits for it, at most `timeoutMs`. */
  async cancelAll(timeoutMs: number): Promise<void> {
    const pending = this.inFlight().map((work) => work.cancel().catch(() => {}));
    if (pending.length === 0) return;
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, timeoutMs);
      timer.unref?.();
    });
    await Promise.race([Promise.all(pending), deadline]);
    clearTimeout(timer);
  }
}

/** How long quitting waits for cancelled work to record itself. */
export const CANCEL_ON_EXIT_MS = 10_000;
