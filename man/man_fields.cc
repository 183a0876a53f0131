// Writes the field sections of mlsys-search(7) in roff, from the field table, so the manual
// never names a field, a record key or a rule the code does not have. Run at build time.
#include "mlsys/schema/schema.h"

#include <iostream>
#include <string>
#include <string_view>

namespace {

using namespace mlsys::schema;

// roff takes a leading '.' or '\'' as a request, and '\' as an escape.
std::string roff(std::string_view text) {
    std::string escaped;
    for (const char c : text) {
        if (c == '\\') {
            escaped += "\\e";
        } else if (c == '-') {
            escaped += "\\-";
        } else {
            escaped += c;
        }
    }
    if (!escaped.empty() && (escaped[0] == '.' || escaped[0] == '\'')) escaped.insert(0, "\\&");
    return escaped;
}

std::string_view value_description(ValueType type) {
    switch (type) {
        case ValueType::Text:
            return "text";
        case ValueType::String:
            return "a string, kept whole";
        case ValueType::StringList:
            return "a list of strings";
        case ValueType::Year:
            return "a four-digit year";
        case ValueType::PaperId:
            return "a paper id (case-sensitive, no white space)";
        case ValueType::PaperIdList:
            return "a list of paper ids";
    }
    return "";
}

std::string_view presence_description(Presence presence) {
    switch (presence) {
        case Presence::Required:
            return "required";
        case Presence::Expected:
            return "expected (required unless the input format lacks it)";
        case Presence::Optional:
            return "optional";
    }
    return "";
}

void write_query_fields() {
    std::cout << ".\\\" Query fields, from the field table\n";
    for (const Field& field : kFields) {
        if (!is_query_field(field)) continue;
        std::cout << ".TP\n.B " << roff(field.name) << ":\n" << roff(field.help);
        if (field.facet) std::cout << "; a facet, and a filter (--" << roff(field.name) << ")";
        std::cout << ".\nExample: \\fB" << roff(field.example) << "\\fR\n";
    }
}

void write_record_keys() {
    std::cout << ".\\\" Record keys, from the field table\n";
    for (const Field& field : kFields) {
        std::cout << ".TP\n.B " << roff(field.key) << "\n"
                  << roff(value_description(field.type)) << "; " << roff(presence_description(field.presence));
        if (is_query_field(field)) {
            std::cout << "; searched as \\fB" << roff(field.name) << ":\\fR";
        } else {
            std::cout << "; stored and shown, not searched";
        }
        std::cout << ".\n";
    }
}

}  // namespace

int main(int argc, char** argv) {
    const std::string_view part = argc > 1 ? argv[1] : "";
    if (part == "query-fields") {
        write_query_fields();
    } else if (part == "record-keys") {
        write_record_keys();
    } else {
        std::cerr << "usage: man-fields query-fields|record-keys\n";
        return 1;
    }
    return 0;
}
