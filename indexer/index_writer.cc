#include "mlsys/indexer/index_writer.h"

#include "mlsys/indexer/collection.h"
#include "mlsys/indexer/record_spool.h"
#include "mlsys/schema/document.h"
#include "mlsys/schema/errors.h"
#include "mlsys/schema/index_metadata.h"
#include "mlsys/schema/index_path.h"
#include "mlsys/schema/schema.h"

#include <xapian.h>

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>
#include <algorithm>
#include <atomic>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <exception>
#include <filesystem>
#include <fstream>
#include <optional>
#include <thread>
#include <unordered_map>
#include <unordered_set>

namespace mlsys::indexer {

namespace fs = std::filesystem;

namespace {

struct StoredPaper {
    Xapian::docid docid;
    std::string record;  // the JSON in the document data
};

std::optional<StoredPaper> stored_paper(const Xapian::Database& db, const std::string& id_term) {
    const auto posting = db.postlist_begin(id_term);
    if (posting == db.postlist_end(id_term)) return std::nullopt;
    return StoredPaper{*posting, db.get_document(*posting).get_data()};
}

std::vector<std::string> stored_id_terms(const Xapian::Database& db) {
    const std::string prefix(schema::field(schema::FieldId::Id).prefix);
    std::vector<std::string> terms;
    for (auto term = db.allterms_begin(prefix); term != db.allterms_end(prefix); ++term) terms.push_back(*term);
    return terms;
}

enum class Change { Added, Updated, Unchanged };

// What putting `paper` changes against the index `before` (none: a first build), and the
// stored paper with its id.
Change change_of(const Xapian::Database* before, const Paper& paper, std::optional<StoredPaper>& previous) {
    previous = before ? stored_paper(*before, schema::id_term(paper.id)) : std::nullopt;
    if (!previous) return Change::Added;
    return previous->record == to_json(paper).dump() ? Change::Unchanged : Change::Updated;
}

// Every source of the paper is an input of this run: it was read again, and what the inputs no
// longer hold is gone. A paper indexed before sources were kept has none: never pruned, since
// its lists are unknown (a --rebuild records them).
bool every_source_given(const std::string& record, const std::set<std::string>& input_files) {
    const Paper paper = paper_from_json(Json::parse(record));
    return !paper.sources.empty() && sources_outside(paper, input_files).empty();
}

// The ids of `before` that a write of `papers` removes: in a rebuild every paper not written;
// in an update the retired ones, and with --prune those not written whose sources were all read.
std::vector<std::string> ids_to_remove(const Xapian::Database& before, const PaperList& papers,
                                       const WriteOptions& options) {
    std::unordered_set<std::string> written;
    for (std::size_t i = 0; i < papers.size(); ++i) written.insert(schema::id_term(papers.id(i)));
    const std::unordered_set<std::string> retired(options.retired_ids.begin(), options.retired_ids.end());
    const std::size_t prefix = schema::field(schema::FieldId::Id).prefix.size();
    std::vector<std::string> ids;
    for (const std::string& term : stored_id_terms(before)) {
        if (written.count(term)) continue;
        const std::string id = term.substr(prefix);
        const bool remove =
            options.mode == WriteMode::Rebuild || retired.count(id) ||
            (options.prune && every_source_given(stored_paper(before, term)->record, options.input_files));
        if (remove) ids.push_back(id);
    }
    return ids;
}

// How many papers each source file gave (schema::kSourceCountsKey), or none when the index
// does not know.
using SourceCounts = std::optional<Json>;

// The counts `db` records. An index that holds papers but no counts was written before they
// were kept: its counts stay unknown (a --rebuild counts them), never partly counted.
SourceCounts recorded_source_counts(const Xapian::Database& db) {
    const std::string recorded = db.get_metadata(std::string(schema::kSourceCountsKey));
    if (!recorded.empty()) return Json::parse(recorded);
    return db.get_doccount() == 0 ? SourceCounts{Json::object()} : std::nullopt;
}

// Adds `direction` to the count of each file `paper` was read from (once a file, however many
// of its lines); a count that falls to 0 goes.
void count_sources(Json& counts, const Paper& paper, int direction) {
    std::set<std::string> files;
    for (const std::string& source : paper.sources) files.insert(file_of_source(source));
    for (const std::string& file : files) {
        const long count = counts.value(file, 0L) + direction;
        if (count > 0) {
            counts[file] = count;
        } else {
            counts.erase(file);
        }
    }
}

// "2026-12-01T03:40:00Z"
std::string utc_now() {
    const std::time_t now = std::time(nullptr);
    std::tm utc{};
    gmtime_r(&now, &utc);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return text;
}

// Whether the compactor's `key` is `name`: Xapian 1.4's glass compactor passes the key as its
// table stores it, behind a two-byte prefix ("\0\xc0").
bool names(const std::string& key, std::string_view name) {
    return key.size() >= name.size() && key.compare(key.size() - name.size(), name.size(), name) == 0;
}

// Merges the shards' metadata as one index would hold it (schema::merged_shard_metadata).
class ShardCompactor : public Xapian::Compactor {
  public:
    std::string resolve_duplicate_metadata(const std::string& key, size_t num_tags, const std::string tags[]) override {
        const std::string_view name = names(key, schema::kSourceCountsKey) ? schema::kSourceCountsKey : key;
        return schema::merged_shard_metadata(name, std::vector<std::string>(tags, tags + num_tags));
    }
};

// Counts the papers a write has put, over every thread, for WriteOptions::progress.
class PaperCount {
  public:
    PaperCount(WriteProgress* progress, std::size_t total) : progress_(progress), total_(total) {}
    void one_more() {
        if (progress_) progress_->papers_written(++done_, total_);
    }

