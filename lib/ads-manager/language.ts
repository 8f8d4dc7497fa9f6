import { deepQueryAll, isVisible, visibleLines, createVisibilityCache } from './composed';
import { firstMatchIndex, HEADER_CELL, NAME_HEADERS, normalizeLabel, REASON_HEADERS, STATUS_HEADERS } from './selectors';

/**
 * Which language Ads Manager is shown in, as far as the page says. The readers know English words only
 * ("Status", "Not delivering"): on a page in another language they would find nothing, and the buyer
 * must hear why rather than see an empty overlay.
 */

export interface PageLanguage {
  english: boolean;
  /** The page's language code when it gives one ("ja", "pt-BR"), else null. */
  code: string | null;
  /** The language's name in English ("Japanese"), when known. */
  name: string | null;
}

/** "Japanese" for "ja", "Portuguese" for "pt-BR": the language alone, region left out. Null when unknown. */
export function languageName(code: string): string | null {
  const primary = code.split(/[-_]/)[0]?.toLowerCase() ?? '';
  if (!/^[a-z]{2,3}$/.test(primary)) return null;
  try {
    const name = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' }).of(primary);
    return name && name.toLowerCase() !== primary ? name : null;
  } catch {
    return null;
  }
}

/** Whether visible column headers are on the page and not one of them is a header word the readers know. */
function onlyUnknownHeaders(doc: Document): boolean {
  const cache = createVisibilityCache();
  const headers = deepQueryAll(doc, HEADER_CELL).filter((h) => isVisible(h, cache));
  if (headers.length === 0) return false;
  const known = [...STATUS_HEADERS, ...NAME_HEADERS, ...REASON_HEADERS];
  const labels = headers.map((h) => normalizeLabel(visibleLines(h, 400).map((l) => l.text).join(' '))).filter(Boolean);
  if (labels.length === 0) return false;
  // Abbreviations ("CTR", "CPC") stay in Latin letters in every language: what tells is that no header
  // is one the readers know and some header is written in other letters.
  return labels.every((l) => firstMatchIndex(l, known) < 0) && labels.some((l) => /[^\u0000-\u024f\s\p{P}\p{S}\p{N}]/u.test(l));
}

/**
 * The page's language: its `lang` first; without one (or with English), a page whose column headers are
 * all words the readers do not know and not English words either reads as "not English, language
 * unknown". Never throws.
 */
export function pageLanguage(doc: Document): PageLanguage {
  try {
    const code = (doc.documentElement?.getAttribute('lang') ?? '').trim() || null;
    if (code && !/^en\b/i.test(code)) return { english: false, code, name: languageName(code) };
    if (onlyUnknownHeaders(doc)) return { english: false, code: null, name: null };
    return { english: true, code, name: code ? languageName(code) : null };
  } catch {
    return { english: true, code: null, name: null };
  }
}

/** What the popup says of a page that is not in English. */
export function notEnglishWords(language: PageLanguage): string {
  return language.name
    ? `Ads Manager is in ${language.name}: Spark Guard reads the English interface only`
    : 'Ads Manager is not in English: Spark Guard reads the English interface only';
}
