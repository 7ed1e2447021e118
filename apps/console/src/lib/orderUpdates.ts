/**
 * The console's one WebSocket to the API (graphql-ws on /graphql): `orderUpdated` notices tell
 * open pages to re-read the orders they show. Pages poll instead while the socket is down.
 */
import { createClient, type Client } from 'graphql-ws';
import { GRAPHQL_URL } from './apiClient';
import { retryDelayMs, socketUrl } from './socket';
import { getAccessToken } from './session';

export const ORDER_UPDATED_SUBSCRIPTION = `subscription OrderUpdated($orderId: ID, $tenantId: ID) {
  orderUpdated(orderId: $orderId, tenantId: $tenantId) { id tenantId instanceId spaceId status updatedAt }
}`;

export interface OrderNotice {
  id: string;
  tenantId: string;
  instanceId: string | null;
  spaceId: string | null;
  status: string;
  updatedAt: string;
}

let client: Client | null = null;
let live = false;
const liveListeners = new Set<() => void>();
const connectedListeners = new Set<() => void>();

const setLive = (value: boolean) => {
  if (live === value) return;
  live = value;
  liveListeners.forEach((listener) => listener());
};

/** The shared client, made on first use; it connects while something is subscribed. */
export const updatesClient = (): Client => {
  client ??= createClient({
    url: socketUrl(window.location, GRAPHQL_URL),
    lazy: true,
    lazyCloseTimeout: 2_000,
    // Read on every (re)connect, so a refreshed access token is used.
    connectionParams: async () => {
      const token = await getAccessToken();
      return token ? { authorization: `Bearer ${token}` } : {};
    },
    retryAttempts: Number.POSITIVE_INFINITY,
    retryWait: (retries) => new Promise((resolve) => setTimeout(resolve, retryDelayMs(retries))),
    on: {
      connected: () => {
        setLive(true);
        // Subscriptions start only now: a change made since the page read its data (before the
        // first connection, or while the socket was down) sent no notice to it. Catch up once.
        connectedListeners.forEach((listener) => listener());
      },
      closed: () => setLive(false),
    },
  });
  return client;
};

export const isLive = (): boolean => live;

/** For useSyncExternalStore: tells React when the socket comes up or goes down. */
export const onLiveChange = (listener: () => void): (() => void) => {
  liveListeners.add(listener);
  return () => liveListeners.delete(listener);
};

/** Called on every connect (the first one too), when what the page shows may have missed changes. */
export const onConnected = (listener: () => void): (() => void) => {
  connectedListeners.add(listener);
  return () => connectedListeners.delete(listener);
};
