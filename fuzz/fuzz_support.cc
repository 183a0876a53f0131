#include "fuzz_support.h"

#include "mlsys/indexer/collection.h"
#include "mlsys/indexer/index_writer.h"
#include "mlsys/indexer/input_set.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <memory>

namespace mlsys::fuzz {

void check(bool holds, std::string_view what) {
    if (holds) return;
    std::cerr << "fuzz invariant broken: " << what << '\n';
    std::abort();
}

namespace {

// A folder of this process alone, removed when it ends.
class ScratchFolder {
  public:
    ScratchFolder() {
        const std::filesystem::path base = std::filesystem::temp_directory_path() / "mlsys-fuzz-XXXXXX";
        std::string pattern = base.string();
        check(mkdtemp(pattern.data()) != nullptr, "mkdtemp makes a scratch folder");
        path_ = pattern;
    }
    ~ScratchFolder() {
        std::error_code ignored;
        std::filesystem::remove_all(path_, ignored);
    }
    ScratchFolder(const ScratchFolder&) = delete;
    ScratchFolder& operator=(const ScratchFolder&) = delete;
    const std::string& path() const { return path_; }

  private:
    std::string path_;
};

std::string build_bundled_index() {
    const std::string db = scratch_folder() + "/papers";
    indexer::InputSet inputs =
        indexer::read_inputs({MLSYS_BUNDLED_PAPERS}, indexer::InputFormat::Papers, VenueAliases::bundled());
    check(inputs.problems.empty(), "data/papers.jsonl reads without problems");
    indexer::CollectOptions collect_options;
    collect_options.update = false;
    collect_options.input_files = inputs.files;
    const indexer::Collection collection = indexer::collect_papers(inputs.records, collect_options);
    indexer::WriteOptions write_options;
    write_options.mode = indexer::WriteMode::Rebuild;
    indexer::write_index(db, *collection.papers, write_options);
    return db;
}

}  // namespace

const std::string& scratch_folder() {
    static const ScratchFolder folder;
    return folder.path();
}

const std::string& bundled_index() {
    static const std::string db = build_bundled_index();
    return db;
}

indexer::InputFormat format_named(std::string_view name) {
    for (const auto& [known, format] : indexer::input_format_names()) {
        if (known == name) return format;
    }
    check(false, "a known reader format");
    return indexer::InputFormat::Auto;
}

std::size_t line_count(std::string_view text) {
    const auto ends = static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
    return ends + (text.empty() || text.back() == '\n' ? 0 : 1);
}

void check_locations(const indexer::ReadResult& result, const std::string& file_name, std::size_t lines) {
    const auto within = [&](const SourceLocation& where) { return where.file == file_name && where.line <= lines; };
    for (const indexer::ReadRecord& record : result.records) {
        check(within(record.where), "a record names the file and one of its lines");
        for (const SourceLocation& repeat : record.repeats) check(within(repeat), "a repeat names a line of the file");
    }
    for (const Problem& problem : result.problems) check(within(problem.where), "a problem names a line of the file");
    for (const Problem& unread : result.unread) check(within(unread.where), "an unread line is a line of the file");
}

}  // namespace mlsys::fuzz
