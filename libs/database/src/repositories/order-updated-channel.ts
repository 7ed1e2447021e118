import type { OrderStatus } from '@nprod/domain';

/** The NOTIFY channel the orders trigger (migration AddOrderUpdatedNotify) sends on, at commit. */
export const ORDER_UPDATED_CHANNEL = 'order_updated';

/** What the trigger sends: just enough to route the change; the order itself is re-read by whoever may see it. */
export interface OrderUpdatedNotice {
  orderId: string;
  tenantId: string;
  status: OrderStatus;
}

/** The notice in a NOTIFY payload, or null when the payload is not one (nothing to route). */
export function parseOrderUpdatedNotice(payload: string | undefined): OrderUpdatedNotice | null {
  if (!payload) return null;
  try {
    const value = JSON.parse(payload) as Partial<OrderUpdatedNotice>;
    return typeof value.orderId === 'string' && typeof value.tenantId === 'string' && typeof value.status === 'string'
      ? { orderId: value.orderId, tenantId: value.tenantId, status: value.status }
      : null;
  } catch {
    return null;
  }
}
