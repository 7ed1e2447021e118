import { describe, expect, it } from 'vitest';
import { retryDelayMs, socketUrl } from './socket';

describe('socketUrl', () => {
  it('uses wss behind https and ws otherwise, on the host the console came from', () => {
    expect(socketUrl({ protocol: 'https:', host: 'cloud.gov.example' }, '/graphql')).toBe('wss://cloud.gov.example/graphql');
    expect(socketUrl({ protocol: 'http:', host: '127.0.0.1:3000' }, '/graphql')).toBe('ws://127.0.0.1:3000/graphql');
  });
});

describe('retryDelayMs', () => {
  it('doubles from one second up to thirty, within a quarter either way', () => {
    expect(retryDelayMs(0, () => 0.5)).toBe(1000);
    expect(retryDelayMs(3, () => 0.5)).toBe(8000);
    expect(retryDelayMs(10, () => 0.5)).toBe(30_000);
    expect(retryDelayMs(10, () => 0)).toBe(22_500);
    expect(retryDelayMs(10, () => 1)).toBe(37_500);
  });
});
