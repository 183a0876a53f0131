#include "mlsys/indexer/collection.h"

#include "collection/paper_groups.h"
#include "collection/short_ids.h"
#include "mlsys/schema/document.h"
#include "mlsys/schema/identity.h"
#include "mlsys/schema/schema.h"
#include "readers/merged_records.h"

#include <algorithm>
#include <filesystem>
#include <map>
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

// "FILE:LINE" with FILE as source_file() names it, resolved once per file, not once per record
// (resolving follows links: system calls).
class SourceNames {
  public:
    std::string operator()(const SourceLocation& where) {
        auto it = files_.find(where.file);
        if (it == files_.end()) it = files_.emplace(where.file, source_file(where.file)).first;
        return it->second + ":" + std::to_string(where.line);
    }

  private:
    std::unordered_map<std::string, std::string> files_;
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

// One group of records on its way to one paper.
struct Pending {
    Paper paper;
    std::vector<const ReadRecord*> records;
    std::vector<StoredPaper> stored;
    PaperMerge merge;
    bool dropped = false;  // its record is a problem (Collection::problems)
};

class Collector {
  public:
    Collector(std::vector<ReadRecord> records, const CollectOptions& options)
        : records_(std::move(records)), options_(options), ids_(options.index) {}

    Collection collect() {
        group();
        assign_ids();
        return finish();
    }

  private:
    void group() {
        std::vector<const Paper*> papers;
        papers.reserve(records_.size());
        for (const ReadRecord& record : records_) papers.push_back(&record.paper);
        const std::vector<PaperGroup> groups = group_same_papers(papers);
        pending_.reserve(groups.size());
        for (const PaperGroup& group : groups) pending_.push_back(merged(group));
    }

    Pending merged(const PaperGroup& group) {
        Pending pending;
        for (const std::size_t i : group.members) pending.records.push_back(&records_[i]);
        pending.paper = records_[group.members.front()].paper;
        for (const ReadRecord* record : pending.records) {
            if (record != pending.records.front()) merge_paper(pending.paper, record->paper);
        }
        pending.paper.sources.clear();  // where the records were read, not what a record says
        for (const ReadRecord* record : pending.records) {
            const std::string where = source_name_(record->where);
            pending.paper.sources.push_back(where);
            for (const SourceLocation& repeat : record->repeats) pending.paper.sources.push_back(source_name_(repeat));
            pending.merge.parts.push_back(where + " (" + record->paper.id + ")");
        }
        pending.merge.matched_by = group.matched_by;
        if (options_.index) add_stored(pending);
        // The later passes need only the ids of the records and stored papers: their text is in
        // the pending paper now, and kept whole it would hold every paper two or three times
        // over while the index is written.
        for (const std::size_t i : group.members) keep_only_id(records_[i].paper);
        for (StoredPaper& stored : pending.stored) keep_only_id(stored.paper);
        return pending;
    }

    // Moved out whole, so that its text is freed here: assigning a paper of short strings over it
    // would keep every string's buffer (a string moved from a short one keeps its capacity).
    static void keep_only_id(Paper& paper) {
        Paper whole = std::move(paper);
        paper = Paper{};
        paper.id = std::move(whole.id);
    }

    // A paper of the index joins the first group that is it, and no other.
    void add_stored(Pending& pending) {
        std::map<Xapian::docid, StoredPaper> found;
        for (const ReadRecord* record : pending.records) find_stored(*options_.index, *record, found);
        for (auto& [docid, stored] : found) {
            if (!stored_taken_.insert(docid).second) continue;
            // Every source read again (or none recorded, from before sources were kept): this
            // run says all there is to say about the paper.
            if (options_.update && !sources_outside(stored.paper, options_.input_files).empty()) {
                merge_paper(pending.paper, outside_part(stored.paper, options_.input_files));
            }
            pending.merge.parts.push_back("index (" + stored.paper.id + ")");
            pending.merge.matched_by.push_back(stored.matched_by);
            pending.stored.push_back(std::move(stored));
        }
    }

