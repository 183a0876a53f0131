#include "output/writers.h"

namespace mlsys::query {

namespace {

// A value as one column: tabs and line breaks would split the line.
std::string column(const std::string& value) {
    std::string out = value;
    for (char& c : out) {
        if (c == '\t' || c == '\n' || c == '\r') c = ' ';
    }
    return out;
}

std::string line(const Paper& paper) {
    return column(paper.id) + '\t' + (paper.year ? std::to_string(*paper.year) : "") + '\t' + column(paper.venue) +
           '\t' + column(paper.title) + '\n';
}

}  // namespace

void TsvWriter::write(const SearchResponse& response, const std::string& qid) {
    write_notes(response);
    const std::string first = qid.empty() ? "" : column(qid) + "\t";
    for (const Hit& hit : response.hits) out_ << first << line(hit.paper);
}

void TsvWriter::write_paper(const Paper& paper) {
    out_ << line(paper);
}

}  // namespace mlsys::query
