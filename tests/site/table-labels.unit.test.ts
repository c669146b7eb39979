/** The labels a phone shows above each cell of a stacked table (src/lib/table-labels.ts). */
import { parse } from "node-html-parser";
import { describe, expect, it } from "vitest";
import { labelTables } from "../../src/lib/table-labels";

const table = `<p>Before</p><table><thead><tr><th>Setting</th><th>Default <code>s</code></th></tr></thead>
<tbody><tr><td><strong>SSO Session Idle</strong></td><td>30 minutes</td></tr><tr><td>Max</td><td>10 hours</td></tr></tbody></table>
<pre><code>&lt;table&gt; stays text</code></pre>`;

describe("labelTables", () => {
  const labelled = parse(labelTables(table));

  it("labels each body cell with its column's header text", () => {
    expect(labelled.querySelectorAll("td").map((cell) => cell.getAttribute("data-label"))).toEqual([
      "Setting",
      "Default s",
      "Setting",
      "Default s",
    ]);
  });

  it("gives the table, its groups, rows and cells their ARIA roles", () => {
    expect(labelled.querySelector("table")?.getAttribute("role")).toBe("table");
    expect(labelled.querySelectorAll("thead, tbody").map((group) => group.getAttribute("role"))).toEqual([
      "rowgroup",
      "rowgroup",
    ]);
    expect(labelled.querySelectorAll("tr").every((row) => row.getAttribute("role") === "row")).toBe(true);
    expect(labelled.querySelectorAll("th").every((header) => header.getAttribute("role") === "columnheader")).toBe(
      true,
    );
    expect(labelled.querySelectorAll("td").every((cell) => cell.getAttribute("role") === "cell")).toBe(true);
  });

  it("leaves everything else as it was", () => {
    expect(labelTables("<p>No table</p>")).toBe("<p>No table</p>");
    expect(labelTables(table).replace(/ (role|data-label)="[^"]*"| data-stacked(="")?/g, "")).toBe(table);
  });
});