  private:
    WriteProgress* const progress_;
    const std::size_t total_;
    std::atomic<std::size_t> done_{0};
};

// Writes papers into one writable database, keeping the spelling dictionary in step with the
// documents, and counts what it did against the index as it was before.
class DocumentWriter {
  public:
    // `before` is the index to compare with: `db` itself when updating in place, the old index
    // (or none) when building a fresh one. `count` is told of each paper put.
    // `last_run` is recorded as schema::kLastRunKey (empty: the key goes).
    DocumentWriter(Xapian::WritableDatabase& db, const Xapian::Database* before, bool in_place,
                   const std::string& last_run, PaperCount& count)
        : db_(db),
          before_(before),
          in_place_(in_place),
          last_run_(last_run),
          same_schema_(before && written_with_this_schema(*before)),
          count_(count),
          source_counts_(in_place ? recorded_source_counts(db) : SourceCounts{Json::object()}) {}

    // Ids are unique within one run (the collection makes them so), so a paper is either new to
    // the database or replaces the one document with its id term.
    void put(const Paper& paper) {
        put_one(paper);
        count_.one_more();
    }

    // Commits what was put so far (a fresh build's flush).
    void commit() {
        apply_spelling_changes();
        db_.commit();
    }

    // Updating in place: removes the papers with these ids.
    void remove(const std::vector<std::string>& ids) {
        for (const std::string& id : ids) {
            const std::optional<StoredPaper> stored = stored_paper(db_, schema::id_term(id));
            if (!stored) continue;
            ++summary_.removed;
            account(paper_from_json(Json::parse(stored->record)), -1);
            db_.delete_document(stored->docid);
        }
    }

    // Metadata is set only where it changes: a run that changed nothing commits no new revision
    // (readers keep their open database) and leaves the time of the last run that did.
    WriteSummary finish() {
        apply_spelling_changes();
        set_metadata(schema::kSchemaVersionKey, std::string(schema::kSchemaVersion));
        const bool changed = summary_.added + summary_.updated + summary_.removed > 0;
        if (changed || db_.get_metadata(std::string(schema::kUpdatedKey)).empty())
            set_metadata(schema::kUpdatedKey, utc_now());
        if (source_counts_) set_metadata(schema::kSourceCountsKey, source_counts_->dump());
        set_metadata(schema::kLastRunKey, last_run_);
        summary_.total = db_.get_doccount();
        return summary_;
    }

  private:
    void put_one(const Paper& paper) {
        std::optional<StoredPaper> previous;
        const Change change = change_of(before_, paper, previous);
        if (change == Change::Unchanged) {
            ++summary_.unchanged;
            if (in_place_ && same_schema_) return;
        } else {
            ++(change == Change::Updated ? summary_.updated : summary_.added);
        }
        // Replacing by docid, not by id term: Xapian's replace_document(term) has to search
        // the pending changes, which made bulk indexing quadratic.
        const Xapian::Document doc = builder_.build(paper);
        if (previous && in_place_) {
            account(paper_from_json(Json::parse(previous->record)), -1);
            db_.replace_document(previous->docid, doc);
        } else {
            db_.add_document(doc);
        }
        account(paper, doc, +1);
    }

