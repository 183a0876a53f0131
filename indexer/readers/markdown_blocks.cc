#include "readers/markdown_blocks.h"

#include "mlsys/schema/text.h"

#include <cmark-gfm.h>

#include <algorithm>
#include <cctype>
#include <memory>
#include <optional>
#include <string_view>

namespace mlsys::indexer {

namespace {

// "## Text ##": up to three spaces, one to six '#', then the end or a space or tab.
std::optional<MarkdownHeading> heading_in(std::string_view line, std::size_t line_number) {
    const std::size_t hashes = line.find_first_not_of(' ');
    if (hashes > 3 || line[hashes] != '#') return std::nullopt;  // std::string_view::npos, a blank line, is > 3 too
    const std::size_t after_hashes = std::min(line.find_first_not_of('#', hashes), line.size());
    const std::size_t level = after_hashes - hashes;
    const std::string_view rest = line.substr(after_hashes);
    if (level > 6 || (!rest.empty() && rest.front() != ' ' && rest.front() != '\t')) {
        return std::nullopt;
    }
    std::string text(text::trim(rest, " \t"));
    // A closing run of '#'s (after a space, or alone) is not part of the heading.
    const std::size_t last_kept = text.find_last_not_of('#');
    if (last_kept == std::string::npos) {
        text.clear();
    } else if (last_kept + 1 < text.size() && (text[last_kept] == ' ' || text[last_kept] == '\t')) {
        text.erase(last_kept);
    }
    return MarkdownHeading{static_cast<int>(level), text::squeeze_spaces(text), line_number, false};
}

// "**General**" alone on an unindented line: a list's sub-heading.
std::optional<std::string> bold_line_in(std::string_view line) {
    const std::string_view delimiter = line.substr(0, 2);
    if (delimiter != "**" && delimiter != "__") return std::nullopt;
    const std::string_view bold = line.substr(0, line.find_last_not_of(" \t") + 1);
    constexpr std::size_t kShortest = 5;  // "**x**"
    if (bold.size() < kShortest || bold[2] == '*' || bold[2] == '_' || bold.substr(bold.size() - 2) != delimiter) {
        return std::nullopt;
    }
    const std::string_view inner = bold.substr(2, bold.size() - 4);
    return text::squeeze_spaces(inner);
}

// The file as cmark counts lines ('\n', "\r\n" or '\r' ends one), each with the number of the
// line of the file ('\n' ends one) it is on, so that a lone carriage return moves no line
// number the reader reports.
class SourceLines {
  public:
    explicit SourceLines(std::string_view text) {
        std::size_t file_line = 1;
        std::size_t start = 0;
        while (start < text.size()) {
            const std::size_t end = std::min(text.find_first_of("\r\n", start), text.size());
            lines_.push_back(text.substr(start, end - start));
            file_lines_.push_back(file_line);
            start = end;
            if (start < text.size() && text[start] == '\r') ++start;
            if (start < text.size() && text[start] == '\n') ++start, ++file_line;
        }
    }

    // cmark's line `number` (from 1), from byte `column` (from 1) on.
    std::string_view line(int number, int column = 1) const {
        if (number < 1 || static_cast<std::size_t>(number) > lines_.size()) return {};
        const std::string_view whole = lines_[static_cast<std::size_t>(number - 1)];
        return whole.substr(std::min(whole.size(), static_cast<std::size_t>(std::max(column, 1) - 1)));
    }

    std::size_t file_line(int number) const {
        if (lines_.empty()) return 1;
        const std::size_t index =
            std::clamp<std::size_t>(static_cast<std::size_t>(std::max(number, 1)), 1, lines_.size());
        return file_lines_[index - 1];
    }

  private:
    std::vector<std::string_view> lines_;
    std::vector<std::size_t> file_lines_;
};

struct NodeFree {
    void operator()(cmark_node* node) const { cmark_node_free(node); }
};
struct ParserFree {
    void operator()(cmark_parser* parser) const { cmark_parser_free(parser); }
};
struct IterFree {
    void operator()(cmark_iter* iter) const { cmark_iter_free(iter); }
};

std::unique_ptr<cmark_node, NodeFree> parse(std::string_view text) {
    const std::unique_ptr<cmark_parser, ParserFree> parser(cmark_parser_new(CMARK_OPT_DEFAULT));
    cmark_parser_feed(parser.get(), text.data(), text.size());
    return std::unique_ptr<cmark_node, NodeFree>(cmark_parser_finish(parser.get()));
}

// The blocks a paper list needs, from cmark's tree: the tree gives the structure (which lines
// are a heading, a list item, a paragraph of an item, code or HTML), and the item's text is
// the Markdown source of its paragraphs, for the item patterns (markdown_items) to read.
class BlockCollector {
  public:
    explicit BlockCollector(std::string_view text) : lines_(text) {}

