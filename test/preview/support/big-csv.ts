// A multi-thousand-row CSV made of real rows: the 700-row sample of the covid export (test
// fixture) repeated, each copy's `ID de caso` renumbered so row i holds case i + 1, and every
// `multiline`-th row's last field a quoted value spanning two lines (as exports of free text do).
import { readFileSync } from 'node:fs';

const SAMPLE = readFileSync(new URL('../../fixtures/ingestion/covid_casos_sample_700.csv', import.meta.url), 'utf8');

export function bigCovidCsv(copies: number, multiline = 0): { text: string; header: string[]; rows: number } {
  const [header, ...lines] = SAMPLE.trimEnd().split('\n');
  const out: string[] = [header];
  let id = 0;
  for (let copy = 0; copy < copies; copy++) {
    for (const line of lines) {
      id += 1;
      const fields = line.split(',');
      fields[1] = String(id);
      if (multiline > 0 && id % multiline === 0) fields[fields.length - 1] = `"grupo ${id}\nsegunda línea, con coma"`;
      out.push(fields.join(','));
    }
  }
  return { text: `${out.join('\n')}\n`, header: header.split(','), rows: id };
}
