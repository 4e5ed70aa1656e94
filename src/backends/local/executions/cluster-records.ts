// The local twin of an EMR cluster for createCluster.sync / terminateCluster: a cluster record
// beside the steps' own (<lake>/.steps/clusters), so the Steps pane lists the run's cluster and
// its steps, and shows it ended once the run terminated it.
import { randomBytes } from 'node:crypto';
import { LakeError } from '../../../core/errors.js';
import { StepFiles, type ClusterRecord } from '../steps/step-files.js';

export class ClusterRecords {
  private readonly files: StepFiles;

  constructor(
    lake: string,
    private readonly now: () => Date,
  ) {
    this.files = new StepFiles(lake);
  }

  async create(name: string): Promise<ClusterRecord> {
    const stamp = this.now()
      .toISOString()
      .replace(/[-:]/g, '')
      .replace(/\.\d+Z$/, 'Z');
    const record: ClusterRecord = { id: `j-${stamp}-${randomBytes(3).toString('hex')}`, name, createdAt: this.now().toISOString() };
    await this.files.writeCluster(record);
    return record;
  }

  async find(id: string): Promise<ClusterRecord | undefined> {
    return (await this.files.clusters()).find((cluster) => cluster.id === id);
  }

  /** Ends the record (once); a cluster that is not there is an error, as TerminateJobFlows says. */
  async end(id: string): Promise<void> {
    const record = await this.find(id);
    if (!record) throw new LakeError('not-found', `No local cluster '${id}'`);
    if (!record.endedAt) await this.files.writeCluster({ ...record, endedAt: this.now().toISOString() });
  }

  /** A redrive runs on this machine again: the run's cluster record takes steps again. */
  async reopen(id: string): Promise<void> {
    const record = await this.find(id);
    if (record?.endedAt) await this.files.writeCluster({ id: record.id, name: record.name, createdAt: record.createdAt });
  }
}
