import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CHECKS, inventory } from './checks.js';
import { describeManifest, renderKustomization } from './kustomize.js';

const overlay = (name: string) => fileURLToPath(new URL(`../overlays/${name}`, import.meta.url));

describe.each(['production', 'local'])('overlays/%s', (name) => {
  const manifests = renderKustomization(overlay(name));
  const objects = inventory(manifests);

  it('renders the whole system, in its namespace', () => {
    expect(manifests.map(describeManifest).sort()).toEqual([
      'Deployment/taskoverflow-api',
      'Deployment/taskoverflow-worker',
      'HorizontalPodAutoscaler/taskoverflow-api',
      'Ingress/taskoverflow',
      'Job/taskoverflow-migrate',
      'NetworkPolicy/taskoverflow',
      'NetworkPolicy/taskoverflow-api',
      'PodDisruptionBudget/taskoverflow-api',
      'PodDisruptionBudget/taskoverflow-worker',
      'ScaledObject/taskoverflow-worker',
      'Service/taskoverflow-api',
      'ServiceAccount/taskoverflow',
      'ServiceAccount/taskoverflow-migrate',
      'TriggerAuthentication/taskoverflow-database',
    ]);
    expect(new Set(manifests.map((manifest) => manifest.metadata.namespace))).toEqual(
      new Set(['taskoverflow']),
    );
  });

  for (const { rule, check } of Object.values(CHECKS)) {
    it(rule, () => expect(check(objects)).toEqual([]));
  }
});

describe('overlays/production', () => {
  it('serves https, and runs the release its images: entry names', () => {
    const objects = inventory(renderKustomization(overlay('production')));
    const api = objects.deployments.find((d) => d.metadata?.name === 'taskoverflow-api');
    const container = api?.spec?.template.spec?.containers[0];
    expect(container?.env?.find((v) => v.name === 'PUBLIC_URL')?.value).toMatch(/^https:\/\//);
    expect(container?.image).toBe('ghcr.io/taskoverflow/taskoverflow:1.0.0');
  });
});
