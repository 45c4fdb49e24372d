import type { LockerwallConfig } from '../../../config/schema.ts';
import { AttemptThrottle, CODE_GUESSING_POLICY } from '../domain/attempt-throttle.ts';
import { classRules, PICKUP_CONDITIONS, type PickupCondition } from '../domain/item-classes.ts';
import { normaliseEnteredCode, checkCode } from '../domain/pickup-code.ts';
import { assertTransition } from '../domain/parcel-lifecycle.ts';
import { acceptSignature, type Stroke } from '../domain/signature.ts';
import { DomainError, type Clock, type Parcel, type Recipient } from '../domain/types.ts';
import type { BadgeCredential } from '../readers/index.ts';
import type { SecretKeeper } from '../security/digests.ts';
import type { Store } from '../store/store.ts';
import type { BadgeDirectory } from './badge-directory.ts';
import type { WallEventBus } from './event-bus.ts';
import type { OpenIntent, Wall } from './wall.ts';

export interface PickupResult {
  doors: string[];
  parcels: string[];
  /** doors that did not open; their parcels stay stored. */
  failedDoors: string[];
  collector?: { id: string; locale: string };
}

/** What the kiosk sends with a code (or a badge) when the first try answered `proof_required`. */
export interface HandoverProof {
  signature?: { strokes: Stroke[] };
  /** a badge tapped as proof of a code pickup (the recipient's, or someone who may collect for them). */
  badge?: string | BadgeCredential;
  /** insured items: the condition the collector confirms. */
  condition?: PickupCondition;
}

interface Handover {
  receipt?: { kind: 'signature' | 'badge'; collectorId: string; signature: string | null };
  condition?: PickupCondition;
}

interface Release {
  parcel: Parcel;
  intent: OpenIntent;
  codeCredentialId?: number;
}

const SIGNATURE_OR_BADGE = ['signature', 'badge'] as const;

/** An employee collects: a code opens its parcel's door, a badge every door they may empty. */
export class PickupService {
  private readonly codeThrottle = new AttemptThrottle(CODE_GUESSING_POLICY);

  constructor(
    private readonly store: Store,
    private readonly wall: Wall,
    private readonly secrets: SecretKeeper,
    private readonly badges: BadgeDirectory,
    private readonly bus: WallEventBus,
    private readonly clock: Clock,
    private readonly config?: Pick<LockerwallConfig, 'rules'>,
  ) {}

