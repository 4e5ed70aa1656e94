// What a local step needs before it starts: clear messages naming the setup command when the
// Python environment or Java is missing, and the spark-submit command line on file:// zones.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LocalStepsService } from '../../src/backends/local/steps/local-steps.js';
import {
  boundUiPort,
  checkRuntime,
  findSparkRuntime,
  LOCAL_DRIVER_JAVA_OPTIONS,
  LOCAL_FS_CLASS,
  LOCAL_FS_JAR,
  localDriverMemory,
  submitCommand,
} from '../../src/backends/local/steps/spark-runtime.js';

describe('local Spark runtime', () => {
  it('gives local drivers the JVM options the Spark bench measures (spark/lakedeck_spark/session.py)', () => {
    const python = readFileSync('spark/lakedeck_spark/session.py', 'utf8');
    expect(/^LOCAL_JAVA_OPTIONS = "([^"]*)"$/m.exec(python)?.[1]).toBe(LOCAL_DRIVER_JAVA_OPTIONS);
  });

  it('gives local drivers the NIO file system the Spark session names, when the venv holds its jar', () => {
    const python = readFileSync('spark/lakedeck_spark/session.py', 'utf8');
    expect(/^LOCAL_FS_JAR = "([^"]*)"$/m.exec(python)?.[1]).toBe(LOCAL_FS_JAR);
    expect(/^LOCAL_FS_CLASS = "([^"]*)"$/m.exec(python)?.[1]).toBe(LOCAL_FS_CLASS);
    expect(readFileSync('scripts/setup-python.sh', 'utf8')).toContain(`/${LOCAL_FS_JAR} `);

    const venv = mkdtempSync(path.join(os.tmpdir(), 'lakedeck-venv-'));
    const runtime = { sparkDir: '/repo/spark', venv };
    const submit = () => submitCommand(runtime, { job: 'etl', runDate: 'all', lake: '/lake', uiPort: 4100 });
    expect(submit()).not.toContain('--driver-class-path');
    mkdirSync(path.join(venv, 'jars'));
    writeFileSync(path.join(venv, 'jars', LOCAL_FS_JAR), '');
    const args = submit();
    expect(args[args.indexOf('--driver-class-path') + 1]).toBe(path.join(venv, 'jars', LOCAL_FS_JAR));
    expect(args).toContain(`spark.hadoop.fs.file.impl=${LOCAL_FS_CLASS}`);
  });

  it('names bash scripts/setup-python.sh when the venv is missing, and refuses before recording anything', async () => {
    const lake = mkdtempSync(path.join(os.tmpdir(), 'lakedeck-noenv-'));
    const runtime = { sparkDir: path.resolve('spark'), venv: path.join(lake, 'no-venv') };
    const steps = new LocalStepsService({ lake, readOnly: false, runtime });
    await expect(steps.run({ job: 'etl', runDate: 'all' })).rejects.toThrow(
      /No Python environment with pyspark at .*no-venv: run `bash scripts\/setup-python\.sh`/,
    );
    expect(await steps.steps('local')).toEqual([]);
  });

  it('says Java is missing when neither JAVA_HOME nor the PATH has it', () => {
    const runtime = findSparkRuntime({});
    expect(() => checkRuntime(runtime, { PATH: '/nonexistent' })).toThrow(/Java was not found .* Spark needs Java 17/);
  });

  it('builds the spark-submit line on the lake’s file:// zones, and reads the bound UI port', () => {
    const runtime = { sparkDir: '/repo/spark', venv: '/repo/.venv' };
    const args = submitCommand(runtime, { job: 'analytics', runDate: '2026-11-28', lake: '/data/my lake', uiPort: 4100 });
    expect(args[0]).toBe('/repo/.venv/bin/spark-submit');
    expect(args).toContain('spark.ui.port=4100');
    expect(args[args.indexOf('--driver-memory') + 1]).toBe(localDriverMemory());
    expect(args[args.indexOf('--driver-java-options') + 1]).toContain(LOCAL_DRIVER_JAVA_OPTIONS);
    expect(args.slice(-9)).toEqual([
      '/repo/spark/jobs/analytics.py',
      '--raw',
      'file:///data/my lake/raw',
      '--trusted',
      'file:///data/my lake/trusted',
      '--refined',
      'file:///data/my lake/refined',
      '--run-date',
      '2026-11-28',
    ]);
    expect(boundUiPort("26/11/29 INFO Utils: Successfully started service 'SparkUI' on port 4101.")).toBe(4101);
  });

  it('gives a local driver a quarter of the machine’s memory, within 1 and 8 GiB', () => {
    expect(localDriverMemory(24 * 2 ** 30)).toBe('6g');
    expect(localDriverMemory(2 * 2 ** 30)).toBe('1g');
    expect(localDriverMemory(128 * 2 ** 30)).toBe('8g');
  });

  it('lets the caller’s driver options and memory win over the local defaults', () => {
    const runtime = { sparkDir: '/repo/spark', venv: '/repo/.venv' };
    const args = submitCommand(runtime, {
      job: 'etl',
      runDate: 'all',
      lake: '/lake',
      uiPort: 4100,
      driverMemory: '2g',
      driverJavaOptions: '-XX:TieredStopAtLevel=1',
    });
    expect(args[args.indexOf('--driver-memory') + 1]).toBe('2g');
    expect(args[args.indexOf('--driver-java-options') + 1]).toMatch(/CompileThresholdScaling=4 -XX:TieredStopAtLevel=1$/);
  });
});
