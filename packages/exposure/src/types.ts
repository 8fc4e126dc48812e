/** Report type of a diagnosis key (export proto `TemporaryExposureKey.ReportType`). */
export const REPORT_TYPE = Object.freeze({
  unknown: 0,
  confirmedTest: 1,
  confirmedClinicalDiagnosis: 2,
  selfReport: 3,
  recursive: 4,
  revoked: 5,
});

/** Numeric report type value, 0–5. */
export type ReportType = (typeof REPORT_TYPE)[keyof typeof REPORT_TYPE];

/** A temporary exposure key as published (field names follow the export proto). */
export interface TemporaryExposureKey {
  keyData: Uint8Array;
  transmissionRiskLevel: number;
  rollingStartIntervalNumber: number;
  rollingPeriod: number;
  reportType?: ReportType;
  daysSinceOnsetOfSymptoms?: number;
}

/** One received advertisement, as a radio adapter reports it. */
export interface Sighting {
  /** RPI (16 bytes) or Bluezone identifier (12 bytes). */
  id: Uint8Array;
  /** Unix milliseconds of reception. */
  seenAt: number;
  /** Received signal strength in dBm. */
  rssi: number;
  /** Attenuation in dB when the adapter already knows it (e.g. the simulator); otherwise derived from TX power − RSSI. */
  attenuation?: number;
  /** Exposure Notification: the 4 encrypted metadata bytes (AEM) that came with the RPI. */
  metadata?: Uint8Array;
}
