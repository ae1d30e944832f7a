import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, type TestApp, createTestApp } from '../test/test-app';

/**
 * Issue 20 item 5: every route of the OpenAPI document, fed hostile input (NUL, lone surrogates, 100,000-character
 * strings, depth-1000 nesting, wrong types, impossible dates, huge and tiny numbers) by an anonymous client, a
 * national administrator and an organization administrator, never answers 500. Seeded: the same requests every run.
 */

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
interface Schema {
  type?: string | string[];
  format?: string;
  pattern?: string;
  enum?: Json[];
  const?: Json;
  minLength?: number;
  minimum?: number;
  exclusiveMinimum?: number;
  maximum?: number;
  minItems?: number;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  $ref?: string;
  additionalProperties?: boolean | Schema;
}
interface Parameter {
  name: string;
  in: 'query' | 'path' | 'header' | 'cookie';
  required?: boolean;
  schema?: Schema;
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
}
interface Probe {
  label: string;
  url: string;
  payload?: unknown;
  headers?: Record<string, string>;
}

const NUL = 'a\u0000b';
const SURROGATE = 'a\ud800b';
const HUGE = 'x'.repeat(100_000);
const MAX_PROBES_PER_ROUTE = 24;
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** Seeded PRNG (mulberry32): the chosen probes are the same on every run. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function deep(depth: number): Json {
  let v: Json = 'leaf';
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v };
  return v;
}

const STRING_CANDIDATES = ['440000', '440100', '2026-01-15', 'A1', 'a', '510101', '91440000MA4UXXXX1X', 'abc123', '1'];

/** A plausible value for a schema: valid enough to pass the other fields' validation so the mutated one is reached. */
function sample(s: Schema | undefined, refs: Record<string, Schema>, depth = 0): Json {
  if (!s || depth > 8) return null;
  if (s.$ref) return sample(refs[s.$ref.split('/').pop()!], refs, depth + 1);
  if (s.const !== undefined) return s.const;
  if (s.enum?.length) return s.enum[0]!;
  const alt = s.anyOf ?? s.oneOf;
  if (alt) return sample(alt.find((x) => x.type !== 'null') ?? alt[0], refs, depth + 1);
  if (s.allOf) return sample(s.allOf[0], refs, depth + 1);
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
  switch (type) {
    case 'object': {
      const out: Record<string, Json> = {};
      for (const [k, v] of Object.entries(s.properties ?? {})) out[k] = sample(v, refs, depth + 1);
      return out;
    }
    case 'array':
      return Array.from({ length: Math.max(1, s.minItems ?? 1) }, () => sample(s.items, refs, depth + 1));
    case 'integer':
    case 'number':
      return Math.max(1, s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : 1));
    case 'boolean':
      return false;
    case 'string':
      return sampleString(s);
    default:
      return null;
  }
}

function sampleString(s: Schema): string {
  if (s.format === 'uuid') return '00000000-0000-4000-8000-000000000000';
  if (s.format === 'date') return '2026-01-15';
  if (s.format === 'date-time') return '2026-01-15T08:00:00.000Z';
  if (s.format === 'email') return 'a@example.cn';
  if (s.pattern) {
    const re = new RegExp(s.pattern);
    const hit = STRING_CANDIDATES.find((c) => re.test(c));
    if (hit) return hit;
  }
  return 'a'.repeat(Math.max(2, s.minLength ?? 2));
}

/** Every leaf of a sampled body with its path, so that each can be replaced in turn. */
function leaves(v: Json, path: (string | number)[] = []): { path: (string | number)[]; value: Json }[] {
  if (Array.isArray(v)) return v.flatMap((x, i) => leaves(x, [...path, i]));
  if (v && typeof v === 'object') return Object.entries(v).flatMap(([k, x]) => leaves(x, [...path, k]));
  return [{ path, value: v }];
}

function withValue(body: Json, path: (string | number)[], value: Json): Json {
  if (!path.length) return value;
  const copy = structuredClone(body) as Record<string | number, Json>;
  let at = copy;
  for (const p of path.slice(0, -1)) at = at[p] as Record<string | number, Json>;
  at[path[path.length - 1]!] = value;
  return copy;
}

function mutations(value: Json, key: string): Json[] {
  const dateLike = /(On|Date|date|At|Until|From|To)$/.test(key) || (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value));
  const base: Json[] =
    typeof value === 'number' ? [1e308, 1e-300, -1, 2 ** 53, 'x'] : [NUL, SURROGATE, HUGE, 12345, ['a'], { a: 'b' }, deep(1000)];
  return dateLike ? ['2026-02-30', ...base] : base;
}

