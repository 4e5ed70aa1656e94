import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'test/**/*.test.{ts,tsx}'],
    testTimeout: 30_000,
    // The SDK's Node-version notice is noise in test output (the lockfile pins the SDK).
    // Ink decides when first imported whether it runs in CI, and then draws nothing until exit; the
    // console hides CI variables from that import (ui/shell/run-console.ts), so the tests render
    // Ink as a terminal user meets it, in CI too.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', CI: 'false' },
    hookTimeout: 60_000,
    // Two cores: more workers only thrash (each moto server is a Python process too).
    // --expose-gc: a test checks that streams leave no file handle for the collector to close.
    poolOptions: { forks: { maxForks: 2, minForks: 1, execArgv: ['--expose-gc'] } },
    pool: 'forks',
  },
});
