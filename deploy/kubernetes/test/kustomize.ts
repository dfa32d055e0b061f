// Renders a kustomization as `kubectl kustomize` would, for the few features
// this tree uses: `resources` (files and directories of other kustomizations),
// `patches` (strategic merge patches by file), `images` and `namespace`. Any
// other field stops the rendering, so that no overlay relies on a feature
// these tests would silently skip.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';

/** A Kubernetes object as read from YAML, before it is checked against its schema. */
export interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; [field: string]: unknown };
  [field: string]: unknown;
}

interface ImageOverride {
  name: string;
  newName?: string;
  newTag?: string;
  digest?: string;
}

interface Kustomization {
  resources?: string[];
  namespace?: string;
  images?: ImageOverride[];
  patches?: { path: string }[];
}

const SUPPORTED_FIELDS = new Set([
  'apiVersion',
  'kind',
  'resources',
  'namespace',
  'images',
  'patches',
]);

/**
 * Kubernetes' merge keys for the lists that patches here may touch: items with
 * the same key are merged, new ones appended. Any other list is replaced whole,
 * as a strategic merge patch does for lists without a merge key (Ingress rules
 * and tls, command, args); do not patch lists that have another merge key
 * (container or Service `ports`).
 */
const MERGE_KEYS: Record<string, string> = {
  containers: 'name',
  initContainers: 'name',
  env: 'name',
  volumes: 'name',
  volumeMounts: 'mountPath',
};

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** `Kind/name`, the way the checks name an object. */
export const describeManifest = (manifest: Manifest) =>
  `${manifest.kind}/${manifest.metadata.name}`;

/** Every document of a YAML file, as Kubernetes objects. */
function readManifests(file: string): Manifest[] {
  return readYamlDocuments(file).map((document) => asManifest(document, file));
}

function readYamlDocuments(file: string): unknown[] {
  return parseAllDocuments(readFileSync(file, 'utf8'))
    .map((document) => {
      if (document.errors.length) throw new Error(`${file}: ${document.errors[0]!.message}`);
      return document.toJS() as unknown;
    })
    .filter((document) => document !== null && document !== undefined);
}

function asManifest(value: unknown, source: string): Manifest {
  if (
    isObject(value) &&
    typeof value.apiVersion === 'string' &&
    typeof value.kind === 'string' &&
    isObject(value.metadata) &&
    typeof value.metadata.name === 'string'
  ) {
    return value as unknown as Manifest;
  }
  throw new Error(`${source}: not a Kubernetes object (apiVersion, kind, metadata.name)`);
}

function readKustomization(dir: string): Kustomization {
  const [document, ...rest] = readYamlDocuments(join(dir, 'kustomization.yaml'));
  if (!isObject(document) || rest.length) throw new Error(`${dir}: one kustomization expected`);
  const unsupported = Object.keys(document).filter((field) => !SUPPORTED_FIELDS.has(field));
  if (unsupported.length) {
    throw new Error(`${dir}/kustomization.yaml: unsupported field(s) ${unsupported.join(', ')}`);
  }
  return document;
}

/** The objects `kubectl apply -k dir` would send. */
export function renderKustomization(dir: string): Manifest[] {
  const kustomization = readKustomization(dir);
  let manifests = (kustomization.resources ?? []).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? renderKustomization(path) : readManifests(path);
  });
  const seen = new Set<string>();
  for (const manifest of manifests) {
    const id = `${manifest.apiVersion} ${describeManifest(manifest)}`;
    if (seen.has(id)) throw new Error(`${dir}: ${id} is defined twice`);
    seen.add(id);
  }
  for (const { path } of kustomization.patches ?? []) {
    const [patch, ...rest] = readManifests(join(dir, path));
    if (!patch || rest.length) throw new Error(`${dir}/${path}: one patch per file`);
    manifests = applyPatch(manifests, patch, `${dir}/${path}`);
  }
  for (const image of kustomization.images ?? []) setImage(manifests, image);
  // Every kind these manifests may hold (models.ts) is namespaced.
  if (kustomization.namespace) {
    for (const manifest of manifests) manifest.metadata.namespace = kustomization.namespace;
  }
  return manifests;
}

function applyPatch(manifests: Manifest[], patch: Manifest, source: string): Manifest[] {
  const isTarget = (manifest: Manifest) =>
    manifest.apiVersion === patch.apiVersion &&
    manifest.kind === patch.kind &&
    manifest.metadata.name === patch.metadata.name;
  if (!manifests.some(isTarget))
    throw new Error(`${source}: no ${describeManifest(patch)} to patch`);
  return manifests.map((manifest) =>
    isTarget(manifest) ? (strategicMerge(manifest, patch) as Manifest) : manifest,
  );
}

/** A strategic merge patch, for maps and the lists of {@link MERGE_KEYS}; `null` deletes a field. */
export function strategicMerge(target: unknown, patch: unknown, field?: string): unknown {
  if (isObject(target) && isObject(patch)) {
    const merged: Json = { ...target };
    for (const [name, value] of Object.entries(patch)) {
      if (name.startsWith('$')) throw new Error(`patch directive ${name} is not supported`);
      if (value === null) delete merged[name];
      else merged[name] = strategicMerge(target[name], value, name);
    }
    return merged;
  }
  const key = field === undefined ? undefined : MERGE_KEYS[field];
  if (key && Array.isArray(target) && Array.isArray(patch)) {
    const merged: unknown[] = [...target];
    for (const item of patch) {
      const index = merged.findIndex(
        (existing) => isObject(existing) && isObject(item) && existing[key] === item[key],
      );
      if (index === -1) merged.push(item);
      else merged[index] = strategicMerge(merged[index], item);
    }
    return merged;
  }
  return structuredClone(patch);
}

/** Splits `name[:tag][@digest]` (a registry's port is part of the name). */
export function parseImage(image: string): { name: string; tag?: string; digest?: string } {
  const [reference = '', digest] = image.split('@');
  const tagAt = reference.lastIndexOf(':');
  const hasTag = tagAt > reference.lastIndexOf('/');
  return {
    name: hasTag ? reference.slice(0, tagAt) : reference,
    ...(hasTag ? { tag: reference.slice(tagAt + 1) } : {}),
    ...(digest ? { digest } : {}),
  };
}

function setImage(manifests: Manifest[], override: ImageOverride): void {
  forEachContainer(manifests, (container) => {
    if (typeof container.image !== 'string') return;
    const image = parseImage(container.image);
    if (image.name !== override.name) return;
    const name = override.newName ?? image.name;
    // As kustomize: a new digest or tag replaces both the old tag and the old digest.
    if (override.digest) container.image = `${name}@${override.digest}`;
    else if (override.newTag) container.image = `${name}:${override.newTag}`;
    else container.image = container.image.replace(image.name, name);
  });
}

/** Calls `visit` on every container and init container, wherever its pod template is. */
function forEachContainer(value: unknown, visit: (container: Json) => void): void {
  if (Array.isArray(value)) {
    for (const item of value) forEachContainer(item, visit);
  } else if (isObject(value)) {
    for (const [name, field] of Object.entries(value)) {
      if ((name === 'containers' || name === 'initContainers') && Array.isArray(field)) {
        field.filter(isObject).forEach(visit);
      } else {
        forEachContainer(field, visit);
      }
    }
  }
}
