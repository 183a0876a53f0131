#include "mlsys/indexer/collection.h"

#include "collection/paper_groups.h"
#include "collection/short_ids.h"
#include "mlsys/indexer/index_writer.h"
#include "mlsys/schema/document.h"
#include "mlsys/schema/identity.h"
#include "mlsys/schema/schema.h"
#include "readers/merged_records.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <mutex>
#include <unordered_map>
#include <unordered_set>

namespace mlsys::indexer {

namespace fs = std::filesystem;

namespace {

struct StoredPaper {
    Xapian::docid docid;
    Paper paper;
    std::string matched_by;
};

// Whether a source of `stored` is the file `file`.
bool listed_in(const Paper& stored, const std::string& file) {
    const std::string name = source_file(file);
    return std::any_of(stored.sources.begin(), stored.sources.end(),
                       [&](const std::string& source) { return file_of_source(source) == name; });
}

// Whether `stored` was read from the very line `record` was, under the same title: the same
// paper, read again from an unchanged list (a paper without a year has nothing else to be
// found by: a title alone is too little, and its id is one the collection made up).
bool read_from_the_same_line(const ReadRecord& record, const Paper& stored) {
    if (schema::title_key(record.paper.title) != schema::title_key(stored.title)) return false;
    const std::string where = source_file(record.where.file) + ":" + std::to_string(record.where.line);
    return std::find(stored.sources.begin(), stored.sources.end(), where) != stored.sources.end();
}

// The papers of the index that are the paper `part` is: by identity term (checked by title
// where the term is the title's, or, for a paper without a year, by the line it was read
// from), or, for indexes written before those terms, by its id.
void find_stored(const Xapian::Database& db, const ReadRecord& record, std::map<Xapian::docid, StoredPaper>& found) {
    const Paper& part = record.paper;
    const std::string title_term = schema::title_identity_term(part.title);
    const std::string id_term = schema::id_term(part.id);
    std::vector<std::string> terms = schema::identity_terms(part);
    terms.push_back(id_term);
    for (const std::string& term : terms) {
        for (auto posting = db.postlist_begin(term); posting != db.postlist_end(term); ++posting) {
            if (found.count(*posting)) continue;
            Paper stored = paper_from_document(db.get_document(*posting));
            const bool same_by_title =
                part.year ? schema::same_paper_by_title(part, stored) : read_from_the_same_line(record, stored);
            if (term == title_term && !same_by_title) continue;
            // An id names the same paper with the same title (any year), or, when a list chose
            // it, whatever the edit in that list: else it is a clash, never a replacement.
            if (term == id_term && schema::title_key(part.title) != schema::title_key(stored.title) &&
                !(record.id_origin == IdOrigin::Chosen && listed_in(stored, record.where.file))) {
                continue;
            }
            const std::string why = term == title_term ? "title" : term.substr(schema::kIdentityPrefix.size());
            found.emplace(*posting, StoredPaper{*posting, std::move(stored), term == id_term ? "id" : why});
        }
    }
}

// A stored paper as a part of the merge: only what sources not read this run said.
Paper outside_part(Paper stored, const std::set<std::string>& input_files) {
    stored.sources = sources_outside(stored, input_files);
    return stored;
}

// Assigns every paper its id, and maps every id a part had to it (for links).
class IdAssigner {
  public:
    explicit IdAssigner(const Xapian::Database* index) : index_(index) {}

    // The first of `candidates` that is typeable and free: not taken in this run, and neither
    // reserved for nor held in the index by another paper (`own` are this paper's stored ids).
    bool claim_existing(const std::vector<std::string>& candidates, const std::unordered_set<std::string>& own) {
        for (const std::string& id : candidates) {
            const bool free =
                own.count(id) || (!claimed_.count(id) && !(index_ && index_->term_exists(schema::id_term(id))));
            if (is_typeable_id(id) && !assigned_.count(id) && free) {
                assigned_.insert(id);
                last_ = id;
                return true;
            }
        }
        return false;
    }

    // A fresh short id, free in this run and in the index (`own` are ids of this very paper).
    std::string make(const Paper& paper, const std::unordered_set<std::string>& own) {
        last_ = short_paper_id(paper, [&](const std::string& id) {
            return assigned_.count(id) || claimed_.count(id) ||
                   (!own.count(id) && index_ && index_->term_exists(schema::id_term(id)));
        });
        assigned_.insert(last_);
        return last_;
    }

