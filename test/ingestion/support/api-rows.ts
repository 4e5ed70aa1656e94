// API-shaped rows built from the real CSV sample: the SODA field names of docs/data.md, dates as
// SODA floating timestamps. `copies` repeats the 700 real cases with new ids and report dates a
// four weeks later per copy (the sample spans 24 days, so copies never overlap), to get past the API's 1000-row default with real values.
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';

export const SAMPLE_CSV = new URL('../../fixtures/ingestion/covid_casos_sample_700.csv', import.meta.url);

const API_FIELDS = [
  'fecha_reporte_web',
  'id_de_caso',
  'fecha_de_notificaci_n',
  'departamento',
  'departamento_nom',
  'ciudad_municipio',
  'ciudad_municipio_nom',
  'edad',
  'unidad_medida',
  'sexo',
  'fuente_tipo_contagio',
  'ubicacion',
  'estado',
  'pais_viajo_1_cod',
  'pais_viajo_1_nom',
  'recuperado',
  'fecha_inicio_sintomas',
  'fecha_muerte',
  'fecha_diagnostico',
  'fecha_recuperado',
  'tipo_recuperacion',
  'per_etn_',
  'nom_grupo_',
];
const DATE_FIELDS = new Set([
  'fecha_reporte_web',
  'fecha_de_notificaci_n',
  'fecha_inicio_sintomas',
  'fecha_muerte',
  'fecha_diagnostico',
  'fecha_recuperado',
]);

export type ApiRow = Record<string, string>;

/** `6/3/2020 0:00:00` → `2020-03-06T00:00:00.000`, shifted by `days`. */
function isoDate(value: string, days: number): string {
  const [d, m, y] = value.split(' ')[0].split('/').map(Number);
  const date = new Date(Date.UTC(y, m - 1, d + days));
  return `${date.toISOString().slice(0, 19)}.000`;
}

export function apiRows(copies = 1): ApiRow[] {
  const records = parse(readFileSync(SAMPLE_CSV, 'utf8'), { from_line: 2 }) as string[][];
  const rows: ApiRow[] = [];
  for (let copy = 0; copy < copies; copy += 1) {
    for (const record of records) {
      const row: ApiRow = {};
      API_FIELDS.forEach((field, i) => {
        const value = record[i];
        // SODA leaves empty values out of the JSON.
        if (value === '') return;
        if (field === 'id_de_caso') row[field] = String(Number(value) + copy * records.length);
        else row[field] = DATE_FIELDS.has(field) ? isoDate(value, copy * 28) : value;
      });
      rows.push(row);
    }
  }
  return rows;
}
