/**
 * Gives each body cell of a page's tables its column's header as `data-label`, which
 * src/styles/custom.css shows above the cell when a narrow screen stacks the table's rows into
 * cards. The explicit ARIA roles keep the table a table for screen readers once CSS changes how
 * its parts display. Runs at build time on a page's content HTML (src/components/MarkdownContent.astro).
 */
import { type HTMLElement, parse } from "node-html-parser";

const rowsOf = (group: HTMLElement) => group.querySelectorAll(":scope > tr");

export function labelTables(html: string): string {
  if (!html.includes("<table")) return html;
  const root = parse(html, { comment: true });
  for (const table of root.querySelectorAll("table")) {
    const headerRow = table.querySelector(":scope > thead > tr");
    if (!headerRow || table.hasAttribute("data-stacked")) continue;
    const labels = headerRow.querySelectorAll(":scope > th").map((header) => header.text.trim());
    table.setAttribute("role", "table");
    table.setAttribute("data-stacked", "");
    for (const group of table.querySelectorAll(":scope > thead, :scope > tbody")) {
      group.setAttribute("role", "rowgroup");
      for (const row of rowsOf(group)) {
        row.setAttribute("role", "row");
        for (const header of row.querySelectorAll(":scope > th")) header.setAttribute("role", "columnheader");
        row.querySelectorAll(":scope > td").forEach((cell, index) => {
          cell.setAttribute("role", "cell");
          cell.setAttribute("data-label", labels[index] ?? "");
        });
      }
    }
  }
  return root.toString();
}
