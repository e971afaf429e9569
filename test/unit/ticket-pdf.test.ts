import bwipjs from 'bwip-js/node';
import { code128Symbol } from '#shared/documents/code128';
import { renderTagLabelsPdf, renderTicketPdf, type TagLabelPrint, type TicketGarment, type TicketPrint } from '#shared/documents/ticket-pdf';
import { ConflictError } from '#shared/domain/kernel/errors';
import { CONDITION_NOTE_LABELS, CONDITION_NOTES } from '#shared/domain/orders/garment-conditions';
import { stageConfig } from '../../infra/config/stages';
import { filledRectangles, rasterisePage, readCode128, renderPages } from '../helpers/barcodes';
import { pdfStructureProblems, pdfText } from '../helpers/pdf';

const shop = stageConfig('prod').shop;
const MM = 72 / 25.4;

function ticketWith(overrides: Partial<TicketPrint> = {}): TicketPrint {
  return {
    ticket: '10000042',
    // 00:30 on 25 November in Oslo, still the 24th in UTC: the ticket says the shop's date and time.
    takenInAt: '2026-11-24T23:30:00.000Z',
    promisedReadyAt: '2026-11-27',
    promisedReadyTime: '16:00',
    garments: [
      { tag: '10000042-1', label: 'Dress', pieces: 2, colour: 'Mørk blå', brand: 'Łukasz Design', conditions: ['flekk', 'kunden_informert'] },
      { tag: '10000042-2', label: 'Skjorte', pieces: 1, conditions: ['manglende_knapp'] },
    ],
    totalOre: 123_450,
    shop: { name: shop.name, address: shop.address, phone: shop.phone },
    timeZone: 'Europe/Oslo',
    ...overrides,
  };
}

const flat = (text: string) => text.replace(/\s+/g, ' ');
/** The ticket's text on one line, without pdf.js's page marker. */
const ticketText = (pdf: Uint8Array) => flat(pdfText(pdf).replace(/-- \d+ of \d+ --/g, '')).trim();
const mediaBoxes = (pdf: Uint8Array) => [...Buffer.from(pdf).toString('latin1').matchAll(/\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/g)].map(([, width, height]) => ({ width: Number(width), height: Number(height) }));

