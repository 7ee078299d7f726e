/**
 * The learning half of a parallel replay, with a look ahead. Entries are learned in log order,
 * a window behind the newest one received, so the learner knows what comes next: an image
 * whose node and `runs_image` edges would be pruned before the image is seen again (CI ships
 * a new tag per deploy: almost every image) is never put into the graph. Nothing could read
 * those nodes (they are gone before the replay ends), so the state is the one learning every
 * image gives; an image the window cannot prove gone, or already in the graph, is learned.
 */
import type { ReplayBatch } from "./_fs_replay_protocol.ts";
import { learn, STATUS_CONFIDENCE } from "./_ingest_graph.ts";
import { advance, PRUNE_EVERY } from "./ingest.ts";
import { ReceivedBatch } from "./_replay_batch_read.ts";
import { type Prunes, type Touch, touchesBeforeDrop } from "./_replay_image_fate.ts";
import type { MemoryState } from "./state.ts";

/** Entries kept received and not yet learned: enough for an image's node to decay away. */
export const LOOKAHEAD = 32_768;

/** A batch received, and the sequence number of its first entry. */
type Batch = { batch: ReceivedBatch; first: number };

/** Learns entries in order, each once `window` newer ones were received (or at the end). */
export class LookaheadLearner {
  #state: MemoryState;
  #window: number;
  #batches: Batch[] = [];
  /** Entries received, and the sequence number of the next one to learn. */
  #received = 0;
  #next = 0;
  /** The log time of each entry from `#timesFrom` on. */
  #times: number[] = [];
  #timesFrom = 0;
  /**
   * Each image followed: a number for one that may be in the graph, learned as it comes (the
   * sequence number of its last mention received; -1: none yet), forgotten once pruned and
   * mentioned by no entry left; for any other, its received, undecided touches in log order.
   */
  #images = new Map<string, number | Touch[]>();
  /** Images not learned, by the sequence number of the entry naming them (from `#timesFrom`). */
  #unseen: (string[] | undefined)[] = [];
  /** Where and when the graph is pruned. */
  #prunes: Prunes;
  /** Runs of mentions of an image left out so far (each a node the graph did not hold). */
  imagesNotLearned = 0;

  constructor(state: MemoryState, window = LOOKAHEAD) {
    this.#state = state;
    this.#window = window;
    const counted = state.occurrences;
    this.#prunes = {
      // After the entry `seq`, `advance` has counted `counted + seq + 1` occurrences.
      from: (seq) => seq + (PRUNE_EVERY - ((counted + seq + 1) % PRUNE_EVERY)) % PRUNE_EVERY,
      every: PRUNE_EVERY,
      timeAt: (seq) => this.#times[seq - this.#timesFrom] as number,
    };
    for (const node of state.graph.nodes.values()) {
      if (node.kind === "image") this.#images.set(node.name, -1);
    }
  }

  /** Receives a batch (entries in log order) and learns the entries now `window` behind the newest. */
  add(batch: ReplayBatch): void {
    const first = this.#received;
    const received = new ReceivedBatch(batch, (i, image, service, status) => {
      const seq = first + i;
      const followed = this.#images.get(image);
      if (typeof followed === "number") return void this.#images.set(image, seq);
      const touch = {
        seq,
        time: batch.times[i] as number,
        service,
        confidence: STATUS_CONFIDENCE[status],
      };
      if (followed) followed.push(touch);
      else this.#images.set(image, [touch]);
    });
    this.#batches.push({ batch: received, first });
    for (const time of batch.times) (this.#times.push(time), this.#unseen.push(undefined));
    this.#received += received.size;
    while (this.#received - this.#next > this.#window) this.#learnNext();
  }

  /** Learns every entry left (the log was read to its end or to a line read apart). */
  finish(): void {
    while (this.#next < this.#received) this.#learnNext();
  }

  #learnNext(): void {
    const { batch, first } = this.#batches[0] as Batch;
    const seq = this.#next++;
    const time = batch.times[seq - first] as number;
    const entry = batch.entry(seq - first);
    if (this.#next === first + batch.size) this.#batches.shift();
    if (entry) {
      const [id, fields] = entry;
      const at = seq - this.#timesFrom;
      for (const image of fields.images) {
        const followed = this.#images.get(image);
        if (typeof followed !== "number" && !this.#unseen[at]?.includes(image)) {
          this.#decide(image, followed as Touch[]);
        }
      }
      learn(this.#state, fields, { id, time }, this.#unseen[at]);
      this.#unseen[at] = undefined;
    }
    advance(this.#state, time);
    if (this.#prunes.from(seq) === seq) this.#forgetPruned(seq);
    if (this.#next - this.#timesFrom >= this.#window) {
      this.#times = this.#times.slice(this.#next - this.#timesFrom);
      this.#unseen = this.#unseen.slice(this.#next - this.#timesFrom);
      this.#timesFrom = this.#next;
    }
  }

  /**
   * Follows the image from its first received mention (its node is not in the graph): when a
   * prune drops the node before the image is mentioned again, those mentions are not learned.
   */
  #decide(image: string, touches: Touch[]): void {
    const count = touchesBeforeDrop(touches, this.#prunes, this.#received);
    if (count > 0) return this.#skip(image, touches, count);
    this.#images.set(image, (touches.at(-1) as Touch).seq);
  }

  /**
   * After the prune at `seq`: images learned but no longer in the graph, and mentioned by no
   * entry after `seq`, are followed again from their next mention (the set stays as small as
   * the graph).
   */
  #forgetPruned(seq: number): void {
    const inGraph = new Set<string>();
    for (const node of this.#state.graph.nodes.values()) {
      if (node.kind === "image") inGraph.add(node.name);
    }
    for (const [image, last] of this.#images) {
      if (typeof last === "number" && last <= seq && !inGraph.has(image)) {
        this.#images.delete(image);
      }
    }
  }

  #skip(image: string, touches: Touch[], count: number): void {
    this.imagesNotLearned++;
    for (const { seq } of touches.splice(0, count)) {
      const unseen = this.#unseen[seq - this.#timesFrom];
      if (unseen) unseen.push(image);
      else this.#unseen[seq - this.#timesFrom] = [image];
    }
    if (touches.length === 0) this.#images.delete(image);
  }
}
