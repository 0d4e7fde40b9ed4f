import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { z } from 'zod';
import { StatePackError } from './state-pack-error';
import { DEFAULT_STATE_PACK, type StatePack } from './state-pack';
import { statePackFileSchema } from './state-pack.schema';
import { statePacksDir } from './state-packs-dir';

const PACK_FILE = /^(.+)\.json$/;
const PACK_ID = /^(?:[A-Z]{2}|default)$/;

const cache = new Map<string, StatePack>();

/**
 * The validated pack of `state` (a USPS code, any case), or the default pack when `state` is
 * absent or empty. Packs are data files, `<state>.json`, so a new state drops in as a file.
 * Validated on first load and cached per folder; `dir` overrides the shipped folder (tests).
 * A state with no pack is an error, not a silent fallback to the default.
 */
export function loadStatePack(state?: string, dir: string = statePacksDir()): StatePack {
  const id = packId(state);
  const key = `${dir}\u0000${id}`;
  let pack = cache.get(key);
  if (!pack) {
    pack = readStatePack(dir, id);
    cache.set(key, pack);
  }
  return pack;
}

/** Ids of the packs in the folder: 'default' first, then the states in order. */
export function availableStatePacks(dir: string = statePacksDir()): string[] {
  const ids = readdirSync(dir).flatMap((fileName) => {
    const match = PACK_FILE.exec(fileName);
    return match ? [match[1]!] : [];
  });
  return ids.sort((a, b) => (a === DEFAULT_STATE_PACK ? -1 : b === DEFAULT_STATE_PACK ? 1 : a.localeCompare(b)));
}

/** Every pack in the folder, validated: a startup or CI check that no shipped file is broken. */
export function loadAllStatePacks(dir: string = statePacksDir()): StatePack[] {
  return availableStatePacks(dir).map((id) => {
    if (!PACK_ID.test(id)) {
      throw new StatePackError('state_pack_invalid', `${basename(dir)}/${id}.json: file name must be a USPS state code or '${DEFAULT_STATE_PACK}'`);
    }
    return loadStatePack(id, dir);
  });
}

function packId(state: string | undefined): string {
  const trimmed = (state ?? '').trim();
  if (trimmed === '' || trimmed.toLowerCase() === DEFAULT_STATE_PACK) return DEFAULT_STATE_PACK;
  return trimmed.toUpperCase();
}

function readStatePack(dir: string, id: string): StatePack {
  const fileName = `${id}.json`;
  const label = `${basename(dir)}/${fileName}`;
  const path = join(dir, fileName);
  if (!PACK_ID.test(id) || !existsSync(path)) {
    const available = availableStatePacks(dir).filter((other) => other !== DEFAULT_STATE_PACK);
    throw new StatePackError(
      'state_pack_not_found',
      `No state pack for '${id}' (packs: ${available.join(', ') || 'none'}); name no state to use the default pack`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8').replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new StatePackError('state_pack_invalid', `${label}: not valid JSON: ${(error as Error).message}`);
  }
  const parsed = statePackFileSchema(id).safeParse(json);
  if (!parsed.success) {
    throw new StatePackError('state_pack_invalid', parsed.error.issues.flatMap((issue) => describeIssue(label, issue)).join('\n'));
  }
  return deepFreeze(parsed.data as StatePack);
}

/** `state-packs/TX.json: timelyFilingDays: must be a positive integer`, one line per key. */
function describeIssue(label: string, issue: z.core.$ZodIssue): string[] {
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => `${label}: ${keyPath([...issue.path, key])}: unknown key`);
  }
  return [`${label}: ${keyPath(issue.path)}: ${issue.message}`];
}

function keyPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(file)';
  return path.map((part, index) => (typeof part === 'number' ? `[${part}]` : `${index === 0 ? '' : '.'}${String(part)}`)).join('');
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
