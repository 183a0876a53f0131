#include "mlsys/schema/paper.h"

namespace mlsys {

bool Paper::operator==(const Paper& other) const { return to_json(*this) == to_json(other); }

Json to_json(const Paper& paper) {
    Json record = Json::object();
    record["id"] = paper.id;
    record["title"] = paper.title;
    if (!paper.authors.empty()) record["authors"] = paper.authors;
    if (!paper.venue.empty()) record["venue"] = paper.venue;
    if (paper.year) record["year"] = *paper.year;
    if (!paper.category.empty()) record["category"] = paper.category;
    if (!paper.abstract.empty()) record["abstract"] = paper.abstract;
    if (!paper.url.empty()) record["url"] = paper.url;
    if (!paper.doi.empty()) record["doi"] = paper.doi;
    if (!paper.keywords.empty()) record["keywords"] = paper.keywords;
    if (!paper.references.empty()) record["references"] = paper.references;
    if (!paper.citations.empty()) record["citations"] = paper.citations;
    for (const auto& [key, value] : paper.extra.items()) record[key] = value;
    return record;
}

namespace {
template <typename T>
T value_or(const Json& record, const char* key, T fallback) {
    const auto it = record.find(key);
    return it == record.end() ? fallback : it->get<T>();
}
}  // namespace

bool is_modelled_field(const std::string& key) {
    static const char* const kModelled[] = {"id",  "title", "authors",  "venue",      "year",     "category",
                                            "abstract", "url", "doi", "keywords", "references", "citations"};
    for (const char* modelled : kModelled) {
        if (key == modelled) return true;
    }
    return false;
}

Paper paper_from_json(const Json& record) {
    Paper paper;
    paper.id = value_or<std::string>(record, "id", "");
    paper.title = value_or<std::string>(record, "title", "");
    paper.authors = value_or<std::vector<std::string>>(record, "authors", {});
    paper.venue = value_or<std::string>(record, "venue", "");
    if (record.contains("year")) paper.year = record["year"].get<int>();
    paper.category = value_or<std::string>(record, "category", "");
    paper.abstract = value_or<std::string>(record, "abstract", "");
    paper.url = value_or<std::string>(record, "url", "");
    paper.doi = value_or<std::string>(record, "doi", "");
    paper.keywords = value_or<std::vector<std::string>>(record, "keywords", {});
    paper.references = value_or<std::vector<std::string>>(record, "references", {});
    paper.citations = value_or<std::vector<std::string>>(record, "citations", {});
    for (const auto& [key, value] : record.items()) {
        if (!is_modelled_field(key)) paper.extra[key] = value;
    }
    return paper;
}

}  // namespace mlsys