/** The probes of one route: each query/path parameter and each body field mutated, plus whole-body attacks. */
function probesFor(path: string, method: string, op: Operation, refs: Record<string, Schema>): Probe[] {
  const params = op.parameters ?? [];
  const pathValues: Record<string, string> = {};
  for (const p of params.filter((x) => x.in === 'path')) pathValues[p.name] = encodeURIComponent(String(sample(p.schema, refs)));
  const query = params.filter((x) => x.in === 'query');
  const baseQuery: Record<string, string> = {};
  for (const q of query.filter((x) => x.required)) baseQuery[q.name] = String(sample(q.schema, refs));
  const url = (pv: Record<string, string>, qv: Record<string, string>) => {
    const qs = Object.entries(qv)
      .map(([k, v]) => `${k}=${v}`)
      .join('&');
    return path.replace(/\{(\w+)\}/g, (_, n: string) => pv[n] ?? 'x') + (qs ? `?${qs}` : '');
  };
  const enc = (o: Record<string, string>) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, encodeURIComponent(v)]));
  const baseUrl = url(pathValues, enc(baseQuery));
  // Raw forms for a URL: NUL, a lone surrogate as the (invalid) UTF-8 of U+D800 and as %uD800, huge, a real-calendar miss.
  const urlBad = ['a%00b', '%ED%A0%80', '%uD800', 'x'.repeat(100_000), '2026-02-30', '-1', '1e308', '%C0%80'];
  const probes: Probe[] = [];
  for (const p of params.filter((x) => x.in === 'path'))
    for (const bad of urlBad)
      probes.push({ label: `path ${p.name}=${bad.slice(0, 12)}`, url: url({ ...pathValues, [p.name]: bad }, enc(baseQuery)) });
  for (const q of query)
    for (const bad of urlBad)
      probes.push({ label: `query ${q.name}=${bad.slice(0, 12)}`, url: url(pathValues, { ...enc(baseQuery), [q.name]: bad }) });
  if (method !== 'get' && method !== 'delete') {
    const content = op.requestBody?.content ?? {};
    const json = content['application/json']?.schema;
    if (json) {
      const body = sample(json, refs);
      for (const leaf of leaves(body))
        for (const bad of mutations(leaf.value, String(leaf.path[leaf.path.length - 1] ?? '')))
          probes.push({
            label: `body ${leaf.path.join('.')}=${JSON.stringify(bad)?.slice(0, 16)}`,
            url: baseUrl,
            payload: withValue(body, leaf.path, bad),
          });
      probes.push({ label: 'body deep 1000', url: baseUrl, payload: deep(1000) });
      probes.push({ label: 'body array', url: baseUrl, payload: [body] });
      probes.push({ label: 'body huge', url: baseUrl, payload: { x: 'y'.repeat(2_000_000) } });
    } else {
      probes.push({
        label: 'malformed multipart',
        url: baseUrl,
        payload: '--x\r\nContent-Disposition: form-data; name="file"; filename="a\u0000.xlsx"\r\n\r\nPK\u0003\u0004garbage',
        headers: { 'content-type': 'multipart/form-data; boundary=x' },
      });
      probes.push({ label: 'json where none', url: baseUrl, payload: { a: NUL, b: deep(1000) } });
    }
  }
  return probes;
}

/** Keeps at most `n` probes, a seeded sample that always keeps the first probe of each kind of attack. */
function bounded(probes: Probe[], n: number, rand: () => number): Probe[] {
  if (probes.length <= n) return probes;
  const copy = [...probes];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy.slice(0, n);
}

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ publicRateLimit: { max: 1_000_000, windowSeconds: 60 }, verifyRateLimitMax: 1_000_000 });
});
afterAll(() => t.close());

describe('fuzzing every route of the OpenAPI document (issue 20 item 5)', () => {
  it('no hostile input answers 500, anonymous or signed in as national_admin and org_admin', { timeout: 240_000 }, async () => {
    const doc = t.app.swagger() as unknown as {
      paths: Record<string, Record<string, Operation>>;
      components?: { schemas?: Record<string, Schema> };
    };
    const refs = doc.components?.schemas ?? {};
    const rand = prng(20);
    const agents: { name: string; login?: () => Promise<Agent> }[] = [
      { name: 'anonymous' },
      { name: 'national', login: () => t.loginAs('national') },
      { name: 'org-robot', login: () => t.loginAs('org-robot') },
    ];
    const failures: string[] = [];
    let sent = 0;
    for (const who of agents) {
      let agent = who.login ? await who.login() : undefined;
      for (const [path, ops] of Object.entries(doc.paths)) {
        for (const method of METHODS) {
          const op = ops[method];
          // Logging out would end the session the rest of the run relies on.
          if (!op || (agent && path.endsWith('/auth/logout'))) continue;
          for (const probe of bounded(probesFor(path, method, op, refs), MAX_PROBES_PER_ROUTE, rand)) {
            const res = await send(method, probe, agent);
            sent++;
            if (res.statusCode >= 500)
              failures.push(`${who.name} ${method.toUpperCase()} ${path} [${probe.label}] → ${res.statusCode} ${res.body.slice(0, 200)}`);
          }
          // A probe may have ended the session (a password change, a disabled account): sign in again.
          if (agent && who.login && (await agent.get('/api/v1/auth/me')).statusCode !== 200) agent = await who.login();
        }
      }
    }
    expect(sent).toBeGreaterThan(1000);
    expect(failures).toEqual([]);
  });
});

function send(method: string, probe: Probe, agent: Agent | undefined): Promise<LightMyRequestResponse> {
  const verb = method.toUpperCase() as 'GET';
  const headers = { ...(probe.headers ?? {}) };
  const payload =
    probe.payload === undefined ? undefined : typeof probe.payload === 'string' ? probe.payload : JSON.stringify(probe.payload);
  if (payload !== undefined && !headers['content-type']) headers['content-type'] = 'application/json';
  const extra: Partial<InjectOptions> = { headers };
  if (agent) return agent.request(verb, probe.url, payload, extra);
  return t.app.inject({ method: verb, url: probe.url, headers, ...(payload === undefined ? {} : { payload }) });
}
