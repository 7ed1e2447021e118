import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useSyncExternalStore } from 'react';
import { isUnauthenticated } from '../lib/graphqlErrors';
import { ORDER_UPDATED_SUBSCRIPTION, isLive, onConnected, onLiveChange, updatesClient, type OrderNotice } from '../lib/orderUpdates';
import { retryDelayMs } from '../lib/socket';

/** Many notices in a burst (an operator's whole platform) cause one re-read. */
const REFRESH_COALESCE_MS = 300;
/** What an order change can move: the order, and the instance or space it makes. */
const AFFECTED_RESOURCES = ['orders', 'instances', 'spaces'];

export interface OrderUpdatesFilter {
  /** Only this order (the server filters). */
  orderId?: string;
  /** Only this tenant's orders (the server filters). */
  tenantId?: string;
  /** Only the orders of this instance; filtered here, so give its tenantId too. */
  instanceId?: string;
  /** Only the orders of this space and of the instances in it; filtered here, so give its tenantId too. */
  spaceId?: string;
}

/** Whether a notice is about what the page asked to follow (the server has applied orderId and tenantId already). */
export const concernsPage = (notice: Pick<OrderNotice, 'instanceId' | 'spaceId'> | undefined, filter: Pick<OrderUpdatesFilter, 'instanceId' | 'spaceId'>): boolean =>
  (!filter.instanceId || notice?.instanceId === filter.instanceId) && (!filter.spaceId || notice?.spaceId === filter.spaceId);

/**
 * Subscribes to `orderUpdated` (one order, one tenant, or all the caller may read) while the page is
 * open and re-reads the orders, instances and spaces it shows on each change that concerns it.
 * Returns whether the socket is up: pages poll only when it is not.
 */
export const useOrderUpdates = (variables: OrderUpdatesFilter = {}, enabled = true): boolean => {
  const queryClient = useQueryClient();
  const live = useSyncExternalStore(onLiveChange, isLive);
  const { orderId, tenantId, instanceId, spaceId } = variables;
  useEffect(() => {
    if (!enabled) return undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const refresh = () => {
      timer ??= setTimeout(() => {
        timer = undefined;
        for (const resource of AFFECTED_RESOURCES) void queryClient.invalidateQueries({ queryKey: [resource] });
      }, REFRESH_COALESCE_MS);
    };
    let stopped = false;
    let unsubscribe = () => {};
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    let failures = 0;
    const subscribe = () => {
      unsubscribe = updatesClient().subscribe(
        { query: ORDER_UPDATED_SUBSCRIPTION, variables: { orderId, tenantId } },
        {
          next: (result) => {
            failures = 0;
            if (concernsPage((result.data as { orderUpdated?: OrderNotice } | null | undefined)?.orderUpdated, { instanceId, spaceId })) refresh();
          },
          // Refused (token expired, session closed) or the socket failed: polling covers it; try again later.
          error: (error) => {
            // The socket's token no longer holds: reconnect, which sends the current (refreshed) one.
            if (isUnauthenticated(Array.isArray(error) ? error : undefined)) updatesClient().terminate();
            if (!stopped) retryTimer = setTimeout(subscribe, retryDelayMs(failures++));
          },
          complete: () => undefined,
        },
      );
      // On a socket that is up already the subscription starts now, after the page read its data:
      // re-read once. The coalescing delay also gives the server time to register the subscription.
      if (isLive()) refresh();
    };
    subscribe();
    const stopCatchUp = onConnected(refresh);
    return () => {
      stopped = true;
      stopCatchUp();
      clearTimeout(timer);
      clearTimeout(retryTimer);
      unsubscribe();
    };
  }, [queryClient, orderId, tenantId, instanceId, spaceId, enabled]);
  return live;
};
