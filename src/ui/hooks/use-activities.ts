// The backend's background work as React state: re-renders when an activity starts, steps or ends.
import { useEffect, useState } from 'react';
import type { Activity, ActivityBoard } from '../../core/activity.js';

const NONE: Activity[] = [];

export function useActivities(board: ActivityBoard | undefined): Activity[] {
  const [activities, setActivities] = useState<Activity[]>(() => board?.current() ?? NONE);
  useEffect(() => {
    if (!board) return;
    setActivities(board.current());
    return board.subscribe(() => setActivities(board.current()));
  }, [board]);
  return activities;
}
