// The rules a rendered overlay must keep, each a function from the rendered
// objects to the problems found (none: it holds). The tests run every rule on
// every overlay, and each rule on a deliberately broken copy.
import type { IDeployment } from 'kubernetes-models/apps/v1';
import type { IContainer, IPodSpec } from 'kubernetes-models/v1';
import { describeManifest, parseImage, type Manifest } from './kustomize.js';
import { isKind, schemaProblems, type Kind, type ObjectOf } from './models.js';
import {
  apiDeployment,
  processOf,
  PROCESSES,
  SECRET_STAND_INS,
  workerDeployment,
  type ProcessName,
} from './processes.js';

/** A pod template, with the object that owns it (a Deployment or a Job). */
interface Pod {
  owner: string;
  labels: Record<string, string>;
  spec: IPodSpec;
  containers: IContainer[];
  deployment?: IDeployment;
}

type Labels = Record<string, string> | undefined;

/** The rendered objects, by kind. */
export function inventory(manifests: Manifest[]) {
  const ofKind = <K extends Kind>(kind: K): ObjectOf<K>[] =>
    manifests.flatMap((manifest) => (isKind(kind)(manifest) ? [manifest] : []));
  const deployments = ofKind('Deployment');
  const pods: Pod[] = [
    ...deployments.map((deployment) =>
      podOf(`Deployment/${name(deployment)}`, deployment.spec?.template, deployment),
    ),
    ...ofKind('Job').map((job) => podOf(`Job/${name(job)}`, job.spec?.template)),
  ];
  return {
    manifests,
    deployments,
    pods,
    services: ofKind('Service'),
    serviceAccounts: ofKind('ServiceAccount'),
    secrets: ofKind('Secret'),
    ingresses: ofKind('Ingress'),
    networkPolicies: ofKind('NetworkPolicy'),
    disruptionBudgets: ofKind('PodDisruptionBudget'),
    podAutoscalers: ofKind('HorizontalPodAutoscaler'),
    scaledObjects: ofKind('ScaledObject'),
    triggerAuthentications: ofKind('TriggerAuthentication'),
  };
}

type Inventory = ReturnType<typeof inventory>;
type Check = (objects: Inventory) => string[];

const name = (object: { metadata?: { name?: string } }) => object.metadata?.name ?? '?';

function podOf(
  owner: string,
  template: { metadata?: { labels?: Record<string, string> }; spec?: IPodSpec } | undefined,
  deployment?: IDeployment,
): Pod {
  const spec = template?.spec ?? { containers: [] };
  return {
    owner,
    labels: template?.metadata?.labels ?? {},
    spec,
    containers: [...(spec.initContainers ?? []), ...spec.containers],
    ...(deployment ? { deployment } : {}),
  };
}

/** Whether a `matchLabels` selector selects these labels (empty selects all). */
const selects = (selector: Labels, labels: Labels) =>
  Object.entries(selector ?? {}).every(([key, value]) => labels?.[key] === value);

const podsSelectedBy = (objects: Inventory, selector: Labels) =>
  objects.pods.filter((pod) => selects(selector, pod.labels));

/** The containers of the tree that run this process, with their pod. */
function containersOf(objects: Inventory, process: ProcessName) {
  return objects.pods.flatMap((pod) =>
    pod.containers
      .filter((container) => processOf(container) === process)
      .map((container) => ({ pod, container })),
  );
}

/** A container's port, by number or name, as a number; undefined when it has none such. */
function containerPort(containers: IContainer[], port: string | number | undefined) {
  return containers
    .flatMap((container) => container.ports ?? [])
    .find((candidate) => candidate.containerPort === port || candidate.name === port)
    ?.containerPort;
}

/** A container's environment as its process would see it: secrets replaced by stand-ins of their form. */
function environmentOf(container: IContainer): {
  env: Record<string, string>;
  problems: string[];
} {
  const env: Record<string, string> = {};
  const problems: string[] = [];
  if (container.envFrom?.length) {
    problems.push(`${container.name}: envFrom hides which settings are set; name each in env`);
  }
  for (const variable of container.env ?? []) {
    const secret = variable.valueFrom?.secretKeyRef;
    if (secret) {
      const standIn = SECRET_STAND_INS[secret.key];
      if (standIn === undefined)
        problems.push(`${container.name}: no stand-in for secret key ${secret.key}`);
      else env[variable.name] = standIn;
    } else if (variable.valueFrom) {
      problems.push(
        `${container.name}: ${variable.name} comes from a source these checks do not read`,
      );
    } else {
      env[variable.name] = variable.value ?? '';
    }
  }
  return { env, problems };
}

