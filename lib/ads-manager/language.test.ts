import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { FIXTURES } from '../../test/fixtures/ads-manager/expected';
import { loadFixture } from '../../test/fixtures/ads-manager/load';
import { languageName, notEnglishWords, pageLanguage } from './language';
import { findStatusLists } from './read-status-list';

function page(html: string, lang?: string): Document {
  const open = lang === undefined ? '<html>' : `<html lang="${lang}">`;
  return new JSDOM(`<!doctype html>${open}<body>${html}</body></html>`, { pretendToBeVisual: true }).window.document;
}

const JA_TABLE = '<table><thead><tr><th>広告グループ名</th><th>ステータス</th><th>CTR</th></tr></thead><tbody><tr><td>春</td><td>配信停止中</td><td>1%</td></tr></tbody></table>';
const EN_TABLE = '<table><thead><tr><th>Ad group name</th><th>Status</th></tr></thead><tbody><tr><td>A</td><td>Active</td></tr></tbody></table>';

describe('pageLanguage', () => {
  it('reads the page’s lang and names the language in English', () => {
    expect(pageLanguage(page('', 'ja'))).toEqual({ english: false, code: 'ja', name: 'Japanese' });
    expect(pageLanguage(page('', 'pt-BR'))).toMatchObject({ english: false, name: 'Portuguese' });
    expect(pageLanguage(page('', 'zh_CN'))).toMatchObject({ english: false, name: 'Chinese' });
    expect(pageLanguage(page(EN_TABLE, 'en-US')).english).toBe(true);
  });

  it('without a lang, takes a page whose column headers are all unknown words in other letters as not English', () => {
    expect(pageLanguage(page(JA_TABLE))).toEqual({ english: false, code: null, name: null });
    expect(pageLanguage(page(JA_TABLE, 'en'))).toMatchObject({ english: false });
  });

  it('keeps English pages English: known headers, English words it does not know, or no headers at all', () => {
    expect(pageLanguage(page(EN_TABLE)).english).toBe(true);
    expect(pageLanguage(page('<table><tr><th>Budget</th><th>Spend</th></tr></table>')).english).toBe(true);
    expect(pageLanguage(page('<p>Loading…</p>')).english).toBe(true);
  });

  it('falls back to "not English" wording when the language cannot be named', () => {
    expect(languageName('xx-Latn')).toBeNull();
    expect(pageLanguage(page('', 'x-klingon'))).toMatchObject({ english: false, name: null });
    expect(notEnglishWords({ english: false, code: 'ja', name: 'Japanese' })).toBe(
      'Ads Manager is in Japanese: Spark Guard reads the English interface only',
    );
    expect(notEnglishWords({ english: false, code: null, name: null })).toBe(
      'Ads Manager is not in English: Spark Guard reads the English interface only',
    );
  });
});

describe('the Japanese list fixture', () => {
  it('reads as Japanese, with no list found and nothing flagged', async () => {
    const { document } = await loadFixture(FIXTURES.find((f) => f.file === 'list-ja-adgroups.html')!);
    expect(notEnglishWords(pageLanguage(document))).toBe('Ads Manager is in Japanese: Spark Guard reads the English interface only');
    expect(findStatusLists(document)).toEqual([]);
    // Without its lang, the headers alone still tell.
    document.documentElement.removeAttribute('lang');
    expect(pageLanguage(document).english).toBe(false);
  });
});
