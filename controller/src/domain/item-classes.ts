import type { ItemClass } from './types.ts';

export type HandoverProof = 'signature' | 'badge';

/** What the item classes of one parcel demand; classes combine, so each rule is an OR over them. */
export interface ClassRules {
  /** registered: the door opens only after a signature or the collector's badge. */
  proofRequired: boolean;
  /** insured: the collector confirms the condition at pickup. */
  conditionAtPickup: boolean;
  /** insured: declared value and condition recorded at intake. */
  declaredAtIntake: boolean;
  /** confidential: a badge, never a code alone; only secure doors; no delegate unless allowed. */
  badgeOnly: boolean;
  secureDoor: boolean;
  /** express: delegates hear of it when it is not collected in time. */
  escalates: boolean;
  /** media: held until IT marks it clean. */
  mediaGate: boolean;
}

export function classRules(classes: readonly ItemClass[]): ClassRules {
  const has = (c: ItemClass) => classes.includes(c);
  return {
    proofRequired: has('registered'),
    conditionAtPickup: has('insured'),
    declaredAtIntake: has('insured'),
    badgeOnly: has('confidential'),
    secureDoor: has('confidential'),
    escalates: has('express'),
    mediaGate: has('media'),
  };
}

export const PICKUP_CONDITIONS = ['intact', 'damaged'] as const;
export type PickupCondition = (typeof PICKUP_CONDITIONS)[number];