/** The config the container's process would load, or undefined when it refuses (the settings check says why). */
function configOf<T>(
  container: IContainer,
  load: (env: Record<string, string>) => T,
): T | undefined {
  try {
    return load(environmentOf(container).env);
  } catch {
    return undefined;
  }
}

const validity: Check = (objects) => objects.manifests.flatMap(schemaProblems);

const references: Check = (objects) => {
  const problems: string[] = [];
  for (const manifest of objects.manifests) {
    if (JSON.stringify(manifest).includes('"matchExpressions"')) {
      problems.push(
        `${describeManifest(manifest)}: matchExpressions, which these checks do not evaluate`,
      );
    }
  }
  for (const deployment of objects.deployments) {
    const labels = deployment.spec?.template.metadata?.labels;
    if (
      !selects(deployment.spec?.selector.matchLabels, labels) ||
      !deployment.spec?.selector.matchLabels
    ) {
      problems.push(`Deployment/${name(deployment)}: its selector does not select its own pods`);
    }
    for (const spread of deployment.spec?.template.spec?.topologySpreadConstraints ?? []) {
      if (!selects(spread.labelSelector?.matchLabels, labels)) {
        problems.push(
          `Deployment/${name(deployment)}: a topology spread constraint selects other pods`,
        );
      }
    }
  }
  for (const service of objects.services) {
    const pods = service.spec?.selector ? podsSelectedBy(objects, service.spec.selector) : [];
    if (pods.length === 0) problems.push(`Service/${name(service)}: selects no pod`);
    for (const port of service.spec?.ports ?? []) {
      for (const pod of pods) {
        if (containerPort(pod.containers, port.targetPort ?? port.port) === undefined) {
          problems.push(
            `Service/${name(service)}: ${pod.owner} has no port ${port.targetPort ?? port.port}`,
          );
        }
      }
    }
  }
  for (const budget of objects.disruptionBudgets) {
    const pods = podsSelectedBy(objects, budget.spec?.selector?.matchLabels);
    if (!budget.spec?.selector?.matchLabels || !pods.some((pod) => pod.deployment)) {
      problems.push(`PodDisruptionBudget/${name(budget)}: selects no Deployment's pods`);
    }
  }
  for (const policy of objects.networkPolicies) {
    if (podsSelectedBy(objects, policy.spec?.podSelector?.matchLabels).length === 0) {
      problems.push(`NetworkPolicy/${name(policy)}: selects no pod`);
    }
  }
  const deploymentNames = new Set(objects.deployments.map(name));
  for (const autoscaler of [...objects.podAutoscalers, ...objects.scaledObjects]) {
    const target = autoscaler.spec?.scaleTargetRef;
    if (
      (target?.kind ?? 'Deployment') !== 'Deployment' ||
      !deploymentNames.has(target?.name ?? '')
    ) {
      problems.push(
        `${autoscaler.kind}/${name(autoscaler)}: scales ${target?.kind ?? 'Deployment'}/${target?.name}, which is not here`,
      );
    }
  }
  const authentications = new Set(objects.triggerAuthentications.map(name));
  for (const scaledObject of objects.scaledObjects) {
    for (const trigger of scaledObject.spec?.triggers ?? []) {
      const ref = trigger.authenticationRef;
      if (
        ref &&
        ((ref.kind ?? 'TriggerAuthentication') !== 'TriggerAuthentication' ||
          !authentications.has(ref.name))
      ) {
        problems.push(
          `ScaledObject/${name(scaledObject)}: authenticates with ${ref.name}, which is not here`,
        );
      }
    }
  }
  for (const ingress of objects.ingresses) {
    const backends = [
      ingress.spec?.defaultBackend,
      ...(ingress.spec?.rules ?? []).flatMap(
        (rule) => rule.http?.paths.map((path) => path.backend) ?? [],
      ),
    ];
    for (const backend of backends) {
      if (!backend) continue;
      const service = objects.services.find(
        (candidate) => name(candidate) === backend.service?.name,
      );
      const port = backend.service?.port;
      if (!service) {
        problems.push(
          `Ingress/${name(ingress)}: sends to Service ${backend.service?.name}, which is not here`,
        );
      } else if (
        !service.spec?.ports?.some(
          (candidate) => candidate.name === port?.name || candidate.port === port?.number,
        )
      ) {
        problems.push(
          `Ingress/${name(ingress)}: Service/${name(service)} has no port ${port?.name ?? port?.number}`,
        );
      }
    }
  }
  const accounts = new Set(objects.serviceAccounts.map(name));
  for (const pod of objects.pods) {
    if (!accounts.has(pod.spec.serviceAccountName ?? 'default')) {
      problems.push(
        `${pod.owner}: runs as ServiceAccount ${pod.spec.serviceAccountName ?? 'default'}, which is not here`,
      );
    }
  }
  return problems;
};

