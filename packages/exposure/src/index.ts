export { INTERVAL_SECONDS, INTERVAL_MS, ROLLING_PERIOD, DAY_MS } from './intervals.js';
export {
  intervalNumberFromSeconds,
  intervalNumberFromMs,
  dayStartInterval,
  intervalStartMs,
  intervalRange,
  utcDayNumber,
  utcDayStartMs,
  dayNumberOfInterval,
  utcDateOfDay,
} from './intervals.js';
export { toHex, fromHex, toBase64, fromBase64, compareBytes, equalBytes } from './bytes.js';
export { REPORT_TYPE, type ReportType, type TemporaryExposureKey, type Sighting } from './types.js';
export { ExportFormatError, type ExportFormatErrorCode } from './errors.js';
export {
  GAEN_KEY_LENGTH,
  METADATA_VERSION_1_0,
  deriveRpik,
  deriveAemk,
  deriveRpi,
  deriveRpis,
  encryptMetadata,
  decryptMetadata,
  encodeMetadata,
  decodeMetadata,
  gaenAdvertisement,
} from './gaen.js';
export {
  BLUEZONE_KEY_LENGTH,
  BLUEZONE_ID_LENGTH,
  BLUEZONE_IDS_PER_DAY,
  RADIO,
  bluezoneDailyKey,
  bluezoneIdentifiers,
  bluezoneSlotMs,
  bluezoneSlotAt,
  bluezoneIdentifierAt,
} from './bluezone.js';
export {
  EXPORT_HEADER,
  ECDSA_P256_SHA256_OID,
  encodeExportBin,
  decodeExportBin,
  encodeExportSig,
  decodeExportSig,
  type ExposureKeyExport,
  type SignatureInfo,
  type TekSignature,
} from './export-file.js';
export { signExport, verifyExport, parsePublicKey, publicKeyToPem, generateSigningKey } from './export-signature.js';
export {
  buildExportZip,
  readExportZip,
  createExportZip,
  padKeys,
  exportFileName,
  buildIndexTxt,
  type ExportArchive,
} from './export-zip.js';
export {
  verificationCleartext,
  verificationHmac,
  validateUploadKeys,
  embargoedUntil,
  isPublishable,
  DEFAULT_UPLOAD_LIMITS,
  EMBARGO_MS,
  type CertifiedKey,
  type UploadLimits,
  type UploadProblem,
  type UploadProblemCode,
} from './verification.js';
export {
  DEFAULT_RISK_CONFIG,
  attenuationWeight,
  weightedMinutes,
  scoreWindow,
  scoreDays,
  type Scan,
  type ExposureWindow,
  type AttenuationWeight,
  type RiskConfig,
  type WindowRisk,
  type DayRiskLevel,
  type ScoredWindow,
  type DayRisk,
} from './risk.js';
export { DEFAULT_WINDOW_OPTIONS, buildExposureWindows, type WindowOptions } from './exposure-windows.js';
export { indexSightings, type SightingIndex } from './sighting-index.js';
export { JS_RPI_DERIVER, type RpiDeriver } from './rpi-deriver.js';
export { deriveRpikFast } from './hkdf-fast.js';
export {
  matchKeys,
  matchBluezoneKeys,
  type MatchedSighting,
  type KeyMatch,
  type MatchOptions,
  type BluezoneDailyKey,
} from './matching.js';
export { checkExposure, type CheckExposureConfig, type ExposureCheckResult } from './check-exposure.js';
export {
  SimulatedAir,
  SimulatedRadio,
  type Advertisement,
  type RadioAdapter,
  type SimulatedAirOptions,
} from './radio.js';
export { benchMatching, type MatchingBenchResult } from './bench.js';
