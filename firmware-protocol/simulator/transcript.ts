import { BoardSimulator } from './board-simulator.ts';

export interface SessionBoard {
  boardId: string;
  channels: number;
  firmware: string;
}

/**
 * Runs a vectors.json session script against the TS board simulator on a virtual clock and returns
 * what the board did, one entry per line: `< LINE` for a line it sent, `pulse CH OP` for a lock pulse.
 * Script steps: `boot BOOTID`, `> LINE` (LF appended; JSON escapes allow raw bytes), `tick MS`,
 * `close CH`, `force CH`. The C harness (firmware/test/vector_runner.c) speaks the same language.
 */
export function runSession(board: SessionBoard, script: string[]): string[] {
  const out: string[] = [];
  let partial = '';
  let now = 0;
  const sim = new BoardSimulator({
    ...board,
    transmit: (bytes) => {
      partial += bytes.toString('latin1');
      let nl: number;
      while ((nl = partial.indexOf('\n')) >= 0) {
        out.push(`< ${partial.slice(0, nl)}`);
        partial = partial.slice(nl + 1);
      }
    },
    onPulse: (p) => out.push(`pulse ${p.channel} ${p.op}`),
  });
  for (const step of script) {
    const [word, ...rest] = step.split(' ');
    const arg = rest.join(' ');
    if (word === 'boot') sim.boot(now, arg);
    else if (word === '>') sim.receive(Buffer.from(`${arg}\n`, 'latin1'), now);
    else if (word === 'tick') {
      now += Number(arg);
      sim.poll(now);
    } else if (word === 'close') sim.closeDoor(Number(arg), now);
    else if (word === 'force') sim.forceDoor(Number(arg), now);
    else throw new Error(`unknown session step "${step}"`);
  }
  return out;
}
