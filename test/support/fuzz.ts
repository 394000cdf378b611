/**
 * Seeded generators for the hardening fuzz suite: a small PRNG (mulberry32, so a failure
 * replays from its seed without a dependency), nasty values, and plausible values derived from
 * a route's zod schemas through their JSON Schema (so a new route is fuzzed without new code).
 */
import * as z from 'zod';

export interface Rng {
  seed: number;
  next(): number;
  int(max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
}

export function rng(seed: number): Rng {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (max: number) => Math.floor(next() * max);
  return { seed, next, int, pick: (items) => items[int(items.length)]!, chance: (p) => next() < p };
}

/** A JSON token written as is (numbers JSON.stringify cannot produce: 1e309, -0, 1.0, 40 digits). */
export class RawJson {
  constructor(readonly text: string) {}
}

/** JSON text of a value that may hold RawJson tokens and own `__proto__` keys. */
export function toJsonText(value: unknown): string {
  if (value instanceof RawJson) return value.text;
  if (Array.isArray(value)) return `[${value.map(toJsonText).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).map((k) => `${JSON.stringify(k)}:${toJsonText((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** Sets a key as an own enumerable property, even `__proto__`. */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

export const NASTY_STRINGS = [
  '', ' ', '\t\n', 'null', 'undefined', 'true', 'NaN', 'Infinity', '-Infinity', '1e309', '-1', '0x10', '1.5', '00',
  '\u202Eevil\u202C', '\u200F\u200Eltr', 'مرحبا', 'İıŞşĞğ', '😀👩‍👩‍👧‍👦🏳️‍🌈', '\u0000', 'a\u0000b', '\uD800', '\uDFFF', 'x\uDBFFy',
  '\uFEFF', '\r\n\r\n', '../../etc/passwd', '..\\..\\windows', '%00', '%2e%2e%2f', '<script>alert(1)</script>',
  "' OR '1'='1", '{"$ne":null}', '=HYPERLINK("http://x")', '__proto__', 'constructor', 'prototype', '${jndi:ldap://x}',
  'a'.repeat(300), 'ß'.repeat(5000), '9999-99-99', '2026-02-30', '0000-00-00T00:00:00Z', '+275760-09-13T00:00:00.001Z',
];

export const NASTY_NUMBERS: unknown[] = [
  -1, -0.5, 0.5, 1.0000001, 2 ** 31, 2 ** 53 + 2, 1e21, 1e308, -1e308, Number.MIN_VALUE,
  new RawJson('1e309'), new RawJson('-1e309'), new RawJson('-0'), new RawJson('123456789012345678901234567890'),
  new RawJson('1E400'), new RawJson('0.1e-400'),
];

export const NASTY_OTHERS: unknown[] = [null, true, false, [], {}, [null], [[[]]], { a: 1 }, { $gt: '' }];

export function nastyValue(r: Rng): unknown {
  const roll = r.next();
  if (roll < 0.55) return r.pick(NASTY_STRINGS);
  if (roll < 0.85) return r.pick(NASTY_NUMBERS);
  return r.pick(NASTY_OTHERS);
}

export const POLLUTION_KEYS = ['__proto__', 'constructor', 'prototype', 'constructor.prototype', '__proto__.polluted', 'hasOwnProperty', 'toString'];

type Json = Record<string, unknown>;

/** Values for fields whose rules live in refinements the JSON Schema cannot show. */
const HINTS: Record<string, unknown> = { country: 'TR', currency: 'EUR', countries: ['TR'], shipsTo: ['TR'], email: 'fuzz@example.com', postalCode: '34710' };

/** The input JSON Schema of a zod schema (as the OpenAPI document shows it). */
const jsonSchemas = new WeakMap<z.ZodType, Json>();
export function jsonSchemaOf(schema: z.ZodType): Json {
  let json = jsonSchemas.get(schema);
  if (!json) jsonSchemas.set(schema, (json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' }) as Json));
  return json;
}

/**
 * A plausible value for a JSON Schema: often valid, never guaranteed to be (patterns are
 * guessed). The caller decides validity with the zod schema itself.
 */
export function plausible(schema: Json, root: Json, r: Rng, depth = 0): unknown {
  if (depth > 8) return null;
  if (typeof schema.$ref === 'string') {
    const name = schema.$ref.split('/').pop()!;
    const defs = (root.$defs ?? root.definitions ?? {}) as Record<string, Json>;
    return defs[name] ? plausible(defs[name], root, r, depth + 1) : null;
  }
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum)) return r.pick(schema.enum as unknown[]);
  for (const key of ['anyOf', 'oneOf'] as const) {
    if (Array.isArray(schema[key])) return plausible(r.pick(schema[key] as Json[]), root, r, depth + 1);
  }
  if (Array.isArray(schema.allOf)) {
    return Object.assign({}, ...(schema.allOf as Json[]).map((s) => plausible(s, root, r, depth + 1)));
  }
  const type = Array.isArray(schema.type) ? r.pick(schema.type as string[]) : schema.type;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      const required = new Set((schema.required as string[] | undefined) ?? []);
      for (const [k, s] of Object.entries((schema.properties ?? {}) as Record<string, Json>)) {
        if (required.has(k) || r.chance(0.5)) out[k] = k in HINTS ? HINTS[k] : plausible(s, root, r, depth + 1);
      }
      return out;
    }
    case 'array': {
      const min = Math.max(1, Number(schema.minItems ?? 1));
      return Array.from({ length: min }, () => plausible((schema.items ?? {}) as Json, root, r, depth + 1));
    }
    case 'integer':
    case 'number': {
      const min = Number(schema.minimum ?? (schema.exclusiveMinimum !== undefined ? Number(schema.exclusiveMinimum) + 1 : 1));
      const max = Number(schema.maximum ?? min + 100);
      return Math.min(max, min + r.int(Math.max(1, Math.min(100, max - min + 1))));
    }
    case 'boolean':
      return r.chance(0.5);
    case 'null':
      return null;
    case 'string':
      return plausibleString(schema, r);
    default:
      return 'x';
  }
}

function plausibleString(schema: Json, r: Rng): string {
  const format = schema.format as string | undefined;
  if (format === 'date-time') return new Date(Date.UTC(2026, 10, 1 + r.int(20))).toISOString();
  if (format === 'date') return '2026-11-20';
  if (format === 'email') return `fuzz${r.int(1e6)}@example.com`;
  if (format === 'uri' || format === 'url') return 'https://example.com/x';
  const pattern = String(schema.pattern ?? '');
  if (pattern.includes('[A-Z]{2}')) return 'TR';
  if (pattern.includes('[A-Z]{3}')) return 'EUR';
  const min = Number(schema.minLength ?? 1);
  const max = Number(schema.maxLength ?? 40);
  const length = Math.max(min, Math.min(max, 8));
  let s = '';
  while (s.length < length) s += 'Fz0' + r.int(1e6).toString(36);
  return s.slice(0, length);
}

/** Every path (list of keys) to a node of a JSON value, the root included. */
export function nodePaths(value: unknown, at: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(at);
  if (Array.isArray(value)) value.forEach((v, i) => nodePaths(v, [...at, i], out));
  else if (value && typeof value === 'object' && !(value instanceof RawJson)) {
    for (const k of Object.keys(value)) nodePaths((value as Record<string, unknown>)[k], [...at, k], out);
  }
  return out;
}

/** One random change that makes a plausible value (probably) wrong. */
export function mutate(value: unknown, r: Rng): unknown {
  const copy = structuredCloneJson(value);
  const paths = nodePaths(copy);
  const path = r.pick(paths);
  if (path.length === 0) return r.chance(0.5) ? nastyValue(r) : withPollution({ ...(isObject(copy) ? copy : {}) }, r);
  const parent = path.slice(0, -1).reduce<unknown>((node, k) => (node as Record<string | number, unknown>)[k], copy) as Record<string | number, unknown>;
  const key = path[path.length - 1]!;
  const roll = r.next();
  if (roll < 0.6) parent[key] = nastyValue(r);
  else if (roll < 0.75 && !Array.isArray(parent)) delete parent[key];
  else if (roll < 0.9 && isObject(parent[key])) parent[key] = withPollution(parent[key] as Record<string, unknown>, r);
  else parent[key] = [parent[key]];
  return copy;
}

export function withPollution(target: Record<string, unknown>, r: Rng): Record<string, unknown> {
  setOwn(target, r.pick(POLLUTION_KEYS), r.chance(0.5) ? { polluted: 'yes', isAdmin: true } : { prototype: { polluted: 'yes' } });
  return target;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof RawJson);
}

function structuredCloneJson(value: unknown): unknown {
  if (value instanceof RawJson) return value;
  if (Array.isArray(value)) return value.map(structuredCloneJson);
  if (isObject(value)) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value)) setOwn(out, k, structuredCloneJson(value[k]));
    return out;
  }
  return value;
}

/** Percent-encodes a path or query component, lone surrogates included (as their WTF-8 bytes). */
export function encodeComponent(s: string): string {
  return [...s]
    .map((ch) => {
      try {
        return encodeURIComponent(ch);
      } catch {
        const code = ch.charCodeAt(0);
        return `%${(0xe0 | (code >> 12)).toString(16)}%${(0x80 | ((code >> 6) & 0x3f)).toString(16)}%${(0x80 | (code & 0x3f)).toString(16)}`.toUpperCase();
      }
    })
    .join('');
}

/** Runs tasks with at most `limit` in flight. */
export async function pool<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await task(items[i]!);
      }
    }),
  );
  return results;
}
