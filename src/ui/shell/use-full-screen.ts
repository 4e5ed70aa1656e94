// The shell's one FullScreenHandover, wired to Ink's own stdin and stdout, the alternate-screen
// setting and the full redraw (Ctrl-L's), so a pane can run a pager through its PaneHost.
import { useStdin, useStdout } from 'ink';
import { useContext, useRef, useState } from 'react';
import { FullScreenHandover, type SignalTarget, type TerminalInput, type TerminalOutput } from './full-screen.js';
import { ScreenRedrawContext } from './use-screen-redraw.js';

export function useFullScreen(redraw: () => void): FullScreenHandover {
  const { stdin } = useStdin();
  const { stdout } = useStdout();
  const { clearScreen } = useContext(ScreenRedrawContext);
  const live = useRef({ stdin, stdout, clearScreen, redraw });
  live.current = { stdin, stdout, clearScreen, redraw };
  const [handover] = useState(
    () =>
      new FullScreenHandover(() => ({
        stdin: live.current.stdin as unknown as TerminalInput,
        stdout: live.current.stdout as unknown as TerminalOutput,
        altScreen: live.current.clearScreen,
        signals: process as unknown as SignalTarget,
        redraw: () => live.current.redraw(),
      })),
  );
  return handover;
}
