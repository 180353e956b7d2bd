/**
 * kubectl edit with the editor from KUBE_EDITOR / EDITOR (kubectl pkg/cmd/util/editor: editoptions.go Run,
 * editHeader.writeTo, editResults.addError, preservedFile, hasLines; editor.go defaultEnvEditor and
 * LaunchTempFile: /tmp/kubectl-edit-<uint32>.yaml). Editors are shell commands; full-screen ones cannot run here.
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../sim/index';

function setup() {
  const c = createCluster();
  c.run('kubectl create deployment web --image=nginx:1.27');
  return c;
}

describe('kubectl edit', () => {
  it('a sed edit is patched in and printed as edited; the temporary file is removed', () => {
    const c = setup();
    const r = c.run(`KUBE_EDITOR="sed -i 's/replicas: 1/replicas: 3/'" kubectl edit deploy web`);
    expect([r.stdout, r.stderr, r.exitCode]).toEqual(['deployment.apps/web edited\n', '', 0]);
    expect(c.run(`kubectl get deploy web -o jsonpath='{.spec.replicas}'`).stdout).toBe('3');
    expect(c.run('ls /tmp').stdout).toBe('');
  });

  it('the file the editor gets: the header, then the object as get -o yaml prints it', () => {
    const c = setup();
    const r = c.run('EDITOR=cat kubectl edit deploy/web');
    const yaml = c.run('kubectl get deploy web -o yaml').stdout;
    expect(r.stdout).toBe(
      "# Please edit the object below. Lines beginning with a '#' will be ignored,\n# and an empty file will abort the edit. If an error occurs while saving this file will be\n# reopened with the relevant failures.\n#\n" + yaml,
    );
    expect(r.stderr).toBe('Edit cancelled, no changes made.\n');
    expect(r.exitCode).toBe(0);
  });

  it('an invalid change: the error, the file reopened with the causes, then cancelled with the copy kept', () => {
    const c = setup();
    const r = c.run(`KUBE_EDITOR="sed -i 's/- image: nginx:1.27/- image: \\"\\"/'" kubectl edit deploy web`);
    expect(r.exitCode).toBe(1);
    const m = /^error: deployments\.apps "web" is invalid\nA copy of your changes has been stored to "(\/tmp\/kubectl-edit-\d+\.yaml)"\nerror: Edit cancelled, no valid changes were saved\.\n$/.exec(r.stderr);
    expect(m, r.stderr).not.toBeNull();
    const kept = c.run(`cat ${m![1]}`).stdout;
    expect(kept).toContain('# deployments.apps "web" was not valid:\n# * spec.template.spec.containers[0].image: Required value\n#\n');
    expect(kept).toContain('- image: ""\n');
  });

  it('an emptied file cancels; a failing editor is reported; a full-screen editor is refused', () => {
    const c = setup();
    expect(c.run(`KUBE_EDITOR="sed -i d" kubectl edit deploy web`).stderr).toBe('Edit cancelled, saved file was empty.\n');
    expect(c.run('KUBE_EDITOR=false kubectl edit deploy web').stderr).toBe('error: there was a problem with the editor "false"\n');
    const vi = c.run('kubectl edit deploy web');
    expect(vi.exitCode).toBe(1);
    expect(vi.stderr).toMatch(/^error: this terminal cannot run the full-screen editor "vi"/);
  });

  it('the edit owns what it changed (field manager kubectl-edit): server-side apply conflicts name it', () => {
    const c = createCluster();
    c.run(`cat > d.yaml <<'EOF'
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 1
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
EOF
kubectl apply --server-side -f d.yaml`);
    c.run(`KUBE_EDITOR="sed -i 's/replicas: 1/replicas: 2/'" kubectl edit deploy web`);
    expect(c.run('kubectl apply --server-side -f d.yaml').stderr).toMatch(/^error: Apply failed with 1 conflict: conflict with "kubectl-edit" using apps\/v1: \.spec\.replicas\n/);
  });
});
