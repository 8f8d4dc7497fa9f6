import type { Stage } from './expiry';
import { silenceText } from './reach-out';

/**
 * What each stage asks the buyer to do, in words. The popup shows these next to the countdown so a
 * stage never depends on colour alone.
 */

const LABELS: Record<Stage, string> = {
  active: 'Active',
  reachOut: 'Reach out',
  swap: 'Swap now',
  expired: 'Expired',
  replaced: 'Replaced',
  pulled: 'Pulled',
};

/**
 * The identity switch in Ads Manager's creation flow that makes an ad a Spark Ad, as TikTok words it
 * today (older screens said "Use TikTok post"). Every piece of advice that names the switch uses this.
 */
export const SPARK_IDENTITY_SWITCH = 'Use TikTok account to deliver Spark Ads';

/** A short name for the stage, for badges and filters. */
export function stageLabel(stage: Stage): string {
  return LABELS[stage];
}

/** Stages in the order a filter lists them: most urgent first, history last. */
export const STAGES_IN_FILTER_ORDER: readonly Stage[] = ['expired', 'swap', 'reachOut', 'active', 'pulled', 'replaced'];

/**
 * The next step for a code at this stage. `handle` is stored without the @ (see codeRecordSchema).
 */
export function adviceFor(stage: Stage, handle: string): string {
  switch (stage) {
    case 'reachOut':
      return `Reach out to @${handle} for a new code`;
    case 'swap':
      // Swap time with the code still live: no renewal arrived, so the creator has gone quiet.
      return silenceText(handle);
    case 'expired':
      return 'Expired: renew or pull the ad';
    case 'active':
      return 'No action needed yet';
    case 'replaced':
      return 'Replaced by a newer code';
    case 'pulled':
      return 'Ad pulled';
  }
}
