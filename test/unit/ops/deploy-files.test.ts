import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const DEPLOY = join(import.meta.dirname, '../../../docs/deploy');
const unitText = readFileSync(join(DEPLOY, 'lockerwall.service'), 'utf8');

/** [Service] settings as key → every value given (keys such as DeviceAllow repeat). */
function serviceSettings(text: string): Map<string, string[]> {
  const section = text.split(/^\[Service\]$/m)[1]!.split(/^\[/m)[0]!;
  const settings = new Map<string, string[]>();
  for (const line of section.split('\n')) {
    const m = /^([A-Za-z]+)=(.*)$/.exec(line.trim());
    if (m) settings.set(m[1]!, [...(settings.get(m[1]!) ?? []), m[2]!]);
  }
  return settings;
}

const has = (tool: string) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;

describe('docs/deploy/lockerwall.service', () => {
  const s = serviceSettings(unitText);
  const one = (key: string) => s.get(key)?.at(-1);

  it('is a notify service with a watchdog, restarted always', () => {
    expect(one('Type')).toBe('notify');
    expect(one('NotifyAccess')).toBe('all'); // the notifications come from a systemd-notify child
    expect(one('WatchdogSec')).toMatch(/^\d+s$/);
    expect(one('Restart')).toBe('always');
    expect(unitText).toMatch(/^StartLimitIntervalSec=0$/m);
  });

  it('runs as a non-root user in dialout and gpio', () => {
    expect(one('User')).toBe('lockerwall');
    expect(one('SupplementaryGroups')!.split(/\s+/)).toEqual(expect.arrayContaining(['dialout', 'gpio']));
  });

  it('is hardened: read-only system but the data folder, no new privileges, private /tmp, no capabilities', () => {
    expect(one('ProtectSystem')).toBe('strict');
    expect(s.get('ReadWritePaths')).toContain('/var/lib/lockerwall');
    expect(s.get('Environment')).toContain('LOCKERWALL_DATA_DIR=/var/lib/lockerwall');
    expect(one('NoNewPrivileges')).toBe('yes');
    expect(one('PrivateTmp')).toBe('yes');
    expect(one('ProtectHome')).toBe('yes');
    expect(one('CapabilityBoundingSet')).toBe('');
    expect(one('DevicePolicy')).toBe('closed');
    expect(s.get('DeviceAllow')).toEqual(expect.arrayContaining(['char-ttyUSB rw', 'char-gpiochip rw']));
    expect(one('UMask')).toBe('0077');
  });

  it.skipIf(!has('systemd-analyze'))('passes systemd-analyze verify without a warning', () => {
    const result = spawnSync('systemd-analyze', ['verify', join(DEPLOY, 'lockerwall.service')], { encoding: 'utf8' });
    const warnings = result.stderr
      .split('\n')
      .filter(Boolean)
      // outside a booted systemd (CI containers) verify cannot reach the manager; that is not the unit's fault
      .filter((l) => !/System has not been booted|Failed to connect to bus|not been booted with systemd/.test(l));
    expect(warnings).toEqual([]);
  });
});

describe('docs/deploy/99-lockerwall-serial.rules', () => {
  it('gives every serial rule the dialout group and a lockerwall/ name', () => {
    const rules = readFileSync(join(DEPLOY, '99-lockerwall-serial.rules'), 'utf8')
      .split('\n')
      .filter((l) => l.trim() && !l.startsWith('#'));
    const tty = rules.filter((r) => r.includes('SUBSYSTEM=="tty"'));
    expect(tty.length).toBeGreaterThan(0);
    for (const rule of tty) {
      expect(rule).toMatch(/SYMLINK\+="lockerwall\/[a-z-]+"/);
      expect(rule).toMatch(/GROUP="dialout", MODE="0660"/);
    }
    for (const rule of rules) for (const part of rule.split(', ')) expect(part).toMatch(/^[A-Z_]+(\{[A-Za-z_]+\})?(==|\+=|=)"[^"]*"$/);
  });
});

describe('docs/deploy/kiosk-autostart.sh', () => {
  const script = join(DEPLOY, 'kiosk-autostart.sh');

  it('is executable and valid POSIX shell', () => {
    expect(statSync(script).mode & 0o111).not.toBe(0);
    expect(spawnSync('sh', ['-n', script]).status).toBe(0);
  });

  it('opens Chromium in kiosk mode on the local controller', () => {
    const text = readFileSync(script, 'utf8');
    expect(text).toMatch(/--kiosk "\$URL"/);
    expect(text).toMatch(/http:\/\/127\.0\.0\.1:8080\//);
    expect(text).toMatch(/--noerrdialogs/);
  });
});
