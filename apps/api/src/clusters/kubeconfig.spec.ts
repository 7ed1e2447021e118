import { load as parseYaml } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { AppException } from '../common/app-exception';
import { checkKubeconfig, kubeconfigForToken } from './kubeconfig';

const KUBECONFIG = `apiVersion: v1
kind: Config
clusters:
- name: kz
  cluster:
    server: https://k8s.almaty.gov.kz:6443/
    certificate-authority-data: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0t
users:
- name: worker
  user:
    token: secret-token
contexts:
- name: kz
  context: { cluster: kz, user: worker }
current-context: kz
`;

function refusal(run: () => unknown): { field: unknown; message: string } {
  try {
    run();
  } catch (error) {
    if (error instanceof AppException) return { field: error.details.field, message: error.message };
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('checkKubeconfig', () => {
  it('accepts a flattened kubeconfig and reports its server', () => {
    expect(checkKubeconfig(KUBECONFIG)).toEqual({ yaml: KUBECONFIG, server: 'https://k8s.almaty.gov.kz:6443' });
  });

  it.each([
    ['not YAML', 'clusters: [', 'not valid YAML'],
    ['a list', '- a\n- b', 'must be a YAML mapping'],
    ['no current context', KUBECONFIG.replace('current-context: kz', ''), 'no current-context'],
    ['a current context that is not defined', KUBECONFIG.replace('current-context: kz', 'current-context: other'), '"other" is not among its contexts'],
    ['an undefined cluster', KUBECONFIG.replace('cluster: kz, user', 'cluster: nope, user'), 'names cluster "nope"'],
    ['a cluster without a server', KUBECONFIG.replace('    server: https://k8s.almaty.gov.kz:6443/\n', ''), 'has no server address'],
    ['an undefined user', KUBECONFIG.replace('user: worker }', 'user: ghost }'), 'names user "ghost"'],
    ['a user without credentials', KUBECONFIG.replace('token: secret-token', 'username: only'), 'has no credentials'],
    ['a file reference', KUBECONFIG.replace('token: secret-token', 'client-certificate: /home/me/cert.pem\n    client-key-data: a2V5'), 'embed the content as client-certificate-data'],
    ['an exec plugin', KUBECONFIG.replace('token: secret-token', 'exec: { command: aws }'), 'exec plugin'],
  ])('refuses %s on the kubeconfig field', (_name, text, message) => {
    expect(refusal(() => checkKubeconfig(text))).toEqual({ field: 'kubeconfig', message: expect.stringContaining(message) });
  });
});

describe('kubeconfigForToken', () => {
  const ca = Buffer.from('-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n').toString('base64');

  it('builds a kubeconfig the same checks accept, with the CA when given', () => {
    const built = kubeconfigForToken('https://k8s.astana.gov.kz:6443', 'eyJhbGciOiJSUzI1NiJ9.token', ca);
    expect(checkKubeconfig(built.yaml).server).toBe('https://k8s.astana.gov.kz:6443');
    expect(parseYaml(built.yaml)).toMatchObject({ clusters: [{ cluster: { 'certificate-authority-data': ca } }], users: [{ user: { token: 'eyJhbGciOiJSUzI1NiJ9.token' } }] });
  });

  it('sends tokens over https only, and checks the token and CA', () => {
    expect(refusal(() => kubeconfigForToken('http://10.0.0.1:6443', 'eyJhbGciOiJSUzI1NiJ9.token', undefined)).field).toBe('apiUrl');
    expect(refusal(() => kubeconfigForToken('not a url', 'eyJhbGciOiJSUzI1NiJ9.token', undefined)).field).toBe('apiUrl');
    expect(refusal(() => kubeconfigForToken('https://k8s', 'two words here', undefined)).field).toBe('token');
    expect(refusal(() => kubeconfigForToken('https://k8s', 'eyJhbGciOiJSUzI1NiJ9.token', 'bm90IGEgY2VydA==')).field).toBe('caData');
  });
});
