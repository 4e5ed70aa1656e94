// The relational source: two reference tables in a `reference` schema, as an RDS database (aws)
// or the embedded PGlite (local) holds them. Extracts are written as CSV with exactly the headers
// of the bundled sample files (the Spark ETL reads those names), coordinates with the decimal
// comma DIVIPOLA publishes. Everything is selected as text so pg and PGlite give identical bytes.
export type ReferenceSource = 'divipola' | 'departments';

export interface ReferenceTable {
  table: string;
  /** The bundled file that seeds the table, under sample-data/. */
  sampleFile: string;
  ddl: string;
  /** Column names for INSERT, in the sample file's column order. */
  insertColumns: string[];
  /** From a sample-file record to the INSERT values. */
  toRow: (record: string[]) => unknown[];
  extract: string;
}

const decimalPoint = (value: string) => value.replace(',', '.');

export const REFERENCE_TABLES: Record<ReferenceSource, ReferenceTable> = {
  divipola: {
    table: 'reference.divipola_municipios',
    sampleFile: 'divipola_municipios.csv',
    ddl: `CREATE TABLE IF NOT EXISTS reference.divipola_municipios (
  codigo_departamento text NOT NULL,
  nombre_departamento text NOT NULL,
  codigo_municipio text PRIMARY KEY,
  nombre_municipio text NOT NULL,
  tipo text NOT NULL,
  longitud numeric NOT NULL,
  latitud numeric NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now())`,
    insertColumns: ['codigo_departamento', 'nombre_departamento', 'codigo_municipio', 'nombre_municipio', 'tipo', 'longitud', 'latitud'],
    toRow: (r) => [r[0], r[1], r[2], r[3], r[4], decimalPoint(r[5]), decimalPoint(r[6])],
    extract: `SELECT codigo_departamento AS "Código Departamento", nombre_departamento AS "Nombre Departamento",
  codigo_municipio AS "Código Municipio", nombre_municipio AS "Nombre Municipio",
  tipo AS "Tipo: Municipio / Isla / Área no municipalizada",
  replace(longitud::text, '.', ',') AS "longitud", replace(latitud::text, '.', ',') AS "Latitud"
FROM reference.divipola_municipios ORDER BY codigo_municipio`,
  },
  departments: {
    table: 'reference.departamentos_poblacion',
    sampleFile: 'departamentos_poblacion.csv',
    ddl: `CREATE TABLE IF NOT EXISTS reference.departamentos_poblacion (
  codigo_departamento text PRIMARY KEY,
  departamento text NOT NULL,
  poblacion bigint NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now())`,
    insertColumns: ['codigo_departamento', 'departamento', 'poblacion'],
    toRow: (r) => [r[0], r[1], r[2]],
    extract: `SELECT codigo_departamento, departamento, poblacion::text AS poblacion
FROM reference.departamentos_poblacion ORDER BY codigo_departamento`,
  },
};

/** Latest change to a table, as an ISO timestamp: the watermark recorded with each extract. */
export function watermarkQuery(table: string): string {
  return `SELECT to_char(max(updated_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS watermark FROM ${table}`;
}

/** The subset of pg.Client and PGlite the reference code uses. */
export interface SqlClient {
  query(sql: string, params?: unknown[]): Promise<{ rows: Record<string, unknown>[]; fields: { name: string }[] }>;
}
