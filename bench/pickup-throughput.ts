/**
 * A wall of 1,000 doors on 21 LWP/1 boards (PTYs at 115200 baud) with 500 parcels stored: HTTP
 * pickups by code with several kiosks at once, and the controller's resident memory at idle and
 * under that load. Each board pulses one coil at a time (its lock supply is sized for one
 * solenoid), so the wall itself caps opens at boards × 1000 / pulse ms per second.
 *   node --import tsx bench/pickup-throughput.ts [--quick]
 */
import { pathToFileURL } from 'node:url';
import { callApi, closeConnections, type MemoryReading } from './support/controller.ts';
import { heading, ms, msSince, now, quick, sleep, summarise, table, verdict } from './support/stats.ts';
import { PULSE_MS, startBenchWall, type StoredParcel } from './support/wall.ts';

const DOORS = 1000;
const BOARDS = 21;
const STORED = quick ? 60 : 500;
const IDLE_BUDGET_MB = 80;

const mb = (m: MemoryReading) => `${m.rssMb.toFixed(1)} MB (+${m.childrenMb.toFixed(1)} MB in child processes)`;

/** Pickups by `kiosks` concurrent clients until `parcels` are all out; returns per-pickup latencies. */
async function pickupAll(baseUrl: string, parcels: StoredParcel[], kiosks: number): Promise<number[]> {
  const latencies: number[] = [];
  let next = 0;
  const kiosk = async () => {
    while (next < parcels.length) {
      const parcel = parcels[next++]!;
      const t0 = now();
      const r = await callApi(baseUrl, 'POST', '/api/pickup', { code: parcel.code });
      latencies.push(msSince(t0));
      if (r.status !== 200) throw new Error(`pickup of ${parcel.id} answered ${r.status} ${JSON.stringify(r.body)}`);
    }
  };
  await Promise.all(Array.from({ length: kiosks }, kiosk));
  return latencies;
}

export async function runPickupThroughput(): Promise<void> {
  heading(`Pickup throughput and memory: ${DOORS} doors on ${BOARDS} LWP/1 boards (PTYs, 115200 baud), ${STORED} parcels stored`);
  const wall = await startBenchWall({ doors: DOORS, boards: BOARDS, baudRate: 115200 });
  try {
    await sleep(quick ? 500 : 2000);
    const idleEmpty = wall.controller.memory();
    let t0 = now();
    const parcels = await wall.storeParcels(STORED, 4);
    const seedS = msSince(t0) / 1000;
    await sleep(quick ? 500 : 3000);
    const idleFull = wall.controller.memory();
    console.log(`${STORED} deposits through the API (4 clerks at once, doors closed by the simulator): ${seedS.toFixed(1)} s, ${(STORED / seedS).toFixed(0)} deposits/s\n`);

    const rows: (string | number)[][] = [['kiosks at once', 'pickups', 'pickups/s', 'p50 ms', 'p99 ms', 'peak RSS during (MB)']];
    const rounds = quick ? [4] : [1, 4, 16];
    let remaining = parcels;
    let peakUnderLoad = 0;
    for (const [i, kiosks] of rounds.entries()) {
      const batch = i === rounds.length - 1 ? remaining : remaining.slice(0, Math.floor(parcels.length / rounds.length));
      remaining = remaining.slice(batch.length);
      let peak = 0;
      const sampler = setInterval(() => (peak = Math.max(peak, wall.controller.memory().rssMb)), 50);
      t0 = now();
      const latencies = await pickupAll(wall.controller.baseUrl, batch, kiosks);
      const seconds = msSince(t0) / 1000;
      clearInterval(sampler);
      peakUnderLoad = Math.max(peakUnderLoad, peak);
      const s = summarise(latencies);
      rows.push([kiosks, batch.length, (batch.length / seconds).toFixed(0), ms(s.p50), ms(s.p99), peak.toFixed(1)]);
      for (const p of batch) await wall.closeDoor(p.door); // collected: the doors close again
      await sleep(500);
    }
    table(rows);
    console.log(`\nthe boards' own ceiling: ${BOARDS} boards × one ${PULSE_MS} ms pulse at a time = ${Math.round((BOARDS * 1000) / PULSE_MS)} opens/s`);
    console.log(`\ncontroller RSS, idle after start (${DOORS} doors, no parcels): ${mb(idleEmpty)} — target < ${IDLE_BUDGET_MB} MB: ${verdict(idleEmpty.rssMb < IDLE_BUDGET_MB)}`);
    console.log(`controller RSS, idle with ${STORED} parcels stored:            ${mb(idleFull)} — target < ${IDLE_BUDGET_MB} MB: ${verdict(idleFull.rssMb < IDLE_BUDGET_MB)}`);
    console.log(`controller RSS, peak under pickup load:                ${peakUnderLoad.toFixed(1)} MB; peak since start (VmHWM) ${wall.controller.memory().peakMb.toFixed(1)} MB`);
  } finally {
    await wall.stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]!).href) {
  try {
    await runPickupThroughput();
  } finally {
    closeConnections();
  }
}
