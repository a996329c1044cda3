import { describe, expect, it } from 'vitest';
import { FhirError } from '../outcome';
import type { Task } from '../types';
import { matchesTaskCriteria, parseTaskCriteria } from './criteria';

const task = (overrides: Partial<Task> = {}): Task => ({
  resourceType: 'Task',
  id: 'a1',
  status: 'completed',
  intent: 'order',
  focus: { reference: 'ServiceRequest/a1' },
  businessStatus: { coding: [{ code: 'completed' }] },
  ...overrides,
});

describe('Subscription criteria on Task', () => {
  it('matches every Task for "Task"', () => {
    expect(matchesTaskCriteria(parseTaskCriteria('Task'), task())).toBe(true);
  });

  it('filters by status, id, focus and business status', () => {
    expect(matchesTaskCriteria(parseTaskCriteria('Task?status=completed,rejected'), task())).toBe(true);
    expect(matchesTaskCriteria(parseTaskCriteria('Task?status=accepted'), task())).toBe(false);
    expect(matchesTaskCriteria(parseTaskCriteria('Task?_id=a1'), task())).toBe(true);
    expect(matchesTaskCriteria(parseTaskCriteria('Task?focus=ServiceRequest/a1'), task())).toBe(true);
    expect(matchesTaskCriteria(parseTaskCriteria('Task?based-on=b2'), task())).toBe(false);
    expect(matchesTaskCriteria(parseTaskCriteria('Task?business-status=x|completed'), task())).toBe(true);
  });

  it('refuses other resource types, unknown parameters and unknown statuses, naming Subscription.criteria', () => {
    for (const criteria of ['Patient', 'Task?owner=Organization/1', 'Task?status=finished', 'Task?status=']) {
      try {
        parseTaskCriteria(criteria);
        expect.fail(`${criteria} was accepted`);
      } catch (error) {
        expect(error).toBeInstanceOf(FhirError);
        expect((error as FhirError).issues[0]!.expression).toEqual(['Subscription.criteria']);
      }
    }
  });
});
