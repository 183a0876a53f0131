#include "mlsys/indexer/paper_reader.h"

#include "mlsys/schema/text.h"
#include "readers/format_readers.h"
#include "readers/json_lines_reader.h"

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

namespace mlsys::indexer {

const std::vector<std::pair<std::string, InputFormat>>& input_format_names() {
    static const std::vector<std::pair<std::string, InputFormat>> kNames{
        {"auto", InputFormat::Auto},         {"papers", InputFormat::Papers}, {"beir", InputFormat::Beir},
        {"markdown", InputFormat::Markdown}, {"bibtex", InputFormat::Bibtex}, {"csv", InputFormat::Csv}};
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

std::optional<InputFormat> format_of_extension(const std::string& file_name) {
    const std::string extension = text::lower(std::filesystem::path(file_name).extension().string());
    if (extension == ".md" || extension == ".markdown") return InputFormat::Markdown;
    if (extension == ".bib" || extension == ".bibtex") return InputFormat::Bibtex;
    if (extension == ".csv") return InputFormat::Csv;
    return std::nullopt;
}

bool looks_like_markdown(const std::string& line) {
    static const std::regex kMarkdownStart(R"(^\s*(#|[-*+]\s|\d+[.)]\s|\*\*|>|<!--|!\[|\[[^\]]*\]\())");
    return std::regex_search(line, kMarkdownStart);
}

InputFormat format_of_content(const std::string& file_name) {
    // BEIR corpora name their id "_id"; everything else JSON-shaped is our papers format.
    const std::string head = first_non_blank_line(file_name);
    const std::string start = text::squeeze_spaces(head).substr(0, 1);
    if (start == "{") return head.find("\"_id\"") != std::string::npos ? InputFormat::Beir : InputFormat::Papers;
    if (start == "@" || start == "%") return InputFormat::Bibtex;
    if (looks_like_markdown(head)) return InputFormat::Markdown;
    if (head.find(',') != std::string::npos) return InputFormat::Csv;
    if (start.empty()) return InputFormat::Papers;  // blank: no papers, in any format
    throw InputError(file_name + ": cannot tell the format from the name or the first line; tried papers and BEIR "
                     "JSON lines (a line starting with '{'), BibTeX ('@' or '%'), a Markdown list ('#', '- ', "
                     "'1. ', '**', a link) and CSV (a header row with commas): name the file .jsonl, .md, .bib or "
                     ".csv, or give --format");
}

}  // namespace

InputFormat detect_format(InputFormat format, const std::string& file_name) {
    if (format != InputFormat::Auto) return format;
    if (const auto by_extension = format_of_extension(file_name)) return *by_extension;
    return format_of_content(file_name);
}

std::unique_ptr<PaperReader> make_reader(InputFormat format, const VenueAliases& aliases) {
    switch (format) {
        case InputFormat::Beir: return std::make_unique<BeirCorpusReader>(aliases);
        case InputFormat::Markdown: return std::make_unique<MarkdownListReader>(aliases);
        case InputFormat::Bibtex: return std::make_unique<BibtexReader>(aliases);
        case InputFormat::Csv: return std::make_unique<CsvReader>(aliases);
        case InputFormat::Papers:
        case InputFormat::Auto: break;
    }
    return std::make_unique<PapersJsonlReader>(aliases);
}

std::string read_all(std::istream& in) {
    std::ostringstream content;
    content << in.rdbuf();
    return content.str();
}

}  // namespace mlsys::indexer
