// The paper record: what every reader produces and what the index stores.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace mlsys {

namespace schema {
struct Field;
}

using Json = nlohmann::ordered_json;

struct Paper {
    std::string id;
    std::string title;
    std::string venue;        // canonical short name; empty where the source has none (BEIR)
    std::optional<int> year;  // absent where the source has none (BEIR)
    // Every path the paper is filed under, "Deep learning/Training", each once, in the order read;
    // empty when uncategorised.
    std::vector<std::string> categories;
    std::vector<std::string> authors;
    std::string abstract;
    std::string url;
    std::string doi;
    std::vector<std::string> keywords;
    // Citation links by paper id, as a bibliographic export gives them: the papers this one
    // cites, and the papers citing it. Either may name papers the index does not hold.
    std::vector<std::string> references;
    std::vector<std::string> citations;
    // Other ids the paper is known by: a Semantic Scholar sha, a BibTeX key, an id an earlier
    // index gave it. `--related` and `alias:` take them.
    std::vector<std::string> aliases;
    // Where each record merged into this paper was read: "FILE:LINE", FILE absolute.
    std::vector<std::string> sources;
    Json extra = Json::object();  // fields we do not model, kept as given

    bool operator==(const Paper& other) const;
};

// The record as stored in the index and shown in JSON output: known fields in a fixed order,
// empty ones left out, then the unknown fields in their original order.
Json to_json(const Paper& paper);

// Whether `key` is one of the fields above (and not an unknown field kept in `extra`).
bool is_modelled_field(const std::string& key);

// The inverse of to_json, for records read back from the index (already validated).
Paper paper_from_json(const Json& record);

// Whether `paper` has a value for `field`: a non-empty string or list, a year.
bool has_value(const Paper& paper, const schema::Field& field);

// The value of `field` as the record holds it: a string, an array of strings, or a year (null
// when unset).
Json field_json(const Paper& paper, const schema::Field& field);

// The value of `field` as strings: one for a string field (even empty), each item of a list, the
// year's digits.
std::vector<std::string> field_strings(const Paper& paper, const schema::Field& field);

}  // namespace mlsys
