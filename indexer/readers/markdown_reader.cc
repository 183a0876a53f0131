#include "readers/format_readers.h"

#include "mlsys/schema/schema.h"
#include "mlsys/schema/text.h"
#include "readers/markdown_blocks.h"
#include "readers/markdown_items.h"
#include "readers/merged_records.h"
#include "readers/record_validation.h"
#include "readers/stable_id.h"

#include <algorithm>

namespace mlsys::indexer {

namespace {

// `s` without its invalid UTF-8 bytes; a heading with them is reported, then still used.
std::string valid_utf8_part(std::string s) {
    while (const auto bad = text::invalid_utf8_offset(s)) s.erase(*bad, 1);
    return s;
}

// Headings that organise the file rather than name a category.
bool is_organising_heading(const std::string& heading) {
    static const char* const kNames[] = {"papers", "paper list",        "paper lists",
                                         "list",   "table of contents", "contents"};
    const std::string lower = text::lower(heading);
    return std::find(std::begin(kNames), std::end(kNames), lower) != std::end(kNames);
}

// What the headings above an item say: venue, year and category path.
class ListContext {
  public:
    explicit ListContext(const VenueAliases& aliases) : aliases_(aliases) {}

    void enter(const MarkdownHeading& heading) {
        const bool first = !seen_heading_;
        seen_heading_ = true;
        const std::string text = inline_text(heading.text);
        if (first && heading.level == 1 && !heading.bold_line) {
            title_ = text;  // the list's own name roots its taxonomy
            return;
        }
        const VenueYear venue_year = parse_venue_year(text);
        if (venue_year.venue.empty() && venue_year.year) {
            enter_year(heading.level, *venue_year.year);
        } else if (auto venue = aliases_.canonical(text)) {
            replace_from(heading.level, {heading.level, Kind::Venue, *venue});
        } else if (auto venue_of_year = aliases_.canonical(venue_year.venue); venue_of_year && venue_year.year) {
            replace_from(heading.level, {heading.level, Kind::Venue, *venue_of_year});  // "### OSDI 2018"
            enter_year(heading.level, *venue_year.year);
        } else {
            const Kind kind = is_organising_heading(text) ? Kind::Organising : Kind::Category;
            replace_from(heading.level, {heading.level, kind, text});
        }
    }

    std::string venue() const { return last_of(Kind::Venue); }

    std::optional<int> year() const {
        const std::string year = last_of(Kind::Year);
        if (year.empty()) return std::nullopt;
        return std::stoi(year);
    }

    // The category headings above, outermost first.
    std::vector<std::string> sections() const {
        std::vector<std::string> levels;
        for (const Entry& entry : entries_) {
            if (entry.kind == Kind::Category) levels.push_back(entry.value);
        }
        return levels;
    }

    // The list's own name (its first heading, when that is a '#' one), or empty.
    const std::string& title() const { return title_; }

  private:
    enum class Kind { Venue, Year, Category, Organising };
    struct Entry {
        int level;
        Kind kind;
        std::string value;
    };

    void replace_from(int level, Entry entry) {
        entries_.erase(
            std::remove_if(entries_.begin(), entries_.end(), [&](const Entry& e) { return e.level >= level; }),
            entries_.end());
        entries_.push_back(std::move(entry));
    }

    // A year heading at the level of a venue heading is read as nested in it: the ASPLOS
    // section of one list writes "### ASPLOS" then "### 2019".
    void enter_year(int level, int year) {
        entries_.erase(std::remove_if(entries_.begin(), entries_.end(),
                                      [&](const Entry& e) {
                                          return e.level > level || (e.level == level && e.kind != Kind::Venue);
                                      }),
                       entries_.end());
        entries_.push_back({level, Kind::Year, std::to_string(year)});
    }

    std::string last_of(Kind kind) const {
        for (auto it = entries_.rbegin(); it != entries_.rend(); ++it) {
            if (it->kind == kind) return it->value;
        }
        return {};
    }

    const VenueAliases& aliases_;
    std::vector<Entry> entries_;
    std::string title_;
    bool seen_heading_ = false;
};

class ListReader {
  public:
    ListReader(const std::string& file_name, const VenueAliases& aliases)
        : file_(file_name), aliases_(aliases), context_(aliases) {}

    ReadResult read(const std::string& text, RecordSink& sink) {
        for (const MarkdownBlock& block : markdown_blocks(text)) {
            if (const auto* heading = std::get_if<MarkdownHeading>(&block)) {
                enter(*heading);
            } else {
                add_item(std::get<MarkdownItem>(block));
            }
        }
        ReadResult result;
        for (ReadRecord& record : records_.take()) sink.add(std::move(record));
        result.problems = std::move(problems_);
        result.unread = std::move(unread_);
        return result;
    }

