import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OrderStatus } from './enums';
import {
  InvalidTransitionError,
  TERMINAL_ORDER_STATUSES,
  assertTransition,
  canTransition,
  isTerminalOrderStatus,
  nextOrderStatuses,
} from './order-state-machine';

const ALL_STATUSES = Object.values(OrderStatus);
const status = fc.constantFrom(...ALL_STATUSES);

describe('order state machine', () => {
  it.each([
    [OrderStatus.Submitted, OrderStatus.PendingApproval],
    [OrderStatus.Submitted, OrderStatus.Approved],
    [OrderStatus.Submitted, OrderStatus.Rejected],
    [OrderStatus.Submitted, OrderStatus.Cancelled],
    [OrderStatus.PendingApproval, OrderStatus.Approved],
    [OrderStatus.PendingApproval, OrderStatus.Rejected],
    [OrderStatus.PendingApproval, OrderStatus.Cancelled],
    [OrderStatus.Approved, OrderStatus.Provisioning],
    [OrderStatus.Approved, OrderStatus.Cancelled],
    [OrderStatus.Approved, OrderStatus.Failed],
    [OrderStatus.Provisioning, OrderStatus.Completed],
    [OrderStatus.Provisioning, OrderStatus.Failed],
    [OrderStatus.Failed, OrderStatus.Approved],
  ])('allows %s -> %s', (from, to) => {
    expect(canTransition(from, to)).toBe(true);
    expect(() => assertTransition(from, to)).not.toThrow();
  });

  it('allows nothing else', () => {
    const allowed = ALL_STATUSES.flatMap((from) => ALL_STATUSES.filter((to) => canTransition(from, to)).map((to) => `${from}->${to}`));
    expect(allowed).toHaveLength(13);
  });

  it('explains a refused transition with the current status', () => {
    expect(() => assertTransition(OrderStatus.Completed, OrderStatus.Cancelled)).toThrow(
      'order is COMPLETED; it can no longer be CANCELLED',
    );
    expect(() => assertTransition(OrderStatus.Submitted, OrderStatus.Completed)).toThrow(
      'order is SUBMITTED; it cannot become COMPLETED from here (next: PENDING_APPROVAL, APPROVED, REJECTED, CANCELLED)',
    );
    expect(() => assertTransition(OrderStatus.Approved, OrderStatus.Approved)).toThrow('order is already APPROVED');
  });

  it('throws an InvalidTransitionError carrying both statuses', () => {
    const error = (() => {
      try {
        assertTransition(OrderStatus.Rejected, OrderStatus.Approved);
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(InvalidTransitionError);
    expect(error).toMatchObject({ from: OrderStatus.Rejected, to: OrderStatus.Approved, name: 'InvalidTransitionError' });
  });

  it('never leaves a terminal status', () => {
    expect(TERMINAL_ORDER_STATUSES).toEqual([OrderStatus.Completed, OrderStatus.Rejected, OrderStatus.Cancelled]);
    fc.assert(
      fc.property(fc.constantFrom(...TERMINAL_ORDER_STATUSES), status, (from, to) => {
        expect(canTransition(from, to)).toBe(false);
        expect(() => assertTransition(from, to)).toThrow(InvalidTransitionError);
      }),
    );
  });

  it('only terminal statuses have no way out', () => {
    for (const from of ALL_STATUSES) {
      expect(nextOrderStatuses(from).length === 0).toBe(isTerminalOrderStatus(from));
    }
  });

  it('every path from SUBMITTED ends in a terminal status or FAILED, within four steps', () => {
    // Choices are indexes into the allowed next statuses; a walk stops at a terminal status
    // or at FAILED, whose only way on is an operator retry that starts a new attempt.
    fc.assert(
      fc.property(fc.array(fc.nat(), { minLength: 10, maxLength: 10 }), (choices) => {
        let current: OrderStatus = OrderStatus.Submitted;
        let steps = 0;
        while (!isTerminalOrderStatus(current) && current !== OrderStatus.Failed) {
          const next = nextOrderStatuses(current);
          current = next[choices[steps] % next.length];
          steps += 1;
        }
        expect(steps).toBeLessThanOrEqual(4);
      }),
    );
  });

  it('a terminal status stays reachable wherever a walk, retries included, has got to', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(), { minLength: 1, maxLength: 40 }), (choices) => {
        let current: OrderStatus = OrderStatus.Submitted;
        for (const choice of choices) {
          const next = nextOrderStatuses(current);
          if (next.length === 0) break;
          const to = next[choice % next.length];
          assertTransition(current, to);
          current = to;
        }
        const reachable = new Set<OrderStatus>([current]);
        for (const from of reachable) for (const to of nextOrderStatuses(from)) reachable.add(to);
        expect(TERMINAL_ORDER_STATUSES.some((terminal) => reachable.has(terminal))).toBe(true);
      }),
    );
  });
});
