import { badRequest } from './kube-status';

export type LabelRequirement =
  | { key: string; operator: 'equals' | 'not-equals'; value: string }
  | { key: string; operator: 'in' | 'notin'; values: string[] }
  | { key: string; operator: 'exists' | 'not-exists' };

/** Splits on commas that are not inside `in (...)` value lists. */
function splitTopLevel(selector: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const character of selector) {
    if (character === '(') depth += 1;
    if (character === ')') depth -= 1;
    if (character === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else {
      current += character;
    }
  }
  parts.push(current);
  return parts.map((part) => part.trim()).filter((part) => part.length > 0);
}

const SET_REQUIREMENT = /^([^\s!=()]+)\s+(in|notin)\s*\(([^)]*)\)$/;
const EQUALITY_REQUIREMENT = /^([^\s!=()]+)\s*(==|=|!=)\s*([^\s!=(),]*)$/;
const KEY = /^[^\s!=(),]+$/;

/** Parses a label selector (`a=b,c!=d,e in (f,g),h notin (i),j,!k`); throws 400 like the real server on bad syntax. */
export function parseLabelSelector(selector: string): LabelRequirement[] {
  return splitTopLevel(selector).map((term): LabelRequirement => {
    const set = SET_REQUIREMENT.exec(term);
    if (set) {
      const values = set[3].split(',').map((value) => value.trim()).filter((value) => value.length > 0);
      return { key: set[1], operator: set[2] === 'in' ? 'in' : 'notin', values };
    }
    const equality = EQUALITY_REQUIREMENT.exec(term);
    if (equality) return { key: equality[1], operator: equality[2] === '!=' ? 'not-equals' : 'equals', value: equality[3] };
    if (term.startsWith('!') && KEY.test(term.slice(1).trim())) return { key: term.slice(1).trim(), operator: 'not-exists' };
    if (KEY.test(term)) return { key: term, operator: 'exists' };
    throw badRequest(`unable to parse requirement: found '${term}', expected: in, notin, =, ==, !=, gt, lt`);
  });
}

export function labelsMatch(requirements: readonly LabelRequirement[], labels: Readonly<Record<string, string>>): boolean {
  return requirements.every((requirement) => {
    const present = Object.prototype.hasOwnProperty.call(labels, requirement.key);
    const value = labels[requirement.key];
    switch (requirement.operator) {
      case 'equals':
        return present && value === requirement.value;
      case 'not-equals':
        return !present || value !== requirement.value;
      case 'in':
        return present && requirement.values.includes(value);
      case 'notin':
        return !present || !requirement.values.includes(value);
      case 'exists':
        return present;
      case 'not-exists':
        return !present;
    }
  });
}

export interface FieldRequirement {
  field: 'metadata.name' | 'metadata.namespace';
  negated: boolean;
  value: string;
}

const FIELD_TERM = /^([^\s!=]+)\s*(==|=|!=)\s*(.*)$/;

/** Parses a field selector; only `metadata.name` and `metadata.namespace` are supported, as for most real resources. */
export function parseFieldSelector(selector: string): FieldRequirement[] {
  return selector
    .split(',')
    .map((term) => term.trim())
    .filter((term) => term.length > 0)
    .map((term) => {
      const match = FIELD_TERM.exec(term);
      if (!match) throw badRequest(`invalid selector: '${term}'; can't understand '${term}'`);
      const field = match[1];
      if (field !== 'metadata.name' && field !== 'metadata.namespace') throw badRequest(`field label not supported: ${field}`);
      return { field, negated: match[2] === '!=', value: match[3].trim() };
    });
}

export function fieldsMatch(requirements: readonly FieldRequirement[], fields: { name: string; namespace: string }): boolean {
  return requirements.every((requirement) => {
    const actual = requirement.field === 'metadata.name' ? fields.name : fields.namespace;
    return requirement.negated ? actual !== requirement.value : actual === requirement.value;
  });
}
