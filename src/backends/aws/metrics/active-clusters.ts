// The stack's active EMR clusters for the Metrics pane, from the Steps service's own listing
// (clusters named after the stack and tagged lakedeck:stack; never every cluster of the account).
// Kept for five minutes: EMR publishes its cluster metrics every five minutes, so a cluster found
// sooner would have no point to show, and an idle pane adds one ListClusters call per five minutes.
import { errorMessage } from '../../../core/errors.js';
import type { ActiveCluster } from '../../../core/metric-catalog.js';
import type { ClusterSummary } from '../../../core/steps.js';

export const ACTIVE_CLUSTERS_TTL_MS = 5 * 60_000;

export type ActiveClusters = { clusters: ActiveCluster[] } | { error: string };

export class ActiveClusterLookup {
  private cached?: { at: number; found: ActiveClusters };

  constructor(
    private readonly listClusters: () => Promise<ClusterSummary[]>,
    private readonly stackName: string,
    private readonly now: () => number = Date.now,
  ) {}

  /** The active clusters, newest first, labelled by what their name adds to the stack's (the run date). */
  async active(): Promise<ActiveClusters> {
    const now = this.now();
    if (this.cached && now - this.cached.at < ACTIVE_CLUSTERS_TTL_MS) return this.cached.found;
    try {
      const prefix = `${this.stackName}-`;
      const clusters = (await this.listClusters()).filter((cluster) => cluster.active);
      const found = {
        clusters: clusters.map((cluster) => ({
          id: cluster.id,
          label: cluster.name.startsWith(prefix) ? cluster.name.slice(prefix.length) : cluster.id,
        })),
      };
      this.cached = { at: now, found };
      return found;
    } catch (error) {
      // Not kept: the next refresh asks again. The other series still load meanwhile, and the
      // pane says why the cluster ones are missing.
      return { error: errorMessage(error) };
    }
  }
}
