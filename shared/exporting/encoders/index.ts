/** The export file formats: their names, file extensions, media types and encoders. */
import { z } from 'zod';
import type { Table } from 'apache-arrow';
import { encodeArrowFile } from './arrow-ipc';
import { encodeCsv } from './csv';
import { encodeParquet } from './parquet';
import { encodeXlsx } from './xlsx';

export const ExportFormat = z.enum(['csv', 'xlsx', 'parquet', 'arrow']);
export type ExportFormat = z.infer<typeof ExportFormat>;

export const FORMAT_INFO: Record<ExportFormat, { extension: string; mediaType: string; formulasNeutralised: boolean }> = {
  csv: { extension: 'csv', mediaType: 'text/csv; charset=utf-8', formulasNeutralised: true },
  xlsx: { extension: 'xlsx', mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', formulasNeutralised: true },
  parquet: { extension: 'parquet', mediaType: 'application/vnd.apache.parquet', formulasNeutralised: false },
  arrow: { extension: 'arrow', mediaType: 'application/vnd.apache.arrow.file', formulasNeutralised: false },
};

export interface EncodeContext {
  /** Name of the data (sheet name in XLSX). */
  name: string;
  /** Key-value metadata for formats that carry it (Parquet footer, Arrow schema). */
  metadata: Record<string, string>;
  /** Rows of the XLSX "About this export" sheet. */
  about: [string, string][];
  /** The writing program, e.g. "Signature Workbench 0.1.0". */
  createdBy: string;
}

/** The bytes of a table in a format. */
export async function encodeTable(format: ExportFormat, table: Table, ctx: EncodeContext): Promise<Uint8Array> {
  switch (format) {
    case 'csv':
      return encodeCsv(table);
    case 'xlsx':
      return encodeXlsx(table, { sheetName: ctx.name, about: ctx.about });
    case 'parquet':
      return encodeParquet(table, ctx.metadata, ctx.createdBy);
    case 'arrow':
      return encodeArrowFile(table, ctx.metadata);
  }
}
