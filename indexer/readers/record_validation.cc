#include "readers/record_validation.h"

#include <algorithm>

#include "mlsys/schema/analysis.h"
#include "mlsys/schema/limits.h"
#include "mlsys/schema/schema.h"
#include "mlsys/schema/text.h"

namespace mlsys::indexer {

using schema::member_of;

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

    // A string field: required ones must be present and non-blank, none longer than `max_bytes`.
    std::string string_field(const std::string& name, bool required, std::size_t max_bytes = limits::kMaxValueBytes) {
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
        if (!fits(name, value, max_bytes)) return {};
        return value;
    }

    // Whether `value` is at most `max_bytes` long; a longer one is a problem (docs/limits.md).
    // A NUL byte is refused too: it ends the string for C libraries and terminals downstream.
    bool fits(const std::string& name, const std::string& value, std::size_t max_bytes) {
        if (value.size() > max_bytes) {
            fail(name, "too long: " + std::to_string(value.size()) + " bytes, at most " + std::to_string(max_bytes) +
                           " (docs/limits.md)");
            return false;
        }
        if (const std::size_t nul = value.find('\0'); nul != std::string::npos) {
            fail(name, "a NUL byte at byte " + std::to_string(nul + 1));
            return false;
        }
        return true;
    }

    // Calls `on_item(number, value)` for each item of the array field `name` (numbered from 1 as
    // given, white space squeezed); an absent or null field has none, other shapes are problems.
    template <typename OnItem>
    void for_each_string_item(const std::string& name, OnItem on_item) {
        const auto it = record_.find(name);
        if (it == record_.end() || it->is_null()) return;
        if (!it->is_array()) return fail(name, "must be an array of strings, got " + describe(*it));
        if (it->size() > limits::kMaxListItems) {
            return fail(name, "too many items: " + std::to_string(it->size()) + ", at most " +
                                  std::to_string(limits::kMaxListItems) + " (docs/limits.md)");
        }
        for (std::size_t i = 0; i < it->size(); ++i) {
            const Json& item = (*it)[i];
            if (!item.is_string()) {
                fail(name, "item " + std::to_string(i + 1) + " must be a string, got " + describe(item));
                continue;
            }
            std::string value = text::squeeze_spaces(item.get<std::string>());
            if (fits(name + " item " + std::to_string(i + 1), value, limits::kMaxValueBytes)) {
                on_item(i + 1, std::move(value));
            }
        }
    }

    std::vector<std::string> string_list_field(const std::string& name) {
        std::vector<std::string> values;
        for_each_string_item(name, [&](std::size_t, std::string value) {
            if (!value.empty()) values.push_back(std::move(value));
        });
        return values;
    }

    std::optional<int> year_field(const std::string& name, bool required) {
        const auto it = record_.find(name);
        if (it == record_.end() || it->is_null()) {
            if (required) fail(name, "missing (required)");
            return std::nullopt;
        }
        if (!it->is_number_integer()) {
            fail(name, "must be an integer, got " + describe(*it));
            return std::nullopt;
        }
        const auto year = it->get<long long>();
        if (year < kFirstPlausibleYear || year > kLastPlausibleYear) {
            fail(name, "must be a four-digit year from " + std::to_string(kFirstPlausibleYear) + " to " +
                           std::to_string(kLastPlausibleYear) + ", got " + std::to_string(year));
            return std::nullopt;
        }
        return static_cast<int>(year);
    }

    // One paper id: a single word (it becomes a term) that fits in a term.
    std::string paper_id_field(const std::string& name, bool required, schema::FieldId field) {
        std::string id = string_field(name, required);
        if (id.find_first_of(" \t") != std::string::npos) fail(name, "must not contain white space");
        fits_in_a_term(name, id, field);
        return id;
    }

    // Boolean fields become index terms, which Xapian caps in length. The term holds the value
    // as schema::boolean_term writes it, folded, which can be longer ("½" is "1/2").
    void fits_in_a_term(const std::string& name, const std::string& value, schema::FieldId field) {
        const std::size_t limit = schema::max_boolean_value_bytes(field);
        const std::size_t bytes = schema::boolean_term(field, value).size() - schema::field(field).prefix.size();
        if (bytes > limit)
            fail(name, "too long: " + std::to_string(bytes) + " bytes, at most " + std::to_string(limit));
    }

