#include "mlsys/query/index_stats.h"

#include "mlsys/schema/errors.h"
#include "mlsys/schema/index_metadata.h"
#include "mlsys/schema/index_path.h"
#include "mlsys/schema/paper.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <optional>
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

// One line of a stub: "glass PATH", "auto PATH" (paths relative to the stub's folder), or
// "remote HOST:PORT".
struct StubLine {
    std::string kind;
    std::string target;
};

std::vector<StubLine> stub_lines(const fs::path& stub) {
    std::ifstream in(stub);
    std::vector<StubLine> lines;
    for (std::string line; std::getline(in, line);) {
        std::istringstream words(line);
        StubLine shard;
        if (words >> shard.kind >> shard.target) lines.push_back(shard);
    }
    return lines;
}

fs::path shard_folder(const fs::path& stub, const std::string& target) {
    return fs::path(target).is_absolute() ? fs::path(target) : stub.parent_path() / target;
}

// Remote shards take no space here.
std::uintmax_t stub_bytes(const fs::path& stub) {
    std::uintmax_t bytes = fs::file_size(stub);
    for (const StubLine& shard : stub_lines(stub)) {
        if (shard.kind != "remote") bytes += folder_bytes(shard_folder(stub, shard.target));
    }
    return bytes;
}

Xapian::Database open_shard(const fs::path& stub, const StubLine& shard) {
    if (shard.kind != "remote") return Xapian::Database(shard_folder(stub, shard.target).string());
    const std::size_t colon = shard.target.rfind(':');
    return Xapian::Remote::open(shard.target.substr(0, colon), std::stoi(shard.target.substr(colon + 1)));
}

// The stub listing the shards of the index at `db_path`: the path itself when it is a stub file,
// the XAPIANDB in it when it is the folder of a sharded index (mlsys-index --shards); none when
// it is one database.
std::optional<fs::path> stub_of(const std::string& db_path) {
    if (schema::classify_index_path(db_path) == schema::IndexPath::OwnStub) return fs::path(db_path);
    const fs::path in_folder = fs::path(db_path) / "XAPIANDB";
    if (fs::is_regular_file(in_folder)) return in_folder;
    return std::nullopt;
}

// The databases whose metadata make the index's: each shard of a stub (a stub's database
// answers with its first shard's metadata alone), else the one database.
std::vector<Xapian::Database> metadata_holders(const std::string& db_path, const Xapian::Database& db) {
    const std::optional<fs::path> stub = stub_of(db_path);
    if (!stub) return {db};
    std::vector<Xapian::Database> shards;
    for (const StubLine& shard : stub_lines(*stub)) shards.push_back(open_shard(*stub, shard));
    return shards;
}

// The metadata under `key` as the whole index holds it: the holders' values merged as merging
// the shards would.
std::string whole_index_metadata(const std::vector<Xapian::Database>& holders, std::string_view key) {
    std::vector<std::string> values;
    for (const Xapian::Database& holder : holders) {
        std::string value = holder.get_metadata(std::string(key));
        if (!value.empty()) values.push_back(std::move(value));
    }
    return schema::merged_shard_metadata(key, values);
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

std::optional<std::map<std::string, std::size_t>> source_counts(const std::string& recorded) {
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
    const std::vector<Xapian::Database> holders = metadata_holders(db_path, db);
    stats.updated = whole_index_metadata(holders, schema::kUpdatedKey);
    stats.sources = source_counts(whole_index_metadata(holders, schema::kSourceCountsKey));
    return stats;
}

void write_stats(std::ostream& out, const IndexStats& stats, OutputFormat format) {
    if (format == OutputFormat::Text) return write_text(out, stats);
    if (format == OutputFormat::Json) return write_json(out, stats);
    throw UsageError("--stats writes text or json");
}

}  // namespace mlsys::query
