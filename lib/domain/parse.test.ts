import { describe, expect, it } from 'vitest';
import type { CodeDraftInput, Result } from './code';
import {
  DRAFT_FIELD_ORDER,
  MIN_LONG_CODE_LENGTH,
  expiryOf,
  parseAdAccount,
  parseAuthCode,
  parseCodeDraft,
  parseHandle,
  parsePostUrl,
  parseValidity,
} from './parse';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

/** A long code in the shape creators copy from TikTok. */
const LONG_CODE = '#kqA7Vd3rP0f9+LmZ2xYc8TnB1sWuQe5GhJi4Ko6MvRtN/yXbE0aDsFgHjKlZxCv=';
const POST_ID = '7301234567890123456';

function failure<T>(result: Result<T>) {
  if (result.ok) throw new Error(`expected a refusal, got ${JSON.stringify(result.value)}`);
  return result;
}
function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected success, got "${result.message}"`);
  return result.value;
}

describe('parseHandle', () => {
  it('accepts a handle typed with or without @ and stores it without @', () => {
    expect(value(parseHandle('@mia.creates'))).toBe('mia.creates');
    expect(value(parseHandle('mia.creates'))).toBe('mia.creates');
    expect(value(parseHandle('  @mia_creates_2  '))).toBe('mia_creates_2');
  });

  it('stores upper-case handles in lower case so the same creator is one creator', () => {
    expect(value(parseHandle('@Mia.Creates'))).toBe('mia.creates');
  });

  it('takes the handle from a pasted profile link', () => {
    expect(value(parseHandle('https://www.tiktok.com/@Mia.Creates?lang=en'))).toBe('mia.creates');
  });

  it('accepts exactly 24 characters', () => {
    expect(value(parseHandle('a'.repeat(24)))).toBe('a'.repeat(24));
  });

  it('refuses a handle longer than 24 characters and says how long it is', () => {
    const result = failure(parseHandle('@' + 'a'.repeat(25)));
    expect(result.field).toBe('handle');
    expect(result.message).toBe(
      'That handle has 25 characters, but a TikTok handle has at most 24. Check it for extra text.',
    );
  });

  it('refuses characters a handle cannot have and names the offending one', () => {
    const dash = failure(parseHandle('@mia-creates'));
    expect(dash.field).toBe('handle');
    expect(dash.message).toBe(
      'A TikTok handle has only letters, digits, underscores and dots, but this one has “-”. Enter it for example @mia.creates.',
    );
    expect(failure(parseHandle('mia creates')).message).toContain('but this one has a space');
    expect(failure(parseHandle('mia✨')).message).toContain('but this one has “✨”');
  });

  it('asks for a handle when the field is empty or only @', () => {
    for (const raw of ['', '   ', '@']) {
      expect(failure(parseHandle(raw)).message).toBe(
        'Enter the creator’s TikTok handle, for example @mia.creates.',
      );
    }
  });
});

describe('parsePostUrl', () => {
  it('extracts the post id and handle from a www. video link', () => {
    expect(value(parsePostUrl(`https://www.tiktok.com/@mia.creates/video/${POST_ID}`))).toEqual({
      url: `https://www.tiktok.com/@mia.creates/video/${POST_ID}`,
      postId: POST_ID,
      handle: 'mia.creates',
    });
  });

  it('extracts the post id from an m. (mobile) video link and a link typed without https://', () => {
    expect(value(parsePostUrl(`https://m.tiktok.com/@mia.creates/video/${POST_ID}`)).postId).toBe(POST_ID);
    expect(value(parsePostUrl(`tiktok.com/@mia.creates/video/${POST_ID}`)).postId).toBe(POST_ID);
  });

  it('ignores share query strings, fragments and a trailing slash', () => {
    const ref = value(
      parsePostUrl(`https://www.tiktok.com/@Mia.Creates/video/${POST_ID}/?is_from_webapp=1&sender_device=pc#c`),
    );
    expect(ref).toEqual({
      url: `https://www.tiktok.com/@mia.creates/video/${POST_ID}`,
      postId: POST_ID,
      handle: 'mia.creates',
    });
  });

  it('keeps photo posts as photo links', () => {
    expect(value(parsePostUrl(`https://www.tiktok.com/@mia.creates/photo/${POST_ID}`)).url).toBe(
      `https://www.tiktok.com/@mia.creates/photo/${POST_ID}`,
    );
  });

  it('extracts the post id from /embed/<id>, /embed/v2/<id> and /v/<id>.html links', () => {
    for (const raw of [
      `https://www.tiktok.com/embed/${POST_ID}`,
      `https://www.tiktok.com/embed/v2/${POST_ID}/`,
      `https://m.tiktok.com/v/${POST_ID}.html?u_code=abc`,
    ]) {
      expect(value(parsePostUrl(raw))).toEqual({
        url: `https://www.tiktok.com/embed/v2/${POST_ID}`,
        postId: POST_ID,
        handle: null,
      });
    }
  });

  it('keeps vm., vt. and /t/ short links with no post id yet', () => {
    expect(value(parsePostUrl('https://vm.tiktok.com/ZMabc123/'))).toEqual({
      url: 'https://vm.tiktok.com/ZMabc123/',
      postId: null,
      handle: null,
    });
    expect(value(parsePostUrl('vt.tiktok.com/ZSxyz789/'))).toEqual({
      url: 'https://vt.tiktok.com/ZSxyz789/',
      postId: null,
      handle: null,
    });
    expect(value(parsePostUrl('https://www.tiktok.com/t/ZTRkq1a2b/?k=1'))).toEqual({
      url: 'https://www.tiktok.com/t/ZTRkq1a2b/',
      postId: null,
      handle: null,
    });
  });

  it('refuses a short link with its code cut off', () => {
    const result = failure(parsePostUrl('https://vm.tiktok.com/'));
    expect(result.field).toBe('postUrl');
    expect(result.message).toMatch(/^That short link is incomplete: copy it again from TikTok\./);
  });

  it('refuses links to other sites, including look-alike hosts', () => {
    for (const raw of [
      `https://www.instagram.com/p/${POST_ID}/`,
      `https://tiktok.com.example.net/@mia/video/${POST_ID}`,
      `https://nottiktok.com/@mia/video/${POST_ID}`,
    ]) {
      const result = failure(parsePostUrl(raw));
      expect(result.field).toBe('postUrl');
      expect(result.message).toMatch(/^That link is not a TikTok post\. Paste the TikTok post link, like https:\/\/www\.tiktok\.com\//);
    }
  });

  it('refuses text that is not a link', () => {
    for (const raw of ['hello', 'not a link at all', '%%%']) {
      expect(failure(parsePostUrl(raw)).message).toMatch(/^That is not a link\. Paste the TikTok post link/);
    }
  });

  it('refuses a profile link and asks for the video link', () => {
    expect(failure(parsePostUrl('https://www.tiktok.com/@mia.creates')).message).toMatch(
      /^That is a profile link, not a post\. Open the video and copy its link\./,
    );
  });

  it('refuses TikTok links that do not point to a post', () => {
    for (const raw of ['https://www.tiktok.com/foryou', 'https://www.tiktok.com/@mia/video/123']) {
      expect(failure(parsePostUrl(raw)).message).toMatch(/^That TikTok link does not point to a post\./);
    }
  });

  it('asks for the link when the field is empty', () => {
    expect(failure(parsePostUrl('  ')).message).toMatch(/^Enter the post’s link\./);
  });
});

