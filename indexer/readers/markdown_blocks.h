// The block structure of a Markdown file that a paper list needs: headings and list items,
// each with its line. Everything else (paragraphs, tables, code, HTML comments) is passed over.
#pragma once

#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace mlsys::indexer {

struct MarkdownHeading {
    int level = 0;     // 1–6 for '#'…'######'; a bold line standing alone is one deeper
    std::string text;  // trailing '#'s removed, squeezed
    std::size_t line = 0;
    bool bold_line = false;  // "**General**" on a line of its own, used as a sub-heading
};

struct MarkdownItem {
    std::size_t line = 0;
    int indent = 0;                 // bytes before the marker on its line
    bool nested = false;            // indented under another item
    std::string text;               // the first paragraph; its lines (lazy continuations too) joined with '\n'
    std::vector<std::string> body;  // later paragraphs indented under the item (author lines, "Code: …")
    std::size_t last_line = 0;
};

using MarkdownBlock = std::variant<MarkdownHeading, MarkdownItem>;

// Headings (ATX and setext), list items with their paragraphs, and bold lines, as cmark-gfm
// (the CommonMark parser GitHub renders lists with) reads the blocks of `text`. Code, HTML
// blocks and <!-- comments --> are passed over; an item's text is the Markdown of its first
// paragraph (lines after the first without their indentation), its body the later ones.
std::vector<MarkdownBlock> markdown_blocks(std::string_view text);

}  // namespace mlsys::indexer
