import type { RepairId } from '../repairs/repair-ids';

/**
 * A test-only stand-in for the repair engine (which lives elsewhere), written from the repair
 * descriptions in repair-ids.ts: what each repair does to a value.
 */
export function undoRepairable(repair: RepairId, value: string): string {
  switch (repair) {
    case 'code.trim_upper':
      return value.trim().toUpperCase();
    case 'icd10cm.restore_dot':
      return value.length > 3 && !value.includes('.') ? `${value.slice(0, 3)}.${value.slice(3)}` : value;
    case 'date.normalize': {
      const us = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(value);
      if (us) return `${us[3]}-${us[1]}-${us[2]}`;
      const compact = /^(\d{4})(\d{2})(\d{2})$/.exec(value);
      return compact ? `${compact[1]}-${compact[2]}-${compact[3]}` : value;
    }
    case 'amount.normalize':
      return value.replace(/^\$/, '').replace(/,/g, '');
  }
}
