import { runtimeEnvironment } from '../../infra/config/runtime-environment';
import { stageConfig } from '../../infra/config/stages';
import { parseShopConfig } from '#shared/config/shop-config';

const stage = stageConfig('local');
const withShop = (change: Record<string, unknown>) => ({ ...stage, shop: { ...stage.shop, ...change } as typeof stage.shop });
const environment = (s: typeof stage) => runtimeEnvironment({ stage: s, tableName: 't', staffTokenIssuer: 'i', staffTokenClientId: 'c' });

describe('the shop configuration', () => {
  it('is handed to every function as validated JSON', () => {
    expect(parseShopConfig(JSON.parse(environment(stage).SHOP_CONFIG as string))).toEqual(stage.shop);
  });

  it('fails at synth, naming the fields but not their values, when stages.ts holds a typo', () => {
    const typo = withShop({ bankAccount: '12345678901', phoneCountries: ['FI'] });
    expect(() => environment(typo)).toThrow(/The shop config of stage local \(infra\/config\/stages.ts\) is invalid at bankAccount, phoneCountries\.0/);
    expect(() => environment(typo)).not.toThrow(/12345678901|FI/);
  });

  it('refuses settings it does not know, rather than ignoring a misspelt one', () => {
    expect(() => parseShopConfig({ ...stage.shop, reminderDay: [14] })).toThrow(/SHOP_CONFIG is invalid at reminderDay/);
  });

  it('fails at synth when the shop\'s name or phone would make an SMS cost more than one segment', () => {
    // A curly apostrophe is not in GSM 03.38: every message would go out as UCS-2.
    expect(() => environment(withShop({ name: 'Ola\u2019s Rens' }))).toThrow(/these SMS would not fit one GSM-7 segment: pickup_ready \(nb\)/);
    expect(() => environment(withShop({ name: `Renseri og Skredderverksted ${'i Storgata '.repeat(6)}AS` }))).toThrow(/would not fit one GSM-7 segment/);
    expect(() => environment(withShop({ name: 'Ola Rens' }))).not.toThrow();
  });

  it('fails at synth when the reminder fee passes the legal cap (a twentieth of the inkassosats), or the days to pay are under 14', () => {
    const reminders = stage.shop.paymentReminders;
    expect(reminders.fee).toMatchObject({ ore: 3_500, inkassosatsOre: 70_000, source: expect.stringMatching(/inkassoforskriften/i) });
    expect(() => environment(withShop({ paymentReminders: { ...reminders, fee: { ...reminders.fee, ore: 3_501 } } }))).toThrow(/is invalid at paymentReminders\.fee$/);
    expect(() => environment(withShop({ paymentReminders: { ...reminders, payWithinDays: 10 } }))).toThrow(/is invalid at paymentReminders\.payWithinDays$/);
    expect(() => environment(withShop({ paymentReminders: { ...reminders, fee: { ...reminders.fee, ore: 3_500 } } }))).not.toThrow();
  });

  it('charges no reminder fee, no interest and sends no reminders by itself unless configured', () => {
    const { paymentReminders: _reminders, ...withoutReminders } = stage.shop;
    expect(parseShopConfig(withoutReminders).paymentReminders).toEqual({ afterDaysOverdue: [], payWithinDays: 14 });
  });

  it('invoices pickups on account monthly unless a quarter is configured, and refuses any other period at synth', () => {
    const { collectiveInvoicePeriod: _period, ...withoutPeriod } = stage.shop;
    expect(parseShopConfig(withoutPeriod).collectiveInvoicePeriod).toBe('month');
    expect(parseShopConfig({ ...stage.shop, collectiveInvoicePeriod: 'quarter' }).collectiveInvoicePeriod).toBe('quarter');
    expect(() => environment(withShop({ collectiveInvoicePeriod: 'week' as 'month' }))).toThrow(/is invalid at collectiveInvoicePeriod$/);
  });

  it('refuses a shop not registered for VAT, whose invoices must not state VAT', () => {
    expect(() => parseShopConfig({ ...stage.shop, vatRegistered: false })).toThrow(/SHOP_CONFIG is invalid at vatRegistered/);
  });
});
