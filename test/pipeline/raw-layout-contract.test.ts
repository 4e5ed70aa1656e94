// The raw layout is written by TypeScript (src/pipeline/layout.ts) and read by the Spark jobs
// (spark/lakedeck_spark/raw_layout.py). This pins the two together: keys made by the TypeScript
// side are fed to the Python side, which must select every one of them (with the same ingest
// date, oldest first) and none of the names the store or Spark leave beside them.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SOURCE_NAMES } from '../../src/core/ingestion.js';
import { ingestDateOf, manifestKey, newManifestId, RAW_EXTENSION, rawKey } from '../../src/pipeline/layout.js';

const PYTHON = path.resolve('.venv/bin/python');
// Run from spark/ so the package imports as the jobs import it; glob answered from the key list.
const READER = `
import fnmatch, json, sys
from lakedeck_spark import raw_layout
data = json.load(sys.stdin)
class Listing:
    def glob(self, pattern):
        return [u for u in data["uris"] if fnmatch.fnmatchcase(u, pattern)]
out = {"extensions": raw_layout.SOURCES, "selected": {}, "dates": {}}
for source in data["sources"]:
    files = raw_layout.source_files(Listing(), data["raw"], source)
    out["selected"][source] = files
    out["dates"].update({u: raw_layout.ingest_date_of(u) for u in files})
    out["latest_" + source] = raw_layout.latest_file(Listing(), data["raw"], source)
print(json.dumps(out))
`;

describe('the raw layout, TypeScript → Python', () => {
  it('Python selects exactly the objects TypeScript publishes, in time order', () => {
    const raw = 's3://lake-bucket/raw';
    // Edges: the first second of a UTC day, the last one of a year, a leap day.
    const times = ['2020-03-06T00:00:00.000Z', '2023-12-31T23:59:59.999Z', '2024-02-29T12:34:56.789Z'].map((t) => new Date(t));
    const dateOf = new Map(
      SOURCE_NAMES.flatMap((source) => times.map((at) => [`${raw}/${rawKey(source, at)}`, ingestDateOf(at)] as const)),
    );
    const published = [...dateOf.keys()];
    const strays = SOURCE_NAMES.flatMap((source) => {
      const at = times[0];
      const key = rawKey(source, at);
      const dir = key.slice(0, key.lastIndexOf('/') + 1);
      const name = key.slice(key.lastIndexOf('/') + 1);
      return [
        `${raw}/${dir}.${name}.tmp-4242-abcd1234`, // the local store's temp file, mid-write
        `${raw}/${dir}.${name}.crc`, // Hadoop's checksum file
        `${raw}/${dir}_SUCCESS`,
        `${raw}/${dir}${name}.copy`,
        `${raw}/${source}/${name}`, // outside any ingest_date= partition
        `${raw}/${manifestKey(source, { id: newManifestId(at, () => 0.5), outcome: 'ingested', sha256: 'a'.repeat(64) })}`,
      ];
    });
    const input = JSON.stringify({ raw, sources: SOURCE_NAMES, uris: [...strays, ...published].reverse() });
    const output = JSON.parse(execFileSync(PYTHON, ['-c', READER], { cwd: path.resolve('spark'), input, encoding: 'utf8' }));

    expect(output.extensions).toEqual(RAW_EXTENSION);
    for (const source of SOURCE_NAMES) {
      const expected = times.map((at) => `${raw}/${rawKey(source, at)}`);
      expect(output.selected[source]).toEqual(expected);
      expect(output[`latest_${source}`]).toBe(expected[expected.length - 1]);
    }
    expect(output.dates).toEqual(Object.fromEntries(dateOf));
  });
});
