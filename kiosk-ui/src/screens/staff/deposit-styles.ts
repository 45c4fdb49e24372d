import { css } from 'lit';
import { shared } from '../../styles/theme.ts';

export const depositStyles = [
  shared,
  css`
    :host { display: flex; flex-direction: column; padding: 8px 14px; box-sizing: border-box; gap: 8px; }
    header { display: flex; align-items: center; gap: 10px; flex-wrap: wrap; }
    header h1 { font-size: 1.3rem; }
    header .count { margin-left: auto; font-weight: 600; }
    .columns { flex: 1; min-height: 0; display: grid; grid-template-columns: 1.35fr 1fr; grid-template-rows: minmax(0, 1fr); gap: 14px; }
    .form { display: flex; flex-direction: column; gap: 8px; overflow-y: auto; min-height: 0; padding: 4px; }
    .status { background: var(--lw-surface); border-radius: var(--lw-radius); padding: 12px 14px; overflow-y: auto; min-height: 0; display: flex; flex-direction: column; gap: 8px; }
    .status .big { width: 100%; }
    .row { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; }
    .row .label { font-weight: 600; margin-right: 4px; }
    .row button[aria-pressed='true'] { background: var(--lw-primary); color: var(--lw-primary-text); border-color: var(--lw-primary); }
    .recipient { background: var(--lw-surface); border: 2px solid var(--lw-ok); border-radius: var(--lw-radius); padding: 6px 10px; display: flex; gap: 10px; align-items: center; font-size: 1.1rem; }
    .recipient .who { flex: 1; }
    .dept { color: var(--lw-accent); }
    .acc { font-weight: 600; color: var(--lw-accent); }
    .big { min-height: 64px; font-size: 1.25rem; }
    .stored h2 { color: var(--lw-ok); font-size: 1.5rem; }
    .held h2 { color: var(--lw-accent); font-size: 1.3rem; }
    .history { padding-left: 1.3em; margin: 8px 0 0; }
    .small { font-size: 0.9rem; }
    p { margin: 6px 0; }
    @media (max-width: 900px) { header button { padding: 0 10px; font-size: 0.95rem; } header .who { display: none; } header { flex-wrap: nowrap; } header h1 { font-size: 1.15rem; white-space: nowrap; } .count { white-space: nowrap; } }
  `,
];
