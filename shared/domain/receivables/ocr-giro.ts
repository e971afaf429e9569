import { ValidationError, type FieldIssue } from '../kernel/errors';

/**
 * The bank's OCR giro file: the payments made to the shop's account with a KID, as Nets (now
 * Mastercard Payment Services) delivers them. Layout from Nets, «System Specification OCR giro»,
 * chapter 2 ("Record types, record layout and entering data"): fixed-width records of 80
 * characters, numeric fields right-aligned and zero-filled, alphanumeric fields left-aligned and
 * blank-filled (chapter 1). Every record starts with the format code `NY`, a service code
 * (positions 3–4), a transmission, assignment or transaction type (5–6) and a record type (7–8):
 *
 * | § | record | type | positions |
 * |---|--------|------|-----------|
 * | 2.1 | start record for transmission | 10 | service 00; 9–16 data transmitter, 17–23 transmission number, 24–31 data recipient, 32–80 zeros |
 * | 2.2 | start record for assignment | 20 | service 09; 9–17 agreement id, 18–24 assignment number, 25–35 assignment account, 36–80 zeros |
 * | 2.3.1 | amount item 1 | 30 | 9–15 transaction number, 16–21 settlement date (DDMMYY), 22–23 centre id, 24–25 day code, 26 partial settlement number, 27–31 its serial number, 32 sign (`-` or `0`), 33–49 amount in øre, 50–74 KID (right-aligned, blank-filled), 75–80 zeros |
 * | 2.3.2 | amount item 2 | 31 | 9–15 transaction number, 16–25 form number, 26–34 archive reference, 35–41 filler, 42–47 the payer's bank date (DDMMYY), 48–58 debited account, 59–80 zeros |
 * | 2.3.3 | amount item 3 | 32 | transaction types 20 and 21 only: 9–15 transaction number, 16–55 the payer's free-text message |
 * | 2.4 | end record for assignment | 88 | 9–16 number of transactions, 17–24 number of records, 25–41 total amount, 42–47 settlement date, 48–53 first and 54–59 last payment date |
 * | 2.5 | end record for transmission | 89 | service 00; 9–16 number of transactions, 17–24 number of records (start and end included), 25–41 total amount, 42–47 Nets' date |
 *
 * What the shop keeps of a payment is what matching needs: KID, amount, date and the archive
 * reference, which the bank statement shows. The debited account (2.3.2) and the free-text
 * message (2.3.3) identify the payer and are read past, never returned: the shop's promise to
 * store only what it needs.
 */

/** § 2.3.1 transaction types; the reversals are refunds of an earlier payment and come negative. */
export const OCR_TRANSACTION_TYPES: Record<string, string> = {
  '10': 'giro debited account',
  '11': 'standing order',
  '12': 'direct remittance',
  '13': 'BTG (business terminal giro)',
  '14': 'counter giro',
  '15': 'AvtaleGiro',
  '16': 'telegiro',
  '17': 'giro paid in cash',
  '18': 'reversing with KID',
  '19': 'purchase with KID',
  '20': 'reversing with text',
  '21': 'purchase with text',
};

export type OcrPayment = {
  /** The file's line of amount item 1, for staff and for a problem's pointer. */
  line: number;
  transactionNumber: number;
  transactionType: string;
  /** Digits only; empty when the payer gave none (types 20 and 21 carry text instead). */
  kid: string;
  /** Negative for a reversal. */
  amountOre: number;
  /** The settlement date, when the money reached the shop's account: what the ledger records. */
  paymentDate: string;
  archiveReference: string;
  /** The assignment (oppdrag) it came in: transaction numbers run from 1 in each, so they repeat across a transmission's assignments. */
  assignmentNumber: string;
};

export type OcrAssignment = { assignmentNumber: string; account: string; payments: OcrPayment[] };

export type OcrTransmission = {
  transmissionNumber: string;
  dataTransmitter: string;
  dataRecipient: string;
  assignments: OcrAssignment[];
  /** Every payment of every assignment, in file order. */
  payments: OcrPayment[];
  totalAmountOre: number;
};

/** A file larger than this is not one shop's payments: refused before it is split into lines. */
export const OCR_FILE_MAX_LINES = 20_000;
/** The most the API reads of a file: 1 MB is some 6 000 payments (two 81-byte records each), more than a shop has in a month. */
export const OCR_FILE_MAX_BYTES = 1024 * 1024;

type Record80 = { line: number; text: string; service: string; type: string; record: string };

