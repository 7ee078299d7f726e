/** Cluster IP (10.96.0.0/16) and node port (30000-32767) allocation for Services. */
import type { JsonObject } from "../types.ts";
import { getPath, isObject } from "./_json.ts";

class Pool {
  readonly #used = new Set<number>();
  readonly #first: number;
  readonly #size: number;
  #cursor = 0;

  constructor(first: number, size: number, reserved: readonly number[]) {
    this.#first = first;
    this.#size = size;
    for (const r of reserved) this.#used.add(r);
  }

  claim(n: number): void {
    this.#used.add(n);
  }

  release(n: number): void {
    this.#used.delete(n);
  }

  /** A free number; taken unless `dryRun`. */
  take(dryRun: boolean): number {
    for (let i = 0; i < this.#size; i++) {
      const n = this.#first + (this.#cursor + i) % this.#size;
      if (this.#used.has(n)) continue;
      if (!dryRun) {
        this.#used.add(n);
        this.#cursor = (n - this.#first + 1) % this.#size;
      }
      return n;
    }
    throw new RangeError("No free address left in the pool");
  }
}

function ipOf(n: number): string {
  return `10.96.${n >> 8}.${n & 255}`;
}

function numberOf(ip: unknown): number | undefined {
  const m = typeof ip === "string" ? /^10\.96\.(\d+)\.(\d+)$/.exec(ip) : null;
  return m ? Number(m[1]) * 256 + Number(m[2]) : undefined;
}

/** The Service address pools. */
export class ServiceAllocators {
  #ips = new Pool(1, 65534, [1, 10]);
  #ports = new Pool(30000, 2768, []);

  /** Frees every address (state import). */
  reset(): void {
    this.#ips = new Pool(1, 65534, [1, 10]);
    this.#ports = new Pool(30000, 2768, []);
  }

  /** A free cluster IP (`10.96.x.y`); reserved unless `dryRun`. */
  clusterIp(dryRun: boolean): string {
    return ipOf(this.#ips.take(dryRun));
  }

  /** A free node port; reserved unless `dryRun`. */
  nodePort(dryRun: boolean): number {
    return this.#ports.take(dryRun);
  }

  /** Marks a stored Service's addresses used (`used`) or free. */
  track(service: JsonObject, used: boolean): void {
    const ips = getPath(service, ["spec", "clusterIPs"]);
    for (const ip of Array.isArray(ips) ? ips : [getPath(service, ["spec", "clusterIP"])]) {
      const n = numberOf(ip);
      if (n !== undefined) used ? this.#ips.claim(n) : this.#ips.release(n);
    }
    const ports = getPath(service, ["spec", "ports"]);
    for (const p of Array.isArray(ports) ? ports.filter(isObject) : []) {
      const n = p["nodePort"];
      if (typeof n === "number") used ? this.#ports.claim(n) : this.#ports.release(n);
    }
  }
}
