import type { ShopConfig } from '../../config/shop-config';
import { DATA_INVENTORY, LEGAL_BASES, LEGAL_HOLDS, type EntityInventory } from './inventory';

/**
 * The public privacy statement, generated from the data inventory so the promise and the code
 * cannot drift apart: what is stored, why, on what legal basis, for how long, and what erasure
 * does, with the shop as controller and its contact for questions about personal data.
 */
/** The inventory's texts name the shop's configured periods as {placeholders}. */
export function withShopPeriods(text: string, shop: ShopConfig): string {
  return text.replaceAll('{inactivityMonths}', String(shop.inactivityMonths)).replaceAll('{messageRetentionDays}', String(shop.messageRetentionDays));
}

export function privacyStatement(shop: ShopConfig) {
  return {
    controller: {
      name: shop.name,
      organisationNumber: shop.organisationNumber,
      address: shop.address,
      contact: shop.privacyContact,
    },
    promise: [
      'We store what is needed to serve you as a customer, and what the law requires us to keep.',
      'It is never used for advertising, customer analysis or anything like it.',
      'It is shared with no one beyond what the business needs: only our accountant receives the sales journal.',
      'You can see, correct and have erased what is stored, after proving who you are; we then keep only what the law requires.',
      'Without a mobile number (a landline, or no number) you get no SMS: we call, or tell you at the counter, and requests to see or erase your data are made in the shop, showing ID.',
    ],
    legalBases: LEGAL_BASES,
    entities: Object.entries(DATA_INVENTORY as Record<string, EntityInventory>).map(([entity, inventory]) => ({
      entity,
      what: inventory.what,
      retention: withShopPeriods(inventory.nb.retention, shop),
      attributes: Object.entries(inventory.attributes).map(([name, entry]) => ({
        name,
        what: entry.what,
        personal: entry.personal,
        purpose: entry.purpose,
        legalBasis: entry.basis,
        retention: withShopPeriods(entry.retention, shop),
        onErasure: typeof entry.onErasure === 'string' ? entry.onErasure : 'legalHold',
        ...(typeof entry.onErasure === 'string' ? {} : { legalHold: LEGAL_HOLDS[entry.onErasure.legalHold] }),
      })),
    })),
  };
}

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const BASIS_NB: Record<keyof typeof LEGAL_BASES, string> = {
  contract: 'for å levere tjenesten du har bestilt (personvernforordningen art. 6 nr. 1 b)',
  legalObligation: 'fordi loven krever det (art. 6 nr. 1 c; bokføringsloven)',
  legitimateInterest: 'for å drive disken trygt og ryddig (art. 6 nr. 1 f)',
};

/** The same statement as a readable page in Norwegian: the personal data, entity by entity. */
export function privacyPageHtml(shop: ShopConfig): string {
  const sections = Object.values(DATA_INVENTORY as Record<string, EntityInventory>)
    .map((inventory) => {
      const personal = Object.values(inventory.attributes).filter((entry) => entry.personal && entry.nb && !entry.what.startsWith('CUSTOMER#') && !entry.what.startsWith('PHONE#'));
      if (personal.length === 0) return '';
      const rows = personal
        .map((entry) => `<tr><td>${escape(entry.nb?.what ?? '')}</td><td>${escape(entry.nb?.purpose ?? '')}</td><td>${escape(BASIS_NB[entry.basis])}</td></tr>`)
        .join('\n');
      return `<h3>${escape(inventory.nb.what)}</h3>
<table><thead><tr><th>Hva</th><th>Hvorfor</th><th>Grunnlag</th></tr></thead><tbody>
${rows}
</tbody></table>
<p><em>Hvor lenge:</em> ${escape(withShopPeriods(inventory.nb.retention, shop))}</p>`;
    })
    .filter(Boolean)
    .join('\n');
  const contact = shop.privacyContact;
  return `<!doctype html>
<html lang="nb"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Personvern – ${escape(shop.name)}</title>
<style>body{font-family:sans-serif;max-width:48em;margin:2em auto;padding:0 1em;line-height:1.5}table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;padding:.4em;text-align:left;vertical-align:top}</style></head>
<body>
<h1>Personvern hos ${escape(shop.name)}</h1>
<p>Vi registrerer det som er nødvendig for å betjene deg som kunde, og det vi er lovpålagt å ta vare på.
Opplysningene brukes aldri til reklame, kundeanalyser eller tilsvarende, og deles ikke med andre utover det virksomheten trenger: bare regnskapsføreren vår får salgsjournalen.</p>
<h2>Hva vi lagrer, og hvorfor</h2>
${sections}
<h2>Dine rettigheter</h2>
<p>Du kan få innsyn i alt vi har lagret om deg, rette det, og be oss slette det. Da beholder vi bare det loven krever, som fakturaer, til fristen er ute.
Du må bevise at du er deg: med en engangskode til mobilnummeret vi har registrert, eller ved å vise legitimasjon i butikken. Vi svarer innen en måned, og det er gratis.</p>
<p>Har du gitt oss et fasttelefonnummer, eller ikke noe nummer, sender vi deg ingen SMS: vi ringer når tøyet er klart, eller sier det når du kommer innom. Du kan da ikke logge inn med kode; henvendelser om innsyn og sletting tar vi imot i butikken, der du viser legitimasjon.</p>
<h2>Kontakt</h2>
<p>Spørsmål om hvordan vi behandler personopplysninger: <a href="mailto:${escape(contact.email)}">${escape(contact.email)}</a>${contact.phone ? `, telefon ${escape(contact.phone)}` : ''}.
Behandlingsansvarlig er ${escape(shop.name)}, org.nr. ${escape(shop.organisationNumber)}, ${escape(shop.address.street)}, ${escape(shop.address.postalCode)} ${escape(shop.address.city)}.
Du kan også klage til Datatilsynet.</p>
</body></html>
`;
}
