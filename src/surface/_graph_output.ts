/** What `memory_graph` returns: the filtered graph, and with a picture format the picture. */
import type { Engine } from "../engine/mod.ts";
import type { GraphJson } from "../memory/mod.ts";
import { filterGraph, type GraphFilter, resourceCounts } from "./_graph_filter.ts";
import { renderGraph } from "./_graph_render.ts";

/** The input of `memory_graph`: the filter and the format. */
export interface GraphRequest extends GraphFilter {
  /** json (default): only the graph; dot or mermaid: the picture too, in `text`. */
  format?: "json" | "dot" | "mermaid" | undefined;
}

/** The output of `memory_graph`: the graph, and with a picture format the picture as text. */
export interface GraphOutput extends GraphJson {
  /** The picture format asked for. */
  format?: "dot" | "mermaid";
  /** The picture, in that format. */
  text?: string;
}

/** Reads memory's graph now, filters it and draws it when asked. */
export async function graphOutput(engine: Engine, input: GraphRequest): Promise<GraphOutput> {
  const whole = await engine.memory.graph();
  const graph = filterGraph(whole, input);
  if (input.format === undefined || input.format === "json") return graph;
  const folded = input.resources === true ? new Map<string, number>() : resourceCounts(whole);
  return { ...graph, format: input.format, text: renderGraph(graph, input.format, folded) };
}
