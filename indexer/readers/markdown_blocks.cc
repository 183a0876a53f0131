#include "readers/markdown_blocks.h"

#include "mlsys/schema/text.h"

#include <algorithm>
#include <cctype>
#include <optional>
#include <string_view>

namespace mlsys::indexer {

namespace {

constexpr std::size_t npos = std::string_view::npos;

int columns_of(std::string_view whitespace) {
    int columns = 0;
    for (const char c : whitespace) columns = c == '\t' ? (columns / 4 + 1) * 4 : columns + 1;
    return columns;
}

int indent_of(const std::string& line) {
    return columns_of(std::string_view(line).substr(0, line.find_first_not_of(" \t")));
}

// A carriage return inside a line is a line end to CommonMark, so a line holding one is no
// heading, list item or bold line of its own: it is left to the paragraph rules.
bool has_line_break(std::string_view text) { return text.find_first_of("\r\n") != npos; }

std::string_view without_spaces_around(std::string_view text) {
    const std::size_t start = text.find_first_not_of(" \t");
    if (start == npos) return {};
    return text.substr(start, text.find_last_not_of(" \t") - start + 1);
}

// "## Text ##": up to three spaces, one to six '#', then the end or a space or tab.
std::optional<MarkdownHeading> heading_in(std::string_view line, std::size_t line_number) {
    const std::size_t hashes = line.find_first_not_of(' ');
    if (hashes == npos || hashes > 3 || line[hashes] != '#') return std::nullopt;
    const std::size_t after_hashes = std::min(line.find_first_not_of('#', hashes), line.size());
    const std::size_t level = after_hashes - hashes;
    const std::string_view rest = line.substr(after_hashes);
    if (level > 6 || (!rest.empty() && rest.front() != ' ' && rest.front() != '\t') || has_line_break(rest)) {
        return std::nullopt;
    }
    std::string text(without_spaces_around(rest));
    // A closing run of '#'s (after a space, or alone) is not part of the heading.
    const std::size_t last_kept = text.find_last_not_of('#');
    if (last_kept == std::string::npos) {
        text.clear();
    } else if (last_kept + 1 < text.size() && (text[last_kept] == ' ' || text[last_kept] == '\t')) {
        text.erase(last_kept);
    }
    return MarkdownHeading{static_cast<int>(level), text::squeeze_spaces(text), line_number, false};
}

// Just past a list marker at `pos` ('-', '*', '+', or one to nine digits and '.' or ')'), or npos.
std::size_t list_marker_end(std::string_view line, std::size_t pos) {
    if (line[pos] == '-' || line[pos] == '*' || line[pos] == '+') return pos + 1;
    constexpr std::size_t kMaxDigits = 9;  // CommonMark's bound on an ordered list's number
    std::size_t end = pos;
    while (end < line.size() && end - pos <= kMaxDigits && std::isdigit(static_cast<unsigned char>(line[end]))) ++end;
    const bool digits = end > pos && end - pos <= kMaxDigits;
    return digits && end < line.size() && (line[end] == '.' || line[end] == ')') ? end + 1 : npos;
}

// "- text", "1. text": a marker after any indent, then a space or tab.
std::optional<MarkdownItem> item_in(std::string_view line, std::size_t line_number) {
    const std::size_t marker = line.find_first_not_of(" \t");
    if (marker == npos) return std::nullopt;
    const std::size_t marker_end = list_marker_end(line, marker);
    if (marker_end >= line.size() || (line[marker_end] != ' ' && line[marker_end] != '\t')) return std::nullopt;
    const std::string_view rest = line.substr(marker_end);
    if (has_line_break(rest)) return std::nullopt;
    MarkdownItem item;
    item.line = item.last_line = line_number;
    item.indent = columns_of(line.substr(0, marker));
    item.text = rest.substr(std::min(rest.find_first_not_of(" \t"), rest.size()));
    return item;
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
    if (has_line_break(inner.substr(1))) return std::nullopt;
    return text::squeeze_spaces(inner);
}

bool is_blank(const std::string& line) { return line.find_first_not_of(" \t\r") == std::string::npos; }

std::string trimmed(const std::string& line) {
    const std::size_t start = line.find_first_not_of(" \t");
    const std::size_t end = line.find_last_not_of(" \t\r");
    return start == std::string::npos ? std::string() : line.substr(start, end - start + 1);
}

class BlockCollector {
  public:
    std::vector<MarkdownBlock> collect(const std::vector<std::string>& lines) {
        for (std::size_t i = 0; i < lines.size(); ++i) add_line(lines[i], i + 1);
        close_item();
        return std::move(blocks_);
    }