describe('parseAdAccount', () => {
  it('accepts the ad account id as digits, ignoring spaces', () => {
    expect(value(parseAdAccount('7012345678901234567'))).toBe('7012345678901234567');
    expect(value(parseAdAccount(' 7012 3456 7890 1234 567 '))).toBe('7012345678901234567');
  });

  it('takes the aadvid from a whole Ads Manager link', () => {
    expect(
      value(
        parseAdAccount(
          'https://ads.tiktok.com/i18n/manage/adgroup?aadvid=7012345678901234567&st=2026-03-01&et=2026-03-31',
        ),
      ),
    ).toBe('7012345678901234567');
    expect(value(parseAdAccount('https://ads.tiktok.com/i18n/perf/campaign?st=1&aadvid=6812345678901234'))).toBe(
      '6812345678901234',
    );
  });

  it('takes the aadvid when only the aadvid= part was copied', () => {
    expect(value(parseAdAccount('aadvid=7012345678901234567'))).toBe('7012345678901234567');
  });

  it('refuses ids that are too short or too long', () => {
    expect(failure(parseAdAccount('12345')).message).toBe(
      'That ad account ID looks too short. Enter the ad account ID (digits), or paste any Ads Manager link from that account.',
    );
    expect(failure(parseAdAccount('1'.repeat(26))).message).toMatch(/^That ad account ID looks too long\./);
  });

  it('refuses a link without an ad account id, and an empty field', () => {
    const result = failure(parseAdAccount(`https://www.tiktok.com/@mia/video/${POST_ID}`));
    expect(result.field).toBe('adAccount');
    expect(result.message).toBe(
      'No ad account ID found there. Enter the ad account ID (digits), or paste any Ads Manager link from that account.',
    );
    expect(failure(parseAdAccount('https://ads.tiktok.com/i18n/manage/adgroup?aadvid=&st=1')).message).toMatch(
      /^No ad account ID found there\./,
    );
    expect(failure(parseAdAccount('')).message).toBe(
      'Enter the ad account ID (digits), or paste any Ads Manager link from that account.',
    );
  });
});

