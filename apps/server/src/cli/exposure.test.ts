import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { buildExportZip, fromHex } from '@phongdich/exposure';
import { runCli } from './main.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const protocol = fs.readFileSync(path.join(repo, 'docs/protocols/exposure.md'), 'utf8');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pd-cli-exposure-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, (l) => out.push(l), (l) => err.push(l));
  return { code, out, err };
}

/** The vectors of docs/protocols/exposure.md (sections A, B, D); each must appear there verbatim. */
const V = {
  tek: '75c734c6dd1a782de7a965da5eb93125',
  rpik: '185ad91db69ec7dd048960f1f3ba6175',
  aemk: 'd57c46af7a1d83965b9bed8bd152936a',
  rpi: ['8be6cd371c5c891604bfbe49df845096', '3c9a1de5dd6b02afa7fded7b570b3e56'],
  aem: ['72033874', 'c29211b1'],
  rpi143: 'f431b62ecf443102ce4ed0407de54bd4',
  aem143: '1215e57e',
  bluezone: ['130CEA6472130C185D8643DF', '893DAE342437130CE5E23837'],
  dailyKey1: '630dcd2966c4336691125448bbb25b4ff412a49c732db2c8abc1b8581bd710dd',
  bluezone1: '970E23C0E19DE93F8CC4057B',
  exportBin:
    '454b204578706f72742076312020202009f0e8c75e0000000011703ac95e000000001a0255532001280132211a01312207736f6d655f69642a13312e322e3834302e31303034352e342e332e323a1b0a10172fc480e598490c34177604339b1543100818fcdea10120013a1b0a102b63053ac483238de176169e861f3dcd1001188adea1012072',
  exportSig:
    '0a710a211a01312207736f6d655f69642a13312e322e3834302e31303034352e342e332e3210011801224830460221009eb6e9d5ad6a688fa970b0e67c0886345eefdd1819592edd84604a1ccf4d0247022100906d7fcdf211c710f84a2a7917000573bef0ef27a4974129de2876ac6819f66a',
  publicKey: ['-----BEGIN PUBLIC KEY-----', 'MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEml59itec9qzwVojreLXdPNRsUWzf', 'YHc1cKvIIi6/H56AJS/kZEYQnfDpxrgyGhdAm+pNN2GAJ3XdnQZ1Sk4amg==', '-----END PUBLIC KEY-----'].join('\n'),
};

function write(name: string, data: Uint8Array | string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, data);
  return file;
}

