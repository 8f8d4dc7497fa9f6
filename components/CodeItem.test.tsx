import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { NOW, DAY, HOUR, record } from '../lib/db/test-fixtures';
import type { CodeRecord } from '../lib/domain/code';
import { localDayStart } from '../lib/time/countdown';
import { CodeItem, postLinkText, reminderLines } from './CodeItem';

const noop = () => {};
const TODAY = localDayStart(NOW);

function render(code: CodeRecord, over: Partial<Parameters<typeof CodeItem>[0]> = {}) {
  const html = renderToStaticMarkup(
    <CodeItem
      code={code}
      stage="swap"
      countdown="22 h left"
      sent={{}}
      today={TODAY}
      target={false}
      onCopy={noop}
      onRenew={noop}
      onSetPulled={noop}
      onDelete={noop}
      {...over}
    />,
  );
  const labels = [...html.matchAll(/<button aria-label="([^"]*)"/g)].map((m) => m[1]);
  const text = html.replace(/<[^>]+>/g, ' ').replace(/&#x27;/g, "'").replace(/\s+/g, ' ').trim();
  return { html, labels, text };
}

describe('CodeItem', () => {
  it('shows stage, handle, countdown, what to do, post, ad account and expiry', () => {
    const code = record({ handle: 'mia.creates', adAccountId: '7012345678901', expiresAt: NOW + 22 * HOUR });
    const { text } = render(code);
    expect(text).toContain('Swap now @mia.creates · 22 h left');
    expect(text).toContain('No new code from @mia.creates: swap now or pull the ad');
    expect(text).toContain('post …0123456 · Ad account …678901 7012345678901 · Expires Wed 11 Mar, 12:00');
  });

  it('shortens a long ad account id on screen and keeps the whole id for the tooltip and screen readers', () => {
    const { html } = render(record({ adAccountId: '7012345678901234567' }));
    expect(html).toContain(
      '<span class="account-id" title="7012345678901234567"><span aria-hidden="true">…234567</span><span class="visually-hidden">7012345678901234567</span></span>',
    );
  });

  it('keeps the countdown in one piece, apart from the handle, so it does not break across lines', () => {
    const { html } = render(record({ handle: 'a.very.long.creator.handle.indeed', expiresAt: NOW + 22 * HOUR }));
    expect(html).toMatch(/ @a\.very\.long\.creator\.handle\.indeed · <span>22 h left<\/span><\/p>/);
  });

  it('shows a warning about impossible dates, and none for a code whose dates are fine', () => {
    const warning = 'Check its dates: it says the code was made in the future, so its countdown is wrong.';
    expect(render(record(), { warning }).text).toContain(`${warning} `);
    expect(render(record(), { warning: null }).text).not.toContain('Check its dates');
  });

  it('names every action after the creator, so each button says which code it acts on', () => {
    const { labels } = render(record({ handle: 'mia.creates' }));
    expect(labels).toEqual([
      'Copy code for @mia.creates',
      'Renew code for @mia.creates',
      'Mark pulled: code for @mia.creates',
      'Delete code for @mia.creates',
    ]);
  });

  it('offers "Undo pull" for a pulled code, and no renew or pull for a replaced one', () => {
    expect(render(record({ handle: 'mia.creates', status: 'pulled' }), { stage: 'pulled' }).labels).toContain(
      'Undo pull: code for @mia.creates',
    );
    expect(render(record({ handle: 'mia.creates', status: 'replaced' }), { stage: 'replaced' }).labels).toEqual([
      'Copy code for @mia.creates',
      'Delete code for @mia.creates',
    ]);
  });

  it('lists the reminders that were shown, with the time', () => {
    const { text } = render(record(), { sent: { reachOut: NOW - 2 * DAY, swap: NOW - HOUR } });
    expect(text).toContain('Reminder sent Sun 8 Mar, 14:00 (reach out)');
    expect(text).toContain('Reminder sent 13:00 (swap the code)');
  });

  it('is focusable and highlighted only when it is the code the buyer was sent to', () => {
    expect(render(record()).html).not.toContain('tabindex');
    const target = render(record(), { target: true }).html;
    expect(target).toContain('tabindex="-1"');
    expect(target).toContain('is-target');
  });

  it('shows the buyer’s notes as text', () => {
    expect(render(record({ notes: '<b>Spring</b> push' })).html).toContain('&lt;b&gt;Spring&lt;/b&gt; push');
  });
});

describe('postLinkText', () => {
  it('shows the end of the post id, or says a short link has none yet', () => {
    expect(postLinkText('7301234567890123456')).toBe('post …0123456');
    expect(postLinkText(null)).toBe('short link, no post id yet');
  });
});

describe('reminderLines', () => {
  it('orders reminders reach out, swap, expired', () => {
    expect(reminderLines({ expired: NOW, reachOut: NOW - HOUR }, TODAY)).toEqual([
      'Reminder sent 13:00 (reach out)',
      'Reminder sent 14:00 (code expired)',
    ]);
  });
});
