import { css } from 'lit';
import { shared } from '../../styles/theme.ts';

/** The send flow's form look: labelled fields in a grid, choice buttons that show which one is picked. */
export const sendStyles = [
  shared,
  css`
    .fields { display: grid; grid-template-columns: 1fr 1fr; gap: 6px 14px; }
    .field { display: flex; flex-direction: column; gap: 2px; min-width: 0; }
    label, .label { font-weight: 600; font-size: 1rem; }
    .optional { font-weight: 400; color: var(--lw-muted); font-size: 0.9rem; }
    select {
      font: inherit; font-size: 1.15rem; min-height: 52px; width: 100%; box-sizing: border-box; padding: 0 10px;
      border-radius: var(--lw-radius); border: 2px solid var(--lw-border); background: var(--lw-bg); color: var(--lw-text);
    }
    select:focus-visible { outline: 4px solid var(--lw-focus); outline-offset: 2px; }
    [aria-invalid='true'] { border-color: var(--lw-danger); }
    .choices { display: grid; grid-template-columns: repeat(auto-fit, minmax(160px, 1fr)); gap: 8px; }
    .choices button { min-height: 64px; text-align: left; padding: 6px 14px; display: flex; flex-direction: column; justify-content: center; }
    .choices button small { font-size: 0.85rem; color: var(--lw-muted); font-weight: 400; }
    button[aria-pressed='true'] { background: var(--lw-primary); color: var(--lw-primary-text); border-color: var(--lw-primary); }
    button[aria-pressed='true'] small { color: var(--lw-primary-text); }
    .row { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; }
  `,
];