describe('phongdich exposure (conformance with the protocol document)', () => {
  it('uses the vectors of docs/protocols/exposure.md', () => {
    for (const value of [V.tek, V.rpik, V.aemk, ...V.rpi, ...V.aem, V.rpi143, V.aem143, ...V.bluezone, V.dailyKey1, V.bluezone1, V.exportBin, V.exportSig, ...V.publicKey.split('\n')]) {
      expect(protocol).toContain(value);
    }
  });

  it('gaen prints rpik, aemk and INDEX RPI AEM for each interval', async () => {
    const { code, out } = await run('exposure', 'gaen', '--tek', V.tek, '--interval', '2642976', '--count', '144', '--metadata', '40080000');
    expect(code).toBe(0);
    expect(out.slice(0, 4)).toEqual([`rpik ${V.rpik}`, `aemk ${V.aemk}`, `0 ${V.rpi[0]} ${V.aem[0]}`, `1 ${V.rpi[1]} ${V.aem[1]}`]);
    expect(out).toHaveLength(146);
    expect(out[145]).toBe(`143 ${V.rpi143} ${V.aem143}`);
  });

  it('bluezone prints the daily key and INDEX ID in upper case', async () => {
    const baseKey = Array.from({ length: 32 }, (_, i) => i.toString(16).padStart(2, '0')).join('');
    const day0 = await run('exposure', 'bluezone', '--base-key', baseKey, '--day', '0', '--count', '2');
    expect(day0).toMatchObject({ code: 0, out: [`daily-key ${baseKey}`, `0 ${V.bluezone[0]}`, `1 ${V.bluezone[1]}`] });
    const day1 = await run('exposure', 'bluezone', '--base-key', baseKey, '--day', '1', '--count', '96');
    expect(day1.out[0]).toBe(`daily-key ${V.dailyKey1}`);
    expect(day1.out[1]).toBe(`0 ${V.bluezone1}`);
    expect(day1.out).toHaveLength(97);
  });

  it('verify-export decodes the published example and exits 0 because its signature verifies', async () => {
    const zip = write('example.zip', buildExportZip({ exportBin: fromHex(V.exportBin), exportSig: fromHex(V.exportSig) }));
    const pem = write('example.pem', V.publicKey);
    const { code, out } = await run('exposure', 'verify-export', zip, '--public-key', pem);
    expect(code).toBe(0);
    expect(out).toEqual([
      'start 1590159600 2020-05-22T15:00:00Z',
      'end 1590246000 2020-05-23T15:00:00Z',
      'region US',
      'batch 1 of 1',
      'signature-info key-id some_id version 1 algorithm 1.2.840.10045.4.3.2',
      'keys 2',
      'key 172fc480e598490c34177604339b1543 risk 8 start 2649980 period 1 report-type - days-since-onset -',
      'key 2b63053ac483238de176169e861f3dcd risk 1 start 2649866 period 114 report-type - days-since-onset -',
      'revised-keys 0',
      'signature key-id some_id version 1 algorithm 1.2.840.10045.4.3.2 batch 1 of 1 bytes 72',
      'signature valid',
    ]);
  });

  it('verify-export exits non-zero for a tampered, truncated or foreign file', async () => {
    const pem = write('example.pem', V.publicKey);
    const tamperedBin = fromHex(V.exportBin);
    tamperedBin[tamperedBin.length - 1] = (tamperedBin[tamperedBin.length - 1] ?? 0) ^ 1;
    const tampered = await run('exposure', 'verify-export', write('tampered.zip', buildExportZip({ exportBin: tamperedBin, exportSig: fromHex(V.exportSig) })), '--public-key', pem);
    expect(tampered.code).toBe(1);
    expect(tampered.err.join()).toContain('signature does not verify');
    const whole = buildExportZip({ exportBin: fromHex(V.exportBin), exportSig: fromHex(V.exportSig) });
    const truncated = await run('exposure', 'verify-export', write('truncated.zip', whole.slice(0, whole.length - 30)), '--public-key', pem);
    expect(truncated.code).toBe(1);
    expect(truncated.err.join()).toContain('not a valid export file');
    const headerless = await run('exposure', 'verify-export', write('headerless.zip', buildExportZip({ exportBin: fromHex(V.exportBin).slice(16), exportSig: fromHex(V.exportSig) })), '--public-key', pem);
    expect(headerless.err.join()).toContain('bad_header');
    const real = path.join(repo, 'packages/exposure/src/fixtures/gaen-internals-sample-diagnosis-keys.zip');
    const foreign = await run('exposure', 'verify-export', real, '--public-key', pem);
    expect(foreign.code).toBe(1);
    expect(foreign.out.find((l) => l.startsWith('keys '))).toMatch(/^keys \d+$/);
  });

  it('refuses malformed options with a message an operator can act on', async () => {
    const short = await run('exposure', 'gaen', '--tek', 'abcd', '--interval', '1', '--count', '1', '--metadata', '40080000');
    expect(short.code).toBe(1);
    expect(short.err.join()).toContain('--tek must be 32 hexadecimal characters');
    expect((await run('exposure', 'bluezone', '--base-key', '00', '--day', '0')).code).toBe(1);
  });

  it('runs as the installed bin (npx phongdich)', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [path.join(repo, 'apps/server/bin/phongdich.js'), 'exposure', 'gaen', '--tek', V.tek, '--interval', '2642976', '--count', '2', '--metadata', '40080000'], { cwd: repo });
    expect(stdout.trim().split('\n')).toEqual([`rpik ${V.rpik}`, `aemk ${V.aemk}`, `0 ${V.rpi[0]} ${V.aem[0]}`, `1 ${V.rpi[1]} ${V.aem[1]}`]);
  });
});