    void set_metadata(std::string_view key, const std::string& value) {
        if (db_.get_metadata(std::string(key)) != value) db_.set_metadata(std::string(key), value);
    }

    static bool written_with_this_schema(const Xapian::Database& db) {
        return db.get_metadata(std::string(schema::kSchemaVersionKey)) == schema::kSchemaVersion;
    }

    // A paper comes (+1) or goes (-1): its words in the spelling dictionary, its files in the
    // source counts.
    // `doc` is the paper's document as built now: a paper that goes is built again, since the
    // index it came from may be one an older schema wrote.
    void account(const Paper& paper, const Xapian::Document& doc, int direction) {
        change_spelling(doc, direction);
        if (source_counts_) count_sources(*source_counts_, paper, direction);
    }
    void account(const Paper& paper, int direction) { account(paper, builder_.build(paper), direction); }

    // The dictionary's changes are summed here and handed to Xapian once a word per commit:
    // a call per word and paper cost a fifth of a build, each one looking the word up again.
    void change_spelling(const Xapian::Document& doc, int direction) {
        for (const auto& [word, count] : spelling_words(doc))
            spelling_changes_[word] += direction * static_cast<std::int64_t>(count);
    }

    void apply_spelling_changes() {
        for (const auto& [word, change] : spelling_changes_) {
            if (change > 0) {
                db_.add_spelling(word, static_cast<Xapian::termcount>(change));
            } else if (change < 0) {
                db_.remove_spelling(word, static_cast<Xapian::termcount>(-change));
            }
        }
        spelling_changes_.clear();
    }