/**
 * Reads a whole file or throws a ValidationError naming each line that is wrong (the first ten).
 * It checks every record's layout, the order of the records, that each transaction's items carry
 * the same transaction number, and the counts and totals of the end records, so a truncated or
 * hand-edited file is refused as a whole rather than half imported.
 */
export function parseOcrGiro(text: string): OcrTransmission {
  const lines = text.replace(/\r\n/g, '\n').replace(/\n+$/, '').split('\n');
  if (lines.length > OCR_FILE_MAX_LINES) throw new ValidationError(`An OCR file has at most ${OCR_FILE_MAX_LINES} records`, [{ pointer: '/line/1', detail: `the file has ${lines.length} lines` }]);
  const issues: FieldIssue[] = [];
  const fail = (line: number, detail: string) => {
    issues.push({ pointer: `/line/${line}`, detail: `line ${line}: ${detail}` });
  };

  const records: Record80[] = [];
  lines.forEach((raw, index) => {
    const line = index + 1;
    if (raw.length !== 80) return fail(line, `a record is 80 characters, this one is ${raw.length}`);
    if (!/^[\x20-\x7e]{80}$/.test(raw)) return fail(line, 'only printable ASCII characters belong in a record');
    if (!raw.startsWith('NY')) return fail(line, 'a record starts with the format code NY');
    records.push({ line, text: raw, service: raw.slice(2, 4), type: raw.slice(4, 6), record: raw.slice(6, 8) });
  });
  if (issues.length) throw refused(issues);
  if (records.length === 0) throw refused([{ pointer: '/line/1', detail: 'line 1: the file is empty' }]);

  const transmission: OcrTransmission = { transmissionNumber: '', dataTransmitter: '', dataRecipient: '', assignments: [], payments: [], totalAmountOre: 0 };
  let assignment: (OcrAssignment & { line: number; records: number }) | undefined;
  let pending: { item1: OcrPayment; needsText: boolean; sawItem2: boolean } | undefined;
  let ended = false;
  const seenAssignments = new Map<string, number>();

  const closeTransaction = (line: number) => {
    if (pending && !pending.sawItem2) fail(line, `transaction ${pending.item1.transactionNumber} has no amount item 2`);
    pending = undefined;
  };

  records.forEach((record, index) => {
    const { line, text: r } = record;
    if (ended) return fail(line, 'nothing may follow the end record for the transmission');
    if (index === 0) {
      if (record.record !== '10' || record.service !== '00' || record.type !== '00') return fail(line, 'the first record is the start record for the transmission (NY000010)');
      if (!/^\d{23}0{49}$/.test(r.slice(8))) return fail(line, 'positions 9–31 are the data transmitter, transmission number and data recipient, and 32–80 zeros');
      transmission.dataTransmitter = r.slice(8, 16);
      transmission.transmissionNumber = r.slice(16, 23);
      transmission.dataRecipient = r.slice(23, 31);
      return;
    }
    switch (record.record) {
      case '20': {
        closeTransaction(line);
        if (assignment) return fail(line, 'an assignment starts before the previous one ended');
        if (record.service !== '09' || record.type !== '00') return fail(line, 'only OCR giro assignments (service code 09, assignment type 00) belong in this file');
        if (!/^\d{27}0{45}$/.test(r.slice(8))) return fail(line, 'positions 9–35 are the agreement id, assignment number and account, and 36–80 zeros');
        const assignmentNumber = r.slice(17, 24);
        // Payments are keyed by transmission, assignment and transaction number (and the unknown-KID
        // payments' attention items by them too): a number twice in one file would make two
        // payments one key, one silently lost. The bank numbers each assignment once.
        const earlier = seenAssignments.get(assignmentNumber);
        // Refused, but read on as an assignment, so the lines after it are judged as what they are.
        if (earlier !== undefined) fail(line, `assignment number repeated: ${assignmentNumber} began on line ${earlier} too`);
        else seenAssignments.set(assignmentNumber, line);
        assignment = { line, records: 1, assignmentNumber, account: r.slice(24, 35), payments: [] };
        return;
      }
      case '30': {
        closeTransaction(line);
        if (!assignment) return fail(line, 'a transaction outside an assignment');
        assignment.records++;
        if (record.service !== '09' || !(record.type in OCR_TRANSACTION_TYPES)) return fail(line, `transaction type ${record.type} is not one of OCR giro's (10–21)`);
        const fields = /^(\d{7})(\d{6})(\d{2})(\d{2})(\d)(\d{5})([-0])(\d{17})([\d ]{25})0{6}$/.exec(r.slice(8));
        if (!fields) return fail(line, 'amount item 1: positions 9–49 are digits (sign at 32 is "-" or "0"), 50–74 the KID, 75–80 zeros');
        const [, number, date, , , , , sign, amount, kidField] = fields as unknown as string[];
        const paymentDate = dateOf(date as string);
        if (!paymentDate) return fail(line, `amount item 1: ${date} at positions 16–21 is not a date (DDMMYY)`);
        const kid = (kidField as string).trim();
        if (!/^\d*$/.test(kid)) return fail(line, 'amount item 1: the KID at positions 50–74 is right-aligned digits');
        const ore = Number(amount);
        const item1: OcrPayment = { line, transactionNumber: Number(number), transactionType: record.type, kid, amountOre: sign === '-' ? -ore : ore, paymentDate, archiveReference: '', assignmentNumber: assignment.assignmentNumber };
        pending = { item1, needsText: record.type === '20' || record.type === '21', sawItem2: false };
        return;
      }
      case '31': {
        if (!assignment || !pending || pending.sawItem2) return fail(line, 'amount item 2 follows its amount item 1');
        assignment.records++;
        if (record.type !== pending.item1.transactionType) return fail(line, `amount item 2 has transaction type ${record.type}, its item 1 ${pending.item1.transactionType}`);
        const number = r.slice(8, 15);
        if (!/^\d{7}$/.test(number) || Number(number) !== pending.item1.transactionNumber) return fail(line, `amount item 2 carries transaction number ${number}, its item 1 ${pending.item1.transactionNumber}`);
        const archiveReference = r.slice(25, 34).trim();
        if (!/^\d{10}$/.test(r.slice(15, 25)) || !/^\d*$/.test(archiveReference)) return fail(line, 'amount item 2: positions 16–25 are the form number and 26–34 the archive reference, in digits');
        pending.item1.archiveReference = archiveReference;
        pending.sawItem2 = true;
        assignment.payments.push(pending.item1);
        transmission.payments.push(pending.item1);
        if (!pending.needsText) pending = undefined;
        return;
      }
      case '32': {
        if (!assignment || !pending || !pending.sawItem2 || !pending.needsText) return fail(line, 'amount item 3 follows amount item 2 of a transaction of type 20 or 21');
        assignment.records++;
        if (Number(r.slice(8, 15)) !== pending.item1.transactionNumber) return fail(line, `amount item 3 carries transaction number ${r.slice(8, 15)}, its item 1 ${pending.item1.transactionNumber}`);
        // The payer's message (positions 16–55) is personal data the shop does not need: read past.
        pending = undefined;
        return;
      }
      case '88': {
        closeTransaction(line);
        if (!assignment) return fail(line, 'an end record for an assignment that never started');
        assignment.records++;
        const fields = /^(\d{8})(\d{8})(\d{17})\d{18}0{21}$/.exec(r.slice(8));
        if (!fields) return fail(line, 'end record for assignment: positions 9–59 are digits and 60–80 zeros');
        const [, transactions, recordCount, total] = fields.map(Number) as number[];
        const sum = assignment.payments.reduce((s, p) => s + p.amountOre, 0);
        if (transactions !== assignment.payments.length) fail(line, `the assignment counts ${transactions} transactions, the file has ${assignment.payments.length}`);
        if (recordCount !== assignment.records) fail(line, `the assignment counts ${recordCount} records, the file has ${assignment.records}`);
        if (total !== sum) fail(line, `the assignment's total is ${total} øre, its transactions sum to ${sum}`);
        const { line: _line, records: _records, ...kept } = assignment;
        transmission.assignments.push(kept);
        assignment = undefined;
        return;
      }
      case '89': {
        closeTransaction(line);
        if (assignment) fail(line, `the assignment started on line ${assignment.line} has no end record`);
        if (record.service !== '00' || record.type !== '00') return fail(line, 'the end record for the transmission is NY000089');
        const fields = /^(\d{8})(\d{8})(\d{17})(\d{6})0{33}$/.exec(r.slice(8));
        if (!fields) return fail(line, 'end record for transmission: positions 9–47 are digits and 48–80 zeros');
        const [, transactions, recordCount, total] = fields.map(Number) as number[];
        const sum = transmission.payments.reduce((s, p) => s + p.amountOre, 0);
        if (transactions !== transmission.payments.length) fail(line, `the transmission counts ${transactions} transactions, the file has ${transmission.payments.length}`);
        if (recordCount !== index + 1) fail(line, `the transmission counts ${recordCount} records, the file has ${index + 1} up to here`);
        if (total !== sum) fail(line, `the transmission's total is ${total} øre, its transactions sum to ${sum}`);
        transmission.totalAmountOre = sum;
        ended = true;
        return;
      }
      default:
        return fail(line, `record type ${record.record} is not one of OCR giro's (10, 20, 30, 31, 32, 88, 89)`);
    }
  });
  if (!ended && issues.length === 0) fail(records.length, 'the file ends without the end record for the transmission (NY000089): it may be cut short');
  if (issues.length) throw refused(issues);
  return transmission;
}

