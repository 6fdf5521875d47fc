// Parse a Mermaid file with Mermaid's own parser (in a jsdom window): exit 0 if it parses.
// Used by tests/test_export.py; the tests copy it next to the node_modules it imports from.
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
  console.log(JSON.stringify(result));
} catch (error) {
  console.error(String(error.message || error));
  process.exit(1);
}
