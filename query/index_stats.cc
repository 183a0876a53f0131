#include "mlsys/query/index_stats.h"

#include "mlsys/schema/errors.h"
#include "mlsys/schema/index_metadata.h"
#include "mlsys/schema/index_path.h"
#include "mlsys/schema/paper.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace mlsys::query {

namespace {

namespace fs = std::filesystem;

std::uintmax_t folder_bytes(const fs::path& folder) {
    std::uintmax_t bytes = 0;
    std::error_code error;
    for (const auto& entry : fs::recursive_directory_iterator(folder, error)) {
        if (entry.is_regular_file(error)) bytes += entry.file_size(error);
    }
    return bytes;
}

// A stub's lines name its shards ("glass PATH", "auto PATH", "remote HOST:PORT"); paths are
// relative to the stub's folder. Remote shards take no space here.
std::uintmax_t stub_bytes(const fs::path& stub) {
    std::ifstream in(stub);
    std::uintmax_t bytes = fs::file_size(stub);
    for (std::string line; std::getline(in, line);) {
        std::istringstream words(line);
        std::string kind, path;
        if (!(words >> kind >> path) || kind == "remote") continue;
        bytes += folder_bytes(fs::path(path).is_absolute() ? fs::path(path) : stub.parent_path() / path);
    }
    return bytes;
}

std::size_t distinct_terms(const Xapian::Database& db) {
    std::size_t terms = 0;
    for (auto term = db.allterms_begin(); term != db.allterms_end(); ++term) ++terms;
    return terms;
}

FacetSummary summary_of(const FacetCounts& counts, std::size_t top) {
    FacetSummary summary{counts.field, counts.values.size(), counts.values};
    std::stable_sort(summary.top.begin(), summary.top.end(),
                     [](const FacetValue& a, const FacetValue& b) { return a.count > b.count; });
    if (top > 0 && summary.top.size() > top) summary.top.resize(top);
    return summary;
}

std::vector<FacetSummary> facet_summaries(Searcher& searcher, std::size_t top) {
    SearchRequest request;
    request.match = QueryText{""};
    request.facets.clear();
    for (const schema::Field& field : schema::kFields) {
        if (field.facet) request.facets.push_back(field.id);
    }
    request.limit = 0;
    std::vector<FacetSummary> summaries;
    for (const FacetCounts& counts : searcher.search(request).facets) summaries.push_back(summary_of(counts, top));
    return summaries;
}

std::optional<std::map<std::string, std::size_t>> source_counts(const Xapian::Database& db) {
    const std::string recorded = db.get_metadata(std::string(schema::kSourceCountsKey));
    if (recorded.empty()) return std::nullopt;
    std::map<std::string, std::size_t> sources;
    const Json counts = Json::parse(recorded);  // named: items() refers to it
    for (const auto& [file, count] : counts.items()) sources[file] = count.get<std::size_t>();
    return sources;
}

// "1.2 MB": sizes people read at a glance (powers of 1024).
std::string human_bytes(std::uintmax_t bytes) {
    const char* units[] = {"bytes", "KiB", "MiB", "GiB", "TiB"};
    double size = static_cast<double>(bytes);
    std::size_t unit = 0;
    while (size >= 1024 && unit + 1 < std::size(units)) {
        size /= 1024;
        ++unit;
    }
    std::ostringstream out;
    out.precision(unit == 0 ? 0 : 1);
    out << std::fixed << size << ' ' << units[unit];
    return out.str();
}

void write_text(std::ostream& out, const IndexStats& stats) {
    out << "index:    " << stats.path << '\n'
        << "papers:   " << stats.papers << '\n'
        << "terms:    " << stats.terms << '\n'
        << "size:     " << human_bytes(stats.bytes) << " (" << stats.bytes << " bytes)\n"
        << "updated:  " << (stats.updated.empty() ? "not recorded" : stats.updated) << '\n';
    for (const FacetSummary& facet : stats.facets) {
        std::string label = std::string(schema::field(facet.field).name) + ":";
        label.resize(std::max<std::size_t>(label.size() + 1, 10), ' ');
        out << label << facet.distinct << (facet.distinct == 1 ? " value" : " values");
        for (std::size_t i = 0; i < facet.top.size(); ++i) {
            out << (i == 0 ? ": " : ", ") << facet.top[i].value << ' ' << facet.top[i].count;
        }
        if (facet.top.size() < facet.distinct) out << ", +" << facet.distinct - facet.top.size() << " more";
        out << '\n';
    }
    if (!stats.sources) {
        out << "sources:  not recorded (mlsys-index --rebuild records them)\n";
        return;
    }
    out << "sources:  " << stats.sources->size() << (stats.sources->size() == 1 ? " file" : " files") << '\n';
    for (const auto& [file, papers] : *stats.sources) out << "  " << papers << ' ' << file << '\n';
}

void write_json(std::ostream& out, const IndexStats& stats) {
    Json facets = Json::object();
    for (const FacetSummary& facet : stats.facets) {
        Json top = Json::array();
        for (const FacetValue& value : facet.top) top.push_back({{"value", value.value}, {"count", value.count}});
        facets[std::string(schema::field(facet.field).name)] = {{"distinct", facet.distinct}, {"top", top}};
    }
    Json sources = nullptr;
    if (stats.sources) {
        sources = Json::array();
        for (const auto& [file, papers] : *stats.sources) sources.push_back({{"file", file}, {"papers", papers}});
    }
    const Json stats_json = {
        {"format", kJsonFormat},  {"index", stats.path},
        {"papers", stats.papers}, {"terms", stats.terms},
        {"bytes", stats.bytes},   {"updated", stats.updated.empty() ? Json(nullptr) : Json(stats.updated)},
        {"facets", facets},       {"sources", sources}};
    out << stats_json.dump() << '\n';
}

}  // namespace

IndexStats index_stats(Searcher& searcher, const std::string& db_path, std::size_t top) {
    IndexStats stats;
    stats.path = db_path;
    stats.facets = facet_summaries(searcher, top);
    const bool stub = schema::classify_index_path(db_path) == schema::IndexPath::OwnStub;
    const Xapian::Database db = open_index(db_path);
    stats.papers = db.get_doccount();
    stats.terms = distinct_terms(db);
    stats.bytes = stub ? stub_bytes(db_path) : folder_bytes(db_path);
    if (!stub) {  // a stub's metadata would be its first shard's alone
        stats.updated = db.get_metadata(std::string(schema::kUpdatedKey));
        stats.sources = source_counts(db);
    }
    return stats;
}

void write_stats(std::ostream& out, const IndexStats& stats, OutputFormat format) {
    if (format == OutputFormat::Text) return write_text(out, stats);
    if (format == OutputFormat::Json) return write_json(out, stats);
    throw UsageError("--stats writes text or json");
}

}  // namespace mlsys::query
