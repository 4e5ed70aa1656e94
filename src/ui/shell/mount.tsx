// Renders the shell with Ink. Loaded by run-console only once the terminal checks have passed,
// so React and Ink are imported after the environment is set up for them.
import { render, type Instance } from 'ink';
import type { Backend } from '../../core/backend.js';
import { App } from './app.js';
import { ThemeContext, themeFromEnv } from '../theme.js';

export interface MountIO {
  stdin: NodeJS.ReadStream;
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  env: NodeJS.ProcessEnv;
}

export function mount(backend: Backend, io: MountIO): Instance {
  return render(
    <ThemeContext.Provider value={themeFromEnv(io.env)}>
      <App backend={backend} />
    </ThemeContext.Provider>,
    {
      stdin: io.stdin,
      stdout: io.stdout,
      stderr: io.stderr,
      exitOnCtrlC: false,
      patchConsole: false,
      // Ink 6.8's incrementalRendering moves the cursor one line short for frames that end in a
      // newline (ours stay a line shorter than the terminal), repainting every frame one row
      // lower; the standard writer is correct. Few frames a second keeps slow SSH readable.
      incrementalRendering: false,
      maxFps: 20,
    },
  );
}