    // Ids some paper will claim in a later pass, kept from generated ids.
    void reserve(const std::string& id) { claimed_.insert(id); }
    const std::string& last() const { return last_; }

  private:
    const Xapian::Database* index_;
    std::unordered_set<std::string> assigned_;
    std::unordered_set<std::string> claimed_;
    std::string last_;
};

void add_alias(Paper& paper, const std::string& id) {
    if (id == paper.id) return;
    if (std::find(paper.aliases.begin(), paper.aliases.end(), id) == paper.aliases.end()) paper.aliases.push_back(id);
}

void remap_links(std::vector<std::string>& links, const std::unordered_map<std::string, std::string>& new_ids,
                 const std::string& own_id) {
    std::vector<std::string> remapped;
    for (const std::string& link : links) {
        const auto it = new_ids.find(link);
        const std::string& id = it == new_ids.end() ? link : it->second;
        if (id != own_id && std::find(remapped.begin(), remapped.end(), id) == remapped.end()) remapped.push_back(id);
    }
    links = std::move(remapped);
}

// A paper of the index that a group is: what collecting keeps of it.
struct StoredRef {
    Xapian::docid docid;
    std::string id;
};

// One paper: the records it is made of (by number in the spool) and the papers of the index it is.
struct Group {
    std::vector<std::size_t> records;
    std::vector<StoredRef> stored;
    std::vector<std::string> matched_by;  // why each part after the first joined (PaperMerge)
    std::string id;
    bool dropped = false;  // its record is a problem (Collection::problems)
};

// A group's paper, from its records read again and the stored papers read again: what
// collecting needs for a made-up id or a merge's title, and what writing needs for every paper.
// Writing asks from several threads at once (a --jobs build).
class PaperMaker {
  public:
    PaperMaker(std::shared_ptr<const RecordSpool> records, const CollectOptions& options)
        : records_(std::move(records)),
          index_(options.index),
          update_(options.update),
          input_files_(options.input_files) {}

    ReadRecord record(std::size_t i) const { return records_->record(i); }

    std::vector<ReadRecord> records_of(const Group& group) const {
        std::vector<ReadRecord> records;
        records.reserve(group.records.size());
        for (const std::size_t i : group.records) records.push_back(record(i));
        return records;
    }

    // The records merged field by field, with where they were read as the sources; then, in an
    // update, what the stored papers' sources that are not read this run said.
    Paper merged(const Group& group, const std::vector<ReadRecord>& records) const {
        Paper paper = records.front().paper;
        for (std::size_t i = 1; i < records.size(); ++i) merge_paper(paper, records[i].paper);
        paper.sources.clear();  // where the records were read, not what a record says
        for (const ReadRecord& record : records) {
            paper.sources.push_back(source_name(record.where));
            for (const SourceLocation& repeat : record.repeats) paper.sources.push_back(source_name(repeat));
        }
        if (!update_) return paper;
        for (const StoredRef& stored : group.stored) {
            Paper before = stored_paper(stored.docid);
            // Every source read again (or none recorded, from before sources were kept): this
            // run says all there is to say about the paper.
            if (!sources_outside(before, input_files_).empty()) {
                merge_paper(paper, outside_part(std::move(before), input_files_));
            }
        }
        return paper;
    }

    Paper stored_paper(Xapian::docid docid) const {
        const std::lock_guard<std::mutex> lock(index_mutex_);  // a Database is one thread's at a time
        try {
            return paper_from_document(index_->get_document(docid));
        } catch (const Xapian::DatabaseModifiedError&) {
            // Another writer committed since the collection read the index (a dry run or a
            // sharded index's rewrite holds no lock while it reads): --wait collects again.
            throw IndexChanged("the index was written by another mlsys-index while this run read it; run again");
        }
    }

    // "FILE:LINE" with FILE as source_file() names it, resolved once per file (resolving follows
    // links: system calls).
    std::string source_name(const SourceLocation& where) const {
        const std::lock_guard<std::mutex> lock(names_mutex_);
        auto it = names_.find(where.file);
        if (it == names_.end()) it = names_.emplace(where.file, source_file(where.file)).first;
        return it->second + ":" + std::to_string(where.line);
    }

  private:
    std::shared_ptr<const RecordSpool> records_;
    const Xapian::Database* index_;
    bool update_;
    std::set<std::string> input_files_;
    mutable std::mutex index_mutex_;
    mutable std::mutex names_mutex_;
    mutable std::unordered_map<std::string, std::string> names_;
};

// The collection's papers, each made when the writer asks for it.
class CollectedPapers : public PaperList {
  public:
    CollectedPapers(std::shared_ptr<const PaperMaker> maker, std::vector<Group> groups,
                    std::unordered_map<std::string, std::string> new_ids)
        : maker_(std::move(maker)), groups_(std::move(groups)), new_ids_(std::move(new_ids)) {}