describe('parseAuthCode', () => {
  const shape =
    'A Spark Ads code is either the long code the creator copies from TikTok (it usually starts with # and ' +
    'may end with =) or a 6-digit number.';

  it('accepts a long # code with and without trailing =', () => {
    expect(value(parseAuthCode(LONG_CODE))).toBe(LONG_CODE);
    expect(value(parseAuthCode(LONG_CODE.replace(/=$/, '')))).toBe(LONG_CODE.replace(/=$/, ''));
    expect(value(parseAuthCode('#abcDEF012345+/xyz=='))).toBe('#abcDEF012345+/xyz==');
  });

  it('accepts a long code without the leading # and with URL-safe base64 characters', () => {
    expect(value(parseAuthCode('kqA7Vd3rP0f9-LmZ2x_Yc8T'))).toBe('kqA7Vd3rP0f9-LmZ2x_Yc8T');
  });

  it('removes whitespace from copy-paste, inside the code too', () => {
    expect(value(parseAuthCode(`  ${LONG_CODE}\n`))).toBe(LONG_CODE);
    expect(value(parseAuthCode('#kqA7Vd3rP0f9+LmZ\n2xYc8TnB1sWu Qe5GhJi4=\t'))).toBe('#kqA7Vd3rP0f9+LmZ2xYc8TnB1sWuQe5GhJi4=');
    expect(value(parseAuthCode(' 123 456 '))).toBe('123456');
  });

  it('removes invisible zero-width characters that chat apps paste along', () => {
    expect(value(parseAuthCode(`\u200B${LONG_CODE}\uFEFF`))).toBe(LONG_CODE);
  });

  it('accepts a six-digit code', () => {
    expect(value(parseAuthCode('123456'))).toBe('123456');
  });

  it('refuses 5 or 7 digits and says how many digits there were', () => {
    const five = failure(parseAuthCode('12345'));
    expect(five.field).toBe('code');
    expect(five.message).toBe(`That number has 5 digits, not 6. ${shape}`);
    expect(failure(parseAuthCode('1234567')).message).toBe(`That number has 7 digits, not 6. ${shape}`);
  });

  it(`refuses a long-form code shorter than ${MIN_LONG_CODE_LENGTH} characters as probably cut off`, () => {
    const short = '#' + 'a'.repeat(MIN_LONG_CODE_LENGTH - 1) + '=';
    expect(failure(parseAuthCode(short)).message).toBe(`That code is too short: it may be cut off. ${shape}`);
    expect(failure(parseAuthCode('#')).message).toBe(`That code is too short: it may be cut off. ${shape}`);
    // The floor counts the code itself, not the # and = around it.
    expect(value(parseAuthCode('#' + 'a'.repeat(MIN_LONG_CODE_LENGTH)))).toBe('#' + 'a'.repeat(MIN_LONG_CODE_LENGTH));
  });

  it('refuses emoji and other characters a code never has', () => {
    for (const raw of ['#kqA7Vd3rP0f9😀LmZ2xYc8TnB1', '#kqA7Vd3rP0f9.LmZ2xYc8TnB1', '#abc#defghijklmnop']) {
      expect(failure(parseAuthCode(raw)).message).toBe(
        `That does not look like an authorization code: it has characters a code never has. ${shape}`,
      );
    }
  });

  it('refuses a field of only spaces and asks for the code', () => {
    expect(failure(parseAuthCode('   \n ')).message).toBe(`Paste the authorization code. ${shape}`);
  });

  it('refuses a link pasted into the code field and says it is a link', () => {
    for (const raw of [`https://www.tiktok.com/@mia/video/${POST_ID}`, 'vm.tiktok.com/ZMabc123/']) {
      expect(failure(parseAuthCode(raw)).message).toBe(
        `That is a link, not a code: paste the code the creator sent, not the post link. ${shape}`,
      );
    }
  });
});

