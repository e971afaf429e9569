import { counter } from '#shared/composition';
import { journalCsv, salesJournal } from '#shared/domain/invoices/sales-journal';
import { httpRoute } from '#shared/http/http-route';

export const handler = httpRoute('salesExport', async ({ query }) => ({
  status: 200,
  text: journalCsv(await salesJournal(counter(), query.from, query.to)),
  headers: { 'content-disposition': `attachment; filename="salgsjournal-${query.from}-${query.to}.csv"` },
}));
