// A full redraw of the screen, as Ctrl-L gives in every curses program, and after every resize:
// Ink writes only what changed between frames, so anything else that reached the terminal (a
// `wall` message, a resize that scrolled or reflowed the screen) would otherwise stay until those
// cells change. Ink's own stdout write wipes its frame, writes ours and draws the whole frame again.
import { useStdout } from 'ink';
import { createContext, useCallback, useContext, useEffect } from 'react';

/** Home and erase the screen: the frame starts at the top left of the alternate screen. */
export const CLEAR_WHOLE_SCREEN = '\u001B[H\u001B[2J';

export interface ScreenRedrawOptions {
  /**
   * On the alternate screen the whole screen is ours to clear. Without it (TERM=dumb) the frame
   * sits below the user's shell output: Ink erases and redraws its own lines only.
   */
  clearScreen: boolean;
}

export const ScreenRedrawContext = createContext<ScreenRedrawOptions>({ clearScreen: true });

/** Returns the redraw for Ctrl-L; also redraws whenever the terminal is resized. */
export function useScreenRedraw(): () => void {
  const { stdout, write } = useStdout();
  const { clearScreen } = useContext(ScreenRedrawContext);
  const redraw = useCallback(() => write(clearScreen ? CLEAR_WHOLE_SCREEN : ''), [write, clearScreen]);
  useEffect(() => {
    stdout.on('resize', redraw);
    return () => {
      stdout.off('resize', redraw);
    };
  }, [stdout, redraw]);
  return redraw;
}
