import { svg } from 'lit';

/** A staff badge, drawn (emoji badges are missing from many kiosk font sets). */
export const badgeIcon = (size = 44) => svg`<svg width=${size} height=${size} viewBox="0 0 24 24" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="1.6">
  <rect x="4" y="3" width="16" height="18" rx="2"/><circle cx="12" cy="10" r="3"/><path d="M7.5 17c1-2.2 2.6-3 4.5-3s3.5.8 4.5 3"/></svg>`;