  /** Wrong codes are throttled per kiosk (badge pickups never are), and crossing into throttling raises an alarm. */
  async pickupByCode(enteredCode: string, kiosk: string, proof: HandoverProof = {}): Promise<PickupResult> {
    const now = this.clock.now();
    const verdict = this.codeThrottle.check(kiosk, now);
    if (!verdict.allowed) {
      const seconds = Math.ceil(verdict.retryAfterMs / 1000);
      throw new DomainError('too_many_attempts', `Too many wrong codes — wait ${seconds} s, or tap your badge instead.`, 429, { retryAfterSeconds: seconds });
    }
    const code = normaliseEnteredCode(enteredCode);
    const credential = code ? this.store.credentials.findPickupCode(this.secrets.pickupCodeDigest(code)) : undefined;
    if (!credential?.parcelId) {
      if (this.codeThrottle.fail(kiosk, now))
        this.bus.emit('alarm', { type: 'code_guessing', message: 'Repeated wrong pickup codes at a kiosk — throttling engaged.', at: now.toISOString() });
      if (!code) throw new DomainError('invalid_code', 'A pickup code has 8 digits — check the message and try again.', 400);
      throw new DomainError('invalid_code', 'That code is not valid — check the message and try again.', 401);
    }
    this.codeThrottle.succeed(kiosk, now);
    const state = checkCode(credential, this.clock.now());
    if (state === 'used') throw new DomainError('code_used', 'That code was already used. If your parcel is still inside, ask the mailroom.', 410);
    if (state === 'expired')
      throw new DomainError('code_expired', 'That code has expired — your parcel went back to the mailroom list; ask a clerk.', 410);
    const parcel = this.store.parcels.get(credential.parcelId)!;
    if (parcel.status !== 'stored')
      throw new DomainError('not_collectable', `Parcel is ${parcel.status.replace('_', ' ')} — ask the mailroom.`, 409);
    if (this.store.mailroom.rules(parcel.id)?.expiredAt)
      throw new DomainError('parcel_expired', 'This parcel was not collected in time and goes back to the mailroom counter — ask a clerk.', 410);
    const rules = classRules(parcel.classes);
    if (rules.badgeOnly)
      throw new DomainError('badge_required', 'This item is confidential: tap your own badge to open the door. The code alone is not enough.', 403);

    const missingProof = rules.proofRequired && !proof.signature && !proof.badge;
    const missingCondition = rules.conditionAtPickup && !proof.condition;
    if (missingProof || missingCondition)
      throw new DomainError(
        'proof_required',
        missingProof ? 'This is registered mail: sign on the screen or tap your badge to receive it.' : 'This item is insured: confirm its condition to receive it.',
        403,
        {
          parcels: [parcel.id],
          proof: rules.proofRequired ? [...SIGNATURE_OR_BADGE] : [],
          ...(rules.conditionAtPickup ? { condition: [...PICKUP_CONDITIONS] } : {}),
        },
      );

    let collectorId = parcel.recipientId;
    const handover: Handover = { condition: rules.conditionAtPickup ? proof.condition : undefined };
    if (rules.proofRequired) {
      if (proof.badge) {
        const holder = this.badges.identify(proof.badge);
        if (!this.mayCollect(holder, parcel))
          throw new DomainError('badge_not_allowed', 'This badge may not receive this item — the recipient or their delegate must tap their own badge.', 403);
        collectorId = holder.id;
        handover.receipt = { kind: 'badge', collectorId: holder.id, signature: null };
      } else {
        const signature = acceptSignature(proof.signature!.strokes, this.config?.rules.signature ?? { minPoints: 10, minExtentPx: 40 });
        handover.receipt = { kind: 'signature', collectorId: parcel.recipientId, signature };
      }
    }
    return this.release([parcel], `code@${kiosk}`, collectorId, new Map([[parcel.id, handover]]), credential.id);
  }

  async pickupByBadge(badgeText: string | BadgeCredential, kiosk: string, proof: Pick<HandoverProof, 'condition'> = {}): Promise<PickupResult> {
    const holder = this.badges.identify(badgeText);
    const others = this.store.recipients.collectedBy(holder);
    const parcels = this.store.parcels
      .storedFor([holder.id, ...others.map((o) => o.id)])
      .filter((p) => this.mayCollect(holder, p) && !this.store.mailroom.rules(p.id)?.expiredAt);
    if (parcels.length === 0)
      throw new DomainError('nothing_to_collect', 'There is nothing in the wall for you right now.', 404, { locale: holder.locale });
    const insured = parcels.filter((p) => classRules(p.classes).conditionAtPickup);
    if (insured.length > 0 && !proof.condition)
      throw new DomainError('proof_required', 'Insured items are waiting: confirm their condition to receive them.', 403, {
        parcels: insured.map((p) => p.id),
        proof: [],
        condition: [...PICKUP_CONDITIONS],
        locale: holder.locale,
      });
    const handovers = new Map<string, Handover>(
      parcels.map((p) => {
        const rules = classRules(p.classes);
        return [
          p.id,
          {
            receipt: rules.proofRequired ? { kind: 'badge' as const, collectorId: holder.id, signature: null } : undefined,
            condition: rules.conditionAtPickup ? proof.condition : undefined,
          },
        ];
      }),
    );
    const result = await this.release(parcels, `badge:${holder.id}@${kiosk}`, holder.id, handovers);
    return { ...result, collector: { id: holder.id, locale: holder.locale } };
  }

  /** The recipient, or someone who collects for them — never for a confidential item unless the recipient allowed it. */
  private mayCollect(holder: Recipient, parcel: Parcel): boolean {
    if (holder.id === parcel.recipientId) return true;
    if (!this.store.recipients.collectedBy(holder).some((r) => r.id === parcel.recipientId)) return false;
    return !classRules(parcel.classes).badgeOnly || this.store.mailroom.preferences(parcel.recipientId).allowConfidentialDelegation;
  }

