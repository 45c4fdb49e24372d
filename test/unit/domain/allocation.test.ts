import { describe, expect, it } from 'vitest';
import { chooseDoor } from '../../../controller/src/domain/allocation.ts';
import { DomainError, type DoorState } from '../../../controller/src/domain/types.ts';

function door(id: string, size: DoorState['size'], extra: Partial<DoorState> = {}): DoorState {
  return { id, size, board: 'A', channel: Number(id), column: 0, row: 0, accessible: false, secure: false, enabled: true, open: false, locked: true, fault: null, ...extra };
}

const wall = [door('1', 'S'), door('2', 'M'), door('3', 'L'), door('4', 'XL'), door('5', 'S', { accessible: true }), door('6', 'M', { secure: true })];

describe('chooseDoor', () => {
  it('picks the smallest free door that fits', () => {
    expect(chooseDoor(wall, new Set(), { size: 'S', needsAccessibleDoor: false, needsSecureDoor: false }).id).toBe('1');
    expect(chooseDoor(wall, new Set(), { size: 'M', needsAccessibleDoor: false, needsSecureDoor: false }).id).toBe('2');
  });

  it('moves up a size when the fitting size is full', () => {
    expect(chooseDoor(wall, new Set(['1', '5']), { size: 'S', needsAccessibleDoor: false, needsSecureDoor: false }).id).toBe('2');
  });

  it('keeps accessible and secure doors of the same size for those who need them', () => {
    const row = [door('7', 'S', { accessible: true }), door('8', 'S', { secure: true }), door('9', 'S')];
    expect(chooseDoor(row, new Set(), { size: 'S', needsAccessibleDoor: false, needsSecureDoor: false }).id).toBe('9');
    // accessible doors are spared before secure ones: a person's reach cannot wait for a door to free up
    expect(chooseDoor(row, new Set(['9']), { size: 'S', needsAccessibleDoor: false, needsSecureDoor: false }).id).toBe('8');
  });

  it('prefers the smallest fitting size over saving a special door', () => {
    expect(chooseDoor(wall, new Set(['1']), { size: 'S', needsAccessibleDoor: false, needsSecureDoor: false }).id).toBe('5');
  });

  it('gives an accessible door to a recipient who needs one', () => {
    expect(chooseDoor(wall, new Set(), { size: 'S', needsAccessibleDoor: true, needsSecureDoor: false }).id).toBe('5');
  });

  it('gives a secure door to a confidential item', () => {
    expect(chooseDoor(wall, new Set(), { size: 'S', needsAccessibleDoor: false, needsSecureDoor: true }).id).toBe('6');
  });

  it('skips disabled, faulty and open doors', () => {
    const broken = [door('1', 'S', { enabled: false }), door('2', 'S', { fault: 'did_not_open' }), door('3', 'S', { open: true }), door('4', 'S')];
    expect(chooseDoor(broken, new Set(), { size: 'S', needsAccessibleDoor: false, needsSecureDoor: false }).id).toBe('4');
  });

  it('prefers a dedicated door', () => {
    expect(chooseDoor(wall, new Set(), { size: 'S', needsAccessibleDoor: false, needsSecureDoor: false, preferredDoorIds: ['3'] }).id).toBe('3');
  });

  it('says clearly when nothing fits', () => {
    let error: unknown;
    try {
      chooseDoor(wall, new Set(['4']), { size: 'XL', needsAccessibleDoor: false, needsSecureDoor: false });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('no_free_door');
    expect((error as DomainError).message).toContain('XL');
  });
});
