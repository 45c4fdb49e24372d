import type { ReactiveController, ReactiveControllerHost } from 'lit';

export type KeypadKey = '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9' | 'back' | 'clear' | 'ok';

export interface KeypadOptions {
  maxLength: number;
  /** Runs on OK, or as soon as `maxLength` digits are in when `submitWhenFull` is set. */
  onSubmit(value: string): void;
  submitWhenFull?: boolean;
}

/** The digits typed on an on-screen keypad: a code or a PIN. */
export class KeypadController implements ReactiveController {
  value = '';

  constructor(private readonly host: ReactiveControllerHost, private readonly options: KeypadOptions) {
    host.addController(this);
  }

  hostConnected(): void {}

  press(key: KeypadKey): void {
    if (key === 'back') this.value = this.value.slice(0, -1);
    else if (key === 'clear') this.value = '';
    else if (key === 'ok') {
      if (this.value) this.options.onSubmit(this.value);
    } else if (this.value.length < this.options.maxLength) {
      this.value += key;
      if (this.options.submitWhenFull && this.value.length === this.options.maxLength) {
        this.options.onSubmit(this.value);
      }
    }
    this.host.requestUpdate();
  }

  clear(): void {
    this.value = '';
    this.host.requestUpdate();
  }
}