const isLoopback = (host: string) => ['localhost', '127.0.0.1', '::1'].includes(host);

const probes: Check = (objects) => {
  const problems: string[] = [];
  const apis = containersOf(objects, 'api');
  if (apis.length === 0) problems.push('no container runs the API');
  const { API_PREFIX, HEALTH_PATHS } = apiDeployment;
  for (const { pod, container } of apis) {
    const where = `${pod.owner} ${container.name}`;
    const config = configOf(container, apiDeployment.loadConfig);
    if (!config) continue;
    if (isLoopback(config.host)) problems.push(`${where}: listens on ${config.host} only (HOST)`);
    if (containerPort([container], config.port) === undefined) {
      problems.push(`${where}: listens on ${config.port} (PORT), a port it does not declare`);
    }
    const expected = [
      ['readinessProbe', HEALTH_PATHS.ready, true],
      ['livenessProbe', HEALTH_PATHS.live, true],
      ['startupProbe', HEALTH_PATHS.live, false],
    ] as const;
    for (const [kind, path, required] of expected) {
      const probe = container[kind];
      if (!probe) {
        if (required) problems.push(`${where}: no ${kind}`);
        continue;
      }
      if (probe.httpGet?.path !== `${API_PREFIX}${path}`) {
        problems.push(
          `${where}: ${kind} calls ${probe.httpGet?.path ?? 'no HTTP path'}, not ${API_PREFIX}${path}`,
        );
      }
      if (containerPort([container], probe.httpGet?.port) !== config.port) {
        problems.push(
          `${where}: ${kind} calls port ${probe.httpGet?.port}, not the API's ${config.port}`,
        );
      }
    }
  }
  return problems;
};

