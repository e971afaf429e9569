import * as z from 'zod/mini';
import { routeList } from '#shared/http/routes';
import { issueLocations, plainText } from '#shared/schemas/common.schema';
import { EXAMPLES } from '#shared/schemas/examples';

/**
 * Every text a client sends refuses Unicode format characters and line and paragraph separators
 * (categories Cf, Zl, Zp): a right-to-left override in a name reverses how the rest of the line
 * shows on a ticket, an invoice or the sales journal; a zero-width space makes two equal-looking
 * names two customers. Each route's body and query schema is walked field by field, from its
 * JSON Schema, so a text field added later is covered without being listed here.
 */
const INVISIBLES = { 'U+202E (right-to-left override)': '\u202E', 'U+200B (zero-width space)': '\u200B', 'U+2028 (line separator)': '\u2028' };

type JsonSchema = { type?: string | string[]; properties?: Record<string, JsonSchema>; items?: JsonSchema; anyOf?: JsonSchema[]; oneOf?: JsonSchema[]; allOf?: JsonSchema[] };

/** The paths of every string in a JSON Schema; an array's items at index 0. */
function stringPaths(schema: JsonSchema, at: (string | number)[] = []): (string | number)[][] {
  const branches = [...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.allOf ?? [])];
  const types = [schema.type].flat();
  return [
    ...(types.includes('string') ? [at] : []),
    ...Object.entries(schema.properties ?? {}).flatMap(([name, property]) => stringPaths(property, [...at, name])),
    ...(schema.items ? stringPaths(schema.items, [...at, 0]) : []),
    ...branches.flatMap((branch) => stringPaths(branch, at)),
  ];
}

function valueAt(value: unknown, path: (string | number)[]): unknown {
  return path.reduce<unknown>((node, key) => (node as Record<string | number, unknown> | undefined)?.[key], value);
}

/** A copy of `base` with `value` at `path`, creating missing objects on the way. */
function withValueAt(base: unknown, path: (string | number)[], value: string): unknown {
  if (path.length === 0) return value;
  const [key, ...rest] = path as [string | number, ...(string | number)[]];
  const node: Record<string | number, unknown> = Array.isArray(base) ? [...(base as unknown[])] as never : { ...(base as object) };
  node[key] = withValueAt(node[key] ?? (typeof rest[0] === 'number' ? [] : {}), rest, value);
  return node;
}

type Field = { route: string; part: 'body' | 'query'; path: (string | number)[]; schema: z.ZodMiniType; base: unknown; valid: string };

/** Each string field of each route's body and query for which a plain value is accepted, with that value. */
const textFields: Field[] = routeList.flatMap((route) =>
  (['body', 'query'] as const).flatMap((part) => {
    const ref = route.request?.[part];
    if (!ref) return [];
    const schema = ref();
    const base = part === 'body' ? (EXAMPLES.get(ref) ?? {}) : {};
    const paths = stringPaths(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema);
    const unique = [...new Map(paths.map((path) => [path.join('/'), path])).values()];
    return unique.flatMap((path): Field[] => {
      const example = valueAt(base, path);
      // The example's own value where it has one (an e-mail address stays one), plain words otherwise.
      const valid = typeof example === 'string' && example.length >= 2 ? example : 'Tekst';
      // Fields that take only codes or patterns (an enum, a date, a tag) refuse any other text already.
      return schema.safeParse(withValueAt(base, path, valid)).success ? [{ route: route.id, part, path, schema, base, valid }] : [];
    });
  }),
);

describe('text fields', () => {
  it('are found in the route table: the counter\'s free text, names, phone numbers, e-mail addresses and the name search among them', () => {
    const found = textFields.map((f) => `${f.route} ${f.part} /${f.path.join('/')}`);
    expect(found).toEqual(
      expect.arrayContaining([
        'registerCustomer body /name',
        'registerCustomer body /phone',
        'registerCustomer body /email',
        'findCustomers query /name',
        'createOrder body /garments/0/conditionNote',
        'sendOrderMessage body /note',
        'requestSignInCode body /phone',
        'updateMe body /name',
      ]),
    );
    expect(found.length).toBeGreaterThanOrEqual(20);
  });

  it.each(Object.entries(INVISIBLES))('each refuse %s with an issue at that field', (_, character) => {
    const accepted = textFields.flatMap((field) => {
      const tainted = `${field.valid.slice(0, 1)}${character}${field.valid.slice(1)}`;
      const parsed = field.schema.safeParse(withValueAt(field.base, field.path, tainted));
      const atField = parsed.success ? false : issueLocations(parsed.error).some((issue) => issue.path.join('/') === field.path.join('/'));
      return atField ? [] : [`${field.route} ${field.part} /${field.path.join('/')}`];
    });
    expect(accepted).toEqual([]);
  });
});

describe('the text primitive', () => {
  it('says what is wrong, and keeps letters of every script, emoji and ordinary spaces', () => {
    const text = plainText(100);
    const refused = text.safeParse('Kari \u202Enamrdron');
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]?.message).toMatch(/format characters/);
    for (const fine of ['Åse Bøe-Ødegård', 'Nguyễn Thị Ánh', 'Σωκράτης', 'مريم', '李小龍', 'Jeg 🧥 tar med', 'Kari\u00A0Nordmann']) expect([fine, text.safeParse(fine).success]).toEqual([fine, true]);
  });
});
