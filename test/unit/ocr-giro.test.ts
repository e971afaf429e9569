import { ValidationError } from '#shared/domain/kernel/errors';
import { formatOcrGiro, parseOcrGiro } from '#shared/domain/receivables/ocr-giro';

/**
 * A file built field by field from Nets' «System Specification OCR giro», chapter 2, independently
 * of `formatOcrGiro`: so the parser is held to the published positions, not to our own writer.
 */
const zeros = (n: number) => '0'.repeat(n);
const handBuilt = [
  // 2.1 start record for transmission: NY 00 00 10, data transmitter, transmission number, data recipient
  'NY000010' + '00008080' + '2611301' + '00012345' + zeros(49),
  // 2.2 start record for assignment: NY 09 00 20, agreement id, assignment number, assignment account
  'NY090020' + '001234567' + '0000001' + '86011117947' + zeros(45),
  // 2.3.1 amount item 1 (type 10): transaction number, settlement date, centre id, day code,
  // partial settlement number and serial number, sign, amount in øre, KID right-aligned
  'NY091030' + '0000001' + '301126' + '13' + '30' + '1' + '00001' + '0' + '00000000000045000' + '000001034'.padStart(25, ' ') + zeros(6),
  // 2.3.2 amount item 2: transaction number, form number, archive reference, filler, bank date, debited account
  'NY091031' + '0000001' + '9636827194' + '099038562' + '0000000' + '291126' + '12345678903' + zeros(22),
  // a purchase with text (type 21): item 3 carries the payer's message
  'NY092130' + '0000002' + '301126' + '13' + '30' + '1' + '00002' + '0' + '00000000000012550' + '000001042'.padStart(25, ' ') + zeros(6),
  'NY092131' + '0000002' + '9636827195' + '099038563' + '0000000' + '291126' + '98765432109' + zeros(22),
  'NY092132' + '0000002' + 'Kari Nordmann faktura 104'.padEnd(40, ' ') + zeros(25),
  // 2.4 end record for assignment: transactions, records (start and end included), total, dates
  'NY090088' + '00000002' + '00000007' + '00000000000057550' + '301126' + '301126' + '301126' + zeros(21),
  // 2.5 end record for transmission: transactions, records, total, Nets' date
  'NY000089' + '00000002' + '00000009' + '00000000000057550' + '301126' + zeros(33),
];

function refusal(text: string): ValidationError {
  try {
    parseOcrGiro(text);
  } catch (error) {
    if (error instanceof ValidationError) return error;
    throw error;
  }
  throw new Error('the file was accepted');
}

