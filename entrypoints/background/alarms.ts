import type { Browser } from 'wxt/browser';

/**
 * One alarm for the whole ledger, set to the next moment any code changes stage. Chrome allows an
 * extension only a limited number of alarms, and one derived alarm cannot drift from the data.
 */

export const NEXT_DUE_ALARM = 'next-due';

export type AlarmsApi = { alarms: Pick<typeof Browser.alarms, 'create' | 'clear' | 'get'> };

/** Sets the alarm to `when` (epoch ms), or removes it when nothing is due any more. */
export async function applyNextDueAlarm(api: AlarmsApi, when: number | null): Promise<void> {
  if (when === null) {
    await api.alarms.clear(NEXT_DUE_ALARM);
    return;
  }
  const current = await api.alarms.get(NEXT_DUE_ALARM);
  if (current?.scheduledTime === when) return;
  await api.alarms.create(NEXT_DUE_ALARM, { when });
}

export function isNextDueAlarm(alarm: { name: string }): boolean {
  return alarm.name === NEXT_DUE_ALARM;
}
