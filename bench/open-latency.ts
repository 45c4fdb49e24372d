/**
 * OPEN round-trip latency of the lwp driver against the board simulator over a socat PTY pair, at
 * the baud rates LWP/1 supports, beside the time the frames alone take on a real UART
 * (bytes x 10 bits / baud). A PTY does not throttle to the baud rate, so the measured figure is the
 * software overhead (driver, simulator, kernel, socat); on a real line add the wire time.
 *   node --import tsx bench/open-latency.ts [--quick]
 */
import { encodeLine } from '../firmware-protocol/src/encode.ts';
import { createLwpBoard } from '../controller/src/hardware/lwp/lwp-board.ts';
import { opToken } from '../controller/src/hardware/lwp/op-token.ts';
import { startSimulatedLwpBus } from '../controller/src/hardware/lwp/pty-simulator.ts';

const quick = process.argv.includes('--quick');
const iterations = quick ? 20 : 300;
const PULSE_MS = 20;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function measure(baudRate: number): Promise<number[]> {
  const bus = await startSimulatedLwpBus([{ id: 'A', channels: 12 }], { baudRate });
  const board = createLwpBoard({ id: 'A', channels: 12, path: bus.paths.get('A')!, baudRate, heartbeatMs: 60_000 });
  try {
    await board.start();
    const samples: number[] = [];
    for (let i = 0; i < iterations + 5; i++) {
      const t0 = process.hrtime.bigint();
      await board.open((i % 12) + 1, `bench-${baudRate}-${i}`, PULSE_MS);
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      if (i >= 5) samples.push(ms); // the first few warm up the JIT
      await new Promise((r) => setTimeout(r, PULSE_MS + 5)); // let the coil rest, or the board says BUSY
    }
    return samples.sort((a, b) => a - b);
  } finally {
    await board.stop();
    await bus.stop();
  }
}

const op = opToken('bench-115200-123');
const frameBytes =
  encodeLine({ type: 'command', seq: 12345, command: { verb: 'OPEN', channel: 12, op, pulseMs: PULSE_MS, bootId: 'FFFF' } }).length +
  encodeLine({ type: 'reply', seq: 12345, reply: { kind: 'OPENED', channel: 12, op, duplicate: false } }).length;

console.log(`LWP/1 OPEN round trip over a socat PTY, ${iterations} opens per speed (${frameBytes} bytes of frames per open)`);
console.log('baud     p50 ms   p99 ms   wire ms   p50/wire');
for (const baud of [9600, 19200, 115200]) {
  const s = await measure(baud);
  const wire = (frameBytes * 10 * 1000) / baud;
  const p50 = percentile(s, 50);
  const p99 = percentile(s, 99);
  console.log(
    `${String(baud).padEnd(8)} ${p50.toFixed(2).padStart(6)}   ${p99.toFixed(2).padStart(6)}   ${wire.toFixed(2).padStart(7)}   ${(p50 / wire).toFixed(2).padStart(8)}`,
  );
}
console.log('(a PTY does not throttle to the baud rate: on a real UART expect about p50 + wire ms)');
