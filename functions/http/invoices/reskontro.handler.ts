import { reskontro } from '#shared/composition';
import { reskontroCsv } from '#shared/domain/receivables/reskontro';
import { reskontroOn } from '#shared/domain/receivables/reskontro-use-cases';
import { httpRoute, type HttpResult } from '#shared/http/http-route';
import { prefersCsv } from '#shared/http/negotiation';

export const handler = httpRoute('reskontro', async ({ query, headers }): Promise<HttpResult> => {
  const list = await reskontroOn(reskontro(), query.asOf);
  // `format` wins over Accept, so a link the accountant clicks gets the file whatever the browser sends.
  const asCsv = query.format ? query.format === 'csv' : prefersCsv(headers.accept);
  return asCsv
    ? { status: 200, text: reskontroCsv(list), headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="reskontro-${list.asOf}.csv"` } }
    : { status: 200, body: list };
});
