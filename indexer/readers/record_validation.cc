#include "readers/record_validation.h"

#include <algorithm>

#include "mlsys/schema/analysis.h"
#include "mlsys/schema/schema.h"
#include "mlsys/schema/text.h"

namespace mlsys::indexer {

namespace {

// Collects the problems of one record, each naming the field it concerns.
class RecordChecker {
  public:
    RecordChecker(const Json& record, const SourceLocation& where, std::vector<Problem>& problems)
        : record_(record), where_(where), problems_(problems), first_problem_(problems.size()) {}

    bool ok() const { return problems_.size() == first_problem_; }

    void fail(const std::string& field, const std::string& message) {
        problems_.push_back(Problem{where_, field, message});
    }

    // A string field: required ones must be present and non-blank.
    std::string string_field(const char* name, bool required) {
        const auto it = record_.find(name);
        if (it == record_.end() || it->is_null()) {
            if (required) fail(name, "missing (required)");
            return {};
        }
        if (!it->is_string()) {
            fail(name, "must be a string, got " + describe(*it));
            return {};
        }
        std::string value = text::squeeze_spaces(it->get<std::string>());
        if (required && value.empty()) fail(name, "must not be empty");
        return value;
    }

    // Calls `on_item(number, value)` for each item of the array field `name` (numbered from 1 as
    // given, white space squeezed); an absent or null field has none, other shapes are problems.
    template <typename OnItem>
    void for_each_string_item(const char* name, OnItem on_item) {
        const auto it = record_.find(name);
        if (it == record_.end() || it->is_null()) return;
        if (!it->is_array()) return fail(name, "must be an array of strings, got " + describe(*it));
        for (std::size_t i = 0; i < it->size(); ++i) {
            const Json& item = (*it)[i];
            if (!item.is_string()) {
                fail(name, "item " + std::to_string(i + 1) + " must be a string, got " + describe(item));
                continue;
            }
            on_item(i + 1, text::squeeze_spaces(item.get<std::string>()));
        }
    }

    std::vector<std::string> string_list_field(const char* name) {
        std::vector<std::string> values;
        for_each_string_item(name, [&](std::size_t, std::string value) {
            if (!value.empty()) values.push_back(std::move(value));
        });
        return values;
    }

    std::optional<int> year_field(bool required) {
        const auto it = record_.find("year");
        if (it == record_.end() || it->is_null()) {
            if (required) fail("year", "missing (required)");
            return std::nullopt;
        }
        if (!it->is_number_integer()) {
            fail("year", "must be an integer, got " + describe(*it));
            return std::nullopt;
        }
        const auto year = it->get<long long>();
        if (year < kFirstPlausibleYear || year > kLastPlausibleYear) {
            fail("year", "must be a four-digit year from " + std::to_string(kFirstPlausibleYear) +
                             " to " + std::to_string(kLastPlausibleYear) + ", got " + std::to_string(year));
            return std::nullopt;
        }
        return static_cast<int>(year);
    }

    // Boolean fields become index terms, which Xapian caps in length.
    void fits_in_a_term(const char* name, const std::string& value, schema::FieldId field) {
        const std::size_t limit = schema::max_boolean_value_bytes(field);
        if (value.size() > limit) {
            fail(name, "too long: " + std::to_string(value.size()) + " bytes, at most " + std::to_string(limit));
        }
    }

    // Ids of linked papers: each becomes a term, so each must be one word that fits in a term.
    // Items are numbered as given; blank ones are dropped and repeats kept once.
    std::vector<std::string> paper_id_list_field(const char* name, schema::FieldId field) {
        std::vector<std::string> ids;
        for_each_string_item(name, [&](std::size_t number, std::string id) {
            const std::string item = std::string(name) + " item " + std::to_string(number);
            if (id.find_first_of(" \t") != std::string::npos) fail(item, "must not contain white space");
            fits_in_a_term(item.c_str(), id, field);
            if (!id.empty() && std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(std::move(id));
        });
        return ids;
    }

  private:
    static std::string describe(const Json& value) {
        std::string shown = value.dump();
        constexpr std::size_t kMaxShown = 40;
        if (shown.size() > kMaxShown) shown = shown.substr(0, kMaxShown) + "...";
        return std::string(value.type_name()) + " " + shown;
    }

    const Json& record_;
    const SourceLocation& where_;
    std::vector<Problem>& problems_;
    const std::size_t first_problem_;
};

}  // namespace

std::optional<Paper> paper_from_record(const Json& record, const SourceLocation& where,
                                       const VenueAliases& aliases, RequiredFields required,
                                       std::vector<Problem>& problems) {
    if (!record.is_object()) {
        problems.push_back(Problem{where, "", std::string("expected a JSON object, got ") + record.type_name()});
        return std::nullopt;
    }
    RecordChecker check(record, where, problems);
    Paper paper;
    paper.id = check.string_field("id", true);
    if (paper.id.find_first_of(" \t") != std::string::npos) check.fail("id", "must not contain white space");
    check.fits_in_a_term("id", paper.id, schema::FieldId::Id);
    paper.title = check.string_field("title", required.title);
    paper.venue = aliases.normalise(check.string_field("venue", required.venue));
    paper.year = check.year_field(required.year);
    check.fits_in_a_term("venue", paper.venue, schema::FieldId::Venue);
    paper.category = analysis::normalise_category(check.string_field("category", false));
    check.fits_in_a_term("category", paper.category, schema::FieldId::Category);
    paper.authors = check.string_list_field("authors");
    paper.abstract = check.string_field("abstract", false);
    paper.url = check.string_field("url", false);
    paper.doi = check.string_field("doi", false);
    paper.keywords = check.string_list_field("keywords");
    paper.references = check.paper_id_list_field("references", schema::FieldId::References);
    paper.citations = check.paper_id_list_field("citations", schema::FieldId::Citations);
    for (const auto& [key, value] : record.items()) {
        if (!is_modelled_field(key)) paper.extra[key] = value;
    }
    if (!check.ok()) return std::nullopt;
    return paper;
}

}  // namespace mlsys::indexer