  private async release(parcels: Parcel[], actor: string, collectorId: string, handovers: Map<string, Handover>, codeCredentialId?: number): Promise<PickupResult> {
    const at = this.clock.now().toISOString();
    const releases: Release[] = this.store.transaction(() =>
      parcels.map((parcel) => {
        assertTransition(parcel.id, parcel.status, 'pickup_open');
        if (codeCredentialId !== undefined) this.store.credentials.markUsed(codeCredentialId, at);
        this.store.parcels.setStatus(parcel.id, 'pickup_open', at, { collectedBy: collectorId });
        this.store.parcels.addEvent({
          parcelId: parcel.id,
          at,
          type: 'pickup_requested',
          actor,
          doorId: parcel.doorId,
          detail: collectorId === parcel.recipientId ? {} : { collectedFor: parcel.recipientId, collectedBy: collectorId },
        });
        this.recordHandover(parcel, handovers.get(parcel.id), actor, at);
        return { parcel, intent: this.wall.recordOpenIntent(parcel.doorId!, 'pickup', actor, parcel.id), codeCredentialId };
      }),
    );
    const opened: Release[] = [];
    const failed: Release[] = [];
    for (const r of releases) {
      try {
        await this.wall.executeOpen(r.intent);
        opened.push(r);
      } catch (error) {
        failed.push(r);
        this.restore(r, (error as Error).message);
      }
    }
    for (const r of opened) {
      this.wall.afterPulse(() =>
        this.store.parcels.addEvent({ parcelId: r.parcel.id, at: this.clock.now().toISOString(), type: 'door_opened', actor, doorId: r.parcel.doorId, detail: { reason: 'pickup' } }),
      );
      this.bus.emit('parcel', { id: r.parcel.id, status: 'pickup_open', door: r.parcel.doorId, event: 'pickup' });
      this.wall.publishDoor(r.parcel.doorId!);
    }
    if (opened.length === 0)
      throw new DomainError('door_failed', `Door ${failed.map((f) => f.parcel.doorId).join(', ')} did not open — please ask the mailroom. Your parcel is safe inside.`, 503);
    return {
      doors: opened.map((r) => r.parcel.doorId!),
      parcels: opened.map((r) => r.parcel.id),
      failedDoors: failed.map((r) => r.parcel.doorId!),
    };
  }

  /** The receipt and the confirmed condition go into the custody log in the release transaction. */
  private recordHandover(parcel: Parcel, handover: Handover | undefined, actor: string, at: string): void {
    if (handover?.receipt) {
      const receiptId = this.store.mailroom.addReceipt({
        parcelId: parcel.id,
        kind: handover.receipt.kind,
        collectorId: handover.receipt.collectorId,
        signature: handover.receipt.signature,
        pickupCondition: handover.condition ?? null,
        at,
      });
      this.store.parcels.addEvent({
        parcelId: parcel.id,
        at,
        type: 'handover_proof',
        actor,
        doorId: parcel.doorId,
        detail: { receiptId, proof: handover.receipt.kind, collectorId: handover.receipt.collectorId },
      });
    }
    if (handover?.condition) {
      this.store.mailroom.setPickupCondition(parcel.id, handover.condition);
      this.store.parcels.addEvent({ parcelId: parcel.id, at, type: 'condition_confirmed', actor, doorId: parcel.doorId, detail: { condition: handover.condition } });
      if (handover.condition === 'damaged') {
        const claimId = this.store.mailroom.addClaim({ parcelId: parcel.id, kind: 'damaged', note: 'reported damaged at pickup', reportedBy: actor, at });
        this.store.parcels.addEvent({ parcelId: parcel.id, at, type: 'claim_opened', actor, doorId: null, detail: { claimId, kind: 'damaged' } });
      }
    }
  }

  /** A door that did not open: the parcel stays stored and its code stays valid. */
  private restore(r: Release, error: string): void {
    const at = this.clock.now().toISOString();
    this.store.transaction(() => {
      this.store.parcels.setStatus(r.parcel.id, 'stored', at);
      if (r.codeCredentialId !== undefined) this.store.credentials.markUsed(r.codeCredentialId, null);
      this.store.parcels.addEvent({ parcelId: r.parcel.id, at, type: 'door_failed', actor: 'system', doorId: r.parcel.doorId, detail: { error } });
      this.store.doors.setFault(r.parcel.doorId!, 'did_not_open', at);
    });
    this.wall.publishDoor(r.parcel.doorId!);
  }
}

export type { Recipient };
