/** Manifests the CLI tests deploy, as YAML text. */

/** A Deployment `name` of one container `example/<name>:<tag>`. */
export function deploymentYaml(tag: string, options: { name?: string; replicas?: number } = {}) {
  const name = options.name ?? "web";
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  replicas: ${options.replicas ?? 1}
  selector:
    matchLabels: {app: ${name}}
  template:
    metadata:
      labels: {app: ${name}}
    spec:
      containers:
        - name: app
          image: example/${name}:${tag}
`;
}

/** A ConfigMap `name` with one key, followed by a document separator. */
export function configMapYaml(name: string, data = 'a: "1"'): string {
  return `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata: {${data}}\n---\n`;
}
