// Work a backend does in the background that the user should see (the sample lake being seeded
// on a first start): what it is and how far it got, observable so the console can show it and
// re-read what it produced as each step lands.
export interface Activity {
  label: string;
  done: number;
  total: number;
}

export interface ActivityHandle {
  /** One more step done (a source landed). */
  step(): void;
  end(): void;
}

export class ActivityBoard {
  private readonly activities = new Map<number, Activity>();
  private readonly listeners = new Set<() => void>();
  private nextId = 1;

  current(): Activity[] {
    return [...this.activities.values()];
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  begin(label: string, total: number): ActivityHandle {
    const id = this.nextId++;
    this.activities.set(id, { label, done: 0, total });
    this.changed();
    return {
      step: () => {
        const activity = this.activities.get(id);
        if (!activity) return;
        this.activities.set(id, { ...activity, done: Math.min(activity.total, activity.done + 1) });
        this.changed();
      },
      end: () => {
        if (this.activities.delete(id)) this.changed();
      },
    };
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }
}

/** `seeding the sample lake: 1 of 3 sources landed` */
export function activityText(activity: Activity, unit: string): string {
  return `${activity.label}: ${activity.done} of ${activity.total} ${unit} landed…`;
}