describe('the OCR giro file (Nets, System Specification OCR giro, ch. 2)', () => {
  it('has 80-character records in the hand-built fixture (the fixture itself follows the layout)', () => {
    expect(handBuilt.map((line) => line.length)).toEqual(handBuilt.map(() => 80));
  });

  it('reads the transmission, the assignment and each payment field from its positions', () => {
    const transmission = parseOcrGiro(`${handBuilt.join('\n')}\n`);
    expect(transmission).toMatchObject({ transmissionNumber: '2611301', dataTransmitter: '00008080', dataRecipient: '00012345', totalAmountOre: 57550 });
    expect(transmission.assignments).toEqual([{ assignmentNumber: '0000001', account: '86011117947', payments: transmission.payments }]);
    expect(transmission.payments).toEqual([
      { line: 3, transactionNumber: 1, transactionType: '10', kid: '000001034', amountOre: 45000, paymentDate: '2026-11-30', archiveReference: '099038562', assignmentNumber: '0000001' },
      { line: 5, transactionNumber: 2, transactionType: '21', kid: '000001042', amountOre: 12550, paymentDate: '2026-11-30', archiveReference: '099038563', assignmentNumber: '0000001' },
    ]);
  });

  it('keeps neither the payer’s account nor their message: what identifies the payer is read past', () => {
    const kept = JSON.stringify(parseOcrGiro(handBuilt.join('\r\n')));
    expect(kept).not.toContain('12345678903');
    expect(kept).not.toContain('98765432109');
    expect(kept).not.toContain('Kari');
  });

  it('reads what formatOcrGiro writes (the twin’s sample and the README’s example use it)', () => {
    const payments = [
      { kid: '000010009', amountOre: 12500, paymentDate: '2026-11-30', archiveReference: '000000017' },
      { kid: '000010017', amountOre: 99, paymentDate: '2026-12-01', transactionType: '21' },
      { kid: '', amountOre: 5000, paymentDate: '2026-12-01', transactionType: '21' },
    ];
    const transmission = parseOcrGiro(formatOcrGiro({ transmissionNumber: '1234567', account: '86011117947', netsDate: '2026-12-01', payments }));
    expect(transmission.transmissionNumber).toBe('1234567');
    expect(transmission.payments.map(({ kid, amountOre, paymentDate }) => ({ kid, amountOre, paymentDate }))).toEqual(payments.map(({ kid, amountOre, paymentDate }) => ({ kid, amountOre, paymentDate })));
    expect(transmission.payments[0]?.archiveReference).toBe('000000017');
  });

  describe('refuses a malformed file as a whole, naming the line', () => {
    const withLine = (index: number, line: string) => handBuilt.map((l, i) => (i === index ? line : l)).join('\n');

    it.each([
      ['a record of the wrong length', withLine(2, handBuilt[2]!.slice(0, 79)), 3, /80 characters/],
      ['a record without the format code', withLine(3, `XX${handBuilt[3]!.slice(2)}`), 4, /format code NY/],
      ['an unknown record type', withLine(6, `NY092139${handBuilt[6]!.slice(8)}`), 7, /record type 39/],
      ['a date that does not exist (31 February)', withLine(2, handBuilt[2]!.replace('301126', '310226')), 3, /not a date/],
      ['letters in the KID', withLine(2, handBuilt[2]!.replace('000001034', '00000A034')), 3, /KID/],
      ['an amount item 2 of another transaction', withLine(3, handBuilt[3]!.replace('NY0910310000001', 'NY0910310000009')), 4, /transaction number/],
      ['an assignment whose total is not its payments’ sum', withLine(7, handBuilt[7]!.replace('00000000000057550', '00000000000057551')), 8, /total/],
      ['a transmission that counts another number of records', withLine(8, handBuilt[8]!.replace('00000009', '00000010')), 9, /records/],
      ['an assignment that never ends', handBuilt.filter((_, i) => i !== 7).join('\n'), 8, /no end record/],
    ])('%s', (_, text, line, detail) => {
      const error = refusal(text);
      expect(error.message).toMatch(/nothing was imported/);
      expect(error.issues[0]).toEqual({ pointer: `/line/${line}`, detail: expect.stringMatching(detail) });
      expect(error.issues[0]?.detail).toMatch(new RegExp(`^line ${line}: `));
    });

    it('an assignment number repeated in one transmission, whose payments would share their keys', () => {
      const payment = { kid: '', amountOre: 5000, paymentDate: '2026-12-01' };
      const text = formatOcrGiro({ transmissionNumber: '1234567', account: '86011117947', netsDate: '2026-12-01', assignments: [{ assignmentNumber: '7', payments: [payment] }, { assignmentNumber: '7', payments: [payment] }] });
      // The second assignment starts on line 6: transmission start, then start, item 1, item 2, end of the first
      expect(text.split('\n')[5]).toMatch(/^NY090020\d{9}0000007/);
      const error = refusal(text);
      expect(error.message).toMatch(/nothing was imported/);
      expect(error.issues).toEqual([{ pointer: '/line/6', detail: 'line 6: assignment number repeated: 0000007 began on line 2 too' }]);
      // Two assignments numbered apart are read
      expect(parseOcrGiro(formatOcrGiro({ transmissionNumber: '1234567', account: '86011117947', netsDate: '2026-12-01', assignments: [{ assignmentNumber: '7', payments: [payment] }, { assignmentNumber: '8', payments: [payment] }] })).payments).toHaveLength(2);
    });

    it('a file cut short before its end record', () => {
      const error = refusal(handBuilt.slice(0, 8).join('\n'));
      expect(error.issues).toEqual([{ pointer: '/line/8', detail: expect.stringMatching(/cut short/) }]);
    });

    it('anything after the end record', () => {
      const error = refusal([...handBuilt, handBuilt[2]].join('\n'));
      expect(error.issues).toEqual([{ pointer: '/line/10', detail: expect.stringMatching(/nothing may follow/) }]);
    });

    it('an empty file, and text that is not a bank file', () => {
      expect(refusal('').issues[0]?.pointer).toBe('/line/1');
      expect(refusal('Dato;Beløp;KID\n2026-11-30;450,00;000001034').issues.map((issue) => issue.pointer)).toEqual(['/line/1', '/line/2']);
    });

    it('names at most ten lines however broken the file is', () => {
      const error = refusal(Array.from({ length: 50 }, () => 'x').join('\n'));
      expect(error.issues).toHaveLength(10);
      expect(error.message).toMatch(/50 lines are wrong/);
    });
  });
});
