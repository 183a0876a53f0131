#include "output/writers.h"

#include "mlsys/schema/schema.h"

namespace mlsys::query {

namespace {

Json null_if_empty(const std::string& s) {
    return s.empty() ? Json(nullptr) : Json(s);
}

Json explanation_json(const std::vector<Contribution>& explanation) {
    Json reasons = Json::array();
    for (const Contribution& contribution : explanation) {
        Json reason = {{"signal", contribution.signal}, {"value", contribution.value}, {"weight", contribution.weight}};
        if (!contribution.title.empty()) reason["title"] = contribution.title;
        reasons.push_back(std::move(reason));
    }
    return reasons;
}

// --related: the source paper's id and title; --like: the draft's title.
Json related_json(const Paper& source) {
    Json related = Json::object();
    if (!source.id.empty()) related["id"] = source.id;
    related["title"] = source.title;
    return related;
}

// How a result shows a field it always carries: an unset list as [], another unset value as null.
Json shown_in_every_result(const Paper& paper, const schema::Field& field) {
    if (field.shown == schema::Shown::Always || has_value(paper, field)) return field_json(paper, field);
    return schema::holds_list(field.type) ? Json::array() : Json(nullptr);
}

// The fields every result carries, then the snippet, then the fields shown when set.
Json hit_json(const Hit& hit) {
    const Paper& paper = hit.paper;
    Json result = Json::object();
    result["rank"] = hit.rank;
    for (const schema::Field& field : schema::kFields) {
        if (field.shown == schema::Shown::Always || field.shown == schema::Shown::InEveryResult) {
            result[std::string(field.key)] = shown_in_every_result(paper, field);
        }
        if (field.id == schema::FieldId::Id) result["score"] = hit.score;  // the score follows the id
    }
    result["snippet"] = render_snippet(hit.snippet, "", "");
    for (const schema::Field& field : schema::kFields) {
        if (field.shown == schema::Shown::WhenSet && has_value(paper, field)) {
            result[std::string(field.key)] = field_json(paper, field);
        }
    }
    // A record's own keys never overwrite what the result says about it (rank, score, snippet).
    for (const auto& [key, value] : paper.extra.items()) {
        if (!result.contains(key) && key != "explain") result[key] = value;
    }
    if (!hit.explanation.empty()) result["explain"] = explanation_json(hit.explanation);
    return result;
}

// A hierarchy's values come as a tree in depth-first order: each carries its depth, so a reader
// can nest them without splitting paths (docs/json-output.md).
Json facet_value_json(schema::FieldId field, const FacetValue& value) {
    Json entry = Json::object();
    entry["value"] = field == schema::FieldId::Year ? Json(std::stoi(value.value)) : Json(value.value);
    entry["count"] = value.count;
    if (schema::field(field).hierarchical) entry["depth"] = value.depth;
    return entry;
}

}  // namespace

Json response_json(const SearchResponse& response, const std::string& qid) {
    Json json = Json::object();
    json["format"] = kJsonFormat;
    if (!qid.empty()) json["qid"] = qid;
    json["query"] = response.query;
    if (response.related_to)
        json[response.related_to->id.empty() ? "like" : "related"] = related_json(*response.related_to);
    json["corrected"] = null_if_empty(response.corrected);
    if (response.showing_corrected) json["showing_corrected"] = true;
    if (response.plain_words) json["plain_words"] = true;
    for (const UnknownId& unknown : response.unknown_ids) {
        json["unknown_ids"].push_back({{"id", unknown.value}, {"closest", unknown.closest}});
    }
    for (const FilterNotice& notice : response.filter_notices) {
        json["filter_notices"].push_back({{"field", std::string(schema::field(notice.field).name)},
                                          {"value", notice.value},
                                          {"closest", notice.closest},
                                          {"message", filter_notice_message(notice)}});
    }
    json["total"] = response.total;
    if (response.matching_all) json["matching_all"] = *response.matching_all;
    if (response.some_words) json["some_words"] = true;
    json["offset"] = response.offset;
    json["limit"] = response.limit;
    json["results"] = Json::array();
    for (const Hit& hit : response.hits) json["results"].push_back(hit_json(hit));
    json["facets"] = Json::object();
    for (const FacetCounts& facet : response.facets) {
        Json values = Json::array();
        for (const FacetValue& value : facet.values) values.push_back(facet_value_json(facet.field, value));
        json["facets"][std::string(schema::field(facet.field).name)] = values;
    }
    return json;
}

Json paper_json(const Paper& paper) {
    Json json = Json::object();
    json["format"] = kJsonFormat;
    // A record's own "format" key never overwrites the version.
    const Json record = to_json(paper);
    for (const auto& [key, value] : record.items()) {
        if (key != "format") json[key] = value;
    }
    return json;
}

void JsonWriter::write(const SearchResponse& response, const std::string& qid) {
    out_ << response_json(response, qid).dump() << '\n';
}

void JsonWriter::write_paper(const Paper& paper) {
    out_ << paper_json(paper).dump() << '\n';
}

void IdsWriter::write(const SearchResponse& response, const std::string& qid) {
    write_notes(response);
    const std::string column = qid.empty() ? "" : qid + "\t";
    for (const Hit& hit : response.hits) out_ << column << hit.paper.id << '\n';
}

void IdsWriter::write_paper(const Paper& paper) {
    out_ << paper.id << '\n';
}

}  // namespace mlsys::query
