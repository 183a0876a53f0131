// What a Markdown list item says about a paper, for the shapes markdown_reader.h describes.
#pragma once

#include "readers/markdown_blocks.h"
#include "readers/venue_matching.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mlsys::indexer {

struct ItemPaper {
    std::string title;
    std::string url;
    std::optional<VenueYear> venue_year;  // absent when the item names no venue or year itself
    std::vector<std::string> labels;      // "[Survey :mag:]" → Survey
    std::vector<std::string> badges;      // shields.io badge labels, in order
    std::string nickname;
    std::string code;  // a "Code:" link
    std::vector<std::string> authors;
};

// The paper an item describes, or nullopt when the item has none of the paper shapes.
std::optional<ItemPaper> paper_in_item(const MarkdownItem& item);

// An item that is plainly no paper, so that not reading it is no news: a blank item, an
// image or badge first (a badge legend), an HTML comment, or only links into the page itself
// ("[Training](#training)", a table of contents).
bool plainly_not_a_paper(const MarkdownItem& item);

// Markdown inline text as plain text: images dropped, links replaced by their text, '**', '__'
// and backticks removed, backslash escapes resolved, white space squeezed.
std::string inline_text(std::string_view markdown);

}  // namespace mlsys::indexer