function refused(issues: FieldIssue[]): ValidationError {
  const shown = issues.slice(0, 10);
  return new ValidationError(`The OCR file is refused: ${issues.length} ${issues.length === 1 ? 'line is' : 'lines are'} wrong, and nothing was imported`, shown);
}

/** DDMMYY as Nets writes it; years 70–99 are the 1900s (OCR giro dates from 1970 to 2069). */
function dateOf(ddmmyy: string): string | undefined {
  const day = Number(ddmmyy.slice(0, 2));
  const month = Number(ddmmyy.slice(2, 4));
  const yy = Number(ddmmyy.slice(4, 6));
  const year = (yy >= 70 ? 1900 : 2000) + yy;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return date.toISOString().slice(0, 10);
}

type OcrPaymentToFormat = { kid: string; amountOre: number; paymentDate: string; archiveReference?: string; transactionType?: string };

/**
 * Writes a file in the same layout: for the twin's sample, the README's example and the tests
 * (which then prove the parser reads what the layout says, field by field, as a bank would
 * deliver it). Not used in production: the bank writes these files.
 */
export function formatOcrGiro(input: {
  transmissionNumber: string;
  dataTransmitter?: string;
  dataRecipient?: string;
  agreementId?: string;
  account: string;
  netsDate: string;
  /** One assignment's payments (assignment 1)… */
  payments?: OcrPaymentToFormat[];
  /** …or several assignments, each numbering its transactions from 1 as the bank does. */
  assignments?: { assignmentNumber: string; payments: OcrPaymentToFormat[] }[];
}): string {
  const ddmmyy = (iso: string) => `${iso.slice(8, 10)}${iso.slice(5, 7)}${iso.slice(2, 4)}`;
  const digits = (value: number | string, width: number) => String(value).padStart(width, '0');
  const assignments = input.assignments ?? [{ assignmentNumber: '1', payments: input.payments ?? [] }];
  const all = assignments.flatMap((a) => a.payments);
  const total = all.reduce((s, p) => s + p.amountOre, 0);
  const lines = [`NY000010${digits(input.dataTransmitter ?? '00008080', 8)}${digits(input.transmissionNumber, 7)}${digits(input.dataRecipient ?? '00012345', 8)}${'0'.repeat(49)}`];
  for (const assignment of assignments) {
    const start = lines.length;
    const sum = assignment.payments.reduce((s, p) => s + p.amountOre, 0);
    lines.push(`NY090020${digits(input.agreementId ?? '001234567', 9)}${digits(assignment.assignmentNumber, 7)}${digits(input.account, 11)}${'0'.repeat(45)}`);
    assignment.payments.forEach((payment, i) => {
      const type = payment.transactionType ?? '10';
      const number = digits(i + 1, 7);
      const sign = payment.amountOre < 0 ? '-' : '0';
      lines.push(`NY09${type}30${number}${ddmmyy(payment.paymentDate)}0100${'1'}${digits(i + 1, 5)}${sign}${digits(Math.abs(payment.amountOre), 17)}${payment.kid.padStart(25, ' ')}${'0'.repeat(6)}`);
      lines.push(`NY09${type}31${number}${digits(0, 10)}${(payment.archiveReference ?? digits(i + 1, 9)).padEnd(9, ' ')}${'0'.repeat(7)}${ddmmyy(payment.paymentDate)}${'0'.repeat(11)}${'0'.repeat(22)}`);
      if (type === '20' || type === '21') lines.push(`NY09${type}32${number}${' '.repeat(40)}${'0'.repeat(25)}`);
    });
    const dates = assignment.payments.map((p) => p.paymentDate).sort();
    lines.push(
      `NY090088${digits(assignment.payments.length, 8)}${digits(lines.length - start + 1, 8)}${digits(sum, 17)}${ddmmyy(input.netsDate)}${ddmmyy(dates[0] ?? input.netsDate)}${ddmmyy(dates.at(-1) ?? input.netsDate)}${'0'.repeat(21)}`,
    );
  }
  lines.push(`NY000089${digits(all.length, 8)}${digits(lines.length + 1, 8)}${digits(total, 17)}${ddmmyy(input.netsDate)}${'0'.repeat(33)}`);
  return `${lines.join('\n')}\n`;
}
