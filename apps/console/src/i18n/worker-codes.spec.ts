import { ClusterHealthReasonCode, KubeObjectDetailCode } from '@nprod/domain';
import polyglotI18nProvider from 'ra-i18n-polyglot';
import { describe, expect, it } from 'vitest';
import { nprodEn } from './en';
import { nprodRu } from './ru';

// The console builds these keys from the worker's codes, so the key scan in keys.spec.ts cannot see them.
describe('Kubernetes object detail translations', () => {
  const codes = Object.values(KubeObjectDetailCode);

  it('has every detail code the worker writes, in English and in Russian', () => {
    for (const messages of [nprodEn, nprodRu]) {
      const details: Record<string, unknown> = messages.nprod.kube_objects.detail;
      expect(codes.filter((code) => typeof details[code] !== 'string')).toEqual([]);
    }
  });

  it('pluralises counts in Russian', () => {
    const ru = polyglotI18nProvider(() => nprodRu as never, 'ru');
    expect(ru.translate('nprod.kube_objects.detail.secret_keys', { smart_count: 4 })).toBe('4 ключа');
    expect(ru.translate('nprod.kube_objects.detail.secret_keys', { smart_count: 5 })).toBe('5 ключей');
    expect(ru.translate('nprod.kube_objects.detail.role_binding', { roleKind: 'ClusterRole', role: 'admin', smart_count: 1 })).toBe('ClusterRole admin, 1 субъект');
  });
});

describe('cluster health reason translations', () => {
  it('has every code but OTHER (whose English reason is all there is), in English and in Russian', () => {
    const codes = Object.values(ClusterHealthReasonCode).filter((code) => code !== ClusterHealthReasonCode.Other);
    for (const messages of [nprodEn, nprodRu]) {
      const reasons: Record<string, unknown> = messages.resources.clusters.health_reasons;
      expect(codes.filter((code) => typeof reasons[code] !== 'string')).toEqual([]);
    }
  });
});
