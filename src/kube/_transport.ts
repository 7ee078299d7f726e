/** The transport of a KubeCluster: Deno's fetch with Nopea's own auth, unless the kubeconfig needs client-node. */
import type { KubeConfigView } from "./kubeconfig_view.ts";
import { nativeAccess, routeOf } from "./_native_auth.ts";
import { nativeTransport, type Transport } from "./_native_fetch.ts";
import { clientNodeAccess, clientNodeConfig } from "./_client_node.ts";

/**
 * Opens the transport for the current context of `kc`: Deno's fetch and Nopea's own reading of
 * the credentials; client-node's authentication (exec plugins, auth providers) over Deno's fetch;
 * or client-node's whole transport (proxies, skipped TLS checks, `tls-server-name`, plain http).
 * client-node is loaded only in the last two cases.
 */
export async function openTransport(kc: KubeConfigView, server: string): Promise<Transport> {
  const route = routeOf(kc);
  if (route.transport === "client-node") {
    const [{ NodeTransport }, config] = await Promise.all([
      import("./_node_transport.ts"),
      clientNodeConfig(kc),
    ]);
    return new NodeTransport(config);
  }
  if (route.auth === "client-node") {
    const access = await clientNodeAccess(await clientNodeConfig(kc), server);
    return nativeTransport(access.tls, access.headers);
  }
  const access = nativeAccess(kc);
  return nativeTransport(access, access.headers);
}
