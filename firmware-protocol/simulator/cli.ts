import { parseArgs } from 'node:util';
import { SerialBoardSimulator } from './serial-board.ts';
import { serveControl } from './control.ts';

const usage = `LWP/1 lock-board simulator
  node --import tsx firmware-protocol/simulator/cli.ts --port /dev/pts/X [--channels 12] [--board-id A]
       [--baud 115200] [--pulse-log pulses.jsonl] [--control /tmp/board-a.sock] [--auto-close-ms 0] [--boot-id 3F2A]`;

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    channels: { type: 'string', default: '12' },
    'board-id': { type: 'string', default: 'A' },
    baud: { type: 'string', default: '115200' },
    'pulse-log': { type: 'string' },
    control: { type: 'string' },
    'auto-close-ms': { type: 'string', default: '0' },
    'boot-id': { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});

const channels = Number(values.channels);
if (values.help || !values.port || !Number.isInteger(channels) || channels < 1 || channels > 128) {
  console.error(usage);
  process.exit(values.help ? 0 : 2);
}

const sim = new SerialBoardSimulator({
  path: values.port,
  baudRate: Number(values.baud),
  channels,
  boardId: values['board-id']!,
  autoCloseMs: Number(values['auto-close-ms']),
  ...(values['pulse-log'] ? { pulseLog: values['pulse-log'] } : {}),
  ...(values['boot-id'] ? { bootId: values['boot-id'] } : {}),
});

try {
  await sim.start();
} catch (err) {
  console.error(`cannot open ${values.port}: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
const control = values.control ? await serveControl(sim.board, values.control) : null;
console.log(`board ${values['board-id']} (${channels} channels) on ${values.port}${control ? `, control on ${values.control}` : ''}`);

const shutdown = async () => {
  control?.close();
  await sim.stop();
  process.exit(0);
};
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
