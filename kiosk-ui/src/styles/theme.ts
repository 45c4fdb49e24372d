import { css } from 'lit';

/**
 * Colours as custom properties on `lw-app`, so they cross every shadow root;
 * `lw-app[contrast]` swaps in the high-contrast set. All text pairs are ≥ 4.5:1 (WCAG 2.2 AA).
 */
export const themeTokens = css`
  :host {
    --lw-bg: #0f1b2d;
    --lw-surface: #1a2a42;
    --lw-surface-2: #243857;
    --lw-border: #5d7391;
    --lw-text: #f5f7fa;
    --lw-muted: #c3cedc;
    --lw-primary: #1f65c4;
    --lw-primary-text: #ffffff;
    --lw-accent: #ffd23f;
    --lw-accent-text: #111111;
    --lw-ok: #4ade80;
    --lw-danger: #ff8a8a;
    --lw-danger-bg: #7a1020;
    --lw-focus: #ffd23f;
    --lw-radius: 12px;
  }
  :host([contrast]) {
    --lw-bg: #000000;
    --lw-surface: #000000;
    --lw-surface-2: #1a1a1a;
    --lw-border: #ffffff;
    --lw-text: #ffffff;
    --lw-muted: #ffffff;
    --lw-primary: #ffff00;
    --lw-primary-text: #000000;
    --lw-accent: #00ffff;
    --lw-accent-text: #000000;
    --lw-ok: #00ff66;
    --lw-danger: #ff6666;
    --lw-danger-bg: #000000;
  }
`;

/** Buttons and headings every screen shares. Touch targets are ≥ 48 px (WCAG 2.5.8 asks 24, kiosks want more). */
export const shared = css`
  :host { color: var(--lw-text); }
  button {
    font: inherit;
    min-height: 48px;
    min-width: 48px;
    padding: 0 18px;
    border-radius: var(--lw-radius);
    border: 2px solid var(--lw-border);
    background: var(--lw-surface-2);
    color: var(--lw-text);
    font-size: 1.05rem;
    cursor: pointer;
    touch-action: manipulation;
  }
  button.primary { background: var(--lw-primary); color: var(--lw-primary-text); border-color: var(--lw-primary); font-weight: 600; }
  button.danger { border-color: var(--lw-danger); color: var(--lw-danger); background: transparent; }
  button:active { transform: scale(0.97); filter: brightness(1.2); }
  button:disabled { opacity: 0.55; cursor: default; }
  button:focus-visible, input:focus-visible { outline: 4px solid var(--lw-focus); outline-offset: 2px; }
  input {
    font: inherit;
    font-size: 1.15rem;
    min-height: 52px;
    box-sizing: border-box;
    width: 100%;
    padding: 0 14px;
    border-radius: var(--lw-radius);
    border: 2px solid var(--lw-border);
    background: var(--lw-bg);
    color: var(--lw-text);
  }
  h1, h2, h3 { margin: 0; line-height: 1.25; }
  .error {
    background: var(--lw-danger-bg);
    border: 2px solid var(--lw-danger);
    color: var(--lw-text);
    border-radius: var(--lw-radius);
    padding: 10px 14px;
    font-size: 1.05rem;
  }
  .muted { color: var(--lw-muted); }
  .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
`;
