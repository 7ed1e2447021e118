import { dump as toYaml, load as parseYaml } from 'js-yaml';
import { AppException } from '../common/app-exception';

/** What the API learns from a kubeconfig it accepts (it never connects: only the worker talks to clusters). */
export interface CheckedKubeconfig {
  /** The kubeconfig as the worker will load it. */
  yaml: string;
  /** The API server address of the current context's cluster. */
  server: string;
}

type Named = { name?: unknown; [key: string]: unknown };

const FILE_REFERENCES: Record<string, string> = {
  'certificate-authority': 'certificate-authority-data',
  'client-certificate': 'client-certificate-data',
  'client-key': 'client-key-data',
  tokenFile: 'token',
};

const asRecord = (value: unknown): Record<string, unknown> | undefined =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;

function entry(list: unknown, name: string): Record<string, unknown> | undefined {
  if (!Array.isArray(list)) return undefined;
  return (list as Named[]).find((item) => item?.name === name) as Record<string, unknown> | undefined;
}

function checkServer(field: string, value: unknown): string {
  let url: URL;
  try {
    url = new URL(String(value ?? ''));
  } catch {
    throw AppException.badInput(field, `The API server address must be a URL such as https://k8s.almaty.gov.kz:6443, got "${String(value ?? '')}".`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw AppException.badInput(field, `The API server address must start with https://, got "${url.protocol}".`);
  return url.toString().replace(/\/$/, '');
}

/**
 * Checks a pasted kubeconfig: YAML with a current context whose cluster (with a server) and
 * user (with credentials the worker can use on its own) exist. Files on the API's disk and
 * exec plugins cannot travel to the worker, so they are refused with what to use instead.
 */
export function checkKubeconfig(text: string): CheckedKubeconfig {
  let document: unknown;
  try {
    document = parseYaml(text);
  } catch (error) {
    throw AppException.badInput('kubeconfig', `The kubeconfig is not valid YAML: ${(error as Error).message.split('\n')[0]}`);
  }
  const config = asRecord(document);
  if (!config) throw AppException.badInput('kubeconfig', 'The kubeconfig must be a YAML mapping (apiVersion: v1, kind: Config, clusters, users, contexts, current-context).');
  const currentContext = config['current-context'];
  if (typeof currentContext !== 'string' || currentContext === '') {
    throw AppException.badInput('kubeconfig', 'The kubeconfig has no current-context; set current-context to the context the platform should use.');
  }
  const context = asRecord(entry(config.contexts, currentContext)?.context);
  if (!context) throw AppException.badInput('kubeconfig', `The kubeconfig's current-context "${currentContext}" is not among its contexts.`);
  const clusterName = String(context.cluster ?? '');
  const cluster = asRecord(entry(config.clusters, clusterName)?.cluster);
  if (!cluster) throw AppException.badInput('kubeconfig', `Context "${currentContext}" names cluster "${clusterName}", which the kubeconfig does not define under clusters.`);
  if (!cluster.server) throw AppException.badInput('kubeconfig', `Cluster "${clusterName}" in the kubeconfig has no server address.`);
  const server = checkServer('kubeconfig', cluster.server);
  const userName = String(context.user ?? '');
  const user = asRecord(entry(config.users, userName)?.user);
  if (!user) throw AppException.badInput('kubeconfig', `Context "${currentContext}" names user "${userName}", which the kubeconfig does not define under users.`);
  for (const [fileKey, inlineKey] of Object.entries(FILE_REFERENCES)) {
    if ((fileKey in cluster || fileKey in user) && !(inlineKey in cluster || inlineKey in user)) {
      throw AppException.badInput('kubeconfig', `The kubeconfig refers to a file (${fileKey}), which the platform cannot read; embed the content as ${inlineKey} instead (kubectl config view --raw --flatten --minify).`);
    }
  }
  if (user.exec || user['auth-provider']) {
    throw AppException.badInput('kubeconfig', `User "${userName}" signs in with an exec plugin or auth provider, which the worker cannot run; use a service account token or a client certificate.`);
  }
  const hasCredentials = Boolean(user.token || (user['client-certificate-data'] && user['client-key-data']) || (user.username && user.password));
  if (!hasCredentials) {
    throw AppException.badInput('kubeconfig', `User "${userName}" has no credentials; give it a token, or client-certificate-data with client-key-data.`);
  }
  return { yaml: text, server };
}

/** A kubeconfig for an API server address and a bearer token (a service account's), with the cluster's CA when given. */
export function kubeconfigForToken(apiUrl: string, token: string, caData: string | undefined): CheckedKubeconfig {
  const server = checkServer('apiUrl', apiUrl.trim());
  if (!server.startsWith('https:')) throw AppException.badInput('apiUrl', 'A token is only sent over https://; give the https address of the API server, or paste a whole kubeconfig.');
  if (token.trim().length < 10 || /\s/.test(token.trim())) throw AppException.badInput('token', 'The token must be a service account bearer token (one line, no spaces).');
  const ca = caData?.trim();
  if (ca && !Buffer.from(ca, 'base64').toString('utf8').includes('-----BEGIN CERTIFICATE-----')) {
    throw AppException.badInput('caData', 'caData must be the base64 of the PEM CA certificate (as certificate-authority-data in a kubeconfig).');
  }
  const name = 'nprod';
  const yaml = toYaml({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name, cluster: { server, ...(ca ? { 'certificate-authority-data': ca } : {}) } }],
    users: [{ name, user: { token: token.trim() } }],
    contexts: [{ name, context: { cluster: name, user: name } }],
    'current-context': name,
  });
  return { yaml, server };
}