    Xapian::WritableDatabase& db_;
    const Xapian::Database* before_;
    const bool in_place_;
    const std::string last_run_;
    const bool same_schema_;  // `before` was written with this schema: an unchanged record needs no rewrite
    PaperCount& count_;
    SourceCounts source_counts_;  // none: an index written before they were kept
    DocumentBuilder builder_;
    std::unordered_map<std::string, std::int64_t> spelling_changes_;  // word → net count since the last commit
    WriteSummary summary_;
};

// A sharded index is a folder holding its shards and this Xapian stub listing them: Xapian opens
// such a folder as the databases its stub lists.
constexpr const char* kShardStubFile = "XAPIANDB";

// The shards a sharded index's stub lists; 0 for an index of one database.
std::size_t shard_count(const fs::path& index) {
    std::ifstream stub(index / kShardStubFile);
    std::size_t shards = 0;
    for (std::string line; std::getline(stub, line);) shards += !line.empty();
    return shards;
}

// Marks a finished index as written by mlsys-index (schema::kIndexMarkerFile).
void mark_as_ours(const fs::path& index) {
    std::ofstream marker(index / schema::kIndexMarkerFile);
    marker << "an mlsys-search index, written by mlsys-index\n";
    if (!marker.flush()) {
        throw IndexError("cannot write " + (index / schema::kIndexMarkerFile).string() + ": " + std::strerror(errno));
    }
}

// The process holding Xapian's write lock on `db_path` (its "flintlock" file), when the system
// names it: a classic fcntl lock does; the open-file-description lock Xapian takes on Linux
// does not (its holder reads as -1).
std::optional<pid_t> write_lock_holder(const std::string& db_path) {
    const int fd = ::open((fs::path(db_path) / "flintlock").c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return std::nullopt;
    struct flock lock {};
    lock.l_type = F_WRLCK;
    lock.l_whence = SEEK_SET;
    const bool asked = ::fcntl(fd, F_GETLK, &lock) == 0;
    ::close(fd);
    if (!asked || lock.l_type == F_UNLCK || lock.l_pid <= 0) return std::nullopt;
    return lock.l_pid;
}

// The index opened for writing. Another writer holding its lock is waited for, polling the
// lock, for up to `wait_seconds`; then it is said plainly.
Xapian::WritableDatabase open_for_writing(const std::string& db_path, int flags, double wait_seconds) {
    using Clock = std::chrono::steady_clock;
    const Clock::time_point deadline =
        Clock::now() + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(wait_seconds));
    for (;;) {
        try {
            return Xapian::WritableDatabase(db_path, flags);
        } catch (const Xapian::DatabaseLockError&) {
            if (Clock::now() < deadline) {
                std::this_thread::sleep_for(std::chrono::milliseconds(50));
                continue;
            }
            const std::optional<pid_t> holder = write_lock_holder(db_path);
            const std::string pid = holder ? " (pid " + std::to_string(*holder) + ")" : "";
            throw IndexLocked(db_path + " is being written by another mlsys-index" + pid + "; wait for it to finish" +
                              (wait_seconds > 0 ? ", or give --wait more seconds" : ""));
        }
    }
}

// The papers were collected against the index as `options.read_state` says; refuses to write
// over a commit another writer made since (its new papers would be unknown to this run's ids).
void check_unchanged_since_read(const std::string& db_path, const IndexState& now, const WriteOptions& options) {
    if (!options.read_state || *options.read_state == now) return;
    throw IndexChanged(db_path + " was written by another mlsys-index while this run read its inputs; run again");
}

WriteSummary update_in_place(const std::string& db_path, const PaperList& papers, const WriteOptions& options,
                             PaperCount& count) {
    Xapian::WritableDatabase db = open_for_writing(db_path, Xapian::DB_CREATE_OR_OPEN, options.wait_seconds);
    check_unchanged_since_read(db_path, index_state(db), options);
    DocumentWriter writer(db, &db, true, options.last_run, count);
    WriteSummary summary;
    db.begin_transaction();
    try {
        const std::vector<std::string> removed = ids_to_remove(db, papers, options);
        for (std::size_t i = 0; i < papers.size(); ++i) writer.put(papers.paper(i));
        writer.remove(removed);
        summary = writer.finish();
        db.commit_transaction();
    } catch (...) {
        // A failed write may fail the cancel too; the error that matters is the first.
        try {
            db.cancel_transaction();
        } catch (const Xapian::Error&) {
            // The write's own error, rethrown below, is the one to report.
        }
        throw;
    }
    mark_as_ours(db_path);  // indexes written before the marker existed gain it
    return summary;
}

std::optional<Xapian::Database> open_if_present(const std::string& db_path) {
    if (!fs::exists(db_path)) return std::nullopt;
    try {
        return Xapian::Database(db_path);
    } catch (const Xapian::DatabaseError&) {
        return std::nullopt;  // unreadable: a rebuild is how one replaces it
    }
}

// Puts `fresh` where `target` is, atomically: readers see the old index or the new, never a mix.
// What stood at `target` ends up at `fresh`, and is checked again there: should something that
// is not ours have taken the path while the index was built, it is swapped back untouched.
void swap_into_place(const fs::path& fresh, const fs::path& target) {
    if (renameat2(AT_FDCWD, fresh.c_str(), AT_FDCWD, target.c_str(), RENAME_NOREPLACE) == 0) return;
    if (errno == EEXIST && renameat2(AT_FDCWD, fresh.c_str(), AT_FDCWD, target.c_str(), RENAME_EXCHANGE) == 0) {
        const schema::IndexPath replaced = schema::classify_index_path(fresh.string());
        if (replaced == schema::IndexPath::OwnIndex || replaced == schema::IndexPath::EmptyFolder) return;
        renameat2(AT_FDCWD, fresh.c_str(), AT_FDCWD, target.c_str(), RENAME_EXCHANGE);
        throw InputError(target.string() +
                         " was taken by something else while the index was built; it is left as "
                         "it is");
    }
    throw IndexError("cannot move the new index into " + target.string() + ": " + std::strerror(errno));
}

// The prefix of every scratch folder beside `target`: TARGET.building-PID-XXXXXX.
std::string scratch_prefix(const fs::path& target) {
    return target.filename().string() + ".building-";
}

// The process that made the scratch folder `name` beside `target` (ScratchFolder's naming:
// the prefix, the pid in digits, '-', mkdtemp's six letters or digits), or none when the name
// is not one ScratchFolder makes.
std::optional<pid_t> scratch_owner(const std::string& name, const fs::path& target) {
    const std::string prefix = scratch_prefix(target);
    if (name.compare(0, prefix.size(), prefix) != 0) return std::nullopt;
    const std::string rest = name.substr(prefix.size());
    const std::size_t dash = rest.find('-');
    if (dash == 0 || dash == std::string::npos || dash > 9 || rest.size() != dash + 7) return std::nullopt;
    const auto digit = [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; };
    const auto letter_or_digit = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; };
    if (!std::all_of(rest.begin(), rest.begin() + static_cast<std::ptrdiff_t>(dash), digit) ||
        !std::all_of(rest.begin() + static_cast<std::ptrdiff_t>(dash) + 1, rest.end(), letter_or_digit)) {
        return std::nullopt;
    }
    return static_cast<pid_t>(std::stol(rest.substr(0, dash)));
}

// The file in each scratch folder that its run holds an flock on while it lives.
constexpr const char* kScratchOwnerFile = "owner";

// Whether a live process holds the owner lock of `folder` (a run in another pid namespace,
// whose pid means nothing here, is seen this way too). A folder killed before the lock was
// taken has no owner file: its maker's pid decides then.
bool owner_lock_held(const fs::path& folder) {
    const int fd = ::open((folder / kScratchOwnerFile).c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0) return false;
    const bool held = ::flock(fd, LOCK_EX | LOCK_NB) != 0;
    ::close(fd);
    return held;
}

// Removes the scratch folders a killed run left beside `target`, and only those provably ours:
// named as ScratchFolder names them, a real folder (not a link) owned by this user, whose
// maker is gone (no process has its pid) and whose owner lock nobody holds. A live run's
// folder, or anything else, is left alone.
void remove_abandoned_scratch(const fs::path& target) {
    std::error_code error;
    for (const auto& entry : fs::directory_iterator(target.parent_path(), error)) {
        const std::optional<pid_t> owner = scratch_owner(entry.path().filename().string(), target);
        if (!owner || *owner == getpid()) continue;
        struct stat info {};
        if (::lstat(entry.path().c_str(), &info) != 0 || !S_ISDIR(info.st_mode) || info.st_uid != ::geteuid()) continue;
        if (::kill(*owner, 0) == 0 || errno != ESRCH) continue;  // alive, or not ours to ask about
        if (owner_lock_held(entry.path())) continue;
        std::error_code ignored;
        fs::remove_all(entry.path(), ignored);
    }
}

// A new folder beside `target`, made for this run alone (mkdtemp, named with our pid so that
// a later run can tell it was abandoned), so that nothing already there is ever overwritten or
// removed; removed with everything in it on destruction.
class ScratchFolder {
  public:
    explicit ScratchFolder(const fs::path& target) {
        std::string name =
            (target.parent_path() / scratch_prefix(target)).string() + std::to_string(getpid()) + "-XXXXXX";
        if (mkdtemp(name.data()) == nullptr) {
            throw IndexError("cannot create a folder beside " + target.string() + ": " + std::strerror(errno));
        }
        path_ = name;
        // Held until the folder is removed; a killed run's lock goes with its process.
        owner_ = ::open((path_ / kScratchOwnerFile).c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
        if (owner_ < 0 || ::flock(owner_, LOCK_EX | LOCK_NB) != 0) {
            const int error = errno;
            release();
            throw IndexError("cannot lock a folder beside " + target.string() + ": " + std::strerror(error));
        }
    }
    ~ScratchFolder() { release(); }
    ScratchFolder(const ScratchFolder&) = delete;
    ScratchFolder& operator=(const ScratchFolder&) = delete;

    fs::path operator/(const std::string& name) const { return path_ / name; }

  private:
    void release() {
        std::error_code ignored;
        fs::remove_all(path_, ignored);
        if (owner_ >= 0) ::close(owner_);
        owner_ = -1;
    }

    fs::path path_;
    int owner_ = -1;
};

// Refuses any path that is not a new path, an empty folder or an index of ours.
void check_writable_target(const std::string& target) {
    const schema::IndexPath kind = schema::classify_index_path(target);
    if (kind == schema::IndexPath::OwnStub) {
        throw InputError(target +
                         " is a stub listing the shards of an index: mlsys-index writes each shard "
                         "by its own path and leaves the stub as it is");
    }
    if (kind != schema::IndexPath::Foreign) return;
    throw InputError(target + " is " + schema::describe_foreign_path(target) +
                     ", not an mlsys-search index: mlsys-index writes only to a new path, an empty folder or an "
                     "index it wrote, and leaves this one as it is; give --db another path");
}

// Builds `papers` into a fresh database at `path`, counting against `before`; the papers of
// `before` that are not in `papers` are not counted here (the caller sees all shards).
WriteSummary build_fresh(const fs::path& path, const PaperList& papers, std::size_t first, std::size_t last,
                         const std::optional<Xapian::Database>& before, const WriteOptions& options,
                         PaperCount& count) {
    const std::size_t flush_every = options.flush_every;
    Xapian::WritableDatabase db(path.string(), Xapian::DB_CREATE_OR_OVERWRITE);
    DocumentWriter writer(db, before ? &*before : nullptr, false, options.last_run, count);
    for (std::size_t i = first; i < last; ++i) {
        writer.put(papers.paper(i));
        if (flush_every > 0 && (i + 1 - first) % flush_every == 0) writer.commit();
    }
    WriteSummary summary = writer.finish();
    db.commit();
    return summary;
}

// The sum of the shards' counts; the total is the caller's to count.
WriteSummary summed(const std::vector<WriteSummary>& parts) {
    WriteSummary summary;
    for (const WriteSummary& part : parts) {
        summary.added += part.added;
        summary.updated += part.updated;
        summary.unchanged += part.unchanged;
    }
    return summary;
}

// Builds `papers` into the databases `shards` (each a contiguous part), one thread each with
// its own Xapian objects (they are not shared across threads).
WriteSummary build_shards(const std::vector<fs::path>& shards, const std::string& db_path, const PaperList& papers,
                          const WriteOptions& options, PaperCount& count) {
    const std::size_t jobs = shards.size();
    std::vector<WriteSummary> summaries(jobs);
    std::vector<std::exception_ptr> failures(jobs);
    std::vector<std::thread> threads;
    for (std::size_t job = 0; job < jobs; ++job) {
        threads.emplace_back([&, job] {
            try {
                const std::optional<Xapian::Database> before = open_if_present(db_path);
                summaries[job] = build_fresh(shards[job], papers, papers.size() * job / jobs,
                                             papers.size() * (job + 1) / jobs, before, options, count);
            } catch (...) {
                failures[job] = std::current_exception();
            }
        });
    }
    for (std::thread& thread : threads) thread.join();
    // A failed shard leaves its files to the scratch folder, which goes with them.
    for (const std::exception_ptr& failure : failures) {
        if (failure) std::rethrow_exception(failure);
    }
    return summed(summaries);
}

// `count` shard paths in `folder`, named as a sharded index's stub lists them.
std::vector<fs::path> shard_paths(const fs::path& folder, std::size_t count) {
    // Every path is named before any thread starts: a thread reading the vector while it grew
    // (and moved) would read freed memory.
    std::vector<fs::path> shards;
    for (std::size_t i = 0; i < count; ++i) shards.push_back(folder / ("shard-" + std::to_string(i)));
    return shards;
}

// A fresh build in `jobs` threads: each builds a shard, then Xapian's compactor merges the
// shards, spelling tables included, into one database.
WriteSummary build_in_shards(const ScratchFolder& scratch, const fs::path& fresh, const std::string& db_path,
                             const PaperList& papers, std::size_t jobs, const WriteOptions& options,
                             PaperCount& count) {
    const std::vector<fs::path> shards = shard_paths(scratch / "parts", jobs);
    fs::create_directory(scratch / "parts");
    WriteSummary summary = build_shards(shards, db_path, papers, options, count);
    if (options.progress) options.progress->merging_shards(jobs);
    Xapian::Database all;
    for (const fs::path& shard : shards) all.add_database(Xapian::Database(shard.string()));
    ShardCompactor compactor;
    all.compact(fresh.string(), Xapian::DBCOMPACT_MULTIPASS, 0, compactor);
    summary.total = Xapian::Database(fresh.string()).get_doccount();
    return summary;
}

// A sharded index: `count` shards kept as they are in the folder `fresh`, and the Xapian stub
// listing them (relative paths: Xapian reads them from the stub's folder, so the index can move).
WriteSummary build_kept_shards(const fs::path& fresh, const std::string& db_path, const PaperList& papers,
                               std::size_t shard_count, const WriteOptions& options, PaperCount& count) {
    fs::create_directory(fresh);
    const std::vector<fs::path> shards = shard_paths(fresh, shard_count);
    WriteSummary summary = build_shards(shards, db_path, papers, options, count);
    std::ofstream stub(fresh / kShardStubFile);
    for (const fs::path& shard : shards) stub << "auto " << shard.filename().string() << "\n";
    if (!stub.flush()) {
        throw IndexError("cannot write " + (fresh / kShardStubFile).string() + ": " + std::strerror(errno));
    }
    summary.total = Xapian::Database(fresh.string()).get_doccount();
    return summary;
}

// A fresh index built beside `db_path` and swapped in: one database, or `shards` kept shards.
WriteSummary rebuild_beside(const std::string& db_path, const PaperList& papers, const WriteOptions& options,
                            std::size_t shards, PaperCount& count) {
    const fs::path target(db_path);
    const ScratchFolder scratch(target);
    // Xapian's write lock on the index being replaced, held until it is swapped out, so that an
    // update cannot commit into a folder this rebuild is about to retire (a damaged index has
    // no lock to take; a sharded one is only ever replaced whole, never updated in place).
    std::optional<Xapian::WritableDatabase> lock;
    if (schema::classify_index_path(db_path) == schema::IndexPath::OwnIndex && shard_count(target) == 0) {
        try {
            lock.emplace(open_for_writing(db_path, Xapian::DB_OPEN, options.wait_seconds));
        } catch (const Xapian::DatabaseError&) {  // damaged: nothing to lock
        }
    }
    const fs::path fresh = scratch / "index";
    const std::optional<Xapian::Database> before = open_if_present(db_path);
    check_unchanged_since_read(db_path, index_state(before), options);
    const std::size_t jobs = std::max<std::size_t>(
        1, std::min(options.jobs, papers.size() / std::max<std::size_t>(1, options.min_papers_per_shard)));
    WriteSummary summary = shards > 1 ? build_kept_shards(fresh, db_path, papers, shards, options, count)
                           : jobs > 1 ? build_in_shards(scratch, fresh, db_path, papers, jobs, options, count)
                                      : build_fresh(fresh, papers, 0, papers.size(), before, options, count);
    summary.removed = before ? ids_to_remove(*before, papers, options).size() : 0;
    mark_as_ours(fresh);
    swap_into_place(fresh, target);  // the old index, if any, goes with the scratch folder
    return summary;
}

// The folder an index path names: absolute, links followed (a link's target is what is written,
// never the link replaced), without "." or a trailing slash.
fs::path resolved(const std::string& db_path) {
    try {
        fs::path target = fs::weakly_canonical(fs::absolute(db_path));
        if (target.filename().empty()) target = target.parent_path();
        if (!target.parent_path().empty()) fs::create_directories(target.parent_path());
        return target;
    } catch (const fs::filesystem_error& e) {
        throw IndexError("cannot use " + db_path + " as an index path: " + e.code().message());
    }
}

// Xapian's files and our marker: what a failed build into an empty folder may have left there.
bool written_by_a_build(const fs::path& entry) {
    const std::string name = entry.filename().string();
    return entry.extension() == ".glass" || name == "iamglass" || name == "flintlock" ||
           name == schema::kIndexMarkerFile;
}

// A first build into an empty folder writes in place: the folder may be a mount point, or the
// working directory, which cannot be swapped. On failure it is emptied of what the build wrote.
WriteSummary build_in_empty_folder(const fs::path& target, const PaperList& papers, const WriteOptions& options,
                                   PaperCount& count) {
    check_unchanged_since_read(target.string(), IndexState{}, options);
    try {
        // Marked first: should the run be killed, what it left is an index of ours (Xapian's
        // last commit, empty at worst) that the next run updates, not a folder it refuses.
        mark_as_ours(target);
        WriteOptions first_build = options;
        first_build.read_state.reset();  // checked above: the folder was empty
        return update_in_place(target.string(), papers, first_build, count);
    } catch (...) {
        std::error_code ignored;
        for (const auto& entry : fs::directory_iterator(target, ignored)) {
            if (written_by_a_build(entry.path())) fs::remove(entry.path(), ignored);
        }
        throw;
    }
}

// `papers`, then the papers of `before` that the write neither replaces nor removes (a sharded
// index's update, which rewrites it whole). The kept papers wait in a temporary file, each made
// when the writer asks for it, as a fresh build's are: a million of them are not held in memory.
class WithKeptPapers : public PaperList {
  public:
    WithKeptPapers(const Xapian::Database& before, const std::string& db_path, const PaperList& papers,
                   const WriteOptions& options)
        : papers_(papers) {
        std::unordered_set<std::string> left_out;
        for (std::size_t i = 0; i < papers.size(); ++i) left_out.insert(schema::id_term(papers.id(i)));
        for (const std::string& id : ids_to_remove(before, papers, options)) left_out.insert(schema::id_term(id));
        for (const std::string& term : stored_id_terms(before)) {
            if (left_out.count(term) != 0) continue;
            ReadRecord kept;
            kept.paper = paper_from_json(Json::parse(stored_paper(before, term)->record));
            kept.where = SourceLocation{db_path, 0};
            kept_ids_.push_back(kept.paper.id);
            kept_.add(std::move(kept));
        }
    }

