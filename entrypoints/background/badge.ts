import type { Browser } from 'wxt/browser';
import type { BadgeState } from '../../lib/domain/expiry';

/** The toolbar badge: how many codes need the buyer, coloured by the most urgent. */

export type BadgeApi = {
  action: Pick<typeof Browser.action, 'setBadgeText' | 'setBadgeBackgroundColor' | 'setTitle'> &
    Partial<Pick<typeof Browser.action, 'setBadgeTextColor'>>;
};

/** Colours by the worst stage; each keeps white badge text at a contrast of at least 4.5:1. */
export const BADGE_COLORS = {
  reachOut: '#9A5B00',
  swap: '#C5221F',
  expired: '#7F0000',
  none: '#5F6368',
} as const;
export const BADGE_TEXT_COLOR = '#FFFFFF';

export interface BadgeView {
  text: string;
  color: string;
  /** The toolbar button's tooltip: what the badge means, for anyone who can't see its colour. */
  title: string;
}

const WORST_WORDS = {
  reachOut: 'time to reach out to creators',
  swap: 'a code must be swapped now',
  expired: 'a code has expired',
} as const;

export function deriveBadge(state: BadgeState): BadgeView {
  if (state.count === 0 || state.worst === null) {
    return { text: '', color: BADGE_COLORS.none, title: 'Spark Guard: no code needs action' };
  }
  const codes = state.count === 1 ? '1 code needs' : `${state.count} codes need`;
  return {
    // The badge has room for about four characters.
    text: state.count > 99 ? '99+' : String(state.count),
    color: BADGE_COLORS[state.worst],
    title: `Spark Guard: ${codes} action (${WORST_WORDS[state.worst]})`,
  };
}

export async function applyBadge(api: BadgeApi, view: BadgeView): Promise<void> {
  await api.action.setBadgeText({ text: view.text });
  await api.action.setBadgeBackgroundColor({ color: view.color });
  // Older Chrome versions pick the text colour themselves.
  if (api.action.setBadgeTextColor) await api.action.setBadgeTextColor({ color: BADGE_TEXT_COLOR });
  await api.action.setTitle({ title: view.title });
}
