import { createServer, type Server } from 'node:net';
import { rmSync } from 'node:fs';
import type { BoardSimulator, Faults } from './board-simulator.ts';

/**
 * Control interface of the simulator CLI: one JSON object per line on a unix socket, one JSON
 * answer per line. Requests: {"cmd":"close","channel":5} {"cmd":"force","channel":5}
 * {"cmd":"faults","faults":{"dropReplies":1}} {"cmd":"clear-faults"} {"cmd":"reset"}
 * {"cmd":"state"} {"cmd":"pulses"}. Answers: {"ok":true,...} or {"ok":false,"error":"..."}.
 */
export function serveControl(board: BoardSimulator, socketPath: string): Promise<Server> {
  rmSync(socketPath, { force: true });
  const server = createServer((socket) => {
    let buffer = '';
    socket.on('error', () => {});
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      if (buffer.length > 65536) return socket.destroy();
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl).trim();
        buffer = buffer.slice(nl + 1);
        if (line) socket.write(`${JSON.stringify(answer(board, line))}\n`);
      }
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, () => resolve(server));
  });
}

function answer(board: BoardSimulator, line: string): Record<string, unknown> {
  try {
    const req = JSON.parse(line) as { cmd?: string; channel?: number; faults?: Partial<Faults> };
    switch (req.cmd) {
      case 'close':
        board.closeDoor(Number(req.channel));
        return { ok: true };
      case 'force':
        board.forceDoor(Number(req.channel));
        return { ok: true };
      case 'faults':
        board.setFaults(req.faults ?? {});
        return { ok: true, faults: board.faults };
      case 'clear-faults':
        board.clearFaults();
        return { ok: true };
      case 'reset':
        board.boot();
        return { ok: true, bootId: board.bootId };
      case 'state':
        return { ok: true, bootId: board.bootId, pulses: board.pulses.length, faults: board.faults };
      case 'pulses':
        return { ok: true, pulses: board.pulses };
      default:
        return { ok: false, error: `unknown cmd ${JSON.stringify(req.cmd)}; use close, force, faults, clear-faults, reset, state, pulses` };
    }
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}
