import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseImage, renderKustomization, strategicMerge } from './kustomize.js';

describe('strategicMerge', () => {
  const withContainers = (containers: object[]) => ({
    spec: { template: { spec: { containers } } },
  });
  const api = {
    name: 'api',
    image: 'a',
    command: ['node', 'a.js'],
    env: [
      { name: 'A', value: '1' },
      { name: 'C', value: '4' },
    ],
  };
  const deployment = withContainers([api, { name: 'sidecar', image: 's' }]);

  it('merges containers and env by name, replaces other lists, deletes on null', () => {
    const patch = withContainers([
      { name: 'sidecar', image: null },
      {
        name: 'api',
        command: ['node', 'b.js'],
        env: [
          { name: 'B', value: '3' },
          { name: 'A', value: '2' },
        ],
      },
    ]);
    expect(strategicMerge(deployment, patch)).toEqual(
      withContainers([
        {
          ...api,
          command: ['node', 'b.js'],
          env: [
            { name: 'A', value: '2' },
            { name: 'C', value: '4' },
            { name: 'B', value: '3' },
          ],
        },
        { name: 'sidecar' },
      ]),
    );
  });

  it('refuses patch directives it does not implement', () => {
    expect(() => strategicMerge(deployment, { spec: { $patch: 'replace' } })).toThrow(/\$patch/);
  });
});

describe('parseImage', () => {
  it('tells the tag from a registry port', () => {
    expect(parseImage('localhost:5000/taskoverflow')).toEqual({
      name: 'localhost:5000/taskoverflow',
    });
    expect(parseImage('ghcr.io/t/t:1.0@sha256:ab')).toEqual({
      name: 'ghcr.io/t/t',
      tag: '1.0',
      digest: 'sha256:ab',
    });
  });
});

describe('renderKustomization', () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const write = (files: Record<string, string>) => {
    dir = mkdtempSync(join(tmpdir(), 'kustomize-'));
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    return dir;
  };
  const job =
    'apiVersion: batch/v1\nkind: Job\nmetadata: { name: j }\nspec: { template: { spec: { containers: [{ name: c, image: "r/i" }] } } }\n';

  it('sets the namespace and the image', () => {
    const [rendered] = renderKustomization(
      write({
        'kustomization.yaml':
          'resources: [job.yaml]\nnamespace: n\nimages: [{ name: r/i, newName: o/i, newTag: "2" }]\n',
        'job.yaml': job,
      }),
    );
    expect(rendered).toMatchObject({
      metadata: { name: 'j', namespace: 'n' },
      spec: { template: { spec: { containers: [{ image: 'o/i:2' }] } } },
    });
  });

  it('refuses a feature it does not render, rather than skip it', () => {
    const tree = write({
      'kustomization.yaml': 'resources: [job.yaml]\ncommonLabels: { a: b }\n',
      'job.yaml': job,
    });
    expect(() => renderKustomization(tree)).toThrow(/unsupported field\(s\) commonLabels/);
  });

  it('refuses a patch without a target', () => {
    const tree = write({
      'kustomization.yaml': 'resources: [job.yaml]\npatches: [{ path: patch.yaml }]\n',
      'job.yaml': job,
      'patch.yaml': 'apiVersion: batch/v1\nkind: Job\nmetadata: { name: k }\n',
    });
    expect(() => renderKustomization(tree)).toThrow(/no Job\/k to patch/);
  });
});
