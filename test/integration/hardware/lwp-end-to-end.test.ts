import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startController, type RunningController } from '../../support/controller-process.ts';
import { clerkToken, depositAndCollectWithCode } from '../../support/flows.ts';

describe('LOCKERWALL_HARDWARE=lwp: the whole flow over socat PTYs to the board simulator', () => {
  let wall: RunningController;
  let token: string;

  beforeAll(async () => {
    wall = await startController({ env: { LOCKERWALL_HARDWARE: 'lwp' }, startTimeoutMs: 60_000 });
    token = await clerkToken(wall);
  });

  afterAll(async () => {
    await wall?.stop();
  });

  it('deposits and collects a parcel through the lwp driver', async () => {
    const { parcel } = await depositAndCollectWithCode(wall, token, { scan: 'EE123456025CN\n', recipientId: 'E1004' });
    expect(parcel).toMatchObject({ carrier: 'upu', classes: ['express'], status: 'collected' });
  });

  it('reports every door of both simulated boards', async () => {
    const { body } = await wall.api('/api/doors');
    expect(body.doors).toHaveLength(24);
    expect(body.doors.every((d: { fault: string | null }) => d.fault === null)).toBe(true);
  });
});