  private:
    void add_line(const std::string& raw, std::size_t line_number) {
        const std::string line = raw.empty() || raw.back() != '\r' ? raw : raw.substr(0, raw.size() - 1);
        if (skipping_comment_or_code(line)) {
            after_blank_ = true;  // like a blank line, a comment or code block ends a paragraph
            return;
        }
        if (is_blank(line)) {
            after_blank_ = true;
            return;
        }
        if (auto heading = heading_in(line, line_number)) {
            add_heading(std::move(*heading));
        } else if (auto item = item_in(line, line_number)) {
            add_item(std::move(*item));
        } else if (auto bold = bold_line_in(line); bold && indent_of(line) == 0) {
            add_heading(MarkdownHeading{last_heading_level_ + 1, *bold, line_number, true});
        } else {
            add_text(line, line_number);
        }
        after_blank_ = false;
    }

    // <!-- … --> (possibly over several lines) and ``` fenced code ```.
    bool skipping_comment_or_code(const std::string& line) {
        const std::string stripped = trimmed(line);
        if (in_comment_) {
            in_comment_ = stripped.find("-->") == std::string::npos;
            return true;
        }
        if (text::starts_with(stripped, "```") || text::starts_with(stripped, "~~~")) {
            in_code_ = !in_code_;
            return true;
        }
        if (in_code_) return true;
        if (text::starts_with(stripped, "<!--")) {
            in_comment_ = stripped.find("-->", 4) == std::string::npos;
            return true;
        }
        return false;
    }

    void add_heading(MarkdownHeading heading) {
        close_item();
        if (!heading.bold_line) last_heading_level_ = heading.level;
        open_items_.clear();
        blocks_.emplace_back(std::move(heading));
    }

    void add_item(MarkdownItem item) {
        close_item();
        item.nested = !open_items_.empty() && item.indent > open_items_.back();
        while (!open_items_.empty() && item.indent <= open_items_.back()) open_items_.pop_back();
        open_items_.push_back(item.indent);
        current_ = std::move(item);
    }

    void add_text(const std::string& line, std::size_t line_number) {
        if (!current_) {
            open_items_.clear();  // a paragraph outside any list ends the list
            return;
        }
        if (!after_blank_ && current_->body.empty()) {
            current_->text += "\n" + trimmed(line);  // lazy continuation of the first paragraph
        } else if (indent_of(line) > current_->indent) {
            if (after_blank_ || current_->body.empty()) {
                current_->body.push_back(trimmed(line));
            } else {
                current_->body.back() += "\n" + trimmed(line);
            }
        } else {
            close_item();
            open_items_.clear();
            return;
        }
        current_->last_line = line_number;
    }

    void close_item() {
        if (current_) blocks_.emplace_back(std::move(*current_));
        current_.reset();
    }

    std::vector<MarkdownBlock> blocks_;
    std::optional<MarkdownItem> current_;
    std::vector<int> open_items_;  // indents of the items the next one may nest under
    int last_heading_level_ = 0;
    bool after_blank_ = false;
    bool in_comment_ = false;
    bool in_code_ = false;
};

}  // namespace

std::vector<MarkdownBlock> markdown_blocks(const std::vector<std::string>& lines) {
    return BlockCollector().collect(lines);
}

}  // namespace mlsys::indexer

