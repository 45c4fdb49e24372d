import { SerialInput, silentLog, type OpenInputPort, type ReaderLog } from './serial-input.ts';

export interface SerialReaderOptions {
  path: string;
  baudRate?: number;
  log?: ReaderLog;
  openPort?: OpenInputPort;
}

/**
 * What the serial scanner and the badge reader share: the port (reopened while it is missing), the
 * listeners, and the rule that a throwing listener is logged and never stops the reader.
 */
export abstract class SerialReader<Event> {
  protected readonly log: ReaderLog;
  private readonly listeners = new Set<(event: Event) => void>();
  private readonly input: SerialInput;

  constructor(
    private readonly device: 'scanner' | 'badge',
    options: SerialReaderOptions,
  ) {
    this.log = options.log ?? silentLog;
    this.input = new SerialInput({
      name: device === 'scanner' ? 'scanner' : 'badge reader',
      path: options.path,
      baudRate: options.baudRate ?? 9600,
      onData: (chunk) => this.receive(chunk),
      log: this.log,
      ...(options.openPort ? { openPort: options.openPort } : {}),
    });
  }

  /** Opens the port; resolves false (and keeps retrying) when it cannot be opened yet. */
  start(): Promise<boolean> {
    return this.input.start();
  }

  stop(): Promise<void> {
    return this.input.stop();
  }

  get connected(): boolean {
    return this.input.isOpen;
  }

  /** Feed bytes as if they came from the port. */
  abstract receive(chunk: Uint8Array): void;

  protected subscribe(listener: (event: Event) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  protected emit(event: Event): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (err) {
        this.log.warn({ device: this.device, error: String(err) }, `${this.device}: a listener threw`);
      }
    }
  }
}
