import { CodesetError } from './codeset-error';
import { readCodesetText } from './read-codeset';

const FILE_NAME = 'cms_place_of_service_codes.fhir-codesystem.xml';
const CONCEPT = /<concept>([\s\S]*?)<\/concept>/g;
const CODE = /<code value="([^"]*)"\s*\/>/;
const DISPLAY = /<display value="([^"]*)"\s*\/>/;
const TWO_DIGITS = /^[0-9]{2}$/;

let cached: ReadonlyMap<string, string> | undefined;

/**
 * CMS place-of-service codes (`11` Office, `02` Telehealth ...) with their CMS names, from the FHIR
 * CodeSystem, which is the complete current list (52 codes). A regex over `<concept>` elements is
 * enough: the file is a flat CodeSystem whose concepts have no nested concepts.
 */
export function loadPlaceOfServiceCodes(): ReadonlyMap<string, string> {
  cached ??= parsePlaceOfServiceCodeSystem(readCodesetText(FILE_NAME));
  return cached;
}

function parsePlaceOfServiceCodeSystem(xml: string): ReadonlyMap<string, string> {
  const codes = new Map<string, string>();
  for (const [, body] of xml.matchAll(CONCEPT)) {
    const code = CODE.exec(body!)?.[1];
    if (!code || !TWO_DIGITS.test(code)) {
      throw new CodesetError('codeset_malformed', `${FILE_NAME} has a concept without a two-digit code`);
    }
    codes.set(code, decodeXmlText(DISPLAY.exec(body!)?.[1] ?? ''));
  }
  return codes;
}

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeXmlText(value: string): string {
  return value.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (entity, body: string) => {
    if (body.startsWith('#x')) return String.fromCodePoint(parseInt(body.slice(2), 16));
    if (body.startsWith('#')) return String.fromCodePoint(Number(body.slice(1)));
    return NAMED_ENTITIES[body] ?? entity;
  });
}
