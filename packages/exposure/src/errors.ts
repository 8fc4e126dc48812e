/** Stable codes of ExportFormatError, one per way an export file can be unusable. */
export type ExportFormatErrorCode =
  | 'bad_header'
  | 'bad_protobuf'
  | 'bad_field'
  | 'bad_zip'
  | 'missing_entry'
  | 'bad_public_key'
  | 'bad_signature';

/** Thrown when an export file, signature list, zip or public key cannot be read; never partial data. */
export class ExportFormatError extends Error {
  override readonly name = 'ExportFormatError';

  constructor(
    readonly code: ExportFormatErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