describe('parseValidity and expiryOf', () => {
  const createdAt = Date.UTC(2026, 0, 10, 15, 0); // 10:00 in New York (EST)

  it.each([7, 30, 60, 365] as const)('a %i-day code expires exactly %i × 24 h after it was made', (days) => {
    const validity = value(parseValidity(String(days), null));
    expect(validity).toEqual({ kind: 'days', days });
    expect(expiryOf(validity, createdAt)).toBe(createdAt + days * DAY);
  });

  it('a custom end date is the expiry, whatever the creation time', () => {
    const endsAt = Date.UTC(2026, 6, 9, 4, 0);
    const validity = value(parseValidity('custom', endsAt));
    expect(expiryOf(validity, createdAt)).toBe(endsAt);
  });

  it('refuses a period TikTok does not offer, and custom without a date', () => {
    for (const raw of ['', '14', '180', 'forever']) {
      expect(failure(parseValidity(raw, null)).message).toBe(
        'Choose how long the code is valid: 7, 30, 60 or 365 days, or a custom end date.',
      );
    }
    expect(failure(parseValidity('custom', null)).message).toBe('Pick the custom end date the creator chose.');
    expect(failure(parseValidity('custom', Number.NaN)).field).toBe('validity');
  });

  it('codes run in absolute hours: created 10:00 New York before spring-forward, 30 days later expires 11:00 local (720 h)', () => {
    const created = new Date(2026, 2, 1, 10, 0).getTime(); // 1 March 2026 10:00 EST
    expect(created).toBe(Date.UTC(2026, 2, 1, 15, 0)); // proves the test runs in New York time
    const expires = expiryOf({ kind: 'days', days: 30 }, created);
    expect(expires - created).toBe(720 * HOUR);
    const local = new Date(expires);
    expect([local.getMonth(), local.getDate(), local.getHours()]).toEqual([2, 31, 11]); // 31 March 11:00 EDT
  });

  it('codes run in absolute hours: created 10:00 New York before fall-back, 30 days later expires 09:00 local (720 h)', () => {
    const created = new Date(2026, 9, 20, 10, 0).getTime(); // 20 October 2026 10:00 EDT
    expect(created).toBe(Date.UTC(2026, 9, 20, 14, 0));
    const expires = expiryOf({ kind: 'days', days: 30 }, created);
    expect(expires - created).toBe(720 * HOUR);
    const local = new Date(expires);
    expect([local.getMonth(), local.getDate(), local.getHours()]).toEqual([10, 19, 9]); // 19 November 09:00 EST
  });
});

