#include "readers/markdown_items.h"

#include "mlsys/schema/text.h"

#include <algorithm>
#include <cctype>
#include <optional>
#include <string_view>

namespace mlsys::indexer {

namespace {

constexpr std::string_view kWhiteSpace = " \t\n\v\f\r";

// The first of `chars` at or after a start that only grows from call to call, remembered, so
// that however many starts a search tries, each byte is looked at once.
class NextOf {
  public:
    NextOf(std::string_view text, std::string_view chars)
        : text_(text), chars_(chars), found_(text.find_first_of(chars)) {}

    std::size_t from(std::size_t start) {
        if (found_ != std::string_view::npos && found_ < start) found_ = text_.find_first_of(chars_, start);
        return found_;
    }

  private:
    std::string_view text_;
    std::string_view chars_;
    std::size_t found_;
};

struct InlineLink {
    std::size_t begin = 0;  // the '[' (or the '!' of "![")
    std::size_t end = 0;    // just past the ')'
    std::string_view label;
    std::string_view target;
};

// Each "[label](target)" (with `opener` "![": each image) left to right, as a regex search for
// `\[[^\]]*\]\([^)]*\)` finds them, but in linear time: the label runs to the first ']', the
// target to the first of `target_ends`, which must be ')'. `take(link)` says whether the link
// is taken; the search goes on after one taken, else from the next byte.
template <typename Take>
void for_each_link(std::string_view text, std::string_view opener, std::string_view target_ends, Take take) {
    NextOf label_end(text, "]");
    NextOf target_end(text, target_ends);
    for (std::size_t begin = text.find(opener); begin != std::string_view::npos; begin = text.find(opener, begin + 1)) {
        const std::size_t close = label_end.from(begin + opener.size());
        if (close == std::string_view::npos) return;  // no ']' left: no link either
        if (close + 1 >= text.size() || text[close + 1] != '(') continue;
        const std::size_t end = target_end.from(close + 2);
        if (end == std::string_view::npos || text[end] != ')') continue;
        const InlineLink link{begin, end + 1, text.substr(begin + opener.size(), close - begin - opener.size()),
                              text.substr(close + 2, end - close - 2)};
        if (take(link)) begin = end;
    }
}

// `text` with each link that `replace` gives a replacement for replaced (see for_each_link).
template <typename Replace>
std::string replace_links(std::string_view text, std::string_view opener, std::string_view target_ends,
                          Replace replace) {
    std::string out;
    std::size_t copied = 0;
    for_each_link(text, opener, target_ends, [&](const InlineLink& link) {
        const std::optional<std::string> replacement = replace(link);
        if (!replacement) return false;
        out.append(text.substr(copied, link.begin - copied)).append(*replacement);
        copied = link.end;
        return true;
    });
    return out.append(text.substr(copied));
}

std::string replace_all(std::string_view text, std::string_view from, std::string_view to) {
    std::string out;
    std::size_t copied = 0;
    for (std::size_t found = text.find(from); found != std::string_view::npos; found = text.find(from, copied)) {
        out.append(text.substr(copied, found - copied)).append(to);
        copied = found + from.size();
    }
    return out.append(text.substr(copied));
}

// The index of the bracket closing the one at `open` ('[' or '('), or std::string_view::npos.
std::size_t matching_close(std::string_view text, std::size_t open) {
    const char opener = text[open];
    const char closer = opener == '[' ? ']' : ')';
    int depth = 0;
    for (std::size_t i = open; i < text.size(); ++i) {
        if (text[i] == '\\') {
            ++i;
            continue;
        }
        if (text[i] == opener) ++depth;
        if (text[i] == closer && --depth == 0) return i;
    }
    return std::string_view::npos;
}

// The index of the bracket opening the one that closes at `close`, or std::string_view::npos.
std::size_t matching_open(std::string_view text, std::size_t close) {
    const char closer = text[close];
    const char opener = closer == ']' ? '[' : '(';
    int depth = 0;
    for (std::size_t i = close + 1; i-- > 0;) {
        if (text[i] == closer) ++depth;
        if (text[i] == opener && --depth == 0) return i;
    }
    return std::string_view::npos;
}

struct Link {
    std::string label;
    std::string target;
    std::size_t end = 0;  // just past the ')'
};

// "[label](target)" starting at `pos`.
std::optional<Link> link_at(std::string_view text, std::size_t pos) {
    if (pos >= text.size() || text[pos] != '[') return std::nullopt;
    const std::size_t close = matching_close(text, pos);
    if (close == std::string_view::npos || close + 1 >= text.size() || text[close + 1] != '(') return std::nullopt;
    const std::size_t paren_close = matching_close(text, close + 1);
    if (paren_close == std::string_view::npos) return std::nullopt;
    return Link{std::string(text.substr(pos + 1, close - pos - 1)),
                text::squeeze_spaces(text.substr(close + 2, paren_close - close - 2)), paren_close + 1};
}

bool is_backticked(std::string_view text) {
    return text.size() >= 2 && text.front() == '`' && text.back() == '`';
}

// "https://img.shields.io/badge/Resource-cc9e08" → Resource; shields.io writes '-' as "--" and
// ' ' as '_' in labels, and the last dash-separated part is the colour.
std::string badge_label(const std::string& alt, const std::string& url) {
    if (!text::squeeze_spaces(alt).empty()) return text::squeeze_spaces(alt);
    const std::size_t start = url.find("/badge/");
    if (start == std::string_view::npos) return {};
    std::string spec = url.substr(start + 7);
    spec = spec.substr(0, spec.find_first_of("?.#"));
    std::vector<std::string> parts;
    std::string part;
    for (std::size_t i = 0; i < spec.size(); ++i) {
        if (spec[i] == '-' && i + 1 < spec.size() && spec[i + 1] == '-') {
            part += '-', ++i;
        } else if (spec[i] == '-') {
            parts.push_back(part), part.clear();
        } else {
            part += spec[i] == '_' ? ' ' : spec[i];
        }
    }
    parts.push_back(part);
    if (parts.size() > 1) parts.pop_back();  // the colour
    return text::squeeze_spaces(text::join(parts, " "));
}

// Removes the badges from `text`, returning their labels.
std::vector<std::string> take_badges(std::string& text) {
    std::vector<std::string> labels;
    const std::string target_ends = ")" + std::string(kWhiteSpace);  // a badge's link has no space
    text = replace_links(text, "![", target_ends, [&](const InlineLink& image) -> std::optional<std::string> {
        std::string label = badge_label(std::string(image.label), std::string(image.target));
        if (!label.empty()) labels.push_back(std::move(label));
        return " ";
    });
    return labels;
}

bool is_shortcode_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '+' || c == '-';
}

// Just past the ":shortcode:" at `pos`, or std::string_view::npos.
std::size_t shortcode_end(std::string_view text, std::size_t pos) {
    if (text[pos] != ':') return std::string_view::npos;
    std::size_t end = pos + 1;
    while (end < text.size() && is_shortcode_char(text[end])) ++end;
    return end > pos + 1 && end < text.size() && text[end] == ':' ? end + 1 : std::string_view::npos;
}

// "Survey :mag:" → "Survey".
std::string without_shortcodes(std::string_view label) {
    std::string out;
    for (std::size_t pos = 0; pos < label.size();) {
        if (const std::size_t end = shortcode_end(label, pos); end != std::string_view::npos) {
            out += ' ';
            pos = end;
        } else {
            out += label[pos++];
        }
    }
    return text::squeeze_spaces(out);
}

// Trailing "(`Nickname`)", "[[Code](url)]" and "[notes]" of a plain title, or everything after
// a linked title, where any parenthesis holds a nickname.
void take_trailing_annotations(std::string_view& text, ItemPaper& paper, bool after_link) {
    while (true) {
        text = text::trim(text, " \t\n");
        if (text.empty()) return;
        const std::size_t open = matching_open(text, text.size() - 1);
        if (open == std::string_view::npos || (open == 0 && !after_link))
            return;  // a plain title is not all annotation
        const std::string_view group = text.substr(open + 1, text.size() - open - 2);
        if (text.back() == ']') {
            if (const auto code = link_at(group, 0); code && text::lower(code->label) == "code")
                paper.code = code->target;
        } else if (text.back() == ')' && (is_backticked(text::trim(group, " \t\n")) || after_link)) {
            if (paper.nickname.empty()) paper.nickname = inline_text(group);
        } else {
            return;
        }
        text = text.substr(0, open);
    }
}

// The title after the tags, or before a trailing venue: "[Title](url) …" or plain text.
void read_title(std::string_view text, ItemPaper& paper) {
    text = text::trim(text, " \t\n");
    if (const auto link = link_at(text, 0)) {
        paper.title = inline_text(link->label);
        paper.url = link->target;
        std::string_view rest = text.substr(link->end);
        take_trailing_annotations(rest, paper, true);
        return;
    }
    take_trailing_annotations(text, paper, false);
    paper.title = inline_text(text);
}

// `names` with each " and " between them (white space on both sides) as ','.
std::string and_as_comma(std::string_view names) {
    std::string out;
    for (std::size_t pos = 0; pos < names.size();) {
        if (!text::is_space(names[pos])) {
            out += names[pos++];
            continue;
        }
        const std::size_t word = std::min(names.find_first_not_of(kWhiteSpace, pos), names.size());
        if (names.substr(word, 3) == "and" && word + 3 < names.size() && text::is_space(names[word + 3])) {
            out += ',';
            pos = std::min(names.find_first_not_of(kWhiteSpace, word + 3), names.size());
        } else {
            out.append(names.substr(pos, word - pos));
            pos = word;
        }
    }
    return out;
}

// "*A, B and C*" → {A, B, C}; empty unless the paragraph is wholly in emphasis.
std::vector<std::string> author_line(std::string_view paragraph) {
    paragraph = text::trim(paragraph, " \t\n");
    if (paragraph.size() < 3 || paragraph.front() != paragraph.back()) return {};
    if (paragraph.front() != '*' && paragraph.front() != '_') return {};
    const std::string names = and_as_comma(paragraph.substr(1, paragraph.size() - 2));
    std::vector<std::string> authors;
    for (const std::string& name : text::split(names, ',')) {
        std::string squeezed = inline_text(name);
        if (!squeezed.empty()) authors.push_back(std::move(squeezed));
    }
    return authors;
}

std::string code_line(std::string_view paragraph) {
    paragraph = text::trim(paragraph, " \t\n");
    if (!text::starts_with(paragraph, "Code:")) return {};
    const std::string_view rest = text::trim(paragraph.substr(5), " \t\n");
    if (const auto link = link_at(rest, 0)) return link->target;
    return text::squeeze_spaces(rest.substr(0, rest.find_first_of(" \t\n")));
}

std::size_t word_count(std::string_view text) {
    std::size_t words = 0;
    bool in_word = false;
    for (const char c : text) {
        const bool space = std::isspace(static_cast<unsigned char>(c)) != 0;
        if (!space && !in_word) ++words;
        in_word = !space;
    }
    return words;
}

// "**Title** OSDI 2016", "**Title** ![](badge)", "**Title**" over an author line — but not a
// bullet that merely starts in bold ("**Note:** the references give 835 edges …"): what
// follows the title must be a short VENUE YEAR, or nothing when badges or authors say more.
bool looks_like_a_paper_entry(const ItemPaper& paper) {
    constexpr std::size_t kMaxVenueWords = 4;
    constexpr std::size_t kMaxNoteWords = 3;
    if (!paper.venue_year) return !paper.badges.empty() || !paper.authors.empty();
    const VenueYear& venue_year = *paper.venue_year;
    const bool short_venue =
        word_count(venue_year.venue) <= kMaxVenueWords && word_count(venue_year.note) <= kMaxNoteWords;
    if (venue_year.year || venue_year.bad_year) return short_venue;
    return short_venue && (!paper.badges.empty() || !paper.authors.empty());  // "**Title** OSDI" under "#### 2018"
}

// **Title** VENUE YEAR ![](badge)…, with an author line and a code link below.
std::optional<ItemPaper> bold_title_item(std::string_view text, const MarkdownItem& item) {
    if (!text::starts_with(text, "**")) return std::nullopt;
    const std::size_t close = text.find("**", 2);
    if (close == std::string_view::npos) return std::nullopt;
    ItemPaper paper;
    paper.title = inline_text(text.substr(2, close - 2));
    // The venue and badges end the title's line; an author line may follow without a blank
    // line between, as a lazy continuation.
    const std::string_view after_title = text.substr(close + 2);
    const std::size_t line_end = after_title.find('\n');
    std::string rest(after_title.substr(0, line_end));
    std::vector<std::string> paragraphs;
    if (line_end != std::string_view::npos) paragraphs = text::split(after_title.substr(line_end + 1), '\n');
    paragraphs.insert(paragraphs.end(), item.body.begin(), item.body.end());
    paper.badges = take_badges(rest);
    if (const std::string venue_year = inline_text(rest); !venue_year.empty()) {
        paper.venue_year = parse_venue_year(venue_year);
    }
    for (const std::string& paragraph : paragraphs) {
        if (paper.authors.empty()) paper.authors = author_line(paragraph);
        if (paper.code.empty()) paper.code = code_line(paragraph);
    }
    if (!looks_like_a_paper_entry(paper)) return std::nullopt;
    return paper;
}

// [Label] [VENUE'YY] Title…: bracketed tags that are not links, then the title.
std::optional<ItemPaper> tag_first_item(std::string_view text) {
    std::vector<std::string> tags;
    std::size_t pos = 0;
    while (pos < text.size() && text[pos] == '[') {
        const std::size_t close = matching_close(text, pos);
        if (close == std::string_view::npos || (close + 1 < text.size() && text[close + 1] == '(')) break;
        const std::string_view tag = text.substr(pos + 1, close - pos - 1);
        if (tag.find_first_of("[]") != std::string_view::npos) break;
        tags.emplace_back(tag);
        pos = close + 1;
        while (pos < text.size() && (text[pos] == ' ' || text[pos] == '\t')) ++pos;
    }
    if (tags.empty()) return std::nullopt;
    ItemPaper paper;
    paper.venue_year = parse_venue_year_tag(tags.back());
    tags.pop_back();
    for (const std::string& label : tags) {
        if (std::string clean = without_shortcodes(label); !clean.empty()) paper.labels.push_back(clean);
    }
    read_title(text.substr(pos), paper);
    // "- [x] Done" is a task, not a paper: the tag must carry a year, or the title be a link.
    if (!paper.venue_year->year && !paper.venue_year->bad_year && paper.url.empty()) return std::nullopt;
    return paper;
}

// Title (VENUE'YY): the parenthesis must hold a venue and a year.
std::optional<ItemPaper> trailing_venue_item(std::string_view text) {
    text = text::trim(text, " \t\n");
    if (text.empty() || text.back() != ')') return std::nullopt;
    const std::size_t open = matching_open(text, text.size() - 1);
    if (open == std::string_view::npos) return std::nullopt;
    VenueYear venue_year = parse_venue_year(inline_text(text.substr(open + 1, text.size() - open - 2)));
    if (!venue_year.year || venue_year.venue.empty()) return std::nullopt;
    ItemPaper paper;
    paper.venue_year = std::move(venue_year);
    read_title(text.substr(0, open), paper);
    return paper;
}

}  // namespace

