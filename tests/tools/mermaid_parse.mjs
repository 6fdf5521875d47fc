// Parse a Mermaid file with Mermaid's own parser (in a jsdom window): exit 0 if it parses.
// Prints the diagram type and, for a flowchart, what Mermaid made of it: its vertices (id,
// label text as Mermaid stores it, links and callbacks) and edges, so tests can check that
// text stayed text. Used by the tests, which copy it next to the node_modules it imports from.
import { JSDOM } from "jsdom";
import { readFileSync } from "node:fs";
const dom = new JSDOM("<!DOCTYPE html><body></body>");
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const { default: mermaid } = await import("mermaid");
mermaid.initialize({ startOnLoad: false });
const text = readFileSync(process.argv[2], "utf8");
try {
  const result = await mermaid.parse(text);
  const output = { diagramType: result.diagramType };
  if (result.diagramType.startsWith("flowchart")) {
    const db = (await mermaid.mermaidAPI.getDiagramFromText(text)).db;
    output.vertices = [...db.getVertices().values()].map((v) => ({
      id: v.id,
      text: v.text,
      link: v.link ?? null,
      haveCallback: Boolean(v.haveCallback),
    }));
    output.edges = db.getEdges().map((e) => ({ start: e.start, end: e.end, text: e.text }));
    output.subgraphs = db.getSubGraphs().map((s) => ({ id: s.id, title: s.title }));
  }
  console.log(JSON.stringify(output));
} catch (error) {
  console.error(String(error.message || error));
  process.exit(1);
}