    std::size_t size() const override { return groups_.size(); }
    const std::string& id(std::size_t i) const override { return groups_[i].id; }

    // The merged paper under its id, known by the ids its records and stored papers had, its
    // links following the new ids.
    Paper paper(std::size_t i) const override {
        const Group& group = groups_[i];
        const std::vector<ReadRecord> records = maker_->records_of(group);
        Paper paper = maker_->merged(group, records);
        paper.id = group.id;
        for (const ReadRecord& record : records) {
            if (record.id_origin != IdOrigin::Derived) add_alias(paper, record.paper.id);
        }
        for (const StoredRef& stored : group.stored) {
            if (is_typeable_id(stored.id)) add_alias(paper, stored.id);
        }
        remap_links(paper.references, new_ids_, paper.id);
        remap_links(paper.citations, new_ids_, paper.id);
        return paper;
    }

  private:
    std::shared_ptr<const PaperMaker> maker_;
    std::vector<Group> groups_;
    // Every id a record or stored paper had, to the id of its paper; empty when no paper links.
    std::unordered_map<std::string, std::string> new_ids_;
};

// What collecting keeps of each record after its first reading.
struct RecordId {
    std::string id;
    IdOrigin origin;
};

class Collector {
  public:
    Collector(const std::shared_ptr<const RecordSpool>& records, const CollectOptions& options)
        : records_(records),
          options_(options),
          maker_(std::make_shared<PaperMaker>(records, options)),
          ids_(options.index) {}

    Collection collect() {
        read_ids();
        group();
        assign_ids();
        return finish();
    }

  private:
    void read_ids() {
        record_ids_.reserve(records_->size());
        for (std::size_t i = 0; i < records_->size(); ++i) {
            ReadRecord record = records_->record(i);
            has_links_ = has_links_ || links(record.paper);
            record_ids_.push_back({std::move(record.paper.id), record.id_origin});
        }
    }

    static bool links(const Paper& paper) { return !paper.references.empty() || !paper.citations.empty(); }

    void group() {
        std::vector<PaperGroup> groups =
            group_same_papers(records_->size(), [&](std::size_t i) { return records_->record(i).paper; });
        groups_.reserve(groups.size());
        for (PaperGroup& found : groups) {
            Group group;
            group.records = std::move(found.members);
            group.matched_by = std::move(found.matched_by);
            if (options_.index) add_stored(group);
            groups_.push_back(std::move(group));
        }
    }

    // A paper of the index joins the first group that is it, and no other.
    void add_stored(Group& group) {
        std::map<Xapian::docid, StoredPaper> found;
        for (const std::size_t i : group.records) find_stored(*options_.index, records_->record(i), found);
        for (auto& [docid, stored] : found) {
            if (!stored_taken_.insert(docid).second) continue;
            has_links_ = has_links_ || links(stored.paper);
            group.matched_by.push_back(stored.matched_by);
            group.stored.push_back({docid, std::move(stored.paper.id)});
        }
    }

    // Three passes, so that a paper the index holds keeps its id whatever the input order,
    // and an id a list chose beats one we make up.
    void assign_ids() {
        std::vector<bool> done(groups_.size(), false);
        for (const Group& group : groups_) {
            for (const StoredRef& stored : group.stored) ids_.reserve(stored.id);
        }
        for (std::size_t i = 0; i < groups_.size(); ++i) {
            std::vector<std::string> stored_ids;
            for (const StoredRef& stored : groups_[i].stored) stored_ids.push_back(stored.id);
            done[i] = ids_.claim_existing(stored_ids, own_ids(groups_[i]));
            if (done[i]) {
                groups_[i].id = ids_.last();
                claimed_by_.emplace(ids_.last(), groups_[i].records.front());
            }
        }
        for (std::size_t i = 0; i < groups_.size(); ++i) {
            if (!done[i]) done[i] = claim_chosen_id(groups_[i]);
        }
        for (std::size_t i = 0; i < groups_.size(); ++i) {
            if (done[i]) continue;
            Group& group = groups_[i];
            group.id = ids_.make(maker_->merged(group, maker_->records_of(group)), own_ids(group));
        }
    }

