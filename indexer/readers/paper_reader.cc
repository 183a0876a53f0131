#include "mlsys/indexer/paper_reader.h"

#include "mlsys/schema/limits.h"
#include "mlsys/schema/text.h"
#include "readers/format_readers.h"
#include "readers/json_lines_reader.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string_view>

namespace mlsys::indexer {

const std::vector<std::pair<std::string, InputFormat>>& input_format_names() {
    static const std::vector<std::pair<std::string, InputFormat>> kNames{
        {"auto", InputFormat::Auto},         {"papers", InputFormat::Papers}, {"beir", InputFormat::Beir},
        {"markdown", InputFormat::Markdown}, {"bibtex", InputFormat::Bibtex}, {"csv", InputFormat::Csv}};
    return kNames;
}

namespace {

// Passes over a UTF-8 byte-order mark at the start of `in`. What is not one is put back; the
// bytes read are still in the stream's buffer (it has just been filled from the start), so
// ungetting them works for files, pipes and strings alike.
void skip_byte_order_mark(std::istream& in) {
    static constexpr std::string_view kMark = "\xEF\xBB\xBF";
    std::size_t matched = 0;
    while (matched < kMark.size() && in.peek() == static_cast<unsigned char>(kMark[matched])) {
        in.get();
        ++matched;
    }
    if (matched == kMark.size()) return;
    in.clear(in.rdstate() & ~std::ios::eofbit);  // a short file's end was only peeked at
    while (matched-- > 0) in.unget();
}

std::string first_non_blank_line(const std::string& file_name) {
    std::ifstream in(file_name, std::ios::binary);
    skip_byte_order_mark(in);
    std::string line;
    bool too_long = false;
    while (read_line(in, line, limits::kMaxRecordBytes, too_long)) {
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

// "- ", "1. ", "1) ": a list marker, then white space.
bool starts_with_list_marker(std::string_view text) {
    std::size_t end = std::min(text.find_first_not_of("0123456789"), text.size());
    if (end > 0 && end < text.size() && (text[end] == '.' || text[end] == ')')) {
        ++end;
    } else if (end == 0 && !text.empty() && (text[0] == '-' || text[0] == '*' || text[0] == '+')) {
        end = 1;
    } else {
        return false;
    }
    return end < text.size() && text::is_space(text[end]);
}

// "[text](": a link.
bool starts_with_link(std::string_view text) {
    const std::size_t label_end = text.find(']');
    return text::starts_with(text, "[") && label_end != std::string_view::npos && label_end + 1 < text.size() &&
           text[label_end + 1] == '(';
}

// After any white space: '#', '>', "**", "<!--", "![", a list marker or a link.
bool looks_like_markdown(std::string_view line) {
    const std::string_view text = line.substr(std::min(line.find_first_not_of(" \t\n\v\f\r"), line.size()));
    for (const std::string_view start : {"#", ">", "**", "<!--", "!["}) {
        if (text::starts_with(text, start)) return true;
    }
    return starts_with_list_marker(text) || starts_with_link(text);
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
    throw InputError(file_name +
                     ": cannot tell the format from the name or the first line; tried papers and BEIR "
                     "JSON lines (a line starting with '{'), BibTeX ('@' or '%'), a Markdown list ('#', '- ', "
                     "'1. ', '**', a link) and CSV (a header row with commas): name the file .jsonl, .md, .bib or "
                     ".csv, or give --format");
}

}  // namespace

namespace {

// What read() without a sink returns: every record in the result.
class KeptRecords : public RecordSink {
  public:
    explicit KeptRecords(std::vector<ReadRecord>& records) : records_(records) {}
    void add(ReadRecord record) override { records_.push_back(std::move(record)); }

  private:
    std::vector<ReadRecord>& records_;
};

}  // namespace

ReadResult PaperReader::read(std::istream& in, const std::string& file_name) const {
    std::vector<ReadRecord> records;
    KeptRecords kept(records);
    ReadResult result = read(in, file_name, kept);
    result.records = std::move(records);
    return result;
}

ReadResult PaperReader::read(std::istream& in, const std::string& file_name, RecordSink& sink) const {
    skip_byte_order_mark(in);
    return read_records(in, file_name, sink);
}

InputFormat detect_format(InputFormat format, const std::string& file_name) {
    if (format != InputFormat::Auto) return format;
    if (const auto by_extension = format_of_extension(file_name)) return *by_extension;
    return format_of_content(file_name);
}

std::unique_ptr<PaperReader> make_reader(InputFormat format, const VenueAliases& aliases) {
    switch (format) {
        case InputFormat::Beir:
            return std::make_unique<BeirCorpusReader>(aliases);
        case InputFormat::Markdown:
            return std::make_unique<MarkdownListReader>(aliases);
        case InputFormat::Bibtex:
            return std::make_unique<BibtexReader>(aliases);
        case InputFormat::Csv:
            return std::make_unique<CsvReader>(aliases);
        case InputFormat::Papers:
        case InputFormat::Auto:
            break;
    }
    return std::make_unique<PapersJsonlReader>(aliases);
}

bool read_line(std::istream& in, std::string& line, std::size_t max_bytes, bool& too_long) {
    line.clear();
    too_long = false;
    std::streambuf* const buffer = in.rdbuf();
    bool any = false;
    for (int c = buffer->sbumpc(); c != std::char_traits<char>::eof(); c = buffer->sbumpc()) {
        any = true;
        if (c == '\n') return true;
        if (line.size() < max_bytes) {
            line.push_back(static_cast<char>(c));
        } else {
            too_long = true;
        }
    }
    in.setstate(std::ios::eofbit);
    return any;
}

std::string read_all(std::istream& in) {
    std::ostringstream content;
    content << in.rdbuf();
    return content.str();
}

}  // namespace mlsys::indexer
