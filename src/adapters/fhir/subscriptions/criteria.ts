// Subscription criteria: a FHIR search on Task ("Task", "Task?status=completed,rejected",
// "Task?focus=ServiceRequest/<id>"), parsed once when the Subscription is created and evaluated
// against each new version of a Task. Pure, so every accepted and refused form is unit-tested.
import { invalidElement } from '../outcome';
import type { Task } from '../types';

const taskStatuses = new Set([
  'draft',
  'requested',
  'received',
  'accepted',
  'rejected',
  'ready',
  'cancelled',
  'in-progress',
  'on-hold',
  'failed',
  'completed',
  'entered-in-error',
]);

export type TaskCriteria = {
  statuses?: string[];
  ids?: string[];
  focus?: string[];
  businessStatuses?: string[];
};

export const supportedCriteriaParameters = ['status', '_id', 'focus', 'based-on', 'business-status'];

export function parseTaskCriteria(criteria: string): TaskCriteria {
  const expression = 'Subscription.criteria';
  const [type, query = ''] = criteria.trim().split('?', 2) as [string, string?];
  if (type !== 'Task')
    throw invalidElement(
      expression,
      'Linkwell notifies about Task only: use "Task" or "Task?<search parameters>".',
      'not-supported',
    );
  const result: TaskCriteria = {};
  for (const [name, value] of new URLSearchParams(query)) {
    const values = value
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean);
    if (values.length === 0) throw invalidElement(expression, `Give a value for "${name}".`, 'value');
    switch (name) {
      case 'status':
        for (const status of values)
          if (!taskStatuses.has(status))
            throw invalidElement(expression, `"${status}" is not a Task status.`, 'value');
        result.statuses = values;
        break;
      case '_id':
        result.ids = values;
        break;
      case 'focus':
      case 'based-on':
        result.focus = values.map((item) =>
          item.startsWith('ServiceRequest/') ? item : `ServiceRequest/${item}`,
        );
        break;
      case 'business-status':
        result.businessStatuses = values.map((item) => item.split('|').pop()!);
        break;
      default:
        throw invalidElement(
          expression,
          `"${name}" is not supported in criteria; supported: ${supportedCriteriaParameters.join(', ')}.`,
          'not-supported',
        );
    }
  }
  return result;
}

export function matchesTaskCriteria(criteria: TaskCriteria, task: Task): boolean {
  if (criteria.statuses && !criteria.statuses.includes(task.status)) return false;
  if (criteria.ids && !criteria.ids.includes(task.id ?? '')) return false;
  if (criteria.focus && !criteria.focus.includes(task.focus?.reference ?? '')) return false;
  if (criteria.businessStatuses) {
    const codes = task.businessStatus?.coding?.map((coding) => coding.code) ?? [];
    if (!criteria.businessStatuses.some((code) => codes.includes(code))) return false;
  }
  return true;
}
