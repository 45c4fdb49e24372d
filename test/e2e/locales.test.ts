import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../../kiosk-ui/src/', import.meta.url));

async function sourceFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(entry.name === 'locales' ? [] : await sourceFiles(path)));
    else if (entry.name.endsWith('.ts')) out.push(path);
  }
  return out;
}

/** Every msg() id in the kiosk sources, with how many values its English template interpolates. */
async function messageIds(): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (const file of await sourceFiles(SRC)) {
    const text = await readFile(file, 'utf8');
    for (const match of text.matchAll(/msg\(\s*(str`(?:[^`\\]|\\.)*`|'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")\s*,\s*\{\s*id:\s*'([^']+)'/g)) {
      ids.set(match[2]!, (match[1]!.match(/\$\{/g) ?? []).length);
    }
  }
  return ids;
}

describe('kiosk translations', () => {
  for (const locale of ['zh-CN', 'zh-TW']) {
    it(`${locale} translates every message the kiosk shows, with the same placeholders`, async () => {
      const { templates } = (await import(`../../kiosk-ui/src/i18n/locales/${locale}.ts`)) as { templates: Record<string, string | { values: number[] }> };
      const ids = await messageIds();
      expect(ids.size).toBeGreaterThan(50);
      const missing = [...ids.keys()].filter((id) => !(id in templates));
      expect(missing).toEqual([]);
      for (const [id, placeholders] of ids) {
        const t = templates[id]!;
        const used = typeof t === 'string' ? [] : [...t.values].sort();
        expect(used, id).toEqual(Array.from({ length: placeholders }, (_, i) => i));
      }
      const unused = Object.keys(templates).filter((id) => !ids.has(id));
      expect(unused).toEqual([]);
    });
  }
});