describe('parseCodeDraft', () => {
  const createdAt = Date.UTC(2026, 2, 1, 15, 0);
  const now = createdAt + 10 * DAY;
  const good: CodeDraftInput = {
    handle: '@Mia.Creates',
    postUrl: `https://www.tiktok.com/@mia.creates/video/${POST_ID}?lang=en`,
    code: ` ${LONG_CODE}\n`,
    adAccount: 'https://ads.tiktok.com/i18n/manage/adgroup?aadvid=7012345678901234567&st=2026-03-01',
    validity: '30',
    customEndsAt: null,
    createdAt,
    notes: '  spring drop  ',
    renews: null,
  };

  it('turns a well-filled form into a normalized draft with its expiry', () => {
    expect(value(parseCodeDraft(good, now))).toEqual({
      handle: 'mia.creates',
      postUrl: `https://www.tiktok.com/@mia.creates/video/${POST_ID}`,
      postId: POST_ID,
      code: LONG_CODE,
      adAccountId: '7012345678901234567',
      validity: { kind: 'days', days: 30 },
      createdAt,
      expiresAt: createdAt + 30 * DAY,
      notes: 'spring drop',
      renews: null,
    });
  });

  it('keeps a short link with no post id and the renewal link', () => {
    const draft = value(parseCodeDraft({ ...good, postUrl: 'https://vm.tiktok.com/ZMabc123/', renews: 'old-id' }, now));
    expect(draft.postId).toBeNull();
    expect(draft.postUrl).toBe('https://vm.tiktok.com/ZMabc123/');
    expect(draft.renews).toBe('old-id');
  });

  it('refuses a post link whose handle disagrees with the entered handle', () => {
    const result = failure(
      parseCodeDraft({ ...good, postUrl: `https://www.tiktok.com/@someone.else/video/${POST_ID}` }, now),
    );
    expect(result.field).toBe('postUrl');
    expect(result.message).toBe(
      'That post belongs to @someone.else, not @mia.creates. Check the handle or the link.',
    );
  });

  it('refuses a custom end date before (or at) the moment the code was made', () => {
    for (const endsAt of [createdAt - DAY, createdAt]) {
      const result = failure(parseCodeDraft({ ...good, validity: 'custom', customEndsAt: endsAt }, now));
      expect(result.field).toBe('validity');
      expect(result.message).toBe('The end date must come after the date the code was made.');
    }
  });

  it('accepts a custom end date after creation and uses it as the expiry', () => {
    const endsAt = createdAt + 180 * DAY;
    const draft = value(parseCodeDraft({ ...good, validity: 'custom', customEndsAt: endsAt }, now));
    expect(draft.expiresAt).toBe(endsAt);
  });

  it('refuses a “Code created” in the future, beyond a few minutes of clock skew', () => {
    expect(parseCodeDraft({ ...good, createdAt: now + 4 * 60 * 1000 }, now).ok).toBe(true);
    for (const createdAt of [now + 6 * 60 * 1000, now + 3 * DAY]) {
      const result = failure(parseCodeDraft({ ...good, createdAt }, now));
      expect(result).toEqual({ ok: false, field: 'createdAt', message: '“Code created” is in the future. Enter when the creator made the code: now or earlier.' });
    }
  });

  it('refuses a “Code created” before Spark Ads existed (2019), and a date no calendar has', () => {
    expect(parseCodeDraft({ ...good, createdAt: Date.UTC(2019, 0, 1) }, now).ok).toBe(true);
    for (const createdAt of [0, Date.UTC(2018, 11, 31, 23, 59), -1e15]) {
      expect(failure(parseCodeDraft({ ...good, createdAt }, now))).toMatchObject({ field: 'createdAt', message: expect.stringContaining('before 2019') });
    }
    expect(failure(parseCodeDraft({ ...good, createdAt: 1e300 }, now)).field).toBe('createdAt');
  });

  it('refuses an end date more than 365 days after creation, and accepts exactly 365', () => {
    expect(value(parseCodeDraft({ ...good, validity: 'custom', customEndsAt: createdAt + 365 * DAY }, now)).expiresAt).toBe(createdAt + 365 * DAY);
    const result = failure(parseCodeDraft({ ...good, validity: 'custom', customEndsAt: Date.UTC(9999, 0, 1) }, now));
    expect(result.field).toBe('validity');
    expect(result.message).toContain('more than 365 days after the code was made');
  });

  it('refuses a field longer than the form allows, naming it and its limit', () => {
    expect(parseCodeDraft({ ...good, notes: 'n'.repeat(10_000) }, now).ok).toBe(true);
    expect(failure(parseCodeDraft({ ...good, notes: 'n'.repeat(12_000) }, now))).toEqual({
      ok: false,
      field: 'notes',
      message: '“Notes” has 12,000 characters; Spark Guard keeps at most 10,000. Shorten it.',
    });
    expect(failure(parseCodeDraft({ ...good, code: `#${'A'.repeat(2_048)}` }, now)).field).toBe('code');
  });

  it('reports the first problem in form order when every field is wrong', () => {
    const allWrong: CodeDraftInput = {
      ...good,
      handle: 'mia-creates',
      postUrl: 'hello',
      code: '12345',
      adAccount: '12',
      createdAt: Number.NaN,
      validity: '14',
    };
    // Fix one field at a time, in the order the form shows them: the refusal moves to the next field.
    const fixes: Partial<CodeDraftInput>[] = [
      { handle: good.handle },
      { postUrl: good.postUrl },
      { code: good.code },
      { adAccount: good.adAccount },
      { createdAt: good.createdAt },
      { validity: good.validity },
    ];
    let input = allWrong;
    const seen: (string | null)[] = [];
    for (const fix of fixes) {
      const result = parseCodeDraft(input, now);
      seen.push(result.ok ? 'ok' : result.field);
      input = { ...input, ...fix };
    }
    expect(seen).toEqual([...DRAFT_FIELD_ORDER]);
    expect(parseCodeDraft(input, now).ok).toBe(true);
  });
});