    // Three passes, so that a paper the index holds keeps its id whatever the input order,
    // and an id a list chose beats one we make up.
    void assign_ids() {
        std::vector<bool> done(pending_.size(), false);
        for (Pending& p : pending_) {
            for (const StoredPaper& stored : p.stored) ids_.reserve(stored.paper.id);
        }
        for (std::size_t i = 0; i < pending_.size(); ++i) {
            std::vector<std::string> stored_ids;
            for (const StoredPaper& stored : pending_[i].stored) stored_ids.push_back(stored.paper.id);
            done[i] = ids_.claim_existing(stored_ids, own_ids(pending_[i]));
            if (done[i]) {
                pending_[i].paper.id = ids_.last();
                claimed_at_.emplace(ids_.last(), pending_[i].records.front()->where);
            }
        }
        for (std::size_t i = 0; i < pending_.size(); ++i) {
            if (!done[i]) done[i] = claim_chosen_id(pending_[i]);
        }
        for (std::size_t i = 0; i < pending_.size(); ++i) {
            if (!done[i]) pending_[i].paper.id = ids_.make(pending_[i].paper, own_ids(pending_[i]));
        }
    }

    // The first id a list chose for the paper. An id that another paper of this run or of the
    // index has is a mistake in the list, not a clash to resolve by renaming: the record is left out.
    bool claim_chosen_id(Pending& pending) {
        for (const ReadRecord* record : pending.records) {
            if (record->id_origin != IdOrigin::Chosen || !is_typeable_id(record->paper.id)) continue;
            const std::string& id = record->paper.id;
            if (ids_.claim_existing({id}, own_ids(pending))) {
                claimed_at_.emplace(id, record->where);
                pending.paper.id = id;
                return true;
            }
            const auto other = claimed_at_.find(id);
            const std::string whose =
                other == claimed_at_.end()
                    ? "the index holds it for a paper of another title and other files (--rebuild replaces the "
                      "index with these inputs)"
                    : other->second.file + ":" + std::to_string(other->second.line) + " has it for another paper";
            problems_.push_back(Problem{record->where, "id", "duplicate id \"" + id + "\": " + whose});
            pending.dropped = true;
            return true;
        }
        return false;
    }

    static std::unordered_set<std::string> own_ids(const Pending& pending) {
        std::unordered_set<std::string> own;
        for (const StoredPaper& stored : pending.stored) own.insert(stored.paper.id);
        return own;
    }

    Collection finish() {
        Collection collection;
        std::unordered_map<std::string, std::string> new_ids;
        collection.problems = std::move(problems_);
        pending_.erase(std::remove_if(pending_.begin(), pending_.end(), [](const Pending& p) { return p.dropped; }),
                       pending_.end());
        for (Pending& p : pending_) {
            for (const ReadRecord* record : p.records) {
                new_ids.emplace(record->paper.id, p.paper.id);
                if (record->id_origin != IdOrigin::Derived) add_alias(p.paper, record->paper.id);
            }
            for (const StoredPaper& stored : p.stored) {
                new_ids.emplace(stored.paper.id, p.paper.id);
                if (is_typeable_id(stored.paper.id)) add_alias(p.paper, stored.paper.id);
                if (stored.paper.id != p.paper.id) collection.retired_ids.push_back(stored.paper.id);
            }
            collection.merged_records += p.records.size() - 1;
            const bool renamed = std::any_of(p.stored.begin(), p.stored.end(),
                                             [&](const StoredPaper& s) { return s.paper.id != p.paper.id; });
            if (p.records.size() > 1 || renamed) {
                p.merge.id = p.paper.id;
                p.merge.title = p.paper.title;
                collection.merges.push_back(std::move(p.merge));
            }
        }
        records_ = {};  // only their ids were left, and those are in new_ids now
        collection.papers.reserve(pending_.size());
        for (Pending& p : pending_) {
            remap_links(p.paper.references, new_ids, p.paper.id);
            remap_links(p.paper.citations, new_ids, p.paper.id);
            collection.papers.push_back(std::move(p.paper));
        }
        return collection;
    }

    std::vector<ReadRecord> records_;
    const CollectOptions& options_;
    IdAssigner ids_;
    std::vector<Pending> pending_;
    std::unordered_map<std::string, SourceLocation> claimed_at_;  // where each kept id was read
    std::unordered_set<Xapian::docid> stored_taken_;
    std::vector<Problem> problems_;
    SourceNames source_name_;
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

Collection collect_papers(std::vector<ReadRecord> records, const CollectOptions& options) {
    return Collector(std::move(records), options).collect();
}

}  // namespace mlsys::indexer
