import { notEnglishWords, pageLanguage } from '../../../lib/ads-manager/language';
import type { Batch } from '../../../lib/dom/watch';
import type { Feature, OverlayContext } from '../overlay-context';

/**
 * Says when Ads Manager is shown in a language other than English: the readers know English words only,
 * so on such a page they find nothing, and the popup's layout health tells the buyer why instead.
 */

/** A busy page is looked at again at most this often (its language rarely changes under the buyer). */
const LOOK_AGAIN_MS = 2000;

export function createPageLanguage(ctx: OverlayContext): Feature {
  let lastLook = -Infinity;
  let lookedAt = '';
  return {
    pass(batch: Batch) {
      const now = ctx.now();
      if (!batch.full && lookedAt === ctx.page.url && now - lastLook < LOOK_AGAIN_MS) return;
      lastLook = now;
      lookedAt = ctx.page.url;
      const language = pageLanguage(ctx.doc);
      ctx.reportProblems('language', language.english ? [] : [notEnglishWords(language)]);
    },
    navigated() {
      lookedAt = '';
    },
    stop() {},
  };
}
