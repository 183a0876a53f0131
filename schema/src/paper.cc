#include "mlsys/schema/paper.h"

#include "mlsys/schema/schema.h"

#include <variant>

namespace mlsys {

namespace {

// One overload per type a Paper member can have (schema::PaperMember).
bool is_set(const std::string& value) {
    return !value.empty();
}
bool is_set(const std::vector<std::string>& values) {
    return !values.empty();
}
bool is_set(const std::optional<int>& year) {
    return year.has_value();
}

Json json_of(const std::string& value) {
    return value;
}
Json json_of(const std::vector<std::string>& values) {
    return values;
}
Json json_of(const std::optional<int>& year) {
    return year ? Json(*year) : Json(nullptr);
}

void read_json(const Json& value, std::string& member) {
    member = value.get<std::string>();
}
void read_json(const Json& value, std::vector<std::string>& member) {
    // Records written before categories became a list hold one path as a string.
    if (value.is_string()) {
        member = {value.get<std::string>()};
        return;
    }
    member = value.get<std::vector<std::string>>();
}
void read_json(const Json& value, std::optional<int>& year) {
    year = value.get<int>();
}

std::vector<std::string> strings_of(const std::string& value) {
    return {value};
}
std::vector<std::string> strings_of(const std::vector<std::string>& values) {
    return values;
}
std::vector<std::string> strings_of(const std::optional<int>& year) {
    if (!year) return {};
    return {std::to_string(*year)};
}

bool always_in_record(const schema::Field& field) {
    return field.shown == schema::Shown::Always;
}

}  // namespace

bool Paper::operator==(const Paper& other) const {
    return to_json(*this) == to_json(other);
}

bool has_value(const Paper& paper, const schema::Field& field) {
    return std::visit([&](auto member) { return is_set(paper.*member); }, field.member);
}

Json field_json(const Paper& paper, const schema::Field& field) {
    return std::visit([&](auto member) { return json_of(paper.*member); }, field.member);
}

std::vector<std::string> field_strings(const Paper& paper, const schema::Field& field) {
    return std::visit([&](auto member) { return strings_of(paper.*member); }, field.member);
}

Json to_json(const Paper& paper) {
    Json record = Json::object();
    for (const schema::Field& field : schema::kFields) {
        if (always_in_record(field) || has_value(paper, field))
            record[std::string(field.key)] = field_json(paper, field);
    }
    for (const auto& [key, value] : paper.extra.items()) record[key] = value;
    return record;
}

bool is_modelled_field(const std::string& key) {
    for (const schema::Field& field : schema::kFields) {
        if (key == field.key) return true;
    }
    return false;
}

Paper paper_from_json(const Json& record) {
    Paper paper;
    for (const schema::Field& field : schema::kFields) {
        const auto it = record.find(std::string(field.key));
        if (it == record.end()) continue;
        std::visit([&](auto member) { read_json(*it, paper.*member); }, field.member);
    }
    for (const auto& [key, value] : record.items()) {
        if (!is_modelled_field(key)) paper.extra[key] = value;
    }
    return paper;
}

}  // namespace mlsys
