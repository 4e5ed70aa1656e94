// Reads a running Spark application's progress from its status REST API (`/api/v1/...`): the
// local driver's UI on loopback, or EMR's on-cluster Spark UI through a presigned URL.
import { sparkProgress, type SparkJobJson, type SparkProgress, type SparkStageJson } from '../core/spark-progress.js';

const TIMEOUT_MS = 2_000;

interface ApplicationJson {
  id: string;
  attempts?: { completed?: boolean }[];
}

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS), redirect: 'follow' });
  if (!response.ok) throw new Error(`Spark REST ${url} answered ${response.status}`);
  return (await response.json()) as T;
}

/** The API path under a UI root, keeping its query (a presigned URL's token). */
function apiUrl(base: string, suffix: string): string {
  const url = new URL(base);
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/api/v1/applications${suffix}`;
  return url.toString();
}

/** The application behind each UI root: asked once, not on every poll. */
const APPLICATIONS = new Map<string, string>();

/** `base` is the UI root (e.g. http://127.0.0.1:4041); undefined while no application is up yet. */
export async function readSparkProgress(base: string, applicationId?: string): Promise<SparkProgress | undefined> {
  let id = applicationId ?? APPLICATIONS.get(base);
  if (!id) {
    const apps = await getJson<ApplicationJson[]>(apiUrl(base, ''));
    const running = apps.find((app) => app.attempts?.some((attempt) => attempt.completed === false)) ?? apps[0];
    if (!running) return undefined;
    id = running.id;
    if (APPLICATIONS.size > 100) APPLICATIONS.clear();
    APPLICATIONS.set(base, id);
  }
  let jobs: SparkJobJson[];
  let stages: SparkStageJson[];
  try {
    [jobs, stages] = await Promise.all([
      getJson<SparkJobJson[]>(apiUrl(base, `/${encodeURIComponent(id)}/jobs`)),
      getJson<SparkStageJson[]>(apiUrl(base, `/${encodeURIComponent(id)}/stages`)),
    ]);
  } catch (error) {
    // Another driver may have bound the port since: ask for its application next time.
    APPLICATIONS.delete(base);
    throw error;
  }
  return sparkProgress(jobs, stages);
}

/** Like readSparkProgress, but a driver that is starting, gone or slow yields undefined. */
export async function trySparkProgress(base: string, applicationId?: string): Promise<SparkProgress | undefined> {
  try {
    return await readSparkProgress(base, applicationId);
  } catch {
    return undefined;
  }
}