const settings: Check = (objects) =>
  objects.pods.flatMap((pod) =>
    pod.containers.flatMap((container) => {
      const where = `${pod.owner} ${container.name}`;
      const process = processOf(container);
      if (!process) {
        const command = [...(container.command ?? []), ...(container.args ?? [])].join(' ');
        return [
          `${where}: runs "${command || "the image's default"}", a command no docker compose service runs`,
        ];
      }
      const { env, problems } = environmentOf(container);
      const names = (container.env ?? []).map((variable) => variable.name);
      const repeated = names.filter((setting, index) => names.indexOf(setting) !== index);
      const unread = Object.keys(env).filter(
        (setting) => !PROCESSES[process].settings.has(setting),
      );
      const refused: string[] = [];
      try {
        PROCESSES[process].loadConfig(env);
      } catch (error) {
        refused.push(
          `${where}: the ${process} process refuses its settings: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
      return [
        ...problems.map((problem) => `${pod.owner} ${problem}`),
        ...repeated.map((setting) => `${where}: sets ${setting} twice`),
        ...unread.map(
          (setting) => `${where}: sets ${setting}, which the ${process} process does not read`,
        ),
        ...refused,
      ];
    }),
  );

/** What the worker needs after its grace period: to hand back its jobs and exit. */
const SHUTDOWN_MARGIN_MS = 5_000;

const shutdown: Check = (objects) =>
  containersOf(objects, 'worker').flatMap(({ pod, container }) => {
    const where = `${pod.owner} ${container.name}`;
    if (!container.env?.some((variable) => variable.name === 'WORKER_SHUTDOWN_GRACE_MS')) {
      return [`${where}: WORKER_SHUTDOWN_GRACE_MS is not set next to the pod's grace period`];
    }
    const config = configOf(container, workerDeployment.loadConfig);
    const graceSeconds = pod.spec.terminationGracePeriodSeconds ?? 30;
    if (config && graceSeconds * 1000 < config.shutdownGraceMs + SHUTDOWN_MARGIN_MS) {
      return [
        `${pod.owner}: terminationGracePeriodSeconds (${graceSeconds}) must exceed WORKER_SHUTDOWN_GRACE_MS ` +
          `(${config.shutdownGraceMs} ms) by ${SHUTDOWN_MARGIN_MS / 1000} s at least`,
      ];
    }
    return [];
  });

const secrets: Check = (objects) => {
  const problems = objects.secrets
    .filter((secret) => Object.keys({ ...secret.data, ...secret.stringData }).length > 0)
    .map(
      (secret) =>
        `Secret/${name(secret)}: holds secret data; create it in the cluster, never in this tree`,
    );
  const referenced = new Set<string>();
  for (const pod of objects.pods) {
    for (const container of pod.containers) {
      for (const variable of container.env ?? []) {
        const ref = variable.valueFrom?.secretKeyRef;
        if (ref) referenced.add(`${ref.name}/${ref.key}`);
        if (variable.name in SECRET_STAND_INS && !ref) {
          problems.push(
            `${pod.owner} ${container.name}: ${variable.name} is written out; take it from a Secret (secretKeyRef)`,
          );
        }
      }
    }
  }
  for (const authentication of objects.triggerAuthentications) {
    for (const ref of authentication.spec?.secretTargetRef ?? []) {
      if (!referenced.has(`${ref.name}/${ref.key}`)) {
        problems.push(
          `TriggerAuthentication/${name(authentication)}: reads ${ref.name}/${ref.key}, which no process uses`,
        );
      }
    }
  }
  return problems;
};

const security: Check = (objects) =>
  objects.pods.flatMap((pod) => {
    const problems: string[] = [];
    const account = objects.serviceAccounts.find(
      (candidate) => name(candidate) === (pod.spec.serviceAccountName ?? 'default'),
    );
    if (
      (pod.spec.automountServiceAccountToken ?? account?.automountServiceAccountToken ?? true) !==
      false
    ) {
      problems.push(`${pod.owner}: mounts a ServiceAccount token it has no use for`);
    }
    const podContext = pod.spec.securityContext ?? {};
    for (const container of pod.containers) {
      const context = container.securityContext ?? {};
      const where = `${pod.owner} ${container.name}`;
      const rules: [boolean, string][] = [
        [(context.runAsNonRoot ?? podContext.runAsNonRoot) === true, 'runAsNonRoot is not true'],
        // The image's user is `node` by name, which Kubernetes cannot prove non-root.
        [(context.runAsUser ?? podContext.runAsUser ?? 0) > 0, 'no numeric non-root runAsUser'],
        [context.readOnlyRootFilesystem === true, 'its root filesystem is writable'],
        [context.allowPrivilegeEscalation === false, 'allowPrivilegeEscalation is not false'],
        [context.privileged !== true, 'it is privileged'],
        [context.capabilities?.drop?.includes('ALL') === true, 'it does not drop ALL capabilities'],
        [!context.capabilities?.add?.length, 'it adds capabilities'],
        [
          (context.seccompProfile ?? podContext.seccompProfile)?.type === 'RuntimeDefault',
          'its seccomp profile is not RuntimeDefault',
        ],
      ];
      problems.push(
        ...rules.filter(([holds]) => !holds).map(([, problem]) => `${where}: ${problem}`),
      );
    }
    return problems;
  });

const resources: Check = (objects) =>
  objects.pods.flatMap((pod) =>
    pod.containers.flatMap((container) => {
      const { requests = {}, limits = {} } = container.resources ?? {};
      return [
        ...(requests.cpu === undefined ? ['no CPU request'] : []),
        ...(requests.memory === undefined ? ['no memory request'] : []),
        ...(limits.memory === undefined ? ['no memory limit'] : []),
      ].map((problem) => `${pod.owner} ${container.name}: ${problem}`);
    }),
  );

/** Where a pod may connect: DNS, and PostgreSQL's port. */
const ALLOWED_EGRESS = ['UDP/53', 'TCP/53', 'TCP/5432'];
const REQUIRED_EGRESS = ['UDP/53', 'TCP/5432'];

type Policy = Inventory['networkPolicies'][number];

/** The policies that limit this direction of the pod's traffic (policyTypes as the API server defaults it). */
function policiesLimiting(objects: Inventory, pod: Pod, direction: 'Ingress' | 'Egress'): Policy[] {
  return objects.networkPolicies.filter((policy) => {
    const types = policy.spec?.policyTypes ?? [
      'Ingress',
      ...(policy.spec?.egress ? ['Egress'] : []),
    ];
    return types.includes(direction) && selects(policy.spec?.podSelector?.matchLabels, pod.labels);
  });
}

function ingressProblems(objects: Inventory, pod: Pod): string[] {
  const policies = policiesLimiting(objects, pod, 'Ingress');
  if (policies.length === 0) return ['no NetworkPolicy limits its ingress'];
  const rules = policies.flatMap((policy) => policy.spec?.ingress ?? []);
  const serves = pod.containers.some((container) => processOf(container) === 'api');
  if (!serves)
    return rules.length ? ['serves nothing, yet a NetworkPolicy lets connections in'] : [];
  if (rules.length === 0) return ['the ingress controller cannot reach it'];
  return rules.flatMap((rule) => {
    const peers = rule.from ?? [];
    const onlyNamespaces =
      peers.length > 0 &&
      peers.every((peer) => peer.namespaceSelector?.matchLabels && !peer.ipBlock);
    const ports = rule.ports ?? [];
    return [
      ...(onlyNamespaces ? [] : ["lets in more than the ingress controller's namespace"]),
      ...(ports.length ? [] : ['lets in every port']),
      ...ports
        .filter((port) => containerPort(pod.containers, port.port) === undefined)
        .map((port) => `lets in port ${port.port}, which it does not serve`),
    ];
  });
}

function egressProblems(objects: Inventory, pod: Pod): string[] {
  const policies = policiesLimiting(objects, pod, 'Egress');
  if (policies.length === 0) return ['no NetworkPolicy limits its egress'];
  const rules = policies.flatMap((policy) => policy.spec?.egress ?? []);
  const reachable = new Set(
    rules.flatMap((rule) =>
      (rule.ports ?? []).map((port) => `${port.protocol ?? 'TCP'}/${port.port}`),
    ),
  );
  return [
    ...(rules.some((rule) => !rule.ports?.length) ? ['may connect to every port'] : []),
    ...[...reachable]
      .filter((port) => !ALLOWED_EGRESS.includes(port))
      .map((port) => `may connect to ${port}, neither DNS nor PostgreSQL`),
    ...REQUIRED_EGRESS.filter((port) => !reachable.has(port)).map((port) => `cannot reach ${port}`),
  ];
}

const network: Check = (objects) =>
  objects.pods.flatMap((pod) =>
    [...ingressProblems(objects, pod), ...egressProblems(objects, pod)].map(
      (problem) => `${pod.owner}: ${problem}`,
    ),
  );

const MIN_API_REPLICAS = 2;

const availability: Check = (objects) => {
  const problems: string[] = [];
  for (const deployment of objects.deployments) {
    const where = `Deployment/${name(deployment)}`;
    const targets = (autoscaler: { spec?: { scaleTargetRef?: { name: string } } }) =>
      autoscaler.spec?.scaleTargetRef?.name === name(deployment);
    const podAutoscalers = objects.podAutoscalers.filter(targets);
    const scaledObjects = objects.scaledObjects.filter(targets);
    if (podAutoscalers.length + scaledObjects.length > 1)
      problems.push(`${where}: more than one autoscaler`);
    if (podAutoscalers.length + scaledObjects.length && deployment.spec?.replicas !== undefined) {
      problems.push(`${where}: sets replicas, which every apply would reset under its autoscaler`);
    }
    const labels = deployment.spec?.template.metadata?.labels;
    if (
      !objects.disruptionBudgets.some((budget) =>
        selects(budget.spec?.selector?.matchLabels, labels),
      )
    ) {
      problems.push(`${where}: no PodDisruptionBudget`);
    }
    const containers = deployment.spec?.template.spec?.containers ?? [];
    const runs = (process: ProcessName) =>
      containers.some((container) => processOf(container) === process);
    if (runs('api')) {
      const autoscaler = podAutoscalers[0];
      const onCpu = autoscaler?.spec?.metrics?.some((metric) => metric.resource?.name === 'cpu');
      if (!autoscaler || !onCpu) problems.push(`${where}: no HorizontalPodAutoscaler on CPU`);
      else if ((autoscaler.spec?.minReplicas ?? 1) < MIN_API_REPLICAS) {
        problems.push(`${where}: fewer than ${MIN_API_REPLICAS} replicas at least`);
      }
      if (containers.some((container) => container.resources?.requests?.cpu === undefined)) {
        problems.push(`${where}: CPU utilization needs a CPU request in every container`);
      }
    }
    if (runs('worker')) {
      const scaledObject = scaledObjects[0];
      const trigger = scaledObject?.spec?.triggers.find(
        (candidate) => candidate.type === 'postgresql',
      );
      const worker = containers.find((container) => processOf(container) === 'worker');
      const concurrency = worker && configOf(worker, workerDeployment.loadConfig)?.concurrency;
      if (!scaledObject || !trigger)
        problems.push(`${where}: no KEDA ScaledObject on the queue (postgresql)`);
      else {
        if (!trigger.metadata.query?.includes('graphile_worker.jobs')) {
          problems.push(`${where}: the scaler does not count graphile_worker.jobs`);
        }
        if (!trigger.authenticationRef)
          problems.push(`${where}: the scaler has no authenticationRef`);
        if (trigger.metadata.targetQueryValue !== String(concurrency)) {
          problems.push(
            `${where}: the scaler's target (${trigger.metadata.targetQueryValue}) is not WORKER_CONCURRENCY (${concurrency})`,
          );
        }
        if ((scaledObject.spec?.minReplicaCount ?? 0) < 1) {
          problems.push(`${where}: may scale to zero, with no worker left to run the purge`);
        }
      }
    }
  }
  return problems;
};

const images: Check = (objects) => {
  const problems: string[] = [];
  const used = new Set<string>();
  for (const pod of objects.pods) {
    for (const container of pod.containers) {
      const image = parseImage(container.image ?? '');
      used.add(container.image ?? '');
      if (!image.digest && (!image.tag || image.tag === 'latest')) {
        problems.push(
          `${pod.owner} ${container.name}: image ${container.image} names no release (a tag or digest)`,
        );
      }
    }
  }
  if (used.size > 1)
    problems.push(
      `more than one image (${[...used].join(', ')}): the Job must migrate the release the Deployments run`,
    );
  return problems;
};

const site: Check = (objects) => {
  const problems: string[] = [];
  const publicUrls = containersOf(objects, 'api').flatMap(({ container }) => {
    const url = environmentOf(container).env.PUBLIC_URL;
    return url ? [new URL(url)] : [];
  });
  for (const ingress of objects.ingresses) {
    const tlsHosts = new Set((ingress.spec?.tls ?? []).flatMap((tls) => tls.hosts ?? []));
    for (const rule of ingress.spec?.rules ?? []) {
      const url = publicUrls.find((candidate) => candidate.hostname === rule.host);
      if (!url) {
        problems.push(
          `Ingress/${name(ingress)}: serves ${rule.host ?? 'any host'}, which is no API's PUBLIC_URL`,
        );
      } else if ((url.protocol === 'https:') !== tlsHosts.has(url.hostname)) {
        problems.push(
          `Ingress/${name(ingress)}: PUBLIC_URL is ${url.protocol.slice(0, -1)}, and TLS for ${url.hostname} ${tlsHosts.has(url.hostname) ? 'is' : 'is not'} configured`,
        );
      }
    }
  }
  return problems;
};

/** Every rule, by the name the tests give it: what it says, and its check. */
export const CHECKS = {
  validity: {
    rule: 'every object is valid against its API schema (Kubernetes, KEDA)',
    check: validity,
  },
  references: { rule: 'selectors and references name objects of the tree', check: references },
  probes: { rule: "the API's probes call its health routes on its port", check: probes },
  settings: {
    rule: "containers run docker compose's commands, with settings their process reads and accepts",
    check: settings,
  },
  shutdown: { rule: 'the worker has time to finish its jobs before it is killed', check: shutdown },
  secrets: { rule: 'secrets are referenced, never held', check: secrets },
  security: {
    rule: 'every container runs non-root, read-only, unprivileged, without a token',
    check: security,
  },
  resources: {
    rule: 'every container has resource requests and a memory limit',
    check: resources,
  },
  network: {
    rule: 'network policies let in the ingress controller only, and out DNS and PostgreSQL only',
    check: network,
  },
  availability: {
    rule: 'autoscalers and disruption budgets: 2+ API pods on CPU, workers on the queue',
    check: availability,
  },
  images: { rule: 'every container runs the one release image', check: images },
  site: { rule: "the Ingress serves the API's PUBLIC_URL, with TLS when it is https", check: site },
} satisfies Record<string, { rule: string; check: Check }>;
