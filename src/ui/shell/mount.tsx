// Renders the shell with Ink. Loaded by run-console only once the terminal checks have passed,
// so React and Ink are imported after the environment is set up for them.
import { render, type Instance } from 'ink';
import type { Backend } from '../../core/backend.js';
import { App } from './app.js';
import { FRAME_OPTIONS } from './frame-options.js';
import type { ConsoleLifecycle } from './lifecycle.js';
import { ScreenRedrawContext } from './use-screen-redraw.js';
import { ThemeContext, themeFromEnv } from '../theme.js';

export { layoutEngineReady } from './layout-engine.js';

export interface MountIO {
  stdin: NodeJS.ReadStream;
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  env: NodeJS.ProcessEnv;
}

export function mount(backend: Backend, io: MountIO, lifecycle: ConsoleLifecycle): Instance {
  return render(
    <ThemeContext.Provider value={themeFromEnv(io.env)}>
      <ScreenRedrawContext.Provider value={{ clearScreen: io.env.TERM !== 'dumb' }}>
        <App backend={backend} lifecycle={lifecycle} />
      </ScreenRedrawContext.Provider>
    </ThemeContext.Provider>,
    {
      stdin: io.stdin,
      stdout: io.stdout,
      stderr: io.stderr,
      exitOnCtrlC: false,
      patchConsole: false,
      ...FRAME_OPTIONS,
    },
  );
}
