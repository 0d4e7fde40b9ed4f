import type { SeededRandom } from './seeded-random';

/**
 * Characters that trip format checks written carelessly: lower case, separators, whitespace of
 * several kinds, Unicode digits and letters (full-width '１', Arabic-Indic '٣', Kelvin sign, long s,
 * dotted I), an astral emoji (two UTF-16 units, one code point), NUL and line separators.
 */
export const TRICKY_CHARACTERS = [
  ...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz',
  ...'-./_$,+*()[]{}|\\^?\'"#:;',
  ' ', '\t', '\n', '\r', '\f', '\v', '\0',
  '\u00a0', '\u200b', '\u2028', '\u3000', '\ufeff',
  '１', '٣', '߀', 'É', 'ß', 'İ', 'ı', 'ſ', '\u212a', 'Ａ', '😀', '𝟙',
];

/** One random edit: replace, insert, delete, swap, change case, pad, truncate, repeat. */
export function mutate(random: SeededRandom, value: string): string {
  const chars = [...value];
  const at = random.int(0, Math.max(0, chars.length - 1));
  switch (random.int(0, 9)) {
    case 0:
      chars[at] = random.pick(TRICKY_CHARACTERS);
      return chars.join('');
    case 1:
      chars.splice(random.int(0, chars.length), 0, random.pick(TRICKY_CHARACTERS));
      return chars.join('');
    case 2:
      chars.splice(at, 1);
      return chars.join('');
    case 3:
      if (chars.length > 1 && at + 1 < chars.length) [chars[at], chars[at + 1]] = [chars[at + 1]!, chars[at]!];
      return chars.join('');
    case 4:
      return random.chance(0.5) ? value.toLowerCase() : value.toUpperCase();
    case 5:
      return random.pick([' ', '\t', '\n', '0', '\u00a0']) + value + random.pick(['', ' ', '\n', '\r\n']);
    case 6:
      return chars.slice(0, random.int(0, chars.length)).join('');
    case 7:
      return value.repeat(random.int(2, 4));
    case 8:
      return value.repeat(random.int(50, 400)).slice(0, random.int(200, 3000));
    default:
      return value.replace(/[0-9]/g, (digit) => (random.chance(0.3) ? String.fromCharCode(0xff10 + Number(digit)) : digit));
  }
}

/** A value from `valid`, left alone or edited one to three times. */
export function nearMiss(random: SeededRandom, valid: readonly string[], keepProbability = 0.35): string {
  let value = random.pick(valid);
  if (random.chance(keepProbability)) return value;
  for (let edits = random.int(1, 3); edits > 0; edits -= 1) value = mutate(random, value);
  return value;
}

/** Values every rule should see: absent, empty, blanks, very long, pure noise. */
export function junk(random: SeededRandom): string | null {
  return random.pick<() => string | null>([
    () => null,
    () => '',
    () => random.pick([' ', '  ', '\t', '\n', '\r\n', ' \t\n', '\u00a0', '\u3000', '\f', '\v', '\u2028']),
    () => random.string(TRICKY_CHARACTERS.join(''), random.int(1, 12)),
    () => random.string('0123456789', random.int(1, 40)),
    () => 'A'.repeat(random.int(100, 5000)),
  ])();
}
