#include "readers/paper_reader.h"

#include "mlsys/text.h"
#include "readers/json_lines_reader.h"

#include <filesystem>
#include <fstream>

namespace mlsys::indexer {

const std::vector<std::pair<std::string, InputFormat>>& input_format_names() {
    static const std::vector<std::pair<std::string, InputFormat>> kNames{
        {"auto", InputFormat::Auto}, {"papers", InputFormat::Papers}, {"beir", InputFormat::Beir}};
    return kNames;
}

namespace {

std::string first_non_blank_line(const std::string& file_name) {
    std::ifstream in(file_name);
    std::string line;
    while (std::getline(in, line)) {
        if (!text::squeeze_spaces(line).empty()) return line;
    }
    return {};
}

}  // namespace

InputFormat detect_format(InputFormat format, const std::string& file_name) {
    if (format != InputFormat::Auto) return format;
    // BEIR corpora name their id "_id"; everything else JSON-shaped is our papers format.
    const std::string head = first_non_blank_line(file_name);
    return head.find("\"_id\"") != std::string::npos ? InputFormat::Beir : InputFormat::Papers;
}

std::unique_ptr<PaperReader> make_reader(InputFormat format, const VenueAliases& aliases) {
    switch (format) {
        case InputFormat::Beir: return std::make_unique<BeirCorpusReader>(aliases);
        case InputFormat::Papers:
        case InputFormat::Auto: break;
    }
    return std::make_unique<PapersJsonlReader>(aliases);
}

}  // namespace mlsys::indexer
