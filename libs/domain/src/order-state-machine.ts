import { OrderStatus } from './enums';

const NEXT_STATUSES: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  [OrderStatus.Submitted]: [OrderStatus.PendingApproval, OrderStatus.Approved, OrderStatus.Rejected, OrderStatus.Cancelled],
  [OrderStatus.PendingApproval]: [OrderStatus.Approved, OrderStatus.Rejected, OrderStatus.Cancelled],
  // A space order the worker cannot place yet (no room, an old namespace still going) stays
  // APPROVED, still cancellable: nothing is applied before the move to PROVISIONING. Each
  // reason it waits with is an event that keeps the status (APPROVED -> APPROVED, by the worker).
  [OrderStatus.Approved]: [OrderStatus.Provisioning, OrderStatus.Cancelled, OrderStatus.Failed],
  [OrderStatus.Provisioning]: [OrderStatus.Completed, OrderStatus.Failed],
  // An operator retries a failed order by approving it again.
  [OrderStatus.Failed]: [OrderStatus.Approved],
  [OrderStatus.Completed]: [],
  [OrderStatus.Rejected]: [],
  [OrderStatus.Cancelled]: [],
};

/** Statuses an order never leaves. FAILED is not one: an operator may retry it. */
export const TERMINAL_ORDER_STATUSES: readonly OrderStatus[] = [
  OrderStatus.Completed,
  OrderStatus.Rejected,
  OrderStatus.Cancelled,
];

export function isTerminalOrderStatus(status: OrderStatus): boolean {
  return TERMINAL_ORDER_STATUSES.includes(status);
}

/** The statuses an order in `from` may move to (empty for terminal statuses). */
export function nextOrderStatuses(from: OrderStatus): readonly OrderStatus[] {
  return NEXT_STATUSES[from];
}

export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  return NEXT_STATUSES[from].includes(to);
}

/** Thrown for a status change the order state machine does not allow; the message names the current status. */
export class InvalidTransitionError extends Error {
  constructor(
    readonly from: OrderStatus,
    readonly to: OrderStatus,
  ) {
    super(InvalidTransitionError.describe(from, to));
    this.name = 'InvalidTransitionError';
  }

  private static describe(from: OrderStatus, to: OrderStatus): string {
    if (from === to) return `order is already ${from}`;
    if (isTerminalOrderStatus(from)) return `order is ${from}; it can no longer be ${to}`;
    return `order is ${from}; it cannot become ${to} from here (next: ${NEXT_STATUSES[from].join(', ')})`;
  }
}

/** Throws InvalidTransitionError unless `from -> to` is allowed. */
export function assertTransition(from: OrderStatus, to: OrderStatus): void {
  if (!canTransition(from, to)) throw new InvalidTransitionError(from, to);
}
