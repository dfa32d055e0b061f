// Each rule fails on a broken copy of the production overlay: the checks can fail.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { IPodSpec } from 'kubernetes-models/v1';
import { CHECKS, inventory } from './checks.js';
import { renderKustomization, type Manifest } from './kustomize.js';
import { isKind, type Kind, type ObjectOf } from './models.js';

const production = renderKustomization(
  fileURLToPath(new URL('../overlays/production', import.meta.url)),
);

interface Tree {
  manifests: Manifest[];
  /** The object of this kind and name, typed, to break in place. */
  find<K extends Kind>(kind: K, name: string): ObjectOf<K>;
}

type Rule = keyof typeof CHECKS;
const rulesBroken = new Set<Rule>();

/** The problems one rule finds in the production overlay after `breakIt` changed a copy. */
function problemsAfter(rule: Rule, breakIt: (tree: Tree) => void): string[] {
  rulesBroken.add(rule);
  const manifests = structuredClone(production);
  breakIt({
    manifests,
    find<K extends Kind>(kind: K, name: string): ObjectOf<K> {
      const found = manifests.find((m) => isKind(kind)(m) && m.metadata.name === name);
      if (!found) throw new Error(`no ${kind}/${name}`);
      return found as ObjectOf<K>;
    },
  });
  return CHECKS[rule].check(inventory(manifests));
}

const podSpec = (tree: Tree, name: string) => tree.find('Deployment', name).spec!.template.spec!;
const api = (tree: Tree) => podSpec(tree, 'taskoverflow-api');
const worker = (tree: Tree) => podSpec(tree, 'taskoverflow-worker');
const migrate = (tree: Tree) => tree.find('Job', 'taskoverflow-migrate').spec!.template.spec!;
const env = (spec: IPodSpec, name: string) =>
  spec.containers[0]!.env!.find((variable) => variable.name === name)!;

