import { describe, expect, it } from 'vitest';
import { csvText, ledgerCsvRow } from '../../../shared/domain/reports/csv.js';

describe('CSV cells', () => {
  it('leaves plain text alone and quotes text with commas, quotes or line breaks, doubling quotes', () => {
    expect(csvText('Summer bonus')).toBe('Summer bonus');
    expect(csvText('a, b')).toBe('"a, b"');
    expect(csvText('say "hi"')).toBe('"say ""hi"""');
    expect(csvText('two\nlines')).toBe('"two\nlines"');
    expect(csvText('cr\rhere')).toBe('"cr\rhere"');
    expect(csvText(null)).toBe('');
  });

  it('prefixes text a spreadsheet would run as a formula with a single quote, then quotes it if needed', () => {
    expect(csvText('=HYPERLINK("http://x","y")')).toBe('"\'=HYPERLINK(""http://x"",""y"")"');
    expect(csvText('+1')).toBe("'+1");
    expect(csvText('-2+3')).toBe("'-2+3");
    expect(csvText('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvText('\tcmd')).toBe("'\tcmd");
    expect(csvText('a=b')).toBe('a=b');
  });

  it('writes a ledger row with integer columns as plain numbers, negative ones included', () => {
    expect(ledgerCsvRow({
      entryId: '01J', at: '2026-01-01T00:00:00.000Z', kind: 'allocation', deltaPoints: -300, balanceAfter: 700, reference: 'A1', note: '=1+1, "bonus"',
    })).toBe('01J,2026-01-01T00:00:00.000Z,allocation,-300,700,A1,"\'=1+1, ""bonus"""');
  });
});