    std::size_t size() const override { return papers_.size() + kept_.size(); }
    std::size_t kept() const { return kept_.size(); }
    const std::string& id(std::size_t i) const override {
        return i < papers_.size() ? papers_.id(i) : kept_ids_[i - papers_.size()];
    }
    Paper paper(std::size_t i) const override {
        return i < papers_.size() ? papers_.paper(i) : kept_.record(i - papers_.size()).paper;
    }

  private:
    const PaperList& papers_;
    RecordSpool kept_;
    std::vector<std::string> kept_ids_;
};

// Xapian 1.4 writes one database at a time (a WritableDatabase has one shard), so a sharded
// index is never written in place: an update rewrites it whole beside it, the papers the inputs
// do not touch copied over, and swaps it in as a rebuild does.
WriteSummary rewrite_whole(const fs::path& target, const PaperList& papers, const WriteOptions& options,
                           std::size_t shards, PaperCount& count) {
    const std::optional<Xapian::Database> before = open_if_present(target.string());
    if (options.mode == WriteMode::Rebuild || !before) {
        return rebuild_beside(target.string(), papers, options, shards, count);
    }
    const WithKeptPapers all(*before, target.string(), papers, options);
    PaperCount count_of_all(options.progress, all.size());  // the kept papers are written again too
    WriteSummary summary = rebuild_beside(target.string(), all, options, shards, count_of_all);
    summary.unchanged -= all.kept();  // kept, not among the papers written
    return summary;
}

WriteSummary write_resolved(const fs::path& target, const PaperList& papers, const WriteOptions& options) {
    const schema::IndexPath kind = schema::classify_index_path(target.string());
    PaperCount count(options.progress, papers.size());
    const std::size_t shards_now = kind == schema::IndexPath::OwnIndex ? shard_count(target) : 0;
    const std::size_t shards = options.shards > 0 ? options.shards : std::max<std::size_t>(1, shards_now);
    if (shards > 1 || shards_now > 0) return rewrite_whole(target, papers, options, shards, count);
    if (kind == schema::IndexPath::EmptyFolder) return build_in_empty_folder(target, papers, options, count);
    // A first build has nothing to update: build it fresh, in parallel.
    if (options.mode == WriteMode::Rebuild || kind != schema::IndexPath::OwnIndex) {
        return rebuild_beside(target.string(), papers, options, 1, count);
    }
    return update_in_place(target.string(), papers, options, count);
}

}  // namespace

IndexState index_state(const Xapian::Database& index) {
    try {
        return {index.get_uuid(), index.get_revision()};
    } catch (const Xapian::InvalidOperationError&) {
        // Revisions are one database's: a sharded index is only ever replaced whole, by new
        // shards with new UUIDs, so the UUIDs (all its shards', joined) name its commit.
        return {index.get_uuid(), 0};
    }
}

IndexState index_state(const std::optional<Xapian::Database>& index) {
    return index ? index_state(*index) : IndexState{};
}

WriteSummary write_index(const std::string& db_path, const PaperList& papers, const WriteOptions& options) {
    check_writable_target(db_path);  // before links are followed: a link to nothing is not ours
    const fs::path target = resolved(db_path);
    remove_abandoned_scratch(target);
    try {
        return write_resolved(target, papers, options);
    } catch (const Xapian::Error& e) {
        // A write that failed midway (a full disk, a file size limit): Xapian says what the
        // system said; the index path is ours to add.
        throw IndexError("cannot write the index at " + target.string() + ": " + e.get_description());
    }
}

WritePlan plan_index(const std::string& db_path, const PaperList& papers, const WriteOptions& options) {
    check_writable_target(db_path);
    const std::optional<Xapian::Database> before = open_if_present(db_path);
    const Xapian::Database* compared = before ? &*before : nullptr;
    WritePlan plan;
    for (std::size_t i = 0; i < papers.size(); ++i) {
        const Paper paper = papers.paper(i);
        std::optional<StoredPaper> previous;
        switch (change_of(compared, paper, previous)) {
            case Change::Added:
                plan.added.push_back(paper.id);
                break;
            case Change::Updated:
                plan.updated.push_back(paper.id);
                break;
            case Change::Unchanged:
                plan.unchanged.push_back(paper.id);
                break;
        }
    }
    if (before) plan.removed = ids_to_remove(*before, papers, options);
    return plan;
}

WriteSummary write_index(const std::string& db_path, const std::vector<Paper>& papers, const WriteOptions& options) {
    return write_index(db_path, PaperVector(papers), options);
}

WritePlan plan_index(const std::string& db_path, const std::vector<Paper>& papers, const WriteOptions& options) {
    return plan_index(db_path, PaperVector(papers), options);
}

}  // namespace mlsys::indexer