    // Ids of linked papers: each becomes a term, so each must be one word that fits in a term.
    // Items are numbered as given; blank ones are dropped and repeats kept once.
    std::vector<std::string> paper_id_list_field(const std::string& name, schema::FieldId field) {
        std::vector<std::string> ids;
        for_each_string_item(name, [&](std::size_t number, std::string id) {
            const std::string item = name + " item " + std::to_string(number);
            if (id.find_first_of(" \t") != std::string::npos) fail(item, "must not contain white space");
            fits_in_a_term(item, id, field);
            if (!id.empty() && std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(std::move(id));
        });
        return ids;
    }

    // Category paths: one path as a string, or an array of paths. Each is normalised
    // (analysis::normalise_category) and must fit in a term; blank ones are dropped, repeats kept
    // once.
    std::vector<std::string> path_list_field(const std::string& name, schema::FieldId field) {
        std::vector<std::string> paths;
        const auto add = [&](const std::string& item, const std::string& given) {
            std::string path = analysis::normalise_category(given);
            fits_in_a_term(item, path, field);
            if (!path.empty() && std::find(paths.begin(), paths.end(), path) == paths.end())
                paths.push_back(std::move(path));
        };
        const auto it = record_.find(name);
        if (it == record_.end() || it->is_null()) return paths;
        if (it->is_string()) {
            add(name, it->get<std::string>());
        } else if (it->is_array()) {
            for_each_string_item(name, [&](std::size_t number, const std::string& path) {
                add(name + " item " + std::to_string(number), path);
            });
        } else {
            fail(name, "must be a path or an array of paths, got " + describe(*it));
        }
        return paths;
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

// Whether this record must carry `field`: an expected field only where its format has it.
bool must_carry(const schema::Field& field, RequiredFields required) {
    switch (field.presence) {
        case schema::Presence::Required:
            return true;
        case schema::Presence::Expected:
            return required.expects(field.id);
        case schema::Presence::Optional:
            return false;
    }
    return false;
}

// The longest value a text or string field may hold (docs/limits.md).
std::size_t max_bytes(const schema::Field& field) {
    if (field.id == schema::FieldId::Title) return limits::kMaxTitleBytes;
    return field.type == schema::ValueType::Text ? limits::kMaxTextBytes : limits::kMaxValueBytes;
}

// A string as the index keeps it: venues under their canonical name.
std::string normalised(const schema::Field& field, const std::string& value, const VenueAliases& aliases) {
    if (field.id == schema::FieldId::Venue) return aliases.normalise(value);
    return value;
}

// Checks `field` of the record and stores its normalised value in `paper`.
void read_field(RecordChecker& check, const schema::Field& field, bool required, const VenueAliases& aliases,
                Paper& paper) {
    const std::string key(field.key);
    switch (field.type) {
        case schema::ValueType::PaperId:
            member_of<std::string>(paper, field) = check.paper_id_field(key, required, field.id);
            return;
        case schema::ValueType::Text:
        case schema::ValueType::String: {
            std::string& value = member_of<std::string>(paper, field);
            value = normalised(field, check.string_field(key, required, max_bytes(field)), aliases);
            if (field.indexing == schema::Indexing::Boolean) check.fits_in_a_term(key, value, field.id);
            return;
        }
        case schema::ValueType::Year:
            member_of<std::optional<int>>(paper, field) = check.year_field(key, required);
            return;
        case schema::ValueType::StringList:
            member_of<std::vector<std::string>>(paper, field) =
                field.hierarchical ? check.path_list_field(key, field.id) : check.string_list_field(key);
            return;
        case schema::ValueType::PaperIdList:
            member_of<std::vector<std::string>>(paper, field) = check.paper_id_list_field(key, field.id);
            return;
    }
}

}  // namespace

bool RequiredFields::expects(schema::FieldId field) const {
    switch (field) {
        case schema::FieldId::Title:
            return title;
        case schema::FieldId::Venue:
            return venue;
        case schema::FieldId::Year:
            return year;
        default:
            return true;  // a format lacking a newly expected field says so here
    }
}

std::optional<Paper> paper_from_record(const Json& record, const SourceLocation& where, const VenueAliases& aliases,
                                       RequiredFields required, std::vector<Problem>& problems) {
    if (!record.is_object()) {
        problems.push_back(Problem{where, "", std::string("expected a JSON object, got ") + record.type_name()});
        return std::nullopt;
    }
    RecordChecker check(record, where, problems);
    Paper paper;
    // The fields a record may have to carry come first, so its problems begin with the basics
    // (id, title, venue, year) and the optional fields follow.
    const auto optional = [](const schema::Field& field) { return field.presence == schema::Presence::Optional; };
    for (const schema::Field& field : schema::kFields) {
        if (!optional(field)) read_field(check, field, must_carry(field, required), aliases, paper);
    }
    for (const schema::Field& field : schema::kFields) {
        if (optional(field)) read_field(check, field, false, aliases, paper);
    }
    for (const auto& [key, value] : record.items()) {
        if (!is_modelled_field(key)) paper.extra[key] = value;
    }
    if (!check.ok()) return std::nullopt;
    return paper;
}

}  // namespace mlsys::indexer
