// Navigation in the Zones pane as a pure reducer: a stack of places (each with its own cursor and
// scroll, restored on the way back up) and an optional open preview.
import type { Zone } from '../../../core/zones.js';
import { refit, step, type ListWindow } from '../../windowing.js';
import { ROOT, type ZoneLocation } from './location.js';

export interface Place {
  location: ZoneLocation;
  window: ListWindow;
}

export interface ZonesNav {
  parents: Place[];
  current: Place;
  preview?: { zone: Zone; key: string };
}

export type ZonesAction =
  | { type: 'move'; delta: number; height: number; total: number }
  | { type: 'jump'; to: 'top' | 'bottom'; height: number; total: number }
  | { type: 'fit'; height: number; total: number }
  | { type: 'open'; location: ZoneLocation }
  | { type: 'preview'; zone: Zone; key: string }
  | { type: 'back' };

const TOP: ListWindow = { cursor: 0, offset: 0 };

export const INITIAL_NAV: ZonesNav = { parents: [], current: { location: ROOT, window: TOP } };

export function canGoBack(nav: ZonesNav): boolean {
  return nav.preview !== undefined || nav.parents.length > 0;
}

function withWindow(nav: ZonesNav, window: ListWindow): ZonesNav {
  const old = nav.current.window;
  if (old.cursor === window.cursor && old.offset === window.offset) return nav;
  return { ...nav, current: { ...nav.current, window } };
}

export function zonesReducer(nav: ZonesNav, action: ZonesAction): ZonesNav {
  switch (action.type) {
    case 'move':
      return withWindow(nav, step(nav.current.window, action.delta, action.height, action.total));
    case 'jump': {
      const cursor = action.to === 'top' ? 0 : Math.max(0, action.total - 1);
      return withWindow(nav, refit({ ...nav.current.window, cursor }, action.height, action.total));
    }
    case 'fit':
      return withWindow(nav, refit(nav.current.window, action.height, action.total));
    case 'open':
      return { parents: [...nav.parents, nav.current], current: { location: action.location, window: TOP } };
    case 'preview':
      return { ...nav, preview: { zone: action.zone, key: action.key } };
    case 'back':
      if (nav.preview) return { ...nav, preview: undefined };
      if (nav.parents.length === 0) return nav;
      return { parents: nav.parents.slice(0, -1), current: nav.parents[nav.parents.length - 1] };
  }
}
