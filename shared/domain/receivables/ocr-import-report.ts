/**
 * What an import of an OCR giro file left: counts and the total only. No KID, no invoice number,
 * no payer: the payments themselves are in the invoices' partitions and the attention list, so
 * the report is the shop's record that a transmission was read (and how it came out), nothing more.
 */
export type OcrImportReport = {
  /** Amount items in the file, reversals included. */
  payments: number;
  /** Recorded on an invoice (this run or an earlier run of the same file). */
  matched: number;
  /** Of the matched: the invoice is partly paid, paid, or was overpaid by it. */
  partlyPaid: number;
  paid: number;
  overpaid: number;
  /** No invoice takes them (unknown KID, a credit note's, a closed invoice): listed for staff. */
  unmatched: number;
  /** Negative amounts (types 18 and 20): listed for staff, never applied. */
  reversals: number;
  /** Of the matched: recorded by an earlier run that stopped half way (a crash, a timeout). */
  alreadyRecorded: number;
  /** The sum of the file's amounts, in øre (reversals subtract). */
  totalOre: number;
};

/**
 * The claim of a transmission number: the first thing an import writes, so a file sent twice (or
 * another file with the same transmission number, which Nets never reuses) changes nothing.
 * `completedAt` and `report` come at the end; a claim without them is an import that died half
 * way, and the same file sent again goes on from where it stopped (every payment is recorded
 * once under its bank reference, so the rerun cannot double one).
 */
export type OcrImport = {
  transmissionNumber: string;
  startedAt: string;
  completedAt?: string;
  report?: OcrImportReport;
  /** Documentation of postings (bokføringsloven § 13, bokføringsforskriften § 5-1-1): five years after the end of the fiscal year of its last payment. */
  retainUntil: string;
};
