/** Opens any supported file as a row source: the type from its bytes, then the reader for that type. */
import { openArrowSource } from './arrow-source';
import { detectFileType } from './file-type';
import { openParquetSource } from './parquet-source';
import { openTextSource } from './text-source';
import { openXlsxSource } from './xlsx-source';
import type { SourceResult } from './row-source';
import type { ReadOptionsOverride } from './types';

export interface SourceFile {
  name: string;
  bytes: Uint8Array;
}

/** The file as a row source, or why it cannot be read. */
export async function openSource(file: SourceFile, override: ReadOptionsOverride, sheet?: string): Promise<SourceResult> {
  const type = detectFileType(file.name, file.bytes);
  if ('refused' in type) return type;
  switch (type.format) {
    case 'xlsx':
      return openXlsxSource(file.bytes, override, sheet);
    case 'parquet':
      return openParquetSource(file.bytes, override);
    case 'arrow':
      return openArrowSource(file.bytes, override);
    default:
      return openTextSource(type.format, file.bytes, override);
  }
}
