#include "allowed_papers.h"

#include "field_values.h"

namespace mlsys::query {

namespace {

// Marks each matching docid; Document::get_docid reads nothing from disk.
class DocidSpy : public Xapian::MatchSpy {
  public:
    explicit DocidSpy(std::vector<bool>& docids) : docids_(docids) {}
    void operator()(const Xapian::Document& doc, double) override { docids_[doc.get_docid()] = true; }

  private:
    std::vector<bool>& docids_;
};

}  // namespace

AllowedPapers::AllowedPapers(const Xapian::Database& db,
                             const std::vector<std::pair<schema::FieldId, Xapian::Query>>& filters) {
    Xapian::Enquire enquire(db);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    if (db.size() == 1) {
        for (const auto& [field, query] : filters) {
            filters_.push_back({field, std::vector<bool>(db.get_lastdocid() + 1, false)});
            DocidSpy spy(filters_.back().docids);
            enquire.set_query(query);
            enquire.clear_matchspies();
            enquire.add_matchspy(&spy);
            enquire.get_mset(0, 0, db.get_doccount());
        }
        return;
    }
    enquire.set_query(all_filters(filters));
    const Xapian::MSet papers = enquire.get_mset(0, db.get_doccount());
    for (auto it = papers.begin(); it != papers.end(); ++it) ids_.insert(it.get_document().get_value(id_slot_));
}

bool AllowedPapers::operator()(const Xapian::Document& doc) const {
    if (!by_docid()) return ids_.count(doc.get_value(id_slot_)) != 0;
    const Xapian::docid docid = doc.get_docid();
    const Filter* failed = nullptr;
    for (const Filter& filter : filters_) {
        if (filter.allows(docid)) continue;
        if (failed) return false;  // two filters fail: no facet counts it
        failed = &filter;
    }
    if (counters_) count(doc, failed);
    return failed == nullptr;
}

void AllowedPapers::count(const Xapian::Document& doc, const Filter* failed) const {
    for (const auto& [field, counter] : *counters_) {
        if (!failed || failed->field == field) (*counter->spy())(doc, 0);
    }
}

}  // namespace mlsys::query
