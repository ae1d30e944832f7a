import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config';

describe('loadConfig', () => {
  it('embedded default: PGlite in ./data, demo on, a generated secret kept beside the data', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cfg-'));
    const a = loadConfig({ DATA_DIR: dir }, []);
    expect(a).toMatchObject({ port: 3000, databaseUrl: undefined, demo: true, dataDir: dir });
    expect(a.secretKey).toHaveLength(32);
    expect(loadConfig({ DATA_DIR: dir }, []).secretKey.equals(a.secretKey)).toBe(true);
  });

  it('server deployment: no demo unless --demo, and SECRET_KEY is required', () => {
    const env = { DATABASE_URL: 'postgres://u@h/db', SECRET_KEY: Buffer.alloc(32, 1).toString('base64') };
    expect(loadConfig(env, []).demo).toBe(false);
    expect(loadConfig(env, ['node', 'main', '--demo']).demo).toBe(true);
    expect(() => loadConfig({ DATABASE_URL: 'postgres://u@h/db' }, [])).toThrow(/SECRET_KEY/);
  });

  it('the old heap may grow 30 % past its live data unless configured (0 leaves V8 its own factor)', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cfg-'));
    expect(loadConfig({ DATA_DIR: dir }, []).heapGrowingPercent).toBe(30);
    expect(loadConfig({ DATA_DIR: dir, HEAP_GROWING_PERCENT: '0' }, []).heapGrowingPercent).toBe(0);
    expect(() => loadConfig({ DATA_DIR: dir, HEAP_GROWING_PERCENT: '-5' }, [])).toThrow(/HEAP_GROWING_PERCENT/);
  });

  it('refuses invalid values with a readable message', () => {
    expect(() => loadConfig({ PORT: 'abc' }, [])).toThrow(/PORT/);
  });
});
