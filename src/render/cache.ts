import { hash } from 'node:crypto';
import path from 'node:path';
import { readCacheFile, writeCacheFile } from '../cache-file.js';
import type { Card } from '../notes/card.js';
import type { RenderOptions } from './style.js';

/** Set by the build to a hash of the renderer's source, so output of another renderer is never reused. */
declare const PREP_RENDER_VERSION: string | undefined;
const RENDER_VERSION = typeof PREP_RENDER_VERSION === 'string' ? PREP_RENDER_VERSION : 'source';

/** How many rendered cards the cache keeps; the least recently shown go first. */
const KEEP = 500;

interface CacheFile {
  version: string;
  /** Key and rendered text, least recently used first. */
  entries: [string, string][];
}

/** Cards as `prep show` rendered them before, so that showing them again needs no Markdown renderer. */
export interface RenderCache {
  get(key: string): string | undefined;
  set(key: string, text: string): void;
  /** Writes the cache when it changed; a cache that cannot be written is no error. */
  save(): void;
}

/** The cache key of a card rendered with these options and this many colours (chalk's level). */
export function renderKey(card: Card, options: RenderOptions, colourLevel: number): string {
  const what = [RENDER_VERSION, options.width, options.color ? colourLevel : 0, card.deck, card.path, card.question, card.answer];
  return hash('sha256', JSON.stringify(what), 'hex');
}

/** Opens the render cache in the data directory; a missing, corrupt or older one starts empty. */
export function openRenderCache(dataDir: string): RenderCache {
  const file = path.join(dataDir, 'cache', 'rendered.json');
  const entries = new Map(readEntries(file));
  let changed = false;
  return {
    get: (key) => {
      const text = entries.get(key);
      if (text !== undefined) {
        entries.delete(key);
        entries.set(key, text);
      }
      return text;
    },
    set: (key, text) => {
      entries.set(key, text);
      changed = true;
    },
    save: () => {
      if (changed) writeCacheFile(file, JSON.stringify({ version: RENDER_VERSION, entries: [...entries].slice(-KEEP) } satisfies CacheFile));
    },
  };
}

function readEntries(file: string): [string, string][] {
  try {
    const bytes = readCacheFile(file);
    if (!bytes) return [];
    const data = JSON.parse(bytes.toString('utf8')) as Partial<CacheFile> | null;
    if (data?.version !== RENDER_VERSION || !Array.isArray(data.entries)) return [];
    return data.entries.filter((entry): entry is [string, string] => Array.isArray(entry) && typeof entry[0] === 'string' && typeof entry[1] === 'string');
  } catch {
    return [];
  }
}