  private:
    void enter(MarkdownHeading heading) {
        if (const auto bad = text::invalid_utf8_offset(heading.text)) {
            problems_.push_back(
                Problem{{file_, heading.line}, "category", "invalid UTF-8 at byte " + std::to_string(*bad + 1)});
            heading.text = valid_utf8_part(heading.text);
        }
        context_.enter(heading);
    }

    void add_item(const MarkdownItem& item) {
        const std::optional<ItemPaper> found = paper_in_item(item);
        if (!found) {
            if (!plainly_not_a_paper(item)) unread_.push_back(Problem{{file_, item.line}, "", "not a paper item"});
            return;
        }
        const SourceLocation where{file_, item.line};
        if (!item_is_valid_utf8(item, where)) return;
        const ItemPaper& paper = *found;
        if (paper.venue_year && paper.venue_year->bad_year) {
            problems_.push_back(Problem{
                where, "year",
                "\"" + *paper.venue_year->bad_year + "\" is not a year (in \"" + paper.venue_year->venue + "\")"});
            return;
        }
        if (paper.title.empty()) {
            problems_.push_back(Problem{where, "title", "a paper item without a title"});
            return;
        }
        if (auto validated =
                paper_from_record(record_of(paper), where, aliases_, RequiredFields{true, false, false}, problems_)) {
            records_.add(std::move(*validated), where, IdOrigin::Derived);
        }
    }

    bool item_is_valid_utf8(const MarkdownItem& item, const SourceLocation& where) {
        std::string all = item.text;
        for (const std::string& paragraph : item.body) all += "\n" + paragraph;
        const auto bad = text::invalid_utf8_offset(all);
        if (!bad) return true;
        const std::size_t line =
            where.line + static_cast<std::size_t>(std::count(all.begin(), all.begin() + *bad, '\n'));
        problems_.push_back(Problem{{file_, std::min(line, item.last_line)}, "", "invalid UTF-8 in a list item"});
        return false;
    }

    Json record_of(const ItemPaper& paper) const {
        const std::string own_venue = paper.venue_year ? paper.venue_year->venue : "";
        const std::string venue = own_venue.empty() ? context_.venue() : aliases_.normalise(own_venue);
        std::optional<int> year = paper.venue_year ? paper.venue_year->year : std::nullopt;
        if (!year) year = context_.year();

        Json record = Json::object();
        record["id"] = stable_paper_id(venue, year, paper.title);
        record["title"] = paper.title;
        if (!venue.empty()) record["venue"] = venue;
        if (year) record["year"] = *year;
        record["category"] = categories_of(paper);
        record["authors"] = paper.authors;
        if (!paper.url.empty()) record["url"] = paper.url;
        record["keywords"] = keywords_of(paper);
        if (!paper.code.empty()) record["code"] = paper.code;
        if (paper.venue_year && !paper.venue_year->note.empty()) record["venue_note"] = paper.venue_year->note;
        return record;
    }

    // The list's title, then the category headings above the item; an item with category
    // badges is filed under each badge there. The title alone says which list a paper is in,
    // not what it is about: an item under no category heading and without badges has none.
    std::vector<std::string> categories_of(const ItemPaper& paper) const {
        std::vector<std::string> levels = context_.sections();
        if (levels.empty() && paper.badges.empty()) return {};
        if (!context_.title().empty()) levels.insert(levels.begin(), context_.title());
        const std::string separator(1, schema::kPathSeparator);
        const std::string above = text::join(levels, separator);
        if (paper.badges.empty()) return {above};
        std::vector<std::string> categories;
        for (const std::string& badge : paper.badges)
            categories.push_back(above.empty() ? badge : above + separator + badge);
        return categories;
    }

    static std::vector<std::string> keywords_of(const ItemPaper& paper) {
        std::vector<std::string> keywords = paper.labels;
        keywords.insert(keywords.end(), paper.badges.begin(), paper.badges.end());
        if (!paper.nickname.empty()) keywords.push_back(paper.nickname);
        return keywords;
    }

    const std::string& file_;
    const VenueAliases& aliases_;
    ListContext context_;
    MergedRecords records_;
    std::vector<Problem> problems_;
    std::vector<Problem> unread_;
};

}  // namespace

template <>
ReadResult MarkdownListReader::read_records(std::istream& in, const std::string& file_name, RecordSink& sink) const {
    return ListReader(file_name, aliases_).read(read_all(in), sink);
}

}  // namespace mlsys::indexer
