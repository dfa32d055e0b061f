// The kinds these manifests may hold, each with its API schema (kubernetes-models,
// and @kubernetes-models/keda for KEDA's resources). A kind missing here fails the
// test: add it to MODELS, with its model, when the tree needs it.
import { ScaledObject, TriggerAuthentication } from '@kubernetes-models/keda/keda.sh/v1alpha1';
import { Deployment } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { Job } from 'kubernetes-models/batch/v1';
import { Ingress, NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { ConfigMap, Secret, Service, ServiceAccount } from 'kubernetes-models/v1';
import { describeManifest, type Manifest } from './kustomize.js';

interface Model {
  is(value: unknown): boolean;
  new (data: never): { validate(): void };
}

/**
 * The model of each kind, by its name. Secret is known so that its own check
 * (no secret data in the tree) is the one to say why.
 */
const MODELS = {
  ConfigMap,
  Deployment,
  HorizontalPodAutoscaler,
  Ingress,
  Job,
  NetworkPolicy,
  PodDisruptionBudget,
  ScaledObject,
  Secret,
  Service,
  ServiceAccount,
  TriggerAuthentication,
} satisfies Record<string, Model>;

export type Kind = keyof typeof MODELS;

/** An object of this kind, typed as its model's type guard knows it. */
export type ObjectOf<K extends Kind> = (typeof MODELS)[K] extends {
  is(value: unknown): value is infer T;
}
  ? T
  : never;

/** A type guard for objects of this kind (its apiVersion and kind). */
export const isKind =
  <K extends Kind>(kind: K) =>
  (value: unknown): value is ObjectOf<K> =>
    (MODELS[kind] as Model).is(value);

/** What the object's API schema refuses in it, or that no schema is known for its kind. */
export function schemaProblems(manifest: Manifest): string[] {
  const Model = Object.values<Model>(MODELS).find((model) => model.is(manifest));
  if (!Model)
    return [`${describeManifest(manifest)}: unknown kind ${manifest.apiVersion} ${manifest.kind}`];
  try {
    new Model(manifest as never).validate();
    return [];
  } catch (error) {
    return [
      `${describeManifest(manifest)}: ${error instanceof Error ? error.message : String(error)}`,
    ];
  }
}
