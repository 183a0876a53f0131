// The block structure of a Markdown file that a paper list needs: headings and list items,
// each with its line. Everything else (paragraphs, tables, code, HTML comments) is passed over.
#pragma once

#include <string>
#include <variant>
#include <vector>

namespace mlsys::indexer {

struct MarkdownHeading {
    int level = 0;        // 1–6 for '#'…'######'; a bold line standing alone is one deeper
    std::string text;     // trailing '#'s removed, squeezed
    std::size_t line = 0;
    bool bold_line = false;  // "**General**" on a line of its own, used as a sub-heading
};

struct MarkdownItem {
    std::size_t line = 0;
    int indent = 0;          // columns before the marker, tabs to multiples of 4
    bool nested = false;     // indented under another item
    std::string text;        // the first paragraph; lazy continuation lines joined with '\n'
    std::vector<std::string> body;  // later paragraphs indented under the item (author lines, "Code: …")
    std::size_t last_line = 0;
};

using MarkdownBlock = std::variant<MarkdownHeading, MarkdownItem>;

// ATX headings, bullet ('-', '*', '+') and ordered ("1." "1)") list items with their lazy
// continuation lines and indented paragraphs. Fenced code and <!-- comments --> are skipped.
std::vector<MarkdownBlock> markdown_blocks(const std::vector<std::string>& lines);

}  // namespace mlsys::indexer