describe('the checks fail on a broken tree', () => {
  it('a field of the wrong type, an unknown kind, a KEDA object without its target', () => {
    expect(
      problemsAfter('validity', (tree) => {
        api(tree).containers[0]!.ports![0]!.containerPort = 'http' as unknown as number;
        Object.assign(tree.find('ServiceAccount', 'taskoverflow'), { kind: 'ServiceAcount' });
        delete (
          tree.find('ScaledObject', 'taskoverflow-worker').spec as { scaleTargetRef?: unknown }
        ).scaleTargetRef;
      }),
    ).toEqual([
      expect.stringMatching(/^ServiceAcount\/taskoverflow: unknown kind v1 ServiceAcount/),
      expect.stringMatching(/^Deployment\/taskoverflow-api: .*containerPort must be integer/),
      expect.stringMatching(/^ScaledObject\/taskoverflow-worker: .*scaleTargetRef/),
    ]);
  });

  it('a Service selecting no pod, an Ingress to a missing port, a PDB on nothing, a lost ServiceAccount', () => {
    expect(
      problemsAfter('references', (tree) => {
        tree.find('Service', 'taskoverflow-api').spec!.selector!['app.kubernetes.io/component'] =
          'web';
        tree.find(
          'Ingress',
          'taskoverflow',
        ).spec!.rules![0]!.http!.paths[0]!.backend.service!.port = { number: 3000 };
        tree.find('PodDisruptionBudget', 'taskoverflow-worker').spec!.selector!.matchLabels![
          'app.kubernetes.io/component'
        ] = 'migrate';
        migrate(tree).serviceAccountName = 'migrator';
        tree.find('HorizontalPodAutoscaler', 'taskoverflow-api').spec.scaleTargetRef.name = 'api';
      }),
    ).toEqual([
      'Service/taskoverflow-api: selects no pod',
      "PodDisruptionBudget/taskoverflow-worker: selects no Deployment's pods",
      'HorizontalPodAutoscaler/taskoverflow-api: scales Deployment/api, which is not here',
      'Ingress/taskoverflow: Service/taskoverflow-api has no port 3000',
      'Job/taskoverflow-migrate: runs as ServiceAccount migrator, which is not here',
    ]);
  });

  it('readiness on the liveness route, liveness on a wrong port, and PORT unlike the container port', () => {
    expect(
      problemsAfter('probes', (tree) => {
        const container = api(tree).containers[0]!;
        container.readinessProbe!.httpGet!.path = '/api/v1/health';
        container.livenessProbe!.httpGet!.port = 8080;
      }),
    ).toEqual([
      'Deployment/taskoverflow-api api: readinessProbe calls /api/v1/health, not /api/v1/health/ready',
      "Deployment/taskoverflow-api api: livenessProbe calls port 8080, not the API's 3000",
    ]);
    expect(problemsAfter('probes', (tree) => (env(api(tree), 'PORT').value = '8080'))).toEqual([
      'Deployment/taskoverflow-api api: listens on 8080 (PORT), a port it does not declare',
      "Deployment/taskoverflow-api api: readinessProbe calls port http, not the API's 8080",
      "Deployment/taskoverflow-api api: livenessProbe calls port http, not the API's 8080",
      "Deployment/taskoverflow-api api: startupProbe calls port http, not the API's 8080",
    ]);
  });

  it('a misspelt or repeated setting, a value its config refuses, a command compose does not run', () => {
    expect(
      problemsAfter('settings', (tree) => {
        env(worker(tree), 'WORKER_CONCURRENCY').name = 'WORKERS_CONCURRENCY';
        env(api(tree), 'TRUST_PROXY').value = 'true';
        api(tree).containers[0]!.env!.push({ name: 'LOG_LEVEL', value: 'debug' });
        migrate(tree).containers[0]!.command = ['node', 'apps/launcher/dist/main.js'];
      }),
    ).toEqual([
      'Deployment/taskoverflow-api api: sets LOG_LEVEL twice',
      expect.stringMatching(
        /^Deployment\/taskoverflow-api api: the api process refuses its settings: .*TRUST_PROXY/,
      ),
      'Deployment/taskoverflow-worker worker: sets WORKERS_CONCURRENCY, which the worker process does not read',
      'Job/taskoverflow-migrate migrate: runs "node apps/launcher/dist/main.js", a command no docker compose service runs',
    ]);
  });

  it("a grace period no longer than the worker's own", () => {
    expect(
      problemsAfter('shutdown', (tree) => (worker(tree).terminationGracePeriodSeconds = 30)),
    ).toEqual([
      'Deployment/taskoverflow-worker: terminationGracePeriodSeconds (30) must exceed WORKER_SHUTDOWN_GRACE_MS (30000 ms) by 5 s at least',
    ]);
    expect(
      problemsAfter('shutdown', (tree) => {
        const container = worker(tree).containers[0]!;
        container.env = container.env!.filter((v) => v.name !== 'WORKER_SHUTDOWN_GRACE_MS');
      }),
    ).toEqual([
      "Deployment/taskoverflow-worker worker: WORKER_SHUTDOWN_GRACE_MS is not set next to the pod's grace period",
    ]);
  });

  it('a Secret with data in the tree, a database URL written out, KEDA on another secret', () => {
    expect(
      problemsAfter('secrets', (tree) => {
        tree.manifests.push({
          apiVersion: 'v1',
          kind: 'Secret',
          metadata: { name: 'taskoverflow-database' },
          stringData: { DATABASE_URL: 'postgresql://u:p@db/t' },
        });
        const variable = env(worker(tree), 'DATABASE_URL');
        delete variable.valueFrom;
        variable.value = 'postgresql://u:p@db/t';
        tree.find('TriggerAuthentication', 'taskoverflow-database').spec.secretTargetRef![0]!.key =
          'URL';
      }),
    ).toEqual([
      'Secret/taskoverflow-database: holds secret data; create it in the cluster, never in this tree',
      'Deployment/taskoverflow-worker worker: DATABASE_URL is written out; take it from a Secret (secretKeyRef)',
      'TriggerAuthentication/taskoverflow-database: reads taskoverflow-database/URL, which no process uses',
    ]);
  });

  it('a writable root, root allowed, a capability kept, a token mounted', () => {
    expect(
      problemsAfter('security', (tree) => {
        const spec = migrate(tree);
        spec.containers[0]!.securityContext!.readOnlyRootFilesystem = false;
        spec.containers[0]!.securityContext!.capabilities = { drop: ['NET_RAW'] };
        delete spec.securityContext!.runAsNonRoot;
        tree.find('ServiceAccount', 'taskoverflow-migrate').automountServiceAccountToken = true;
      }),
    ).toEqual([
      'Job/taskoverflow-migrate: mounts a ServiceAccount token it has no use for',
      'Job/taskoverflow-migrate migrate: runAsNonRoot is not true',
      'Job/taskoverflow-migrate migrate: its root filesystem is writable',
      'Job/taskoverflow-migrate migrate: it does not drop ALL capabilities',
    ]);
  });

  it('a container without a CPU request, one without a memory limit', () => {
    expect(
      problemsAfter('resources', (tree) => {
        delete api(tree).containers[0]!.resources!.requests!.cpu;
        delete migrate(tree).containers[0]!.resources!.limits!.memory;
      }),
    ).toEqual([
      'Deployment/taskoverflow-api api: no CPU request',
      'Job/taskoverflow-migrate migrate: no memory limit',
    ]);
  });

  it('ingress to the worker, egress to anywhere, the API shut off', () => {
    expect(
      problemsAfter('network', (tree) => {
        const policy = tree.find('NetworkPolicy', 'taskoverflow').spec!;
        policy.ingress = [{ from: [{ podSelector: {} }] }];
        policy.egress!.push({ to: [{ ipBlock: { cidr: '0.0.0.0/0' } }] });
      }),
    ).toEqual([
      "Deployment/taskoverflow-api: lets in more than the ingress controller's namespace",
      'Deployment/taskoverflow-api: lets in every port',
      'Deployment/taskoverflow-api: may connect to every port',
      'Deployment/taskoverflow-worker: serves nothing, yet a NetworkPolicy lets connections in',
      'Deployment/taskoverflow-worker: may connect to every port',
      'Job/taskoverflow-migrate: serves nothing, yet a NetworkPolicy lets connections in',
      'Job/taskoverflow-migrate: may connect to every port',
    ]);
    expect(
      problemsAfter(
        'network',
        (tree) => delete tree.find('NetworkPolicy', 'taskoverflow-api').spec!.ingress,
      ),
    ).toEqual(['Deployment/taskoverflow-api: the ingress controller cannot reach it']);
  });

  it('one API pod, replicas under an autoscaler, a KEDA target unlike the concurrency, no budget', () => {
    expect(
      problemsAfter('availability', (tree) => {
        tree.find('HorizontalPodAutoscaler', 'taskoverflow-api').spec.minReplicas = 1;
        tree.find('Deployment', 'taskoverflow-worker').spec!.replicas = 2;
        tree.find(
          'ScaledObject',
          'taskoverflow-worker',
        ).spec.triggers[0]!.metadata.targetQueryValue = '10';
        tree.find('PodDisruptionBudget', 'taskoverflow-api').spec!.selector!.matchLabels = {
          x: 'y',
        };
      }),
    ).toEqual([
      'Deployment/taskoverflow-api: no PodDisruptionBudget',
      'Deployment/taskoverflow-api: fewer than 2 replicas at least',
      'Deployment/taskoverflow-worker: sets replicas, which every apply would reset under its autoscaler',
      "Deployment/taskoverflow-worker: the scaler's target (10) is not WORKER_CONCURRENCY (4)",
    ]);
  });

  it('a migration of another release, an untagged image', () => {
    expect(
      problemsAfter('images', (tree) => {
        migrate(tree).containers[0]!.image = 'ghcr.io/taskoverflow/taskoverflow:latest';
      }),
    ).toEqual([
      'Job/taskoverflow-migrate migrate: image ghcr.io/taskoverflow/taskoverflow:latest names no release (a tag or digest)',
      expect.stringMatching(
        /^more than one image .*: the Job must migrate the release the Deployments run$/,
      ),
    ]);
  });

  it('an Ingress host unlike PUBLIC_URL, https without TLS', () => {
    const ingress = (tree: Tree) => tree.find('Ingress', 'taskoverflow').spec!;
    expect(
      problemsAfter('site', (tree) => (ingress(tree).rules![0]!.host = 'todo.example.com')),
    ).toEqual(["Ingress/taskoverflow: serves todo.example.com, which is no API's PUBLIC_URL"]);
    expect(problemsAfter('site', (tree) => delete ingress(tree).tls)).toEqual([
      'Ingress/taskoverflow: PUBLIC_URL is https, and TLS for taskoverflow.example.com is not configured',
    ]);
  });

  // Last, so that it sees every test above (they run in order).
  it('breaks every rule', () => {
    expect([...rulesBroken].sort()).toEqual(Object.keys(CHECKS).sort());
  });
});
