import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from './bytes.js';
import { ExportFormatError } from './errors.js';
import { decodeExportMessage, decodeSignatureListMessage, encodeExportMessage, encodeSignatureListMessage } from './export-proto.js';

const KEY = fromHex('00112233445566778899aabbccddeeff');

function code(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof ExportFormatError) return error.code;
    throw error;
  }
  return undefined;
}

// Expected bytes worked out by hand from the protobuf encoding rules (varint, zigzag, fixed64, length-delimited).
describe('the hand-written proto2 codec', () => {
  it.each([
    ['int32 1', { keys: [{ transmissionRiskLevel: 1 }] }, '3a021001'],
    ['int32 −1 as ten bytes', { keys: [{ transmissionRiskLevel: -1 }] }, '3a0b10ffffffffffffffffff01'],
    ['int32 300 as two bytes', { keys: [{ rollingPeriod: 300 }] }, '3a0320ac02'],
    ['sint32 −1 zigzag', { keys: [{ daysSinceOnsetOfSymptoms: -1 }] }, '3a023001'],
    ['sint32 14 zigzag', { keys: [{ daysSinceOnsetOfSymptoms: 14 }] }, '3a02301c'],
    ['fixed64', { startTimestamp: 1590159600 }, '09f0e8c75e00000000'],
    ['string', { region: 'VN' }, '1a02564e'],
    ['bytes', { keys: [{ keyData: KEY }] }, `3a120a10${toHex(KEY)}`],
    ['zero values are written when present', { batchNum: 0 }, '2000'],
    ['absent and unknown properties are not', { region: undefined, colour: 'red' }, ''],
  ])('%s', (_name, object, hex) => {
    const bytes = encodeExportMessage(object);
    expect(toHex(bytes)).toBe(hex);
    const decoded = decodeExportMessage(bytes);
    for (const [field, value] of Object.entries(object)) if (field !== 'colour' && value !== undefined) expect(decoded[field]).toEqual(value);
  });

  it('decodes repeated fields as arrays, empty when absent, and bytes as copies', () => {
    const bytes = encodeSignatureListMessage({ signatures: [{ batchNum: 1, signature: KEY }, { batchNum: 2 }] });
    const decoded = decodeSignatureListMessage(bytes);
    expect(decoded.signatures).toEqual([{ batchNum: 1, signature: KEY }, { batchNum: 2 }]);
    expect(decodeExportMessage(new Uint8Array())).toEqual({ signatureInfos: [], keys: [], revisedKeys: [] });
    const signature = (decoded.signatures as Array<{ signature?: Uint8Array }>)[0]?.signature;
    bytes.fill(0);
    expect(signature).toEqual(KEY);
  });

  it('skips fields it does not know, of every wire type', () => {
    // field 9 varint, field 10 fixed64, field 11 length-delimited, field 12 fixed32, then region "VN".
    const bytes = fromHex('4896015101020304050607085a03616263650102030' + '41a02564e');
    expect(decodeExportMessage(bytes)).toMatchObject({ region: 'VN' });
  });

  it.each([
    ['a known field with the wrong wire type', '1d01020304'],
    ['a group (wire type 3, not in proto2 export files)', '4b'],
    ['field number 0', '0001'],
    ['a varint longer than ten bytes', '20ffffffffffffffffffff01'],
    ['a timestamp beyond 2^53', '09ffffffffffffffff'],
    ['a length past the end', '1a05564e'],
  ])('refuses %s', (_name, hex) => {
    expect(code(() => decodeExportMessage(fromHex(hex)))).toBe('bad_protobuf');
  });

  it.each([
    ['a string field given a number', { region: 7 }],
    ['an int32 out of range', { batchNum: 2 ** 31 }],
    ['a fraction', { batchNum: 1.5 }],
    ['a negative timestamp', { startTimestamp: -1 }],
    ['bytes given text', { keys: [{ keyData: 'abc' }] }],
    ['a repeated field given an object', { keys: { keyData: KEY } }],
  ])('will not encode %s', (_name, object) => {
    expect(code(() => encodeExportMessage(object))).toBe('bad_field');
  });
});