describe('the ticket PDF', () => {
  it('prints the ticket number, the dates in the shop\'s time, the garments with their tags and notes, the total and the shop', () => {
    const text = ticketText(renderTicketPdf(ticketWith()));
    expect(text).toContain('HENTELAPP 10000042');
    expect(text).toMatch(/Innlevert 25\.11\.2026 kl\. 00:30/);
    expect(text).toMatch(/Klar til henting 27\.11\.2026 kl\. 16:00/);
    expect(text).toMatch(/10000042-1 (Dress 2 deler|2 deler Dress) Mørk blå, Lukasz Design Merknad: Flekk, Kunden er informert/); // Ł is not in WinAnsi: printed without its stroke
    expect(text).toMatch(/10000042-2 Skjorte Merknad: Manglende knapp/);
    expect(text).toContain('Plagg: 2 (3 deler)');
    expect(text).toMatch(/Sum inkl\. mva 1 234,50 kr/);
    expect(text).toContain('Eksempel Renseri AS Storgata 1 2815 Gjøvik Tlf. 61 00 00 00');
  });

  it('prints each condition note by its Norwegian label, wrapped within the paper', () => {
    const garment: TicketGarment = { tag: '7', label: 'Kåpe', pieces: 1, conditions: [...CONDITION_NOTES] };
    const text = ticketText(renderTicketPdf(ticketWith({ garments: [garment] })));
    expect(text).toContain(`Merknad: ${CONDITION_NOTES.map((note) => CONDITION_NOTE_LABELS[note]).join(', ')}`);
    expect(CONDITION_NOTES.map((note) => CONDITION_NOTE_LABELS[note])).toEqual(['Flekk', 'Hull', 'Manglende knapp', 'Slitasje', 'Misfarging', 'Risiko for krymping', 'Kunden er informert']);
  });

  it('leaves the promised line out when nothing was promised, and the time out when only a day was', () => {
    const none = ticketText(renderTicketPdf(ticketWith({ promisedReadyAt: undefined, promisedReadyTime: undefined })));
    expect(none).not.toContain('Klar til henting');
    const dayOnly = ticketText(renderTicketPdf(ticketWith({ promisedReadyTime: undefined })));
    expect(dayOnly).toMatch(/Klar til henting 27\.11\.2026 Plagg/);
  });

  it('marks an express order, and only an express order', () => {
    expect(ticketText(renderTicketPdf(ticketWith({ express: true })))).toContain('EKSPRESS');
    expect(ticketText(renderTicketPdf(ticketWith()))).not.toContain('EKSPRESS');
  });

  it('has no field that could hold who the customer is, and prints nothing it was not given', () => {
    // By construction: the input types have no such field (this line fails to compile if one is added).
    const noPersonalField: Extract<keyof TicketPrint | keyof TicketGarment, `customer${string}` | 'name' | 'phone' | 'email' | 'address' | 'note' | 'notes'> extends never ? true : false = true;
    expect(noPersonalField).toBe(true);

    // Given one anyway (an order spread into the input, a staff note on a garment), none of it prints.
    const order = { ...ticketWith(), customerId: 'c-91234567', customer: { name: 'Kari Nordmann', phone: '+4791234567' } };
    const withNote = { ...order, garments: order.garments.map((garment) => ({ ...garment, note: 'Kari ringer på 912 34 567' })) };
    const text = ticketText(renderTicketPdf(withNote as TicketPrint));
    expect(text).not.toMatch(/Kari|Nordmann|ringer/);
    // Every number on the ticket is one of those it was given to print.
    const printed = ['10000042', '10000042-1', '10000042-2', '25.11.2026', '00:30', '27.11.2026', '16:00', '1 234,50', '2 deler', 'Plagg: 2 (3 deler)', shop.address.street, shop.address.postalCode, shop.phone];
    const allowed = new Set(printed.flatMap((value) => value.match(/\d+/g) ?? []));
    expect((text.match(/\d+/g) ?? []).filter((digits) => !allowed.has(digits))).toEqual([]);
  });

  it('is one page 80 mm wide, as long as its garments need', () => {
    const garments = (count: number): TicketGarment[] => Array.from({ length: count }, (_, index) => ({ tag: `10000042-${index + 1}`, label: `Skjorte nr. ${index + 1}`, pieces: 1, conditions: index % 3 ? [] : ['slitasje'] }));
    const short = renderTicketPdf(ticketWith({ garments: garments(2) }));
    const long = renderTicketPdf(ticketWith({ garments: garments(60) }));
    const [shortPage, longPage] = [mediaBoxes(short), mediaBoxes(long)];
    expect(shortPage).toHaveLength(1);
    expect(longPage).toHaveLength(1);
    expect(shortPage[0]?.width).toBeCloseTo(80 * MM, 1);
    expect(longPage[0]?.width).toBeCloseTo(80 * MM, 1);
    expect(longPage[0]?.height).toBeGreaterThan((shortPage[0]?.height ?? 0) + 58 * 9);
    const text = ticketText(long);
    for (let index = 1; index <= 60; index++) expect(text).toContain(`10000042-${index} Skjorte nr. ${index}`);
    expect(text).toMatch(/Sum inkl\. mva 1 234,50 kr Ta med lappen når du henter\.$/);
  });

  it('is a sound PDF file, and the same ticket gives the same bytes', () => {
    expect(pdfStructureProblems(renderTicketPdf(ticketWith({ express: true })))).toEqual([]);
    expect(Buffer.from(renderTicketPdf(ticketWith())).equals(Buffer.from(renderTicketPdf(ticketWith())))).toBe(true);
  });
});

