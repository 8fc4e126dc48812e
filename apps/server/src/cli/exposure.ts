import fs from 'node:fs';
import type { Command } from 'commander';
import {
  BLUEZONE_IDS_PER_DAY,
  ExportFormatError,
  bluezoneDailyKey,
  bluezoneIdentifiers,
  decodeExportBin,
  decodeExportSig,
  deriveAemk,
  deriveRpik,
  deriveRpis,
  encryptMetadata,
  fromHex,
  readExportZip,
  toHex,
  verifyExport,
  type SignatureInfo,
  type TemporaryExposureKey,
} from '@phongdich/exposure';
import type { Context } from '../context.js';
import { runExport } from '../modules/exposure/index.js';

type Out = (line: string) => void;

function hexOption(value: string, name: string, bytes: number): Uint8Array {
  if (!new RegExp(`^[0-9a-fA-F]{${bytes * 2}}$`).test(value)) throw new Error(`${name} must be ${bytes * 2} hexadecimal characters (${bytes} bytes)`);
  return fromHex(value.toLowerCase());
}

function intOption(value: string, name: string, min: number, max: number): number {
  const n = Number(value);
  if (!/^-?\d+$/.test(value) || n < min || n > max) throw new Error(`${name} must be a whole number from ${min} to ${max}`);
  return n;
}

const iso = (seconds: number) => new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');
const info = (s: SignatureInfo) => `key-id ${s.verificationKeyId ?? '-'} version ${s.verificationKeyVersion ?? '-'} algorithm ${s.signatureAlgorithm ?? '-'}`;
const keyLine = (label: string, k: TemporaryExposureKey) =>
  `${label} ${toHex(k.keyData)} risk ${k.transmissionRiskLevel} start ${k.rollingStartIntervalNumber} period ${k.rollingPeriod} report-type ${k.reportType ?? '-'} days-since-onset ${k.daysSinceOnsetOfSymptoms ?? '-'}`;

/**
 * `phongdich exposure …`: conformance commands that reproduce the protocol's published vectors, the check of a
 * downloaded export file, and an export run for operators.
 */
export function addExposureCommands(program: Command, out: Out, withContext: <T>(run: (ctx: Context) => Promise<T>) => Promise<T>): void {
  const exposure = program.command('exposure').description('Bluetooth exposure notification: key schedules, export files, exports');

  exposure
    .command('gaen')
    .description('Exposure Notification identifiers of a temporary exposure key: rpik, aemk, then INDEX RPI AEM per interval (lower-case hex)')
    .requiredOption('--tek <hex>', 'temporary exposure key, 16 bytes')
    .requiredOption('--interval <n>', 'first interval number (ENIN)')
    .requiredOption('--count <k>', 'how many intervals')
    .requiredOption('--metadata <hex>', 'metadata, 4 bytes (version, TX power, 0, 0)')
    .action((opts: { tek: string; interval: string; count: string; metadata: string }) => {
      const tek = hexOption(opts.tek, '--tek', 16);
      const metadata = hexOption(opts.metadata, '--metadata', 4);
      const first = intOption(opts.interval, '--interval', 0, 2 ** 32 - 1);
      const count = intOption(opts.count, '--count', 1, 100_000);
      const rpik = deriveRpik(tek);
      const aemk = deriveAemk(tek);
      out(`rpik ${toHex(rpik)}`);
      out(`aemk ${toHex(aemk)}`);
      for (let i = 0; i < count; i++) {
        const rpi = deriveRpis(rpik, first + i, 1);
        out(`${i} ${toHex(rpi)} ${toHex(encryptMetadata(aemk, rpi, metadata))}`);
      }
    });

  exposure
    .command('bluezone')
    .description('Bluezone v2 identifiers: daily-key, then INDEX ID per identifier (upper-case hex)')
    .requiredOption('--base-key <hex>', 'base key, 32 bytes')
    .requiredOption('--day <d>', 'days after the base day (0 = the base day itself)')
    .option('--count <k>', 'identifiers of the day', String(BLUEZONE_IDS_PER_DAY))
    .action((opts: { baseKey: string; day: string; count: string }) => {
      const dailyKey = bluezoneDailyKey(hexOption(opts.baseKey, '--base-key', 32), 0, intOption(opts.day, '--day', 0, 100_000));
      out(`daily-key ${toHex(dailyKey)}`);
      bluezoneIdentifiers(dailyKey, intOption(opts.count, '--count', 1, 10_000)).forEach((id, i) => out(`${i} ${toHex(id).toUpperCase()}`));
    });

  exposure
    .command('verify-export')
    .description('decode an export archive (export.bin + export.sig), print its header and keys; exit 0 only if a signature verifies')
    .argument('<file>', 'the .zip archive')
    .requiredOption('--public-key <file>', 'the signer’s public key (PEM)')
    .action((file: string, opts: { publicKey: string }) => {
      const pem = fs.readFileSync(opts.publicKey, 'utf8');
      try {
        const { exportBin, exportSig } = readExportZip(new Uint8Array(fs.readFileSync(file)));
        const data = decodeExportBin(exportBin);
        const signatures = decodeExportSig(exportSig);
        out(`start ${data.startTimestamp} ${iso(data.startTimestamp)}`);
        out(`end ${data.endTimestamp} ${iso(data.endTimestamp)}`);
        out(`region ${data.region}`);
        out(`batch ${data.batchNum} of ${data.batchSize}`);
        for (const s of data.signatureInfos) out(`signature-info ${info(s)}`);
        out(`keys ${data.keys.length}`);
        for (const k of data.keys) out(keyLine('key', k));
        out(`revised-keys ${data.revisedKeys.length}`);
        for (const k of data.revisedKeys) out(keyLine('revised-key', k));
        for (const s of signatures) out(`signature ${info(s.signatureInfo)} batch ${s.batchNum} of ${s.batchSize} bytes ${s.signature.length}`);
        if (!verifyExport(exportBin, signatures, pem)) throw new Error('signature does not verify: the file was altered or signed with another key');
        out('signature valid');
      } catch (error) {
        if (error instanceof ExportFormatError) throw new Error(`not a valid export file (${error.code}): ${error.message}`);
        throw error;
      }
    });

  exposure
    .command('export')
    .description('export the keys ready for publication now (normally done every EXPOSURE_EXPORT_MINUTES)')
    .action(async () => {
      const run = await withContext((ctx) => runExport(ctx));
      out(`exported ${run.keys} keys (${run.padded} padding) in ${run.files.length} file(s)`);
      for (const f of run.files) out(f);
    });
}