    std::vector<MarkdownBlock> collect(cmark_node* document) {
        const std::unique_ptr<cmark_iter, IterFree> iter(cmark_iter_new(document));
        for (cmark_event_type event; (event = cmark_iter_next(iter.get())) != CMARK_EVENT_DONE;) {
            cmark_node* node = cmark_iter_get_node(iter.get());
            const cmark_node_type type = cmark_node_get_type(node);
            if (type == CMARK_NODE_ITEM) {
                if (event == CMARK_EVENT_ENTER) add_item(node);
                item_depth_ += event == CMARK_EVENT_ENTER ? 1 : -1;
            } else if (event == CMARK_EVENT_ENTER && type == CMARK_NODE_HEADING) {
                add_heading(node);
            } else if (event == CMARK_EVENT_ENTER && type == CMARK_NODE_PARAGRAPH && item_depth_ == 0) {
                if (!add_to_last_item(node)) add_bold_line(node);
            }
        }
        return std::move(blocks_);
    }

  private:
    void add_heading(cmark_node* node) {
        const int first = cmark_node_get_start_line(node);
        const std::size_t line = lines_.file_line(first);
        auto heading = heading_in(lines_.line(first, cmark_node_get_start_column(node)), line);
        if (!heading) {  // a setext heading: its text over a line of '=' or '-'
            std::string text;
            for (int i = first; i < cmark_node_get_end_line(node); ++i)
                text.append(text::trim(lines_.line(i), " \t")).append(" ");
            heading = MarkdownHeading{cmark_node_get_heading_level(node), text::squeeze_spaces(text), line, false};
        }
        last_heading_level_ = heading->level;
        blocks_.emplace_back(std::move(*heading));
    }

    // A paragraph indented under the item just before it, though by fewer columns than
    // CommonMark needs to keep it in the item ("1. **Title**", blank, "  Code: …"): the list's
    // author meant it for the item, so it joins the item's body as it would have with enough.
    bool add_to_last_item(cmark_node* paragraph) {
        cmark_node* previous = cmark_node_previous(paragraph);
        if (!previous || cmark_node_get_type(previous) != CMARK_NODE_LIST) return false;
        if (blocks_.empty() || !std::holds_alternative<MarkdownItem>(blocks_.back())) return false;
        MarkdownItem& item = std::get<MarkdownItem>(blocks_.back());
        if (cmark_node_get_start_column(paragraph) - 1 <= item.indent) return false;
        item.body.push_back(paragraph_source(paragraph));
        item.last_line = lines_.file_line(cmark_node_get_end_line(paragraph));
        return true;
    }

    // "**General**" alone on an unindented line of a paragraph outside lists: a sub-heading.
    void add_bold_line(cmark_node* node) {
        const int first = cmark_node_get_start_line(node);
        if (cmark_node_get_start_column(node) != 1) return;
        if (auto bold = bold_line_in(lines_.line(first))) {
            blocks_.emplace_back(MarkdownHeading{last_heading_level_ + 1, *bold, lines_.file_line(first), true});
        }
    }

    void add_item(cmark_node* node) {
        MarkdownItem item;
        item.line = item.last_line = lines_.file_line(cmark_node_get_start_line(node));
        item.indent = cmark_node_get_start_column(node) - 1;
        item.nested = item_depth_ > 0;
        for (cmark_node* child = cmark_node_first_child(node); child; child = cmark_node_next(child)) {
            if (cmark_node_get_type(child) != CMARK_NODE_PARAGRAPH) continue;
            std::string paragraph = paragraph_source(child);
            if (child == cmark_node_first_child(node)) {
                item.text = std::move(paragraph);
            } else {
                item.body.push_back(std::move(paragraph));
            }
            item.last_line = lines_.file_line(cmark_node_get_end_line(child));
        }
        blocks_.emplace_back(std::move(item));
    }

    // A paragraph's Markdown: its first line from where it starts, then its other lines
    // without the white space around them, joined with '\n'.
    std::string paragraph_source(cmark_node* paragraph) const {
        const int first = cmark_node_get_start_line(paragraph);
        std::string source(lines_.line(first, cmark_node_get_start_column(paragraph)));
        for (int i = first + 1; i <= cmark_node_get_end_line(paragraph); ++i)
            source.append("\n").append(text::trim(lines_.line(i), " \t"));
        return source;
    }

    SourceLines lines_;
    std::vector<MarkdownBlock> blocks_;
    int item_depth_ = 0;
    int last_heading_level_ = 0;
};

}  // namespace

std::vector<MarkdownBlock> markdown_blocks(std::string_view text) {
    const auto document = parse(text);
    return BlockCollector(text).collect(document.get());
}

}  // namespace mlsys::indexer