describe('the ticket\'s barcode', () => {
  const barsOf = (pdf: Uint8Array) => {
    const stream = /stream\n([\s\S]*?)\nendstream/.exec(Buffer.from(pdf).toString('latin1'))?.[1] ?? '';
    // The bars are the dark rectangles 12 mm tall; the express band is the only other fill.
    return filledRectangles(stream).filter((rectangle) => rectangle.dark && Math.abs(rectangle.height - 12 * MM) < 0.01);
  };

  it.each(['1001', '10000042', '99999999', '123456789012'])('reads back as the ticket number %s from the bars the page draws, at a 203 dpi printer\'s dots', async (ticket) => {
    const pdf = renderTicketPdf(ticketWith({ ticket, express: true }));
    expect(await readCode128(rasterisePage(pdf, 0, 203 / 25.4))).toEqual([ticket]);
  });

  it('reads back from pdf.js\'s rendering of the whole page, text and all', async () => {
    const [page] = renderPages(renderTicketPdf(ticketWith({ ticket: '10000777' })), 3);
    expect(await readCode128(page as Uint8Array)).toEqual(['10000777']);
  });

  it('has modules of whole printer dots and ten modules of white paper either side, within the printable 72 mm', () => {
    const bars = barsOf(renderTicketPdf(ticketWith()));
    const module = Math.min(...bars.map((bar) => bar.width));
    expect((module / MM) * (203 / 25.4)).toBeCloseTo(4, 2); // 4 dots: the widest module that fits
    const left = Math.min(...bars.map((bar) => bar.x));
    const right = Math.max(...bars.map((bar) => bar.x + bar.width));
    expect(left - 10 * module).toBeGreaterThanOrEqual(4 * MM);
    expect(right + 10 * module).toBeLessThanOrEqual(76 * MM);
    // Every bar a whole number of modules (to the writer's thousandth of a point).
    expect(bars.filter((bar) => Math.abs(bar.width / module - Math.round(bar.width / module)) > 0.01)).toEqual([]);
  });

  it('draws the bars bwip-js encodes, read from its drawing exactly as from its raw encoding', () => {
    for (const text of ['1001', '10000042', '10000042-3', 'A-7', '0']) {
      const [raw] = bwipjs.raw('code128', text, {}) as { sbs: number[] }[];
      let edge = 0;
      const expected = (raw?.sbs ?? []).flatMap((width, index) => {
        const bar = { start: edge, width };
        edge += width;
        return index % 2 === 0 ? [bar] : [];
      });
      expect(code128Symbol(text)).toEqual({ modules: edge, bars: expected });
    }
  });
});

describe('the tag labels', () => {
  const labels: TagLabelPrint = {
    ticket: '10000042',
    takenInAt: '2026-11-24T23:30:00.000Z',
    promisedReadyAt: '2026-11-27',
    express: true,
    garments: [
      { tag: '10000042-1', label: 'Dress', pieces: 2 },
      { tag: '10000042-2', label: 'Skjorte', pieces: 1 },
      { tag: '10000042-12345', label: 'Gardiner med en beskrivelse lengre enn etiketten', pieces: 1 },
    ],
  };

  it('are one 62 × 29 mm page per garment, each with the ticket, its tag and a barcode that reads back as the tag', async () => {
    const pdf = renderTagLabelsPdf(labels);
    expect(mediaBoxes(pdf).map(({ width, height }) => [Math.round(width / MM), Math.round(height / MM)])).toEqual([[62, 29], [62, 29], [62, 29]]);
    const pages = pdfText(pdf).split(/\n?-- \d+ of \d+ --\n?/).filter((page) => page.trim() !== '').map(flat);
    expect(pages).toHaveLength(3);
    for (const [index, garment] of labels.garments.entries()) {
      expect(pages[index]).toContain('Lapp Merke');
      expect(pages[index]).toContain(`10000042 ${garment.tag}`);
      expect(pages[index]).toContain('EKSPRESS Klar 27.11.');
      expect(await readCode128(rasterisePage(pdf, index, 203 / 25.4))).toEqual([garment.tag]);
    }
    expect(pages[0]).toContain('Dress · 2 deler');
    expect(pages[2]).toMatch(/Gardiner med.*…/);
    expect(pdfStructureProblems(pdf)).toEqual([]);
  });

  it('read back from pdf.js\'s rendering too', async () => {
    const rendered = renderPages(renderTagLabelsPdf({ ...labels, garments: labels.garments.slice(0, 2) }), 4);
    expect(await Promise.all(rendered.map((page) => readCode128(page)))).toEqual([['10000042-1'], ['10000042-2']]);
  });

  it('are refused for an order without garments, rather than printed as a PDF of no pages', () => {
    expect(() => renderTagLabelsPdf({ ...labels, garments: [] })).toThrow(ConflictError);
  });
});