std::optional<ItemPaper> paper_in_item(const MarkdownItem& item) {
    const std::string_view text = text::trim(item.text, " \t\n");
    if (auto paper = bold_title_item(text, item)) return paper;
    if (auto paper = tag_first_item(text)) return paper;
    if (!item.nested) return trailing_venue_item(text);
    return std::nullopt;
}

bool plainly_not_a_paper(const MarkdownItem& item) {
    const std::string_view text = text::trim(item.text, " \t\n");
    if (text.empty() || text::starts_with(text, "![") || text::starts_with(text, "<!--")) return true;
    const std::string without_anchors =
        replace_links(text, "[", ")", [](const InlineLink& link) -> std::optional<std::string> {
            if (!text::starts_with(link.target, "#")) return std::nullopt;
            return " ";
        });
    const std::string rest = replace_all(without_anchors, "\xC2\xB7", " ");  // a middle dot
    // What separates the links of a one-line table of contents: "|", "·", ",", "-".
    return std::all_of(rest.begin(), rest.end(), [](char c) {
        return std::isspace(static_cast<unsigned char>(c)) || std::ispunct(static_cast<unsigned char>(c));
    });
}

std::string inline_text(std::string_view markdown) {
    const auto space = [](const InlineLink&) -> std::optional<std::string> { return " "; };
    const std::string without_images = replace_links(markdown, "![", ")", space);
    const std::string text = replace_links(
        without_images, "[", ")", [](const InlineLink& link) { return std::optional<std::string>(link.label); });
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '\\' && i + 1 < text.size() && std::ispunct(static_cast<unsigned char>(text[i + 1]))) {
            out += text[++i];
        } else if ((c == '*' || c == '_') && i + 1 < text.size() && text[i + 1] == c) {
            ++i;  // ** and __
        } else if (c != '`') {
            out += c;
        }
    }
    return text::squeeze_spaces(out);
}

}  // namespace mlsys::indexer