    // The first id a list chose for the paper. An id that another paper of this run or of the
    // index has is a mistake in the list, not a clash to resolve by renaming: the record is left out.
    bool claim_chosen_id(Group& group) {
        for (const std::size_t i : group.records) {
            const RecordId& record = record_ids_[i];
            if (record.origin != IdOrigin::Chosen || !is_typeable_id(record.id)) continue;
            if (ids_.claim_existing({record.id}, own_ids(group))) {
                claimed_by_.emplace(record.id, i);
                group.id = record.id;
                return true;
            }
            const auto other = claimed_by_.find(record.id);
            std::string whose =
                "the index holds it for a paper of another title and other files (--rebuild "
                "replaces the index with these inputs)";
            if (other != claimed_by_.end()) {
                const SourceLocation where = records_->record(other->second).where;
                whose = where.file + ":" + std::to_string(where.line) + " has it for another paper";
            }
            problems_.push_back(
                Problem{records_->record(i).where, "id", "duplicate id \"" + record.id + "\": " + whose});
            group.dropped = true;
            return true;
        }
        return false;
    }

    static std::unordered_set<std::string> own_ids(const Group& group) {
        std::unordered_set<std::string> own;
        for (const StoredRef& stored : group.stored) own.insert(stored.id);
        return own;
    }

    // How the group was made of several records, or renamed a stored paper.
    PaperMerge merge_of(const Group& group) const {
        const std::vector<ReadRecord> records = maker_->records_of(group);
        PaperMerge merge;
        merge.id = group.id;
        merge.title = maker_->merged(group, records).title;
        for (const ReadRecord& record : records) {
            merge.parts.push_back(maker_->source_name(record.where) + " (" + record.paper.id + ")");
        }
        for (const StoredRef& stored : group.stored) merge.parts.push_back("index (" + stored.id + ")");
        merge.matched_by = group.matched_by;
        return merge;
    }

    Collection finish() {
        Collection collection;
        collection.problems = std::move(problems_);
        groups_.erase(std::remove_if(groups_.begin(), groups_.end(), [](const Group& g) { return g.dropped; }),
                      groups_.end());
        std::unordered_map<std::string, std::string> new_ids;
        for (const Group& group : groups_) {
            if (has_links_) {
                for (const std::size_t i : group.records) new_ids.emplace(record_ids_[i].id, group.id);
            }
            bool renamed = false;
            for (const StoredRef& stored : group.stored) {
                if (has_links_) new_ids.emplace(stored.id, group.id);
                if (stored.id == group.id) continue;
                collection.retired_ids.push_back(stored.id);
                renamed = true;
            }
            collection.merged_records += group.records.size() - 1;
            if (group.records.size() > 1 || renamed) collection.merges.push_back(merge_of(group));
        }
        collection.papers = std::make_unique<CollectedPapers>(maker_, std::move(groups_), std::move(new_ids));
        return collection;
    }

    std::shared_ptr<const RecordSpool> records_;
    const CollectOptions& options_;
    std::shared_ptr<PaperMaker> maker_;
    IdAssigner ids_;
    std::vector<RecordId> record_ids_;
    bool has_links_ = false;  // some record or stored paper links to others: links need new ids
    std::vector<Group> groups_;
    std::unordered_map<std::string, std::size_t> claimed_by_;  // each kept id, to the record it was read from
    std::unordered_set<Xapian::docid> stored_taken_;
    std::vector<Problem> problems_;
};

}  // namespace

std::string source_file(const std::string& path) {
    std::error_code error;
    const fs::path canonical = fs::weakly_canonical(fs::absolute(path), error);
    return error ? fs::absolute(path).lexically_normal().string() : canonical.string();
}

std::string file_of_source(const std::string& source) {
    return source.substr(0, source.rfind(':'));
}

std::vector<std::string> sources_outside(const Paper& paper, const std::set<std::string>& input_files) {
    std::vector<std::string> outside;
    std::copy_if(paper.sources.begin(), paper.sources.end(), std::back_inserter(outside),
                 [&](const std::string& source) { return input_files.count(file_of_source(source)) == 0; });
    return outside;
}

Collection collect_papers(const std::shared_ptr<const RecordSpool>& records, const CollectOptions& options) {
    return Collector(records, options).collect();
}

Collection collect_papers(const std::vector<ReadRecord>& records, const CollectOptions& options) {
    auto spool = std::make_shared<RecordSpool>();
    for (const ReadRecord& record : records) spool->add(record);
    return collect_papers(spool, options);
}

}  // namespace mlsys::indexer
